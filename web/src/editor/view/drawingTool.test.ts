import { describe, expect, it } from "vitest";
import { imagePoint } from "../engine/geometry/coords";
import {
  finishDrawing,
  hasProgress,
  pointerDown,
  pointerMove,
  pointerUp,
  previewPoints,
  startDrawing,
  type DrawingState,
} from "./drawingTool";

const tolerance = { clickSlop: 2 };
const p = imagePoint;

function clicks(state: DrawingState, points: [number, number][]): DrawingState {
  let current = state;
  for (const [x, y] of points) {
    current = pointerDown(current, p(x, y)).state;
    current = pointerUp(current, p(x, y), tolerance).state;
  }
  return current;
}

describe("rectangle tool", () => {
  it("draws a rectangle with one drag", () => {
    const pressed = pointerDown(startDrawing("rectangle"), p(30, 40));
    expect(pressed.drawn).toBeNull();
    const released = pointerUp(pressed.state, p(10, 5), tolerance);
    expect(released.drawn).toEqual({ type: "rectangle", points: [10, 5, 30, 40] });
    expect(hasProgress(released.state)).toBe(false);
  });

  it("draws a rectangle with two clicks", () => {
    const first = clicks(startDrawing("rectangle"), [[5, 6]]);
    expect(hasProgress(first)).toBe(true);
    const second = pointerDown(first, p(20, 30));
    expect(second.drawn).toEqual({ type: "rectangle", points: [5, 6, 20, 30] });
  });

  it("previews the box from the first corner to the pointer", () => {
    const first = clicks(startDrawing("rectangle"), [[5, 6]]);
    expect(previewPoints(pointerMove(first, p(1, 10)))).toEqual([1, 6, 5, 10]);
  });

  it("cannot be finished with N", () => {
    const first = clicks(startDrawing("rectangle"), [[5, 6]]);
    expect(finishDrawing(first).drawn).toBeNull();
  });
});

describe("polygon tool", () => {
  it("adds a point per click and finishes with three or more", () => {
    const state = clicks(startDrawing("polygon"), [[0, 0], [10, 0], [10, 10]]);
    expect(finishDrawing(state).drawn).toEqual({ type: "polygon", points: [0, 0, 10, 0, 10, 10] });
  });

  it("does not finish with fewer than three points", () => {
    const state = clicks(startDrawing("polygon"), [[0, 0], [10, 0]]);
    const step = finishDrawing(state);
    expect(step.drawn).toBeNull();
    expect(step.state).toBe(state);
  });

  it("ignores the repeated press of a double click", () => {
    const state = clicks(startDrawing("polygon"), [[0, 0], [10, 0], [10, 10], [10, 10]]);
    expect(finishDrawing(state).drawn?.points).toEqual([0, 0, 10, 0, 10, 10]);
  });

  it("starts over after finishing", () => {
    const state = clicks(startDrawing("polygon"), [[0, 0], [10, 0], [10, 10]]);
    expect(hasProgress(finishDrawing(state).state)).toBe(false);
  });

  it("previews its points followed by the pointer", () => {
    const state = pointerMove(clicks(startDrawing("polygon"), [[0, 0], [10, 0]]), p(4, 4));
    expect(previewPoints(state)).toEqual([0, 0, 10, 0, 4, 4]);
  });
});

describe("other tools", () => {
  it("draws an ellipse inscribed in the dragged box", () => {
    const pressed = pointerDown(startDrawing("ellipse"), p(0, 0));
    expect(pointerUp(pressed.state, p(20, 10), tolerance).drawn).toEqual({ type: "ellipse", points: [10, 5, 20, 0] });
  });

  it("finishes a polyline with two points", () => {
    const state = clicks(startDrawing("polyline"), [[0, 0], [5, 5]]);
    expect(finishDrawing(state).drawn).toEqual({ type: "polyline", points: [0, 0, 5, 5] });
  });

  it("finishes a points shape with one point", () => {
    const state = clicks(startDrawing("points"), [[3, 4]]);
    expect(finishDrawing(state).drawn).toEqual({ type: "points", points: [3, 4] });
  });
});
