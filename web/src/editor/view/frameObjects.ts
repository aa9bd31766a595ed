/**
 * The objects of one frame as the canvas and the objects sidebar show them: shapes, tags and the
 * tracks shown on the frame (trackObjects.ts), in drawing order (z-order, then creation), with
 * their view flags, and the subsets the canvas draws and the pointer may pick.
 */
import { idsOnFrame, type FrameIndex } from "../engine/document/frameIndex";
import {
  getObject,
  viewFlagsOf,
  type AnnotationDocument,
  type AnnotationObject,
  type ClientId,
  type ShapeObject,
  type ViewFlags,
} from "../engine/document/model";
import { trackFrameAt } from "../engine/tracks";
import { InterpolationError } from "../engine/tracks/interpolation";
import { trackFrameObject, type TrackState } from "./trackObjects";

export interface FrameObject {
  readonly object: AnnotationObject;
  readonly flags: ViewFlags;
  /**
   * What the canvas draws for the object on this frame: the shape itself, or a track's shape on
   * the frame (a `ShapeObject` under the track's id); null for tags and outside keyframes.
   */
  readonly drawn: ShapeObject | null;
  /** A track's state on the frame; null for shapes and tags. */
  readonly track: TrackState | null;
}

export interface FrameObjectsOptions {
  /** The job's deleted frames (one stable Set: the track engine remembers timelines per set). */
  readonly deletedFrames?: ReadonlySet<number>;
}

export function frameObjects(
  document: AnnotationDocument,
  index: FrameIndex,
  frame: number,
  options: FrameObjectsOptions = {},
): FrameObject[] {
  const result: FrameObject[] = [];
  for (const id of idsOnFrame(index, frame)) {
    const object = getObject(document, id);
    if (object === undefined || object.kind === "track" || object.frame !== frame) continue;
    result.push({ object, flags: viewFlagsOf(document, id), drawn: object.kind === "shape" ? object : null, track: null });
  }
  for (const id of index.tracks) {
    const entry = trackEntry(document, id, frame, options);
    if (entry !== null) result.push(entry);
  }
  return result.sort(compareDrawingOrder);
}

/** A track's entry on the frame, or null when it shows nothing there (or its data is broken). */
function trackEntry(document: AnnotationDocument, id: ClientId, frame: number, options: FrameObjectsOptions): FrameObject | null {
  const track = getObject(document, id);
  if (track?.kind !== "track") return null;
  try {
    // With outside shapes: an outside keyframe is listed (not drawn); the stretch after it is not.
    const shape = trackFrameAt(track, frame, { deletedFrames: options.deletedFrames, includeOutside: true });
    if (shape === null || (shape.outside && !shape.keyframe)) return null;
    return trackFrameObject(track, viewFlagsOf(document, id), shape, options.deletedFrames);
  } catch (error) {
    if (error instanceof InterpolationError) return null; // bad data from elsewhere: the rest still shows
    throw error;
  }
}

interface Remembered {
  readonly ids: readonly ClientId[];
  readonly trackIds: readonly ClientId[];
  /** The track objects the result was made from, by position in `trackIds`. */
  readonly tracks: readonly (AnnotationObject | undefined)[];
  readonly deletedFrames: ReadonlySet<number> | undefined;
  readonly result: FrameObject[];
}

/**
 * `frameObjects` that remembers its answers for the last few frames: while a frame's set of
 * objects is the same (an edit, a drag), entries are refreshed in place and only re-sorted when a
 * z-order changed, and an unchanged frame gives back the very same array. A drag over a frame of
 * 3,000 objects otherwise re-sorted them on every pointer move, and going back to a frame sorted
 * them again (about 12 ms of each frame switch in bench/editor_render). Tracks are resolved again
 * only when their object changed; one that appears on or leaves the frame starts it over.
 */
export function createFrameObjectsMemo(
  remembered = 4,
): (document: AnnotationDocument, index: FrameIndex, frame: number, options?: FrameObjectsOptions) => FrameObject[] {
  // Most recently used last.
  const recent = new Map<number, Remembered>();
  const remember = (frame: number, entry: Remembered) => {
    recent.delete(frame);
    recent.set(frame, entry);
    while (recent.size > remembered) recent.delete(recent.keys().next().value!);
    return entry.result;
  };
  return (document, index, frame, options = {}) => {
    const ids = idsOnFrame(index, frame);
    const trackIds = index.tracks;
    const tracks = trackIds.map((id) => getObject(document, id));
    const fresh = (result: FrameObject[]) => remember(frame, { ids, trackIds, tracks, deletedFrames: options.deletedFrames, result });
    const last = recent.get(frame);
    if (last === undefined || last.ids !== ids || last.trackIds !== trackIds || last.deletedFrames !== options.deletedFrames) {
      return fresh(frameObjects(document, index, frame, options));
    }
    // Tracks whose object changed, with their new entries (null: not shown any more).
    const resolved = new Map<ClientId, FrameObject | null>();
    tracks.forEach((track, i) => {
      if (track !== last.tracks[i]) resolved.set(trackIds[i], trackEntry(document, trackIds[i], frame, options));
    });
    const listed = (id: ClientId) => last.result.some((entry) => entry.object.clientId === id);
    for (const [id, entry] of resolved) {
      if ((entry !== null) !== listed(id)) return fresh(frameObjects(document, index, frame, options));
    }
    let changed = false;
    let reorder = false;
    const next = last.result.map((entry) => {
      const id = entry.object.clientId;
      const update = refreshed(document, entry, resolved.get(id), frame);
      if (update === entry) return entry;
      changed = true;
      if (update === null || zOf(update) !== zOf(entry)) reorder = true;
      return update ?? entry;
    });
    if (!changed) return remember(frame, { ...last, tracks });
    return fresh(reorder ? frameObjects(document, index, frame, options) : next);
  };
}

/** An entry with its object's current value and flags; null when the object left the frame. */
function refreshed(
  document: AnnotationDocument,
  entry: FrameObject,
  resolvedTrack: FrameObject | null | undefined,
  frame: number,
): FrameObject | null {
  const id = entry.object.clientId;
  if (resolvedTrack !== undefined) return resolvedTrack;
  const object = getObject(document, id);
  const flags = viewFlagsOf(document, id);
  if (object === entry.object && flags === entry.flags) return entry;
  if (object === undefined || (object.kind !== "track" && object.frame !== frame)) return null;
  if (object.kind === "track") return { ...entry, flags }; // its object is unchanged: only the flags
  return { object, flags, drawn: object.kind === "shape" ? object : null, track: null };
}

function zOf(entry: FrameObject): number {
  return entry.drawn?.zOrder ?? entry.track?.shape.zOrder ?? Number.NEGATIVE_INFINITY;
}

// One collator for every comparison: `localeCompare` with options builds one per call, which made
// sorting a frame of 3,000 objects take a second (bench/editor_render.py's profile).
const clientIdOrder = new Intl.Collator(undefined, { numeric: true });

function compareDrawingOrder(a: FrameObject, b: FrameObject): number {
  return zOf(a) - zOf(b) || clientIdOrder.compare(a.object.clientId, b.object.clientId);
}

/** Shapes drawn on the canvas (tracks' shapes on the frame among them): not hidden. */
export function visibleShapes(objects: readonly FrameObject[]): ShapeObject[] {
  return objects.flatMap(({ drawn, flags }) => (drawn !== null && !flags.hidden ? [drawn] : []));
}

/** Shapes the pointer may select and drag: visible and not locked. */
export function pickableShapes(objects: readonly FrameObject[]): ShapeObject[] {
  return objects.flatMap(({ drawn, flags }) => (drawn !== null && !flags.hidden && !flags.locked ? [drawn] : []));
}

export function isOnFrame(objects: readonly FrameObject[], id: ClientId): boolean {
  return objects.some(({ object }) => object.clientId === id);
}
