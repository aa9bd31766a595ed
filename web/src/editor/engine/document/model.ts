/**
 * The annotation model of the editor: the objects of a job (shapes, tags, and later tracks) as
 * plain immutable data, and the client-only view flags kept apart from what the server saves.
 *
 * Decisions:
 * - Objects are keyed by a `clientId` that never changes locally. The server's id is *not* a
 *   field of the object: it belongs to the sync state (`SyncState.serverIds`), because undo/redo
 *   can bring back an object value captured before its first save, and that stale copy must not
 *   carry a stale (null) server id.
 * - View flags (hidden, locked, pinned, instance colour) live in the document, so they are undone
 *   like CVAT's lock/hide, but in their own record: toggling them never touches a saved object, so
 *   the save diff and the renderers of unchanged objects stay cheap.
 * - Both live in `IdTable`s (hashed buckets) rather than plain records, so an edit copies a small
 *   bucket, not a pointer per object of the job; read them with the accessors below.
 * - Every object keeps the server fields it does not interpret in `extras`, echoed on save, so a
 *   newer server's data is never dropped by this client.
 */

import type { FlatPoints } from "../geometry/coords";
import { emptyTable, getEntry, hasEntry, tableIds, tableValues, type IdTable } from "./idTable";

/** Stable local identity of an object: "shape:12" for loaded objects, "new:…" for created ones. */
export type ClientId = string;

/** Attribute values by the server's attribute (spec) id; values are strings, as the server's. */
export type AttributeValues = Readonly<Record<number, string>>;

export const SHAPE_TYPES = [
  "rectangle",
  "polygon",
  "polyline",
  "points",
  "ellipse",
  "cuboid",
  "mask",
  "skeleton",
] as const;
export type ShapeType = (typeof SHAPE_TYPES)[number];

/** Where an object came from (the server's `source`); unknown values from newer servers pass. */
export type ObjectSource = "manual" | "auto" | "semi-auto" | "file" | "consensus" | (string & {});

/** Server fields this model does not interpret, echoed verbatim on save. */
export type ServerExtras = Readonly<Record<string, unknown>>;

/** The geometry every shape-like thing (shape, skeleton element, track keyframe) has. */
export interface ShapeGeometry {
  readonly type: ShapeType;
  /** Image-space `[x0, y0, x1, y1, …]` in the server's layout for `type`. */
  readonly points: FlatPoints;
  /** Degrees clockwise about the centre (rectangles and ellipses), in [0, 360). */
  readonly rotation: number;
  readonly occluded: boolean;
  readonly outside: boolean;
  readonly zOrder: number;
}

interface ObjectCommon {
  readonly clientId: ClientId;
  /** Absolute task frame number (a track's first keyframe). */
  readonly frame: number;
  readonly labelId: number;
  readonly attributes: AttributeValues;
  /** 0 = not grouped. */
  readonly group: number;
  readonly source: ObjectSource;
  readonly extras: ServerExtras;
}

/** One keypoint of a skeleton (a `points` shape of a sublabel). */
export interface ShapeElement extends ShapeGeometry {
  readonly labelId: number;
  readonly attributes: AttributeValues;
  readonly group: number;
  readonly source: ObjectSource;
  readonly score: number;
  readonly extras: ServerExtras;
}

export interface ShapeObject<T extends ShapeType = ShapeType> extends ObjectCommon, ShapeGeometry {
  readonly kind: "shape";
  readonly type: T;
  /** Confidence of automatic annotation, [0, 1]; 1 for manual shapes. */
  readonly score: number;
  /** Skeleton keypoints; empty for every other type. */
  readonly elements: readonly ShapeElement[];
}

export interface TagObject extends ObjectCommon {
  readonly kind: "tag";
}

/** A stored keyframe of a track (tracks are only carried, not interpolated, in this version). */
export interface TrackKeyframe extends ShapeGeometry {
  readonly frame: number;
  readonly attributes: AttributeValues;
  readonly extras: ServerExtras;
}

export interface TrackElement {
  readonly frame: number;
  readonly labelId: number;
  readonly attributes: AttributeValues;
  readonly group: number;
  readonly source: ObjectSource;
  readonly keyframes: readonly TrackKeyframe[];
  readonly extras: ServerExtras;
}

export interface TrackObject extends ObjectCommon {
  readonly kind: "track";
  readonly keyframes: readonly TrackKeyframe[];
  readonly elements: readonly TrackElement[];
}

export type AnnotationObject = ShapeObject | TagObject | TrackObject;
export type ObjectKind = AnnotationObject["kind"];

/** Client-only flags: never saved, but part of the document (so undoable). */
export interface ViewFlags {
  readonly hidden: boolean;
  readonly locked: boolean;
  readonly pinned: boolean;
  /** Instance colour chosen by the user ("#rrggbb"); absent = the label's colour. */
  readonly color?: string;
}

export const DEFAULT_VIEW_FLAGS: ViewFlags = Object.freeze({ hidden: false, locked: false, pinned: false });

/** What undo/redo records: the objects and their view flags. */
export interface AnnotationDocument {
  readonly objects: IdTable<AnnotationObject>;
  /** Sparse: an object without an entry has `DEFAULT_VIEW_FLAGS`. */
  readonly view: IdTable<ViewFlags>;
}

export function emptyDocument(): AnnotationDocument {
  return { objects: emptyTable(), view: emptyTable() };
}

export function getObject(document: AnnotationDocument, clientId: ClientId): AnnotationObject | undefined {
  return getEntry(document.objects, clientId);
}

export function hasObject(document: AnnotationDocument, clientId: ClientId): boolean {
  return hasEntry(document.objects, clientId);
}

/** Every object of the job (order not meaningful). O(objects): use the frame index per frame. */
export function allObjects(document: AnnotationDocument): AnnotationObject[] {
  return tableValues(document.objects);
}

export function objectIds(document: AnnotationDocument): ClientId[] {
  return tableIds(document.objects);
}

export function isShape(object: AnnotationObject | undefined): object is ShapeObject {
  return object?.kind === "shape";
}

export function isShapeOfType<T extends ShapeType>(
  object: AnnotationObject | undefined,
  type: T,
): object is ShapeObject<T> {
  return object?.kind === "shape" && object.type === type;
}

export function viewFlagsOf(document: AnnotationDocument, clientId: ClientId): ViewFlags {
  return getEntry(document.view, clientId) ?? DEFAULT_VIEW_FLAGS;
}

export function isLocked(document: AnnotationDocument, clientId: ClientId): boolean {
  return viewFlagsOf(document, clientId).locked;
}
