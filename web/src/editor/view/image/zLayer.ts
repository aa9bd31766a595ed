/**
 * CVAT's z-layer slider: the frame's shapes span z-orders min..max; choosing a layer hides (and
 * makes unpickable) every shape above it, "+" opens a new layer on top, and new shapes are drawn
 * into the chosen layer.
 */
import type { AnnotationObject, ShapeObject } from "../../engine/document/model";

export interface ZRange {
  readonly min: number;
  readonly max: number;
}

/** The z-orders of the frame's shapes, widened to include `extraTop` (a layer added with "+"). */
export function zRange(objects: Iterable<AnnotationObject>, extraTop: number | null = null): ZRange {
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (const object of objects) {
    if (object.kind !== "shape") continue;
    min = Math.min(min, object.zOrder);
    max = Math.max(max, object.zOrder);
  }
  if (min > max) min = max = 0;
  if (extraTop !== null && extraTop > max) max = extraTop;
  return { min, max };
}

/** The chosen layer kept inside the range; `null` (nothing chosen) means the top one. */
export function currentLayer(range: ZRange, chosen: number | null): number {
  if (chosen === null) return range.max;
  return Math.min(range.max, Math.max(range.min, chosen));
}

/** Shapes at or below `layer`; the same array when none is above, so memoised views keep it. */
export function shapesUpToLayer(shapes: readonly ShapeObject[], layer: number): readonly ShapeObject[] {
  return shapes.some((shape) => shape.zOrder > layer) ? shapes.filter((shape) => shape.zOrder <= layer) : shapes;
}
