import { castDraft } from "immer";
import { describe, expect, it, vi } from "vitest";
import type { DocumentRecipe } from "./editorStore";
import { idsOnFrame } from "./frameIndex";
import { deleteEntry, getEntry, setEntry, tableEntries } from "./idTable";
import { getObject, objectIds, type ShapeObject } from "./model";
import { draftShape, labeledData, loadedStore, serverIdOf, serverRectangle, shapeOf } from "./testFixtures";

function twoRectangles() {
  return loadedStore(labeledData({ shapes: [serverRectangle(1, 0), serverRectangle(2, 1)] }));
}

function movePoint(x: number): DocumentRecipe {
  return (draft) => {
    draftShape(draft, "shape:1").points[0] = x;
  };
}

const pointsOf = (store: ReturnType<typeof twoRectangles>, id = "shape:1") => shapeOf(store, id).points;
const baselinePointsOf = (store: ReturnType<typeof twoRectangles>) =>
  (getEntry(store.getState().sync.baseline, "shape:1") as ShapeObject).points;

describe("EditorStore.load", () => {
  it("builds the document, frame index and sync state from the server's data", () => {
    const store = twoRectangles();
    const state = store.getState();
    expect(objectIds(state.document).sort()).toEqual(["shape:1", "shape:2"]);
    expect(idsOnFrame(state.frameIndex, 1)).toEqual(["shape:2"]);
    expect(Object.fromEntries(tableEntries(state.sync.serverIds))).toEqual({ "shape:1": 1, "shape:2": 2 });
    expect(state.sync.version).toBe(3);
    expect(state.sync.baseline).toBe(state.document.objects);
  });

  it("forgets history and selection", () => {
    const store = twoRectangles();
    store.apply(movePoint(0));
    store.select(["shape:1"]);
    store.load(labeledData());
    expect(store.getState().history.canUndo).toBe(false);
    expect(store.getState().selection.selectedIds).toEqual([]);
  });
});

describe("EditorStore.apply", () => {
  it("changes the document and records one undo step", () => {
    const store = twoRectangles();
    expect(store.apply(movePoint(99), { label: "Move point" })).toBe(true);
    expect(pointsOf(store)[0]).toBe(99);
    expect(store.getState().history).toMatchObject({ canUndo: true, undoLabel: "Move point" });
  });

  it("records nothing for a recipe that changes nothing", () => {
    const store = twoRectangles();
    expect(store.apply(() => {})).toBe(false);
    expect(store.getState().history.canUndo).toBe(false);
  });

  it("shares every untouched object with the previous document", () => {
    const store = twoRectangles();
    const before = store.getState().document;
    store.apply(movePoint(5));
    const after = store.getState().document;
    expect(getObject(after, "shape:2")).toBe(getObject(before, "shape:2"));
    expect(getObject(after, "shape:1")).not.toBe(getObject(before, "shape:1"));
  });

  it("hands out frozen documents", () => {
    const store = twoRectangles();
    store.apply(movePoint(5));
    expect(Object.isFrozen(shapeOf(store, "shape:1"))).toBe(true);
  });

  it("notifies subscribers once per change", () => {
    const store = twoRectangles();
    const listener = vi.fn();
    store.subscribe(listener);
    store.apply(movePoint(5));
    expect(listener).toHaveBeenCalledTimes(1);
  });
});

describe("EditorStore undo and redo", () => {
  it("undo returns the previous document and redo the next", () => {
    const store = twoRectangles();
    const initial = store.getState().document;
    store.apply(movePoint(5));
    const edited = store.getState().document;
    expect(store.undo()).toBe(true);
    expect(store.getState().document).toEqual(initial);
    expect(store.redo()).toBe(true);
    expect(store.getState().document).toEqual(edited);
  });

  it("answers false when there is nothing to undo or redo", () => {
    const store = twoRectangles();
    expect(store.undo()).toBe(false);
    expect(store.redo()).toBe(false);
  });

  it("clears redo on a new change", () => {
    const store = twoRectangles();
    store.apply(movePoint(5));
    store.undo();
    store.apply(movePoint(6));
    expect(store.getState().history.canRedo).toBe(false);
  });

  it("keeps the frame index right through undo and redo", () => {
    const store = twoRectangles();
    store.apply((draft) => {
      draftShape(draft, "shape:1").frame = 7;
    });
    expect(idsOnFrame(store.getState().frameIndex, 7)).toEqual(["shape:1"]);
    store.undo();
    expect(idsOnFrame(store.getState().frameIndex, 7)).toEqual([]);
    expect(idsOnFrame(store.getState().frameIndex, 0)).toEqual(["shape:1"]);
  });

  it("forgets the oldest steps past the history limit", () => {
    const store = loadedStore(labeledData({ shapes: [serverRectangle(1, 0)] }), 2);
    for (const x of [1, 2, 3]) store.apply(movePoint(x));
    store.undo();
    store.undo();
    expect(store.undo()).toBe(false);
    expect(pointsOf(store)[0]).toBe(1);
  });
});

describe("EditorStore gestures", () => {
  it("makes all changes between begin and end one undo step", () => {
    const store = twoRectangles();
    store.beginGesture("Drag point");
    for (let x = 11; x <= 20; x += 1) store.apply(movePoint(x));
    store.endGesture();
    expect(store.getState().history.undoLabel).toBe("Drag point");
    store.undo();
    expect(pointsOf(store)[0]).toBe(10);
    expect(store.getState().history.canUndo).toBe(false);
    store.redo();
    expect(pointsOf(store)[0]).toBe(20);
  });

  it("cancelling reverts the gesture's changes without a trace in history", () => {
    const store = twoRectangles();
    store.beginGesture("Drag point");
    store.apply(movePoint(50));
    store.cancelGesture();
    expect(pointsOf(store)[0]).toBe(10);
    expect(store.getState().history).toMatchObject({ canUndo: false, inGesture: false });
  });

  it("publishes that a gesture is open", () => {
    const store = twoRectangles();
    store.beginGesture("Draw");
    expect(store.getState().history.inGesture).toBe(true);
    store.endGesture();
    expect(store.getState().history.inGesture).toBe(false);
  });
});

describe("EditorStore.applyRemote", () => {
  it("changes the document without entering history", () => {
    const store = twoRectangles();
    store.applyRemote(movePoint(70));
    expect(pointsOf(store)[0]).toBe(70);
    expect(store.getState().history.canUndo).toBe(false);
  });

  it("counts as saved by default: the baseline takes the change too", () => {
    const store = twoRectangles();
    store.applyRemote(movePoint(70));
    expect(baselinePointsOf(store)[0]).toBe(70);
  });

  it("leaves the baseline alone for unsaved remote changes", () => {
    const store = twoRectangles();
    store.applyRemote(movePoint(70), { saved: false });
    expect(baselinePointsOf(store)[0]).toBe(10);
  });

  it("learns the server ids of objects it creates", () => {
    const store = twoRectangles();
    const shape = { ...shapeOf(store, "shape:1"), clientId: "shape:9" };
    store.applyRemote(
      (draft) => {
        setEntry(draft.objects, "shape:9", castDraft(shape));
      },
      { serverIds: { "shape:9": 9 } },
    );
    expect(serverIdOf(store, "shape:9")).toBe(9);
  });

  it("forgets the server id of an object the server deleted", () => {
    const store = twoRectangles();
    store.applyRemote((draft) => {
      deleteEntry(draft.objects, "shape:2");
    });
    expect(serverIdOf(store, "shape:2")).toBeUndefined();
    expect(getEntry(store.getState().sync.baseline, "shape:2")).toBeUndefined();
  });

  it("keeps local undo working on objects it did not touch", () => {
    const store = twoRectangles();
    store.apply(movePoint(5));
    store.applyRemote((draft) => {
      draftShape(draft, "shape:2").points[0] = 1;
    });
    expect(store.undo()).toBe(true);
    expect(pointsOf(store)[0]).toBe(10);
    expect(pointsOf(store, "shape:2")[0]).toBe(1);
  });

  it("clears history when a step no longer fits after a remote delete", () => {
    const store = twoRectangles();
    store.apply(movePoint(5));
    store.applyRemote((draft) => {
      deleteEntry(draft.objects, "shape:1");
    });
    expect(store.undo()).toBe(false);
    expect(store.getState().history.canUndo).toBe(false);
  });
});

describe("EditorStore selection", () => {
  it("selects existing objects only, the last one active by default", () => {
    const store = twoRectangles();
    store.select(["shape:1", "missing", "shape:2"]);
    expect(store.getState().selection).toEqual({ activeId: "shape:2", selectedIds: ["shape:1", "shape:2"] });
  });

  it("is not undone", () => {
    const store = twoRectangles();
    store.apply(movePoint(5));
    store.select(["shape:1"]);
    store.undo();
    expect(store.getState().selection.selectedIds).toEqual(["shape:1"]);
  });

  it("drops objects that disappear", () => {
    const store = twoRectangles();
    store.select(["shape:1", "shape:2"], "shape:1");
    store.apply((draft) => {
      deleteEntry(draft.objects, "shape:1");
    });
    expect(store.getState().selection).toEqual({ activeId: null, selectedIds: ["shape:2"] });
  });
});
