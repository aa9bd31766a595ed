/** The tools of the controls sidebar. */
import type { DrawableType } from "./drawingTool";

export type Tool = "cursor" | DrawableType | "tag";

export const TOOL_LABELS: Readonly<Record<Tool, string>> = {
  cursor: "Cursor",
  rectangle: "Rectangle",
  polygon: "Polygon",
  polyline: "Polyline",
  points: "Points",
  ellipse: "Ellipse",
  tag: "Tag",
};

/** How each drawing tool is used, for its tooltip. */
export const TOOL_HINTS: Readonly<Record<Tool, string>> = {
  cursor: "Select and move objects; drag empty space to pan",
  rectangle: "Two clicks or a drag",
  polygon: "Click points; N or double click finishes",
  polyline: "Click points; N or double click finishes",
  points: "Click points; N or double click finishes",
  ellipse: "Two clicks or a drag for its box",
  tag: "Click the frame to tag it",
};

export function isDrawingTool(tool: Tool): tool is DrawableType {
  return tool !== "cursor" && tool !== "tag";
}
