import { describe, expect, it } from "vitest";
import { imagePoint, toFlatPoints } from "./coords";
import { type AutoBorderState, autoBorderClick, borderContourOf, borderPath } from "./autoBorder";

// An octagon-ish polygon: 0 (0,0) 1 (10,0) 2 (20,0) 3 (20,10) 4 (20,20) 5 (10,20) 6 (0,20) 7 (0,10)
const ring = { points: [0, 0, 10, 0, 20, 0, 20, 10, 20, 20, 10, 20, 0, 20, 0, 10], closed: true };

describe("following a contour", () => {
  it("goes the shorter way round without a direction", () => {
    expect(toFlatPoints(borderPath(ring, 1, 7))).toEqual([0, 0, 0, 10]);
    expect(toFlatPoints(borderPath(ring, 1, 4))).toEqual([20, 0, 20, 10, 20, 20]);
  });

  it("goes the way through the direction vertex", () => {
    expect(toFlatPoints(borderPath(ring, 1, 7, 3))).toEqual([20, 0, 20, 10, 20, 20, 10, 20, 0, 20, 0, 10]);
  });

  it("wraps past the last vertex", () => {
    expect(toFlatPoints(borderPath(ring, 6, 1, 7))).toEqual([0, 10, 0, 0, 10, 0]);
  });

  it("has one way along an open line", () => {
    const line = { points: [0, 0, 10, 0, 20, 0, 30, 0], closed: false };
    expect(toFlatPoints(borderPath(line, 3, 1))).toEqual([20, 0, 10, 0]);
    expect(toFlatPoints(borderPath(line, 0, 2, 3))).toEqual([10, 0, 20, 0]);
  });

  it("adds nothing between a vertex and itself", () => {
    expect(borderPath(ring, 2, 2)).toEqual([]);
  });
});

describe("contours offered by shapes", () => {
  it("are closed for polygons and rectangle corners, open for polylines and points", () => {
    expect(borderContourOf({ type: "polygon", points: [0, 0, 1, 0, 1, 1] })?.closed).toBe(true);
    expect(borderContourOf({ type: "rectangle", points: [0, 0, 4, 2] })).toEqual({
      points: [0, 0, 4, 0, 4, 2, 0, 2],
      closed: true,
    });
    expect(borderContourOf({ type: "polyline", points: [0, 0, 1, 0] })?.closed).toBe(false);
    expect(borderContourOf({ type: "points", points: [0, 0] })?.closed).toBe(false);
  });

  it("are not offered by ellipses, masks, cuboids or skeletons", () => {
    expect(borderContourOf({ type: "ellipse", points: [0, 0, 1, 1] })).toBeNull();
    expect(borderContourOf({ type: "mask", points: [] })).toBeNull();
  });
});

describe("the bordering clicks", () => {
  const start: AutoBorderState<string> = null;

  it("add the first vertex, mark the direction, then add the way to the third", () => {
    const first = autoBorderClick(start, "a", ring, 1);
    expect(first.added).toEqual([imagePoint(10, 0)]);
    const second = autoBorderClick(first.state, "a", ring, 3);
    expect(second.added).toEqual([]);
    const third = autoBorderClick(second.state, "a", ring, 5);
    expect(toFlatPoints(third.added)).toEqual([20, 0, 20, 10, 20, 20, 10, 20]);
    expect(third.state).toBeNull();
  });

  it("ignore a second click on the first vertex", () => {
    const first = autoBorderClick(start, "a", ring, 1);
    const again = autoBorderClick(first.state, "a", ring, 1);
    expect(again).toEqual({ state: first.state, added: [] });
  });

  it("add just the direction vertex when it is clicked twice", () => {
    const first = autoBorderClick(start, "a", ring, 1);
    const second = autoBorderClick(first.state, "a", ring, 3);
    const twice = autoBorderClick(second.state, "a", ring, 3);
    expect(twice).toEqual({ state: null, added: [imagePoint(20, 10)] });
  });

  it("start over on another shape", () => {
    const first = autoBorderClick(start, "a", ring, 1);
    const other = autoBorderClick(first.state, "b", ring, 5);
    expect(other).toEqual({ state: { shape: "b", clicks: [5] }, added: [imagePoint(10, 20)] });
  });

  it("finish on the second click the shorter way in two-click mode", () => {
    const first = autoBorderClick(start, "a", ring, 1, { twoClicks: true });
    const second = autoBorderClick(first.state, "a", ring, 7, { twoClicks: true });
    expect(second).toEqual({ state: null, added: [imagePoint(0, 0), imagePoint(0, 10)] });
  });
});
