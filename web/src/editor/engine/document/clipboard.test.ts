import { describe, expect, it } from "vitest";
import { copyObjects, EMPTY_CLIPBOARD, pasteObjects, propagateObjects, propagationFrames } from "./clipboard";
import { clipPolygon } from "../geometry/clipping";
import { idsOnFrame } from "./frameIndex";
import { labeledData, loadedStore, objectOf, serverRectangle, serverTag, serverTrack, shapeOf } from "./testFixtures";

function job() {
  return loadedStore(
    labeledData({
      shapes: [serverRectangle(1, 0, { group: 3, attributes: [{ spec_id: 8, value: "red" }], z_order: 2 })],
      tags: [serverTag(1, 0)],
      tracks: [serverTrack(1)],
    }),
  );
}

describe("copyObjects", () => {
  it("holds the objects without their client ids", () => {
    const store = job();
    const clipboard = copyObjects(store.getState().document, ["shape:1", "tag:1"]);
    expect(clipboard.sourceFrame).toBe(0);
    expect(clipboard.objects).toHaveLength(2);
    expect(clipboard.objects[0]).not.toHaveProperty("clientId");
  });

  it("skips tracks and missing ids", () => {
    const store = job();
    expect(copyObjects(store.getState().document, ["track:1", "nope"])).toBe(EMPTY_CLIPBOARD);
  });

  it("survives JSON (it may go to the system clipboard)", () => {
    const store = job();
    const clipboard = copyObjects(store.getState().document, ["shape:1"]);
    expect(JSON.parse(JSON.stringify(clipboard))).toEqual(clipboard);
  });
});

/** Every frame 640×480, as in most jobs. */
const anySize = () => ({ width: 640, height: 480 });

describe("pasteObjects", () => {
  it("creates copies on the target frame with new ids, ungrouped", () => {
    const store = job();
    const clipboard = copyObjects(store.getState().document, ["shape:1"]);
    const [id] = pasteObjects(store, clipboard, 4, anySize).ids;
    const copy = shapeOf(store, id);
    expect(id).toBe("new:test-1");
    expect(copy).toMatchObject({ frame: 4, group: 0, attributes: { 8: "red" }, points: [10, 10, 50, 40], zOrder: 2 });
    expect(idsOnFrame(store.getState().frameIndex, 4)).toEqual([id]);
  });

  it("can paste the same clipboard twice", () => {
    const store = job();
    const clipboard = copyObjects(store.getState().document, ["shape:1"]);
    const first = pasteObjects(store, clipboard, 0, anySize).ids;
    const second = pasteObjects(store, clipboard, 0, anySize).ids;
    expect(first).not.toEqual(second);
    expect(idsOnFrame(store.getState().frameIndex, 0)).toHaveLength(4);
  });

  it("is one undoable step", () => {
    const store = job();
    const initial = store.getState().document;
    pasteObjects(store, copyObjects(initial, ["shape:1", "tag:1"]), 2, anySize);
    store.undo();
    expect(store.getState().document).toEqual(initial);
  });

  it("clips a box to a smaller target frame, as drawing does", () => {
    // Copied on a 512×512 frame, pasted on a 451×300 one.
    const store = loadedStore(labeledData({ shapes: [serverRectangle(1, 0, { points: [100.5, 200, 480, 336.7] })] }));
    const clipboard = copyObjects(store.getState().document, ["shape:1"]);
    const result = pasteObjects(store, clipboard, 1, () => ({ width: 451, height: 300 }));
    expect(shapeOf(store, result.ids[0]).points).toEqual([100.5, 200, 451, 300]);
    expect(result.dropped).toBe(0);
  });

  it("cuts polygons along the target frame's border", () => {
    const triangle = serverRectangle(1, 0, { type: "polygon", points: [0, 0, 400, 0, 0, 400] });
    const store = loadedStore(labeledData({ shapes: [triangle] }));
    const result = pasteObjects(store, copyObjects(store.getState().document, ["shape:1"]), 1, () => ({ width: 100, height: 100 }));
    expect(shapeOf(store, result.ids[0]).points).toEqual(clipPolygon([0, 0, 400, 0, 0, 400], { width: 100, height: 100 }));
  });

  it("leaves out shapes that lie outside the target frame, and says how many", () => {
    const outside = serverRectangle(1, 0, { points: [300, 300, 400, 400] });
    const store = loadedStore(labeledData({ shapes: [outside], tags: [serverTag(1, 0)] }));
    const initial = store.getState().document;
    const result = pasteObjects(store, copyObjects(initial, ["shape:1", "tag:1"]), 1, () => ({ width: 200, height: 200 }));
    expect(result.dropped).toBe(1);
    expect(result.ids.map((id) => objectOf(store, id)?.kind)).toEqual(["tag"]);
  });

  it("makes no undo step when nothing is left to paste", () => {
    const store = loadedStore(labeledData({ shapes: [serverRectangle(1, 0, { points: [300, 300, 400, 400] })] }));
    const result = pasteObjects(store, copyObjects(store.getState().document, ["shape:1"]), 1, () => ({ width: 200, height: 200 }));
    expect(result).toEqual({ ids: [], dropped: 1 });
    expect(store.getState().history.canUndo).toBe(false);
  });

  it("keeps shapes as they are on a frame of unknown size", () => {
    const store = loadedStore(labeledData({ shapes: [serverRectangle(1, 0, { points: [300, 300, 400, 400] })] }));
    const result = pasteObjects(store, copyObjects(store.getState().document, ["shape:1"]), 1, () => null);
    expect(shapeOf(store, result.ids[0]).points).toEqual([300, 300, 400, 400]);
  });
});

describe("propagateObjects", () => {
  it("copies objects onto every given frame as one step", () => {
    const store = job();
    const initial = store.getState().document;
    const { ids } = propagateObjects(store, ["shape:1"], [1, 2, 3], anySize);
    expect(ids.map((id) => objectOf(store, id)?.frame)).toEqual([1, 2, 3]);
    store.undo();
    expect(store.getState().document).toEqual(initial);
  });

  it("fits each copy to its own frame's size", () => {
    const store = job();
    const sizes: Record<number, { width: number; height: number }> = { 1: { width: 640, height: 480 }, 2: { width: 30, height: 20 } };
    const { ids } = propagateObjects(store, ["shape:1"], [1, 2], (frame) => sizes[frame] ?? null);
    expect(ids.map((id) => shapeOf(store, id).points)).toEqual([
      [10, 10, 50, 40],
      [10, 10, 30, 20],
    ]);
  });
});

describe("propagationFrames", () => {
  const range = { start: 0, stop: 9 };

  it("counts forward from the next frame", () => {
    expect(propagationFrames(2, 3, "forward", range)).toEqual([3, 4, 5]);
  });

  it("counts backward from the previous frame", () => {
    expect(propagationFrames(2, 3, "backward", range)).toEqual([1, 0]);
  });

  it("stops at the job's last frame", () => {
    expect(propagationFrames(8, 5, "forward", range)).toEqual([9]);
  });

  it("leaves out skipped (deleted) frames", () => {
    expect(propagationFrames(0, 4, "forward", range, (frame) => frame === 2)).toEqual([1, 3, 4]);
  });

  it("gives nothing for a count of zero", () => {
    expect(propagationFrames(0, 0, "forward", range)).toEqual([]);
  });
});
