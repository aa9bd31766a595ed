// Cursors and shape-kind checks of the canvas's edit handles.
import type { ShapeObject } from "../../engine/document/model";
import type { EditHandle } from "../../engine/geometry/editHandles";

const RESIZE_CURSORS: Readonly<Record<string, string>> = {
  n: "ns-resize",
  s: "ns-resize",
  e: "ew-resize",
  w: "ew-resize",
  ne: "nesw-resize",
  sw: "nesw-resize",
  nw: "nwse-resize",
  se: "nwse-resize",
};

export function handleCursor(handle: EditHandle): string {
  if (handle.kind === "vertex") return "pointer";
  if (handle.kind === "rotate") return "grab";
  return RESIZE_CURSORS[handle.handle] ?? "move";
}

export function isVertexShape(type: ShapeObject["type"]): type is "polygon" | "polyline" | "points" {
  return type === "polygon" || type === "polyline" || type === "points";
}
