// Between the forms' drafts and the server: labels read from /api/labels become drafts, drafts
// become the `labels` of a create request or, against what the server had, a CVAT-style PATCH
// (items with `id` update, items without are added, `{id, deleted: true}` removes).
import type { Label, LabelRequest } from "../../api/types";
import { effectiveDefault } from "./attributeRules";
import {
  isInputType,
  isLabelType,
  newKey,
  type AttributeDraft,
  type LabelDraft,
  type SkeletonPoint,
} from "./labelDraft";
import { emptySkeleton, skeletonFromSvg, skeletonToSvg } from "./skeleton";

type AttributeRequest = NonNullable<LabelRequest["attributes"]>[number];
type SublabelRequest = NonNullable<LabelRequest["sublabels"]>[number];
type AttributeRead = Label["attributes"][number];

function attributeFromServer(attribute: AttributeRead): AttributeDraft {
  return {
    key: newKey("attr"),
    id: attribute.id,
    name: attribute.name,
    inputType: isInputType(attribute.input_type) ? attribute.input_type : "text",
    mutable: attribute.mutable,
    values: [...attribute.values],
    defaultValue: attribute.default_value,
  };
}

export function labelFromServer(label: Label): LabelDraft {
  const draft: LabelDraft = {
    key: newKey("label"),
    id: label.id,
    name: label.name,
    color: label.color,
    type: isLabelType(label.type) ? label.type : "any",
    attributes: label.attributes.map(attributeFromServer),
  };
  if (draft.type === "skeleton") {
    const sublabels = label.sublabels.map((s) => ({
      id: s.id,
      name: s.name,
      color: s.color,
      attributes: s.attributes.map(attributeFromServer),
    }));
    try {
      draft.skeleton = skeletonFromSvg(label.svg, sublabels);
    } catch {
      // A drawing we cannot read still lists its points, placed in a ring.
      draft.skeleton = skeletonFromSvg("", sublabels);
    }
  }
  return draft;
}

export function labelsFromServer(labels: Label[]): LabelDraft[] {
  return labels.filter((l) => !l.has_parent).map(labelFromServer);
}

function attributeRequest(attribute: AttributeDraft): AttributeRequest {
  return {
    ...(attribute.id !== undefined ? { id: attribute.id } : {}),
    name: attribute.name.trim(),
    mutable: attribute.mutable,
    input_type: attribute.inputType,
    values: attribute.inputType === "checkbox" ? [effectiveDefault(attribute)] : attribute.values,
    default_value: effectiveDefault(attribute),
    deleted: false,
  };
}

function deletedAttribute(attribute: AttributeDraft): AttributeRequest {
  return { ...attributeRequest(attribute), deleted: true };
}

/** The attributes of a PATCH: current ones (with ids where they exist) and removed ones. */
function attributesPatch(before: AttributeDraft[], after: AttributeDraft[]): AttributeRequest[] {
  const kept = new Set(after.map((a) => a.id).filter((id) => id !== undefined));
  return [
    ...before.filter((a) => a.id !== undefined && !kept.has(a.id)).map(deletedAttribute),
    ...after.map(attributeRequest),
  ];
}

function sublabelRequest(point: SkeletonPoint, before?: SkeletonPoint): SublabelRequest {
  return {
    ...(point.sublabelId !== undefined ? { id: point.sublabelId } : {}),
    name: point.name.trim(),
    color: point.color,
    type: "points",
    attributes: before ? attributesPatch(before.attributes, point.attributes) : point.attributes.map(attributeRequest),
    deleted: false,
  };
}

function skeletonFields(label: LabelDraft, before?: LabelDraft): Pick<LabelRequest, "sublabels" | "svg"> {
  if (label.type !== "skeleton") return {};
  const skeleton = label.skeleton ?? emptySkeleton();
  const previous = new Map((before?.skeleton?.points ?? []).map((p) => [p.sublabelId, p]));
  const kept = new Set(skeleton.points.map((p) => p.sublabelId));
  const removed = (before?.skeleton?.points ?? [])
    .filter((p) => p.sublabelId !== undefined && !kept.has(p.sublabelId))
    .map((p) => ({ id: p.sublabelId, name: p.name, deleted: true }));
  const current = skeleton.points.map((p) =>
    sublabelRequest(p, p.sublabelId !== undefined ? previous.get(p.sublabelId) : undefined),
  );
  return { sublabels: [...removed, ...current], svg: skeletonToSvg(skeleton) };
}

/** A label as the `labels` item of POST /api/projects or /api/tasks. */
export function createRequest(label: LabelDraft): LabelRequest {
  return {
    name: label.name.trim(),
    color: label.color,
    type: label.type,
    attributes: label.attributes.map(attributeRequest),
    ...skeletonFields(label),
    deleted: false,
  };
}

export function createRequests(labels: LabelDraft[]): LabelRequest[] {
  return labels.map(createRequest);
}

/** A comparable form of a label: what the server would store, without list keys. */
function fingerprint(label: LabelDraft): string {
  return JSON.stringify(createRequest(label));
}

/** The labels the server has that `next` no longer holds: deleting them deletes their annotations. */
export function removedLabels(before: LabelDraft[], next: LabelDraft[]): LabelDraft[] {
  const kept = new Set(next.map((l) => l.id).filter((id) => id !== undefined));
  return before.filter((l) => l.id !== undefined && !kept.has(l.id));
}

/** The `labels` of a PATCH that turns `before` (the server's labels) into `next`; [] if equal. */
export function patchRequests(before: LabelDraft[], next: LabelDraft[]): LabelRequest[] {
  const previous = new Map(before.filter((l) => l.id !== undefined).map((l) => [l.id, l]));
  const requests: LabelRequest[] = removedLabels(before, next).map((l) => ({ id: l.id, deleted: true }));
  for (const label of next) {
    const old = label.id !== undefined ? previous.get(label.id) : undefined;
    if (!old) {
      requests.push(createRequest(label));
      continue;
    }
    if (fingerprint(old) === fingerprint(label)) continue;
    requests.push({
      id: label.id,
      name: label.name.trim(),
      color: label.color,
      type: label.type,
      attributes: attributesPatch(old.attributes, label.attributes),
      ...skeletonFields(label, old),
      deleted: false,
    });
  }
  return requests;
}
