import { describe, expect, it } from "vitest";
import { imagePoint } from "./coords";
import {
  convexHull,
  distanceToPath,
  isPointInPolygon,
  nearestEdge,
  nearestVertex,
  pathLength,
  polygonArea,
  projectOnSegment,
  signedArea,
} from "./polyMath";

const square = [0, 0, 10, 0, 10, 10, 0, 10]; // clockwise on screen (y down)

describe("areas", () => {
  it("are positive for polygons turning clockwise on screen", () => {
    expect(signedArea(square)).toBe(100);
    expect(signedArea([0, 10, 10, 10, 10, 0, 0, 0])).toBe(-100);
  });

  it("are absolute for polygonArea", () => {
    expect(polygonArea([0, 10, 10, 10, 10, 0, 0, 0])).toBe(100);
  });

  it("are zero below three points", () => {
    expect(signedArea([0, 0, 5, 5])).toBe(0);
  });
});

describe("path lengths", () => {
  it("sum the edges of an open path", () => {
    expect(pathLength([0, 0, 3, 4, 3, 10], false)).toBe(11);
  });

  it("add the closing edge of a closed path", () => {
    expect(pathLength(square, true)).toBe(40);
  });
});

describe("nearest points", () => {
  it("project onto a segment, clamped to its ends", () => {
    const a = imagePoint(0, 0);
    const b = imagePoint(10, 0);
    expect(projectOnSegment(imagePoint(4, 3), a, b)).toEqual({ point: imagePoint(4, 0), t: 0.4, distance: 3 });
    expect(projectOnSegment(imagePoint(-3, 4), a, b).distance).toBe(5);
  });

  it("find the nearest edge, including the closing one of a polygon", () => {
    const edge = nearestEdge(square, imagePoint(-1, 5), true);
    expect(edge?.edgeIndex).toBe(3);
    expect(edge?.point).toEqual(imagePoint(0, 5));
    expect(nearestEdge(square, imagePoint(-1, 5), false)?.edgeIndex).toBe(0);
  });

  it("measure the distance to a path", () => {
    expect(distanceToPath([0, 0, 10, 0], imagePoint(5, 2), false)).toBe(2);
    expect(distanceToPath([1, 1], imagePoint(4, 5), false)).toBe(5);
    expect(distanceToPath([], imagePoint(4, 5), false)).toBe(Infinity);
  });

  it("find the nearest vertex", () => {
    expect(nearestVertex(square, imagePoint(9, 11))).toEqual({ index: 2, distance: Math.SQRT2 });
    expect(nearestVertex([], imagePoint(0, 0))).toBeNull();
  });
});

describe("point in polygon", () => {
  it("tells inside from outside", () => {
    expect(isPointInPolygon(square, imagePoint(5, 5))).toBe(true);
    expect(isPointInPolygon(square, imagePoint(15, 5))).toBe(false);
  });

  it("treats a concave notch as outside", () => {
    const u = [0, 0, 10, 0, 10, 10, 7, 10, 7, 3, 3, 3, 3, 10, 0, 10];
    expect(isPointInPolygon(u, imagePoint(5, 8))).toBe(false);
    expect(isPointInPolygon(u, imagePoint(1, 8))).toBe(true);
  });
});

describe("convex hull", () => {
  it("drops inner points", () => {
    const hull = convexHull([imagePoint(0, 0), imagePoint(4, 0), imagePoint(2, 1), imagePoint(4, 4), imagePoint(0, 4)]);
    expect(hull).toHaveLength(4);
    expect(hull).not.toContainEqual(imagePoint(2, 1));
  });
});
