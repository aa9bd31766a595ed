import { describe, expect, it } from "vitest";
import { createObject } from "../document/commands";
import { labeledData, loadedStore, newRectangle, serverRectangle } from "../document/testFixtures";
import { actionFrames, type AnnotationAction } from "./action";
import { removeFilteredShapes } from "./removeFilteredShapes";
import { runAnnotationAction, type RunProgress } from "./runner";
import { run, shapesOn } from "./testFixtures";

/** A job of `frames` frames with `perFrame` rectangles on each. */
function bigJob(frames: number, perFrame: number) {
  const shapes = [];
  for (let frame = 0; frame < frames; frame += 1) {
    for (let i = 0; i < perFrame; i += 1) shapes.push(serverRectangle(frame * perFrame + i + 1, frame, { points: [i, i, i + 10, i + 10] }));
  }
  return loadedStore(labeledData({ shapes }));
}

/** A clock that moves 1 ms per frame computed (an action that reads it), so slices are predictable. */
function tickingClock() {
  let time = 0;
  return { now: () => time, tick: () => (time += 1) };
}

function counting(action: AnnotationAction, tick: () => void): AnnotationAction {
  return { ...action, onFrame: (context, frame) => (tick(), action.onFrame(context, frame)) };
}

describe("actionFrames", () => {
  it("takes the range in either order, inside the job, without skipped frames", () => {
    expect(actionFrames(2, 5, { start: 0, stop: 9 })).toEqual([2, 3, 4, 5]);
    expect(actionFrames(5, 2, { start: 0, stop: 9 })).toEqual([2, 3, 4, 5]);
    expect(actionFrames(-3, 20, { start: 4, stop: 6 })).toEqual([4, 5, 6]);
    expect(actionFrames(0, 4, { start: 0, stop: 9 }, (frame) => frame % 2 === 1)).toEqual([0, 2, 4]);
  });
});

describe("runAnnotationAction", () => {
  it("changes only the frames of the run", async () => {
    const store = bigJob(10, 2);
    await run(store, removeFilteredShapes, { frames: actionFrames(3, 6, { start: 0, stop: 9 }) });
    expect([0, 1, 2, 3, 4, 5, 6, 7, 8, 9].map((frame) => shapesOn(store, frame).length)).toEqual([2, 2, 2, 0, 0, 0, 0, 2, 2, 2]);
  });

  it("works in slices, pausing between them and reporting progress after each", async () => {
    const store = bigJob(10, 1);
    const clock = tickingClock();
    const progress: RunProgress[] = [];
    let pauses = 0;
    const outcome = await runAnnotationAction(store, counting(removeFilteredShapes, clock.tick), {
      frames: actionFrames(0, 9, { start: 0, stop: 9 }),
      sliceMs: 4,
      now: clock.now,
      pause: async () => {
        pauses += 1;
        // Nothing is changed while the run is under way.
        expect(shapesOn(store, 0)).toHaveLength(1);
      },
      onProgress: (p) => progress.push(p),
    });
    expect(outcome.status).toBe("done");
    // Each frame costs 1 ms when it starts; a slice ends once 4 ms are spent, mid-frame or not.
    expect(progress.map((p) => p.done)).toEqual([0, 3, 7, 10]);
    expect(progress.every((p) => p.total === 10)).toBe(true);
    expect(pauses).toBe(2);
  });

  it("pauses inside a frame whose pieces take longer than a slice", async () => {
    const store = bigJob(1, 1);
    const clock = tickingClock();
    const pieces: AnnotationAction = {
      ...removeFilteredShapes,
      *onFrame(context, frame) {
        for (let i = 0; i < 5; i += 1) {
          clock.tick();
          yield { deleted: [], created: [], skipped: {} };
        }
        yield* removeFilteredShapes.onFrame(context, frame);
      },
    };
    let pauses = 0;
    const outcome = await runAnnotationAction(store, pieces, {
      frames: [0],
      sliceMs: 2,
      now: clock.now,
      pause: async () => void (pauses += 1),
    });
    expect(pauses).toBeGreaterThanOrEqual(2);
    expect(outcome).toMatchObject({ status: "done", summary: { frames: 1, deleted: 1 } });
  });

  it("changes nothing when cancelled, however far it got", async () => {
    const store = bigJob(10, 1);
    const before = store.getState().document;
    const clock = tickingClock();
    const controller = new AbortController();
    const outcome = await runAnnotationAction(store, counting(removeFilteredShapes, clock.tick), {
      frames: actionFrames(0, 9, { start: 0, stop: 9 }),
      sliceMs: 3,
      now: clock.now,
      pause: async () => controller.abort(),
      signal: controller.signal,
    });
    expect(outcome).toEqual({ status: "cancelled", progress: { done: 2, total: 10 } });
    expect(store.getState().document).toBe(before);
    expect(store.getState().history.canUndo).toBe(false);
  });

  it("records the whole run as one undo step, named after the action", async () => {
    const store = bigJob(50, 4);
    await runAnnotationAction(store, removeFilteredShapes, {
      frames: actionFrames(0, 49, { start: 0, stop: 49 }),
      sliceMs: 0,
      pause: () => Promise.resolve(),
    });
    expect(shapesOn(store, 49)).toEqual([]);
    expect(store.getState().history.undoLabel).toBe("Remove filtered shapes");
    expect(store.undo()).toBe(true);
    expect(shapesOn(store, 49)).toHaveLength(4);
    expect(store.getState().history.canUndo).toBe(false);
    expect(store.redo()).toBe(true);
    expect(shapesOn(store, 0)).toEqual([]);
  });

  it("records no step when there was nothing to change", async () => {
    const store = bigJob(3, 1);
    const outcome = await run(store, removeFilteredShapes, { frames: [0, 1, 2], accepts: () => false });
    expect(outcome).toMatchObject({ status: "done", summary: { changed: false, deleted: 0 } });
    expect(store.getState().history.canUndo).toBe(false);
  });

  it("applies nothing when the document changed during the run", async () => {
    const store = bigJob(4, 1);
    const clock = tickingClock();
    let edited = false;
    const outcome = await runAnnotationAction(store, counting(removeFilteredShapes, clock.tick), {
      frames: [0, 1, 2, 3],
      sliceMs: 2,
      now: clock.now,
      pause: async () => {
        if (!edited) createObject(store, newRectangle(0));
        edited = true;
      },
    });
    expect(outcome).toEqual({ status: "conflict" });
    expect(shapesOn(store, 3)).toHaveLength(1);
    expect(store.getState().history.undoLabel).toBe("Create rectangle");
  });

  it("keeps a job of thousands of frames and objects to a few seconds", async () => {
    const store = bigJob(2_000, 5);
    const started = performance.now();
    const outcome = await run(store, removeFilteredShapes, { frames: actionFrames(0, 1_999, { start: 0, stop: 1_999 }) });
    expect(outcome).toMatchObject({ status: "done", summary: { deleted: 10_000 } });
    expect(performance.now() - started).toBeLessThan(5_000);
  });
});
