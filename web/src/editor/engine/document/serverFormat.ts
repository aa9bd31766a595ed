/**
 * Between the server's LabeledData (`GET /api/jobs/{id}/annotations`: `{version, tags, shapes,
 * tracks}`, CVAT's field names) and the editor's objects.
 *
 * Fields the model does not interpret are kept in `extras` and written back as they came, so a
 * save never drops data. Ids of nested items (skeleton elements, track keyframes) are dropped: the
 * server assigns new ones on every write of their parent anyway.
 */

import { serverClientId } from "./clientIds";
import type {
  AnnotationObject,
  AttributeValues,
  ClientId,
  ServerExtras,
  ShapeElement,
  ShapeObject,
  ShapeType,
  TagObject,
  TrackElement,
  TrackKeyframe,
  TrackObject,
} from "./model";

export interface ServerAttribute {
  spec_id: number;
  value: string;
}

interface ServerShapeFields {
  type: ShapeType;
  frame: number;
  occluded?: boolean;
  outside?: boolean;
  z_order?: number;
  rotation?: number;
  points?: number[];
  attributes?: ServerAttribute[];
}

export interface ServerTag {
  id?: number | null;
  frame: number;
  label_id: number;
  group?: number | null;
  source?: string;
  attributes?: ServerAttribute[];
}

export interface ServerShapeElement extends ServerShapeFields {
  id?: number | null;
  label_id: number;
  group?: number | null;
  source?: string;
  score?: number;
}

export interface ServerShape extends ServerShapeElement {
  elements?: ServerShapeElement[];
}

export interface ServerTrackedShape extends ServerShapeFields {
  id?: number | null;
}

export interface ServerTrackElement {
  id?: number | null;
  frame: number;
  label_id: number;
  group?: number | null;
  source?: string;
  attributes?: ServerAttribute[];
  shapes: ServerTrackedShape[];
}

export interface ServerTrack extends ServerTrackElement {
  elements?: ServerTrackElement[];
}

export interface ServerLabeledData {
  version?: number;
  tags?: ServerTag[];
  shapes?: ServerShape[];
  tracks?: ServerTrack[];
  [other: string]: unknown;
}

/** A write body (`PATCH …/annotations?action=…`): the three object lists. */
export interface ServerObjectLists {
  tags: ServerTag[];
  shapes: ServerShape[];
  tracks: ServerTrack[];
}

export type ServerCollection = keyof ServerObjectLists;

/** A job's annotations as the editor holds them. */
export interface LoadedAnnotations {
  readonly objects: Record<ClientId, AnnotationObject>;
  readonly serverIds: Record<ClientId, number>;
  readonly version: number;
  /** Envelope fields other than the object lists (`intervals`, …), kept for completeness. */
  readonly envelope: ServerExtras;
}

const TAG_KEYS = ["id", "frame", "label_id", "group", "source", "attributes"];
const GEOMETRY_KEYS = ["type", "frame", "occluded", "outside", "z_order", "rotation", "points", "attributes"];
const ELEMENT_KEYS = [...GEOMETRY_KEYS, "id", "label_id", "group", "source", "score"];
const SHAPE_KEYS = [...ELEMENT_KEYS, "elements"];
const KEYFRAME_KEYS = [...GEOMETRY_KEYS, "id"];
const TRACK_KEYS = [...TAG_KEYS, "shapes", "elements"];
const ENVELOPE_KEYS = ["version", "tags", "shapes", "tracks"];

export function collectionOf(object: AnnotationObject): ServerCollection {
  if (object.kind === "tag") return "tags";
  return object.kind === "shape" ? "shapes" : "tracks";
}

// --- server → model ---------------------------------------------------------------------------

export function annotationsFromServer(data: ServerLabeledData): LoadedAnnotations {
  const objects: Record<ClientId, AnnotationObject> = {};
  const serverIds: Record<ClientId, number> = {};
  const add = (object: AnnotationObject, id: number | null | undefined): void => {
    objects[object.clientId] = object;
    if (id !== null && id !== undefined) serverIds[object.clientId] = id;
  };
  for (const tag of data.tags ?? []) add(tagFromServer(tag, idFor("tag", tag.id)), tag.id);
  for (const shape of data.shapes ?? []) add(shapeFromServer(shape, idFor("shape", shape.id)), shape.id);
  for (const track of data.tracks ?? []) add(trackFromServer(track, idFor("track", track.id)), track.id);
  return {
    objects,
    serverIds,
    version: typeof data.version === "number" ? data.version : 0,
    envelope: extrasOf(data, ENVELOPE_KEYS),
  };
}

let unnumbered = 0;
function idFor(kind: "tag" | "shape" | "track", id: number | null | undefined): ClientId {
  // Objects without an id only come from hand-made data (tests, imports); give them unique ids.
  if (id === null || id === undefined) {
    unnumbered += 1;
    return `${kind}:unsaved-${unnumbered}`;
  }
  return serverClientId(kind, id);
}

export function tagFromServer(tag: ServerTag, clientId: ClientId): TagObject {
  return {
    kind: "tag",
    clientId,
    frame: tag.frame,
    labelId: tag.label_id,
    attributes: attributesFromServer(tag.attributes),
    group: tag.group ?? 0,
    source: tag.source ?? "manual",
    extras: extrasOf(tag, TAG_KEYS),
  };
}

export function shapeFromServer(shape: ServerShape, clientId: ClientId): ShapeObject {
  return {
    kind: "shape",
    clientId,
    frame: shape.frame,
    labelId: shape.label_id,
    attributes: attributesFromServer(shape.attributes),
    group: shape.group ?? 0,
    source: shape.source ?? "manual",
    ...geometryFromServer(shape),
    score: shape.score ?? 1,
    elements: (shape.elements ?? []).map(elementFromServer),
    extras: extrasOf(shape, SHAPE_KEYS),
  };
}

function elementFromServer(element: ServerShapeElement): ShapeElement {
  return {
    labelId: element.label_id,
    attributes: attributesFromServer(element.attributes),
    group: element.group ?? 0,
    source: element.source ?? "manual",
    score: element.score ?? 1,
    ...geometryFromServer(element),
    extras: extrasOf(element, ELEMENT_KEYS),
  };
}

export function trackFromServer(track: ServerTrack, clientId: ClientId): TrackObject {
  return {
    kind: "track",
    clientId,
    ...trackElementFromServer(track),
    elements: (track.elements ?? []).map(trackElementFromServer),
    extras: extrasOf(track, TRACK_KEYS),
  };
}

function trackElementFromServer(track: ServerTrackElement): TrackElement {
  return {
    frame: track.frame,
    labelId: track.label_id,
    attributes: attributesFromServer(track.attributes),
    group: track.group ?? 0,
    source: track.source ?? "manual",
    keyframes: track.shapes.map(keyframeFromServer),
    extras: extrasOf(track, TRACK_KEYS),
  };
}

function keyframeFromServer(shape: ServerTrackedShape): TrackKeyframe {
  return {
    frame: shape.frame,
    ...geometryFromServer(shape),
    attributes: attributesFromServer(shape.attributes),
    extras: extrasOf(shape, KEYFRAME_KEYS),
  };
}

function geometryFromServer(shape: ServerShapeFields) {
  return {
    type: shape.type,
    points: shape.points ?? [],
    rotation: shape.rotation ?? 0,
    occluded: shape.occluded ?? false,
    outside: shape.outside ?? false,
    zOrder: shape.z_order ?? 0,
  };
}

export function attributesFromServer(attributes: readonly ServerAttribute[] | undefined): AttributeValues {
  const values: Record<number, string> = {};
  for (const attribute of attributes ?? []) values[attribute.spec_id] = attribute.value;
  return values;
}

function extrasOf(source: object, known: readonly string[]): ServerExtras {
  let extras: Record<string, unknown> | null = null;
  for (const [key, value] of Object.entries(source)) {
    if (known.includes(key)) continue;
    extras ??= {};
    extras[key] = value;
  }
  return extras ?? NO_EXTRAS;
}

const NO_EXTRAS: ServerExtras = Object.freeze({});

// --- model → server ---------------------------------------------------------------------------

/** `{ id }` for objects the server has, nothing for new ones. */
function idField(serverId: number | null): { id?: number } {
  return serverId === null ? {} : { id: serverId };
}

export function tagToServer(tag: TagObject, serverId: number | null): ServerTag {
  return { ...tag.extras, ...idField(serverId), ...commonToServer(tag) };
}

export function shapeToServer(shape: ShapeObject, serverId: number | null): ServerShape {
  return {
    ...shape.extras,
    ...idField(serverId),
    ...commonToServer(shape),
    ...geometryToServer(shape, shape.frame),
    score: shape.score,
    elements: shape.elements.map((element) => ({
      ...element.extras,
      label_id: element.labelId,
      group: element.group,
      source: element.source,
      score: element.score,
      ...geometryToServer(element, shape.frame),
      attributes: attributesToServer(element.attributes),
    })),
  };
}

export function trackToServer(track: TrackObject, serverId: number | null): ServerTrack {
  return {
    ...track.extras,
    ...idField(serverId),
    ...trackElementToServer(track),
    elements: track.elements.map((element) => ({ ...element.extras, ...trackElementToServer(element) })),
  };
}

function commonToServer(object: AnnotationObject) {
  return {
    frame: object.frame,
    label_id: object.labelId,
    group: object.group,
    source: object.source,
    attributes: attributesToServer(object.attributes),
  };
}

function trackElementToServer(track: TrackElement): ServerTrackElement {
  return {
    frame: track.frame,
    label_id: track.labelId,
    group: track.group,
    source: track.source,
    attributes: attributesToServer(track.attributes),
    // The server wants keyframes in frame order (the editor keeps them so; loaded data may not be).
    shapes: [...track.keyframes].sort((a, b) => a.frame - b.frame).map((keyframe) => ({
      ...keyframe.extras,
      ...geometryToServer(keyframe, keyframe.frame),
      attributes: attributesToServer(keyframe.attributes),
    })),
  };
}

function geometryToServer(shape: ShapeObject | ShapeElement | TrackKeyframe, frame: number): ServerShapeFields {
  return {
    type: shape.type,
    frame,
    occluded: shape.occluded,
    outside: shape.outside,
    z_order: shape.zOrder,
    rotation: shape.rotation,
    points: [...shape.points],
  };
}

export function attributesToServer(attributes: AttributeValues): ServerAttribute[] {
  return Object.entries(attributes).map(([specId, value]) => ({ spec_id: Number(specId), value }));
}

export function emptyObjectLists(): ServerObjectLists {
  return { tags: [], shapes: [], tracks: [] };
}

/** Adds an object, as the server writes it, to the list of its kind in a write body. */
export function addToLists(lists: ServerObjectLists, object: AnnotationObject, serverId: number | null): void {
  switch (object.kind) {
    case "tag":
      lists.tags.push(tagToServer(object, serverId));
      break;
    case "shape":
      lists.shapes.push(shapeToServer(object, serverId));
      break;
    case "track":
      lists.tracks.push(trackToServer(object, serverId));
      break;
  }
}
