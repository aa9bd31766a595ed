// How a moving task meets its new project. The server pairs each task label with the project
// label of the same name unless the request maps it to another one ({id, name} in `labels`);
// skeletons pair their points by name too. The dialog defaults to the name match and lets the
// user pick any compatible project label instead; it sends only the picks that differ by name.

interface NamedAttribute {
  name: string;
}

export interface NamedLabel {
  id: number;
  name: string;
  color?: string | null;
  type?: string;
  attributes?: NamedAttribute[];
  sublabels?: { name: string; attributes?: NamedAttribute[] }[];
}

/** The project label picked for each task label (by task label id); null while none is. */
export type LabelChoices = Record<number, number | null>;

export interface LabelMatch<L extends NamedLabel = NamedLabel> {
  taskLabel: L;
  projectLabel: L | null;
}

const isSkeleton = (label: NamedLabel) => label.type === "skeleton";

/** Why `projectLabel` cannot take `taskLabel`'s annotations, or null when it can. */
export function incompatibility(taskLabel: NamedLabel, projectLabel: NamedLabel): string | null {
  if (isSkeleton(taskLabel) !== isSkeleton(projectLabel)) {
    return isSkeleton(taskLabel) ? "not a skeleton" : "a skeleton";
  }
  const points = new Set((projectLabel.sublabels ?? []).map((sub) => sub.name));
  const lacking = (taskLabel.sublabels ?? []).filter((sub) => !points.has(sub.name)).map((sub) => sub.name);
  return lacking.length === 0 ? null : `no point ${lacking.map((name) => `“${name}”`).join(", ")}`;
}

function lostAttributes(from: NamedAttribute[] = [], to: NamedAttribute[] = [], prefix = ""): string[] {
  const kept = new Set(to.map((attribute) => attribute.name));
  return from.filter((attribute) => !kept.has(attribute.name)).map((attribute) => prefix + attribute.name);
}

/** Attributes (“point.attribute” inside skeletons) whose values the move drops: the project
 * label has no attribute of that name. */
export function droppedAttributes(taskLabel: NamedLabel, projectLabel: NamedLabel): string[] {
  const points = new Map((projectLabel.sublabels ?? []).map((sub) => [sub.name, sub]));
  return [
    ...lostAttributes(taskLabel.attributes, projectLabel.attributes),
    ...(taskLabel.sublabels ?? []).flatMap((sub) => lostAttributes(sub.attributes, points.get(sub.name)?.attributes, `${sub.name}.`)),
  ];
}

/** The picks the dialog starts from: the compatible project label of the same name, if any. */
export function defaultChoices(taskLabels: NamedLabel[], projectLabels: NamedLabel[]): LabelChoices {
  const byName = new Map(projectLabels.map((label) => [label.name, label]));
  const choices: LabelChoices = {};
  for (const taskLabel of taskLabels) {
    const namesake = byName.get(taskLabel.name);
    choices[taskLabel.id] = namesake && incompatibility(taskLabel, namesake) === null ? namesake.id : null;
  }
  return choices;
}

export function matchLabels<L extends NamedLabel>(taskLabels: L[], projectLabels: L[], choices: LabelChoices): LabelMatch<L>[] {
  const byId = new Map(projectLabels.map((label) => [label.id, label]));
  return taskLabels.map((taskLabel) => {
    const picked = choices[taskLabel.id];
    return { taskLabel, projectLabel: picked == null ? null : (byId.get(picked) ?? null) };
  });
}

export function unmatchedNames(matches: LabelMatch[]): string[] {
  return matches.filter((m) => m.projectLabel === null).map((m) => m.taskLabel.name);
}

/** The reason the move cannot happen yet, in the user's words, or null. */
export function moveBlocker(matches: LabelMatch[]): string | null {
  const missing = unmatchedNames(matches);
  if (missing.length === 0) return null;
  const list = missing.map((name) => `“${name}”`).join(", ");
  return missing.length === 1
    ? `Pick the project label that ${list} becomes (the project has none of that name).`
    : `Pick the project labels that ${list} become (the project has none of those names).`;
}

/** The `labels` of the PATCH: every task label that moves onto a project label of another name. */
export function renameMapping(matches: LabelMatch[]): { id: number; name: string }[] {
  return matches
    .filter((m): m is LabelMatch & { projectLabel: NamedLabel } => m.projectLabel !== null && m.projectLabel.name !== m.taskLabel.name)
    .map((m) => ({ id: m.taskLabel.id, name: m.projectLabel.name }));
}

/** Why a task cannot go to this project at all, or null. A task without data fits any dimension. */
export function projectMismatch(
  task: { size?: number | null; dimension: string },
  project: { dimension?: string | null },
): string | null {
  if (!task.size || !project.dimension || project.dimension === task.dimension) return null;
  return `${project.dimension.toUpperCase()} project; the task is ${task.dimension.toUpperCase()}`;
}
