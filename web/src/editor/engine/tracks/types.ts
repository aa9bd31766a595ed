/**
 * What the track engine reads (a track's keyframes) and gives back (a track's shape on one frame),
 * and the options that say which frames exist, mirroring the server's `expand_track` arguments.
 *
 * Decisions:
 * - A frame's shape is plain immutable data: keyframe shapes are built once per track (and reused,
 *   so a view can memoise on identity); computed ones may share a keyframe's (readonly) points.
 * - `attributes` are the mutable attribute values in force on that frame (the keyframe's own, then
 *   those carried over from earlier keyframes). The track's immutable attributes are not merged in:
 *   they live on the track object (`track.attributes`), the same on every frame.
 */

import type { AttributeValues, ShapeGeometry, TrackKeyframe } from "../document/model";

/** Anything with keyframes: a track, or one element (keypoint) sub-track of a skeleton track. */
export interface KeyframedTrack {
  /** The track's first frame: it shows nothing before it, whatever its keyframes say. */
  readonly frame: number;
  readonly keyframes: readonly TrackKeyframe[];
}

/** A track's shape on one frame. */
export interface TrackShape extends ShapeGeometry {
  readonly frame: number;
  /** True on a stored keyframe; false on a frame computed from the keyframes around it. */
  readonly keyframe: boolean;
  /** Mutable attribute values in force on this frame (inherited from earlier keyframes). */
  readonly attributes: AttributeValues;
}

/** One skeleton element's shape on a frame of its parent. */
export interface TrackElementShape extends TrackShape {
  /** Position of the element in `track.elements`. */
  readonly elementIndex: number;
  readonly labelId: number;
}

/**
 * A track's shape on one frame with its skeleton elements' shapes, in element order. `elements` is
 * empty for every type but skeletons; an element that has not started yet is absent.
 */
export interface TrackFrame extends TrackShape {
  readonly elements: readonly TrackElementShape[];
}

/** Which frames a track is shown on; all optional, the defaults are the server's. */
export interface TrackFrameOptions {
  /**
   * Whether frames after an outside keyframe (up to the next keyframe) get `outside` shapes, and
   * skeleton frames whose elements are all outside are kept. Default false, as the server's: such
   * frames get nothing. Outside keyframes themselves are always returned, flagged `outside`.
   */
  readonly includeOutside?: boolean;
  /** Frames deleted from the job: they get no shape, and keyframes on them are ignored entirely. */
  readonly deletedFrames?: ReadonlySet<number>;
  /** Ground-truth jobs: only these frames get shapes (absent or null: every frame). */
  readonly includedFrames?: ReadonlySet<number> | null;
  /** Point-cloud tasks: cuboid angles turn on the shortest arc, wrapped into [-π, π). */
  readonly is3d?: boolean;
}
