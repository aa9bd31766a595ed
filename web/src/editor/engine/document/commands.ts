/**
 * Editing commands as plain functions over the store; each is one undo step (or joins the open
 * gesture). Undo comes from the recorded patches, so no command knows how to revert itself.
 *
 * Rules shared by all: ids of missing objects are ignored; locked objects are not edited (only
 * their view flags change, and `deleteObjects` with `force`); an automatic object whose geometry
 * the user edits becomes "semi-auto".
 *
 * Tracks are edited on a frame: commands that take a `FrameContext` (`at`) turn an edit of a track
 * into its keyframe on that frame (trackEdits.ts); without one, only a track's label, group and
 * attributes change.
 */

import { castDraft, type Draft } from "immer";
import type { FlatPoints } from "../geometry/coords";
import type { EditorStore } from "./editorStore";
import { deleteEntry, getEntry, hasEntry, setEntry } from "./idTable";
import {
  allObjects,
  getObject,
  isLocked,
  type AnnotationDocument,
  type AnnotationObject,
  type AttributeValues,
  type ClientId,
  type ObjectSource,
  type ShapeElement,
  type ShapeObject,
  type ShapeType,
  type TagObject,
  type TrackObject,
  type ViewFlags,
  viewFlagsOf,
} from "./model";
import { buildTrack, editTrackOnFrame, splitAttributes, type FrameContext, type NewTrack } from "./trackEdits";
import { topZOrder, zOrdersOnFrame } from "./zOrders";

export interface NewShape {
  kind: "shape";
  type: ShapeType;
  frame: number;
  labelId: number;
  points: FlatPoints;
  attributes?: AttributeValues;
  rotation?: number;
  occluded?: boolean;
  outside?: boolean;
  /** Default: on top of the frame's shapes. */
  zOrder?: number;
  group?: number;
  source?: ObjectSource;
  score?: number;
  elements?: readonly ShapeElement[];
}

export interface NewTag {
  kind: "tag";
  frame: number;
  labelId: number;
  attributes?: AttributeValues;
  group?: number;
  source?: ObjectSource;
}

export type NewObject = NewShape | NewTag | NewTrack;

/** Fields a user edits; shape-only fields are ignored for tags and tracks. */
export interface ObjectChanges {
  points?: FlatPoints;
  rotation?: number;
  occluded?: boolean;
  outside?: boolean;
  zOrder?: number;
  labelId?: number;
  /** Merged into the current values. */
  attributes?: AttributeValues;
  group?: number;
}

type DraftObject = Draft<AnnotationObject>;

// --- create, restore, delete ------------------------------------------------------------------

/** `at` tells which attributes of a new track are per frame, and which tracks share its frame. */
export function createObject(store: EditorStore, input: NewObject, at?: FrameContext): ClientId {
  const what = input.kind === "tag" ? "tag" : input.kind === "track" ? `${input.type} track` : input.type;
  return createObjects(store, [input], `Create ${what}`, at)[0];
}

/** Creates several objects as one step; returns their client ids in input order. */
export function createObjects(
  store: EditorStore,
  inputs: readonly NewObject[],
  label = "Create objects",
  at?: FrameContext,
): ClientId[] {
  const ids = inputs.map(() => store.newClientId());
  const topByFrame = new Map<number, number>();
  store.apply(
    (draft) => {
      inputs.forEach((input, i) => {
        const zOrder = input.kind === "tag" ? 0 : (input.zOrder ?? nextTopZOrder(store, input.frame, topByFrame, at));
        const object =
          input.kind === "track"
            ? buildTrack(input, ids[i], zOrder, at?.mutableAttributes)
            : buildObject(input, ids[i], zOrder);
        setEntry(draft.objects, ids[i], castDraft(object));
      });
    },
    { label },
  );
  return ids;
}

export function buildObject(input: NewShape | NewTag, clientId: ClientId, zOrder: number): ShapeObject | TagObject {
  const common = {
    clientId,
    frame: input.frame,
    labelId: input.labelId,
    attributes: { ...input.attributes },
    group: input.group ?? 0,
    source: input.source ?? "manual",
    extras: {},
  };
  if (input.kind === "tag") return { kind: "tag", ...common };
  return {
    kind: "shape",
    ...common,
    type: input.type,
    points: [...input.points],
    rotation: input.rotation ?? 0,
    occluded: input.occluded ?? false,
    outside: input.outside ?? false,
    zOrder,
    score: input.score ?? 1,
    elements: input.elements ?? [],
  };
}

/**
 * Deletes objects (locked ones only with `force`, CVAT's Shift+Del); returns what was deleted, for
 * `restoreObjects` (an "Undo" link of a notification uses plain undo instead).
 */
export function deleteObjects(
  store: EditorStore,
  ids: readonly ClientId[],
  options: { force?: boolean } = {},
): AnnotationObject[] {
  const document = store.getState().document;
  const deleted = existing(document, ids).filter((id) => options.force || !isLocked(document, id));
  store.apply(
    (draft) => {
      for (const id of deleted) {
        deleteEntry(draft.objects, id);
        deleteEntry(draft.view, id);
      }
    },
    { label: deleted.length === 1 ? "Delete object" : `Delete ${deleted.length} objects` },
  );
  return deleted.map((id) => getObject(document, id) as AnnotationObject);
}

/** Puts deleted objects back under their own client ids (so a saved one is not re-created). */
export function restoreObjects(store: EditorStore, objects: readonly AnnotationObject[]): void {
  store.apply(
    (draft) => {
      for (const object of objects) {
        if (!hasEntry(draft.objects, object.clientId)) setEntry(draft.objects, object.clientId, castDraft(object));
      }
    },
    { label: "Restore objects" },
  );
}

// --- edit --------------------------------------------------------------------------------------

export function updateObject(
  store: EditorStore,
  id: ClientId,
  changes: ObjectChanges,
  label = "Edit object",
  at?: FrameContext,
): boolean {
  return updateObjects(store, [id], changes, label, at);
}

/** Applies the same changes to several objects as one step; false if nothing changed. */
export function updateObjects(
  store: EditorStore,
  ids: readonly ClientId[],
  changes: ObjectChanges,
  label = "Edit objects",
  at?: FrameContext,
): boolean {
  return editObjects(store, ids, label, (object, original) => {
    if (original.kind === "track" && at !== undefined) assignChanged(object, original, editTrackOnFrame(original, changes, at));
    else applyChanges(object, changes);
  });
}

/** The drag/edit path: new points (and rotation) for one shape, or a track's on `at.frame`. */
export function setPoints(store: EditorStore, id: ClientId, points: FlatPoints, rotation?: number, at?: FrameContext): boolean {
  return updateObject(store, id, rotation === undefined ? { points } : { points, rotation }, "Edit shape", at);
}

export function setAttribute(
  store: EditorStore,
  ids: readonly ClientId[],
  attributeId: number,
  value: string,
  at?: FrameContext,
): boolean {
  return updateObjects(store, ids, { attributes: { [attributeId]: value } }, "Change attribute", at);
}

export function setOccluded(store: EditorStore, ids: readonly ClientId[], occluded: boolean, at?: FrameContext): boolean {
  return updateObjects(store, ids, { occluded }, occluded ? "Set occluded" : "Unset occluded", at);
}

export function setZOrder(store: EditorStore, id: ClientId, zOrder: number, at?: FrameContext): boolean {
  return updateObject(store, id, { zOrder }, "Change z-order", at);
}

/**
 * Gives objects another label. Attribute values belong to a label, so they are replaced by
 * `attributes` (the caller passes the new label's defaults); a track keeps the mutable ones (by
 * `at.mutableAttributes`) in each of its keyframes, the others on itself.
 */
export function relabelObjects(
  store: EditorStore,
  ids: readonly ClientId[],
  labelId: number,
  attributes: AttributeValues = {},
  at?: Pick<FrameContext, "mutableAttributes">,
): boolean {
  return editObjects(store, ids, "Change label", (object) => {
    if (object.labelId === labelId) return;
    object.labelId = labelId;
    if (object.kind !== "track") {
      object.attributes = { ...attributes };
      return;
    }
    const { own, perFrame } = splitAttributes(attributes, at?.mutableAttributes ?? new Set());
    object.attributes = own;
    for (const keyframe of object.keyframes) keyframe.attributes = { ...perFrame };
  });
}

/** Puts objects in one new group (the job's highest group number + 1); returns it. */
export function groupObjects(store: EditorStore, ids: readonly ClientId[]): number {
  const objects = allObjects(store.getState().document);
  const group = objects.reduce((highest, object) => Math.max(highest, object.group), 0) + 1;
  const changed = editObjects(store, ids, "Group objects", (object) => {
    object.group = group;
  });
  return changed ? group : 0;
}

export function ungroupObjects(store: EditorStore, ids: readonly ClientId[]): boolean {
  return editObjects(store, ids, "Ungroup objects", (object) => {
    object.group = 0;
  });
}

/** Below every other shape (and track) of its frame (z = lowest other − 1); a track's on `at.frame`. */
export function sendToBackground(store: EditorStore, id: ClientId, at?: FrameContext): boolean {
  return moveInZ(store, id, "background", at);
}

/** Above every other shape (and track) of its frame (z = highest other + 1); a track's on `at.frame`. */
export function bringToForeground(store: EditorStore, id: ClientId, at?: FrameContext): boolean {
  return moveInZ(store, id, "foreground", at);
}

function moveInZ(store: EditorStore, id: ClientId, where: "background" | "foreground", at?: FrameContext): boolean {
  const state = store.getState();
  const object = getObject(state.document, id);
  const frame = object?.kind === "shape" ? object.frame : object?.kind === "track" ? at?.frame : undefined;
  if (frame === undefined) return false;
  const others = zOrdersOnFrame(state, frame, { deletedFrames: at?.deletedFrames, except: id });
  if (others.length === 0) return false;
  const zOrder = where === "background" ? Math.min(...others) - 1 : Math.max(...others) + 1;
  return updateObject(store, id, { zOrder }, where === "background" ? "Send to background" : "Bring to foreground", at);
}

/** Lock, hide, pin or colour objects: undoable, never saved. Locked objects take these too. */
export function setViewFlags(
  store: EditorStore,
  ids: readonly ClientId[],
  flags: Partial<ViewFlags>,
  label = "Change appearance",
): boolean {
  const document = store.getState().document;
  const targets = existing(document, ids);
  return store.apply(
    (draft) => {
      for (const id of targets) {
        const next: { -readonly [K in keyof ViewFlags]: ViewFlags[K] } = { ...viewFlagsOf(document, id), ...flags };
        if (next.color === undefined) delete next.color;
        if (isDefaultFlags(next)) deleteEntry(draft.view, id);
        else setEntry(draft.view, id, next);
      }
    },
    { label },
  );
}

/** The ids of every object of the job with the label (tracks too), for the Labels tab's toggles. */
export function idsWithLabel(document: AnnotationDocument, labelId: number): ClientId[] {
  return allObjects(document)
    .filter((object) => object.labelId === labelId)
    .map((object) => object.clientId);
}

/**
 * Locks or hides every object of a label in the job (CVAT's per-label toggles) as one step; false
 * when the label has no objects or they already have the flags.
 */
export function setLabelViewFlags(
  store: EditorStore,
  labelId: number,
  flags: Partial<Pick<ViewFlags, "locked" | "hidden">>,
): boolean {
  const ids = idsWithLabel(store.getState().document, labelId);
  if (ids.length === 0) return false;
  return setViewFlags(store, ids, flags, flags.hidden !== undefined ? "Hide label" : "Lock label");
}

// --- helpers -----------------------------------------------------------------------------------

/** Runs `edit` on each existing, unlocked object's draft (with its value before) as one step. */
function editObjects(
  store: EditorStore,
  ids: readonly ClientId[],
  label: string,
  edit: (object: DraftObject, original: AnnotationObject) => void,
): boolean {
  const document = store.getState().document;
  const targets = existing(document, ids).filter((id) => !isLocked(document, id));
  if (targets.length === 0) return false;
  return store.apply(
    (draft) => {
      for (const id of targets) edit(getEntry(draft.objects, id) as DraftObject, getObject(document, id) as AnnotationObject);
    },
    { label },
  );
}

/**
 * Writes a track computed from `original` into its draft, field by field: unchanged fields keep
 * their references, so the recorded patches name only what changed.
 */
function assignChanged(draft: DraftObject, original: TrackObject, next: TrackObject): void {
  if (next === original) return;
  const changed: Partial<Record<keyof TrackObject, unknown>> = {};
  for (const key of Object.keys(next) as (keyof TrackObject)[]) if (next[key] !== original[key]) changed[key] = next[key];
  Object.assign(draft, castDraft(changed));
}

function applyChanges(object: DraftObject, changes: ObjectChanges): void {
  if (changes.labelId !== undefined) object.labelId = changes.labelId;
  if (changes.group !== undefined) object.group = changes.group;
  if (changes.attributes !== undefined) {
    for (const [id, value] of Object.entries(changes.attributes)) {
      if (object.attributes[Number(id)] !== value) object.attributes[Number(id)] = value;
    }
  }
  if (object.kind !== "shape") return;
  let geometryEdited = false;
  if (changes.points !== undefined && !samePoints(object.points, changes.points)) {
    object.points = [...changes.points];
    geometryEdited = true;
  }
  if (changes.rotation !== undefined && changes.rotation !== object.rotation) {
    object.rotation = changes.rotation;
    geometryEdited = true;
  }
  if (changes.occluded !== undefined) object.occluded = changes.occluded;
  if (changes.outside !== undefined) object.outside = changes.outside;
  if (changes.zOrder !== undefined) object.zOrder = changes.zOrder;
  if (geometryEdited && object.source === "auto") object.source = "semi-auto";
}

function samePoints(a: FlatPoints, b: FlatPoints): boolean {
  return a.length === b.length && a.every((value, i) => value === b[i]);
}

function existing(document: AnnotationDocument, ids: readonly ClientId[]): ClientId[] {
  return [...new Set(ids)].filter((id) => hasEntry(document.objects, id));
}

function isDefaultFlags(flags: ViewFlags): boolean {
  return !flags.hidden && !flags.locked && !flags.pinned && flags.color === undefined;
}

/** The z-order that puts a new object on top of its frame (counting objects created in this batch). */
function nextTopZOrder(store: EditorStore, frame: number, topByFrame: Map<number, number>, at?: FrameContext): number {
  // The state before the change: reading the draft would make a proxy per object of the frame.
  const next = topByFrame.get(frame) ?? topZOrder(zOrdersOnFrame(store.getState(), frame, { deletedFrames: at?.deletedFrames }));
  topByFrame.set(frame, next + 1);
  return next;
}
