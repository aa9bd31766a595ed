// What the filter builder can filter on: fields, their kinds, and the operators each kind offers.

export type FieldType = "text" | "number" | "date" | "select";

export interface FilterOption {
  value: string;
  label: string;
}

export interface FilterField {
  /** The server's field name (a key of the list's ListSpec). */
  key: string;
  label: string;
  type: FieldType;
  /** The allowed values of a select field. */
  options?: readonly FilterOption[];
  /**
   * The stored value that means "nothing here": null for optional references (assignee),
   * "" for optional text (subset). Fields without it never offer "is empty".
   */
  empty?: null | "";
}

export type OperatorId =
  | "equal"
  | "not_equal"
  | "contains"
  | "not_contains"
  | "less"
  | "less_or_equal"
  | "greater"
  | "greater_or_equal"
  | "between"
  | "any_in"
  | "is_empty"
  | "is_not_empty";

/** How many values an operator takes: none (is empty), one, a [low, high] pair, or a list. */
export type OperatorArity = "none" | "one" | "two" | "many";

export interface OperatorInfo {
  id: OperatorId;
  label: string;
  arity: OperatorArity;
}

export const OPERATORS: Readonly<Record<OperatorId, OperatorInfo>> = {
  equal: { id: "equal", label: "=", arity: "one" },
  not_equal: { id: "not_equal", label: "≠", arity: "one" },
  contains: { id: "contains", label: "contains", arity: "one" },
  not_contains: { id: "not_contains", label: "does not contain", arity: "one" },
  less: { id: "less", label: "<", arity: "one" },
  less_or_equal: { id: "less_or_equal", label: "≤", arity: "one" },
  greater: { id: "greater", label: ">", arity: "one" },
  greater_or_equal: { id: "greater_or_equal", label: "≥", arity: "one" },
  between: { id: "between", label: "between", arity: "two" },
  any_in: { id: "any_in", label: "is any of", arity: "many" },
  is_empty: { id: "is_empty", label: "is empty", arity: "none" },
  is_not_empty: { id: "is_not_empty", label: "is not empty", arity: "none" },
};

const BY_TYPE: Readonly<Record<FieldType, readonly OperatorId[]>> = {
  text: ["contains", "not_contains", "equal", "not_equal"],
  number: ["equal", "not_equal", "less", "less_or_equal", "greater", "greater_or_equal", "between"],
  date: ["greater", "greater_or_equal", "less", "less_or_equal", "between", "equal", "not_equal"],
  select: ["equal", "not_equal", "any_in"],
};

/** The operators a field offers, the most useful first (the first is a new rule's default). */
export function operatorsFor(field: FilterField): OperatorInfo[] {
  const ids = [...BY_TYPE[field.type]];
  if (field.empty !== undefined) ids.push("is_empty", "is_not_empty");
  return ids.map((id) => OPERATORS[id]);
}

export function fieldByKey(fields: readonly FilterField[], key: string): FilterField | undefined {
  return fields.find((field) => field.key === key);
}
