import { IDBFactory } from "fake-indexeddb";
import { describe, expect, it } from "vitest";
import { createObject, setPoints } from "./commands";
import { createDraft, type AnnotationDraft } from "./drafts";
import { createIndexedDbDraftStore } from "./indexedDbDraftStore";
import { labeledData, loadedStore, newRectangle, serverRectangle } from "./testFixtures";

function someDraft(): AnnotationDraft {
  const store = loadedStore(labeledData({ shapes: [serverRectangle(1, 0)] }));
  createObject(store, newRectangle(2));
  setPoints(store, "shape:1", [1, 2, 3, 4]);
  return createDraft(store.getState()) as AnnotationDraft;
}

describe("IndexedDB draft store", () => {
  it("has no draft for a job it never saw", async () => {
    const drafts = createIndexedDbDraftStore({ factory: new IDBFactory() });
    expect(await drafts.load(1)).toBeNull();
  });

  it("gives back the draft it saved (the store's frozen objects included)", async () => {
    const drafts = createIndexedDbDraftStore({ factory: new IDBFactory() });
    const draft = someDraft();
    await drafts.save(1, draft);
    expect(await drafts.load(1)).toEqual(draft);
  });

  it("keeps one draft per job, the latest", async () => {
    const drafts = createIndexedDbDraftStore({ factory: new IDBFactory() });
    const first = someDraft();
    const second = { ...someDraft(), baseVersion: 9 };
    await drafts.save(1, first);
    await drafts.save(1, second);
    await drafts.save(2, first);
    expect((await drafts.load(1))?.baseVersion).toBe(9);
    expect((await drafts.load(2))?.baseVersion).toBe(first.baseVersion);
  });

  it("clears a job's draft", async () => {
    const drafts = createIndexedDbDraftStore({ factory: new IDBFactory() });
    await drafts.save(1, someDraft());
    await drafts.clear(1);
    expect(await drafts.load(1)).toBeNull();
  });

  it("survives the page going away", async () => {
    const factory = new IDBFactory();
    const before = createIndexedDbDraftStore({ factory });
    const draft = someDraft();
    await before.save(3, draft);
    await before.close();
    const after = createIndexedDbDraftStore({ factory });
    expect(await after.load(3)).toEqual(draft);
  });
});
