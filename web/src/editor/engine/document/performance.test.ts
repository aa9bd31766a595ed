/**
 * The benchmark case (3,000 polygons of 20 points on one frame, < 50 ms per edit action)
 * at the engine level. Figures are printed; the bounds are generous on purpose (shared CI cores),
 * they only catch a change that copies the whole job per edit.
 */

import { describe, expect, it } from "vitest";
import { hasUnsavedChanges, planSave } from "./changes";
import { setPoints } from "./commands";
import type { EditorStore } from "./editorStore";
import { getObject, objectIds } from "./model";
import { labeledData, loadedStore, serverPolygon, serverRectangle, shapeOf } from "./testFixtures";

const OBJECTS = 3000;
const MOVES = 1000;

function bigJob(): EditorStore {
  const shapes = Array.from({ length: OBJECTS }, (_, i) => serverPolygon(i + 1, 0, 20));
  return loadedStore(labeledData({ shapes }));
}

function time(run: () => void): number {
  const start = performance.now();
  run();
  return performance.now() - start;
}

/** Drags point 0 of a shape to MOVES positions, as pointer moves would. */
function drag(store: EditorStore, id: string): void {
  const points = [...shapeOf(store, id).points];
  for (let i = 0; i < MOVES; i += 1) {
    points[0] += 0.5;
    setPoints(store, id, [...points]);
  }
}

describe(`editing a job of ${OBJECTS} polygons of 20 points`, () => {
  it(`drags a point through ${MOVES} moves in one gesture well within 50 ms per move`, () => {
    const store = bigJob();
    let notifications = 0;
    store.subscribe(() => (notifications += 1));
    store.beginGesture("Drag point");
    const ms = time(() => drag(store, "shape:1500"));
    store.endGesture();
    const perMove = ms / MOVES;
    console.log(`[bench] ${MOVES} drag moves: ${ms.toFixed(1)} ms total, ${perMove.toFixed(3)} ms per move`);
    expect(perMove).toBeLessThan(5);
    expect(notifications).toBeGreaterThanOrEqual(MOVES);

    const undoMs = time(() => store.undo());
    console.log(`[bench] undo of the whole drag: ${undoMs.toFixed(1)} ms`);
    expect(undoMs).toBeLessThan(500);
    expect(hasUnsavedChanges(store.getState())).toBe(false);
  });

  it(`makes ${MOVES} separate single-point edits (one undo step each) well within budget`, () => {
    const store = bigJob();
    const ms = time(() => drag(store, "shape:10"));
    console.log(`[bench] ${MOVES} separate edits: ${(ms / MOVES).toFixed(3)} ms per edit`);
    expect(ms / MOVES).toBeLessThan(5);
  });

  it("keeps every untouched object and frame list by reference", () => {
    const store = bigJob();
    const before = store.getState();
    setPoints(store, "shape:7", [0, 0, 1, 1, 2, 2]);
    const after = store.getState();
    const shared = objectIds(before.document).filter(
      (id) => getObject(after.document, id) === getObject(before.document, id),
    );
    expect(shared).toHaveLength(OBJECTS - 1);
    expect(after.frameIndex).toBe(before.frameIndex);
  });

  it("computes the save and the unsaved-changes flag quickly", () => {
    const store = bigJob();
    setPoints(store, "shape:1", [0, 0, 1, 1, 2, 2]);
    const diffMs = time(() => {
      for (let i = 0; i < 100; i += 1) hasUnsavedChanges(store.getState());
    });
    const planMs = time(() => planSave(store.getState()));
    console.log(`[bench] unsaved-changes check: ${(diffMs / 100).toFixed(3)} ms; plan save: ${planMs.toFixed(2)} ms`);
    expect(diffMs / 100).toBeLessThan(20);
  });

  it("keeps an edit cheap at ten times the size (30,000 rectangles)", () => {
    const shapes = Array.from({ length: 10 * OBJECTS }, (_, i) => serverRectangle(i + 1, i % 500));
    const store = loadedStore(labeledData({ shapes }));
    const ms = time(() => {
      for (let i = 0; i < 100; i += 1) setPoints(store, "shape:20000", [i, i, 50, 40]);
    });
    console.log(`[bench] edit in a 30,000-object job: ${(ms / 100).toFixed(3)} ms per edit`);
    expect(ms / 100).toBeLessThan(10);
  });

  it("loads the job quickly", () => {
    const shapes = Array.from({ length: OBJECTS }, (_, i) => serverPolygon(i + 1, 0, 20));
    const ms = time(() => loadedStore(labeledData({ shapes })));
    console.log(`[bench] load of ${OBJECTS} polygons: ${ms.toFixed(1)} ms`);
    expect(ms).toBeLessThan(2000);
  });
});
