import { describe, expect, it } from "vitest";
import { isTextEntryTarget } from "./textInput";

describe("isTextEntryTarget", () => {
  it("is true for text boxes of every typing kind", () => {
    for (const type of ["text", "search", "number", "email", "password", "url"]) {
      expect(isTextEntryTarget({ tagName: "INPUT", type }), type).toBe(true);
    }
  });

  it("is true for an input without a type, which is a text box", () => {
    expect(isTextEntryTarget({ tagName: "input" })).toBe(true);
  });

  it("is true for text areas, selects and content-editable elements", () => {
    expect(isTextEntryTarget({ tagName: "TEXTAREA" })).toBe(true);
    expect(isTextEntryTarget({ tagName: "SELECT" })).toBe(true);
    expect(isTextEntryTarget({ tagName: "DIV", isContentEditable: true })).toBe(true);
  });

  it("is false for inputs that hold no typed text", () => {
    for (const type of ["checkbox", "radio", "button", "range", "color"]) {
      expect(isTextEntryTarget({ tagName: "INPUT", type }), type).toBe(false);
    }
  });

  it("is false for other elements and for no target", () => {
    expect(isTextEntryTarget({ tagName: "CANVAS" })).toBe(false);
    expect(isTextEntryTarget({ tagName: "BUTTON" })).toBe(false);
    expect(isTextEntryTarget(undefined)).toBe(false);
    expect(isTextEntryTarget("INPUT")).toBe(false);
  });
});
