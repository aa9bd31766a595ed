import { describe, expect, it } from "vitest";
import {
  DEFAULT_IMAGE_SETTINGS,
  NEUTRAL_ADJUSTMENTS,
  applyTable,
  cssFilter,
  gammaTable,
  gridLines,
  isNeutral,
  parseImageSettings,
} from "./imageSettings";

describe("image adjustments", () => {
  it("are neutral by default, so the frame is shown as decoded", () => {
    expect(isNeutral(NEUTRAL_ADJUSTMENTS)).toBe(true);
    expect(cssFilter(NEUTRAL_ADJUSTMENTS)).toBe("none");
  });

  it("turn changed values into a canvas filter, leaving gamma to the lookup table", () => {
    const adjusted = { ...NEUTRAL_ADJUSTMENTS, brightness: 150, saturation: 0, gamma: 2 };
    expect(isNeutral(adjusted)).toBe(false);
    expect(cssFilter(adjusted)).toBe("brightness(150%) saturate(0%)");
  });

  it("map levels through gamma: ends fixed, mid-tones brightened above 1 and darkened below", () => {
    const bright = gammaTable(2);
    expect(bright[0]).toBe(0);
    expect(bright[255]).toBe(255);
    expect(bright[64]).toBe(Math.round(255 * (64 / 255) ** 0.5));
    expect(gammaTable(0.5)[128]).toBeLessThan(128);
    expect([...gammaTable(1)]).toEqual([...Array(256).keys()]);
  });

  it("apply a table to colour channels and keep alpha", () => {
    const pixels = new Uint8ClampedArray([64, 128, 0, 10]);
    applyTable(pixels, gammaTable(2));
    expect([...pixels]).toEqual([128, 181, 0, 10]);
  });
});

describe("stored image settings", () => {
  it("keep what fits and default the rest", () => {
    const parsed = parseImageSettings({
      adjustments: { brightness: 120, contrast: 900, gamma: "x" },
      grid: { show: true, size: 40, color: "#FF0000", opacity: -1 },
    });
    expect(parsed.adjustments).toEqual({ brightness: 120, contrast: 100, saturation: 100, gamma: 1 });
    expect(parsed.grid).toEqual({ show: true, size: 40, color: "#ff0000", opacity: 100 });
  });

  it("fall back to the defaults for anything that is not an object", () => {
    expect(parseImageSettings(null)).toEqual(DEFAULT_IMAGE_SETTINGS);
    expect(parseImageSettings("nonsense")).toEqual(DEFAULT_IMAGE_SETTINGS);
  });
});

describe("grid lines", () => {
  it("start at the edge and include the far edge when it falls on a line", () => {
    expect(gridLines(300, 100)).toEqual([0, 100, 200, 300]);
    expect(gridLines(250, 100)).toEqual([0, 100, 200]);
    expect(gridLines(100, 0)).toEqual([]);
  });
});
