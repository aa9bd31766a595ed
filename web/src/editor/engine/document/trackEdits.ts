/**
 * Editing a track on one frame, CVAT's way, as pure functions from a track to the next track: an
 * edit on a frame is the track's keyframe there (made from the frame's interpolated shape if the
 * frame had none), the label, group and immutable attributes live on the track, and "keyframe" and
 * "outside" are toggled per frame. The store commands (commands.ts, trackCommands.ts) apply them.
 *
 * Decisions:
 * - What a frame shows is read with the track engine (`trackShapeAt`), with the caller's deleted
 *   frames, so an edit starts from exactly what the canvas drew.
 * - Keyframes stay sorted by frame and `track.frame` follows the first keyframe: that is what the
 *   server stores (it normalises a track's frame to its first shape) and what a save sends.
 * - A new keyframe holds every mutable attribute value in force on its frame, as CVAT's keyframes
 *   do; an updated one keeps its own values and takes the changed ones.
 * - Skeleton tracks keep their elements' keyframes on the parent's: a keyframe made or removed on
 *   the parent is made (at each element's shape there) or removed on every element too.
 * - Nothing changes, and the same track comes back, when an edit sets what the frame already
 *   shows: the store then records no undo step.
 */

import { trackShapeAt } from "../tracks/frames";
import { keyframeTimeline } from "../tracks/keyframes";
import type { KeyframedTrack, TrackShape } from "../tracks/types";
import type { FlatPoints } from "../geometry/coords";
import type { AttributeValues, ObjectSource, ShapeType, TrackElement, TrackKeyframe, TrackObject } from "./model";

/** Where an edit of a track happens, and how the view resolves tracks there. */
export interface FrameContext {
  /** The frame shown: an edit of a track is its keyframe on this frame. */
  readonly frame: number;
  /** The job's deleted frames (the same Set the view resolves tracks with). */
  readonly deletedFrames?: ReadonlySet<number>;
  /**
   * Ids of the attributes that change from frame to frame (`mutable` in the label's spec): a
   * track keeps their values in its keyframes, every other attribute on the track itself.
   */
  readonly mutableAttributes?: ReadonlySet<number>;
}

/** What an edit may change; the fields of commands.ts's `ObjectChanges`. */
export interface TrackChanges {
  readonly points?: FlatPoints;
  readonly rotation?: number;
  readonly occluded?: boolean;
  readonly outside?: boolean;
  readonly zOrder?: number;
  readonly labelId?: number;
  /** Merged into the values in force; mutable ones go to the frame's keyframe. */
  readonly attributes?: AttributeValues;
  readonly group?: number;
}

/** A track drawn on one frame: its first keyframe. */
export interface NewTrack {
  readonly kind: "track";
  readonly type: ShapeType;
  readonly frame: number;
  readonly labelId: number;
  readonly points: FlatPoints;
  /** Both kinds: split into the track's and the keyframe's by the context's `mutableAttributes`. */
  readonly attributes?: AttributeValues;
  readonly rotation?: number;
  readonly occluded?: boolean;
  /** Default: on top of the frame's shapes. */
  readonly zOrder?: number;
  readonly group?: number;
  readonly source?: ObjectSource;
}

/** Shape types the server interpolates in tracks: every type but masks. */
export function isTrackableType(type: ShapeType): boolean {
  return type !== "mask";
}

const NO_ATTRIBUTES: ReadonlySet<number> = new Set<number>();

export function buildTrack(input: NewTrack, clientId: string, zOrder: number, mutable: ReadonlySet<number> = NO_ATTRIBUTES): TrackObject {
  const { own, perFrame } = splitAttributes(input.attributes ?? {}, mutable);
  const keyframe: TrackKeyframe = {
    type: input.type,
    frame: input.frame,
    points: [...input.points],
    rotation: input.rotation ?? 0,
    occluded: input.occluded ?? false,
    outside: false,
    zOrder,
    attributes: perFrame,
    extras: {},
  };
  return {
    kind: "track",
    clientId,
    frame: input.frame,
    labelId: input.labelId,
    attributes: own,
    group: input.group ?? 0,
    source: input.source ?? "manual",
    extras: {},
    keyframes: [keyframe],
    elements: [],
  };
}

/** The track after `changes` on `context.frame`; the same track when nothing changes. */
export function editTrackOnFrame(track: TrackObject, changes: TrackChanges, context: FrameContext): TrackObject {
  const { own, perFrame } = splitAttributes(changes.attributes ?? {}, context.mutableAttributes ?? NO_ATTRIBUTES);
  let next = track;
  if (changes.labelId !== undefined && changes.labelId !== track.labelId) next = { ...next, labelId: changes.labelId };
  if (changes.group !== undefined && changes.group !== track.group) next = { ...next, group: changes.group };
  if (!includesValues(track.attributes, own)) next = { ...next, attributes: { ...track.attributes, ...own } };

  const shape = shapeOn(track, context);
  if (shape === null) return next;
  const wanted = {
    points: changes.points ?? shape.points,
    rotation: changes.rotation ?? shape.rotation,
    occluded: changes.occluded ?? shape.occluded,
    outside: changes.outside ?? shape.outside,
    zOrder: changes.zOrder ?? shape.zOrder,
  };
  const geometryEdited = !samePoints(wanted.points, shape.points) || wanted.rotation !== shape.rotation;
  const unchanged =
    !geometryEdited &&
    wanted.occluded === shape.occluded &&
    wanted.outside === shape.outside &&
    wanted.zOrder === shape.zOrder &&
    includesValues(shape.attributes, perFrame);
  if (unchanged) return next;

  const stored = storedKeyframe(track, context.frame);
  const keyframe: TrackKeyframe =
    stored !== undefined
      ? { ...stored, ...wanted, points: [...wanted.points], attributes: { ...stored.attributes, ...perFrame } }
      : { ...keyframeFrom(shape), ...wanted, points: [...wanted.points], attributes: { ...shape.attributes, ...perFrame } };
  next = withKeyframes(next, withKeyframe(track.keyframes, keyframe));
  if (stored === undefined) next = withElementKeyframes(next, context);
  if (geometryEdited && next.source === "auto") next = { ...next, source: "semi-auto" };
  return next;
}

/**
 * K: the frame's keyframe removed, or the frame's shape made a keyframe. Null when refused: the
 * keyframe is the track's last one that is not outside (CVAT keeps it, or the track would show
 * nothing). The same track when the track shows nothing on the frame.
 */
export function toggleKeyframeOnFrame(track: TrackObject, context: FrameContext): TrackObject | null {
  const shape = shapeOn(track, context);
  if (shape === null) return track;
  if (!shape.keyframe) {
    const added = withKeyframes(track, withKeyframe(track.keyframes, keyframeFrom(shape)));
    return withElementKeyframes(added, context);
  }
  const { keyframes } = keyframeTimeline(track, context.deletedFrames);
  const remaining = keyframes.filter((keyframe) => keyframe.frame !== context.frame);
  if (!remaining.some((keyframe) => !keyframe.outside)) return null;
  const removed = withKeyframes(track, withoutKeyframe(track.keyframes, context.frame));
  if (removed.elements.length === 0) return removed;
  return { ...removed, elements: removed.elements.map((element) => withElementFrame(element, withoutKeyframe(element.keyframes, context.frame))) };
}

/**
 * O: an outside keyframe on the frame (the track is hidden from it to its next keyframe), or,
 * on an outside frame, a visible keyframe at the shape in force there (the last one shown).
 */
export function toggleOutsideOnFrame(track: TrackObject, context: FrameContext): TrackObject {
  const shape = shapeOn(track, context);
  if (shape === null) return track;
  return editTrackOnFrame(track, { outside: !shape.outside }, context);
}

/** The track's shape on the frame, outside ones included (they can be toggled back). */
export function shapeOn(track: KeyframedTrack, context: FrameContext): TrackShape | null {
  return trackShapeAt(track, context.frame, { deletedFrames: context.deletedFrames, includeOutside: true });
}

/** Attribute values split into the track's own (immutable) and a keyframe's (mutable). */
export function splitAttributes(
  values: AttributeValues,
  mutable: ReadonlySet<number>,
): { own: AttributeValues; perFrame: AttributeValues } {
  const own: Record<number, string> = {};
  const perFrame: Record<number, string> = {};
  for (const [id, value] of Object.entries(values)) {
    if (mutable.has(Number(id))) perFrame[Number(id)] = value;
    else own[Number(id)] = value;
  }
  return { own, perFrame };
}

// --- helpers -----------------------------------------------------------------------------------

function keyframeFrom(shape: TrackShape): TrackKeyframe {
  return {
    type: shape.type,
    frame: shape.frame,
    points: [...shape.points],
    rotation: shape.rotation,
    occluded: shape.occluded,
    outside: shape.outside,
    zOrder: shape.zOrder,
    attributes: { ...shape.attributes },
    extras: {},
  };
}

function storedKeyframe(track: KeyframedTrack, frame: number): TrackKeyframe | undefined {
  return track.keyframes.find((keyframe) => keyframe.frame === frame);
}

/** The keyframes with `keyframe` in its frame's place (replacing one there), sorted by frame. */
function withKeyframe(keyframes: readonly TrackKeyframe[], keyframe: TrackKeyframe): TrackKeyframe[] {
  const others = keyframes.filter((each) => each.frame !== keyframe.frame);
  return sortedByFrame([...others, keyframe]);
}

function withoutKeyframe(keyframes: readonly TrackKeyframe[], frame: number): TrackKeyframe[] {
  return keyframes.filter((each) => each.frame !== frame);
}

function sortedByFrame(keyframes: TrackKeyframe[]): TrackKeyframe[] {
  return keyframes.sort((a, b) => a.frame - b.frame);
}

/** New keyframes, with the track's frame following its first keyframe. */
function withKeyframes(track: TrackObject, keyframes: TrackKeyframe[]): TrackObject {
  return { ...track, keyframes, frame: firstFrame(track.frame, keyframes) };
}

function withElementFrame(element: TrackElement, keyframes: TrackKeyframe[]): TrackElement {
  return { ...element, keyframes, frame: firstFrame(element.frame, keyframes) };
}

/**
 * A track's frame after its keyframes changed: its first keyframe's. A track loaded with a frame
 * after its first keyframe keeps it (it shows nothing before it), so edits never reveal frames.
 */
function firstFrame(current: number, keyframes: readonly TrackKeyframe[]): number {
  const first = keyframes.reduce((lowest, keyframe) => Math.min(lowest, keyframe.frame), Number.POSITIVE_INFINITY);
  return Number.isFinite(first) ? Math.max(first, current) : current;
}

/** A skeleton's elements given a keyframe on the frame too, at their shapes there. */
function withElementKeyframes(track: TrackObject, context: FrameContext): TrackObject {
  if (track.elements.length === 0) return track;
  const elements = track.elements.map((element) => {
    const shape = shapeOn(element, context);
    if (shape === null || shape.keyframe) return element;
    return withElementFrame(element, withKeyframe(element.keyframes, keyframeFrom(shape)));
  });
  return { ...track, elements };
}

function includesValues(values: AttributeValues, wanted: AttributeValues): boolean {
  return Object.entries(wanted).every(([id, value]) => values[Number(id)] === value);
}

function samePoints(a: FlatPoints, b: FlatPoints): boolean {
  return a.length === b.length && a.every((value, i) => value === b[i]);
}
