/** Picking shapes with a dragged box (group mode): every shape whose bounds meet the box. */
import { boxOfPoints, type ImageBox, type ImagePoint } from "./coords";
import { boundingBox, type ShapeGeometry } from "./shapes";

/** The box spanned by two dragged corners, in any order. */
export function boxFromCorners(a: ImagePoint, b: ImagePoint): ImageBox {
  return boxOfPoints([a, b]) as ImageBox;
}

export function boxesIntersect(a: ImageBox, b: ImageBox): boolean {
  return a.xtl <= b.xbr && b.xtl <= a.xbr && a.ytl <= b.ybr && b.ytl <= a.ybr;
}

/** The shapes whose bounding box meets `box`, in their given order. */
export function shapesInBox<T extends ShapeGeometry>(shapes: readonly T[], box: ImageBox): T[] {
  return shapes.filter((shape) => {
    const bounds = boundingBox(shape);
    return bounds !== null && boxesIntersect(bounds, box);
  });
}
