/** Builders for the track engine's tests: keyframes and tracks in the editor's model. */

import type { TrackElement, TrackKeyframe, TrackObject } from "../document/model";

export function keyframe(
  frame: number,
  points: readonly number[],
  overrides: Partial<TrackKeyframe> = {},
): TrackKeyframe {
  return {
    type: "rectangle",
    frame,
    points,
    rotation: 0,
    occluded: false,
    outside: false,
    zOrder: 0,
    attributes: {},
    extras: {},
    ...overrides,
  };
}

/** A track of the given keyframes; its frame is the first keyframe's unless overridden. */
export function track(keyframes: readonly TrackKeyframe[], overrides: Partial<TrackObject> = {}): TrackObject {
  return {
    kind: "track",
    clientId: "track:1",
    frame: Math.min(...keyframes.map((k) => k.frame)),
    labelId: 1,
    attributes: {},
    group: 0,
    source: "manual",
    extras: {},
    keyframes,
    elements: [],
    ...overrides,
  };
}

export function element(labelId: number, keyframes: readonly TrackKeyframe[]): TrackElement {
  return {
    frame: Math.min(...keyframes.map((k) => k.frame)),
    labelId,
    attributes: {},
    group: 0,
    source: "manual",
    keyframes,
    extras: {},
  };
}

/** A keypoint keyframe (a `points` shape of one point). */
export function point(frame: number, x: number, y: number, overrides: Partial<TrackKeyframe> = {}): TrackKeyframe {
  return keyframe(frame, [x, y], { type: "points", ...overrides });
}

/** A skeleton keyframe: skeletons keep their geometry in their elements. */
export function bone(frame: number, overrides: Partial<TrackKeyframe> = {}): TrackKeyframe {
  return keyframe(frame, [], { type: "skeleton", ...overrides });
}
