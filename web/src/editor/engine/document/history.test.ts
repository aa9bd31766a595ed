import { enablePatches, produceWithPatches, applyPatches, type Patch } from "immer";
import { describe, expect, it } from "vitest";
import { RecordedHistory, type HistoryEntry } from "./history";

enablePatches();

interface Counter {
  value: number;
}

/** A tiny document driven through the history the way the store drives it. */
function harness(limit?: number) {
  const history = new RecordedHistory(limit);
  let doc: Counter = { value: 0 };
  const set = (value: number, label = `set ${value}`) => {
    const [next, patches, inversePatches] = produceWithPatches(doc, (draft) => {
      draft.value = value;
    });
    doc = next;
    history.record({ label, patches, inversePatches });
  };
  const apply = (patches: readonly Patch[]) => {
    doc = applyPatches(doc, patches as Patch[]);
  };
  return {
    history,
    set,
    undo: () => history.undo(apply),
    redo: () => history.redo(apply),
    cancel: () => apply(history.cancelGesture()),
    value: () => doc.value,
  };
}

describe("RecordedHistory", () => {
  it("undoes and redoes recorded changes in order", () => {
    const h = harness();
    h.set(1);
    h.set(2);
    h.undo();
    expect(h.value()).toBe(1);
    h.undo();
    expect(h.value()).toBe(0);
    h.redo();
    expect(h.value()).toBe(1);
  });

  it("reports what undo and redo would do", () => {
    const h = harness();
    expect(h.history.summary()).toEqual({ canUndo: false, canRedo: false, undoLabel: null, redoLabel: null, inGesture: false });
    h.set(1, "Move");
    h.undo();
    expect(h.history.summary()).toMatchObject({ canUndo: false, canRedo: true, redoLabel: "Move" });
  });

  it("clears redo when a new change is recorded", () => {
    const h = harness();
    h.set(1);
    h.undo();
    h.set(5);
    expect(h.history.summary().canRedo).toBe(false);
    expect(h.redo()).toBeNull();
    expect(h.value()).toBe(5);
  });

  it("ignores entries without patches", () => {
    const h = harness();
    h.history.record({ label: "nothing", patches: [], inversePatches: [] });
    expect(h.history.summary().canUndo).toBe(false);
  });

  it("makes a gesture one undo step", () => {
    const h = harness();
    h.history.beginGesture("Drag");
    for (let i = 1; i <= 10; i += 1) h.set(i);
    h.history.endGesture();
    expect(h.history.summary().undoLabel).toBe("Drag");
    h.undo();
    expect(h.value()).toBe(0);
    h.redo();
    expect(h.value()).toBe(10);
  });

  it("joins nested gestures into the outer one", () => {
    const h = harness();
    h.history.beginGesture("Outer");
    h.set(1);
    h.history.beginGesture("Inner");
    h.set(2);
    h.history.endGesture();
    h.set(3);
    h.history.endGesture();
    const entry = h.undo() as HistoryEntry;
    expect(entry.label).toBe("Outer");
    expect(h.value()).toBe(0);
    expect(h.history.summary().canUndo).toBe(false);
  });

  it("records nothing for a gesture that changed nothing", () => {
    const h = harness();
    h.set(1);
    h.history.beginGesture("Click");
    h.history.endGesture();
    expect(h.history.summary().undoLabel).toBe("set 1");
  });

  it("cancelling a gesture gives the patches that revert it and records nothing", () => {
    const h = harness();
    h.set(1);
    h.history.beginGesture("Drag");
    h.set(7);
    h.set(8);
    h.cancel();
    expect(h.value()).toBe(1);
    expect(h.history.summary()).toMatchObject({ inGesture: false, undoLabel: "set 1" });
  });

  it("undo during a gesture closes it and undoes it", () => {
    const h = harness();
    h.history.beginGesture("Drag");
    h.set(4);
    h.undo();
    expect(h.value()).toBe(0);
    expect(h.history.summary()).toMatchObject({ inGesture: false, canRedo: true });
  });

  it("refuses redo while a gesture is open", () => {
    const h = harness();
    h.set(1);
    h.undo();
    h.history.beginGesture("Drag");
    expect(h.redo()).toBeNull();
    expect(h.history.summary().canRedo).toBe(false);
  });

  it("forgets the oldest steps past its limit", () => {
    const h = harness(3);
    for (let i = 1; i <= 5; i += 1) h.set(i);
    while (h.undo()) {
      /* undo everything it still has */
    }
    expect(h.value()).toBe(2);
  });

  it("clears itself when a step no longer applies", () => {
    const history = new RecordedHistory();
    history.record({ label: "a", patches: [{ op: "replace", path: ["x"], value: 1 }], inversePatches: [] });
    history.record({ label: "b", patches: [{ op: "replace", path: ["x"], value: 2 }], inversePatches: [] });
    expect(() =>
      history.undo(() => {
        throw new Error("does not fit");
      }),
    ).toThrow("does not fit");
    expect(history.summary().canUndo).toBe(false);
  });

  it("rejects a limit below one", () => {
    expect(() => new RecordedHistory(0)).toThrow(RangeError);
  });
});
