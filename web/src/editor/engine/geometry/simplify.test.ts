import { describe, expect, it } from "vitest";
import { pointCount } from "./coords";
import { simplifyToCount, simplifyWithTolerance } from "./simplify";

/** A circle of `n` vertices with small bumps, as an interactor might return. */
function noisyCircle(n: number): number[] {
  const flat: number[] = [];
  for (let k = 0; k < n; k++) {
    const t = (2 * Math.PI * k) / n;
    const r = 100 + (k % 2 === 0 ? 0.3 : -0.3);
    flat.push(200 + r * Math.cos(t), 200 + r * Math.sin(t));
  }
  return flat;
}

function isSubsequence(part: readonly number[], whole: readonly number[]): boolean {
  let j = 0;
  for (let i = 0; i + 1 < whole.length && j < part.length; i += 2) {
    if (whole[i] === part[j] && whole[i + 1] === part[j + 1]) j += 2;
  }
  return j === part.length;
}

describe("simplifying to a number of points (Visvalingam–Whyatt)", () => {
  it("drops the vertex with the smallest triangle first", () => {
    // Square with an almost-straight extra vertex on the top edge.
    const flat = [0, 0, 50, 1, 100, 0, 100, 100, 0, 100];
    expect(simplifyToCount(flat, 4, true)).toEqual([0, 0, 100, 0, 100, 100, 0, 100]);
  });

  it("reaches exactly the requested count, keeping original vertices in order", () => {
    const circle = noisyCircle(400);
    for (const target of [3, 8, 16, 50, 399]) {
      const result = simplifyToCount(circle, target, true);
      expect(pointCount(result)).toBe(target);
      expect(isSubsequence(result, circle)).toBe(true);
    }
  });

  it("keeps a polyline's two ends", () => {
    const flat = [0, 0, 10, 1, 20, 0, 30, 1, 40, 0];
    const result = simplifyToCount(flat, 2, false);
    expect(result).toEqual([0, 0, 40, 0]);
  });

  it("never goes below a triangle or a segment", () => {
    expect(pointCount(simplifyToCount(noisyCircle(50), 1, true))).toBe(3);
    expect(pointCount(simplifyToCount([0, 0, 1, 1, 2, 0, 3, 1], 0, false))).toBe(2);
  });

  it("returns short contours unchanged", () => {
    expect(simplifyToCount([0, 0, 10, 0, 5, 5], 10, true)).toEqual([0, 0, 10, 0, 5, 5]);
  });

  it("keeps the shape of a circle close to the original", () => {
    const result = simplifyToCount(noisyCircle(1000), 32, true);
    for (let i = 0; i < result.length; i += 2) {
      expect(Math.hypot(result[i] - 200, result[i + 1] - 200)).toBeCloseTo(100, 0);
    }
  });
});

describe("simplifying within a tolerance (Douglas–Peucker)", () => {
  it("drops vertices closer to the line than the tolerance", () => {
    expect(simplifyWithTolerance([0, 0, 10, 0.5, 20, 0, 30, 5], 1, false)).toEqual([0, 0, 20, 0, 30, 5]);
  });

  it("keeps vertices farther than the tolerance", () => {
    expect(simplifyWithTolerance([0, 0, 10, 2, 20, 0], 1, false)).toEqual([0, 0, 10, 2, 20, 0]);
  });

  it("keeps a closed contour a polygon", () => {
    const result = simplifyWithTolerance(noisyCircle(360), 2, true);
    expect(pointCount(result)).toBeGreaterThanOrEqual(3);
    expect(pointCount(result)).toBeLessThan(360);
    expect(isSubsequence(result, noisyCircle(360))).toBe(true);
  });

  it("reduces a square with collinear points to its corners", () => {
    const flat = [0, 0, 50, 0, 100, 0, 100, 50, 100, 100, 50, 100, 0, 100, 0, 50];
    expect(simplifyWithTolerance(flat, 0.1, true)).toEqual([0, 0, 100, 0, 100, 100, 0, 100]);
  });
});
