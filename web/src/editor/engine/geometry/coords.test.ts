import { describe, expect, it } from "vitest";
import {
  boxCenter,
  boxHeight,
  boxOfFlat,
  boxOfPoints,
  boxWidth,
  distance,
  imageBox,
  imagePoint,
  midpoint,
  pointAt,
  pointCount,
  screenPoint,
  toFlatPoints,
  toImagePoints,
} from "./coords";

describe("flat point lists", () => {
  it("turn into points pairwise", () => {
    expect(toImagePoints([1, 2, 3, 4])).toEqual([imagePoint(1, 2), imagePoint(3, 4)]);
  });

  it("ignore a trailing unpaired number", () => {
    expect(toImagePoints([1, 2, 3])).toEqual([imagePoint(1, 2)]);
  });

  it("come back unchanged from points", () => {
    const flat = [0.5, 1, 10, 20, -3, 7.25];
    expect(toFlatPoints(toImagePoints(flat))).toEqual(flat);
  });

  it("count and index their points", () => {
    expect(pointCount([1, 2, 3, 4, 5, 6])).toBe(3);
    expect(pointAt([1, 2, 3, 4], 1)).toEqual(imagePoint(3, 4));
  });
});

describe("points and boxes", () => {
  it("measure distance within one space", () => {
    expect(distance(imagePoint(0, 0), imagePoint(3, 4))).toBe(5);
    expect(distance(screenPoint(1, 1), screenPoint(1, 3))).toBe(2);
  });

  it("find the midpoint", () => {
    expect(midpoint(imagePoint(0, 0), imagePoint(4, -2))).toEqual(imagePoint(2, -1));
  });

  it("bound a set of points", () => {
    expect(boxOfPoints(toImagePoints([5, 1, -2, 8, 3, 3]))).toEqual(imageBox(-2, 1, 5, 8));
    expect(boxOfPoints([])).toBeNull();
  });

  it("bound a flat list the same way", () => {
    expect(boxOfFlat([5, 1, -2, 8, 3, 3])).toEqual(imageBox(-2, 1, 5, 8));
    expect(boxOfFlat([])).toBeNull();
  });

  it("give a box's size and centre", () => {
    const box = imageBox(10, 20, 30, 60);
    expect([boxWidth(box), boxHeight(box)]).toEqual([20, 40]);
    expect(boxCenter(box)).toEqual(imagePoint(20, 40));
  });
});
