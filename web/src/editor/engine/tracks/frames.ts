/**
 * What the canvas asks of tracks: a track's shape on one frame, and every track's shape on the
 * frame being drawn. Each answer equals the server's expansion of that one frame
 * (`expand_track(track, frame, frame, …)`), found by binary search over the track's effective
 * keyframes (remembered per track object, see keyframes.ts): a frame costs O(log keyframes) plus
 * the interpolation itself, however long the track.
 *
 * Decisions:
 * - `null` means the track shows nothing on that frame: it has not started, the frame is deleted
 *   or not included, or (without `includeOutside`) it is inside an outside stretch. An outside
 *   keyframe is always returned, flagged `outside`, as the server returns it.
 * - `trackShapeAt` returns a keyframe as the same object on every call (until the track changes);
 *   computed frames, and every `trackFrameAt` answer, are new objects.
 * - A broken track (mixed types, two keyframes on one frame, mismatched coordinates) throws
 *   `InterpolationError`, as on the server; `trackFramesOn` lets one such track not hide the rest.
 */

import type { TrackObject } from "../document/model";
import { generated } from "./expansion";
import { InterpolationError, interpolatePoints } from "./interpolation";
import { keyframeTimeline, lastAtOrBefore } from "./keyframes";
import type { KeyframedTrack, TrackElementShape, TrackFrame, TrackFrameOptions, TrackShape } from "./types";

/** The shape of a track without its skeleton elements on `frame`, or null if it shows none there. */
export function trackShapeAt(track: KeyframedTrack, frame: number, options: TrackFrameOptions = {}): TrackShape | null {
  if (!isShownFrame(track, frame, options)) return null;
  const { keyframes, frames } = keyframeTimeline(track, options.deletedFrames);
  const index = lastAtOrBefore(frames, frame);
  if (index < 0) return null; // the first keyframe is still to come
  const left = keyframes[index];
  if (left.frame === frame) return left;
  if (left.outside && !(options.includeOutside ?? false)) return null;
  const right = keyframes[index + 1];
  if (right === undefined) return generated(left, frame, left.points, left.rotation);
  const { points, rotation } = interpolatePoints(left.type, left, right, frame, options.is3d ?? false);
  return generated(left, frame, points, rotation);
}

/**
 * A track's frame with its skeleton elements (in element order; elements that have not started
 * are absent), or null. Unless `includeOutside`, a skeleton whose elements are all outside shows
 * nothing, as on the server.
 */
export function trackFrameAt(track: TrackObject, frame: number, options: TrackFrameOptions = {}): TrackFrame | null {
  const parent = trackShapeAt(track, frame, options);
  if (parent === null) return null;
  if (track.elements.length === 0) return { ...parent, elements: NO_ELEMENTS };
  // Elements follow their parent: their outside state is data (a hidden keypoint), not a reason
  // to drop the frame, so they are always asked with their outside shapes.
  const elementOptions: TrackFrameOptions = { ...options, includeOutside: true };
  const elements: TrackElementShape[] = [];
  track.elements.forEach((element, elementIndex) => {
    const shape = trackShapeAt(element, frame, elementOptions);
    if (shape !== null) elements.push({ ...shape, elementIndex, labelId: element.labelId });
  });
  if (!(options.includeOutside ?? false) && elements.length > 0 && elements.every((element) => element.outside)) {
    return null;
  }
  return { ...parent, elements };
}

/** The server's window test: from the track's first frame on, not deleted, included if limited. */
function isShownFrame(track: KeyframedTrack, frame: number, options: TrackFrameOptions): boolean {
  if (frame < track.frame || (options.deletedFrames?.has(frame) ?? false)) return false;
  return options.includedFrames == null || options.includedFrames.has(frame);
}

const NO_ELEMENTS: readonly TrackElementShape[] = Object.freeze([]);

/** A track shown on a frame, for drawing. */
export interface TrackOnFrame {
  readonly track: TrackObject;
  readonly shape: TrackFrame;
}

/** A track that could not be shown: its data breaks an interpolation rule. */
export interface TrackFrameFailure {
  readonly track: TrackObject;
  readonly error: InterpolationError;
}

export interface TracksOnFrame {
  /** The tracks that show something on the frame, in the order given. */
  readonly shown: TrackOnFrame[];
  /** Tracks whose data could not be interpolated (reported, not thrown, so the rest still draw). */
  readonly failed: TrackFrameFailure[];
}

/** Every given track's frame on `frame`: one binary search per track, no expansion. */
export function trackFramesOn(
  tracks: Iterable<TrackObject>,
  frame: number,
  options: TrackFrameOptions = {},
): TracksOnFrame {
  const shown: TrackOnFrame[] = [];
  const failed: TrackFrameFailure[] = [];
  for (const track of tracks) {
    try {
      const shape = trackFrameAt(track, frame, options);
      if (shape !== null) shown.push({ track, shape });
    } catch (error) {
      if (!(error instanceof InterpolationError)) throw error; // a bug, not bad data
      failed.push({ track, error });
    }
  }
  return { shown, failed };
}
