/**
 * What the "Run actions" dialog says when a run ends: what changed, what was left and why, and that
 * the result is in the editor only (Save stores it, Undo takes it back in one step).
 */
import type { RunSummary, SkipReason } from "../../engine/annotationActions";

const shapes = (count: number) => (count === 1 ? "1 shape" : `${count} shapes`);
const frames = (count: number) => (count === 1 ? "1 frame" : `${count} frames`);

const LEFT_BECAUSE: Record<SkipReason, (count: number) => string> = {
  locked: (count) => (count === 1 ? "1 locked shape was left as it is" : `${count} locked shapes were left as they are`),
  label: (count) => `${shapes(count)} kept: ${count === 1 ? "its label does" : "their labels do"} not allow the new type`,
  empty: (count) => `${shapes(count)} kept or not copied: nothing of ${count === 1 ? "it" : "them"} would be inside the frame`,
  invalid: (count) => `${shapes(count)} kept: ${count === 1 ? "its points are" : "their points are"} not a valid shape`,
};

export function describeRun(summary: RunSummary): string {
  const done: string[] = [];
  if (summary.deleted > 0) done.push(`${shapes(summary.deleted)} removed`);
  if (summary.created > 0) done.push(`${shapes(summary.created)} created`);
  const head = done.length > 0 ? `${done.join(", ")} on ${frames(summary.frames)}.` : `Nothing to change on ${frames(summary.frames)}.`;
  const left = (Object.entries(summary.skipped) as [SkipReason, number][])
    .filter(([, count]) => count > 0)
    .map(([reason, count]) => `${LEFT_BECAUSE[reason](count)}.`);
  const tail = summary.changed ? ["Save to store it, or undo it in one step."] : [];
  return [head, ...left, ...tail].join(" ");
}
