import { describe, expect, it } from "vitest";
import {
  DEFAULT_IMAGE_SETTINGS,
  NEUTRAL_ADJUSTMENTS,
  cssFilter,
  frameFilter,
  gammaExponent,
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

  it("add gamma as the SVG filter, alone or after the CSS functions", () => {
    expect(frameFilter({ ...NEUTRAL_ADJUSTMENTS, gamma: 2 }, "url(#g)")).toBe("url(#g)");
    expect(frameFilter({ ...NEUTRAL_ADJUSTMENTS, contrast: 50, gamma: 2 }, "url(#g)")).toBe("contrast(50%) url(#g)");
    expect(frameFilter({ ...NEUTRAL_ADJUSTMENTS, contrast: 50 }, "url(#g)")).toBe("contrast(50%)");
    expect(gammaExponent(2)).toBe(0.5);
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
