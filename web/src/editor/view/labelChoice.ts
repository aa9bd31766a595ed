/**
 * Which labels each tool of the controls sidebar offers, and why it does not offer the others. A
 * label's type limits what it goes on (engine/document/labelTypes.ts); and some types have no tool
 * yet (skeletons, cuboids, masks), so their labels are offered for none, with the reason given.
 */
import { labelAllows } from "../engine/document/labelTypes";
import type { Tool } from "./tools";

/** What these rules need of a label. */
export interface TypedLabel {
  readonly id: number;
  readonly name: string;
  readonly type: string;
}

/** The tools that create objects, hence need a label. */
export type CreatingTool = Exclude<Tool, "cursor">;

export const CREATING_TOOLS: readonly CreatingTool[] = ["rectangle", "polygon", "polyline", "points", "ellipse", "tag"];

const PLURALS: Readonly<Record<string, string>> = {
  rectangle: "rectangles",
  polygon: "polygons",
  polyline: "polylines",
  points: "points",
  ellipse: "ellipses",
  cuboid: "cuboids",
  mask: "masks",
  skeleton: "skeletons",
  tag: "tags",
};

/** Types whose objects the editor cannot draw yet (every other known type has its tool). */
const NOT_DRAWABLE_YET: ReadonlySet<string> = new Set(["cuboid", "mask", "skeleton"]);

function isCreatingTool(tool: Tool): tool is CreatingTool {
  return tool !== "cursor";
}

/** Whether some tool of the sidebar can use the label. */
function hasTool(label: TypedLabel): boolean {
  return CREATING_TOOLS.some((tool) => labelAllows(label.type, tool));
}

/**
 * Why `tool` does not offer `label` (`null`: it does). The cursor tool creates nothing; there the
 * label is the one the next drawing gets, so any label that some tool can use will do.
 */
export function whyNotFor(label: TypedLabel, tool: Tool): string | null {
  if (isCreatingTool(tool) ? labelAllows(label.type, tool) : hasTool(label)) return null;
  const name = `"${label.name}"`;
  const plural = PLURALS[label.type];
  if (NOT_DRAWABLE_YET.has(label.type)) return `${name} is a ${label.type} label, and drawing ${plural} is not available yet.`;
  if (plural === undefined) return `${name} has the type "${label.type}", which the editor cannot draw.`;
  if (label.type === "tag") return `${name} is for tags only: use the Tag tool.`;
  return `${name} is for ${plural} only.`;
}

/** The label `tool` draws with: the chosen one if it fits, else the first that does (`null`: none). */
export function labelForTool<L extends TypedLabel>(labels: readonly L[], chosenId: number | null, tool: Tool): L | null {
  const chosen = labels.find((label) => label.id === chosenId);
  if (chosen !== undefined && whyNotFor(chosen, tool) === null) return chosen;
  return labels.find((label) => whyNotFor(label, tool) === null) ?? null;
}

/** Why `tool` cannot be used at all (`null`: some label fits it). */
export function whyToolUnavailable(labels: readonly TypedLabel[], tool: Tool): string | null {
  if (!isCreatingTool(tool) || labelForTool(labels, null, tool) !== null) return null;
  if (labels.length === 0) return "The job has no labels.";
  return `No label of this job is for ${PLURALS[tool]}.`;
}
