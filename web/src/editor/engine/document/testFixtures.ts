/** Builders for the document engine's tests: server data as the API returns it, and loaded stores. */

import type { Draft } from "immer";
import { createClientIdSource } from "./clientIds";
import type { NewShape } from "./commands";
import { EditorStore } from "./editorStore";
import { getEntry } from "./idTable";
import { getObject, type AnnotationDocument, type AnnotationObject, type ShapeObject } from "./model";
import type { ServerLabeledData, ServerShape, ServerTag, ServerTrack, ServerTrackedShape } from "./serverFormat";

export function serverRectangle(id: number, frame: number, overrides: Partial<ServerShape> = {}): ServerShape {
  return {
    id,
    type: "rectangle",
    frame,
    label_id: 1,
    group: 0,
    source: "manual",
    occluded: false,
    outside: false,
    z_order: 0,
    rotation: 0,
    points: [10, 10, 50, 40],
    score: 1,
    attributes: [],
    elements: [],
    ...overrides,
  };
}

/** A polygon of `pointCount` points on a circle (the benchmark's shape). */
export function serverPolygon(id: number, frame: number, pointCount: number): ServerShape {
  const points: number[] = [];
  for (let i = 0; i < pointCount; i += 1) {
    const angle = (2 * Math.PI * i) / pointCount;
    points.push(500 + 100 * Math.cos(angle) + id, 500 + 100 * Math.sin(angle));
  }
  return serverRectangle(id, frame, { type: "polygon", points });
}

export function serverTag(id: number, frame: number, overrides: Partial<ServerTag> = {}): ServerTag {
  return { id, frame, label_id: 2, group: 0, source: "manual", attributes: [], ...overrides };
}

function keyframe(id: number, frame: number, outside: boolean, points: number[]): ServerTrackedShape {
  return { id, type: "rectangle", frame, occluded: false, outside, z_order: 0, rotation: 0, points, attributes: [] };
}

export function serverTrack(id: number, overrides: Partial<ServerTrack> = {}): ServerTrack {
  return {
    id,
    frame: 0,
    label_id: 1,
    group: 0,
    source: "manual",
    attributes: [{ spec_id: 7, value: "car" }],
    shapes: [
      keyframe(100, 0, false, [0, 0, 10, 10]),
      keyframe(101, 5, true, [5, 5, 15, 15]),
    ],
    elements: [],
    ...overrides,
  };
}

export function labeledData(parts: Partial<ServerLabeledData> = {}): ServerLabeledData {
  return { version: 3, tags: [], shapes: [], tracks: [], intervals: [], ...parts };
}

/** A store with deterministic new ids ("new:test-1", …), loaded with `data`. */
export function loadedStore(data: ServerLabeledData = labeledData(), historyLimit?: number): EditorStore {
  const store = new EditorStore({ newClientId: createClientIdSource("test"), historyLimit });
  store.load(data);
  return store;
}

export function newRectangle(frame: number, overrides: Partial<NewShape> = {}): NewShape {
  return { kind: "shape", type: "rectangle", frame, labelId: 1, points: [0, 0, 20, 20], ...overrides };
}

export function objectOf(store: EditorStore, id: string): AnnotationObject | undefined {
  return getObject(store.getState().document, id);
}

export function shapeOf(store: EditorStore, id: string): ShapeObject {
  return objectOf(store, id) as ShapeObject;
}

export function serverIdOf(store: EditorStore, id: string): number | undefined {
  return getEntry(store.getState().sync.serverIds, id);
}

/** A shape's draft inside a recipe. */
export function draftShape(draft: Draft<AnnotationDocument>, id: string): Draft<ShapeObject> {
  return getEntry(draft.objects, id) as Draft<ShapeObject>;
}
