import { describe, expect, it } from "vitest";
import {
  bringToForeground,
  createObject,
  createObjects,
  deleteObjects,
  idsWithLabel,
  groupObjects,
  relabelObjects,
  restoreObjects,
  sendToBackground,
  setAttribute,
  setLabelViewFlags,
  setOccluded,
  setPoints,
  setViewFlags,
  setZOrder,
  ungroupObjects,
  updateObject,
} from "./commands";
import type { EditorStore } from "./editorStore";
import { idsOnFrame } from "./frameIndex";
import { hasEntry, tableSize } from "./idTable";
import { hasObject, viewFlagsOf } from "./model";
import { labeledData, loadedStore, newRectangle, objectOf, serverRectangle, serverTag, shapeOf } from "./testFixtures";

function job() {
  return loadedStore(
    labeledData({
      shapes: [
        serverRectangle(1, 0, { z_order: 0 }),
        serverRectangle(2, 0, { z_order: 3 }),
        serverRectangle(3, 1, { z_order: 5, source: "auto", group: 4 }),
      ],
      tags: [serverTag(1, 0)],
    }),
  );
}

const shape = shapeOf;

function undoAll(store: EditorStore): void {
  while (store.undo()) {
    /* keep undoing */
  }
}

/** Runs `edit`, then checks that one undo restores the document exactly and redo re-applies it. */
function expectOneUndoableStep(store: EditorStore, edit: () => void): void {
  const before = store.getState().document;
  edit();
  const after = store.getState().document;
  expect(after).not.toEqual(before);
  expect(store.undo()).toBe(true);
  expect(store.getState().document).toEqual(before);
  expect(store.redo()).toBe(true);
  expect(store.getState().document).toEqual(after);
}

describe("createObject", () => {
  it("adds a shape on its frame with a new client id", () => {
    const store = job();
    const id = createObject(store, newRectangle(2));
    expect(id).toBe("new:test-1");
    expect(shape(store, id)).toMatchObject({ kind: "shape", type: "rectangle", frame: 2, points: [0, 0, 20, 20], source: "manual" });
    expect(idsOnFrame(store.getState().frameIndex, 2)).toEqual([id]);
  });

  it("puts a new shape on top of its frame", () => {
    const store = job();
    expect(shape(store, createObject(store, newRectangle(0))).zOrder).toBe(4);
    expect(shape(store, createObject(store, newRectangle(9))).zOrder).toBe(0);
  });

  it("stacks shapes created together", () => {
    const store = job();
    const ids = createObjects(store, [newRectangle(0), newRectangle(0)]);
    expect(ids.map((id) => shape(store, id).zOrder)).toEqual([4, 5]);
  });

  it("creates tags", () => {
    const store = job();
    const id = createObject(store, { kind: "tag", frame: 3, labelId: 2, attributes: { 5: "yes" } });
    expect(objectOf(store, id)).toMatchObject({ kind: "tag", frame: 3, attributes: { 5: "yes" } });
  });

  it("is one undoable step", () => {
    const store = job();
    expectOneUndoableStep(store, () => createObjects(store, [newRectangle(0), newRectangle(1)]));
  });
});

describe("updating objects", () => {
  it("sets points as one undoable step", () => {
    const store = job();
    expectOneUndoableStep(store, () => setPoints(store, "shape:1", [1, 2, 3, 4]));
    expect(shape(store, "shape:1").points).toEqual([1, 2, 3, 4]);
  });

  it("turns an automatic shape semi-automatic when its geometry is edited", () => {
    const store = job();
    setPoints(store, "shape:3", [0, 0, 5, 5]);
    expect(shape(store, "shape:3").source).toBe("semi-auto");
  });

  it("keeps the source when only attributes change", () => {
    const store = job();
    setAttribute(store, ["shape:3"], 8, "red");
    expect(shape(store, "shape:3")).toMatchObject({ source: "auto", attributes: { 8: "red" } });
  });

  it("merges attribute changes into the current values", () => {
    const store = job();
    setAttribute(store, ["shape:1"], 8, "red");
    setAttribute(store, ["shape:1"], 9, "2");
    expect(shape(store, "shape:1").attributes).toEqual({ 8: "red", 9: "2" });
  });

  it("sets occluded on several objects in one step", () => {
    const store = job();
    expectOneUndoableStep(store, () => setOccluded(store, ["shape:1", "shape:2"], true));
    expect([shape(store, "shape:1").occluded, shape(store, "shape:2").occluded]).toEqual([true, true]);
  });

  it("sets the z-order", () => {
    const store = job();
    setZOrder(store, "shape:1", -2);
    expect(shape(store, "shape:1").zOrder).toBe(-2);
  });

  it("records nothing when the values are already set", () => {
    const store = job();
    expect(updateObject(store, "shape:1", { occluded: false, points: [10, 10, 50, 40] })).toBe(false);
    expect(store.getState().history.canUndo).toBe(false);
  });

  it("ignores ids of missing objects", () => {
    const store = job();
    expect(setOccluded(store, ["nope"], true)).toBe(false);
  });

  it("does not edit locked objects", () => {
    const store = job();
    setViewFlags(store, ["shape:1"], { locked: true });
    expect(setPoints(store, "shape:1", [0, 0, 1, 1])).toBe(false);
    expect(relabelObjects(store, ["shape:1"], 5)).toBe(false);
    expect(shape(store, "shape:1").points).toEqual([10, 10, 50, 40]);
  });

  it("ignores shape fields for tags", () => {
    const store = job();
    updateObject(store, "tag:1", { occluded: true, labelId: 3 });
    expect(objectOf(store, "tag:1")).not.toHaveProperty("occluded");
    expect(objectOf(store, "tag:1")?.labelId).toBe(3);
  });
});

describe("relabelObjects", () => {
  it("changes the label and replaces the attributes with the new label's", () => {
    const store = job();
    setAttribute(store, ["shape:1"], 8, "red");
    expectOneUndoableStep(store, () => relabelObjects(store, ["shape:1", "shape:2"], 5, { 20: "default" }));
    expect(shape(store, "shape:1")).toMatchObject({ labelId: 5, attributes: { 20: "default" } });
    expect(shape(store, "shape:2").labelId).toBe(5);
  });

  it("leaves objects that already have the label alone", () => {
    const store = job();
    setAttribute(store, ["shape:1"], 8, "red");
    expect(relabelObjects(store, ["shape:1"], 1)).toBe(false);
    expect(shape(store, "shape:1").attributes).toEqual({ 8: "red" });
  });
});

describe("deleteObjects and restoreObjects", () => {
  it("deletes objects and their view flags as one step", () => {
    const store = job();
    setViewFlags(store, ["shape:1"], { hidden: true });
    expectOneUndoableStep(store, () => deleteObjects(store, ["shape:1", "tag:1"]));
    const { document, frameIndex } = store.getState();
    expect(hasObject(document, "shape:1")).toBe(false);
    expect(hasEntry(document.view, "shape:1")).toBe(false);
    expect(idsOnFrame(frameIndex, 0)).toEqual(["shape:2"]);
  });

  it("keeps locked objects unless forced", () => {
    const store = job();
    setViewFlags(store, ["shape:1"], { locked: true });
    expect(deleteObjects(store, ["shape:1"])).toEqual([]);
    expect(deleteObjects(store, ["shape:1"], { force: true }).map((o) => o.clientId)).toEqual(["shape:1"]);
    expect(objectOf(store, "shape:1")).toBeUndefined();
  });

  it("restores deleted objects under their own ids", () => {
    const store = job();
    const initial = store.getState().document.objects;
    const deleted = deleteObjects(store, ["shape:1", "shape:2"]);
    restoreObjects(store, deleted);
    expect(store.getState().document.objects).toEqual(initial);
    expect([...idsOnFrame(store.getState().frameIndex, 0)].sort()).toEqual(["shape:1", "shape:2", "tag:1"]);
  });
});

describe("grouping", () => {
  it("puts objects in a new group above every existing one", () => {
    const store = job();
    const group = groupObjects(store, ["shape:1", "shape:2"]);
    expect(group).toBe(5);
    expect([shape(store, "shape:1").group, shape(store, "shape:2").group]).toEqual([5, 5]);
  });

  it("ungroups objects", () => {
    const store = job();
    expectOneUndoableStep(store, () => ungroupObjects(store, ["shape:3"]));
    expect(shape(store, "shape:3").group).toBe(0);
  });

  it("answers 0 when nothing could be grouped", () => {
    expect(groupObjects(job(), ["missing"])).toBe(0);
  });
});

describe("z-order moves", () => {
  it("sends a shape below the others of its frame", () => {
    const store = job();
    expectOneUndoableStep(store, () => sendToBackground(store, "shape:2"));
    expect(shape(store, "shape:2").zOrder).toBe(-1);
  });

  it("brings a shape above the others of its frame", () => {
    const store = job();
    bringToForeground(store, "shape:1");
    expect(shape(store, "shape:1").zOrder).toBe(4);
  });

  it("does nothing for a shape alone on its frame", () => {
    const store = job();
    expect(bringToForeground(store, "shape:3")).toBe(false);
  });
});

describe("setViewFlags", () => {
  it("locks, hides and colours objects undoably", () => {
    const store = job();
    expectOneUndoableStep(store, () => setViewFlags(store, ["shape:1", "shape:2"], { locked: true, color: "#ff0000" }));
    expect(viewFlagsOf(store.getState().document, "shape:2")).toEqual({ hidden: false, locked: true, pinned: false, color: "#ff0000" });
  });

  it("drops the entry once the flags are back to the defaults", () => {
    const store = job();
    setViewFlags(store, ["shape:1"], { hidden: true });
    setViewFlags(store, ["shape:1"], { hidden: false });
    expect(tableSize(store.getState().document.view)).toBe(0);
  });

  it("never touches the saved objects", () => {
    const store = job();
    const objects = store.getState().document.objects;
    setViewFlags(store, ["shape:1"], { pinned: true });
    expect(store.getState().document.objects).toBe(objects);
  });
});

describe("a session of commands", () => {
  it("undoing everything returns the initial document exactly", () => {
    const store = job();
    const initial = store.getState().document;
    const created = createObject(store, newRectangle(0));
    setPoints(store, created, [5, 5, 9, 9]);
    setAttribute(store, ["shape:1"], 8, "x");
    relabelObjects(store, ["shape:2"], 7);
    groupObjects(store, ["shape:1", created]);
    sendToBackground(store, created);
    setViewFlags(store, ["shape:3"], { hidden: true });
    deleteObjects(store, ["shape:3", "tag:1"]);
    store.beginGesture("Drag");
    for (let x = 0; x < 5; x += 1) setPoints(store, "shape:1", [x, x, 50, 40]);
    store.endGesture();
    const final = store.getState().document;

    undoAll(store);
    expect(store.getState().document).toEqual(initial);
    expect([...idsOnFrame(store.getState().frameIndex, 0)].sort()).toEqual(["shape:1", "shape:2", "tag:1"]);
    while (store.redo()) {
      /* keep redoing */
    }
    expect(store.getState().document).toEqual(final);
  });
});

describe("setLabelViewFlags", () => {
  function twoLabels() {
    return loadedStore(
      labeledData({
        shapes: [serverRectangle(1, 0, { label_id: 1 }), serverRectangle(2, 3, { label_id: 1 }), serverRectangle(3, 0, { label_id: 2 })],
      }),
    );
  }

  it("hides every object of the label on every frame, as one undo step", () => {
    const store = twoLabels();
    expect(setLabelViewFlags(store, 1, { hidden: true })).toBe(true);
    const document = store.getState().document;
    expect(viewFlagsOf(document, "shape:1").hidden).toBe(true);
    expect(viewFlagsOf(document, "shape:2").hidden).toBe(true);
    expect(viewFlagsOf(document, "shape:3").hidden).toBe(false);
    store.undo();
    expect(viewFlagsOf(store.getState().document, "shape:2").hidden).toBe(false);
  });

  it("does nothing for a label without objects", () => {
    const store = twoLabels();
    expect(setLabelViewFlags(store, 9, { locked: true })).toBe(false);
    expect(store.getState().history.canUndo).toBe(false);
  });

  it("lists the label's ids", () => {
    expect(idsWithLabel(twoLabels().getState().document, 2)).toEqual(["shape:3"]);
  });
});
