import { describe, expect, it } from "vitest";
import { operatorsFor, type FilterField } from "./filterFields";
import {
  addChild,
  countCompleteRules,
  createGroup,
  createRule,
  createRuleWith,
  findNode,
  findParent,
  isRuleComplete,
  moveNode,
  removeNode,
  setConjunction,
  setNegated,
  setRuleField,
  setRuleOperator,
  setRuleValue,
  shiftNode,
  type FilterGroup,
  type FilterNode,
} from "./filterTree";

const NAME: FilterField = { key: "name", label: "Name", type: "text" };
const ID: FilterField = { key: "id", label: "ID", type: "number" };
const ASSIGNEE: FilterField = { key: "assignee", label: "Assignee", type: "text", empty: null };
const STATUS: FilterField = {
  key: "status",
  label: "Status",
  type: "select",
  options: [
    { value: "annotation", label: "Annotation" },
    { value: "completed", label: "Completed" },
  ],
};
const UPDATED: FilterField = { key: "updated_date", label: "Updated date", type: "date" };

function ids(group: FilterGroup): string[] {
  return group.children.map((child) => child.id);
}

describe("operatorsFor", () => {
  it("offers contains and equality for text, contains first", () => {
    expect(operatorsFor(NAME).map((op) => op.id)).toEqual(["contains", "not_contains", "equal", "not_equal"]);
  });

  it("offers comparisons and between for numbers and dates", () => {
    for (const field of [ID, UPDATED]) {
      expect(operatorsFor(field).map((op) => op.id)).toEqual(
        expect.arrayContaining(["equal", "not_equal", "less", "less_or_equal", "greater", "greater_or_equal", "between"]),
      );
      expect(operatorsFor(field).map((op) => op.id)).not.toContain("contains");
    }
  });

  it("offers equality and any-of for select fields", () => {
    expect(operatorsFor(STATUS).map((op) => op.id)).toEqual(["equal", "not_equal", "any_in"]);
  });

  it("offers is empty only for fields that can be empty", () => {
    expect(operatorsFor(ASSIGNEE).map((op) => op.id)).toContain("is_empty");
    expect(operatorsFor(ASSIGNEE).map((op) => op.id)).toContain("is_not_empty");
    expect(operatorsFor(NAME).map((op) => op.id)).not.toContain("is_empty");
  });
});

describe("creating nodes", () => {
  it("creates a rule with the field's first operator and no value", () => {
    const rule = createRule(NAME);
    expect(rule).toMatchObject({ kind: "rule", field: "name", operator: "contains", value: null });
  });

  it("gives every node its own id", () => {
    expect(createRule(NAME).id).not.toEqual(createRule(NAME).id);
    expect(createGroup().id).not.toEqual(createGroup().id);
  });

  it("creates an And group that is not negated", () => {
    expect(createGroup()).toMatchObject({ kind: "group", conjunction: "and", negated: false, children: [] });
  });
});

describe("isRuleComplete", () => {
  it("needs a non-blank value for one-value operators", () => {
    expect(isRuleComplete(createRuleWith("name", "contains", null))).toBe(false);
    expect(isRuleComplete(createRuleWith("name", "contains", "  "))).toBe(false);
    expect(isRuleComplete(createRuleWith("name", "contains", "car"))).toBe(true);
    expect(isRuleComplete(createRuleWith("id", "equal", 0))).toBe(true);
    expect(isRuleComplete(createRuleWith("id", "equal", Number.NaN))).toBe(false);
  });

  it("needs both ends for between", () => {
    expect(isRuleComplete(createRuleWith("id", "between", [1, null]))).toBe(false);
    expect(isRuleComplete(createRuleWith("id", "between", [1, 5]))).toBe(true);
  });

  it("needs at least one value for any of", () => {
    expect(isRuleComplete(createRuleWith("status", "any_in", []))).toBe(false);
    expect(isRuleComplete(createRuleWith("status", "any_in", ["completed"]))).toBe(true);
  });

  it("needs nothing for is empty", () => {
    expect(isRuleComplete(createRuleWith("assignee", "is_empty", null))).toBe(true);
  });
});

describe("editing the tree", () => {
  it("adds rules and groups to the group they are aimed at", () => {
    const inner = createGroup("or");
    let root = addChild(createGroup(), createGroup().id, createRule(NAME));
    expect(root.children).toHaveLength(0); // an unknown group id changes nothing
    root = addChild(root, root.id, inner);
    const rule = createRule(ID);
    root = addChild(root, inner.id, rule);
    expect((findNode(root, inner.id) as FilterGroup).children.map((c) => c.id)).toEqual([rule.id]);
  });

  it("does not mutate the tree it was given", () => {
    const root = createGroup();
    const next = addChild(root, root.id, createRule(NAME));
    expect(root.children).toHaveLength(0);
    expect(next.children).toHaveLength(1);
  });

  it("keeps untouched branches identical", () => {
    const left = createGroup("and", [createRule(NAME)]);
    const right = createGroup("and", [createRule(ID)]);
    const root = createGroup("and", [left, right]);
    const next = setConjunction(root, right.id, "or");
    expect(next.children[0]).toBe(left);
    expect(next.children[1]).not.toBe(right);
  });

  it("removes a rule, and a group with everything in it", () => {
    const rule = createRule(NAME);
    const nested = createRule(ID);
    const group = createGroup("or", [nested]);
    let root = createGroup("and", [rule, group]);
    root = removeNode(root, rule.id);
    expect(ids(root)).toEqual([group.id]);
    root = removeNode(root, group.id);
    expect(root.children).toEqual([]);
    expect(findNode(root, nested.id)).toBeUndefined();
  });

  it("never removes the root", () => {
    const root = createGroup("and", [createRule(NAME)]);
    expect(removeNode(root, root.id)).toBe(root);
  });

  it("sets a group's conjunction and negation", () => {
    const root = createGroup();
    expect(setConjunction(root, root.id, "or").conjunction).toBe("or");
    expect(setNegated(root, root.id, true).negated).toBe(true);
  });

  it("changing the field keeps an operator the new field offers and clears the value", () => {
    const rule = createRuleWith("name", "equal", "car");
    const root = setRuleField(createGroup("and", [rule]), rule.id, ID);
    expect(root.children[0]).toMatchObject({ field: "id", operator: "equal", value: null });
  });

  it("changing the field falls back to the new field's first operator", () => {
    const rule = createRuleWith("name", "contains", "car");
    const root = setRuleField(createGroup("and", [rule]), rule.id, STATUS);
    expect(root.children[0]).toMatchObject({ field: "status", operator: "equal", value: null });
  });

  it("changing the operator keeps a value of the same shape", () => {
    const rule = createRuleWith("id", "equal", 3);
    let root = setRuleOperator(createGroup("and", [rule]), rule.id, "greater");
    expect(root.children[0]).toMatchObject({ operator: "greater", value: 3 });
    root = setRuleOperator(root, rule.id, "between");
    expect(root.children[0]).toMatchObject({ operator: "between", value: [null, null] });
    root = setRuleOperator(root, rule.id, "is_empty");
    expect(root.children[0]).toMatchObject({ operator: "is_empty", value: null });
  });

  it("sets a rule's value", () => {
    const rule = createRule(NAME);
    const root = setRuleValue(createGroup("and", [rule]), rule.id, "bus");
    expect(root.children[0]).toMatchObject({ value: "bus" });
  });

  it("counts only complete rules, at every depth", () => {
    const root = createGroup("and", [
      createRuleWith("name", "contains", "a"),
      createRuleWith("name", "contains", null),
      createGroup("or", [createRuleWith("id", "equal", 1), createRuleWith("assignee", "is_empty", null)]),
    ]);
    expect(countCompleteRules(root)).toBe(3);
  });
});

describe("moving nodes", () => {
  function threeRules(): { root: FilterGroup; a: FilterNode; b: FilterNode; c: FilterNode } {
    const a = createRuleWith("name", "contains", "a");
    const b = createRuleWith("name", "contains", "b");
    const c = createRuleWith("name", "contains", "c");
    return { root: createGroup("and", [a, b, c]), a, b, c };
  }

  it("moves a node within its group", () => {
    const { root, a, b, c } = threeRules();
    expect(ids(moveNode(root, a.id, root.id, 2))).toEqual([b.id, c.id, a.id]);
    expect(ids(moveNode(root, c.id, root.id, 0))).toEqual([c.id, a.id, b.id]);
  });

  it("moves a node into another group", () => {
    const { root, a, b, c } = threeRules();
    const target = createGroup("or");
    const withTarget = addChild(root, root.id, target);
    const moved = moveNode(withTarget, b.id, target.id, 0);
    expect(ids(moved)).toEqual([a.id, c.id, target.id]);
    expect(ids(findNode(moved, target.id) as FilterGroup)).toEqual([b.id]);
  });

  it("clamps the index to the target's ends", () => {
    const { root, a, b, c } = threeRules();
    expect(ids(moveNode(root, a.id, root.id, 99))).toEqual([b.id, c.id, a.id]);
    expect(ids(moveNode(root, c.id, root.id, -4))).toEqual([c.id, a.id, b.id]);
  });

  it("refuses to move a group into itself or its descendants", () => {
    const inner = createGroup("or");
    const outer = createGroup("and", [inner]);
    const root = createGroup("and", [outer]);
    expect(moveNode(root, outer.id, outer.id, 0)).toBe(root);
    expect(moveNode(root, outer.id, inner.id, 0)).toBe(root);
  });

  it("refuses to move the root or into a rule", () => {
    const { root, a, b } = threeRules();
    expect(moveNode(root, root.id, root.id, 0)).toBe(root);
    expect(moveNode(root, a.id, b.id, 0)).toBe(root);
  });

  it("shifts a node up and down, stopping at the edges", () => {
    const { root, a, b, c } = threeRules();
    expect(ids(shiftNode(root, b.id, -1))).toEqual([b.id, a.id, c.id]);
    expect(ids(shiftNode(root, b.id, 1))).toEqual([a.id, c.id, b.id]);
    expect(shiftNode(root, a.id, -1)).toBe(root);
    expect(shiftNode(root, c.id, 1)).toBe(root);
  });

  it("finds a node's parent and position", () => {
    const { root, c } = threeRules();
    expect(findParent(root, c.id)).toEqual({ group: root, index: 2 });
    expect(findParent(root, root.id)).toBeUndefined();
  });
});
