// The label model the forms edit: labels, attributes and skeletons as plain data, with stable
// keys for lists. Server ids are kept so a later PATCH can address what already exists.

export const LABEL_TYPES = [
  "any",
  "rectangle",
  "polygon",
  "polyline",
  "points",
  "ellipse",
  "cuboid",
  "mask",
  "tag",
  "skeleton",
] as const;
export type LabelType = (typeof LABEL_TYPES)[number];

export const INPUT_TYPES = ["select", "radio", "checkbox", "text", "number"] as const;
export type InputType = (typeof INPUT_TYPES)[number];

export interface AttributeDraft {
  key: string;
  id?: number;
  name: string;
  inputType: InputType;
  mutable: boolean;
  /** select/radio: the choices; checkbox: ["true"|"false"]; number: [min, max, step]; text: [] */
  values: string[];
  defaultValue: string;
}

/** A skeleton keypoint: a node of the drawing and, on the server, a sublabel. */
export interface SkeletonPoint {
  nodeId: number;
  /** Position in the skeleton's 100 × 100 drawing space. */
  x: number;
  y: number;
  name: string;
  color: string;
  attributes: AttributeDraft[];
  sublabelId?: number;
}

export interface SkeletonEdge {
  from: number;
  to: number;
}

export interface Skeleton {
  points: SkeletonPoint[];
  edges: SkeletonEdge[];
}

export interface LabelDraft {
  key: string;
  id?: number;
  name: string;
  color: string;
  type: LabelType;
  attributes: AttributeDraft[];
  /** Present exactly when `type` is "skeleton". */
  skeleton?: Skeleton;
}

let lastKey = 0;

/** A key unique within this page's lifetime, for React lists and form state. */
export function newKey(prefix = "k"): string {
  lastKey += 1;
  return `${prefix}${lastKey}`;
}

export function isLabelType(value: unknown): value is LabelType {
  return typeof value === "string" && (LABEL_TYPES as readonly string[]).includes(value);
}

export function isInputType(value: unknown): value is InputType {
  return typeof value === "string" && (INPUT_TYPES as readonly string[]).includes(value);
}

export function emptyLabel(color: string, type: LabelType = "any"): LabelDraft {
  return {
    key: newKey("label"),
    name: "",
    color,
    type,
    attributes: [],
    skeleton: type === "skeleton" ? { points: [], edges: [] } : undefined,
  };
}
