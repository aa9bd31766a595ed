// A filter tree in words ("Name contains "car" or Status is completed"), for tags and the Recent list.
import { fieldByKey, OPERATORS, type FilterField } from "./filterFields";
import { isRuleComplete, type FilterGroup, type FilterNode, type FilterRule, type Scalar } from "./filterTree";

/** ISO timestamps read as "2024-05-01 13:45"; other values as typed. */
function formatScalar(value: Scalar, field: FilterField | undefined): string {
  if (field?.type === "select") {
    return field.options?.find((option) => option.value === value)?.label ?? String(value);
  }
  if (field?.type === "date" && typeof value === "string") {
    return value.slice(0, 16).replace("T", " ");
  }
  return field?.type === "text" ? JSON.stringify(value) : String(value);
}

function describeRule(rule: FilterRule, fields: readonly FilterField[]): string {
  const field = fieldByKey(fields, rule.field);
  const name = field?.label ?? rule.field;
  const operator = OPERATORS[rule.operator];
  const value = rule.value;
  if (operator.arity === "none") return `${name} ${operator.label}`;
  if (operator.arity === "two") {
    const [low, high] = value as readonly [Scalar, Scalar];
    return `${name} between ${formatScalar(low, field)} and ${formatScalar(high, field)}`;
  }
  if (operator.arity === "many") {
    const items = (value as readonly Scalar[]).map((item) => formatScalar(item, field));
    return `${name} ${operator.label} ${items.join(", ")}`;
  }
  return `${name} ${operator.label} ${formatScalar(value as Scalar, field)}`;
}

function describeNode(node: FilterNode, fields: readonly FilterField[], nested: boolean): string | null {
  if (node.kind === "rule") return isRuleComplete(node) ? describeRule(node, fields) : null;
  const parts = node.children
    .map((child) => describeNode(child, fields, true))
    .filter((part): part is string => part !== null);
  if (parts.length === 0) return null;
  const joined = parts.join(` ${node.conjunction} `);
  if (node.negated) return `not (${joined})`;
  return nested && parts.length > 1 ? `(${joined})` : joined;
}

/** The tree's complete rules in words; "" when there are none. */
export function describeFilter(root: FilterGroup, fields: readonly FilterField[]): string {
  return describeNode(root, fields, false) ?? "";
}
