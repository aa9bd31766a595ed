import { describe, expect, it } from "vitest";
import { setViewFlags } from "../engine/document/commands";
import { labeledData, loadedStore, serverRectangle, serverTag } from "../engine/document/testFixtures";
import { frameObjects, pickableShapes, visibleShapes } from "./frameObjects";

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
