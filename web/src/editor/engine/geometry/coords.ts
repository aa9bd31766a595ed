/**
 * Branded coordinate types: a point in image space (pixels of the frame, as the server stores
 * `points`) can't be passed where a screen point (CSS pixels of the canvas) is expected.
 */

declare const imageSpace: unique symbol;
declare const screenSpace: unique symbol;

/** A point in image pixels; (0, 0) is the top-left corner of the frame. */
export type ImagePoint = { readonly x: number; readonly y: number; readonly [imageSpace]: true };

/** A point in canvas CSS pixels; (0, 0) is the top-left corner of the canvas element. */
export type ScreenPoint = { readonly x: number; readonly y: number; readonly [screenSpace]: true };

/** An axis-aligned box in image space, in the server's `[xtl, ytl, xbr, ybr]` order. */
export type ImageBox = {
  readonly xtl: number;
  readonly ytl: number;
  readonly xbr: number;
  readonly ybr: number;
};

/** Width and height of something measured in pixels (an image, a canvas). */
export type Size = { readonly width: number; readonly height: number };

/** Flat point list exactly as the server stores it: `[x0, y0, x1, y1, …]` in image space. */
export type FlatPoints = readonly number[];

export function imagePoint(x: number, y: number): ImagePoint {
  return { x, y } as ImagePoint;
}

export function screenPoint(x: number, y: number): ScreenPoint {
  return { x, y } as ScreenPoint;
}

export function imageBox(xtl: number, ytl: number, xbr: number, ybr: number): ImageBox {
  return { xtl, ytl, xbr, ybr };
}

/** `[x0, y0, x1, y1, …]` → points; a trailing odd number is ignored (malformed input). */
export function toImagePoints(flat: FlatPoints): ImagePoint[] {
  const points: ImagePoint[] = [];
  for (let i = 0; i + 1 < flat.length; i += 2) points.push(imagePoint(flat[i], flat[i + 1]));
  return points;
}

/** Points → `[x0, y0, x1, y1, …]`, the server's shape. */
export function toFlatPoints(points: readonly ImagePoint[]): number[] {
  const flat: number[] = new Array<number>(points.length * 2);
  points.forEach((p, i) => {
    flat[2 * i] = p.x;
    flat[2 * i + 1] = p.y;
  });
  return flat;
}

/** Number of points in a flat list. */
export function pointCount(flat: FlatPoints): number {
  return Math.floor(flat.length / 2);
}

/** The i-th point of a flat list (no bounds check; callers iterate within `pointCount`). */
export function pointAt(flat: FlatPoints, index: number): ImagePoint {
  return imagePoint(flat[2 * index], flat[2 * index + 1]);
}

/** Euclidean distance; both points must be in the same space. */
export function distance(a: ImagePoint, b: ImagePoint): number;
export function distance(a: ScreenPoint, b: ScreenPoint): number;
export function distance(a: { x: number; y: number }, b: { x: number; y: number }): number {
  return Math.hypot(a.x - b.x, a.y - b.y);
}

export function midpoint(a: ImagePoint, b: ImagePoint): ImagePoint {
  return imagePoint((a.x + b.x) / 2, (a.y + b.y) / 2);
}

export function boxWidth(box: ImageBox): number {
  return box.xbr - box.xtl;
}

export function boxHeight(box: ImageBox): number {
  return box.ybr - box.ytl;
}

export function boxCenter(box: ImageBox): ImagePoint {
  return imagePoint((box.xtl + box.xbr) / 2, (box.ytl + box.ybr) / 2);
}

/** Smallest box that holds every point; `null` for no points. */
export function boxOfPoints(points: readonly ImagePoint[]): ImageBox | null {
  if (points.length === 0) return null;
  let xtl = Infinity;
  let ytl = Infinity;
  let xbr = -Infinity;
  let ybr = -Infinity;
  for (const p of points) {
    if (p.x < xtl) xtl = p.x;
    if (p.y < ytl) ytl = p.y;
    if (p.x > xbr) xbr = p.x;
    if (p.y > ybr) ybr = p.y;
  }
  return { xtl, ytl, xbr, ybr };
}

/** Smallest box that holds every point of a flat list, without building point objects; `null` for none. */
export function boxOfFlat(flat: FlatPoints): ImageBox | null {
  if (flat.length < 2) return null;
  let xtl = Infinity;
  let ytl = Infinity;
  let xbr = -Infinity;
  let ybr = -Infinity;
  for (let i = 0; i + 1 < flat.length; i += 2) {
    const x = flat[i];
    const y = flat[i + 1];
    if (x < xtl) xtl = x;
    if (x > xbr) xbr = x;
    if (y < ytl) ytl = y;
    if (y > ybr) ybr = y;
  }
  return { xtl, ytl, xbr, ybr };
}
