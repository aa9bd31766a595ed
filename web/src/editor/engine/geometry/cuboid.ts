/**
 * Geometry of 2D cuboids as the server stores them: 8 points, the front face's top-left,
 * bottom-left, top-right and bottom-right, then the same four of the back face. What the canvas
 * needs to draw one: its front face, its 12 edges, and its projection lines (the Appearance
 * panel's "Show projections"): edges that are parallel in 3D, extended to where their images meet,
 * the vanishing point.
 */
import type { FlatPoints } from "./coords";

/** A line segment, [x1, y1, x2, y2]. */
export type Segment = readonly [number, number, number, number];

/** Corner indices (into the 8 points) of the front face, in drawing order. */
const FRONT_FACE = [0, 2, 3, 1] as const;
/** The 12 edges: front face, back face, and the depth edges joining them. */
const EDGES: readonly (readonly [number, number])[] = [
  [0, 2], [2, 3], [3, 1], [1, 0],
  [4, 6], [6, 7], [7, 5], [5, 4],
  [0, 4], [1, 5], [2, 6], [3, 7],
]; // prettier-ignore
/** Pairs of edges parallel in 3D: the front face's top and bottom, and the depth edges of each side. */
const PARALLEL_PAIRS: readonly (readonly [readonly [number, number], readonly [number, number]])[] = [
  [[0, 2], [1, 3]],
  [[2, 6], [3, 7]],
  [[0, 4], [1, 5]],
];
/** Below this |sin| of the angle between two edges they count as parallel: no vanishing point to draw to. */
const PARALLEL_SINE = 1e-3;

export const CUBOID_NUMBERS = 16;

function corner(points: FlatPoints, index: number): [number, number] {
  return [points[2 * index]!, points[2 * index + 1]!];
}

export function isCuboid(points: FlatPoints): boolean {
  return points.length === CUBOID_NUMBERS;
}

/** The front face as a closed path (flat points). */
export function cuboidFrontFace(points: FlatPoints): number[] {
  return FRONT_FACE.flatMap((index) => corner(points, index));
}

export function cuboidEdges(points: FlatPoints): Segment[] {
  return EDGES.map(([a, b]) => [...corner(points, a), ...corner(points, b)] as const);
}

/**
 * For each pair of edges parallel in 3D whose images converge, the two lines from the edges'
 * nearer ends to the vanishing point. Pairs drawn parallel (an orthographic-looking cuboid) or
 * meeting between their ends (a twisted one) have none.
 */
export function cuboidProjections(points: FlatPoints): Segment[] {
  const segments: Segment[] = [];
  for (const [first, second] of PARALLEL_PAIRS) {
    const a = [...corner(points, first[0]), ...corner(points, first[1])] as const;
    const b = [...corner(points, second[0]), ...corner(points, second[1])] as const;
    const meet = vanishingPoint(a, b);
    if (meet === null) continue;
    for (const edge of [a, b]) segments.push([...nearerEnd(edge, meet), ...meet]);
  }
  return segments;
}

/** Where the lines through two segments meet, when both lie beyond the same ends of the segments. */
function vanishingPoint(a: Segment, b: Segment): [number, number] | null {
  const [ax, ay] = [a[2] - a[0], a[3] - a[1]];
  const [bx, by] = [b[2] - b[0], b[3] - b[1]];
  const cross = ax * by - ay * bx;
  const lengths = Math.hypot(ax, ay) * Math.hypot(bx, by);
  if (lengths === 0 || Math.abs(cross) < PARALLEL_SINE * lengths) return null;
  // a0 + t·da = b0 + u·db
  const t = ((b[0] - a[0]) * by - (b[1] - a[1]) * bx) / cross;
  const u = ((b[0] - a[0]) * ay - (b[1] - a[1]) * ax) / cross;
  const beyondEnd = t > 1 && u > 1;
  const beforeStart = t < 0 && u < 0;
  if (!beyondEnd && !beforeStart) return null;
  return [a[0] + t * ax, a[1] + t * ay];
}

function nearerEnd(edge: Segment, p: readonly [number, number]): [number, number] {
  const first = Math.hypot(edge[0] - p[0], edge[1] - p[1]);
  const second = Math.hypot(edge[2] - p[0], edge[3] - p[1]);
  return first <= second ? [edge[0], edge[1]] : [edge[2], edge[3]];
}
