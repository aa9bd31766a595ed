/**
 * Polygon and polyline interpolation between two keyframes by vertex correspondence: a line-by-line
 * port of the server's contour/core/annotations/resampling.py (CVAT's algorithm).
 *
 * Results must equal the server's bit for bit (tests/vectors/interpolation.json), so every float
 * operation keeps the Python's order: squares are `d * d` and lengths `Math.sqrt` of their sum (never
 * `Math.hypot`, which rounds differently), lengths are summed edge by edge from the start, and ties
 * go to the first candidate as there. Change this file only together with the Python.
 */

import type { FlatPoints } from "../geometry/coords";

type Point = readonly [number, number];

/** The curve at `t` (0 < t < 1) between flat point lists `left` and `right`; `closed` for polygons. */
export function interpolatePolyshape(left: FlatPoints, right: FlatPoints, t: number, closed: boolean): number[] {
  const leftPoints = pairs(left);
  const rightPoints = pairs(right);
  if (closed) {
    // A polygon is treated as the polyline that returns to its first vertex, so the closing edge
    // counts in the arc length; the duplicated vertex is dropped from the result again.
    leftPoints.push(leftPoints[0]);
    rightPoints.push(rightPoints[0]);
  }
  const matching = match(arcOffsets(leftPoints), arcOffsets(rightPoints));
  const moved = matching.map((matched, i) => matched.map((j) => lerp(leftPoints[i], rightPoints[j], t)));
  const reduced = thin(moved, matching, leftPoints, rightPoints);
  if (closed) reduced.pop();
  const flat: number[] = [];
  for (const [x, y] of reduced) flat.push(x, y);
  return flat;
}

function pairs(flat: FlatPoints): Point[] {
  if (flat.length === 0 || flat.length % 2 !== 0) {
    throw new RangeError(
      `a polygon or polyline needs a non-empty, even number of coordinates, got ${flat.length}`,
    );
  }
  const points: Point[] = [];
  for (let i = 0; i < flat.length; i += 2) points.push([flat[i], flat[i + 1]]);
  return points;
}

function distance(a: Point, b: Point): number {
  const dx = a[0] - b[0];
  const dy = a[1] - b[1];
  return Math.sqrt(dx * dx + dy * dy);
}

function length(points: readonly Point[]): number {
  let total = 0;
  for (let i = 1; i < points.length; i++) total += distance(points[i], points[i - 1]);
  return total;
}

function lerp(a: Point, b: Point, t: number): Point {
  return [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t];
}

/** Normalised cumulative arc length (0..1) at each vertex. */
function arcOffsets(points: readonly Point[]): number[] {
  const total = length(points);
  if (total === 0) {
    // As the server: a curve collapsed to one spot has its vertices spread evenly (CVAT gets NaN).
    const last = Math.max(points.length - 1, 1);
    return points.map((_, i) => i / last);
  }
  const offsets = [0];
  let accumulated = 0;
  for (let i = 1; i < points.length; i++) {
    accumulated += distance(points[i], points[i - 1]);
    offsets.push(accumulated / total);
  }
  return offsets;
}

/** Index of the offset closest to `value`; the first one on ties. */
function nearest(value: number, offsets: readonly number[]): number {
  let best = 0;
  let bestDistance = Math.abs(value - offsets[0]);
  for (let i = 1; i < offsets.length; i++) {
    const d = Math.abs(value - offsets[i]);
    if (d < bestDistance) {
      best = i;
      bestDistance = d;
    }
  }
  return best;
}

/** For every left vertex, the sorted right vertices it moves to (each right vertex used at least once). */
function match(leftOffsets: readonly number[], rightOffsets: readonly number[]): number[][] {
  const matching = leftOffsets.map((offset) => [nearest(offset, rightOffsets)]);
  const matched = new Set(matching.map((right) => right[0]));
  rightOffsets.forEach((offset, j) => {
    if (!matched.has(j)) matching[nearest(offset, leftOffsets)].push(j);
  });
  for (const right of matching) right.sort((a, b) => a - b);
  return matching;
}

/** Drop the crowded points of many-to-one stretches so vertices do not pile up near a keyframe. */
function thin(
  moved: readonly (readonly Point[])[],
  matching: readonly (readonly number[])[],
  left: readonly Point[],
  right: readonly Point[],
): Point[] {
  const reduced: Point[] = [];

  const closeRun = (first: number, last: number): void => {
    // Left vertices first..last all move to the same single right vertex.
    if (first === last) {
      reduced.push(moved[first][0]);
      return;
    }
    const stretch: Point[] = [];
    for (let i = first; i <= last; i++) stretch.push(moved[i][0]);
    reduced.push(...thinStretch(stretch, length(left.slice(first, last + 1)), last - first + 1));
  };

  let runStart: number | null = null;
  matching.forEach((targets, i) => {
    if (targets.length === 1) {
      if (runStart !== null && matching[runStart][0] === targets[0]) return;
      if (runStart !== null) closeRun(runStart, i - 1);
      runStart = i;
    } else {
      if (runStart !== null) {
        closeRun(runStart, i - 1);
        runStart = null;
      }
      // One left vertex fans out to right vertices targets[0]..targets[last].
      const firstTarget = targets[0];
      const lastTarget = targets[targets.length - 1];
      const span = right.slice(firstTarget, lastTarget + 1);
      reduced.push(...thinStretch(moved[i], length(span), lastTarget - firstTarget + 1));
    }
  });
  if (runStart !== null) closeRun(runStart, matching.length - 1);
  return reduced;
}

/** First and last point plus those at least L/(2N) from the last kept one; two close points merge. */
function thinStretch(points: readonly Point[], sourceLength: number, sourceCount: number): Point[] {
  const threshold = sourceLength / (2 * sourceCount);
  const first = points[0];
  const final = points[points.length - 1];
  const kept: Point[] = [first];
  let lastKept = first;
  for (let i = 1; i < points.length - 1; i++) {
    if (distance(lastKept, points[i]) >= threshold) {
      kept.push(points[i]);
      lastKept = points[i];
    }
  }
  kept.push(final);
  if (kept.length === 2 && distance(first, final) < threshold) {
    return [[(first[0] + final[0]) / 2, (first[1] + final[1]) / 2]];
  }
  return kept;
}
