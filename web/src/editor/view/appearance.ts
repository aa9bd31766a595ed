/**
 * How objects look on the canvas (the Appearance panel of the objects sidebar): what colours them,
 * how opaque their fill is, whether borders are outlined in one colour. Client-only, not undone.
 */
import type { ShapeObject, ViewFlags } from "../engine/document/model";
import { FALLBACK_COLOR } from "./colors";

export const COLOR_BY = ["instance", "group", "label"] as const;
export type ColorBy = (typeof COLOR_BY)[number];

export interface Appearance {
  colorBy: ColorBy;
  /** Fill opacity of unselected shapes, 0–1. */
  opacity: number;
  /** Fill opacity of selected (and active) shapes, 0–1. */
  selectedOpacity: number;
  /** Draw every border in `outlineColor` instead of the object's colour. */
  outlined: boolean;
  outlineColor: string;
  showBitmap: boolean;
  showProjections: boolean;
}

// CVAT's defaults: label colours, fill at 3/100 (selected 30/100) of the palette's range.
export const DEFAULT_APPEARANCE: Appearance = {
  colorBy: "label",
  opacity: 0.2,
  selectedOpacity: 0.4,
  outlined: false,
  outlineColor: "#000000",
  showBitmap: false,
  showProjections: false,
};

/** Distinct colours for instances and groups, picked by a stable hash so they do not change between renders. */
const PALETTE = [
  "#e6194b", "#3cb44b", "#ffe119", "#4363d8", "#f58231", "#911eb4", "#46f0f0", "#f032e6",
  "#bcf60c", "#fabebe", "#008080", "#e6beff", "#9a6324", "#fffac8", "#800000", "#aaffc3",
  "#808000", "#ffd8b1", "#000075", "#808080",
];

export function paletteColor(key: string | number): string {
  const text = String(key);
  let hash = 0;
  for (let i = 0; i < text.length; i += 1) hash = (hash * 31 + text.charCodeAt(i)) | 0;
  return PALETTE[Math.abs(hash) % PALETTE.length] ?? FALLBACK_COLOR;
}

/** The colour an object is drawn with: an instance colour the user chose wins, then the mode. */
export function objectColor(
  shape: Pick<ShapeObject, "clientId" | "labelId" | "group">,
  flags: ViewFlags,
  colorBy: ColorBy,
  labelColors: ReadonlyMap<number, string>,
): string {
  if (flags.color) return flags.color;
  switch (colorBy) {
    case "instance":
      return paletteColor(shape.clientId);
    case "group":
      return shape.group === 0 ? "#808080" : paletteColor(`group:${shape.group}`);
    case "label":
      return labelColors.get(shape.labelId) ?? FALLBACK_COLOR;
  }
}
