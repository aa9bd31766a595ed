import { describe, expect, it } from "vitest";
import { addToGroup, toggleInGroup } from "./canvasMode";

describe("group mode selection", () => {
  it("toggles a clicked shape in and out", () => {
    expect(toggleInGroup(["a"], "b")).toEqual(["a", "b"]);
    expect(toggleInGroup(["a", "b"], "a")).toEqual(["b"]);
  });

  it("adds boxed shapes once", () => {
    expect(addToGroup(["a"], ["a", "c"])).toEqual(["a", "c"]);
  });
});
