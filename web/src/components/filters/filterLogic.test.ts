import { describe, expect, it } from "vitest";
import type { FilterField } from "./filterFields";
import { FilterParseError, fromFilterText, fromJsonLogic, toFilterText, toJsonLogic } from "./filterLogic";
import { createGroup, createRuleWith, type FilterGroup, type FilterNode } from "./filterTree";

const FIELDS: FilterField[] = [
  { key: "id", label: "ID", type: "number" },
  { key: "name", label: "Name", type: "text" },
  { key: "subset", label: "Subset", type: "text", empty: "" },
  { key: "assignee", label: "Assignee", type: "text", empty: null },
  { key: "updated_date", label: "Updated date", type: "date" },
  {
    key: "status",
    label: "Status",
    type: "select",
    options: [
      { value: "annotation", label: "Annotation" },
      { value: "validation", label: "Validation" },
      { value: "completed", label: "Completed" },
    ],
  },
];

/** The tree without ids, to compare shapes. */
function shape(node: FilterNode): unknown {
  if (node.kind === "rule") return { field: node.field, operator: node.operator, value: node.value };
  return { conjunction: node.conjunction, negated: node.negated, children: node.children.map(shape) };
}

function single(rule: ReturnType<typeof createRuleWith>): FilterGroup {
  return createGroup("and", [rule]);
}

describe("toJsonLogic", () => {
  it("is null for an empty tree", () => {
    expect(toJsonLogic(createGroup(), FIELDS)).toBeNull();
    expect(toFilterText(createGroup(), FIELDS)).toBe("");
  });

  it("writes comparisons with the field first", () => {
    const cases: [string, string][] = [
      ["equal", "=="],
      ["not_equal", "!="],
      ["less", "<"],
      ["less_or_equal", "<="],
      ["greater", ">"],
      ["greater_or_equal", ">="],
    ];
    for (const [operator, symbol] of cases) {
      const rule = createRuleWith("id", operator as never, 7);
      expect(toJsonLogic(single(rule), FIELDS)).toEqual({ and: [{ [symbol]: [{ var: "id" }, 7] }] });
    }
  });

  it("writes contains as the server's substring test and negates it for does not contain", () => {
    expect(toJsonLogic(single(createRuleWith("name", "contains", "car")), FIELDS)).toEqual({
      and: [{ in: ["car", { var: "name" }] }],
    });
    expect(toJsonLogic(single(createRuleWith("name", "not_contains", "car")), FIELDS)).toEqual({
      and: [{ "!": { in: ["car", { var: "name" }] } }],
    });
  });

  it("writes between as an inclusive three-operand <=", () => {
    expect(toJsonLogic(single(createRuleWith("id", "between", [2, 9])), FIELDS)).toEqual({
      and: [{ "<=": [2, { var: "id" }, 9] }],
    });
  });

  it("writes any of as membership in a list", () => {
    const rule = createRuleWith("status", "any_in", ["annotation", "completed"]);
    expect(toJsonLogic(single(rule), FIELDS)).toEqual({
      and: [{ in: [{ var: "status" }, ["annotation", "completed"]] }],
    });
  });

  it("writes is empty with the field's own empty value", () => {
    expect(toJsonLogic(single(createRuleWith("assignee", "is_empty", null)), FIELDS)).toEqual({
      and: [{ "==": [{ var: "assignee" }, null] }],
    });
    expect(toJsonLogic(single(createRuleWith("subset", "is_not_empty", null)), FIELDS)).toEqual({
      and: [{ "!=": [{ var: "subset" }, ""] }],
    });
  });

  it("writes nested groups with their conjunction and negation", () => {
    const inner = {
      ...createGroup("or", [createRuleWith("id", "equal", 1), createRuleWith("id", "equal", 2)]),
      negated: true,
    };
    const root = createGroup("and", [createRuleWith("name", "contains", "a"), inner]);
    expect(toJsonLogic(root, FIELDS)).toEqual({
      and: [
        { in: ["a", { var: "name" }] },
        { "!": { or: [{ "==": [{ var: "id" }, 1] }, { "==": [{ var: "id" }, 2] }] } },
      ],
    });
  });

  it("leaves out incomplete rules and groups left empty by them", () => {
    const root = createGroup("and", [
      createRuleWith("name", "contains", ""),
      createGroup("or", [createRuleWith("id", "between", [1, null])]),
      createRuleWith("id", "greater", 3),
    ]);
    expect(toJsonLogic(root, FIELDS)).toEqual({ and: [{ ">": [{ var: "id" }, 3] }] });
  });

  it("writes the URL text as compact JSON", () => {
    expect(toFilterText(single(createRuleWith("id", "equal", 1)), FIELDS)).toBe('{"and":[{"==":[{"var":"id"},1]}]}');
  });
});

describe("fromJsonLogic", () => {
  it("wraps a single rule in an And group", () => {
    const tree = fromJsonLogic({ "==": [{ var: "id" }, 3] }, FIELDS);
    expect(shape(tree)).toEqual({
      conjunction: "and",
      negated: false,
      children: [{ field: "id", operator: "equal", value: 3 }],
    });
  });

  it("reads every operator back", () => {
    const cases: [unknown, unknown][] = [
      [{ "!=": [{ var: "id" }, 3] }, { field: "id", operator: "not_equal", value: 3 }],
      [{ "<": [{ var: "id" }, 3] }, { field: "id", operator: "less", value: 3 }],
      [{ "<=": [{ var: "id" }, 3] }, { field: "id", operator: "less_or_equal", value: 3 }],
      [{ ">": [{ var: "id" }, 3] }, { field: "id", operator: "greater", value: 3 }],
      [{ ">=": [{ var: "id" }, 3] }, { field: "id", operator: "greater_or_equal", value: 3 }],
      [{ "<=": [1, { var: "id" }, 4] }, { field: "id", operator: "between", value: [1, 4] }],
      [{ in: ["x", { var: "name" }] }, { field: "name", operator: "contains", value: "x" }],
      [{ "!": { in: ["x", { var: "name" }] } }, { field: "name", operator: "not_contains", value: "x" }],
      [{ "!": [{ in: ["x", { var: "name" }] }] }, { field: "name", operator: "not_contains", value: "x" }],
      [{ in: [{ var: "status" }, ["completed"]] }, { field: "status", operator: "any_in", value: ["completed"] }],
      [{ "==": [{ var: "assignee" }, null] }, { field: "assignee", operator: "is_empty", value: null }],
      [{ "!=": [{ var: "subset" }, ""] }, { field: "subset", operator: "is_not_empty", value: null }],
    ];
    for (const [logic, rule] of cases) {
      expect(shape(fromJsonLogic(logic, FIELDS))).toEqual({ conjunction: "and", negated: false, children: [rule] });
    }
  });

  it("reads a value-first comparison as the mirrored field-first one", () => {
    const tree = fromJsonLogic({ "<": [5, { var: "id" }] }, FIELDS);
    expect(tree.children[0]).toMatchObject({ field: "id", operator: "greater", value: 5 });
    const equal = fromJsonLogic({ "==": ["bob", { var: "assignee" }] }, FIELDS);
    expect(equal.children[0]).toMatchObject({ field: "assignee", operator: "equal", value: "bob" });
  });

  it("reads a negated junction as a negated group", () => {
    const tree = fromJsonLogic({ "!": { or: [{ "==": [{ var: "id" }, 1] }] } }, FIELDS);
    expect(shape(tree)).toEqual({
      conjunction: "or",
      negated: true,
      children: [{ field: "id", operator: "equal", value: 1 }],
    });
  });

  it("reads a negated plain rule as a negated group holding it", () => {
    const tree = fromJsonLogic({ and: [{ "!": { "==": [{ var: "id" }, 1] } }] }, FIELDS);
    expect(shape(tree)).toEqual({
      conjunction: "and",
      negated: false,
      children: [{ conjunction: "and", negated: true, children: [{ field: "id", operator: "equal", value: 1 }] }],
    });
  });

  it("reads a double negation as a negated group inside a negated group", () => {
    const tree = fromJsonLogic({ "!": { "!": { and: [{ "==": [{ var: "id" }, 1] }] } } }, FIELDS);
    expect(shape(tree)).toEqual({
      conjunction: "and",
      negated: true,
      children: [{ conjunction: "and", negated: true, children: [{ field: "id", operator: "equal", value: 1 }] }],
    });
  });

  it("rejects unknown fields, operators and shapes in words", () => {
    const bad: unknown[] = [
      { "==": [{ var: "secret" }, 1] },
      { regex: [{ var: "name" }, "a.*"] },
      { and: [] },
      { and: {} },
      { "==": [{ var: "id" }] },
      { "==": [{ var: "id" }, 1], "!=": [{ var: "id" }, 2] },
      [1, 2],
      "text",
      { "<": [1, { var: "id" }, 4] },
      { "==": [{ var: "name" }, null] },
      { "==": [{ var: "id" }, [1]] },
      { in: [{ var: "name" }, "x"] },
      { in: ["x", { var: "status" }] },
      { "<": [{ var: "id" }, null] },
    ];
    for (const logic of bad) {
      expect(() => fromJsonLogic(logic, FIELDS), JSON.stringify(logic)).toThrow(FilterParseError);
    }
  });

  it("reads the URL text, treating blank as no filter", () => {
    expect(fromFilterText("", FIELDS).children).toEqual([]);
    expect(fromFilterText("  ", FIELDS).children).toEqual([]);
    expect(() => fromFilterText("{not json", FIELDS)).toThrow(FilterParseError);
  });
});

describe("round trip", () => {
  it("gives back the same tree for every operator and nesting", () => {
    const root = createGroup("or", [
      createRuleWith("name", "contains", "car"),
      createRuleWith("name", "not_contains", "truck"),
      createRuleWith("name", "equal", "bus"),
      createRuleWith("id", "between", [1, 10]),
      createRuleWith("updated_date", "greater_or_equal", "2024-01-01T00:00:00.000Z"),
      {
        ...createGroup("and", [
          createRuleWith("status", "any_in", ["annotation", "validation"]),
          createRuleWith("status", "not_equal", "completed"),
          createGroup("or", [createRuleWith("assignee", "is_empty", null), createRuleWith("subset", "is_not_empty", null)]),
        ]),
        negated: true,
      },
    ]);
    const back = fromFilterText(toFilterText(root, FIELDS), FIELDS);
    expect(shape(back)).toEqual(shape(root));
  });

  it("drops only the incomplete rules", () => {
    const root = createGroup("and", [createRuleWith("name", "contains", "a"), createRuleWith("id", "equal", null)]);
    const back = fromFilterText(toFilterText(root, FIELDS), FIELDS);
    expect(shape(back)).toEqual({
      conjunction: "and",
      negated: false,
      children: [{ field: "name", operator: "contains", value: "a" }],
    });
  });
});
