/**
 * A label's attributes as the attributes editor edits them: which input each one needs, its
 * default, and whether a typed value is valid. Values are strings, as the server stores them;
 * a number attribute's `values` are CVAT's `[min, max, step]`.
 */

import type { AttributeValues } from "./model";

/** The fields of a server attribute spec this module reads (the API's AttributeRead fits). */
export interface AttributeSpec {
  readonly id: number;
  readonly name: string;
  readonly input_type: string;
  readonly values: readonly string[];
  readonly default_value: string;
}

export const ATTRIBUTE_INPUTS = ["checkbox", "radio", "select", "number", "text"] as const;
export type AttributeInput = (typeof ATTRIBUTE_INPUTS)[number];

export interface NumberRange {
  readonly min: number;
  readonly max: number;
  readonly step: number;
}

export type AttributeCheck = { readonly ok: true; readonly value: string } | { readonly ok: false; readonly problem: string };

/** The input an attribute is edited with; unknown input types from newer servers get a text box. */
export function attributeInput(spec: AttributeSpec): AttributeInput {
  const type = spec.input_type.toLowerCase();
  return (ATTRIBUTE_INPUTS as readonly string[]).includes(type) ? (type as AttributeInput) : "text";
}

/** A number attribute's bounds; null when its `values` are not three numbers with min ≤ max. */
export function numberRange(spec: AttributeSpec): NumberRange | null {
  if (spec.values.length < 2) return null;
  const [min, max, step = 1] = spec.values.map((value) => Number(value));
  if (!Number.isFinite(min) || !Number.isFinite(max) || min > max) return null;
  return { min, max, step: Number.isFinite(step) && step > 0 ? step : 1 };
}

/** What a new object (or one just relabelled) holds for the attribute. */
export function defaultAttributeValue(spec: AttributeSpec): string {
  switch (attributeInput(spec)) {
    case "checkbox":
      return spec.default_value.toLowerCase() === "true" ? "true" : "false";
    case "radio":
    case "select":
      return spec.values.includes(spec.default_value) ? spec.default_value : (spec.values[0] ?? "");
    case "number": {
      const range = numberRange(spec);
      if (checkAttributeValue(spec, spec.default_value).ok) return spec.default_value.trim();
      return range === null ? "0" : String(range.min);
    }
    case "text":
      return spec.default_value;
  }
}

/** Default values of all of a label's attributes, keyed by attribute id (for relabelling). */
export function defaultAttributes(specs: readonly AttributeSpec[]): AttributeValues {
  return Object.fromEntries(specs.map((spec) => [spec.id, defaultAttributeValue(spec)]));
}

/** The object's value for the attribute, or the default where it has none. */
export function attributeValueOf(values: AttributeValues, spec: AttributeSpec): string {
  return values[spec.id] ?? defaultAttributeValue(spec);
}

/** Whether `raw` may be stored for the attribute; number values come back normalised ("07" → "7"). */
export function checkAttributeValue(spec: AttributeSpec, raw: string): AttributeCheck {
  switch (attributeInput(spec)) {
    case "checkbox":
      return raw === "true" || raw === "false" ? { ok: true, value: raw } : { ok: false, problem: `${spec.name} must be true or false.` };
    case "radio":
    case "select":
      return spec.values.includes(raw)
        ? { ok: true, value: raw }
        : { ok: false, problem: `${spec.name} must be one of ${spec.values.join(", ")}.` };
    case "number":
      return checkNumber(spec, raw);
    case "text":
      return { ok: true, value: raw };
  }
}

function checkNumber(spec: AttributeSpec, raw: string): AttributeCheck {
  const text = raw.trim();
  const value = Number(text);
  if (text === "" || !Number.isFinite(value)) return { ok: false, problem: `${spec.name} must be a number.` };
  const range = numberRange(spec);
  if (range === null) return { ok: true, value: String(value) };
  if (value < range.min || value > range.max) {
    return { ok: false, problem: `${spec.name} must be between ${range.min} and ${range.max}.` };
  }
  // Steps are counted from the minimum, with slack for binary fractions (0.1 steps).
  const steps = (value - range.min) / range.step;
  if (Math.abs(steps - Math.round(steps)) > 1e-9) {
    return { ok: false, problem: `${spec.name} must be ${range.min} plus a multiple of ${range.step}.` };
  }
  return { ok: true, value: String(value) };
}
