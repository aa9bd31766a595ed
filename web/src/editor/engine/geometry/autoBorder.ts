/**
 * Automatic bordering (Ctrl while drawing, or the "Automatic bordering" setting): the new
 * polygon/polyline follows the contour of an existing shape between vertices the user clicks,
 * so neighbouring objects share their border exactly.
 *
 * CVAT's click sequence on another shape's vertices: the first click adds that vertex; the
 * second marks the direction to go round; the third adds every vertex from the first to the
 * third along that direction. Clicking the direction vertex twice just adds it. Without a
 * direction click (`twoClicks`), the second click follows the shorter way round.
 */
import { type FlatPoints, type ImagePoint, pointAt, pointCount, toFlatPoints } from "./coords";
import { pathLength } from "./polyMath";
import { type ShapeGeometry, rectangleCorners } from "./shapes";

/** The vertices a shape offers to follow; closed contours can be walked both ways round. */
export type BorderContour = { readonly points: FlatPoints; readonly closed: boolean };

/** Contour of a shape for bordering: polygons and rectangles (their corners) are closed, polylines and points open. */
export function borderContourOf(shape: ShapeGeometry): BorderContour | null {
  switch (shape.type) {
    case "polygon":
      return { points: shape.points, closed: true };
    case "rectangle":
      return { points: toFlatPoints(rectangleCorners(shape.points, shape.rotation ?? 0)), closed: true };
    case "polyline":
    case "points":
      return { points: shape.points, closed: false };
    default:
      return null;
  }
}

/** Indices after `from` up to `to` going round a closed contour of `n` vertices in `step` direction. */
function walkRound(from: number, to: number, step: 1 | -1, n: number): number[] {
  const indices: number[] = [];
  for (let i = from; i !== to; ) {
    i = (i + step + n) % n;
    indices.push(i);
  }
  return indices;
}

/** Indices after `from` up to `to` along an open contour. */
function walkAlong(from: number, to: number): number[] {
  const indices: number[] = [];
  const step = from < to ? 1 : -1;
  for (let i = from + step; i !== to + step; i += step) indices.push(i);
  return indices;
}

function lengthOf(contour: BorderContour, indices: readonly number[], from: number): number {
  const flat: number[] = [contour.points[2 * from], contour.points[2 * from + 1]];
  for (const i of indices) flat.push(contour.points[2 * i], contour.points[2 * i + 1]);
  return pathLength(flat, false);
}

/**
 * The vertices to add when following `contour` from vertex `from` (already drawn, not repeated)
 * to vertex `to` (included). On a closed contour the walk goes the way that passes `via` when
 * given, else the shorter way by length (forward on a tie). An open contour has one way.
 */
export function borderPath(contour: BorderContour, from: number, to: number, via?: number): ImagePoint[] {
  const n = pointCount(contour.points);
  if (from === to || from < 0 || to < 0 || from >= n || to >= n) return [];
  let indices: number[];
  if (!contour.closed) {
    indices = walkAlong(from, to);
  } else {
    const forward = walkRound(from, to, 1, n);
    const backward = walkRound(from, to, -1, n);
    if (via !== undefined && via !== from && via !== to) {
      indices = forward.includes(via) ? forward : backward;
    } else {
      indices = lengthOf(contour, backward, from) < lengthOf(contour, forward, from) ? backward : forward;
    }
  }
  return indices.map((i) => pointAt(contour.points, i));
}

/** Progress of the bordering clicks on one shape (`null`: none yet). */
export type AutoBorderState<Key> = { readonly shape: Key; readonly clicks: readonly number[] } | null;

export type AutoBorderStep<Key> = {
  readonly state: AutoBorderState<Key>;
  /** Points to append to the shape being drawn. */
  readonly added: ImagePoint[];
};

export type AutoBorderOptions = {
  /** Finish on the second click, going the shorter way round, instead of CVAT's direction click. */
  readonly twoClicks?: boolean;
};

/** Handle a click on vertex `index` of the shape `shape` (whose contour is `contour`) while bordering. */
export function autoBorderClick<Key>(
  state: AutoBorderState<Key>,
  shape: Key,
  contour: BorderContour,
  index: number,
  options: AutoBorderOptions = {},
): AutoBorderStep<Key> {
  const clicks = state !== null && state.shape === shape ? state.clicks : [];
  const point = pointAt(contour.points, index);
  if (clicks.length === 0) return { state: { shape, clicks: [index] }, added: [point] };
  if (clicks[0] === index) return { state: { shape, clicks }, added: [] };
  if (options.twoClicks) return { state: null, added: borderPath(contour, clicks[0], index) };
  if (clicks.length === 1) return { state: { shape, clicks: [clicks[0], index] }, added: [] };
  if (clicks[1] === index) return { state: null, added: [point] };
  return { state: null, added: borderPath(contour, clicks[0], index, clicks[1]) };
}
