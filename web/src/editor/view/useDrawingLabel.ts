/**
 * The label new objects get, kept to what the tools can draw with (labelChoice.ts): choosing a
 * label the tool cannot use is refused, choosing a tool the label does not fit switches to one
 * that does, and an object the label may not go on is not created; each time the user is told.
 */
import { useState } from "react";
import type { Label } from "../../api/types";
import { labelForTool, whyNotFor, whyToolUnavailable } from "./labelChoice";
import type { Tool } from "./tools";

export interface DrawingLabel {
  labelId: number | null;
  /** Picks the label for `forTool` (the current tool when absent), unless that tool cannot use it. */
  chooseLabel: (id: number, forTool?: Tool) => void;
  /** Before `next` becomes the tool: false when no label fits it (said); switches the label if need be (said). */
  prepareTool: (next: Tool) => boolean;
  /** Why the chosen label cannot go on an object made with `tool` (`null`: it can). */
  problemFor: (tool: Tool) => string | null;
}

export function useDrawingLabel(
  labels: readonly Label[],
  tool: Tool,
  say: { warn: (text: string) => void; inform: (text: string) => void },
): DrawingLabel {
  // At first the first label some tool can use (a skeleton label, say, cannot be drawn yet).
  const [labelId, setLabelId] = useState<number | null>(() => labelForTool(labels, null, "cursor")?.id ?? null);
  const labelById = (id: number | null) => labels.find((each) => each.id === id);

  const chooseLabel = (id: number, forTool: Tool = tool) => {
    const label = labelById(id);
    if (label === undefined) return;
    const why = whyNotFor(label, forTool);
    if (why === null) setLabelId(id);
    else say.warn(why);
  };

  const prepareTool = (next: Tool): boolean => {
    if (next === "cursor") return true; // it creates nothing
    const label = labelForTool(labels, labelId, next);
    if (label === null) {
      say.warn(whyToolUnavailable(labels, next) ?? "No label fits this tool.");
      return false;
    }
    if (label.id !== labelId) {
      const chosen = labelById(labelId);
      const why = chosen === undefined ? null : whyNotFor(chosen, next);
      say.inform(`${why === null ? "" : `${why} `}Drawing with "${label.name}".`);
      setLabelId(label.id);
    }
    return true;
  };

  const problemFor = (kind: Tool): string | null => {
    const label = labelById(labelId);
    return label === undefined ? "Choose a label first." : whyNotFor(label, kind);
  };

  return { labelId, chooseLabel, prepareTool, problemFor };
}
