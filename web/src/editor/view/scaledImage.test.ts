import { describe, expect, it } from "vitest";
import { shrinkFactor, shrunkSize } from "./scaledImage";

describe("shrinkFactor", () => {
  it("keeps the original from half size up", () => {
    expect(shrinkFactor(1, 1)).toBe(1);
    expect(shrinkFactor(0.5, 1)).toBe(1);
    expect(shrinkFactor(0.3, 2)).toBe(1);
  });

  it("shrinks by the largest power of two that keeps a pixel per device pixel", () => {
    expect(shrinkFactor(0.1, 1)).toBe(8);
    expect(shrinkFactor(0.125, 1)).toBe(8);
    expect(shrinkFactor(0.49, 1)).toBe(2);
    expect(shrinkFactor(0.1, 2)).toBe(4);
  });

  it("falls back to the original for nonsense scales", () => {
    expect(shrinkFactor(0, 1)).toBe(1);
    expect(shrinkFactor(Number.NaN, 1)).toBe(1);
  });
});

describe("shrunkSize", () => {
  it("rounds up and never reaches zero", () => {
    expect(shrunkSize(10_000, 5_000, 8)).toEqual({ width: 1250, height: 625 });
    expect(shrunkSize(3, 1, 4)).toEqual({ width: 1, height: 1 });
  });
});
