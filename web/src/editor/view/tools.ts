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
  cursor: "Select, move and reshape objects (Alt+click deletes a point, Shift+click redraws part of a contour); drag empty space to pan",
  rectangle: "Two clicks or a drag (or 4 extreme points, in the drawing options)",
  polygon: "Click points, or Shift-drag; Ctrl follows another shape's border; right click takes a point back; N or double click finishes",
  polyline: "Click points, or Shift-drag; Ctrl follows another shape's border; right click takes a point back; N or double click finishes",
  points: "Click points; N or double click finishes",
  ellipse: "Two clicks or a drag for its box",
  tag: "Click the frame to tag it",
};

export function isDrawingTool(tool: Tool): tool is DrawableType {
  return tool !== "cursor" && tool !== "tag";
}
