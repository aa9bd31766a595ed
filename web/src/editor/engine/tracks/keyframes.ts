/**
 * A track's effective keyframes (the server's `_effective_keyframes`): sorted by frame, those on
 * deleted frames dropped, each carrying the mutable attribute values it does not set itself over
 * from the keyframe before (values persist until a keyframe changes them), and the binary search
 * that finds the keyframes around a frame.
 *
 * Decisions:
 * - Built once per track object and deleted-frame set, and remembered in a WeakMap keyed by the
 *   track: the document's objects are immutable, so an edit makes a new track object (a new entry)
 *   and the old one is collected with it. A per-frame query then costs O(log keyframes), never a
 *   walk over the track. The memo is a pure cache: nothing else reads or shares it.
 * - The set of deleted frames is compared by identity (the job's frames keep one set until a frame
 *   is deleted or restored); another set simply rebuilds the timeline.
 * - Validation is the server's: keyframes of mixed types or two keyframes on one frame make the
 *   whole track an `InterpolationError`, even where a frame would not need them.
 */

import type { AttributeValues } from "../document/model";
import { InterpolationError } from "./interpolation";
import type { KeyframedTrack, TrackShape } from "./types";

export interface KeyframeTimeline {
  /** Effective keyframes in frame order, as shapes (`keyframe: true`, inherited attributes). */
  readonly keyframes: readonly TrackShape[];
  /** `keyframes[i].frame`, ascending, for the binary search. */
  readonly frames: readonly number[];
}

/** The default deleted-frame set: pass the job's own set everywhere, or none everywhere. */
export const NO_DELETED_FRAMES: ReadonlySet<number> = new Set<number>();

interface Memo {
  readonly deletedFrames: ReadonlySet<number>;
  readonly timeline: KeyframeTimeline;
}

const memo = new WeakMap<KeyframedTrack, Memo>();

/** The track's effective keyframes; remembered per track object and deleted-frame set. */
export function keyframeTimeline(
  track: KeyframedTrack,
  deletedFrames: ReadonlySet<number> = NO_DELETED_FRAMES,
): KeyframeTimeline {
  const known = memo.get(track);
  if (known !== undefined && known.deletedFrames === deletedFrames) return known.timeline;
  const timeline = buildTimeline(track, deletedFrames);
  memo.set(track, { deletedFrames, timeline });
  return timeline;
}

function buildTimeline(track: KeyframedTrack, deletedFrames: ReadonlySet<number>): KeyframeTimeline {
  const types = new Set(track.keyframes.map((keyframe) => keyframe.type));
  if (types.size > 1) {
    throw new InterpolationError(`a track's keyframes must share one shape type, got ${[...types].sort().join(", ")}`);
  }
  const keyframes: TrackShape[] = [];
  // Array sort is stable, as Python's `sorted`: equal frames keep their order (and are refused below).
  const sorted = [...track.keyframes].sort((a, b) => a.frame - b.frame);
  for (const keyframe of sorted) {
    if (deletedFrames.has(keyframe.frame)) continue;
    let attributes: AttributeValues = keyframe.attributes;
    const previous = keyframes.at(-1);
    if (previous !== undefined) {
      if (previous.frame === keyframe.frame) {
        throw new InterpolationError(`a track has two keyframes on frame ${keyframe.frame}`);
      }
      attributes = { ...previous.attributes, ...keyframe.attributes };
    }
    keyframes.push({
      type: keyframe.type,
      frame: keyframe.frame,
      points: keyframe.points,
      rotation: keyframe.rotation,
      occluded: keyframe.occluded,
      outside: keyframe.outside,
      zOrder: keyframe.zOrder,
      attributes,
      keyframe: true,
    });
  }
  return { keyframes, frames: keyframes.map((keyframe) => keyframe.frame) };
}

/** Index of the last of the ascending `frames` at or before `frame`; -1 when all come after it. */
export function lastAtOrBefore(frames: readonly number[], frame: number): number {
  let low = 0;
  let high = frames.length; // invariant: frames[< low] <= frame < frames[>= high]
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (frames[middle] <= frame) low = middle + 1;
    else high = middle;
  }
  return low - 1;
}
