/**
 * The handles of the selected shape and what dragging one does: vertices of polygons, polylines
 * and points; the eight resize handles and the rotation handle of rectangles and ellipses. Pure:
 * the canvas hit-tests handles in image space and turns each pointer move into new points.
 */
import { distance, imagePoint, pointCount, type FlatPoints, type ImageBox, type ImagePoint, type Size } from "./coords";
import { movePoint } from "./polygonEdit";
import {
  ellipseFromBox,
  ellipseToBox,
  rectangleCenter,
  resizeBox,
  rotatePoint,
  rotationFromHandle,
  rotationHandlePosition,
  type ResizeHandle,
  type ShapeKind,
} from "./shapes";

export type EditHandle =
  | { readonly kind: "vertex"; readonly index: number; readonly point: ImagePoint }
  | { readonly kind: "resize"; readonly handle: ResizeHandle; readonly point: ImagePoint }
  | { readonly kind: "rotate"; readonly point: ImagePoint };

export interface EditableShape {
  readonly type: ShapeKind;
  readonly points: FlatPoints;
  readonly rotation: number;
}

const RESIZE_HANDLES: readonly (readonly [ResizeHandle, -1 | 0 | 1, -1 | 0 | 1])[] = [
  ["nw", -1, -1],
  ["n", 0, -1],
  ["ne", 1, -1],
  ["e", 1, 0],
  ["se", 1, 1],
  ["s", 0, 1],
  ["sw", -1, 1],
  ["w", -1, 0],
];

/** The unrotated box `[xtl, ytl, xbr, ybr]` a box-like shape is resized and rotated through. */
export function editBox(shape: EditableShape): number[] | null {
  if (shape.type === "rectangle") return [...shape.points];
  if (shape.type === "ellipse") return ellipseToBox(shape.points);
  return null;
}

/**
 * Handles of a shape. `rotationDistance` (image px) is how far above the top edge the rotation
 * handle sits; shapes without an editable geometry (masks, skeletons, cuboids) have none.
 */
export function editHandles(shape: EditableShape, rotationDistance: number): EditHandle[] {
  switch (shape.type) {
    case "polygon":
    case "polyline":
    case "points": {
      const handles: EditHandle[] = [];
      for (let i = 0; i < pointCount(shape.points); i += 1) {
        handles.push({ kind: "vertex", index: i, point: imagePoint(shape.points[2 * i], shape.points[2 * i + 1]) });
      }
      return handles;
    }
    case "rectangle":
    case "ellipse": {
      const box = editBox(shape);
      if (box === null) return [];
      const [xtl, ytl, xbr, ybr] = box;
      const center = rectangleCenter(box);
      const handles: EditHandle[] = RESIZE_HANDLES.map(([handle, sx, sy]) => ({
        kind: "resize",
        handle,
        point: rotatePoint(
          imagePoint(center.x + (sx * (xbr - xtl)) / 2, center.y + (sy * (ybr - ytl)) / 2),
          center,
          shape.rotation,
        ),
      }));
      handles.push({ kind: "rotate", point: rotationHandlePosition(box, shape.rotation, rotationDistance) });
      return handles;
    }
    default:
      return [];
  }
}

/** The handle nearest to `p` within `radius` image px (the later one on a tie: rotation before corners). */
export function pickHandle(handles: readonly EditHandle[], p: ImagePoint, radius: number): EditHandle | null {
  let best: EditHandle | null = null;
  let bestDistance = radius;
  for (const handle of handles) {
    const d = distance(handle.point, p);
    if (d <= bestDistance) {
      best = handle;
      bestDistance = d;
    }
  }
  return best;
}

/** Keep a point inside the image, as drawing does. */
export function clampToImage(p: ImagePoint, { width, height }: Size): ImagePoint {
  return imagePoint(Math.min(Math.max(p.x, 0), width), Math.min(Math.max(p.y, 0), height));
}

export interface HandleDrag {
  /** The shape as it was when the drag began. */
  readonly shape: EditableShape;
  readonly handle: EditHandle;
  /** Where the drag began (on the handle). */
  readonly start: ImagePoint;
}

export interface HandleDragResult {
  readonly points: number[];
  readonly rotation: number;
}

/**
 * The shape while a handle is dragged to `pointer`: a vertex follows it, a resize handle moves its
 * side(s) with the opposite side fixed, the rotation handle turns the shape about its centre
 * (15° steps when `snap`, Shift). Vertex and resize pointers are kept inside the image.
 */
export function dragHandle(drag: HandleDrag, pointer: ImagePoint, imageSize: Size, snap = false): HandleDragResult {
  const { shape, handle } = drag;
  switch (handle.kind) {
    case "vertex":
      return { points: movePoint(shape.points, handle.index, clampToImage(pointer, imageSize)), rotation: shape.rotation };
    case "resize": {
      const box = editBox(shape);
      if (box === null) return { points: [...shape.points], rotation: shape.rotation };
      const resized = resizeBox(box, shape.rotation, handle.handle, clampToImage(pointer, imageSize));
      return { points: shape.type === "ellipse" ? ellipseFromBox(resized) : resized, rotation: shape.rotation };
    }
    case "rotate": {
      const box = editBox(shape);
      if (box === null) return { points: [...shape.points], rotation: shape.rotation };
      const rotation = rotationFromHandle({
        center: rectangleCenter(box),
        startRotation: shape.rotation,
        startPointer: drag.start,
        pointer,
        snap,
      });
      return { points: [...shape.points], rotation };
    }
  }
}

/**
 * A move by (dx, dy) limited so the shape's bounds stay inside the image (as far as they were
 * inside to begin with: a shape already sticking out may move back in, never further out).
 */
export function clampTranslation(bounds: ImageBox, dx: number, dy: number, { width, height }: Size): { dx: number; dy: number } {
  const limit = (delta: number, low: number, high: number, size: number) => {
    const min = Math.min(0, -low);
    const max = Math.max(0, size - high);
    return Math.min(Math.max(delta, min), max);
  };
  return { dx: limit(dx, bounds.xtl, bounds.xbr, width), dy: limit(dy, bounds.ytl, bounds.ybr, height) };
}
