/**
 * Copy/paste and propagation: both make independent copies of shapes and tags on other frames
 * (new client ids, not grouped — a group is a relation between the originals — and without the
 * server-only `extras` of the original). Tracks are not copied yet.
 */

import { castDraft } from "immer";
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

/** Pastes the clipboard onto `frame` as one step; returns the new objects' ids. */
export function pasteObjects(store: EditorStore, clipboard: Clipboard, frame: number): ClientId[] {
  return insertCopies(store, clipboard.objects, [frame], "Paste objects");
}

/**
 * Copies objects onto each of `frames` (see `propagationFrames`) as one step; returns the ids of
 * the copies, frame by frame.
 */
export function propagateObjects(store: EditorStore, ids: readonly ClientId[], frames: readonly number[]): ClientId[] {
  const sources = copyObjects(store.getState().document, ids).objects;
  return insertCopies(store, sources, frames, "Propagate objects");
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
  label: string,
): ClientId[] {
  const copies: CopyableObject[] = [];
  for (const frame of frames) {
    for (const source of sources) copies.push(copyOnto(source, store.newClientId(), frame));
  }
  store.apply(
    (draft) => {
      for (const copy of copies) setEntry(draft.objects, copy.clientId, castDraft(copy));
    },
    { label },
  );
  return copies.map((copy) => copy.clientId);
}

function copyOnto(source: ClipboardObject, clientId: ClientId, frame: number): CopyableObject {
  // Arrays and records are shared with the source: the document is immutable, so that is safe.
  return { ...source, clientId, frame, group: 0, extras: {} } as CopyableObject;
}
