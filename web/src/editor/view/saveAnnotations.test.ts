import { describe, expect, it } from "vitest";
import { hasUnsavedChanges } from "../engine/document/changes";
import { createObject, deleteObjects, setPoints } from "../engine/document/commands";
import { FakeJobServer } from "../engine/document/fakeJobServer";
import { labeledData, loadedStore, newRectangle, serverRectangle } from "../engine/document/testFixtures";
import { saveAnnotations, type SendPatch } from "./saveAnnotations";

function sender(server: FakeJobServer): SendPatch {
  return async (action, body) => server.patch(action, body);
}

describe("saveAnnotations", () => {
  it("sends nothing when nothing changed", async () => {
    const server = new FakeJobServer();
    const store = loadedStore(server.get());
    expect(await saveAnnotations(store, sender(server))).toBe(0);
    expect(server.requests).toEqual([]);
  });

  it("creates, updates and deletes in that order and leaves nothing unsaved", async () => {
    const server = new FakeJobServer({ shapes: [serverRectangle(1, 0), serverRectangle(2, 0)] });
    const store = loadedStore(server.get());
    createObject(store, newRectangle(0));
    setPoints(store, "shape:1", [1, 1, 9, 9]);
    deleteObjects(store, ["shape:2"]);
    const progress: number[] = [];
    expect(await saveAnnotations(store, sender(server), (p) => progress.push(p.done))).toBe(3);
    expect(server.requests.map((r) => r.action)).toEqual(["create", "update", "delete"]);
    expect(progress).toEqual([0, 1, 2, 3]);
    expect(hasUnsavedChanges(store.getState())).toBe(false);
    expect(server.get().shapes?.map((s) => s.id)).toEqual([1, 3]);
  });

  it("sends the version the previous step moved to", async () => {
    const server = new FakeJobServer({ shapes: [serverRectangle(1, 0)] });
    const store = loadedStore(server.get());
    createObject(store, newRectangle(0));
    setPoints(store, "shape:1", [2, 2, 8, 8]);
    await saveAnnotations(store, sender(server));
    expect(server.requests.map((r) => r.body.version)).toEqual([1, 2]);
  });

  it("keeps the steps after a failed one unsaved", async () => {
    const server = new FakeJobServer({ shapes: [serverRectangle(1, 0)] });
    const store = loadedStore(server.get());
    createObject(store, newRectangle(0));
    setPoints(store, "shape:1", [2, 2, 8, 8]);
    const failing: SendPatch = async (action, body) => {
      if (action === "update") throw new Error("offline");
      return server.patch(action, body);
    };
    await expect(saveAnnotations(store, failing)).rejects.toThrow("offline");
    expect(hasUnsavedChanges(store.getState())).toBe(true);
    expect(await saveAnnotations(store, sender(server))).toBe(1);
  });

  it("saves an object created after loading an empty job", async () => {
    const server = new FakeJobServer();
    const store = loadedStore(labeledData({ version: server.version }));
    createObject(store, newRectangle(3));
    await saveAnnotations(store, sender(server));
    expect(server.get().shapes?.[0]?.frame).toBe(3);
  });
});
