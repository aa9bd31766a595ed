/**
 * The text drawn beside an object on the canvas (Workspace settings: "content of a text"): its
 * label and id, source, size and attribute values, as lines. Pure, so what a setting changes is
 * tested without a canvas.
 */
import type { ShapeObject } from "../../engine/document/model";
import type { ImageBox } from "../../engine/geometry/coords";
import type { TextContent } from "../../../lib/settings";

export interface TextLabel {
  readonly name: string;
  readonly attributes: readonly { readonly id: number; readonly name: string }[];
}

export interface ObjectTextInput {
  readonly shape: ShapeObject;
  readonly label: TextLabel | undefined;
  /** The id the user knows the object by (the server's once saved), or "" for none yet. */
  readonly id: string;
  readonly box: ImageBox | null;
}

/** The lines of an object's text for the chosen content; empty when nothing is chosen. */
export function objectTextLines(input: ObjectTextInput, content: readonly TextContent[]): string[] {
  const wants = (part: TextContent) => content.includes(part);
  const lines: string[] = [];
  const title = [wants("label") ? (input.label?.name ?? "") : "", wants("id") ? input.id : ""].filter(Boolean).join(" ");
  const source = wants("source") ? `(${input.shape.source})` : "";
  const first = [title, source].filter(Boolean).join(" ");
  if (first) lines.push(first);
  if (wants("dimensions") && input.box !== null) {
    const width = Math.round(input.box.xbr - input.box.xtl);
    const height = Math.round(input.box.ybr - input.box.ytl);
    lines.push(`${width}×${height}`);
  }
  if (wants("attributes") && input.label) {
    for (const attribute of input.label.attributes) {
      const value = input.shape.attributes[attribute.id];
      if (value !== undefined) lines.push(`${attribute.name}: ${value}`);
    }
  }
  return lines;
}

/** The shown id: the server's number once saved; none before (the local id means nothing to people). */
export function displayId(serverId: number | undefined): string {
  return serverId !== undefined ? String(serverId) : "";
}
