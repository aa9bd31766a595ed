/**
 * The editor's object filter: the list filter builder's fields for annotation objects (label,
 * type, shape type, occluded, id, z-order, source, attributes by name) and a small JSON Logic
 * evaluator for the rules the builder writes, so the same filter text hides objects on the canvas
 * and in the sidebar and drives "next frame with filtered objects". Pure: no React, no DOM.
 */
import type { FilterField } from "../../../components/filters/filterFields";
import { SHAPE_TYPES, type AnnotationObject } from "../../engine/document/model";

/** What a filter rule can read of an object; attributes live under `attr:<name>`. */
export type ObjectRecord = Readonly<Record<string, string | number | null>>;

export type ObjectPredicate = (object: AnnotationObject, serverId: number | undefined) => boolean;

export interface FilterLabel {
  readonly id: number;
  readonly name: string;
  readonly attributes: readonly { readonly id: number; readonly name: string; readonly values: readonly string[]; readonly input_type: string }[];
}

const ATTRIBUTE_PREFIX = "attr:";
const SOURCES = ["manual", "auto", "semi-auto", "file", "consensus"] as const;
const options = (values: readonly string[]) => values.map((value) => ({ value, label: value }));

/** The fields of the editor's filter builder for the job's labels. */
export function objectFilterFields(labels: readonly FilterLabel[]): FilterField[] {
  const fields: FilterField[] = [
    { key: "label", label: "Label", type: "select", options: options([...new Set(labels.map((l) => l.name))]) },
    { key: "type", label: "Type", type: "select", options: options(["shape", "track", "tag"]) },
    { key: "shape", label: "Shape", type: "select", options: options(SHAPE_TYPES), empty: null },
    { key: "occluded", label: "Occluded", type: "select", options: options(["true", "false"]) },
    { key: "serverID", label: "ID", type: "number", empty: null },
    { key: "zOrder", label: "Z-order", type: "number" },
    { key: "source", label: "Source", type: "select", options: options(SOURCES) },
  ];
  // One field per attribute name: labels sharing a name ("color") share the field.
  const attributes = new Map<string, Set<string>>();
  for (const label of labels) {
    for (const attribute of label.attributes) {
      const values = attributes.get(attribute.name) ?? new Set<string>();
      if (attribute.input_type !== "text" && attribute.input_type !== "number") attribute.values.forEach((v) => values.add(v));
      attributes.set(attribute.name, values);
    }
  }
  for (const [name, values] of attributes) {
    const key = `${ATTRIBUTE_PREFIX}${name}`;
    fields.push(
      values.size > 0
        ? { key, label: `Attribute ${name}`, type: "select", options: options([...values]), empty: null }
        : { key, label: `Attribute ${name}`, type: "text", empty: null },
    );
  }
  return fields;
}

/** The values the rules compare, for one object. */
export function objectRecord(
  object: AnnotationObject,
  serverId: number | undefined,
  labels: ReadonlyMap<number, FilterLabel>,
): ObjectRecord {
  const label = labels.get(object.labelId);
  const record: Record<string, string | number | null> = {
    label: label?.name ?? null,
    type: object.kind,
    shape: object.kind === "shape" ? object.type : object.kind === "track" ? (object.keyframes[0]?.type ?? null) : null,
    occluded: object.kind === "shape" ? String(object.occluded) : object.kind === "track" ? String(object.keyframes[0]?.occluded ?? false) : "false",
    serverID: serverId ?? null,
    zOrder: object.kind === "shape" ? object.zOrder : object.kind === "track" ? (object.keyframes[0]?.zOrder ?? 0) : 0,
    source: object.source,
  };
  for (const attribute of label?.attributes ?? []) {
    const value = object.attributes[attribute.id];
    if (value !== undefined) record[`${ATTRIBUTE_PREFIX}${attribute.name}`] = value;
  }
  return record;
}

type Value = unknown;

/** Thrown for JSON Logic outside what the builder writes. */
export class ObjectFilterError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ObjectFilterError";
  }
}

function compare(a: Value, b: Value): number | null {
  if (a === null || a === undefined || b === null || b === undefined) return null;
  if (typeof a === "number" || typeof b === "number") {
    const x = Number(a);
    const y = Number(b);
    return Number.isNaN(x) || Number.isNaN(y) ? null : x - y;
  }
  return String(a).localeCompare(String(b));
}

function equal(a: Value, b: Value): boolean {
  if (a === null || a === undefined || b === null || b === undefined) return (a ?? null) === (b ?? null);
  if (typeof a === "number" || typeof b === "number") return Number(a) === Number(b);
  return String(a) === String(b);
}

function evaluate(logic: Value, record: ObjectRecord): Value {
  if (logic === null || typeof logic !== "object") return logic;
  if (Array.isArray(logic)) return logic.map((item) => evaluate(item, record));
  const keys = Object.keys(logic);
  if (keys.length !== 1) throw new ObjectFilterError("A rule must have exactly one operator.");
  const operator = keys[0]!;
  const raw = (logic as Record<string, Value>)[operator];
  if (operator === "var") return record[String(raw)] ?? null;
  const args = (Array.isArray(raw) ? raw : [raw]) as Value[];
  const value = (i: number) => evaluate(args[i], record);
  switch (operator) {
    case "and":
      return args.every((arg) => Boolean(evaluate(arg, record)));
    case "or":
      return args.some((arg) => Boolean(evaluate(arg, record)));
    case "!":
      return !evaluate(args[0], record);
    case "==":
      return equal(value(0), value(1));
    case "!=":
      return !equal(value(0), value(1));
    case "<":
    case "<=":
    case ">":
    case ">=": {
      const holds = (a: Value, b: Value) => {
        const order = compare(a, b);
        if (order === null) return false;
        return operator === "<" ? order < 0 : operator === "<=" ? order <= 0 : operator === ">" ? order > 0 : order >= 0;
      };
      // {"<=": [low, x, high]} is "between".
      if (args.length === 3) return holds(value(0), value(1)) && holds(value(1), value(2));
      return holds(value(0), value(1));
    }
    case "in": {
      const needle = value(0);
      const haystack = value(1);
      if (Array.isArray(haystack)) return haystack.some((item) => equal(needle, item));
      if (typeof haystack === "string" && needle !== null && needle !== undefined) {
        return haystack.toLowerCase().includes(String(needle).toLowerCase());
      }
      return false;
    }
    default:
      throw new ObjectFilterError(`Unsupported operator "${operator}".`);
  }
}

/**
 * The predicate of a filter text (`""` → null: no filter). Throws `ObjectFilterError` for text
 * that is not JSON Logic this evaluator knows.
 */
export function compileObjectFilter(text: string, labels: readonly FilterLabel[]): ObjectPredicate | null {
  if (text.trim() === "") return null;
  let logic: Value;
  try {
    logic = JSON.parse(text);
  } catch {
    throw new ObjectFilterError("The filter is not valid JSON.");
  }
  const byId = new Map(labels.map((label) => [label.id, label]));
  // Evaluate once on a blank record so unsupported operators fail now, not on every object.
  evaluate(logic, {});
  return (object, serverId) => Boolean(evaluate(logic, objectRecord(object, serverId, byId)));
}

/** The items whose object passes `predicate`; the same array when there is no filter. */
export function filterObjects<T extends { readonly object: AnnotationObject }>(
  items: readonly T[],
  predicate: ObjectPredicate | null,
  serverIdOf: (clientId: string) => number | undefined,
): readonly T[] {
  if (predicate === null) return items;
  return items.filter((item) => predicate(item.object, serverIdOf(item.object.clientId)));
}
