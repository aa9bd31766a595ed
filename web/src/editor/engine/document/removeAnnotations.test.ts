import { describe, expect, it } from "vitest";
import { planSave } from "./changes";
import { allObjects, type TrackObject } from "./model";
import { removeAnnotations } from "./removeAnnotations";
import { labeledData, loadedStore, objectOf, serverRectangle, serverTag, serverTrack } from "./testFixtures";

// serverTrack: keyframes at 0 and 5; this one starts at 3 with keyframes 3 and 8.
const lateTrack = serverTrack(8, {
  frame: 3,
  shapes: [
    { id: 80, type: "rectangle", frame: 3, occluded: false, outside: false, z_order: 0, rotation: 0, points: [0, 0, 4, 4], attributes: [] },
    { id: 81, type: "rectangle", frame: 8, occluded: false, outside: false, z_order: 0, rotation: 0, points: [0, 0, 4, 4], attributes: [] },
  ],
});

function job() {
  return loadedStore(
    labeledData({
      shapes: [serverRectangle(1, 0), serverRectangle(2, 2), serverRectangle(3, 4)],
      tags: [serverTag(4, 3)],
      tracks: [serverTrack(7), lateTrack],
    }),
  );
}

const ids = (store: ReturnType<typeof job>) => allObjects(store.getState().document).map((o) => o.clientId).sort();

describe("removeAnnotations", () => {
  it("removes everything as one undoable step that saves as deletions", () => {
    const store = job();
    removeAnnotations(store);
    expect(ids(store)).toEqual([]);
    const plan = planSave(store.getState());
    expect(plan.steps.map((step) => step.action)).toEqual(["delete"]);
    expect(plan.steps[0]!.body.shapes.map((s) => s.id).sort()).toEqual([1, 2, 3]);
    expect(plan.steps[0]!.body.tracks.map((t) => t.id).sort()).toEqual([7, 8]);
    store.undo();
    expect(ids(store)).toHaveLength(6);
  });

  it("removes shapes, tags and tracks starting in a range", () => {
    const store = job();
    const plan = removeAnnotations(store, { range: { from: 2, to: 3 } });
    expect(plan.deleted).toHaveLength(3);
    expect(ids(store)).toEqual(["shape:1", "shape:3", "track:7"]);
  });

  it("with keyframes only, trims tracks to the keyframes outside the range", () => {
    const store = job();
    removeAnnotations(store, { range: { from: 4, to: 9 }, keyframesOnly: true });
    const early = objectOf(store, "track:7") as TrackObject;
    expect(early.keyframes.map((k) => k.frame)).toEqual([0]);
    const late = objectOf(store, "track:8") as TrackObject;
    expect(late.keyframes.map((k) => k.frame)).toEqual([3]);
    expect(objectOf(store, "shape:3")).toBeUndefined();
    expect(planSave(store.getState()).steps.map((step) => step.action)).toEqual(["update", "delete"]);

    const other = job();
    removeAnnotations(other, { range: { from: 3, to: 8 }, keyframesOnly: true });
    expect(objectOf(other, "track:8")).toBeUndefined();
  });
});
