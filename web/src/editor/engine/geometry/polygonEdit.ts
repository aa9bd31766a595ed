/**
 * Editing the vertices of polygons, polylines and points shapes: delete, move, insert, set the
 * start point, and the Shift+click editor that redraws part of a contour with CVAT's cutting
 * rules. All functions are pure: they return new flat point lists (or say why they refused).
 */
import { type FlatPoints, type ImagePoint, pointCount, toFlatPoints } from "./coords";
import { nearestEdge, pathLength } from "./polyMath";

export type VertexShapeKind = "polygon" | "polyline" | "points";

/** Fewest points each type may have: a polygon needs 3, a polyline 2, a points shape 1. */
export function minimumPointCount(type: VertexShapeKind): number {
  return type === "polygon" ? 3 : type === "polyline" ? 2 : 1;
}

/** Remove a vertex; `null` (refused) when that would leave fewer than the type's minimum. */
export function deletePoint(type: VertexShapeKind, flat: FlatPoints, index: number): number[] | null {
  const n = pointCount(flat);
  if (index < 0 || index >= n || n - 1 < minimumPointCount(type)) return null;
  return [...flat.slice(0, 2 * index), ...flat.slice(2 * index + 2)];
}

/** Make vertex `index` the first one, keeping the order of the others (CVAT's "Set start point"). */
export function setStartPoint(flat: FlatPoints, index: number): number[] {
  const n = pointCount(flat);
  if (n === 0) return [];
  const k = ((index % n) + n) % n;
  return [...flat.slice(2 * k, 2 * n), ...flat.slice(0, 2 * k)];
}

export function movePoint(flat: FlatPoints, index: number, to: ImagePoint): number[] {
  const result = [...flat];
  result[2 * index] = to.x;
  result[2 * index + 1] = to.y;
  return result;
}

/** Insert `point` on the edge that starts at vertex `edgeIndex` (it becomes vertex `edgeIndex + 1`). */
export function insertPoint(flat: FlatPoints, edgeIndex: number, point: ImagePoint): number[] {
  const at = 2 * (edgeIndex + 1);
  return [...flat.slice(0, at), point.x, point.y, ...flat.slice(at)];
}

export type InsertedPoint = { readonly points: number[]; readonly index: number };

/**
 * Insert a vertex where the pointer is nearest to an edge, if it is within `maxDistance` image
 * px (clicking on an edge of a selected polygon/polyline). The new vertex is the projection of
 * the pointer onto the edge.
 */
export function insertPointOnNearestEdge(
  type: "polygon" | "polyline",
  flat: FlatPoints,
  pointer: ImagePoint,
  maxDistance: number,
): InsertedPoint | null {
  const edge = nearestEdge(flat, pointer, type === "polygon");
  if (edge === null || edge.distance > maxDistance) return null;
  return { points: insertPoint(flat, edge.edgeIndex, edge.point), index: edge.edgeIndex + 1 };
}

/** Indices from `from` to `to` walking forward around a closed contour of `n` vertices, both included. */
function forwardArc(from: number, to: number, n: number): number[] {
  const indices = [from];
  for (let i = from; i !== to; ) {
    i = (i + 1) % n;
    indices.push(i);
  }
  return indices;
}

function pickIndices(flat: FlatPoints, indices: readonly number[]): number[] {
  const out: number[] = [];
  for (const i of indices) out.push(flat[2 * i], flat[2 * i + 1]);
  return out;
}

/** Rotate a polygon (given with the original index of each vertex, −1 for new ones) so original vertex 0 leads. */
function startAtOriginalFirst(flat: number[], origins: readonly number[]): number[] {
  const k = origins.indexOf(0);
  return k <= 0 ? flat : setStartPoint(flat, k);
}

export type PolygonEditOutcome =
  /** Nothing to change: a part would have fewer than 3 points, or both ends are the same vertex. */
  | { readonly kind: "cancelled" }
  /** The cutting rules decided which part to keep. */
  | { readonly kind: "decided"; readonly points: number[] }
  /** The rules disagree (or intelligent cropping is off): the user clicks the part to keep. */
  | { readonly kind: "choose"; readonly candidates: readonly [number[], number[]] };

export type PolygonEditOptions = {
  /** CVAT's "Intelligent polygon cropping" setting (on by default there). */
  readonly intelligentCropping: boolean;
};

/**
 * Shift+click editing of a polygon: the user drew `path` (the new points, without the two
 * vertices) from vertex `from` to vertex `to`. The new path replaces one of the two arcs of the
 * contour between those vertices, so there are two candidate polygons.
 *
 * CVAT's rule ("Intelligent polygon cropping"): it compares the two original arcs (vertices at
 * both ends included) by number of points and by length along the contour. When one arc has
 * more points *and* is longer, that arc is kept and the other one is cut off automatically;
 * otherwise — or with the setting off — the user chooses. We need strictly more and strictly
 * longer; CVAT's code, on a tie in point count, would silently keep one side.
 * Like CVAT, the edit is cancelled when either candidate would have fewer than 3 points.
 * Each result keeps the kept arc's direction, and starts at the original first vertex if it survives.
 */
export function editPolygonWithPath(
  flat: FlatPoints,
  from: number,
  to: number,
  path: readonly ImagePoint[],
  options: PolygonEditOptions,
): PolygonEditOutcome {
  const n = pointCount(flat);
  if (from === to || from < 0 || to < 0 || from >= n || to >= n) return { kind: "cancelled" };
  const forward = forwardArc(from, to, n); // from … to
  const backward = forwardArc(to, from, n); // to … from
  const newPoints = toFlatPoints(path);
  const reversedNewPoints = toFlatPoints([...path].reverse());
  const fresh = path.map(() => -1);

  // Keep the backward arc: from, path…, to, then on to from − 1.
  const keepBackwardOrigins = [from, ...fresh, ...backward.slice(0, -1)];
  const keepBackward = startAtOriginalFirst(
    [flat[2 * from], flat[2 * from + 1], ...newPoints, ...pickIndices(flat, backward.slice(0, -1))],
    keepBackwardOrigins,
  );
  // Keep the forward arc: from … to, then the path back to from.
  const keepForwardOrigins = [...forward, ...fresh];
  const keepForward = startAtOriginalFirst([...pickIndices(flat, forward), ...reversedNewPoints], keepForwardOrigins);

  if (pointCount(keepBackward) < 3 || pointCount(keepForward) < 3) return { kind: "cancelled" };

  if (options.intelligentCropping) {
    const forwardLength = pathLength(pickIndices(flat, forward), false);
    const backwardLength = pathLength(pickIndices(flat, backward), false);
    if (forward.length > backward.length && forwardLength > backwardLength) {
      return { kind: "decided", points: keepForward };
    }
    if (backward.length > forward.length && backwardLength > forwardLength) {
      return { kind: "decided", points: keepBackward };
    }
  }
  return { kind: "choose", candidates: [keepForward, keepBackward] };
}

/**
 * Shift+click editing of a polyline between two of its vertices: the drawn `path` replaces the
 * part between them (whichever was clicked first). With `from === to` the path becomes a loop
 * through that vertex.
 */
export function editPolylineWithPath(
  flat: FlatPoints,
  from: number,
  to: number,
  path: readonly ImagePoint[],
): number[] {
  const low = Math.min(from, to);
  const high = Math.max(from, to);
  const oriented = from <= to ? path : [...path].reverse();
  return [
    ...flat.slice(0, 2 * low + 2),
    ...toFlatPoints(oriented),
    ...flat.slice(2 * high),
  ];
}

/**
 * Shift+click editing of a polyline finished on the last drawn point instead of a vertex: the
 * line continues from vertex `from` along `path`. From the last vertex this extends the line at
 * its end; from a middle vertex it replaces everything after it (as CVAT). From vertex 0 of a
 * longer line we extend at the start instead of discarding the whole line, which is what a user
 * starting at that end means.
 */
export function extendPolyline(flat: FlatPoints, from: number, path: readonly ImagePoint[]): number[] {
  const n = pointCount(flat);
  if (from === 0 && n > 1) return [...toFlatPoints([...path].reverse()), ...flat];
  return [...flat.slice(0, 2 * from + 2), ...toFlatPoints(path)];
}

/** Shift+click editing of a points shape adds the newly clicked points. */
export function appendPoints(flat: FlatPoints, added: readonly ImagePoint[]): number[] {
  return [...flat, ...toFlatPoints(added)];
}
