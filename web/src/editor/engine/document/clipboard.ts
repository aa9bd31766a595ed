/**
 * Copy/paste and propagation: both make independent copies of shapes and tags on other frames
 * (new client ids, not grouped — a group is a relation between the originals — and without the
 * server-only `extras` of the original). Frames of one job may differ in size, so each copy is
 * fitted into its target frame as a drawn shape is, and a copy left too small there is not made.
 * Tracks are not copied yet.
 */

import { castDraft } from "immer";
import { fitShapeToImage } from "../geometry/clipping";
import type { Size } from "../geometry/coords";
import type { EditorStore } from "./editorStore";
import { setEntry } from "./idTable";
import {
  getObject,
  type AnnotationDocument,
  type AnnotationObject,
  type ClientId,
  type ShapeObject,
  type TagObject,
} from "./model";

type CopyableObject = ShapeObject | TagObject;
export type ClipboardObject = Omit<ShapeObject, "clientId"> | Omit<TagObject, "clientId">;

/** What Ctrl+C holds: plain data, so it survives frame changes and can be serialised. */
export interface Clipboard {
  readonly sourceFrame: number | null;
  readonly objects: readonly ClipboardObject[];
}

/** The size of a frame (`null` when unknown: copies are then kept as they are). */
export type FrameSizeOf = (frame: number) => Size | null;

/** What a paste or propagation made: the copies' ids, and how many fell outside their frame. */
export interface CopyResult {
  readonly ids: ClientId[];
  /** Shapes not copied because nothing big enough of them lies inside the target frame. */
  readonly dropped: number;
}

export const EMPTY_CLIPBOARD: Clipboard = Object.freeze({ sourceFrame: null, objects: Object.freeze([]) });

function isCopyable(object: AnnotationObject | undefined): object is CopyableObject {
  return object?.kind === "shape" || object?.kind === "tag";
}

export function copyObjects(document: AnnotationDocument, ids: readonly ClientId[]): Clipboard {
  const objects = ids.map((id) => getObject(document, id)).filter(isCopyable);
  if (objects.length === 0) return EMPTY_CLIPBOARD;
  return {
    sourceFrame: objects[0].frame,
    objects: objects.map(({ clientId: _dropped, ...rest }) => rest),
  };
}

/** Pastes the clipboard onto `frame` (fitted to its size) as one step. */
export function pasteObjects(store: EditorStore, clipboard: Clipboard, frame: number, frameSize: FrameSizeOf): CopyResult {
  return insertCopies(store, clipboard.objects, [frame], frameSize, "Paste objects");
}

/**
 * Copies objects onto each of `frames` (see `propagationFrames`), fitted to each frame's size, as
 * one step; the ids come frame by frame.
 */
export function propagateObjects(
  store: EditorStore,
  ids: readonly ClientId[],
  frames: readonly number[],
  frameSize: FrameSizeOf,
): CopyResult {
  const sources = copyObjects(store.getState().document, ids).objects;
  return insertCopies(store, sources, frames, frameSize, "Propagate objects");
}

/**
 * The frames a propagation of `count` frames from `from` reaches: `from+1 … from+count` forward or
 * `from-1 … from-count` backward, clipped to the job's frame range, without skipped frames
 * (deleted ones, when they are hidden).
 */
export function propagationFrames(
  from: number,
  count: number,
  direction: "forward" | "backward",
  range: { readonly start: number; readonly stop: number },
  isSkipped: (frame: number) => boolean = () => false,
): number[] {
  const frames: number[] = [];
  const step = direction === "forward" ? 1 : -1;
  for (let i = 1; i <= count; i += 1) {
    const frame = from + step * i;
    if (frame < range.start || frame > range.stop) break;
    if (!isSkipped(frame)) frames.push(frame);
  }
  return frames;
}

function insertCopies(
  store: EditorStore,
  sources: readonly ClipboardObject[],
  frames: readonly number[],
  frameSize: FrameSizeOf,
  label: string,
): CopyResult {
  const copies: CopyableObject[] = [];
  let dropped = 0;
  for (const frame of frames) {
    const size = frameSize(frame);
    for (const source of sources) {
      const copy = copyOnFrame(source, frame, size);
      if (copy === null) dropped += 1;
      else copies.push({ ...copy, clientId: store.newClientId() } as CopyableObject);
    }
  }
  if (copies.length > 0) {
    store.apply(
      (draft) => {
        for (const copy of copies) setEntry(draft.objects, copy.clientId, castDraft(copy));
      },
      { label },
    );
  }
  return { ids: copies.map((copy) => copy.clientId), dropped };
}

/** The source with its points fitted into a frame of `size`; `null` when too little is left. */
function fittedTo(source: ClipboardObject, size: Size | null): ClipboardObject | null {
  if (source.kind !== "shape" || size === null) return source;
  const points = fitShapeToImage(source.type, source.points, source.rotation, size);
  return points === null ? null : { ...source, points };
}

/**
 * A copy of `source` on `frame` (of `size`), fitted into it, without a client id yet (the caller
 * gives it one when it inserts it); null when too little of it is inside the frame.
 */
export function copyOnFrame(source: ClipboardObject, frame: number, size: Size | null): ClipboardObject | null {
  const fitted = fittedTo(source, size);
  // Arrays and records are shared with the source: the document is immutable, so that is safe.
  return fitted === null ? null : { ...fitted, frame, group: 0, extras: {} };
}
