/**
 * The objects of one frame as the canvas and the objects sidebar show them: in drawing order
 * (z-order, then creation), with their view flags, and the subset the pointer may pick.
 */
import { idsOnFrame, type FrameIndex } from "../engine/document/frameIndex";
import { getObject, viewFlagsOf, type AnnotationDocument, type AnnotationObject, type ClientId, type ShapeObject, type ViewFlags } from "../engine/document/model";

export interface FrameObject {
  readonly object: AnnotationObject;
  readonly flags: ViewFlags;
}

/** Tracks are carried but not interpolated yet, so a frame lists its shapes and tags. */
export function frameObjects(document: AnnotationDocument, index: FrameIndex, frame: number): FrameObject[] {
  const result: FrameObject[] = [];
  for (const id of idsOnFrame(index, frame)) {
    const object = getObject(document, id);
    if (object === undefined || object.kind === "track" || object.frame !== frame) continue;
    result.push({ object, flags: viewFlagsOf(document, id) });
  }
  return result.sort(compareDrawingOrder);
}

/**
 * `frameObjects` that remembers its answers for the last few frames: while a frame's set of
 * objects is the same (an edit, a drag), entries are refreshed in place and only re-sorted when a
 * z-order changed, and an unchanged frame gives back the very same array. A drag over a frame of
 * 3,000 objects otherwise re-sorted them on every pointer move, and going back to a frame sorted
 * them again (about 12 ms of each frame switch in bench/editor_render).
 */
export function createFrameObjectsMemo(
  remembered = 4,
): (document: AnnotationDocument, index: FrameIndex, frame: number) => FrameObject[] {
  // Most recently used last.
  const recent = new Map<number, { ids: readonly ClientId[]; result: FrameObject[] }>();
  const remember = (frame: number, ids: readonly ClientId[], result: FrameObject[]) => {
    recent.delete(frame);
    recent.set(frame, { ids, result });
    while (recent.size > remembered) recent.delete(recent.keys().next().value!);
    return result;
  };
  return (document, index, frame) => {
    const ids = idsOnFrame(index, frame);
    const last = recent.get(frame);
    if (last === undefined || last.ids !== ids) return remember(frame, ids, frameObjects(document, index, frame));
    let changed = false;
    let reorder = false;
    const next = last.result.map((entry) => {
      const object = getObject(document, entry.object.clientId);
      const flags = viewFlagsOf(document, entry.object.clientId);
      if (object === entry.object && flags === entry.flags) return entry;
      changed = true;
      if (object === undefined || object.kind === "track" || object.frame !== frame || zOf(object) !== zOf(entry.object)) reorder = true;
      return { object: object ?? entry.object, flags };
    });
    if (!changed) return remember(frame, ids, last.result);
    return remember(frame, ids, reorder ? frameObjects(document, index, frame) : next);
  };
}

function zOf(object: AnnotationObject): number {
  return object.kind === "shape" ? object.zOrder : Number.NEGATIVE_INFINITY;
}

// One collator for every comparison: `localeCompare` with options builds one per call, which made
// sorting a frame of 3,000 objects take a second (bench/editor_render.py's profile).
const clientIdOrder = new Intl.Collator(undefined, { numeric: true });

function compareDrawingOrder(a: FrameObject, b: FrameObject): number {
  return zOf(a.object) - zOf(b.object) || clientIdOrder.compare(a.object.clientId, b.object.clientId);
}

/** Shapes drawn on the canvas: not hidden. */
export function visibleShapes(objects: readonly FrameObject[]): ShapeObject[] {
  return objects.flatMap(({ object, flags }) => (object.kind === "shape" && !flags.hidden ? [object] : []));
}

/** Shapes the pointer may select and drag: visible and not locked. */
export function pickableShapes(objects: readonly FrameObject[]): ShapeObject[] {
  return objects.flatMap(({ object, flags }) =>
    object.kind === "shape" && !flags.hidden && !flags.locked ? [object] : [],
  );
}

export function isOnFrame(objects: readonly FrameObject[], id: ClientId): boolean {
  return objects.some(({ object }) => object.clientId === id);
}
