import { describe, expect, it } from "vitest";
import { describeFilter } from "./describeFilter";
import type { FilterField } from "./filterFields";
import { createGroup, createRuleWith } from "./filterTree";

const FIELDS: FilterField[] = [
  { key: "id", label: "ID", type: "number" },
  { key: "name", label: "Name", type: "text" },
  { key: "assignee", label: "Assignee", type: "text", empty: null },
  { key: "updated_date", label: "Updated date", type: "date" },
  {
    key: "status",
    label: "Status",
    type: "select",
    options: [
      { value: "annotation", label: "Annotation" },
      { value: "completed", label: "Completed" },
    ],
  },
];

describe("describeFilter", () => {
  it("is empty for a tree without complete rules", () => {
    expect(describeFilter(createGroup(), FIELDS)).toBe("");
    expect(describeFilter(createGroup("and", [createRuleWith("name", "contains", null)]), FIELDS)).toBe("");
  });

  it("names the field, the operator and the value", () => {
    const root = createGroup("and", [createRuleWith("name", "contains", "car"), createRuleWith("id", "greater", 3)]);
    expect(describeFilter(root, FIELDS)).toBe('Name contains "car" and ID > 3');
  });

  it("shows select values by their labels", () => {
    const root = createGroup("or", [
      createRuleWith("status", "equal", "completed"),
      createRuleWith("status", "any_in", ["annotation", "completed"]),
    ]);
    expect(describeFilter(root, FIELDS)).toBe("Status = Completed or Status is any of Annotation, Completed");
  });

  it("shows between, empty tests and dates plainly", () => {
    const root = createGroup("and", [
      createRuleWith("id", "between", [1, 5]),
      createRuleWith("assignee", "is_empty", null),
      createRuleWith("updated_date", "less", "2024-05-01T13:45:00.000Z"),
    ]);
    expect(describeFilter(root, FIELDS)).toBe("ID between 1 and 5 and Assignee is empty and Updated date < 2024-05-01 13:45");
  });

  it("parenthesizes nested groups and writes negation as not (…)", () => {
    const inner = createGroup("or", [createRuleWith("id", "equal", 1), createRuleWith("id", "equal", 2)]);
    const negated = { ...createGroup("and", [createRuleWith("name", "contains", "x")]), negated: true };
    const root = createGroup("and", [inner, negated]);
    expect(describeFilter(root, FIELDS)).toBe('(ID = 1 or ID = 2) and not (Name contains "x")');
  });

  it("does not parenthesize a nested group of one rule", () => {
    const root = createGroup("or", [createGroup("and", [createRuleWith("id", "equal", 1)]), createRuleWith("id", "equal", 2)]);
    expect(describeFilter(root, FIELDS)).toBe("ID = 1 or ID = 2");
  });
});
