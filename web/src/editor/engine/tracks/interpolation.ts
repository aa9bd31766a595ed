/**
 * A track's geometry between two keyframes, per shape type: a faithful port of `interpolate_points`
 * in the server's contour/core/annotations/interpolation.py, whose module docstring gives the rules
 * (linear types and rotation, 3D cuboid angles, resampled polygons and polylines, single points
 * moving while several points and masks repeat the left keyframe).
 *
 * The server and the editor must agree exactly, so floats are computed in the Python's order, and
 * Python's `%` (a floor modulo: the result takes the divisor's sign) is `floorMod` below, not JS's
 * truncating `%`.
 *
 * Shared test vectors: tests/vectors/interpolation.json holds track expansions written by the
 * Python (tests/unit/test_interpolation.py, VECTOR_CASES; regenerate with
 * `.venv/bin/python tests/unit/test_interpolation.py` once its hand-computed tests pass). Both the
 * pytest file and web/src/editor/engine/tracks/vectors.test.ts must reproduce every case bit for
 * bit: extend the vectors there when a rule changes, then port the change here.
 */

import type { ShapeType, TrackKeyframe } from "../document/model";
import { interpolatePolyshape } from "./resampling";

/** A track that cannot be interpolated: mixed shape types, duplicate keyframes, unusable points. */
export class InterpolationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "InterpolationError";
  }
}

/** What interpolation reads of a keyframe. */
export type KeyframeGeometry = Pick<TrackKeyframe, "type" | "frame" | "points" | "rotation">;

export interface InterpolatedGeometry {
  readonly points: number[];
  readonly rotation: number;
}

const LINEAR_TYPES: ReadonlySet<string> = new Set(["rectangle", "ellipse", "cuboid", "skeleton"]);
const POLY_TYPES: ReadonlySet<string> = new Set(["polygon", "polyline"]);
const REPEATED_TYPES: ReadonlySet<string> = new Set(["mask"]);
const ANGLE_INDICES_3D = [3, 4, 5]; // rx, ry, rz of [x, y, z, rx, ry, rz, sx, sy, sz, ...]
const TAU = 2 * Math.PI;

/**
 * Python's float `%`: JS `%` is C's `fmod` (exact, sign of the dividend); Python then adds the
 * divisor when the signs differ, and gives a zero the divisor's sign.
 */
export function floorMod(dividend: number, divisor: number): number {
  let remainder = dividend % divisor;
  if (remainder !== 0) {
    if (divisor < 0 !== remainder < 0) remainder += divisor;
  } else {
    remainder = divisor < 0 ? -0 : 0;
  }
  return remainder;
}

/** Points and rotation at `frame`, strictly between keyframes `a` and `b` of type `type`. */
export function interpolatePoints(
  type: ShapeType,
  a: KeyframeGeometry,
  b: KeyframeGeometry,
  frame: number,
  is3d = false,
): InterpolatedGeometry {
  if (a.type !== type || b.type !== type) {
    throw new InterpolationError(`cannot interpolate ${a.type} to ${b.type} as ${type}`);
  }
  if (!(a.frame < frame && frame < b.frame)) {
    throw new InterpolationError(`frame ${frame} is not strictly between keyframes ${a.frame} and ${b.frame}`);
  }
  const t = (frame - a.frame) / (b.frame - a.frame);
  const singlePoints = type === "points" && a.points.length === 2 && b.points.length === 2;
  if (LINEAR_TYPES.has(type) || singlePoints) {
    const points = linear(a.points, b.points, t);
    if (is3d && type === "cuboid") {
      if (a.points.length < 6) {
        throw new InterpolationError("a 3D cuboid needs at least 6 numbers (position, rotation)");
      }
      for (const i of ANGLE_INDICES_3D) points[i] = radiansOnShortestArc(a.points[i], b.points[i], t);
    }
    return { points, rotation: degreesOnShortestArc(a.rotation, b.rotation, t) };
  }
  if (POLY_TYPES.has(type)) {
    for (const shape of [a, b]) {
      if (shape.points.length === 0 || shape.points.length % 2 !== 0) {
        throw new InterpolationError(`a ${type} needs an even, non-zero number of coordinates`);
      }
    }
    return { points: interpolatePolyshape(a.points, b.points, t, type === "polygon"), rotation: a.rotation };
  }
  if (type === "points" || REPEATED_TYPES.has(type)) return { points: [...a.points], rotation: a.rotation };
  throw new InterpolationError(`unknown shape type ${JSON.stringify(type)}`);
}

function linear(a: readonly number[], b: readonly number[], t: number): number[] {
  if (a.length !== b.length) {
    throw new InterpolationError(`keyframes hold ${a.length} and ${b.length} coordinates; they must match`);
  }
  return a.map((x, i) => x + (b[i] - x) * t);
}

function degreesOnShortestArc(a: number, b: number, t: number): number {
  const difference = floorMod(b - a + 180, 360) - 180;
  return floorMod(a + difference * t + 360, 360);
}

function radiansOnShortestArc(a: number, b: number, t: number): number {
  const difference = floorMod(b - a + Math.PI, TAU) - Math.PI;
  return floorMod(a + difference * t + Math.PI, TAU) - Math.PI;
}
