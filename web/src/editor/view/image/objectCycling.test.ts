import { describe, expect, it } from "vitest";
import { cycleObject } from "./objectCycling";

describe("cycling through objects", () => {
  const ids = ["a", "b", "c"];

  it("starts at the first (Tab) or the last (Shift+Tab) when none is active", () => {
    expect(cycleObject(ids, undefined, 1)).toBe("a");
    expect(cycleObject(ids, undefined, -1)).toBe("c");
    expect(cycleObject(ids, "gone", 1)).toBe("a");
  });

  it("moves one step and wraps around at both ends", () => {
    expect(cycleObject(ids, "a", 1)).toBe("b");
    expect(cycleObject(ids, "c", 1)).toBe("a");
    expect(cycleObject(ids, "a", -1)).toBe("c");
  });

  it("has nothing to activate on an empty frame", () => {
    expect(cycleObject([], undefined, 1)).toBeNull();
  });
});
