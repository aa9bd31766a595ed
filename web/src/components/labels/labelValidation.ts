// The rules a label set must satisfy before it is sent: the server's rules, phrased for the form.
// Each issue carries the path of the field it belongs to, so the form shows it in place.
import { checkAttribute, MAX_NAME_LENGTH } from "./attributeRules";
import { isHexColor } from "./colors";
import type { AttributeDraft, LabelDraft } from "./labelDraft";

export interface LabelIssue {
  /** "name", "color", "skeleton", "attributes.<key>.<field>", "points.<nodeId>.name", … */
  path: string;
  message: string;
}

function checkAttributes(attributes: AttributeDraft[], prefix: string): LabelIssue[] {
  const issues: LabelIssue[] = [];
  const seen = new Set<string>();
  for (const attribute of attributes) {
    for (const issue of checkAttribute(attribute)) {
      issues.push({ path: `${prefix}attributes.${attribute.key}.${issue.field}`, message: issue.message });
    }
    const name = attribute.name.trim();
    if (name && seen.has(name)) {
      issues.push({
        path: `${prefix}attributes.${attribute.key}.name`,
        message: `An attribute named "${name}" already exists.`,
      });
    }
    seen.add(name);
  }
  return issues;
}

function checkName(name: string, what: string): string | null {
  const trimmed = name.trim();
  if (trimmed === "") return `Give the ${what} a name.`;
  if (trimmed.length > MAX_NAME_LENGTH) return `Names are at most ${MAX_NAME_LENGTH} characters.`;
  return null;
}

// The svg names points by `data-label-name="…"`, which the server reads without an XML parser.
const SVG_UNSAFE = /["<>&]/;

function checkSkeleton(label: LabelDraft): LabelIssue[] {
  const skeleton = label.skeleton;
  if (!skeleton || skeleton.points.length === 0) {
    return [{ path: "skeleton", message: "A skeleton needs at least one point: click in the drawing area." }];
  }
  const issues: LabelIssue[] = [];
  const seen = new Set<string>();
  for (const point of skeleton.points) {
    const path = `points.${point.nodeId}.`;
    const problem = checkName(point.name, "point");
    const name = point.name.trim();
    if (problem) issues.push({ path: `${path}name`, message: problem });
    else if (SVG_UNSAFE.test(name)) {
      issues.push({ path: `${path}name`, message: `Point names cannot contain " < > or &.` });
    } else if (seen.has(name)) {
      issues.push({ path: `${path}name`, message: `Two points are named "${name}".` });
    }
    seen.add(name);
    if (!isHexColor(point.color)) issues.push({ path: `${path}color`, message: "Pick a color for the point." });
    issues.push(...checkAttributes(point.attributes, path));
  }
  return issues;
}

/** The problems of one label; `otherNames` are the names of the other labels in the set. */
export function validateLabel(label: LabelDraft, otherNames: string[] = []): LabelIssue[] {
  const issues: LabelIssue[] = [];
  const problem = checkName(label.name, "label");
  if (problem) issues.push({ path: "name", message: problem });
  else if (otherNames.includes(label.name.trim())) {
    issues.push({ path: "name", message: `A label named "${label.name.trim()}" already exists.` });
  }
  if (!isHexColor(label.color)) issues.push({ path: "color", message: "Use a color of the #rrggbb form." });
  issues.push(...checkAttributes(label.attributes, ""));
  if (label.type === "skeleton") issues.push(...checkSkeleton(label));
  return issues;
}

/** Whether a path-indexed issue belongs to a point, and which: "points.3.name" → 3. */
export function issuePoint(issue: LabelIssue): number | null {
  const match = /^points\.(\d+)\./.exec(issue.path);
  return match ? Number(match[1]) : null;
}

/** Sentences for the whole set (the Raw editor's report), each naming its label. */
export function validateLabels(labels: LabelDraft[]): string[] {
  const messages: string[] = [];
  labels.forEach((label, index) => {
    const others = labels.filter((_, i) => i < index).map((l) => l.name.trim());
    const title = label.name.trim() ? `Label "${label.name.trim()}"` : `Label ${index + 1}`;
    for (const issue of validateLabel(label, others)) messages.push(`${title}: ${issue.message}`);
  });
  return messages;
}
