/**
 * Rules of drawing vertex shapes: when a Shift-drag adds a point, when a drawing may be finished
 * (and why not yet) or finishes by itself (a fixed number of points, the 4th extreme point of a rectangle), and
 * undoing the last point with a right click.
 */
import { type FlatPoints, type ScreenPoint, distance, pointCount } from "./coords";
import { type VertexShapeKind, minimumPointCount } from "./polygonEdit";

/** CVAT adds a point during a Shift-drag once the pointer moved this many CSS px from the last one. */
export const FREEHAND_MIN_DISTANCE_PX = 15;

/** Shift-drag drawing: add a point here? Always for the first point; later ones once far enough. */
export function shouldAddFreehandPoint(
  last: ScreenPoint | null,
  current: ScreenPoint,
  minDistance: number = FREEHAND_MIN_DISTANCE_PX,
): boolean {
  return last === null || distance(last, current) > minDistance;
}

/** May the user finish (N / Done) a shape of this type with `count` points? */
export function canFinishDrawing(type: VertexShapeKind, count: number): boolean {
  return count >= minimumPointCount(type);
}

/**
 * Why a vertex shape of `count` points cannot be finished yet, in words for the user (`null`: it
 * can). Said aloud, so that a finish that does nothing never leaves a silent preview behind.
 */
export function finishRefusal(type: VertexShapeKind, count: number): string | null {
  const minimum = minimumPointCount(type);
  if (count >= minimum) return null;
  const shape = type === "points" ? "A points shape" : type === "polygon" ? "A polygon" : "A polyline";
  const more = minimum - count;
  return `${shape} needs at least ${minimum} point${minimum === 1 ? "" : "s"}: click ${more} more, or cancel it.`;
}

/**
 * A "Number of points" value from the drawing popover or the `defaultPointsCount` query
 * parameter: `null` for none (finish by hand), else at least the type's minimum, as an integer.
 */
export function normalizeFixedPointCount(type: VertexShapeKind, value: number | null | undefined): number | null {
  if (value === null || value === undefined || !Number.isFinite(value) || value <= 0) return null;
  return Math.max(minimumPointCount(type), Math.floor(value));
}

/** With a fixed number of points, drawing stops by itself when that many points are placed. */
export function isDrawingComplete(count: number, fixedPointCount: number | null): boolean {
  return fixedPointCount !== null && count >= fixedPointCount;
}

/** Rectangles by 4 extreme points finish on the fourth click. */
export const EXTREME_POINTS_COUNT = 4;

/** Right click while drawing removes the last placed point (nothing to remove → unchanged). */
export function removeLastPoint(flat: FlatPoints): number[] {
  const n = pointCount(flat);
  return n === 0 ? [] : [...flat.slice(0, 2 * (n - 1))];
}
