// The filter builder's model: a tree of groups (And/Or, optionally negated) and rules
// (field, operator, value), with immutable edits the builder's UI calls.
import { OPERATORS, operatorsFor, type FilterField, type OperatorId } from "./filterFields";

export type Scalar = string | number;

/** null: not filled in yet. A pair for "between", a list for "is any of". */
export type RuleValue = Scalar | null | readonly [Scalar | null, Scalar | null] | readonly Scalar[];

export interface FilterRule {
  kind: "rule";
  id: string;
  field: string;
  operator: OperatorId;
  value: RuleValue;
}

export type Conjunction = "and" | "or";

export interface FilterGroup {
  kind: "group";
  id: string;
  conjunction: Conjunction;
  negated: boolean;
  children: readonly FilterNode[];
}

export type FilterNode = FilterRule | FilterGroup;

let lastId = 0;
/** Ids only tell nodes apart within one editing session (React keys, edit targets). */
function newId(prefix: string): string {
  lastId += 1;
  return `${prefix}${lastId}`;
}

export function createGroup(conjunction: Conjunction = "and", children: readonly FilterNode[] = []): FilterGroup {
  return { kind: "group", id: newId("g"), conjunction, negated: false, children };
}

/** A rule on `field` with its first operator and nothing filled in. */
export function createRule(field: FilterField): FilterRule {
  const operator = operatorsFor(field)[0]!.id;
  return { kind: "rule", id: newId("r"), field: field.key, operator, value: blankValue(operator) };
}

export function createRuleWith(field: string, operator: OperatorId, value: RuleValue): FilterRule {
  return { kind: "rule", id: newId("r"), field, operator, value };
}

export function blankValue(operator: OperatorId): RuleValue {
  const arity = OPERATORS[operator].arity;
  if (arity === "two") return [null, null];
  if (arity === "many") return [];
  return null;
}

function isFilled(value: Scalar | null): value is Scalar {
  if (value === null) return false;
  if (typeof value === "number") return Number.isFinite(value);
  return value.trim() !== "";
}

/** Whether a rule says enough to be sent; incomplete rules are left out of the filter. */
export function isRuleComplete(rule: FilterRule): boolean {
  const arity = OPERATORS[rule.operator].arity;
  const value = rule.value;
  if (arity === "none") return true;
  if (arity === "one") return !Array.isArray(value) && isFilled(value as Scalar | null);
  if (!Array.isArray(value)) return false;
  if (arity === "two") return value.length === 2 && isFilled(value[0]) && isFilled(value[1]);
  return value.length > 0 && value.every((item) => isFilled(item));
}

export function countCompleteRules(node: FilterNode): number {
  if (node.kind === "rule") return isRuleComplete(node) ? 1 : 0;
  return node.children.reduce((sum, child) => sum + countCompleteRules(child), 0);
}

export function findNode(root: FilterNode, id: string): FilterNode | undefined {
  if (root.id === id) return root;
  if (root.kind === "rule") return undefined;
  for (const child of root.children) {
    const found = findNode(child, id);
    if (found) return found;
  }
  return undefined;
}

/** Rebuilds only the path to the node with `id`; everything else keeps its identity. */
function replaceNode(root: FilterGroup, id: string, change: (node: FilterNode) => FilterNode | null): FilterGroup {
  const visit = (node: FilterNode): FilterNode | null => {
    if (node.id === id) return change(node);
    if (node.kind === "rule") return node;
    let changed = false;
    const children: FilterNode[] = [];
    for (const child of node.children) {
      const next = visit(child);
      if (next !== child) changed = true;
      if (next !== null) children.push(next);
    }
    return changed ? { ...node, children } : node;
  };
  const result = visit(root);
  // The root can be changed but never removed: the builder always has a group to add to.
  return result === null || result.kind === "rule" ? root : result;
}

function updateGroup(root: FilterGroup, id: string, change: (group: FilterGroup) => FilterGroup): FilterGroup {
  return replaceNode(root, id, (node) => (node.kind === "group" ? change(node) : node));
}

function updateRule(root: FilterGroup, id: string, change: (rule: FilterRule) => FilterRule): FilterGroup {
  return replaceNode(root, id, (node) => (node.kind === "rule" ? change(node) : node));
}

/** Appends `node` to the group `groupId`. */
export function addChild(root: FilterGroup, groupId: string, node: FilterNode): FilterGroup {
  return updateGroup(root, groupId, (group) => ({ ...group, children: [...group.children, node] }));
}

/** Removes a rule or group (with everything in it); the root stays. */
export function removeNode(root: FilterGroup, id: string): FilterGroup {
  if (id === root.id) return root;
  return replaceNode(root, id, () => null);
}

export function setConjunction(root: FilterGroup, groupId: string, conjunction: Conjunction): FilterGroup {
  return updateGroup(root, groupId, (group) => ({ ...group, conjunction }));
}

export function setNegated(root: FilterGroup, groupId: string, negated: boolean): FilterGroup {
  return updateGroup(root, groupId, (group) => ({ ...group, negated }));
}

/** Points a rule at another field; keeps the operator when the new field offers it. */
export function setRuleField(root: FilterGroup, ruleId: string, field: FilterField): FilterGroup {
  return updateRule(root, ruleId, (rule) => {
    if (rule.field === field.key) return rule;
    const offered = operatorsFor(field).map((op) => op.id);
    const operator = offered.includes(rule.operator) ? rule.operator : offered[0]!;
    return { ...rule, field: field.key, operator, value: blankValue(operator) };
  });
}

/** Changes the operator; the value survives when the new operator takes the same shape. */
export function setRuleOperator(root: FilterGroup, ruleId: string, operator: OperatorId): FilterGroup {
  return updateRule(root, ruleId, (rule) => {
    const sameShape = OPERATORS[rule.operator].arity === OPERATORS[operator].arity;
    return { ...rule, operator, value: sameShape ? rule.value : blankValue(operator) };
  });
}

export function setRuleValue(root: FilterGroup, ruleId: string, value: RuleValue): FilterGroup {
  return updateRule(root, ruleId, (rule) => ({ ...rule, value }));
}

function containsId(node: FilterNode, id: string): boolean {
  return findNode(node, id) !== undefined;
}

/**
 * Moves a node into `targetGroupId` at `index` (counted among the target's children without the
 * moved node). A group cannot move into itself or its own descendants; such moves change nothing.
 */
export function moveNode(root: FilterGroup, id: string, targetGroupId: string, index: number): FilterGroup {
  const moving = findNode(root, id);
  const target = findNode(root, targetGroupId);
  if (!moving || moving === root || !target || target.kind !== "group") return root;
  if (containsId(moving, targetGroupId)) return root;
  const without = removeNode(root, id);
  return updateGroup(without, targetGroupId, (group) => {
    const children = [...group.children];
    const at = Math.max(0, Math.min(index, children.length));
    children.splice(at, 0, moving);
    return { ...group, children };
  });
}

/** The group directly holding the node `id`, and the node's position in it. */
export function findParent(root: FilterGroup, id: string): { group: FilterGroup; index: number } | undefined {
  const index = root.children.findIndex((child) => child.id === id);
  if (index >= 0) return { group: root, index };
  for (const child of root.children) {
    if (child.kind === "group") {
      const found = findParent(child, id);
      if (found) return found;
    }
  }
  return undefined;
}

/** Moves a node one place up (-1) or down (+1) inside its group; at the edge nothing changes. */
export function shiftNode(root: FilterGroup, id: string, delta: -1 | 1): FilterGroup {
  const parent = findParent(root, id);
  if (!parent) return root;
  const index = parent.index + delta;
  if (index < 0 || index >= parent.group.children.length) return root;
  return moveNode(root, id, parent.group.id, index);
}
