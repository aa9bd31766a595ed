/**
 * A track's shapes over a range of frames: a port of the server's `expand_track` and
 * `expand_skeleton_track` (contour/core/annotations/interpolation.py), kept loop for loop so the
 * shared vectors check the very rules the server runs. For one frame, use `trackFrameAt` (frames.ts):
 * it answers the same, by binary search instead of a walk over the track.
 *
 * Ranges are inclusive (`start..stop`), as the server's. Keyframes come back with `keyframe: true`
 * and their inherited attributes; frames between keyframes are interpolated, frames after the last
 * visible keyframe repeat it. Outside stretches are skipped unless `includeOutside` (outside
 * keyframes themselves are always returned); deleted frames and, when given, frames not in
 * `includedFrames` get nothing. Computed shapes copy the left keyframe but for points and rotation.
 */

import type { TrackObject } from "../document/model";
import { interpolatePoints } from "./interpolation";
import { keyframeTimeline } from "./keyframes";
import type { KeyframedTrack, TrackElementShape, TrackFrame, TrackFrameOptions, TrackShape } from "./types";

/** The track's shape on every frame of `start..stop` where it has one, in frame order. */
export function expandTrack(
  track: KeyframedTrack,
  start: number,
  stop: number,
  options: TrackFrameOptions = {},
): TrackShape[] {
  const includeOutside = options.includeOutside ?? false;
  const is3d = options.is3d ?? false;
  const window = new FrameWindow(Math.max(start, track.frame), stop, options);
  const result: TrackShape[] = [];
  let previous: TrackShape | null = null;
  for (const current of keyframeTimeline(track, options.deletedFrames).keyframes) {
    if (previous !== null && (includeOutside || !previous.outside)) {
      for (const frame of window.framesBetween(previous.frame, current.frame)) {
        const { points, rotation } = interpolatePoints(previous.type, previous, current, frame, is3d);
        result.push(generated(previous, frame, points, rotation));
      }
    }
    // A keyframe past the range only bounds the interpolation into it.
    if (current.frame > window.last) return result;
    if (window.has(current.frame)) result.push(current);
    previous = current;
  }
  if (previous !== null && (includeOutside || !previous.outside)) {
    for (const frame of window.framesBetween(previous.frame, window.last + 1)) {
      result.push(generated(previous, frame, previous.points, previous.rotation));
    }
  }
  return result;
}

/**
 * Each frame of a track with its skeleton elements' shapes on that frame, in element order.
 * Elements follow their parent: they are expanded with their outside shapes, on the parent's
 * frames only; unless `includeOutside`, a frame whose elements are all outside is dropped.
 */
export function expandSkeletonTrack(
  track: TrackObject,
  start: number,
  stop: number,
  options: TrackFrameOptions = {},
): TrackFrame[] {
  const parents = expandTrack(track, start, stop, options);
  const byFrame = new Map<number, TrackElementShape[]>(parents.map((parent) => [parent.frame, []]));
  const elementOptions: TrackFrameOptions = {
    ...options,
    includeOutside: true,
    includedFrames: new Set(byFrame.keys()),
  };
  track.elements.forEach((element, elementIndex) => {
    for (const shape of expandTrack(element, start, stop, elementOptions)) {
      byFrame.get(shape.frame)?.push({ ...shape, elementIndex, labelId: element.labelId });
    }
  });
  const frames: TrackFrame[] = [];
  for (const parent of parents) {
    const elements = byFrame.get(parent.frame) ?? [];
    if (options.includeOutside || elements.length === 0 || !elements.every((element) => element.outside)) {
      frames.push({ ...parent, elements });
    }
  }
  return frames;
}

/** A computed frame: the left keyframe's fields with new geometry. */
export function generated(
  left: TrackShape,
  frame: number,
  points: readonly number[],
  rotation: number,
): TrackShape {
  return { ...left, frame, points, rotation, keyframe: false };
}

/** The frames a caller asked for: first..last inclusive, minus deleted ones, within included ones. */
class FrameWindow {
  private readonly deleted: ReadonlySet<number> | undefined;
  private readonly included: ReadonlySet<number> | null | undefined;

  constructor(
    readonly first: number,
    readonly last: number,
    options: TrackFrameOptions,
  ) {
    this.deleted = options.deletedFrames;
    this.included = options.includedFrames;
  }

  has(frame: number): boolean {
    return (
      this.first <= frame &&
      frame <= this.last &&
      !(this.deleted?.has(frame) ?? false) &&
      (this.included == null || this.included.has(frame))
    );
  }

  /** Wanted frames strictly between `after` and `before`. */
  *framesBetween(after: number, before: number): Generator<number> {
    const end = Math.min(before - 1, this.last);
    for (let frame = Math.max(after + 1, this.first); frame <= end; frame++) {
      if (this.has(frame)) yield frame;
    }
  }
}
