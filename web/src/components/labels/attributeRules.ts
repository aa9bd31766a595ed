// What each attribute input type admits (the server's rules, checked before a round trip) and
// how an attribute changes when its input type does.
import { newKey, type AttributeDraft, type InputType } from "./labelDraft";

export const MAX_NAME_LENGTH = 64;
export const MAX_DEFAULT_LENGTH = 128;

export type AttributeField = "name" | "values" | "default";

export interface AttributeIssue {
  field: AttributeField;
  message: string;
}

/** The values an attribute starts with when it is created or its input type changes. */
export function initialValues(inputType: InputType): { values: string[]; defaultValue: string } {
  switch (inputType) {
    case "checkbox":
      return { values: ["false"], defaultValue: "false" };
    case "number":
      return { values: ["0", "100", "1"], defaultValue: "0" };
    default:
      return { values: [], defaultValue: "" };
  }
}

export function newAttribute(inputType: InputType = "select"): AttributeDraft {
  return { key: newKey("attr"), name: "", inputType, mutable: false, ...initialValues(inputType) };
}

/** Select and radio share a domain (a list of choices), so values survive switching between them. */
export function changeInputType(attribute: AttributeDraft, inputType: InputType): AttributeDraft {
  if (inputType === attribute.inputType) return attribute;
  const choiceTypes: InputType[] = ["select", "radio"];
  if (choiceTypes.includes(inputType) && choiceTypes.includes(attribute.inputType)) {
    return { ...attribute, inputType };
  }
  return { ...attribute, inputType, ...initialValues(inputType) };
}

/** "0; 10 ;1" → ["0", "10", "1"]: how the constructor's min;max;step field is read. */
export function parseNumberTriple(text: string): string[] {
  return text.split(";").map((part) => part.trim());
}

export function formatNumberTriple(values: string[]): string {
  return values.join(";");
}

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

function decimals(text: string): number {
  const [mantissa, exponent] = text.toLowerCase().split("e");
  const fraction = (mantissa ?? "").split(".")[1] ?? "";
  return Math.max(0, fraction.length - Number(exponent ?? 0));
}

/** Whether `value` lies on the grid min, min+step, … up to max (decimal steps compared exactly). */
export function isOnNumberGrid(value: string, min: string, max: string, step: string): boolean {
  const scale = 10 ** Math.min(12, Math.max(decimals(value), decimals(min), decimals(step)));
  const [v, lo, hi, st] = [value, min, max, step].map((t) => Math.round(Number(t) * scale));
  if (v < lo || v > hi) return false;
  return (v - lo) % st === 0;
}

function checkChoices(attribute: AttributeDraft): AttributeIssue[] {
  const { values, defaultValue, inputType } = attribute;
  if (values.length === 0) {
    return [{ field: "values", message: `A ${inputType} attribute needs at least one value.` }];
  }
  if (values.some((v) => v.trim() === "")) {
    return [{ field: "values", message: "Values cannot be empty." }];
  }
  const duplicate = values.find((v, i) => values.indexOf(v) !== i);
  if (duplicate !== undefined) {
    return [{ field: "values", message: `The value "${duplicate}" is listed twice.` }];
  }
  if (defaultValue !== "" && !values.includes(defaultValue)) {
    return [{ field: "default", message: `The default "${defaultValue}" is not one of the values.` }];
  }
  return [];
}

function checkNumber(attribute: AttributeDraft): AttributeIssue[] {
  const { values, defaultValue } = attribute;
  if (values.length !== 3 || values.some((v) => v === "")) {
    return [{ field: "values", message: "Give a number attribute as min;max;step, e.g. 0;100;1." }];
  }
  const bad = values.find((v) => !NUMBER.test(v));
  if (bad !== undefined) return [{ field: "values", message: `"${bad}" is not a number.` }];
  const [min, max, step] = values as [string, string, string];
  if (Number(min) > Number(max)) {
    return [{ field: "values", message: `The minimum ${min} is greater than the maximum ${max}.` }];
  }
  if (Number(step) <= 0) return [{ field: "values", message: "The step must be greater than 0." }];
  if (defaultValue === "") return [];
  if (!NUMBER.test(defaultValue)) {
    return [{ field: "default", message: `The default "${defaultValue}" is not a number.` }];
  }
  if (!isOnNumberGrid(defaultValue, min, max, step)) {
    return [
      {
        field: "default",
        message: `The default ${defaultValue} is not one of ${min}, ${min}+${step}, … up to ${max}.`,
      },
    ];
  }
  return [];
}

function checkCheckbox(attribute: AttributeDraft): AttributeIssue[] {
  const ok = (v: string) => v === "true" || v === "false";
  if (attribute.values.length !== 1 || !ok(attribute.values[0] ?? "")) {
    return [{ field: "values", message: "A checkbox attribute has the single value true or false." }];
  }
  if (attribute.defaultValue !== "" && !ok(attribute.defaultValue)) {
    return [{ field: "default", message: "A checkbox default is true or false." }];
  }
  return [];
}

/** The problems of one attribute, apart from name clashes with its siblings. */
export function checkAttribute(attribute: AttributeDraft): AttributeIssue[] {
  const issues: AttributeIssue[] = [];
  const name = attribute.name.trim();
  if (name === "") issues.push({ field: "name", message: "Give the attribute a name." });
  else if (name.length > MAX_NAME_LENGTH) {
    issues.push({ field: "name", message: `Attribute names are at most ${MAX_NAME_LENGTH} characters.` });
  }
  if (attribute.defaultValue.length > MAX_DEFAULT_LENGTH) {
    issues.push({ field: "default", message: `Default values are at most ${MAX_DEFAULT_LENGTH} characters.` });
  }
  switch (attribute.inputType) {
    case "select":
    case "radio":
      issues.push(...checkChoices(attribute));
      break;
    case "number":
      issues.push(...checkNumber(attribute));
      break;
    case "checkbox":
      issues.push(...checkCheckbox(attribute));
      break;
    case "text":
      break;
  }
  return issues;
}

/** The default the server will store: an empty default means the first value (text: ""). */
export function effectiveDefault(attribute: AttributeDraft): string {
  if (attribute.defaultValue !== "") return attribute.defaultValue;
  if (attribute.inputType === "text") return "";
  return attribute.values[0] ?? "";
}
