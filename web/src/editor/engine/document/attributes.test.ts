import { describe, expect, it } from "vitest";
import {
  attributeInput,
  attributeValueOf,
  checkAttributeValue,
  defaultAttributes,
  defaultAttributeValue,
  numberRange,
  type AttributeSpec,
} from "./attributes";

function spec(input_type: string, values: string[], default_value = "", id = 1): AttributeSpec {
  return { id, name: "size", input_type, values, default_value };
}

describe("attributeInput", () => {
  it("maps the server's input types and falls back to text", () => {
    expect(attributeInput(spec("CHECKBOX", []))).toBe("checkbox");
    expect(attributeInput(spec("select", []))).toBe("select");
    expect(attributeInput(spec("future-type", []))).toBe("text");
  });
});

describe("numberRange", () => {
  it("reads [min, max, step]", () => {
    expect(numberRange(spec("number", ["0", "10", "2"]))).toEqual({ min: 0, max: 10, step: 2 });
  });

  it("defaults the step to 1 and rejects min above max", () => {
    expect(numberRange(spec("number", ["1", "5"]))).toEqual({ min: 1, max: 5, step: 1 });
    expect(numberRange(spec("number", ["5", "1", "1"]))).toBeNull();
  });
});

describe("checkAttributeValue", () => {
  it("accepts only true/false for checkboxes", () => {
    expect(checkAttributeValue(spec("checkbox", []), "true")).toEqual({ ok: true, value: "true" });
    expect(checkAttributeValue(spec("checkbox", []), "yes").ok).toBe(false);
  });

  it("accepts only listed values for selects and radios", () => {
    expect(checkAttributeValue(spec("select", ["a", "b"]), "b").ok).toBe(true);
    expect(checkAttributeValue(spec("radio", ["a", "b"]), "c").ok).toBe(false);
  });

  it("checks numbers against min, max and step, normalising them", () => {
    const number = spec("number", ["0", "10", "2"]);
    expect(checkAttributeValue(number, " 04 ")).toEqual({ ok: true, value: "4" });
    expect(checkAttributeValue(number, "3").ok).toBe(false);
    expect(checkAttributeValue(number, "12").ok).toBe(false);
    expect(checkAttributeValue(number, "abc").ok).toBe(false);
    expect(checkAttributeValue(number, "").ok).toBe(false);
  });

  it("tolerates binary fractions in decimal steps", () => {
    expect(checkAttributeValue(spec("number", ["0", "1", "0.1"]), "0.3").ok).toBe(true);
  });

  it("accepts any text", () => {
    expect(checkAttributeValue(spec("text", []), "anything at all")).toEqual({ ok: true, value: "anything at all" });
  });
});

describe("defaults", () => {
  it("uses the default value where it is valid, else the first option or the minimum", () => {
    expect(defaultAttributeValue(spec("select", ["a", "b"], "b"))).toBe("b");
    expect(defaultAttributeValue(spec("select", ["a", "b"], "z"))).toBe("a");
    expect(defaultAttributeValue(spec("number", ["2", "10", "2"], "5"))).toBe("2");
    expect(defaultAttributeValue(spec("checkbox", [], "TRUE"))).toBe("true");
  });

  it("builds a label's defaults keyed by attribute id", () => {
    expect(defaultAttributes([spec("text", [], "hi", 3), spec("checkbox", [], "false", 4)])).toEqual({ 3: "hi", 4: "false" });
  });

  it("reads an object's value, falling back to the default", () => {
    const text = spec("text", [], "hi", 3);
    expect(attributeValueOf({ 3: "there" }, text)).toBe("there");
    expect(attributeValueOf({}, text)).toBe("hi");
  });
});
