import { describe, expect, it } from "vitest";
import { labeledData, loadedStore, serverRectangle, serverTag } from "../document/testFixtures";
import { actionFrames } from "./action";
import { propagateShapes, propagationSources } from "./propagateShapes";
import { frame640, run, shapesOn } from "./testFixtures";

function job() {
  return loadedStore(
    labeledData({
      shapes: [
        serverRectangle(1, 2, { label_id: 1, group: 4, points: [10, 10, 50, 40] }),
        serverRectangle(2, 2, { label_id: 2, points: [500, 400, 600, 470] }),
        serverRectangle(3, 5, { label_id: 1 }),
      ],
      tags: [serverTag(1, 2)],
    }),
  );
}

const labelIs = (labelId: number) => (shape: { labelId: number }) => shape.labelId === labelId;

describe("propagationSources", () => {
  it("takes the selected shapes when there are any", () => {
    const { document, frameIndex } = job().getState();
    const sources = propagationSources({ document, frameIndex, accepts: () => true }, 2, ["shape:2", "tag:1"]);
    expect(sources.map((shape) => shape.clientId)).toEqual(["shape:2"]);
  });

  it("else the shapes of the frame that pass the filter", () => {
    const { document, frameIndex } = job().getState();
    const sources = propagationSources({ document, frameIndex, accepts: labelIs(1) }, 2, []);
    expect(sources.map((shape) => shape.clientId)).toEqual(["shape:1"]);
  });
});

describe("propagate shapes", () => {
  it("copies the sources onto every frame of the range but their own, ungrouped", async () => {
    const store = job();
    const { document, frameIndex } = store.getState();
    const sources = propagationSources({ document, frameIndex, accepts: () => true }, 2, []);
    const outcome = await run(store, propagateShapes(sources, 2), { frames: actionFrames(1, 4, { start: 0, stop: 9 }), frameSize: frame640 });
    expect(outcome).toMatchObject({ status: "done", summary: { frames: 4, created: 6, deleted: 0 } });
    for (const frame of [1, 3, 4]) {
      expect(shapesOn(store, frame).map((shape) => [shape.labelId, shape.points, shape.group])).toEqual([
        [1, [10, 10, 50, 40], 0],
        [2, [500, 400, 600, 470], 0],
      ]);
    }
    expect(shapesOn(store, 2)).toHaveLength(2);
  });

  it("fits copies into smaller frames and drops those left outside", async () => {
    const store = job();
    const sources = propagationSources({ ...store.getState(), accepts: () => true }, 2, []);
    const small = (frame: number) => (frame === 3 ? { width: 100, height: 100 } : frame640());
    const outcome = await run(store, propagateShapes(sources, 2), { frames: [3], frameSize: small });
    expect(outcome).toMatchObject({ status: "done", summary: { created: 1, skipped: { empty: 1 } } });
    expect(shapesOn(store, 3).map((shape) => shape.points)).toEqual([[10, 10, 50, 40]]);
  });

  it("is one undo step however many frames it reaches", async () => {
    const store = job();
    const sources = propagationSources({ ...store.getState(), accepts: () => true }, 2, ["shape:1"]);
    await run(store, propagateShapes(sources, 2), { frames: actionFrames(0, 9, { start: 0, stop: 9 }) });
    expect(shapesOn(store, 9)).toHaveLength(1);
    store.undo();
    expect(shapesOn(store, 9)).toHaveLength(0);
    expect(store.getState().history.canUndo).toBe(false);
  });
});
