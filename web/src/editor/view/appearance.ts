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

/** The colour after `current` in the instance palette (Enter cycles an object's colour). */
export function nextPaletteColor(current: string | undefined): string {
  const index = current === undefined ? -1 : PALETTE.indexOf(current.toLowerCase());
  return PALETTE[(index + 1) % PALETTE.length] ?? FALLBACK_COLOR;
}

/** The palette the colour picker offers as presets. */
export const INSTANCE_COLORS: readonly string[] = PALETTE;

/**
 * What the canvas draws with: "show bitmap" is CVAT's mask preview, every shape fully opaque in
 * its colour on black, without outlines of another colour (the frame image is hidden by the view).
 */
export function canvasAppearance(appearance: Appearance): Appearance {
  if (!appearance.showBitmap) return appearance;
  return { ...appearance, opacity: 1, selectedOpacity: 1, outlined: false };
}

export const BITMAP_BACKGROUND = "#000000";

const STORAGE_KEY = "contour.editor.appearance";

/** Minimal storage surface (window.localStorage fits; tests pass a Map-backed one). */
export interface AppearanceStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

/** The stored appearance, field by field: anything missing or malformed keeps its default. */
export function loadAppearance(storage: AppearanceStorage | undefined): Appearance {
  let stored: unknown;
  try {
    stored = JSON.parse(storage?.getItem(STORAGE_KEY) ?? "null");
  } catch {
    stored = null;
  }
  if (stored === null || typeof stored !== "object") return DEFAULT_APPEARANCE;
  const raw = stored as Record<string, unknown>;
  const fraction = (value: unknown, fallback: number) =>
    typeof value === "number" && Number.isFinite(value) ? Math.min(1, Math.max(0, value)) : fallback;
  const flag = (value: unknown, fallback: boolean) => (typeof value === "boolean" ? value : fallback);
  return {
    colorBy: (COLOR_BY as readonly unknown[]).includes(raw.colorBy) ? (raw.colorBy as ColorBy) : DEFAULT_APPEARANCE.colorBy,
    opacity: fraction(raw.opacity, DEFAULT_APPEARANCE.opacity),
    selectedOpacity: fraction(raw.selectedOpacity, DEFAULT_APPEARANCE.selectedOpacity),
    outlined: flag(raw.outlined, DEFAULT_APPEARANCE.outlined),
    outlineColor:
      typeof raw.outlineColor === "string" && /^#[0-9a-f]{6}$/i.test(raw.outlineColor)
        ? raw.outlineColor
        : DEFAULT_APPEARANCE.outlineColor,
    showBitmap: flag(raw.showBitmap, DEFAULT_APPEARANCE.showBitmap),
    showProjections: flag(raw.showProjections, DEFAULT_APPEARANCE.showProjections),
  };
}

export function saveAppearance(storage: AppearanceStorage | undefined, appearance: Appearance): void {
  try {
    storage?.setItem(STORAGE_KEY, JSON.stringify(appearance));
  } catch {
    // A full or disabled storage only costs the setting after a reload.
  }
}
