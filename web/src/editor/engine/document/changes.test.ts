import { describe, expect, it } from "vitest";
import { diffDocument, hasUnsavedChanges, markSaved, planSave, requestBody, type SaveStep } from "./changes";
import { createObject, deleteObjects, setAttribute, setPoints, setViewFlags } from "./commands";
import type { EditorStore } from "./editorStore";
import { FakeJobServer } from "./fakeJobServer";
import { tableEntries } from "./idTable";
import { annotationsFromServer } from "./serverFormat";
import {
  labeledData,
  loadedStore,
  newRectangle,
  serverIdOf,
  serverPolygon,
  serverRectangle,
  serverTag,
  serverTrack,
  shapeOf,
} from "./testFixtures";

/** A store loaded from a fake server, and `save()` running the whole protocol against it. */
function session(server = new FakeJobServer({ shapes: [serverRectangle(1, 0), serverRectangle(2, 0)], tags: [serverTag(1, 1)] })) {
  const store = loadedStore(server.get());
  const save = () => {
    for (const step of planSave(store.getState()).steps) {
      markSaved(store, step, server.patch(step.action, requestBody(step, store.getState().sync.version)));
    }
  };
  return { store, server, save };
}

const actions = (store: EditorStore) => planSave(store.getState()).steps.map((step) => step.action);
const stepOf = (store: EditorStore, action: string) =>
  planSave(store.getState()).steps.find((step) => step.action === action) as SaveStep;

/** Objects without client ids, key order and list order: to compare server and document content. */
function contentOf(objects: Record<string, unknown>): string[] {
  const canonical = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(canonical);
    if (typeof value !== "object" || value === null) return value;
    const entries = Object.entries(value).filter(([key]) => key !== "clientId");
    return Object.fromEntries(entries.sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => [k, canonical(v)]));
  };
  return Object.values(objects)
    .map((object) => JSON.stringify(canonical(object)))
    .sort();
}

describe("planSave", () => {
  it("has no steps for an unchanged job", () => {
    const { store } = session();
    expect(planSave(store.getState()).steps).toEqual([]);
    expect(hasUnsavedChanges(store.getState())).toBe(false);
  });

  it("updates only the edited object, with its server id", () => {
    const { store } = session();
    setPoints(store, "shape:2", [1, 1, 2, 2]);
    const step = stepOf(store, "update");
    expect(actions(store)).toEqual(["update"]);
    expect(step.body.shapes).toHaveLength(1);
    expect(step.body.shapes[0]).toMatchObject({ id: 2, points: [1, 1, 2, 2] });
    expect(step.body.tags).toEqual([]);
    expect(step.clientIds.shapes).toEqual(["shape:2"]);
  });

  it("creates new objects without ids", () => {
    const { store } = session();
    const id = createObject(store, newRectangle(3));
    const step = stepOf(store, "create");
    expect(step.body.shapes).toHaveLength(1);
    expect(step.body.shapes[0]).not.toHaveProperty("id");
    expect(step.clientIds.shapes).toEqual([id]);
  });

  it("deletes removed objects by their server id, as the server had them", () => {
    const { store } = session();
    setPoints(store, "shape:1", [0, 0, 1, 1]);
    deleteObjects(store, ["shape:1", "tag:1"]);
    const step = stepOf(store, "delete");
    expect(actions(store)).toEqual(["delete"]);
    expect(step.body.shapes).toEqual([expect.objectContaining({ id: 1, points: [10, 10, 50, 40] })]);
    expect(step.body.tags).toEqual([expect.objectContaining({ id: 1 })]);
  });

  it("orders the steps create, update, delete", () => {
    const { store } = session();
    deleteObjects(store, ["tag:1"]);
    setPoints(store, "shape:1", [0, 0, 1, 1]);
    createObject(store, newRectangle(0));
    expect(actions(store)).toEqual(["create", "update", "delete"]);
  });

  it("sends nothing for an object created then deleted before saving", () => {
    const { store } = session();
    const id = createObject(store, newRectangle(0));
    deleteObjects(store, [id]);
    expect(planSave(store.getState()).steps).toEqual([]);
  });

  it("sends nothing for an edit that was undone", () => {
    const { store } = session();
    setPoints(store, "shape:1", [0, 0, 1, 1]);
    store.undo();
    expect(hasUnsavedChanges(store.getState())).toBe(false);
  });

  it("sends nothing for an edit that restores the saved values", () => {
    const { store } = session();
    setPoints(store, "shape:1", [0, 0, 1, 1]);
    setPoints(store, "shape:1", [10, 10, 50, 40]);
    expect(planSave(store.getState()).steps).toEqual([]);
  });

  it("never saves view flags", () => {
    const { store } = session();
    setViewFlags(store, ["shape:1"], { hidden: true, locked: true, color: "#00ff00" });
    expect(hasUnsavedChanges(store.getState())).toBe(false);
  });

  it("leaves untouched tracks out of every body", () => {
    const server = new FakeJobServer({ shapes: [serverRectangle(1, 0)], tracks: [serverTrack(1)] });
    const { store } = session(server);
    setPoints(store, "shape:1", [0, 0, 1, 1]);
    createObject(store, newRectangle(2));
    for (const step of planSave(store.getState()).steps) expect(step.body.tracks).toEqual([]);
  });

  it("adds the job's version to the request body", () => {
    const { store } = session();
    setPoints(store, "shape:1", [0, 0, 1, 1]);
    expect(requestBody(stepOf(store, "update"), 7)).toMatchObject({ version: 7, shapes: [{ id: 1 }] });
  });
});

describe("markSaved", () => {
  it("maps created objects onto their new server ids and leaves nothing unsaved", () => {
    const { store, save } = session();
    const a = createObject(store, newRectangle(0));
    const b = createObject(store, { kind: "tag", frame: 0, labelId: 2 });
    save();
    expect(serverIdOf(store, a)).toBe(3);
    expect(serverIdOf(store, b)).toBe(2);
    expect(hasUnsavedChanges(store.getState())).toBe(false);
  });

  it("sends each request with the version the previous answer gave", () => {
    const { store, server, save } = session();
    deleteObjects(store, ["tag:1"]);
    setPoints(store, "shape:1", [0, 0, 1, 1]);
    createObject(store, newRectangle(0));
    save();
    expect(server.requests.map((r) => r.body.version)).toEqual([1, 2, 3]);
    expect(store.getState().sync.version).toBe(4);
  });

  it("updates a created object by its new id on the next save", () => {
    const { store, server, save } = session();
    const id = createObject(store, newRectangle(0));
    save();
    setPoints(store, id, [1, 2, 3, 4]);
    save();
    expect(server.requests.at(-1)).toMatchObject({ action: "update", body: { shapes: [{ id: 3, points: [1, 2, 3, 4] }] } });
  });

  it("keeps edits made while a request was in flight unsaved", () => {
    const { store, server } = session();
    setPoints(store, "shape:1", [0, 0, 1, 1]);
    const [step] = planSave(store.getState()).steps;
    setPoints(store, "shape:1", [0, 0, 9, 9]);
    markSaved(store, step, server.patch(step.action, requestBody(step, store.getState().sync.version)));
    expect(stepOf(store, "update").body.shapes[0].points).toEqual([0, 0, 9, 9]);
  });

  it("deletes an object created and deleted while its create was in flight", () => {
    const { store, server } = session();
    const id = createObject(store, newRectangle(0));
    const [step] = planSave(store.getState()).steps;
    deleteObjects(store, [id]);
    markSaved(store, step, server.patch(step.action, requestBody(step, store.getState().sync.version)));
    expect(stepOf(store, "delete").body.shapes).toEqual([expect.objectContaining({ id: 3 })]);
  });

  it("rejects a create answer that does not list what was sent", () => {
    const { store } = session();
    createObject(store, newRectangle(0));
    const [step] = planSave(store.getState()).steps;
    expect(() => markSaved(store, step, { version: 2, shapes: [], tags: [], tracks: [] })).toThrow(/created shapes/);
  });
});

describe("undo after a save", () => {
  it("deletes on the server what an undone create had saved", () => {
    const { store, server, save } = session();
    createObject(store, newRectangle(0));
    save();
    store.undo();
    expect(actions(store)).toEqual(["delete"]);
    save();
    expect(server.get().shapes?.map((s) => s.id)).toEqual([1, 2]);
  });

  it("updates back to the old values what an undone edit had saved", () => {
    const { store, save } = session();
    setPoints(store, "shape:1", [0, 0, 1, 1]);
    save();
    store.undo();
    expect(stepOf(store, "update").body.shapes).toEqual([expect.objectContaining({ id: 1, points: [10, 10, 50, 40] })]);
  });

  it("re-creates what an undone delete had removed on the server", () => {
    const { store, save } = session();
    deleteObjects(store, ["shape:2"]);
    save();
    store.undo();
    const step = stepOf(store, "create");
    expect(step.clientIds.shapes).toEqual(["shape:2"]);
    expect(step.body.shapes[0]).not.toHaveProperty("id");
  });

  it("redo of a create after saving and undoing it needs no new object", () => {
    const { store, save } = session();
    createObject(store, newRectangle(0));
    save();
    store.undo();
    store.redo();
    expect(hasUnsavedChanges(store.getState())).toBe(false);
  });
});

describe("a whole editing session against the server", () => {
  it("leaves the server holding exactly the document", () => {
    const { store, server, save } = session();
    const a = createObject(store, newRectangle(0));
    setAttribute(store, ["shape:1"], 4, "x");
    save();
    deleteObjects(store, ["shape:2"]);
    setPoints(store, a, [3, 3, 4, 4]);
    store.undo();
    store.redo();
    createObject(store, { kind: "tag", frame: 2, labelId: 1 });
    save();
    const reloaded = annotationsFromServer(server.get());
    expect(contentOf(reloaded.objects)).toEqual(contentOf(Object.fromEntries(tableEntries(store.getState().document.objects))));
  });

  it("saves one edit of a 3,000-object job as one small request", () => {
    const shapes = Array.from({ length: 3000 }, (_, i) => serverPolygon(i + 1, i % 100, 20));
    const store = loadedStore(labeledData({ shapes }));
    const target = shapeOf(store, "shape:1500");
    setPoints(store, "shape:1500", target.points.map((v) => v + 1));
    const diff = diffDocument(store.getState().document.objects, store.getState().sync);
    expect(diff).toEqual({ created: [], updated: ["shape:1500"], deleted: [] });
    expect(JSON.stringify(stepOf(store, "update").body).length).toBeLessThan(2000);
  });
});
