import { describe, expect, it } from "vitest";
import {
  changeInputType,
  checkAttribute,
  effectiveDefault,
  formatNumberTriple,
  isOnNumberGrid,
  newAttribute,
  parseNumberTriple,
} from "./attributeRules";
import type { AttributeDraft } from "./labelDraft";

function attribute(patch: Partial<AttributeDraft>): AttributeDraft {
  return { ...newAttribute("select"), name: "color", values: ["red", "blue"], defaultValue: "red", ...patch };
}

const fields = (a: AttributeDraft) => checkAttribute(a).map((i) => i.field);

describe("new attributes", () => {
  it("start with the values their input type needs", () => {
    expect(newAttribute("checkbox")).toMatchObject({ values: ["false"], defaultValue: "false" });
    expect(newAttribute("number")).toMatchObject({ values: ["0", "100", "1"], defaultValue: "0" });
    expect(newAttribute("text")).toMatchObject({ values: [], defaultValue: "" });
    expect(newAttribute("select").key).not.toEqual(newAttribute("select").key);
  });
});

describe("changing the input type", () => {
  it("keeps the choices between select and radio", () => {
    const changed = changeInputType(attribute({}), "radio");
    expect(changed).toMatchObject({ inputType: "radio", values: ["red", "blue"], defaultValue: "red" });
  });

  it("resets the values for a different domain", () => {
    expect(changeInputType(attribute({}), "number")).toMatchObject({ values: ["0", "100", "1"], defaultValue: "0" });
    expect(changeInputType(attribute({}), "checkbox")).toMatchObject({ values: ["false"] });
  });

  it("keeps name, id and mutability", () => {
    const changed = changeInputType(attribute({ id: 4, mutable: true }), "text");
    expect(changed).toMatchObject({ id: 4, name: "color", mutable: true, inputType: "text" });
  });
});

describe("number triples", () => {
  it("read min;max;step with spaces", () => {
    expect(parseNumberTriple(" 0; 10 ;1 ")).toEqual(["0", "10", "1"]);
    expect(formatNumberTriple(["0", "10", "1"])).toBe("0;10;1");
  });

  it("grid membership is exact for decimal steps", () => {
    expect(isOnNumberGrid("0.3", "0", "1", "0.1")).toBe(true);
    expect(isOnNumberGrid("0.35", "0", "1", "0.1")).toBe(false);
    expect(isOnNumberGrid("7", "1", "10", "3")).toBe(true);
    expect(isOnNumberGrid("8", "1", "10", "3")).toBe(false);
    expect(isOnNumberGrid("11", "0", "10", "1")).toBe(false);
    expect(isOnNumberGrid("-1", "0", "10", "1")).toBe(false);
  });
});

describe("checking an attribute", () => {
  it("accepts a valid select", () => {
    expect(checkAttribute(attribute({}))).toEqual([]);
  });

  it("needs a name", () => {
    expect(fields(attribute({ name: "  " }))).toEqual(["name"]);
    expect(fields(attribute({ name: "x".repeat(65) }))).toEqual(["name"]);
  });

  it("needs non-empty, distinct values for select and radio", () => {
    expect(checkAttribute(attribute({ values: [], defaultValue: "" }))[0]?.message).toMatch(/at least one value/);
    expect(fields(attribute({ inputType: "radio", values: ["a", ""], defaultValue: "a" }))).toEqual(["values"]);
    expect(checkAttribute(attribute({ values: ["a", "a"], defaultValue: "a" }))[0]?.message).toMatch(/twice/);
  });

  it("needs the default among the values", () => {
    expect(fields(attribute({ defaultValue: "green" }))).toEqual(["default"]);
    expect(checkAttribute(attribute({ defaultValue: "" }))).toEqual([]);
  });

  it("needs a valid min;max;step for numbers", () => {
    const number = (values: string[], defaultValue = "") => attribute({ inputType: "number", values, defaultValue });
    expect(checkAttribute(number(["0", "10", "1"], "5"))).toEqual([]);
    expect(checkAttribute(number(["0", "10"]))[0]?.message).toMatch(/min;max;step/);
    expect(checkAttribute(number(["0", "ten", "1"]))[0]?.message).toMatch(/"ten" is not a number/);
    expect(checkAttribute(number(["10", "0", "1"]))[0]?.message).toMatch(/greater than the maximum/);
    expect(checkAttribute(number(["0", "10", "0"]))[0]?.message).toMatch(/step must be greater/);
    expect(checkAttribute(number(["0", "10", "2"], "3"))).toEqual([
      expect.objectContaining({ field: "default" }),
    ]);
    expect(checkAttribute(number(["0", "10", "1"], "abc"))[0]?.field).toBe("default");
  });

  it("needs true or false for checkboxes", () => {
    expect(checkAttribute(attribute({ inputType: "checkbox", values: ["true"], defaultValue: "true" }))).toEqual([]);
    expect(fields(attribute({ inputType: "checkbox", values: ["yes"], defaultValue: "" }))).toEqual(["values"]);
    expect(fields(attribute({ inputType: "checkbox", values: ["true"], defaultValue: "maybe" }))).toEqual(["default"]);
  });

  it("lets text attributes hold any default up to 128 characters", () => {
    expect(checkAttribute(attribute({ inputType: "text", values: [], defaultValue: "free text" }))).toEqual([]);
    expect(fields(attribute({ inputType: "text", values: [], defaultValue: "x".repeat(129) }))).toEqual(["default"]);
  });
});

describe("the effective default", () => {
  it("is the first value when none is given, except for text", () => {
    expect(effectiveDefault(attribute({ defaultValue: "" }))).toBe("red");
    expect(effectiveDefault(attribute({ defaultValue: "blue" }))).toBe("blue");
    expect(effectiveDefault(attribute({ inputType: "text", values: ["x"], defaultValue: "" }))).toBe("");
  });
});
