/**
 * Measurements on flat point lists (areas, lengths, nearest points) shared by hit testing,
 * polygon editing and simplification. Image space, y pointing down.
 */
import { type FlatPoints, type ImagePoint, imagePoint, pointCount } from "./coords";

/**
 * Shoelace area with sign: positive when the vertices turn clockwise on screen (y down),
 * negative when they turn anticlockwise.
 */
export function signedArea(flat: FlatPoints): number {
  const n = pointCount(flat);
  if (n < 3) return 0;
  let twice = 0;
  for (let i = 0; i < n; i++) {
    const j = (i + 1) % n;
    twice += flat[2 * i] * flat[2 * j + 1] - flat[2 * j] * flat[2 * i + 1];
  }
  return twice / 2;
}

/** Area enclosed by a polygon (absolute value; self-crossing polygons count signed lobes). */
export function polygonArea(flat: FlatPoints): number {
  return Math.abs(signedArea(flat));
}

/** Length of the path through the points; `closed` adds the edge from the last point back to the first. */
export function pathLength(flat: FlatPoints, closed: boolean): number {
  const n = pointCount(flat);
  let length = 0;
  for (let i = 1; i < n; i++) {
    length += Math.hypot(flat[2 * i] - flat[2 * i - 2], flat[2 * i + 1] - flat[2 * i - 1]);
  }
  if (closed && n > 2) {
    length += Math.hypot(flat[0] - flat[2 * n - 2], flat[1] - flat[2 * n - 1]);
  }
  return length;
}

export type SegmentProjection = {
  /** The nearest point on the segment. */
  readonly point: ImagePoint;
  /** Where that point lies along the segment: 0 at `a`, 1 at `b`. */
  readonly t: number;
  readonly distance: number;
};

/** Nearest point to `p` on the segment a–b. */
export function projectOnSegment(p: ImagePoint, a: ImagePoint, b: ImagePoint): SegmentProjection {
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const lengthSquared = dx * dx + dy * dy;
  let t = lengthSquared === 0 ? 0 : ((p.x - a.x) * dx + (p.y - a.y) * dy) / lengthSquared;
  t = Math.min(1, Math.max(0, t));
  const point = imagePoint(a.x + t * dx, a.y + t * dy);
  return { point, t, distance: Math.hypot(p.x - point.x, p.y - point.y) };
}

export type EdgeProjection = SegmentProjection & {
  /** The edge runs from point `edgeIndex` to point `edgeIndex + 1` (wrapping to 0 when closed). */
  readonly edgeIndex: number;
};

/** Nearest edge of a path to `p`; `null` when the path has fewer than 2 points. */
export function nearestEdge(flat: FlatPoints, p: ImagePoint, closed: boolean): EdgeProjection | null {
  const n = pointCount(flat);
  if (n < 2) return null;
  const edges = closed && n > 2 ? n : n - 1;
  let best: EdgeProjection | null = null;
  for (let i = 0; i < edges; i++) {
    const j = (i + 1) % n;
    const projection = projectOnSegment(
      p,
      imagePoint(flat[2 * i], flat[2 * i + 1]),
      imagePoint(flat[2 * j], flat[2 * j + 1]),
    );
    if (best === null || projection.distance < best.distance) best = { ...projection, edgeIndex: i };
  }
  return best;
}

/** Distance from `p` to the nearest edge of a path (Infinity for no points; point distance for one). */
export function distanceToPath(flat: FlatPoints, p: ImagePoint, closed: boolean): number {
  const n = pointCount(flat);
  if (n === 0) return Infinity;
  if (n === 1) return Math.hypot(p.x - flat[0], p.y - flat[1]);
  return (nearestEdge(flat, p, closed) as EdgeProjection).distance;
}

export type NearestVertex = { readonly index: number; readonly distance: number };

/** The vertex closest to `p`; `null` for no points. */
export function nearestVertex(flat: FlatPoints, p: ImagePoint): NearestVertex | null {
  const n = pointCount(flat);
  let best: NearestVertex | null = null;
  for (let i = 0; i < n; i++) {
    const distance = Math.hypot(p.x - flat[2 * i], p.y - flat[2 * i + 1]);
    if (best === null || distance < best.distance) best = { index: i, distance };
  }
  return best;
}

/** Even–odd rule: is `p` inside the polygon? Points exactly on an edge may go either way. */
export function isPointInPolygon(flat: FlatPoints, p: ImagePoint): boolean {
  const n = pointCount(flat);
  if (n < 3) return false;
  let inside = false;
  for (let i = 0, j = n - 1; i < n; j = i++) {
    const xi = flat[2 * i];
    const yi = flat[2 * i + 1];
    const xj = flat[2 * j];
    const yj = flat[2 * j + 1];
    if (yi > p.y !== yj > p.y && p.x < ((xj - xi) * (p.y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** Convex hull (Andrew's monotone chain), clockwise on screen; used for cuboid hit tests. */
export function convexHull(points: readonly ImagePoint[]): ImagePoint[] {
  const sorted = [...points].sort((a, b) => a.x - b.x || a.y - b.y);
  if (sorted.length < 3) return sorted;
  const cross = (o: ImagePoint, a: ImagePoint, b: ImagePoint) =>
    (a.x - o.x) * (b.y - o.y) - (a.y - o.y) * (b.x - o.x);
  const lower: ImagePoint[] = [];
  for (const p of sorted) {
    while (lower.length >= 2 && cross(lower[lower.length - 2], lower[lower.length - 1], p) <= 0) lower.pop();
    lower.push(p);
  }
  const upper: ImagePoint[] = [];
  for (let i = sorted.length - 1; i >= 0; i--) {
    const p = sorted[i];
    while (upper.length >= 2 && cross(upper[upper.length - 2], upper[upper.length - 1], p) <= 0) upper.pop();
    upper.push(p);
  }
  lower.pop();
  upper.pop();
  return lower.concat(upper);
}
