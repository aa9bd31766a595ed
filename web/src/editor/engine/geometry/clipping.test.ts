import { describe, expect, it } from "vitest";
import {
  clampRectangle,
  clipPointsShape,
  clipPolygon,
  clipPolyline,
  fitShapeToImage,
  meetsMinimumSize,
} from "./clipping";

const image = { width: 100, height: 50 };

describe("rectangles", () => {
  it("are clamped into the image when unrotated", () => {
    expect(clampRectangle([-10, 20, 120, 60], image)).toEqual([0, 20, 100, 50]);
    expect(fitShapeToImage("rectangle", [-10, 20, 120, 60], 0, image)).toEqual([0, 20, 100, 50]);
  });

  it("are kept as drawn when rotated", () => {
    expect(fitShapeToImage("rectangle", [-10, 20, 120, 60], 30, image)).toEqual([-10, 20, 120, 60]);
  });

  it("are discarded when drawn completely outside", () => {
    expect(fitShapeToImage("rectangle", [110, 10, 130, 40], 0, image)).toBeNull();
  });

  it("are discarded below 3 px on a side", () => {
    expect(fitShapeToImage("rectangle", [10, 10, 12, 40], 0, image)).toBeNull();
    expect(fitShapeToImage("rectangle", [10, 10, 13, 13], 0, image)).toEqual([10, 10, 13, 13]);
  });
});

describe("polygons", () => {
  it("are cut along the image border", () => {
    // A square hanging over the right edge keeps its inside part.
    expect(clipPolygon([80, 10, 120, 10, 120, 40, 80, 40], image)).toEqual([80, 10, 100, 10, 100, 40, 80, 40]);
  });

  it("gain vertices where edges cross the border", () => {
    // A triangle poking out of the top-left corner: its edges cross x = 0 at y = 13⅓ and
    // y = 0 at x = 13⅓, and one edge runs through the corner (0, 0) itself.
    const clipped = clipPolygon([-10, 10, 10, -10, 20, 20], image);
    const expected = [0, 40 / 3, 0, 0, 40 / 3, 0, 20, 20];
    expect(clipped).toHaveLength(expected.length);
    clipped.forEach((v, i) => expect(v).toBeCloseTo(expected[i], 9));
  });

  it("stay unchanged when inside", () => {
    const inside = [10, 10, 90, 10, 50, 40];
    expect(clipPolygon(inside, image)).toEqual(inside);
  });

  it("keep vertices lying exactly on the border once", () => {
    expect(clipPolygon([0, 0, 100, 0, 100, 50, 0, 50], image)).toEqual([0, 0, 100, 0, 100, 50, 0, 50]);
  });

  it("are discarded when entirely outside", () => {
    expect(fitShapeToImage("polygon", [200, 10, 220, 10, 210, 30], 0, image)).toBeNull();
  });
});

describe("polylines", () => {
  it("end at the border where they leave the image", () => {
    expect(clipPolyline([50, 25, 150, 25], image)).toEqual([50, 25, 100, 25]);
  });

  it("stay one line, joining where they left and re-entered", () => {
    // Out through the top and back in: the outside run becomes its two crossing points.
    expect(clipPolyline([10, 20, 30, -20, 50, 20], image)).toEqual([10, 20, 20, 0, 40, 0, 50, 20]);
  });

  it("are discarded when shorter than 3 px on both axes", () => {
    expect(fitShapeToImage("polyline", [10, 10, 12, 12], 0, image)).toBeNull();
    expect(fitShapeToImage("polyline", [10, 10, 10, 14], 0, image)).toEqual([10, 10, 10, 14]);
  });
});

describe("points", () => {
  it("outside the image are dropped", () => {
    expect(clipPointsShape([10, 10, -1, 5, 100, 50, 50, 51], image)).toEqual([10, 10, 100, 50]);
  });

  it("discard the shape when none is left", () => {
    expect(fitShapeToImage("points", [-5, -5], 0, image)).toBeNull();
  });
});

describe("shapes CVAT does not clip", () => {
  it("keep ellipses as drawn", () => {
    expect(fitShapeToImage("ellipse", [95, 25, 120, 10], 0, image)).toEqual([95, 25, 120, 10]);
  });

  it("drop ellipses under 3 px across", () => {
    expect(fitShapeToImage("ellipse", [50, 25, 51, 20], 0, image)).toBeNull();
  });

  it("keep cuboids, masks and skeletons", () => {
    expect(meetsMinimumSize("cuboid", [])).toBe(true);
    expect(fitShapeToImage("skeleton", [], 0, image)).toEqual([]);
  });
});
