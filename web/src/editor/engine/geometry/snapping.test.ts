import { describe, expect, it } from "vitest";
import { imagePoint } from "./coords";
import { snapToGrid, snapToVertex } from "./snapping";

describe("grid snapping", () => {
  it("moves to the nearest grid crossing", () => {
    expect(snapToGrid(imagePoint(23, 37), 10)).toEqual(imagePoint(20, 40));
  });

  it("does nothing without a grid", () => {
    expect(snapToGrid(imagePoint(23, 37), 0)).toEqual(imagePoint(23, 37));
  });
});

describe("vertex snapping", () => {
  const contours = [
    { key: "a", points: [0, 0, 10, 0] },
    { key: "b", points: [12, 1, 30, 30] },
  ];

  it("snaps to the nearest vertex of any shape within the distance", () => {
    expect(snapToVertex(imagePoint(11, 1), contours, 3)).toEqual({ shape: "b", index: 0, point: imagePoint(12, 1) });
  });

  it("does not snap when every vertex is too far", () => {
    expect(snapToVertex(imagePoint(50, 50), contours, 3)).toBeNull();
  });
});
