import { describe, expect, it } from "vitest";
import { setViewFlags } from "../document/commands";
import { labeledData, loadedStore, objectOf, serverRectangle, serverTag, serverTrack } from "../document/testFixtures";
import { actionFrames } from "./action";
import { removeFilteredShapes } from "./removeFilteredShapes";
import { run, shapesOn } from "./testFixtures";

function job() {
  return loadedStore(
    labeledData({
      shapes: [
        serverRectangle(1, 0, { label_id: 1 }),
        serverRectangle(2, 0, { label_id: 2 }),
        serverRectangle(3, 1, { label_id: 1 }),
        serverRectangle(4, 2, { label_id: 1 }),
        serverRectangle(5, 3, { label_id: 2, type: "polygon", points: [0, 0, 10, 0, 10, 10] }),
      ],
      tags: [serverTag(1, 1)],
      tracks: [serverTrack(1)],
    }),
  );
}

const labelIs = (labelId: number) => (shape: { labelId: number }) => shape.labelId === labelId;

describe("remove filtered shapes", () => {
  it("removes the shapes that pass the filter on the frames of the run, and nothing else", async () => {
    const store = job();
    const outcome = await run(store, removeFilteredShapes, { frames: [0, 1, 2], accepts: labelIs(1) });
    expect(outcome).toMatchObject({ status: "done", summary: { frames: 3, deleted: 3, created: 0, changed: true } });
    expect(shapesOn(store, 0).map((shape) => shape.clientId)).toEqual(["shape:2"]);
    expect(shapesOn(store, 1)).toEqual([]);
    expect(shapesOn(store, 3).map((shape) => shape.clientId)).toEqual(["shape:5"]);
  });

  it("removes every shape without a filter, but keeps tags and tracks", async () => {
    const store = job();
    await run(store, removeFilteredShapes, { frames: actionFrames(0, 3, { start: 0, stop: 3 }) });
    for (const frame of [0, 1, 2, 3]) expect(shapesOn(store, frame)).toEqual([]);
    expect(objectOf(store, "tag:1")).toBeDefined();
    expect(objectOf(store, "track:1")).toBeDefined();
  });

  it("leaves locked shapes and counts them", async () => {
    const store = job();
    setViewFlags(store, ["shape:1"], { locked: true });
    const outcome = await run(store, removeFilteredShapes, { frames: [0] });
    expect(outcome).toMatchObject({ status: "done", summary: { deleted: 1, skipped: { locked: 1 } } });
    expect(shapesOn(store, 0).map((shape) => shape.clientId)).toEqual(["shape:1"]);
  });

  it("is undone in one step", async () => {
    const store = job();
    await run(store, removeFilteredShapes, { frames: [0, 1, 2, 3] });
    expect(store.getState().history.undoLabel).toBe("Remove filtered shapes");
    store.undo();
    expect(shapesOn(store, 0)).toHaveLength(2);
    expect(shapesOn(store, 3)).toHaveLength(1);
    expect(store.getState().history.canUndo).toBe(false);
  });
});
