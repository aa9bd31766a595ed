import { describe, expect, it } from "vitest";
import { FALLBACK_COLOR, labelColors, rgbOf, withAlpha } from "./colors";

describe("colors", () => {
  it("reads long and short hex colours", () => {
    expect(rgbOf("#ff6600")).toEqual([255, 102, 0]);
    expect(rgbOf("#36f")).toEqual([51, 102, 255]);
    expect(rgbOf("red")).toBeNull();
  });

  it("adds an alpha channel", () => {
    expect(withAlpha("#3366ff", 0.25)).toBe("rgba(51, 102, 255, 0.25)");
  });

  it("gives labels without a valid colour the fallback", () => {
    const colors = labelColors([{ id: 1, color: "#00ff00" }, { id: 2, color: "" }, { id: 3, color: null }]);
    expect([...colors.values()]).toEqual(["#00ff00", FALLBACK_COLOR, FALLBACK_COLOR]);
  });
});
