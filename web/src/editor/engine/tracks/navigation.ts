/**
 * Keyframe navigation of a track: the keyframe before or after a frame, the first and the last.
 *
 * Decisions:
 * - Only effective keyframes count: one on a deleted frame is ignored by interpolation, so
 *   stopping there would show nothing of it.
 * - A skeleton's keyframes include its elements': moving one keypoint makes a keyframe of that
 *   element only, and the user expects "next keyframe" to stop where the drawing changed.
 * - Frames come from the remembered timelines (keyframes.ts), so each call is a binary search.
 */

import type { TrackObject } from "../document/model";
import { keyframeTimeline, lastAtOrBefore, NO_DELETED_FRAMES } from "./keyframes";
import type { KeyframedTrack } from "./types";

/** Options of navigation: the job's deleted frames, whose keyframes do not count. */
export interface KeyframeNavigationOptions {
  readonly deletedFrames?: ReadonlySet<number>;
}

interface Memo {
  readonly deletedFrames: ReadonlySet<number>;
  readonly frames: readonly number[];
}

const skeletonMemo = new WeakMap<TrackObject, Memo>();

/** Frames of the track's keyframes (a skeleton's and its elements'), ascending, without repeats. */
export function keyframeFrames(
  track: KeyframedTrack | TrackObject,
  options: KeyframeNavigationOptions = {},
): readonly number[] {
  const deletedFrames = options.deletedFrames ?? NO_DELETED_FRAMES;
  const own = keyframeTimeline(track, deletedFrames).frames;
  if (!("elements" in track) || track.elements.length === 0) return own;
  const known = skeletonMemo.get(track);
  if (known !== undefined && known.deletedFrames === deletedFrames) return known.frames;
  const all = new Set(own);
  for (const element of track.elements) {
    for (const frame of keyframeTimeline(element, deletedFrames).frames) all.add(frame);
  }
  const frames = [...all].sort((a, b) => a - b);
  skeletonMemo.set(track, { deletedFrames, frames });
  return frames;
}

/** The last keyframe strictly before `frame`, or null. */
export function previousKeyframe(
  track: KeyframedTrack | TrackObject,
  frame: number,
  options: KeyframeNavigationOptions = {},
): number | null {
  const frames = keyframeFrames(track, options);
  const index = lastAtOrBefore(frames, frame - 1);
  return index < 0 ? null : frames[index];
}

/** The first keyframe strictly after `frame`, or null. */
export function nextKeyframe(
  track: KeyframedTrack | TrackObject,
  frame: number,
  options: KeyframeNavigationOptions = {},
): number | null {
  const frames = keyframeFrames(track, options);
  return frames[lastAtOrBefore(frames, frame) + 1] ?? null;
}

export function firstKeyframe(
  track: KeyframedTrack | TrackObject,
  options: KeyframeNavigationOptions = {},
): number | null {
  return keyframeFrames(track, options)[0] ?? null;
}

export function lastKeyframe(
  track: KeyframedTrack | TrackObject,
  options: KeyframeNavigationOptions = {},
): number | null {
  return keyframeFrames(track, options).at(-1) ?? null;
}
