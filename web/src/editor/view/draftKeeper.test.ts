import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createObject, setPoints } from "../engine/document/commands";
import { createMemoryDraftStore } from "../engine/document/drafts";
import { FakeJobServer } from "../engine/document/fakeJobServer";
import { labeledData, loadedStore, newRectangle, serverRectangle } from "../engine/document/testFixtures";
import { keepDrafts } from "./draftKeeper";
import { saveAnnotations } from "./saveAnnotations";

const JOB = 7;

describe("keepDrafts", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("writes the draft once the changes settle", async () => {
    const store = loadedStore(labeledData({ shapes: [serverRectangle(1, 0)] }));
    const drafts = createMemoryDraftStore();
    const keeper = keepDrafts(store, drafts, JOB, { debounceMs: 100 });
    setPoints(store, "shape:1", [1, 1, 5, 5]);
    setPoints(store, "shape:1", [2, 2, 6, 6]);
    expect(await drafts.load(JOB)).toBeNull();
    await vi.advanceTimersByTimeAsync(100);
    await keeper.flush();
    const draft = await drafts.load(JOB);
    expect(draft?.updated.map((u) => u.object.kind === "shape" && u.object.points)).toEqual([[2, 2, 6, 6]]);
    keeper.dispose();
  });

  it("clears the draft when everything is saved", async () => {
    const server = new FakeJobServer();
    const store = loadedStore(server.get());
    const drafts = createMemoryDraftStore();
    const keeper = keepDrafts(store, drafts, JOB, { debounceMs: 10 });
    createObject(store, newRectangle(0));
    await keeper.flush();
    expect((await drafts.load(JOB))?.created).toHaveLength(1);
    await saveAnnotations(store, async (action, body) => server.patch(action, body));
    await keeper.flush();
    expect(await drafts.load(JOB)).toBeNull();
    keeper.dispose();
  });

  it("clears the draft right after a save, without waiting for the debounce", async () => {
    const server = new FakeJobServer();
    const store = loadedStore(server.get());
    const drafts = createMemoryDraftStore();
    const keeper = keepDrafts(store, drafts, JOB, { debounceMs: 10_000 });
    createObject(store, newRectangle(0));
    await keeper.flush();
    expect((await drafts.load(JOB))?.created).toHaveLength(1);
    await saveAnnotations(store, async (action, body) => server.patch(action, body));
    // No timer advanced, no flush: the clear was written when the save landed.
    await vi.advanceTimersByTimeAsync(0);
    expect(await drafts.load(JOB)).toBeNull();
    keeper.dispose();
  });

  it("writes what is pending when disposed", async () => {
    const store = loadedStore();
    const drafts = createMemoryDraftStore();
    const keeper = keepDrafts(store, drafts, JOB, { debounceMs: 1000 });
    createObject(store, newRectangle(0));
    keeper.dispose();
    await vi.runAllTimersAsync();
    expect((await drafts.load(JOB))?.created).toHaveLength(1);
  });

  it("ignores selection changes", async () => {
    const store = loadedStore(labeledData({ shapes: [serverRectangle(1, 0)] }));
    const drafts = { ...createMemoryDraftStore(), save: vi.fn(async () => {}), clear: vi.fn(async () => {}) };
    const keeper = keepDrafts(store, drafts, JOB, { debounceMs: 10 });
    store.select(["shape:1"]);
    await vi.advanceTimersByTimeAsync(50);
    expect(drafts.save).not.toHaveBeenCalled();
    expect(drafts.clear).not.toHaveBeenCalled();
    keeper.dispose();
  });

  it("reports a failed write", async () => {
    const store = loadedStore();
    const onError = vi.fn();
    const drafts = { ...createMemoryDraftStore(), save: async () => Promise.reject(new Error("quota")) };
    const keeper = keepDrafts(store, drafts, JOB, { debounceMs: 10, onError });
    createObject(store, newRectangle(0));
    await keeper.flush();
    expect(onError).toHaveBeenCalledWith(new Error("quota"));
    keeper.dispose();
  });
});
