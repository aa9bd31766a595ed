import { describe, expect, it } from "vitest";
import { deleteObjects, setPoints, setViewFlags, setZOrder } from "../engine/document/commands";
import { labeledData, loadedStore, objectOf, serverRectangle, serverTag } from "../engine/document/testFixtures";
import { createFrameObjectsMemo, frameObjects, pickableShapes, visibleShapes } from "./frameObjects";

function store() {
  return loadedStore(
    labeledData({
      shapes: [serverRectangle(1, 0, { z_order: 2 }), serverRectangle(2, 0, { z_order: 1 }), serverRectangle(3, 1)],
      tags: [serverTag(1, 0)],
    }),
  );
}

describe("frameObjects", () => {
  it("lists the frame's shapes and tags, lowest z-order first, tags before shapes", () => {
    const s = store();
    const { document, frameIndex } = s.getState();
    expect(frameObjects(document, frameIndex, 0).map((o) => o.object.clientId)).toEqual(["tag:1", "shape:2", "shape:1"]);
  });

  it("leaves hidden shapes out of the drawing and locked ones out of picking", () => {
    const s = store();
    setViewFlags(s, ["shape:1"], { hidden: true });
    setViewFlags(s, ["shape:2"], { locked: true });
    const { document, frameIndex } = s.getState();
    const objects = frameObjects(document, frameIndex, 0);
    expect(visibleShapes(objects).map((o) => o.clientId)).toEqual(["shape:2"]);
    expect(pickableShapes(objects)).toEqual([]);
  });
});

describe("createFrameObjectsMemo", () => {
  it("gives back the same array while nothing on the frame changed", () => {
    const s = store();
    const memo = createFrameObjectsMemo();
    const first = memo(s.getState().document, s.getState().frameIndex, 0);
    setViewFlags(s, ["shape:3"], { hidden: true });
    expect(memo(s.getState().document, s.getState().frameIndex, 0)).toBe(first);
  });

  it("refreshes changed entries in place and re-sorts only when a z-order changed", () => {
    const s = store();
    const memo = createFrameObjectsMemo();
    const first = memo(s.getState().document, s.getState().frameIndex, 0);
    setPoints(s, "shape:2", [0, 0, 5, 5]);
    const moved = memo(s.getState().document, s.getState().frameIndex, 0);
    expect(moved).not.toBe(first);
    expect(moved.map((o) => o.object.clientId)).toEqual(["tag:1", "shape:2", "shape:1"]);
    expect(moved[1]!.object).toBe(objectOf(s, "shape:2"));
    expect(moved[2]).toBe(first[2]);
    setZOrder(s, "shape:2", 5);
    const raised = memo(s.getState().document, s.getState().frameIndex, 0);
    expect(raised.map((o) => o.object.clientId)).toEqual(["tag:1", "shape:1", "shape:2"]);
  });

  it("remembers the last few frames: going back gives the same array, without sorting again", () => {
    const s = store();
    const memo = createFrameObjectsMemo();
    const first = memo(s.getState().document, s.getState().frameIndex, 0);
    memo(s.getState().document, s.getState().frameIndex, 1);
    expect(memo(s.getState().document, s.getState().frameIndex, 0)).toBe(first);

    const forgetful = createFrameObjectsMemo(1);
    const again = forgetful(s.getState().document, s.getState().frameIndex, 0);
    forgetful(s.getState().document, s.getState().frameIndex, 1);
    const recomputed = forgetful(s.getState().document, s.getState().frameIndex, 0);
    expect(recomputed).not.toBe(again);
    expect(recomputed).toEqual(again);
  });

  it("starts over for another frame or when objects come and go", () => {
    const s = store();
    const memo = createFrameObjectsMemo();
    memo(s.getState().document, s.getState().frameIndex, 0);
    expect(memo(s.getState().document, s.getState().frameIndex, 1).map((o) => o.object.clientId)).toEqual(["shape:3"]);
    deleteObjects(s, ["shape:1"]);
    expect(memo(s.getState().document, s.getState().frameIndex, 0).map((o) => o.object.clientId)).toEqual(["tag:1", "shape:2"]);
  });
});
