import { describe, expect, it } from "vitest";
import { DEFAULT_VIEW_FLAGS, type ViewFlags } from "../../engine/document/model";
import { canMove, editableShape } from "./editable";

const flags = (pinned: readonly string[]) => (id: string): ViewFlags => ({ ...DEFAULT_VIEW_FLAGS, pinned: pinned.includes(id) });
const shapes = [{ clientId: "a" }, { clientId: "b" }];

describe("editable shape", () => {
  it("is the one selected pickable shape", () => {
    expect(editableShape(["b"], shapes, flags([]))).toEqual({ clientId: "b" });
  });

  it("is none with several selected, or one the pointer may not pick (locked, hidden)", () => {
    expect(editableShape(["a", "b"], shapes, flags([]))).toBeNull();
    expect(editableShape(["c"], shapes, flags([]))).toBeNull();
  });

  it("is none when pinned, and a pinned shape does not move", () => {
    expect(editableShape(["a"], shapes, flags(["a"]))).toBeNull();
    expect(canMove("a", flags(["a"]))).toBe(false);
    expect(canMove("b", flags(["a"]))).toBe(true);
  });
});
