// The Raw tab's JSON: labels in CVAT's raw format, written for people to read and copy, and read
// back with errors that name the label and field at fault.
import { pickColor } from "./colors";
import {
  INPUT_TYPES,
  LABEL_TYPES,
  isInputType,
  isLabelType,
  newKey,
  type AttributeDraft,
  type LabelDraft,
} from "./labelDraft";
import { skeletonFromSvg, skeletonToSvg, SkeletonSvgError, type SublabelInfo } from "./skeleton";

interface RawAttribute {
  id?: number;
  name: string;
  mutable: boolean;
  input_type: string;
  default_value: string;
  values: string[];
}

interface RawSublabel {
  id?: number;
  name: string;
  color: string;
  type: string;
  attributes: RawAttribute[];
}

interface RawLabel {
  id?: number;
  name: string;
  color: string;
  type: string;
  attributes: RawAttribute[];
  sublabels?: RawSublabel[];
  svg?: string;
}

function rawAttribute(attribute: AttributeDraft): RawAttribute {
  return {
    ...(attribute.id !== undefined ? { id: attribute.id } : {}),
    name: attribute.name,
    mutable: attribute.mutable,
    input_type: attribute.inputType,
    default_value: attribute.defaultValue,
    values: attribute.values,
  };
}

function rawLabel(label: LabelDraft): RawLabel {
  const raw: RawLabel = {
    ...(label.id !== undefined ? { id: label.id } : {}),
    name: label.name,
    color: label.color,
    type: label.type,
    attributes: label.attributes.map(rawAttribute),
  };
  if (label.type === "skeleton" && label.skeleton) {
    raw.sublabels = label.skeleton.points.map((p) => ({
      ...(p.sublabelId !== undefined ? { id: p.sublabelId } : {}),
      name: p.name,
      color: p.color,
      type: "points",
      attributes: p.attributes.map(rawAttribute),
    }));
    raw.svg = skeletonToSvg(label.skeleton);
  }
  return raw;
}

export function serializeRawLabels(labels: LabelDraft[]): string {
  return JSON.stringify(labels.map(rawLabel), null, 2);
}

export type RawParseResult = { ok: true; labels: LabelDraft[] } | { ok: false; errors: string[] };

class RawError extends Error {}

type JsonObject = Record<string, unknown>;

function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function optionalString(item: JsonObject, key: string, where: string, fallback: string): string {
  const value = item[key];
  if (value === undefined || value === null) return fallback;
  if (typeof value !== "string") throw new RawError(`${where}: "${key}" must be a string.`);
  return value;
}

function optionalId(item: JsonObject): number | undefined {
  return typeof item.id === "number" && Number.isInteger(item.id) ? item.id : undefined;
}

function optionalArray(item: JsonObject, key: string, where: string): unknown[] {
  const value = item[key];
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new RawError(`${where}: "${key}" must be a list.`);
  return value;
}

function parseAttribute(value: unknown, where: string, known: AttributeDraft[]): AttributeDraft {
  if (!isObject(value)) throw new RawError(`${where} must be an object.`);
  if (typeof value.name !== "string") throw new RawError(`${where}: every attribute needs a "name".`);
  const at = `${where} ("${value.name}")`;
  if (!isInputType(value.input_type)) {
    throw new RawError(`${at}: "input_type" must be one of ${INPUT_TYPES.join(", ")}.`);
  }
  if (value.mutable !== undefined && typeof value.mutable !== "boolean") {
    throw new RawError(`${at}: "mutable" must be true or false.`);
  }
  const values = optionalArray(value, "values", at).map((v) => {
    if (typeof v === "string") return v;
    if (typeof v === "number" || typeof v === "boolean") return String(v);
    throw new RawError(`${at}: "values" must hold strings.`);
  });
  const id = optionalId(value);
  const match = known.find((a) => a.id !== undefined && a.id === id);
  return {
    key: match?.key ?? newKey("attr"),
    id: match?.id,
    name: value.name,
    inputType: value.input_type,
    mutable: value.mutable === true,
    values,
    defaultValue: optionalString(value, "default_value", at, ""),
  };
}

function parseAttributes(item: JsonObject, where: string, known: AttributeDraft[]): AttributeDraft[] {
  return optionalArray(item, "attributes", where).map((a, i) => parseAttribute(a, `${where}, attribute ${i + 1}`, known));
}

function parseLabel(value: unknown, index: number, known: LabelDraft[], usedColors: string[]): LabelDraft {
  const where = `Label ${index + 1}`;
  if (!isObject(value)) throw new RawError(`${where} must be an object like {"name": "car"}.`);
  if (typeof value.name !== "string") throw new RawError(`${where}: every label needs a "name".`);
  const at = `Label "${value.name}"`;
  const type = value.type ?? "any";
  if (!isLabelType(type)) throw new RawError(`${at}: "type" must be one of ${LABEL_TYPES.join(", ")}.`);
  const id = optionalId(value);
  const match = known.find((l) => l.id !== undefined && l.id === id);
  const color = optionalString(value, "color", at, "") || pickColor(usedColors);
  usedColors.push(color);
  const label: LabelDraft = {
    key: match?.key ?? newKey("label"),
    id: match?.id,
    name: value.name,
    color,
    type,
    attributes: parseAttributes(value, at, match?.attributes ?? []),
  };
  if (type !== "skeleton") {
    if (optionalArray(value, "sublabels", at).length > 0) {
      throw new RawError(`${at}: only skeleton labels have "sublabels".`);
    }
    return label;
  }
  const knownPoints = match?.skeleton?.points ?? [];
  const sublabelColors: string[] = [];
  const sublabels: SublabelInfo[] = optionalArray(value, "sublabels", at).map((s, i) => {
    const subWhere = `${at}, sublabel ${i + 1}`;
    if (!isObject(s) || typeof s.name !== "string") throw new RawError(`${subWhere} needs a "name".`);
    const knownPoint = knownPoints.find((p) => p.sublabelId !== undefined && p.sublabelId === optionalId(s));
    const subColor = optionalString(s, "color", subWhere, "") || pickColor(sublabelColors);
    sublabelColors.push(subColor);
    return {
      id: optionalId(s),
      name: s.name,
      color: subColor,
      attributes: parseAttributes(s, `${at}, sublabel "${s.name}"`, knownPoint?.attributes ?? []),
    };
  });
  if (sublabels.length === 0) throw new RawError(`${at}: a skeleton needs "sublabels", one per point.`);
  try {
    const skeleton = skeletonFromSvg(optionalString(value, "svg", at, ""), sublabels);
    const knownIds = new Set(knownPoints.map((p) => p.sublabelId));
    // Ids from another project's labels mean nothing here: those points are new.
    for (const point of skeleton.points) {
      if (!knownIds.has(point.sublabelId)) point.sublabelId = undefined;
    }
    label.skeleton = skeleton;
  } catch (error) {
    if (error instanceof SkeletonSvgError) throw new RawError(`${at}: svg: ${error.message}`);
    throw error;
  }
  return label;
}

/**
 * Reads the Raw tab's text. Ids that match `known` labels keep addressing them (so editing the
 * raw text of existing labels updates them); other ids are dropped and those labels are new.
 */
export function parseRawLabels(text: string, known: LabelDraft[] = []): RawParseResult {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return { ok: false, errors: [`This is not valid JSON: ${(error as Error).message}`] };
  }
  if (!Array.isArray(data)) {
    return { ok: false, errors: ['The labels must be a JSON list, like [{"name": "car"}].'] };
  }
  const usedColors = data.filter(isObject).map((l) => l.color).filter((c): c is string => typeof c === "string");
  const labels: LabelDraft[] = [];
  const errors: string[] = [];
  data.forEach((item, index) => {
    try {
      labels.push(parseLabel(item, index, known, usedColors));
    } catch (error) {
      if (!(error instanceof RawError)) throw error;
      errors.push(error.message);
    }
  });
  const ids = labels.map((l) => l.id).filter((id) => id !== undefined);
  const repeated = ids.find((id, i) => ids.indexOf(id) !== i);
  if (repeated !== undefined) errors.push(`Two labels carry the same id ${repeated}.`);
  return errors.length > 0 ? { ok: false, errors } : { ok: true, labels };
}
