/** Label colours as the canvas and the sidebars use them. */

/** Used for labels without a valid colour and for objects whose label is unknown. */
export const FALLBACK_COLOR = "#ff4d4f";

/** "#rrggbb" (or "#rgb") to an rgba() string with `alpha`; the fallback colour for anything else. */
export function withAlpha(color: string, alpha: number): string {
  const [r, g, b] = rgbOf(color) ?? rgbOf(FALLBACK_COLOR)!;
  return `rgba(${r}, ${g}, ${b}, ${alpha})`;
}

export function rgbOf(color: string): [number, number, number] | null {
  const short = /^#([0-9a-f])([0-9a-f])([0-9a-f])$/i.exec(color);
  if (short) return [short[1], short[2], short[3]].map((d) => parseInt(d + d, 16)) as [number, number, number];
  const long = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(color);
  if (long) return [long[1], long[2], long[3]].map((d) => parseInt(d, 16)) as [number, number, number];
  return null;
}

/** The colour of each label id; labels without a valid colour get the fallback. */
export function labelColors(labels: readonly { id: number; color?: string | null }[]): Map<number, string> {
  return new Map(labels.map((label) => [label.id, label.color && rgbOf(label.color) ? label.color : FALLBACK_COLOR]));
}
