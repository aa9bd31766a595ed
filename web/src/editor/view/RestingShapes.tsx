// The shapes nobody is editing, drawn the way restingShapesPlan.ts chooses for the zoom: cached into
// one bitmap (panning and edits elsewhere then cost a bitmap copy, not thousands of paths) or, zoomed
// far in, only those near the visible area. Konva redrawing 3,000 polygons on every pan frame was
// what kept panning under 10 fps on the benchmark.
import type Konva from "konva";
import { memo, useEffect, useLayoutEffect, useMemo, useRef, useState } from "react";
import { Group } from "react-konva";
import type { ClientId, ShapeObject } from "../engine/document/model";
import type { ImageBox } from "../engine/geometry/coords";
import { visibleImageBox, type Viewport } from "../engine/geometry/viewport";
import type { Appearance } from "./appearance";
import { boxesOf, planRestingShapes, sameDrawing, shapesInBox } from "./restingShapesPlan";
import { ShapeNode } from "./ShapeNode";

/** A zoom is re-rendered sharp once the scale has not changed for this long; until then the old bitmap is scaled. */
const SETTLE_MS = 150;
/** Screen pixels around the image kept in the cache, for strokes and vertex dots on its border. */
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

interface DrawnShape {
  shape: ShapeObject;
  color: string;
}

export const RestingShapes = memo(function RestingShapes({ shapes, selectedIds, colorOf, appearance, viewport }: RestingShapesProps) {
  const groupRef = useRef<Konva.Group>(null);
  const settledScale = useSettled(viewport.scale, SETTLE_MS);
  const devicePixelRatio = window.devicePixelRatio || 1;
  const plan = planRestingShapes(viewport.imageSize, settledScale, devicePixelRatio, visibleImageBox(viewport));

  const boxesRef = useRef<Map<ShapeObject, ImageBox | null>>(new Map());
  const boxes = useMemo(() => (boxesRef.current = boxesOf(shapes, boxesRef.current)), [shapes]);
  const listed = plan.mode === "cull" ? shapesInBox(shapes, boxes, plan.box) : shapes;
  const drawnRef = useRef<DrawnShape[]>([]);
  const drawnObjects = useMemo(() => new Set<ShapeObject>(), []);
  const selected = new Set(selectedIds);
  const latest: DrawnShape[] = [];
  for (const shape of listed) {
    if (selected.has(shape.clientId) && !drawnObjects.has(shape)) continue;
    latest.push({ shape, color: colorOf(shape) });
  }
  // Edits elsewhere hand in new arrays of the same objects: keep the previous list, so neither
  // React nor the cache does anything for them.
  if (!sameDrawing(drawnRef.current, latest)) {
    drawnRef.current = latest;
    drawnObjects.clear();
    for (const { shape } of latest) drawnObjects.add(shape);
  }
  const drawn = drawnRef.current;

  const cacheRatio = plan.mode === "cache" ? plan.pixelRatio : null;
  // Strokes and dots are sized for the scale the bitmap is made at; culled shapes follow every zoom step.
  const strokeScale = cacheRatio === null ? viewport.scale : settledScale;
  const { width, height } = viewport.imageSize;

  useLayoutEffect(() => {
    const group = groupRef.current;
    if (group === null) return;
    if (cacheRatio !== null && drawn.length > 0) {
      const margin = CACHE_MARGIN_PX / strokeScale;
      group.cache({ x: -margin, y: -margin, width: width + 2 * margin, height: height + 2 * margin, pixelRatio: cacheRatio });
    } else {
      group.clearCache();
    }
    group.getLayer()?.batchDraw();
  }, [drawn, appearance, cacheRatio, strokeScale, width, height]);

  return (
    <Group ref={groupRef} listening={false}>
      {drawn.map(({ shape, color }) => (
        <ShapeNode
          key={shape.clientId}
          type={shape.type}
          points={shape.points}
          rotation={shape.rotation}
          color={color}
          scale={strokeScale}
          occluded={shape.occluded}
          fillOpacity={appearance.opacity}
          outlineColor={appearance.outlined ? appearance.outlineColor : undefined}
        />
      ))}
    </Group>
  );
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
