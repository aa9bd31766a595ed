// The shapes nobody is editing, drawn the way restingShapesPlan.ts chooses for the zoom: painted
// into one bitmap (panning and edits elsewhere then cost a bitmap copy, not thousands of paths) or,
// zoomed far in, painted on every redraw but only those near the visible area. Either way they are
// painted by shapePainter.ts through one Konva node, not one node per shape: Konva redrawing 3,000
// polygons on every pan frame kept panning under 10 fps, and creating and destroying their nodes
// was most of a frame switch (bench/editor_render).
import type Konva from "konva";
import { memo, useEffect, useMemo, useRef, useState } from "react";
import { Image as KonvaImage, Shape } from "react-konva";
import type { ClientId, ShapeObject } from "../engine/document/model";
import { visibleImageBox, type Viewport } from "../engine/geometry/viewport";
import type { Appearance } from "./appearance";
import { RestingBitmaps, type BitmapContext } from "./restingBitmaps";
import { CACHE_PIXEL_BUDGET, planRestingShapes, sameDrawing, shapesInBox } from "./restingShapesPlan";
import { paintShapes, type PaintedShape, type PaintStyle } from "./shapePainter";

/** A zoom is re-rendered sharp once the scale has not changed for this long; until then the old bitmap is scaled. */
const SETTLE_MS = 150;
/** Screen pixels around the image kept in the bitmap, for strokes and vertex dots on its border. */
const CACHE_MARGIN_PX = 8;

export interface RestingShapesProps {
  /** Every shape drawn on the frame, selected ones included (see `selectedIds`). */
  shapes: readonly ShapeObject[];
  /**
   * Selected shapes are drawn again on the top layer. One that is still exactly what the bitmap
   * holds stays in it (covered by its selected look), so selecting costs no re-render of the
   * bitmap; once it changes (a drag, an edit) it leaves the bitmap until it is deselected.
   */
  selectedIds: readonly ClientId[];
  colorOf: (shape: ShapeObject) => string;
  appearance: Appearance;
  viewport: Viewport;
}

function canvasBitmap(width: number, height: number): { bitmap: HTMLCanvasElement; context: BitmapContext } {
  const bitmap = document.createElement("canvas");
  bitmap.width = width;
  bitmap.height = height;
  return { bitmap, context: bitmap.getContext("2d")! };
}

export const RestingShapes = memo(function RestingShapes({ shapes, selectedIds, colorOf, appearance, viewport }: RestingShapesProps) {
  const settledScale = useSettled(viewport.scale, SETTLE_MS);
  const devicePixelRatio = window.devicePixelRatio || 1;
  const plan = planRestingShapes(viewport.imageSize, settledScale, devicePixelRatio, visibleImageBox(viewport));

  const listed = plan.mode === "cull" ? shapesInBox(shapes, plan.box) : shapes;
  const drawnRef = useRef<PaintedShape[]>([]);
  const drawnObjects = useMemo(() => new Set<ShapeObject>(), []);
  const selected = new Set(selectedIds);
  const latest: PaintedShape[] = [];
  for (const shape of listed) {
    if (selected.has(shape.clientId) && !drawnObjects.has(shape)) continue;
    latest.push({ shape, color: colorOf(shape) });
  }
  // Edits elsewhere hand in new arrays of the same objects: keep the previous list, so neither
  // React nor the bitmap does anything for them.
  if (!sameDrawing(drawnRef.current, latest)) {
    drawnRef.current = latest;
    drawnObjects.clear();
    for (const { shape } of latest) drawnObjects.add(shape);
  }
  const drawn = drawnRef.current;

  const cacheRatio = plan.mode === "cache" ? plan.pixelRatio : null;
  // Strokes and dots are sized for the scale the bitmap is made at; culled shapes follow every zoom step.
  const strokeScale = cacheRatio === null ? viewport.scale : settledScale;
  const { opacity, outlined, outlineColor, showProjections } = appearance;
  const style = useMemo<PaintStyle>(
    () => ({ strokeScale, fillOpacity: opacity, showProjections, ...(outlined ? { outlineColor } : {}) }),
    [strokeScale, opacity, outlined, outlineColor, showProjections],
  );
  const { width, height } = viewport.imageSize;

  const [bitmaps] = useState(() => new RestingBitmaps(canvasBitmap, CACHE_PIXEL_BUDGET));
  const bitmap = useMemo(() => {
    if (cacheRatio === null || drawn.length === 0) return null;
    const margin = CACHE_MARGIN_PX / strokeScale;
    const area = { xtl: -margin, ytl: -margin, xbr: width + margin, ybr: height + margin };
    return { image: bitmaps.obtain({ drawn, style, pixelRatio: cacheRatio, area }), area };
  }, [bitmaps, drawn, style, cacheRatio, strokeScale, width, height]);

  if (bitmap !== null) {
    const { image, area } = bitmap;
    return <KonvaImage image={image} x={area.xtl} y={area.ytl} width={area.xbr - area.xtl} height={area.ybr - area.ytl} listening={false} />;
  }
  if (cacheRatio !== null || drawn.length === 0) return null;
  return <Shape listening={false} perfectDrawEnabled={false} sceneFunc={(context: Konva.Context) => paintShapes(context._context, drawn, style)} />;
});

/** `value`, but only once it has stayed the same for `ms` (the first value at once). */
function useSettled(value: number, ms: number): number {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    if (value === settled) return;
    const timer = window.setTimeout(() => setSettled(value), ms);
    return () => window.clearTimeout(timer);
  }, [value, settled, ms]);
  return settled;
}
