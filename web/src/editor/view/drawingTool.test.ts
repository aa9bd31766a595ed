import { describe, expect, it } from "vitest";
import { imagePoint } from "../engine/geometry/coords";
import {
  finishDrawing,
  hasProgress,
  pointerDown,
  pointerMove,
  pointerUp,
  previewPoints,
  clickedPoints,
  removeLastPoint,
  restartDrawing,
  startDrawing,
  withDefaultPointsCount,
  DEFAULT_DRAWING_OPTIONS,
  type DrawingOptions,
  type DrawingState,
} from "./drawingTool";
import { screenPoint } from "../engine/geometry/coords";

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

  it("cannot be finished with N, and says how it is finished", () => {
    const first = clicks(startDrawing("rectangle"), [[5, 6]]);
    const step = finishDrawing(first);
    expect(step.drawn).toBeNull();
    expect(step.refusal).toBe("Click or drag to the opposite corner to finish the rectangle.");
  });

  it("by 4 points says how many extreme points are missing", () => {
    const state = clicks(startDrawing("rectangle", { ...DEFAULT_DRAWING_OPTIONS, rectangleMethod: "fourPoints" }), [[5, 6]]);
    expect(finishDrawing(state).refusal).toBe("A rectangle by 4 points needs its 4 extreme points: click 3 more, or cancel it.");
  });
});

describe("polygon tool", () => {
  it("adds a point per click and finishes with three or more", () => {
    const state = clicks(startDrawing("polygon"), [[0, 0], [10, 0], [10, 10]]);
    expect(finishDrawing(state).drawn).toEqual({ type: "polygon", points: [0, 0, 10, 0, 10, 10] });
  });

  it("does not finish with fewer than three points, and says why", () => {
    const state = clicks(startDrawing("polygon"), [[0, 0], [10, 0]]);
    const step = finishDrawing(state);
    expect(step.drawn).toBeNull();
    expect(step.state).toBe(state);
    expect(step.refusal).toBe("A polygon needs at least 3 points: click 1 more, or cancel it.");
  });

  it("has nothing to say when nothing is drawn", () => {
    expect(finishDrawing(startDrawing("polygon")).refusal).toBeUndefined();
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

const fourPoints: DrawingOptions = { ...DEFAULT_DRAWING_OPTIONS, rectangleMethod: "fourPoints" };

describe("rectangle by 4 extreme points", () => {
  it("finishes on the fourth click with the box holding all four", () => {
    let state = startDrawing("rectangle", fourPoints);
    for (const [x, y] of [[50, 10], [90, 40], [50, 70]] as const) {
      const step = pointerDown(state, p(x, y));
      expect(step.drawn).toBeNull();
      state = pointerUp(step.state, p(x, y), tolerance).state;
    }
    expect(clickedPoints(state)).toEqual([50, 10, 90, 40, 50, 70]);
    expect(previewPoints(pointerMove(state, p(20, 30)))).toEqual([20, 10, 90, 70]);
    const last = pointerDown(state, p(20, 35));
    expect(last.drawn).toEqual({ type: "rectangle", points: [20, 10, 90, 70] });
    expect(last.state.kind).toBe("extremes");
    expect(hasProgress(last.state)).toBe(false);
  });

  it("takes back the last extreme point on a right click", () => {
    const state = clicks(startDrawing("rectangle", fourPoints), [[1, 1], [5, 5]]);
    expect(clickedPoints(removeLastPoint(state))).toEqual([1, 1]);
  });
});

describe("drawing options", () => {
  it("finishes by itself at a fixed number of points", () => {
    const options = { ...DEFAULT_DRAWING_OPTIONS, pointsCount: { ...DEFAULT_DRAWING_OPTIONS.pointsCount, points: 3 } };
    let state = clicks(startDrawing("points", options), [[1, 1], [2, 2]]);
    const third = pointerDown(state, p(3, 3));
    expect(third.drawn).toEqual({ type: "points", points: [1, 1, 2, 2, 3, 3] });
    state = third.state;
    expect(hasProgress(state)).toBe(false);
    // The next shape keeps the same count.
    expect(state.kind === "vertices" && state.fixedCount).toBe(3);
  });

  it("raises a fixed count below the type's minimum, and treats 0 as free", () => {
    const polygonTwo = withDefaultPointsCount(DEFAULT_DRAWING_OPTIONS, 2);
    expect(polygonTwo.pointsCount).toEqual({ polygon: 3, polyline: 2, points: 2 });
    expect(withDefaultPointsCount(DEFAULT_DRAWING_OPTIONS, 0).pointsCount.polygon).toBeNull();
  });

  it("removes the last point of a polygon on a right click", () => {
    const state = clicks(startDrawing("polygon"), [[0, 0], [10, 0], [10, 10]]);
    expect(finishDrawing(removeLastPoint(state)).drawn).toBeNull();
    expect(previewPoints(removeLastPoint(state))).toEqual([0, 0, 10, 0, 10, 10]);
    expect(removeLastPoint(startDrawing("polygon")).kind).toBe("vertices");
  });

  it("forgets the first corner of a box on a right click", () => {
    const state = clicks(startDrawing("ellipse"), [[5, 5]]);
    expect(hasProgress(removeLastPoint(state))).toBe(false);
  });

  it("restarts with the same tool and options", () => {
    const state = clicks(startDrawing("rectangle", fourPoints), [[1, 1]]);
    expect(restartDrawing(state)).toEqual({ ...startDrawing("rectangle", fourPoints), pointer: p(1, 1) });
  });
});

describe("Shift-drag freehand", () => {
  it("adds a point each time the pointer moved far enough on screen while Shift is held", () => {
    const down = pointerDown(startDrawing("polygon"), p(0, 0), { shift: true, screen: screenPoint(0, 0) });
    let state = down.state;
    state = pointerMove(state, p(5, 0), { shift: true, screen: screenPoint(5, 0) }); // too close
    state = pointerMove(state, p(20, 0), { shift: true, screen: screenPoint(20, 0) });
    state = pointerMove(state, p(20, 20), { shift: true, screen: screenPoint(20, 20) });
    state = pointerMove(state, p(40, 20), { shift: false, screen: screenPoint(40, 20) }); // Shift released
    const up = pointerUp(state, p(40, 20), tolerance);
    expect(up.drawn).toBeNull();
    expect(finishDrawing(up.state).drawn?.points).toEqual([0, 0, 20, 0, 20, 20]);
    // After the release, moving with Shift adds nothing.
    const after = pointerMove(up.state, p(90, 90), { shift: true, screen: screenPoint(90, 90) });
    expect(after.kind === "vertices" && after.points.length).toBe(3);
  });

  it("stops at a fixed number of points and finishes on release", () => {
    const options = withDefaultPointsCount(DEFAULT_DRAWING_OPTIONS, 3);
    let state = pointerDown(startDrawing("polyline", options), p(0, 0), { shift: true, screen: screenPoint(0, 0) }).state;
    for (let x = 20; x <= 100; x += 20) state = pointerMove(state, p(x, 0), { shift: true, screen: screenPoint(x, 0) });
    expect(pointerUp(state, p(100, 0), tolerance).drawn).toEqual({ type: "polyline", points: [0, 0, 20, 0, 40, 0] });
  });
});

describe("automatic bordering", () => {
  const square = { points: [0, 0, 10, 0, 10, 10, 0, 10], closed: true };
  const on = (index: number) => ({ border: { key: "other", contour: square, index } });

  it("follows the other shape's contour between the clicked vertices, by the direction click", () => {
    let state = startDrawing("polygon");
    state = pointerDown(state, p(0, 0), on(0)).state; // adds vertex 0
    state = pointerDown(state, p(10, 0), on(1)).state; // direction
    state = pointerDown(state, p(10, 10), on(2)).state; // adds 1 and 2
    state = pointerDown(state, p(30, 30)).state; // a free click
    expect(finishDrawing(state).drawn?.points).toEqual([0, 0, 10, 0, 10, 10, 30, 30]);
  });

  it("does not border with the points tool", () => {
    const state = pointerDown(startDrawing("points"), p(3, 3), on(2)).state;
    expect(previewPoints(state).slice(0, 2)).toEqual([3, 3]);
  });
});
