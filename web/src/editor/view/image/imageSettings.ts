/**
 * The image settings of the editor (CVAT's "Image settings" panel): brightness, contrast,
 * saturation and gamma of the frame, and a grid over it. Pure values and the rules around them:
 * defaults, whether anything needs computing at all, the canvas filter string (gamma as an SVG
 * transfer function), and a tolerant reading of what the browser stored.
 */

export interface ImageAdjustments {
  /** Percent, 100 = unchanged. */
  readonly brightness: number;
  readonly contrast: number;
  readonly saturation: number;
  /** Exponent applied as out = in^(1/gamma); 1 = unchanged, above 1 brightens the shadows. */
  readonly gamma: number;
}

export interface GridSettings {
  readonly show: boolean;
  /** Cell side in image pixels. */
  readonly size: number;
  /** "#rrggbb". */
  readonly color: string;
  /** Percent, 0–100. */
  readonly opacity: number;
}

export interface ImageSettings {
  readonly adjustments: ImageAdjustments;
  readonly grid: GridSettings;
}

export const PERCENT_RANGE = { min: 0, max: 200 } as const;
export const GAMMA_RANGE = { min: 0.2, max: 2.6, step: 0.01 } as const;
export const GRID_SIZE_RANGE = { min: 5, max: 1000 } as const;

export const NEUTRAL_ADJUSTMENTS: ImageAdjustments = { brightness: 100, contrast: 100, saturation: 100, gamma: 1 };
export const DEFAULT_GRID: GridSettings = { show: false, size: 100, color: "#ffffff", opacity: 100 };
export const DEFAULT_IMAGE_SETTINGS: ImageSettings = { adjustments: NEUTRAL_ADJUSTMENTS, grid: DEFAULT_GRID };

export function isNeutral(adjustments: ImageAdjustments): boolean {
  return (
    adjustments.brightness === 100 &&
    adjustments.contrast === 100 &&
    adjustments.saturation === 100 &&
    adjustments.gamma === 1
  );
}

/** The canvas 2D `filter` for brightness, contrast and saturation ("none" when all are neutral). */
export function cssFilter(adjustments: ImageAdjustments): string {
  const parts: string[] = [];
  if (adjustments.brightness !== 100) parts.push(`brightness(${adjustments.brightness}%)`);
  if (adjustments.contrast !== 100) parts.push(`contrast(${adjustments.contrast}%)`);
  if (adjustments.saturation !== 100) parts.push(`saturate(${adjustments.saturation}%)`);
  return parts.length > 0 ? parts.join(" ") : "none";
}

/**
 * The full filter: the CSS functions, then gamma through an SVG filter (CSS has no gamma
 * function) referenced by `gammaFilterUrl`, e.g. "url(#contour-gamma)".
 */
export function frameFilter(adjustments: ImageAdjustments, gammaFilterUrl: string): string {
  const css = cssFilter(adjustments);
  if (adjustments.gamma === 1) return css;
  return css === "none" ? gammaFilterUrl : `${css} ${gammaFilterUrl}`;
}

/** The SVG transfer function's exponent: out = in^(1/gamma), so gamma above 1 lifts the shadows. */
export function gammaExponent(gamma: number): number {
  return 1 / gamma;
}

const HEX_COLOR = /^#[0-9a-f]{6}$/i;

function numberIn(value: unknown, min: number, max: number, fallback: number): number {
  return typeof value === "number" && Number.isFinite(value) && value >= min && value <= max ? value : fallback;
}

function record(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/** Settings from stored JSON: each value that fits is kept, anything else falls back to its default. */
export function parseImageSettings(stored: unknown): ImageSettings {
  const root = record(stored);
  const a = record(root.adjustments);
  const g = record(root.grid);
  const n = NEUTRAL_ADJUSTMENTS;
  const d = DEFAULT_GRID;
  return {
    adjustments: {
      brightness: numberIn(a.brightness, PERCENT_RANGE.min, PERCENT_RANGE.max, n.brightness),
      contrast: numberIn(a.contrast, PERCENT_RANGE.min, PERCENT_RANGE.max, n.contrast),
      saturation: numberIn(a.saturation, PERCENT_RANGE.min, PERCENT_RANGE.max, n.saturation),
      gamma: numberIn(a.gamma, GAMMA_RANGE.min, GAMMA_RANGE.max, n.gamma),
    },
    grid: {
      show: typeof g.show === "boolean" ? g.show : d.show,
      size: numberIn(g.size, GRID_SIZE_RANGE.min, GRID_SIZE_RANGE.max, d.size),
      color: typeof g.color === "string" && HEX_COLOR.test(g.color) ? g.color.toLowerCase() : d.color,
      opacity: numberIn(g.opacity, 0, 100, d.opacity),
    },
  };
}

/** Grid line positions along one side: 0, size, 2·size, … up to and including `length`. */
export function gridLines(length: number, size: number): number[] {
  if (!(size > 0) || !(length > 0)) return [];
  const lines: number[] = [];
  for (let at = 0; at <= length; at += size) lines.push(at);
  return lines;
}
