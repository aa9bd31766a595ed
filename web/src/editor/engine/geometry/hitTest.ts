/**
 * Hit testing for selection: how far a pointer is from a shape, and which of several shapes
 * under the pointer to pick. Filled shapes (rectangle, polygon, ellipse, cuboid, mask) are hit
 * anywhere inside; lines and points only near their strokes, within a tolerance given in screen
 * pixels so it feels the same at every zoom.
 */
import { type FlatPoints, type ImagePoint, imagePoint, toFlatPoints, toImagePoints } from "./coords";
import { convexHull, distanceToPath, isPointInPolygon, polygonArea } from "./polyMath";
import { type ShapeGeometry, boundingBox, ellipseRadii, rememberedBoundingBox, rectangleCenter, rotatePoint } from "./shapes";

/** Default pick tolerance around strokes and points, in CSS pixels. */
export const DEFAULT_HIT_TOLERANCE_PX = 5;

/** Segments used to measure the distance to an ellipse outline (error < 0.13 % of the radius). */
const ELLIPSE_SEGMENTS = 64;

function ellipseOutline(cx: number, cy: number, rx: number, ry: number): number[] {
  const flat: number[] = [];
  for (let k = 0; k < ELLIPSE_SEGMENTS; k++) {
    const t = (2 * Math.PI * k) / ELLIPSE_SEGMENTS;
    flat.push(cx + rx * Math.cos(t), cy + ry * Math.sin(t));
  }
  return flat;
}

function distanceToBox(p: ImagePoint, [xtl, ytl, xbr, ybr]: FlatPoints): number {
  const dx = Math.max(xtl - p.x, 0, p.x - xbr);
  const dy = Math.max(ytl - p.y, 0, p.y - ybr);
  return Math.hypot(dx, dy);
}

function distanceToPoints(flat: FlatPoints, p: ImagePoint): number {
  let best = Infinity;
  for (let i = 0; i + 1 < flat.length; i += 2) best = Math.min(best, Math.hypot(p.x - flat[i], p.y - flat[i + 1]));
  return best;
}

function distanceToFilledPolygon(flat: FlatPoints, p: ImagePoint): number {
  return isPointInPolygon(flat, p) ? 0 : distanceToPath(flat, p, true);
}

/**
 * Distance in image pixels from `p` to the shape: 0 inside a filled shape, else to its outline;
 * for polylines to the line, for points to the nearest point. Skeletons have no own geometry
 * (Infinity: hit-test their elements). Masks are tested against their box (bitmap tests come
 * with the mask tools).
 */
export function distanceToShape(shape: ShapeGeometry, p: ImagePoint): number {
  const rotation = shape.rotation ?? 0;
  switch (shape.type) {
    case "rectangle": {
      // Measure in the rectangle's own frame, where it is axis-aligned.
      const local = rotatePoint(p, rectangleCenter(shape.points), -rotation);
      return distanceToBox(local, shape.points);
    }
    case "ellipse": {
      const { cx, cy, rx, ry } = ellipseRadii(shape.points);
      const local = rotatePoint(p, imagePoint(cx, cy), -rotation);
      if (rx === 0 || ry === 0) return distanceToPath([cx - rx, cy - ry, cx + rx, cy + ry], local, false);
      const normalized = ((local.x - cx) / rx) ** 2 + ((local.y - cy) / ry) ** 2;
      if (normalized <= 1) return 0;
      return distanceToPath(ellipseOutline(cx, cy, rx, ry), local, true);
    }
    case "polygon":
      return distanceToFilledPolygon(shape.points, p);
    case "polyline":
      return distanceToPath(shape.points, p, false);
    case "points":
      return distanceToPoints(shape.points, p);
    case "cuboid":
      return distanceToFilledPolygon(toFlatPoints(convexHull(toImagePoints(shape.points))), p);
    case "mask": {
      const box = boundingBox(shape);
      return box === null ? Infinity : distanceToBox(p, [box.xtl, box.ytl, box.xbr, box.ybr]);
    }
    case "skeleton":
      return Infinity;
  }
}

export type HitOptions = {
  /** The viewport scale (CSS px per image px), to turn the tolerance into image pixels. */
  readonly scale: number;
  /** Tolerance in CSS pixels around strokes and points. */
  readonly tolerancePx?: number;
};

/** Is the pointer on the shape (inside, or within the tolerance of its outline)? */
export function isShapeHit(shape: ShapeGeometry, p: ImagePoint, options: HitOptions): boolean {
  const tolerance = (options.tolerancePx ?? DEFAULT_HIT_TOLERANCE_PX) / options.scale;
  // The box test rejects almost every shape of a crowded frame before the exact test runs.
  const box = rememberedBoundingBox(shape);
  if (
    box === null ||
    p.x < box.xtl - tolerance ||
    p.x > box.xbr + tolerance ||
    p.y < box.ytl - tolerance ||
    p.y > box.ybr + tolerance
  ) {
    return false;
  }
  return distanceToShape(shape, p) <= tolerance;
}

/** What the picker needs besides geometry; the store's shape objects satisfy it as they are. */
export type PickCandidate = ShapeGeometry & {
  /** Higher is drawn on top (the server's z_order). */
  readonly zOrder: number;
};

/** Area used to prefer small shapes over the big ones they lie in; lines and points count as 0. */
function pickArea(shape: ShapeGeometry): number {
  switch (shape.type) {
    case "polyline":
    case "points":
      return 0;
    case "polygon":
      return polygonArea(shape.points);
    default: {
      const box = rememberedBoundingBox(shape);
      return box === null ? Infinity : (box.xbr - box.xtl) * (box.ybr - box.ytl);
    }
  }
}

/**
 * The shape to select under the pointer: among the shapes hit, the highest z-order wins; on equal
 * z-order the smallest area wins, so a small object inside a large one stays selectable; then the
 * one later in the list (drawn on top). `null` when nothing is hit. Pass only selectable shapes
 * (visible, not locked, on the current z-layer).
 */
export function pickShape<T extends PickCandidate>(
  candidates: readonly T[],
  p: ImagePoint,
  options: HitOptions,
): T | null {
  let best: { candidate: T; area: number } | null = null;
  for (const candidate of candidates) {
    if (!isShapeHit(candidate, p, options)) continue;
    const area = pickArea(candidate);
    if (
      best === null ||
      candidate.zOrder > best.candidate.zOrder ||
      (candidate.zOrder === best.candidate.zOrder && area <= best.area)
    ) {
      best = { candidate, area };
    }
  }
  return best === null ? null : best.candidate;
}
