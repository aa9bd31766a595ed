// Filter tree <-> the JSON Logic the list endpoints accept (see contour/core/filters.py):
// and/or/!, ==, !=, <, <=, >, >=, between as {"<=": [low, var, high]}, "in" for substring
// ({"in": [text, var]}) and membership ({"in": [var, [values]]}).
import { fieldByKey, operatorsFor, type FilterField, type OperatorId } from "./filterFields";
import {
  createGroup,
  createRuleWith,
  isRuleComplete,
  type FilterGroup,
  type FilterNode,
  type FilterRule,
  type RuleValue,
  type Scalar,
} from "./filterTree";

export type JsonLogic = { [operator: string]: unknown };

/** A filter the builder cannot show (hand-written, or from a newer app). */
export class FilterParseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "FilterParseError";
  }
}

const COMPARISONS: Partial<Record<OperatorId, string>> = {
  equal: "==",
  not_equal: "!=",
  less: "<",
  less_or_equal: "<=",
  greater: ">",
  greater_or_equal: ">=",
};

function ruleToLogic(rule: FilterRule, fields: readonly FilterField[]): JsonLogic {
  const field = { var: rule.field };
  const value = rule.value;
  const empty = fieldByKey(fields, rule.field)?.empty ?? null;
  switch (rule.operator) {
    case "contains":
      return { in: [value, field] };
    case "not_contains":
      return { "!": { in: [value, field] } };
    case "between": {
      const [low, high] = value as readonly [Scalar, Scalar];
      return { "<=": [low, field, high] };
    }
    case "any_in":
      return { in: [field, [...(value as readonly Scalar[])]] };
    case "is_empty":
      return { "==": [field, empty] };
    case "is_not_empty":
      return { "!=": [field, empty] };
    default:
      return { [COMPARISONS[rule.operator]!]: [field, value] };
  }
}

function nodeToLogic(node: FilterNode, fields: readonly FilterField[]): JsonLogic | null {
  if (node.kind === "rule") return isRuleComplete(node) ? ruleToLogic(node, fields) : null;
  const parts = node.children
    .map((child) => nodeToLogic(child, fields))
    .filter((part): part is JsonLogic => part !== null);
  if (parts.length === 0) return null;
  const junction = { [node.conjunction]: parts };
  return node.negated ? { "!": junction } : junction;
}

/** The JSON Logic of the tree's complete rules; null when there is nothing to filter on. */
export function toJsonLogic(root: FilterGroup, fields: readonly FilterField[]): JsonLogic | null {
  return nodeToLogic(root, fields);
}

/** The `filter=` text of a tree ("" when empty), as kept in the URL. */
export function toFilterText(root: FilterGroup, fields: readonly FilterField[]): string {
  const logic = toJsonLogic(root, fields);
  return logic ? JSON.stringify(logic) : "";
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function singleOperator(data: unknown): [string, unknown] {
  if (!isObject(data)) throw new FilterParseError("Expected a rule object.");
  const keys = Object.keys(data);
  if (keys.length !== 1) throw new FilterParseError("A rule must have exactly one operator.");
  return [keys[0]!, data[keys[0]!]];
}

function varName(value: unknown): string | undefined {
  if (!isObject(value) || Object.keys(value).length !== 1) return undefined;
  return typeof value.var === "string" ? value.var : undefined;
}

function isScalar(value: unknown): value is Scalar {
  return typeof value === "string" || (typeof value === "number" && Number.isFinite(value));
}

function scalarOrNull(value: unknown): Scalar | null {
  if (value === null || isScalar(value)) return value;
  throw new FilterParseError(`Unsupported value ${JSON.stringify(value)}.`);
}

class LogicReader {
  constructor(private readonly fields: readonly FilterField[]) {}

  node(data: unknown): FilterNode {
    const [operator, args] = singleOperator(data);
    if (operator === "and" || operator === "or") {
      if (!Array.isArray(args) || args.length === 0) {
        throw new FilterParseError(`"${operator}" needs a list of rules.`);
      }
      return createGroup(operator, args.map((arg) => this.node(arg)));
    }
    if (operator === "!") return this.negation(Array.isArray(args) && args.length === 1 ? args[0] : args);
    return this.rule(operator, args);
  }

  private negation(inner: unknown): FilterNode {
    const [operator, args] = singleOperator(inner);
    if (operator === "in" && Array.isArray(args) && typeof args[0] === "string" && varName(args[1])) {
      return this.rule("in", args, true);
    }
    const node = this.node(inner);
    if (node.kind === "group" && !node.negated) return { ...node, negated: true };
    return { ...createGroup("and", [node]), negated: true };
  }

  private field(name: string | undefined): FilterField {
    const field = name === undefined ? undefined : fieldByKey(this.fields, name);
    if (!field) throw new FilterParseError(`Unknown field ${JSON.stringify(name)}.`);
    return field;
  }

  private make(field: FilterField, operator: OperatorId, value: RuleValue): FilterRule {
    if (!operatorsFor(field).some((op) => op.id === operator)) {
      throw new FilterParseError(`${field.label} cannot be filtered with "${operator}".`);
    }
    return createRuleWith(field.key, operator, value);
  }

  private rule(operator: string, args: unknown, negated = false): FilterRule {
    if (!Array.isArray(args)) throw new FilterParseError(`"${operator}" needs a list of operands.`);
    if (operator === "in") return this.membership(args, negated);
    if (operator === "<=" && args.length === 3) {
      const field = this.field(varName(args[1]));
      return this.make(field, "between", [scalarOrNull(args[0]), scalarOrNull(args[2])]);
    }
    const found = Object.entries(COMPARISONS).find(([, symbol]) => symbol === operator);
    if (!found || args.length !== 2) throw new FilterParseError(`Unsupported rule "${operator}".`);
    let id = found[0] as OperatorId;
    let [left, right] = args as [unknown, unknown];
    if (varName(left) === undefined) {
      // {"<": [5, {"var": "id"}]} reads as id > 5.
      [left, right] = [right, left];
      const flipped: Partial<Record<OperatorId, OperatorId>> = {
        less: "greater",
        less_or_equal: "greater_or_equal",
        greater: "less",
        greater_or_equal: "less_or_equal",
      };
      id = flipped[id] ?? id;
    }
    const field = this.field(varName(left));
    const value = scalarOrNull(right);
    if ((id === "equal" || id === "not_equal") && field.empty !== undefined && value === field.empty) {
      return this.make(field, id === "equal" ? "is_empty" : "is_not_empty", null);
    }
    if (value === null) throw new FilterParseError(`${field.label} cannot be compared with null.`);
    return this.make(field, id, value);
  }

  private membership(args: unknown[], negated: boolean): FilterRule {
    if (args.length !== 2) throw new FilterParseError('"in" needs two operands.');
    const [first, second] = args;
    if (typeof first === "string" && varName(second) !== undefined) {
      return this.make(this.field(varName(second)), negated ? "not_contains" : "contains", first);
    }
    if (!negated && varName(first) !== undefined && Array.isArray(second) && second.every(isScalar)) {
      return this.make(this.field(varName(first)), "any_in", second);
    }
    throw new FilterParseError('Unsupported "in" rule.');
  }
}

/** The builder's tree for a JSON Logic filter; a single rule comes back inside an And group. */
export function fromJsonLogic(data: unknown, fields: readonly FilterField[]): FilterGroup {
  const node = new LogicReader(fields).node(data);
  return node.kind === "group" ? node : createGroup("and", [node]);
}

/** The tree for the URL's `filter=` text: an empty group for "", FilterParseError when unreadable. */
export function fromFilterText(text: string, fields: readonly FilterField[]): FilterGroup {
  if (!text.trim()) return createGroup();
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new FilterParseError("The filter is not valid JSON.");
  }
  return fromJsonLogic(data, fields);
}
