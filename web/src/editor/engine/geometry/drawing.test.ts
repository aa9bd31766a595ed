import { describe, expect, it } from "vitest";
import { screenPoint } from "./coords";
import {
  canFinishDrawing,
  finishRefusal,
  isDrawingComplete,
  normalizeFixedPointCount,
  removeLastPoint,
  shouldAddFreehandPoint,
} from "./drawing";

describe("Shift-drag drawing", () => {
  it("adds the first point at once", () => {
    expect(shouldAddFreehandPoint(null, screenPoint(5, 5))).toBe(true);
  });

  it("adds a point only after the pointer moved more than 15 px", () => {
    expect(shouldAddFreehandPoint(screenPoint(0, 0), screenPoint(9, 12))).toBe(false); // exactly 15
    expect(shouldAddFreehandPoint(screenPoint(0, 0), screenPoint(9, 12.1))).toBe(true);
  });
});

describe("finishing a drawing", () => {
  it("needs the type's minimum number of points", () => {
    expect(canFinishDrawing("polygon", 2)).toBe(false);
    expect(canFinishDrawing("polygon", 3)).toBe(true);
    expect(canFinishDrawing("polyline", 2)).toBe(true);
    expect(canFinishDrawing("points", 1)).toBe(true);
  });

  it("says why it cannot happen yet, and how many points are missing", () => {
    expect(finishRefusal("polygon", 2)).toBe("A polygon needs at least 3 points: click 1 more, or cancel it.");
    expect(finishRefusal("polyline", 1)).toBe("A polyline needs at least 2 points: click 1 more, or cancel it.");
    expect(finishRefusal("points", 0)).toBe("A points shape needs at least 1 point: click 1 more, or cancel it.");
    expect(finishRefusal("polygon", 3)).toBeNull();
  });

  it("happens by itself at a fixed number of points", () => {
    expect(isDrawingComplete(4, 5)).toBe(false);
    expect(isDrawingComplete(5, 5)).toBe(true);
    expect(isDrawingComplete(50, null)).toBe(false);
  });
});

describe("the fixed number of points", () => {
  it("is none when unset or not positive", () => {
    expect(normalizeFixedPointCount("polygon", null)).toBeNull();
    expect(normalizeFixedPointCount("polygon", 0)).toBeNull();
    expect(normalizeFixedPointCount("polygon", Number.NaN)).toBeNull();
  });

  it("is raised to the type's minimum and made whole", () => {
    expect(normalizeFixedPointCount("polygon", 2)).toBe(3);
    expect(normalizeFixedPointCount("polyline", 4.7)).toBe(4);
  });
});

describe("right click while drawing", () => {
  it("removes the last point", () => {
    expect(removeLastPoint([0, 0, 1, 1, 2, 2])).toEqual([0, 0, 1, 1]);
    expect(removeLastPoint([])).toEqual([]);
  });
});
