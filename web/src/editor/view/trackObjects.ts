/**
 * A track as one frame shows it: its shape there (the track engine's interpolation, found by binary
 * search) turned into the shape the canvas draws, and its state for the objects list (keyframe or
 * not, outside, the neighbouring keyframes).
 *
 * Decisions:
 * - The canvas draws, picks and edits `ShapeObject`s, so a track's shape on the frame is handed to
 *   it as one, under the track's client id: selection, hit testing, hiding, locking, pinning,
 *   colours and z-order then work for tracks as for shapes. An edit of it goes back through the
 *   engine's commands with the frame (`FrameContext`), which make it the track's keyframe there.
 * - An outside keyframe is listed (so O can be toggled back on it, as in CVAT) but not drawn.
 *   Frames inside an outside stretch list nothing (CVAT's "show all interpolation tracks" is not
 *   offered yet).
 */
import type { ShapeElement, ShapeObject, TrackObject, ViewFlags } from "../engine/document/model";
import { firstKeyframe, lastKeyframe, nextKeyframe, previousKeyframe, type TrackFrame } from "../engine/tracks";
import type { FrameObject } from "./frameObjects";

/** A track's state on the shown frame, for its card. */
export interface TrackState {
  /** Its shape on the frame: `keyframe`, `outside`, the mutable attribute values in force. */
  readonly shape: TrackFrame;
  /** Keyframes before and after the frame, and the first and last (null: none). */
  readonly previous: number | null;
  readonly next: number | null;
  readonly first: number | null;
  readonly last: number | null;
}

/** The frame's entry for a track shown on it (`shape` from `trackFrameAt`). */
export function trackFrameObject(
  track: TrackObject,
  flags: ViewFlags,
  shape: TrackFrame,
  deletedFrames: ReadonlySet<number> | undefined,
): FrameObject {
  const options = { deletedFrames };
  return {
    object: track,
    flags,
    drawn: shape.outside ? null : trackShapeObject(track, shape),
    track: {
      shape,
      previous: previousKeyframe(track, shape.frame, options),
      next: nextKeyframe(track, shape.frame, options),
      first: firstKeyframe(track, options),
      last: lastKeyframe(track, options),
    },
  };
}

/** The track's shape on a frame as the shape the canvas draws (the track's id, label and group). */
export function trackShapeObject(track: TrackObject, shape: TrackFrame): ShapeObject {
  return {
    kind: "shape",
    clientId: track.clientId,
    frame: shape.frame,
    labelId: track.labelId,
    // What the object text and filters read: the track's own values and those of the frame.
    attributes: { ...track.attributes, ...shape.attributes },
    group: track.group,
    source: track.source,
    extras: NO_EXTRAS,
    type: shape.type,
    points: shape.points,
    rotation: shape.rotation,
    occluded: shape.occluded,
    outside: shape.outside,
    zOrder: shape.zOrder,
    score: 1,
    elements: shape.elements.map(
      (element): ShapeElement => ({
        labelId: element.labelId,
        attributes: element.attributes,
        group: track.group,
        source: track.source,
        score: 1,
        type: element.type,
        points: element.points,
        rotation: element.rotation,
        occluded: element.occluded,
        outside: element.outside,
        zOrder: element.zOrder,
        extras: NO_EXTRAS,
      }),
    ),
  };
}

const NO_EXTRAS = Object.freeze({});
