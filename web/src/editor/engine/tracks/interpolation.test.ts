import { describe, expect, it } from "vitest";
import { floorMod, interpolatePoints, InterpolationError } from "./interpolation";
import { keyframe } from "./testFixtures";

describe("floorMod, Python's float %", () => {
  // Each pair was printed by CPython: `repr(a % b)`.
  it.each([
    [-1, 360, 359],
    [725.5, 360, 5.5],
    [5, -3, -1],
    [-7, -3, -1],
    [-Math.PI * 3, 2 * Math.PI, 3.141592653589793],
  ])("gives %d %% %d = %d, with the divisor's sign", (a, b, expected) => {
    expect(floorMod(a, b)).toBe(expected);
  });

  it("gives a zero the divisor's sign", () => {
    expect(Object.is(floorMod(-0, 360), 0)).toBe(true);
    expect(Object.is(floorMod(-360, 360), 0)).toBe(true);
    expect(Object.is(floorMod(0, -3), -0)).toBe(true);
  });

  it("may round up to the divisor itself, as Python does", () => {
    expect(floorMod(-1e-20, 360)).toBe(360);
  });
});

describe("interpolating between two keyframes", () => {
  it("refuses a frame that is not strictly between them", () => {
    const a = keyframe(0, [0, 0, 1, 1]);
    const b = keyframe(2, [0, 0, 1, 1]);
    expect(() => interpolatePoints("rectangle", a, b, 2)).toThrow(InterpolationError);
  });

  it("refuses keyframes of another type than asked", () => {
    const a = keyframe(0, [0, 0, 1, 1]);
    const b = keyframe(2, [0, 0, 1, 1], { type: "ellipse" });
    expect(() => interpolatePoints("rectangle", a, b, 1)).toThrow(InterpolationError);
  });

  it("refuses polygons with an odd number of coordinates", () => {
    const a = keyframe(0, [0, 0, 1, 1, 2], { type: "polygon" });
    const b = keyframe(2, [0, 0, 1, 1, 2, 2], { type: "polygon" });
    expect(() => interpolatePoints("polygon", a, b, 1)).toThrow(InterpolationError);
  });

  it("turns a rectangle by -180 degrees on a difference of exactly half a turn", () => {
    const a = keyframe(0, [5, 5, 8, 2]);
    const b = keyframe(2, [5, 5, 8, 2], { rotation: 180 });
    expect(interpolatePoints("rectangle", a, b, 1).rotation).toBe(270);
  });
});
