// How a task's labels meet a project's when the task moves there. The server matches them by
// name and refuses the move while any task label has no namesake in the project.

export interface NamedLabel {
  id: number;
  name: string;
  color?: string | null;
}

export interface LabelMatch<L extends NamedLabel = NamedLabel> {
  taskLabel: L;
  projectLabel: L | null;
}

export function matchLabels<L extends NamedLabel>(taskLabels: L[], projectLabels: L[]): LabelMatch<L>[] {
  const byName = new Map(projectLabels.map((label) => [label.name, label]));
  return taskLabels.map((taskLabel) => ({ taskLabel, projectLabel: byName.get(taskLabel.name) ?? null }));
}

export function unmatchedNames(matches: LabelMatch[]): string[] {
  return matches.filter((m) => m.projectLabel === null).map((m) => m.taskLabel.name);
}

/** The reason the move cannot happen, in the user's words, or null. */
export function moveBlocker(matches: LabelMatch[]): string | null {
  const missing = unmatchedNames(matches);
  if (missing.length === 0) return null;
  const list = missing.map((name) => `“${name}”`).join(", ");
  return missing.length === 1
    ? `The project has no label named ${list}. Add it to the project first.`
    : `The project has no labels named ${list}. Add them to the project first.`;
}
