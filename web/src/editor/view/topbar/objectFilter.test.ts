import { describe, expect, it } from "vitest";
import { toFilterText } from "../../../components/filters/filterLogic";
import { createGroup, createRuleWith, type FilterNode } from "../../../components/filters/filterTree";
import type { AnnotationObject, ShapeObject, TagObject } from "../../engine/document/model";
import { compileObjectFilter, filterObjects, objectFilterFields, ObjectFilterError, type FilterLabel } from "./objectFilter";

const LABELS: FilterLabel[] = [
  { id: 1, name: "car", attributes: [{ id: 10, name: "color", values: ["red", "blue"], input_type: "select" }] },
  { id: 2, name: "person", attributes: [{ id: 20, name: "note", values: [], input_type: "text" }] },
];
const FIELDS = objectFilterFields(LABELS);

function shape(clientId: string, overrides: Partial<ShapeObject> = {}): ShapeObject {
  return {
    kind: "shape", clientId, frame: 0, labelId: 1, attributes: {}, group: 0, source: "manual", extras: {},
    type: "rectangle", points: [0, 0, 1, 1], rotation: 0, occluded: false, outside: false, zOrder: 0, score: 1, elements: [],
    ...overrides,
  };
}
const tag = (clientId: string, labelId: number): TagObject => ({
  kind: "tag", clientId, frame: 0, labelId, attributes: {}, group: 0, source: "auto", extras: {},
});

const OBJECTS: AnnotationObject[] = [
  shape("a", { attributes: { 10: "red" }, zOrder: 2 }),
  shape("b", { type: "polygon", occluded: true, labelId: 2, attributes: { 20: "Tall guy" } }),
  tag("c", 2),
];
const SERVER_IDS: Record<string, number> = { a: 5, b: 6 };

function passing(...rules: FilterNode[]): string[] {
  const text = toFilterText(createGroup("and", rules), FIELDS);
  const predicate = compileObjectFilter(text, LABELS);
  return filterObjects(OBJECTS.map((object) => ({ object })), predicate, (id) => SERVER_IDS[id]).map((item) => item.object.clientId);
}

describe("the editor object filter", () => {
  it("offers the object fields and one field per attribute name", () => {
    expect(FIELDS.map((field) => field.key)).toEqual(["label", "type", "shape", "occluded", "serverID", "zOrder", "source", "attr:color", "attr:note"]);
    expect(FIELDS.find((f) => f.key === "label")?.options?.map((o) => o.value)).toEqual(["car", "person"]);
    expect(FIELDS.find((f) => f.key === "attr:color")?.type).toBe("select");
    expect(FIELDS.find((f) => f.key === "attr:note")?.type).toBe("text");
  });

  it("passes everything without a filter, returning the same list", () => {
    const items = OBJECTS.map((object) => ({ object }));
    expect(compileObjectFilter("", LABELS)).toBeNull();
    expect(filterObjects(items, null, () => undefined)).toBe(items);
  });

  it("filters by label, type, shape type and occluded", () => {
    expect(passing(createRuleWith("label", "equal", "person"))).toEqual(["b", "c"]);
    expect(passing(createRuleWith("type", "equal", "tag"))).toEqual(["c"]);
    expect(passing(createRuleWith("shape", "any_in", ["polygon", "ellipse"]))).toEqual(["b"]);
    expect(passing(createRuleWith("shape", "is_empty", null))).toEqual(["c"]);
    expect(passing(createRuleWith("occluded", "equal", "true"))).toEqual(["b"]);
    expect(passing(createRuleWith("label", "not_equal", "car"), createRuleWith("type", "equal", "shape"))).toEqual(["b"]);
  });

  it("compares ids, z-order and source, and 'between' includes its ends", () => {
    expect(passing(createRuleWith("serverID", "greater", 5))).toEqual(["b"]);
    expect(passing(createRuleWith("serverID", "is_empty", null))).toEqual(["c"]);
    expect(passing(createRuleWith("zOrder", "between", [1, 2]))).toEqual(["a"]);
    expect(passing(createRuleWith("source", "equal", "auto"))).toEqual(["c"]);
  });

  it("reads attributes by name, text case-insensitively", () => {
    expect(passing(createRuleWith("attr:color", "equal", "red"))).toEqual(["a"]);
    expect(passing(createRuleWith("attr:note", "contains", "tall"))).toEqual(["b"]);
    expect(passing(createRuleWith("attr:note", "not_contains", "tall"))).toEqual(["a", "c"]);
  });

  it("combines groups with or and negation", () => {
    const either = createGroup("or", [createRuleWith("type", "equal", "tag"), createRuleWith("zOrder", "equal", 2)]);
    expect(passing(either)).toEqual(["a", "c"]);
    expect(passing({ ...either, negated: true })).toEqual(["b"]);
  });

  it("rejects text it cannot evaluate", () => {
    expect(() => compileObjectFilter("{nope", LABELS)).toThrow(ObjectFilterError);
    expect(() => compileObjectFilter('{"regex": [1, 2]}', LABELS)).toThrow(ObjectFilterError);
  });
});
