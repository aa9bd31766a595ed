import { describe, expect, it } from "vitest";
import vectors from "../../../../../tests/vectors/masks.json";
import { decodeMask, encodeMask, maskBounds, maskOutlines, MaskError, rasterizePolygon, type MaskBitmap } from "./masks";
import { rectangleCorners } from "./shapes";
import { toFlatPoints } from "./coords";

interface Vector {
  name: string;
  conversion: "polygon_to_mask" | "rectangle_to_mask" | "mask_to_polygons" | "mask_to_rectangle";
  points: number[];
  width: number;
  height: number;
  expected: unknown;
}

function convert({ conversion, points, width, height }: Vector): unknown {
  const frame = { width, height };
  switch (conversion) {
    case "polygon_to_mask": {
      const mask = rasterizePolygon(points, frame);
      return mask === null ? null : encodeMask(mask);
    }
    case "rectangle_to_mask": {
      const mask = rasterizePolygon(toFlatPoints(rectangleCorners(points)), frame);
      return mask === null ? null : encodeMask(mask);
    }
    case "mask_to_polygons":
      return maskOutlines(decodeMask(points));
    case "mask_to_rectangle": {
      const [left, top, right, bottom] = maskBounds(decodeMask(points))!;
      return [left, top, right + 1, bottom + 1];
    }
  }
}

/** A bitmap from rows of "#" and "." at (left, top). */
function bitmap(left: number, top: number, rows: string[]): MaskBitmap {
  const width = rows[0].length;
  const data = Uint8Array.from(rows.join("").split(""), (c) => (c === "#" ? 1 : 0));
  return { left, top, width, height: rows.length, data };
}

describe("the shared mask vectors (tests/vectors/masks.json)", () => {
  it("has cases of every conversion", () => {
    const kinds = new Set((vectors as Vector[]).map((vector) => vector.conversion));
    expect([...kinds].sort()).toEqual(["mask_to_polygons", "mask_to_rectangle", "polygon_to_mask", "rectangle_to_mask"]);
  });

  for (const vector of vectors as Vector[]) {
    it(`reproduces "${vector.name}" exactly`, () => {
      expect(convert(vector)).toEqual(vector.expected);
    });
  }
});

describe("decodeMask and encodeMask", () => {
  it("round-trips a mask over its tight box", () => {
    const points = [0, 2, 1, 4, 1, 2, 1, 2, 5, 3];
    expect(encodeMask(decodeMask(points))).toEqual(points);
  });

  it("tightens a box with empty margins", () => {
    expect(encodeMask(decodeMask([5, 2, 5, 0, 0, 3, 2]))).toEqual([0, 2, 1, 1, 2, 1]);
  });

  it("has no encoding for an empty mask", () => {
    expect(encodeMask(bitmap(0, 0, ["..", ".."]))).toBeNull();
  });

  it("refuses run lengths that do not fill the box", () => {
    expect(() => decodeMask([1, 2, 0, 0, 1, 1])).toThrow(MaskError);
    expect(() => decodeMask([9, 0, 0, 1, 1])).toThrow(MaskError);
    expect(() => decodeMask([1, 1])).toThrow(MaskError);
  });
});

describe("rasterizePolygon", () => {
  it("covers the box of a rotated square's pixels symmetrically", () => {
    const mask = rasterizePolygon(toFlatPoints(rectangleCorners([10, 10, 30, 30], 45)), null)!;
    const area = mask.data.reduce((sum, pixel) => sum + pixel, 0);
    // A 20×20 square has 400 px whichever way it is turned (up to the pixels its edges cut).
    expect(Math.abs(area - 400)).toBeLessThan(30);
    expect(maskBounds(mask)).toEqual([6, 6, 33, 33]);
  });

  it("gives back the mask its outline was traced from", () => {
    const mask = bitmap(3, 2, [".##.", "####", "#..#", "#..#"]);
    const [outline, ...others] = maskOutlines(mask);
    expect(others).toHaveLength(0);
    expect(encodeMask(rasterizePolygon(outline, null)!)).toEqual(encodeMask(mask));
  });
});
