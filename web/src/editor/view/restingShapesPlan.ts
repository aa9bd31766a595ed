/**
 * How the canvas draws the shapes nobody is editing ("resting" shapes), chosen per zoom level:
 *
 * - **cache**: drawn once into an offscreen bitmap at the screen's resolution; panning, dragging
 *   another shape or re-rendering the top layer then costs one bitmap copy instead of thousands of
 *   paths. Only while that bitmap stays under a pixel budget (the image at the current zoom).
 * - **cull**: zoomed in past the budget, the bitmap would be too big, but then only part of the
 *   image is on screen, so only shapes whose boxes meet the visible area (with a margin, so a short
 *   pan does not show gaps) are drawn.
 */
import type { ShapeObject } from "../engine/document/model";
import type { ImageBox, Size } from "../engine/geometry/coords";
import { rememberedBoundingBox } from "../engine/geometry/shapes";

/** Largest cache bitmap, in device pixels (Chromium allows far more, but memory grows fast). */
export const CACHE_PIXEL_BUDGET = 4096 * 4096;
/** The culling box extends this fraction of the visible box's size on each side. */
export const CULL_MARGIN = 0.5;

export type RestingPlan = { mode: "cache"; pixelRatio: number } | { mode: "cull"; box: ImageBox };

export function planRestingShapes(imageSize: Size, scale: number, devicePixelRatio: number, visible: ImageBox): RestingPlan {
  const pixelRatio = scale * devicePixelRatio;
  const pixels = imageSize.width * pixelRatio * (imageSize.height * pixelRatio);
  if (pixels <= CACHE_PIXEL_BUDGET) return { mode: "cache", pixelRatio };
  const marginX = (visible.xbr - visible.xtl) * CULL_MARGIN;
  const marginY = (visible.ybr - visible.ytl) * CULL_MARGIN;
  return {
    mode: "cull",
    box: { xtl: visible.xtl - marginX, ytl: visible.ytl - marginY, xbr: visible.xbr + marginX, ybr: visible.ybr + marginY },
  };
}

/**
 * The shapes whose bounding boxes meet `box` (shapes without a box — unknown types — are kept).
 * Boxes are remembered per shape object (`rememberedBoundingBox`), so culling again after a pan,
 * or on a frame seen before, measures no shape twice.
 */
export function shapesInBox(shapes: readonly ShapeObject[], box: ImageBox): ShapeObject[] {
  return shapes.filter((shape) => {
    const b = rememberedBoundingBox(shape);
    return b === null || (b.xbr >= box.xtl && b.xtl <= box.xbr && b.ybr >= box.ytl && b.ytl <= box.ybr);
  });
}

/** True when two drawn lists would look the same: the same objects with the same colours. */
export function sameDrawing(a: readonly { shape: ShapeObject; color: string }[], b: readonly { shape: ShapeObject; color: string }[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i += 1) if (a[i]!.shape !== b[i]!.shape || a[i]!.color !== b[i]!.color) return false;
  return true;
}
