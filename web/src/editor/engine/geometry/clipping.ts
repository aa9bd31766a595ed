/**
 * Fitting drawn, edited and pasted shapes into the image as CVAT does, and dropping shapes too
 * small to be meant. What is clipped: unrotated rectangles (coordinates clamped), polygons
 * (cut along the image border), polylines (outside runs replaced by their border crossings),
 * points (outside ones dropped). What isn't: rotated rectangles, ellipses, cuboids, masks and
 * skeletons, which CVAT keeps as drawn.
 */
import type { FlatPoints, Size } from "./coords";
import type { ShapeKind } from "./shapes";
import { ellipseRadii } from "./shapes";

/** CVAT's minimum side (image px) for a shape to be kept after drawing or pasting. */
export const MIN_SHAPE_SIZE = 3;

type Edge = {
  inside: (x: number, y: number) => boolean;
  /** Where the segment (x0, y0)–(x1, y1) crosses this border line. */
  cross: (x0: number, y0: number, x1: number, y1: number) => [number, number];
};

function imageEdges({ width, height }: Size): Edge[] {
  const atX = (bound: number) => (x0: number, y0: number, x1: number, y1: number): [number, number] => [
    bound,
    y0 + ((y1 - y0) * (bound - x0)) / (x1 - x0),
  ];
  const atY = (bound: number) => (x0: number, y0: number, x1: number, y1: number): [number, number] => [
    x0 + ((x1 - x0) * (bound - y0)) / (y1 - y0),
    bound,
  ];
  return [
    { inside: (x) => x >= 0, cross: atX(0) },
    { inside: (x) => x <= width, cross: atX(width) },
    { inside: (_x, y) => y >= 0, cross: atY(0) },
    { inside: (_x, y) => y <= height, cross: atY(height) },
  ];
}

function pushDistinct(out: number[], x: number, y: number): void {
  const n = out.length;
  if (n >= 2 && out[n - 2] === x && out[n - 1] === y) return;
  out.push(x, y);
}

/**
 * Clip a path against one border half-plane (Sutherland–Hodgman step). For a closed path the
 * edge from the last point back to the first is clipped too.
 */
function clipAgainst(flat: FlatPoints, edge: Edge, closed: boolean): number[] {
  const out: number[] = [];
  const n = flat.length / 2;
  if (n === 0) return out;
  const segments = closed ? n : n - 1;
  if (!closed && edge.inside(flat[0], flat[1])) pushDistinct(out, flat[0], flat[1]);
  for (let s = 0; s < segments; s++) {
    // For closed paths we walk the edges (i → i+1) starting from the last point, so each
    // vertex is emitted when we arrive at it.
    const i = closed ? (s + n - 1) % n : s;
    const j = (i + 1) % n;
    const [x0, y0, x1, y1] = [flat[2 * i], flat[2 * i + 1], flat[2 * j], flat[2 * j + 1]];
    const inside0 = edge.inside(x0, y0);
    const inside1 = edge.inside(x1, y1);
    if (inside0 !== inside1) {
      const [cx, cy] = edge.cross(x0, y0, x1, y1);
      pushDistinct(out, cx, cy);
    }
    if (inside1) pushDistinct(out, x1, y1);
  }
  if (closed && out.length >= 4 && out[0] === out[out.length - 2] && out[1] === out[out.length - 1]) {
    out.length -= 2;
  }
  return out;
}

/** A polygon cut to the image (its part inside the frame; boundary points included). */
export function clipPolygon(flat: FlatPoints, imageSize: Size): number[] {
  let result: number[] = [...flat];
  for (const edge of imageEdges(imageSize)) result = clipAgainst(result, edge, true);
  return result;
}

/**
 * A polyline fitted to the image the way CVAT does it: points outside are dropped and the points
 * where the line crosses the border are inserted, so it stays one line (running along the border
 * between where it left the image and where it came back).
 */
export function clipPolyline(flat: FlatPoints, imageSize: Size): number[] {
  let result: number[] = [...flat];
  for (const edge of imageEdges(imageSize)) result = clipAgainst(result, edge, false);
  return result;
}

/** Points outside the image are dropped (a point on the border is inside). */
export function clipPointsShape(flat: FlatPoints, { width, height }: Size): number[] {
  const out: number[] = [];
  for (let i = 0; i + 1 < flat.length; i += 2) {
    const x = flat[i];
    const y = flat[i + 1];
    if (x >= 0 && x <= width && y >= 0 && y <= height) out.push(x, y);
  }
  return out;
}

/** Clamp each coordinate of `[xtl, ytl, xbr, ybr]` into the image. */
export function clampRectangle(points: FlatPoints, { width, height }: Size): number[] {
  const clamp = (v: number, max: number) => Math.min(max, Math.max(0, v));
  return [clamp(points[0], width), clamp(points[1], height), clamp(points[2], width), clamp(points[3], height)];
}

function extent(flat: FlatPoints): { width: number; height: number } {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (let i = 0; i + 1 < flat.length; i += 2) {
    minX = Math.min(minX, flat[i]);
    maxX = Math.max(maxX, flat[i]);
    minY = Math.min(minY, flat[i + 1]);
    maxY = Math.max(maxY, flat[i + 1]);
  }
  return { width: maxX - minX, height: maxY - minY };
}

/**
 * CVAT's "too small to keep" rule: rectangles and ellipses need both sides ≥ 3 px; polygons and
 * polylines need one side ≥ 3 px and at least 3 / 2 points; a points shape needs one point.
 * Other types are always kept.
 */
export function meetsMinimumSize(type: ShapeKind, points: FlatPoints): boolean {
  switch (type) {
    case "rectangle":
      return points[2] - points[0] >= MIN_SHAPE_SIZE && points[3] - points[1] >= MIN_SHAPE_SIZE;
    case "ellipse": {
      const { rx, ry } = ellipseRadii(points);
      return 2 * rx >= MIN_SHAPE_SIZE && 2 * ry >= MIN_SHAPE_SIZE;
    }
    case "polygon":
    case "polyline": {
      const minimum = type === "polygon" ? 6 : 4;
      if (points.length < minimum) return false;
      const { width, height } = extent(points);
      return width >= MIN_SHAPE_SIZE || height >= MIN_SHAPE_SIZE;
    }
    case "points":
      return points.length >= 2;
    default:
      return true;
  }
}

/**
 * Fit a finished shape into the image and check it is still big enough. Returns the points to
 * store, or `null` when the shape must be discarded (drawn outside the image, or too small).
 */
export function fitShapeToImage(
  type: ShapeKind,
  points: FlatPoints,
  rotation: number,
  imageSize: Size,
): number[] | null {
  let fitted: number[];
  switch (type) {
    case "rectangle":
      fitted = rotation ? [...points] : clampRectangle(points, imageSize);
      break;
    case "polygon":
      fitted = clipPolygon(points, imageSize);
      break;
    case "polyline":
      fitted = clipPolyline(points, imageSize);
      break;
    case "points":
      fitted = clipPointsShape(points, imageSize);
      break;
    default:
      fitted = [...points];
  }
  return meetsMinimumSize(type, fitted) ? fitted : null;
}
