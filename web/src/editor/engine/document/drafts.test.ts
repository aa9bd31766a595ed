import { describe, expect, it } from "vitest";
import { markSaved, planSave, requestBody } from "./changes";
import { createObject, deleteObjects, setAttribute, setPoints } from "./commands";
import { createDraft, createMemoryDraftStore, parseDraft, restoreDraft, type AnnotationDraft } from "./drafts";
import type { EditorStore } from "./editorStore";
import { FakeJobServer } from "./fakeJobServer";
import { loadedStore, newRectangle, serverRectangle, serverTag, shapeOf } from "./testFixtures";

function server() {
  return new FakeJobServer({ shapes: [serverRectangle(1, 0), serverRectangle(2, 0)], tags: [serverTag(1, 1)] });
}

function save(store: EditorStore, job: FakeJobServer): void {
  for (const step of planSave(store.getState()).steps) {
    markSaved(store, step, job.patch(step.action, requestBody(step, store.getState().sync.version)));
  }
}

/** The draft as it comes back from storage after a crash. */
const throughJson = (draft: AnnotationDraft | null) => parseDraft(JSON.parse(JSON.stringify(draft)));

const bodies = (store: EditorStore) => planSave(store.getState()).steps.map((step) => [step.action, step.body]);

describe("createDraft", () => {
  it("is null when nothing is unsaved", () => {
    expect(createDraft(loadedStore(server().get()).getState())).toBeNull();
  });

  it("holds created objects, and edited and deleted ones by server id", () => {
    const store = loadedStore(server().get());
    const id = createObject(store, newRectangle(0));
    setPoints(store, "shape:1", [1, 1, 2, 2]);
    deleteObjects(store, ["tag:1"]);
    const draft = createDraft(store.getState(), new Date("2025-01-02T03:04:05Z")) as AnnotationDraft;
    expect(draft.baseVersion).toBe(1);
    expect(draft.savedAt).toBe("2025-01-02T03:04:05.000Z");
    expect(draft.created.map((o) => o.clientId)).toEqual([id]);
    expect(draft.updated).toEqual([{ kind: "shape", serverId: 1, object: expect.objectContaining({ points: [1, 1, 2, 2] }) }]);
    expect(draft.deleted).toEqual([{ kind: "tag", serverId: 1 }]);
  });
});

describe("restoreDraft", () => {
  it("brings back the same unsaved changes onto freshly loaded data", () => {
    const job = server();
    const crashed = loadedStore(job.get());
    createObject(crashed, newRectangle(0));
    setAttribute(crashed, ["shape:2"], 3, "on");
    deleteObjects(crashed, ["tag:1"]);
    const draft = throughJson(createDraft(crashed.getState())) as AnnotationDraft;

    const reopened = loadedStore(job.get());
    const report = restoreDraft(reopened, draft);
    expect(report).toEqual({ created: 1, updated: 1, deleted: 1, recreated: 0, serverChangedSince: false });
    expect(bodies(reopened)).toEqual(bodies(crashed));
  });

  it("finds objects that were created and saved before the crash under their new client ids", () => {
    const job = server();
    const crashed = loadedStore(job.get());
    const id = createObject(crashed, newRectangle(0));
    save(crashed, job);
    setPoints(crashed, id, [7, 7, 8, 8]);
    const draft = throughJson(createDraft(crashed.getState())) as AnnotationDraft;

    const reopened = loadedStore(job.get());
    restoreDraft(reopened, draft);
    expect(shapeOf(reopened, "shape:3").points).toEqual([7, 7, 8, 8]);
    expect(bodies(reopened)).toEqual([["update", expect.objectContaining({ shapes: [expect.objectContaining({ id: 3 })] })]]);
  });

  it("re-creates edited objects that were deleted on the server meanwhile, and says so", () => {
    const job = server();
    const crashed = loadedStore(job.get());
    setPoints(crashed, "shape:1", [4, 4, 5, 5]);
    const draft = throughJson(createDraft(crashed.getState())) as AnnotationDraft;
    job.patch("delete", { tags: [], tracks: [], shapes: [serverRectangle(1, 0)] });

    const reopened = loadedStore(job.get());
    const report = restoreDraft(reopened, draft);
    expect(report).toMatchObject({ updated: 0, recreated: 1, serverChangedSince: true });
    expect(planSave(reopened.getState()).steps.map((s) => s.action)).toEqual(["create"]);
  });

  it("ignores deletions of objects the server no longer has", () => {
    const job = server();
    const crashed = loadedStore(job.get());
    deleteObjects(crashed, ["shape:2"]);
    const draft = throughJson(createDraft(crashed.getState())) as AnnotationDraft;
    job.patch("delete", { tags: [], tracks: [], shapes: [serverRectangle(2, 0)] });

    const reopened = loadedStore(job.get());
    restoreDraft(reopened, draft);
    expect(planSave(reopened.getState()).steps).toEqual([]);
  });

  it("is one undo step", () => {
    const job = server();
    const crashed = loadedStore(job.get());
    createObject(crashed, newRectangle(0));
    setPoints(crashed, "shape:1", [1, 1, 2, 2]);
    const draft = createDraft(crashed.getState()) as AnnotationDraft;
    const reopened = loadedStore(job.get());
    const loaded = reopened.getState().document;
    restoreDraft(reopened, draft);
    expect(reopened.getState().history.undoLabel).toBe("Restore unsaved changes");
    reopened.undo();
    expect(reopened.getState().document).toEqual(loaded);
  });
});

describe("parseDraft", () => {
  it("rejects what is not a draft of this format", () => {
    expect(parseDraft(null)).toBeNull();
    expect(parseDraft("draft")).toBeNull();
    expect(parseDraft({ format: 2, baseVersion: 1, savedAt: "", created: [], updated: [], deleted: [] })).toBeNull();
    expect(parseDraft({ format: 1, baseVersion: 1, savedAt: "", created: [] })).toBeNull();
  });
});

describe("memory draft store", () => {
  it("saves, loads and clears one draft per job", async () => {
    const drafts = createMemoryDraftStore();
    const crashed = loadedStore(server().get());
    createObject(crashed, newRectangle(0));
    const draft = createDraft(crashed.getState()) as AnnotationDraft;
    await drafts.save(4, draft);
    expect(await drafts.load(4)).toEqual(draft);
    expect(await drafts.load(5)).toBeNull();
    await drafts.clear(4);
    expect(await drafts.load(4)).toBeNull();
  });
});
