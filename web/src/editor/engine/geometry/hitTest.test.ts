import { describe, expect, it } from "vitest";
import { imagePoint } from "./coords";
import { type PickCandidate, distanceToShape, isShapeHit, pickShape } from "./hitTest";

const near = { scale: 1, tolerancePx: 5 };

describe("distance to a shape", () => {
  it("is zero inside a rectangle and the gap outside", () => {
    const rect = { type: "rectangle" as const, points: [0, 0, 10, 10] };
    expect(distanceToShape(rect, imagePoint(5, 5))).toBe(0);
    expect(distanceToShape(rect, imagePoint(13, 14))).toBe(5);
  });

  it("follows a rectangle's rotation", () => {
    // A 20 × 2 bar turned by 90° stands vertically around (10, 1).
    const bar = { type: "rectangle" as const, points: [0, 0, 20, 2], rotation: 90 };
    expect(distanceToShape(bar, imagePoint(10, 8))).toBeCloseTo(0, 9);
    expect(distanceToShape(bar, imagePoint(18, 1))).toBeCloseTo(7, 9);
  });

  it("is zero inside an ellipse and the gap to its outline outside", () => {
    const ellipse = { type: "ellipse" as const, points: [0, 0, 20, -10] };
    expect(distanceToShape(ellipse, imagePoint(19, 0))).toBe(0);
    expect(distanceToShape(ellipse, imagePoint(25, 0))).toBeCloseTo(5, 6);
    expect(distanceToShape(ellipse, imagePoint(0, 13))).toBeCloseTo(3, 1);
  });

  it("follows an ellipse's rotation", () => {
    const ellipse = { type: "ellipse" as const, points: [0, 0, 20, -10], rotation: 90 };
    expect(distanceToShape(ellipse, imagePoint(0, 19))).toBe(0);
    expect(distanceToShape(ellipse, imagePoint(19, 0))).toBeGreaterThan(8);
  });

  it("is measured to the line for polylines, even inside their loop", () => {
    const line = { type: "polyline" as const, points: [0, 0, 10, 0, 10, 10, 0, 10] };
    expect(distanceToShape(line, imagePoint(5, 5))).toBe(5);
  });

  it("is measured to the nearest point for points shapes", () => {
    expect(distanceToShape({ type: "points", points: [0, 0, 10, 0] }, imagePoint(10, 3))).toBe(3);
  });

  it("is zero inside a polygon", () => {
    expect(distanceToShape({ type: "polygon", points: [0, 0, 10, 0, 5, 10] }, imagePoint(5, 4))).toBe(0);
  });

  it("covers the hull of a cuboid", () => {
    const cuboid = { type: "cuboid" as const, points: [0, 0, 0, 10, 10, 0, 10, 10, 15, -5, 15, 5, 25, -5, 25, 5] };
    expect(distanceToShape(cuboid, imagePoint(12, 2))).toBe(0);
  });

  it("is infinite for a skeleton, whose elements are tested instead", () => {
    expect(distanceToShape({ type: "skeleton", points: [] }, imagePoint(0, 0))).toBe(Infinity);
  });
});

describe("hits", () => {
  it("count within the tolerance of a polyline", () => {
    const line = { type: "polyline" as const, points: [0, 0, 100, 0] };
    expect(isShapeHit(line, imagePoint(50, 4), near)).toBe(true);
    expect(isShapeHit(line, imagePoint(50, 6), near)).toBe(false);
  });

  it("use a tolerance in screen pixels, so it shrinks in image pixels when zoomed in", () => {
    const line = { type: "polyline" as const, points: [0, 0, 100, 0] };
    expect(isShapeHit(line, imagePoint(50, 4), { scale: 4, tolerancePx: 5 })).toBe(false);
    expect(isShapeHit(line, imagePoint(50, 1), { scale: 4, tolerancePx: 5 })).toBe(true);
  });

  it("count near a point of a points shape", () => {
    expect(isShapeHit({ type: "points", points: [10, 10] }, imagePoint(13, 13), near)).toBe(true);
    expect(isShapeHit({ type: "points", points: [10, 10] }, imagePoint(15, 15), near)).toBe(false);
  });
});

describe("picking the shape to select", () => {
  type Shape = PickCandidate & { id: string };
  const big: Shape = { id: "big", type: "rectangle", points: [0, 0, 100, 100], zOrder: 0 };
  const small: Shape = { id: "small", type: "polygon", points: [40, 40, 60, 40, 50, 60], zOrder: 0 };

  it("prefers the smaller of two shapes on the same layer", () => {
    expect(pickShape([small, big], imagePoint(50, 45), near)?.id).toBe("small");
    expect(pickShape([big, small], imagePoint(50, 45), near)?.id).toBe("small");
  });

  it("prefers the higher z-order", () => {
    const top = { ...big, id: "top", zOrder: 1 };
    expect(pickShape([small, top], imagePoint(50, 45), near)?.id).toBe("top");
  });

  it("prefers a line over the area it crosses", () => {
    const line: Shape = { id: "line", type: "polyline", points: [0, 50, 100, 50], zOrder: 0 };
    expect(pickShape([big, line], imagePoint(30, 52), near)?.id).toBe("line");
  });

  it("takes the later shape on a full tie", () => {
    const twin = { ...big, id: "twin" };
    expect(pickShape([big, twin], imagePoint(5, 5), near)?.id).toBe("twin");
  });

  it("returns null when nothing is under the pointer", () => {
    expect(pickShape([big, small], imagePoint(500, 500), near)).toBeNull();
  });
});
