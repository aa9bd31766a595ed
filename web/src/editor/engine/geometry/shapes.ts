/**
 * Shape geometry in the server's point layouts: building rectangles and ellipses from pointer
 * input, rotated corners, rotation with a handle, bounding boxes, moving and resizing.
 * Rotation is in degrees, clockwise on screen (y down), about the shape's centre — as CVAT stores it.
 */
import {
  type FlatPoints,
  type ImageBox,
  type ImagePoint,
  boxOfFlat,
  boxOfPoints,
  imagePoint,
} from "./coords";

/** The server's shape types (LabeledShape.type). */
export type ShapeKind = "rectangle" | "polygon" | "polyline" | "points" | "ellipse" | "cuboid" | "mask" | "skeleton";

/** What geometry needs to know about a shape; the store's shapes satisfy it structurally. */
export type ShapeGeometry = {
  readonly type: ShapeKind;
  readonly points: FlatPoints;
  /** Degrees clockwise; only rectangles and ellipses use it. */
  readonly rotation?: number;
};

/** CVAT's rotation snap while dragging the handle with Shift. */
export const ROTATION_SNAP_SHIFT = 15;
/** CVAT's rotation step without Shift (the handle snaps to tenths of a degree). */
export const ROTATION_SNAP_DEFAULT = 0.1;

/** An angle in [0, 360). */
export function normalizeRotation(degrees: number): number {
  const r = degrees % 360;
  const positive = r < 0 ? r + 360 : r;
  // −0 and values that round to 360 both mean "not rotated".
  return positive === 0 || positive >= 360 ? 0 : positive;
}

/** Rotate a point clockwise on screen by `degrees` around `center`. */
export function rotatePoint(p: ImagePoint, center: ImagePoint, degrees: number): ImagePoint {
  if (!degrees) return p;
  const theta = (degrees * Math.PI) / 180;
  const cos = Math.cos(theta);
  const sin = Math.sin(theta);
  const dx = p.x - center.x;
  const dy = p.y - center.y;
  return imagePoint(center.x + dx * cos - dy * sin, center.y + dx * sin + dy * cos);
}

/** `[xtl, ytl, xbr, ybr]` from two opposite corners in any order (the "by 2 points" method). */
export function rectangleFromCorners(a: ImagePoint, b: ImagePoint): number[] {
  return [Math.min(a.x, b.x), Math.min(a.y, b.y), Math.max(a.x, b.x), Math.max(a.y, b.y)];
}

/**
 * The "by 4 points" method: the user clicks the top-, bottom-, left- and right-most points of
 * the object in any order; the box is the smallest one holding all four.
 */
export function rectangleFromExtremePoints(points: readonly ImagePoint[]): number[] {
  const box = boxOfPoints(points);
  if (box === null || points.length !== 4) throw new RangeError("a rectangle by extreme points needs exactly 4 points");
  return [box.xtl, box.ytl, box.xbr, box.ybr];
}

export function rectangleCenter(points: FlatPoints): ImagePoint {
  return imagePoint((points[0] + points[2]) / 2, (points[1] + points[3]) / 2);
}

/**
 * Corners of a rectangle on screen: top-left, top-right, bottom-right, bottom-left of the
 * unrotated box, each turned by `rotation` about the centre (the server's rectangle_to_polygon order).
 */
export function rectangleCorners(points: FlatPoints, rotation = 0): ImagePoint[] {
  const [xtl, ytl, xbr, ybr] = points;
  const center = rectangleCenter(points);
  return [imagePoint(xtl, ytl), imagePoint(xbr, ytl), imagePoint(xbr, ybr), imagePoint(xtl, ybr)].map((p) =>
    rotatePoint(p, center, rotation),
  );
}

export type EllipseRadii = { readonly cx: number; readonly cy: number; readonly rx: number; readonly ry: number };

/** Centre and radii of an ellipse stored as `[cx, cy, cx + rx, cy − ry]`. */
export function ellipseRadii(points: FlatPoints): EllipseRadii {
  const [cx, cy, px, py] = points;
  return { cx, cy, rx: Math.abs(px - cx), ry: Math.abs(cy - py) };
}

export function ellipsePoints(cx: number, cy: number, rx: number, ry: number): number[] {
  return [cx, cy, cx + Math.abs(rx), cy - Math.abs(ry)];
}

/** Ellipse drawn from its centre, the pointer giving a corner of the bounding box. */
export function ellipseFromCenterAndCorner(center: ImagePoint, corner: ImagePoint): number[] {
  return ellipsePoints(center.x, center.y, corner.x - center.x, corner.y - center.y);
}

/** Ellipse inscribed in the box with two opposite corners `a` and `b` (as CVAT's docs describe drawing). */
export function ellipseFromBoxCorners(a: ImagePoint, b: ImagePoint): number[] {
  return ellipsePoints((a.x + b.x) / 2, (a.y + b.y) / 2, (b.x - a.x) / 2, (b.y - a.y) / 2);
}

/** The unrotated box `[xtl, ytl, xbr, ybr]` around an ellipse, for resizing it like a rectangle. */
export function ellipseToBox(points: FlatPoints): number[] {
  const { cx, cy, rx, ry } = ellipseRadii(points);
  return [cx - rx, cy - ry, cx + rx, cy + ry];
}

export function ellipseFromBox(box: FlatPoints): number[] {
  const [xtl, ytl, xbr, ybr] = box;
  return ellipsePoints((xtl + xbr) / 2, (ytl + ybr) / 2, (xbr - xtl) / 2, (ybr - ytl) / 2);
}

/** Snap an angle to multiples of `step` degrees, normalised to [0, 360). */
export function snapAngle(degrees: number, step: number): number {
  if (!(step > 0)) return normalizeRotation(degrees);
  // Rounding to the step's decimals avoids 44.99999999 after multiplying back.
  const snapped = Math.round(degrees / step) * step;
  return normalizeRotation(Number(snapped.toFixed(6)));
}

/** Direction of `pointer` seen from `center`, in degrees clockwise from straight up; [0, 360). */
export function angleFromCenter(center: ImagePoint, pointer: ImagePoint): number {
  const degrees = (Math.atan2(pointer.x - center.x, center.y - pointer.y) * 180) / Math.PI;
  return normalizeRotation(degrees);
}

export type RotationDrag = {
  readonly center: ImagePoint;
  /** Rotation of the shape when the drag began. */
  readonly startRotation: number;
  /** Pointer position when the drag began (on the handle). */
  readonly startPointer: ImagePoint;
  readonly pointer: ImagePoint;
  /** Shift held: snap to 15° steps. */
  readonly snap: boolean;
};

/**
 * Rotation while dragging the rotation handle: the shape turns by the angle the pointer swept
 * around the centre (so grabbing the handle off-centre does not jump), snapped to 15° with Shift
 * and to 0.1° otherwise, normalised to [0, 360).
 */
export function rotationFromHandle(drag: RotationDrag): number {
  const swept = angleFromCenter(drag.center, drag.pointer) - angleFromCenter(drag.center, drag.startPointer);
  return snapAngle(drag.startRotation + swept, drag.snap ? ROTATION_SNAP_SHIFT : ROTATION_SNAP_DEFAULT);
}

/** Where the rotation handle sits: `distance` image px above the middle of the top edge, rotated with the shape. */
export function rotationHandlePosition(box: FlatPoints, rotation: number, distance: number): ImagePoint {
  const center = rectangleCenter(box);
  return rotatePoint(imagePoint(center.x, box[1] - distance), center, rotation);
}

/** Axis-aligned box around an ellipse turned by `rotation` (exact, from the parametric form). */
function rotatedEllipseBox(points: FlatPoints, rotation: number): ImageBox {
  const { cx, cy, rx, ry } = ellipseRadii(points);
  const theta = (rotation * Math.PI) / 180;
  const cos = Math.cos(theta);
  const sin = Math.sin(theta);
  const halfWidth = Math.hypot(rx * cos, ry * sin);
  const halfHeight = Math.hypot(rx * sin, ry * cos);
  return { xtl: cx - halfWidth, ytl: cy - halfHeight, xbr: cx + halfWidth, ybr: cy + halfHeight };
}

/** The mask's covering box: its stored inclusive pixel box `[…, left, top, right, bottom]`, one past right/bottom. */
function maskBox(points: FlatPoints): ImageBox | null {
  const n = points.length;
  if (n < 5) return null;
  return { xtl: points[n - 4], ytl: points[n - 3], xbr: points[n - 2] + 1, ybr: points[n - 1] + 1 };
}

/**
 * Axis-aligned bounding box in image space of any shape, rotation included. `null` when the shape
 * has no own points (skeletons: use `boundingBoxOfAll` over their elements).
 */
export function boundingBox(shape: ShapeGeometry): ImageBox | null {
  const rotation = shape.rotation ?? 0;
  switch (shape.type) {
    case "rectangle":
      return boxOfPoints(rectangleCorners(shape.points, rotation));
    case "ellipse":
      return rotatedEllipseBox(shape.points, rotation);
    case "mask":
      return maskBox(shape.points);
    default:
      // Skeletons normally have no own points (null); cuboids are bounded by their 8 vertices.
      return boxOfFlat(shape.points);
  }
}

const rememberedBoxes = new WeakMap<ShapeGeometry, ImageBox | null>();

/**
 * `boundingBox`, remembered per shape object. Shapes are immutable (the store freezes them; an
 * edit makes a new object), and a click on a crowded frame asks for the same thousands of boxes
 * again, which cost about 6 ms per click at 3,000 polygons (bench/editor_render).
 */
export function rememberedBoundingBox(shape: ShapeGeometry): ImageBox | null {
  let box = rememberedBoxes.get(shape);
  if (box === undefined) {
    box = boundingBox(shape);
    rememberedBoxes.set(shape, box);
  }
  return box;
}

/** Box around several shapes (a skeleton's elements, a group); `null` when none has points. */
export function boundingBoxOfAll(shapes: readonly ShapeGeometry[]): ImageBox | null {
  let result: ImageBox | null = null;
  for (const shape of shapes) {
    const box = boundingBox(shape);
    if (box === null) continue;
    result =
      result === null
        ? box
        : {
            xtl: Math.min(result.xtl, box.xtl),
            ytl: Math.min(result.ytl, box.ytl),
            xbr: Math.max(result.xbr, box.xbr),
            ybr: Math.max(result.ybr, box.ybr),
          };
  }
  return result;
}

/**
 * Move a shape by (dx, dy). Masks move only their box (the run-length counts are relative to it)
 * and must move by whole pixels, so their delta is rounded.
 */
export function translateShapePoints(type: ShapeKind, points: FlatPoints, dx: number, dy: number): number[] {
  if (type === "mask") {
    const n = points.length;
    const mx = Math.round(dx);
    const my = Math.round(dy);
    return points.map((v, i) => (i < n - 4 ? v : (i - (n - 4)) % 2 === 0 ? v + mx : v + my));
  }
  return points.map((v, i) => (i % 2 === 0 ? v + dx : v + dy));
}

/** The eight resize handles of a box, named by compass direction in the box's own (unrotated) frame. */
export type ResizeHandle = "n" | "ne" | "e" | "se" | "s" | "sw" | "w" | "nw";

const HANDLE_SIDES: Record<ResizeHandle, readonly [-1 | 0 | 1, -1 | 0 | 1]> = {
  n: [0, -1],
  ne: [1, -1],
  e: [1, 0],
  se: [1, 1],
  s: [0, 1],
  sw: [-1, 1],
  w: [-1, 0],
  nw: [-1, -1],
};

/**
 * Resize a (possibly rotated) box `[xtl, ytl, xbr, ybr]` by dragging a handle to `pointer`.
 * The opposite corner (or edge) stays fixed in image space, measured along the box's own axes,
 * so a rotated rectangle grows the way the user drags it. Dragging past the fixed side flips the box.
 * Ellipses resize through `ellipseToBox` / `ellipseFromBox`.
 */
export function resizeBox(box: FlatPoints, rotation: number, handle: ResizeHandle, pointer: ImagePoint): number[] {
  const [sx, sy] = HANDLE_SIDES[handle];
  const [xtl, ytl, xbr, ybr] = box;
  const width = xbr - xtl;
  const height = ybr - ytl;
  const center = rectangleCenter(box);
  const theta = (rotation * Math.PI) / 180;
  const u = { x: Math.cos(theta), y: Math.sin(theta) }; // the box's x axis on screen
  const v = { x: -Math.sin(theta), y: Math.cos(theta) }; // the box's y axis on screen
  // The fixed point, in the box frame relative to the centre, then in image space.
  const fixedLocal = { x: (-sx * width) / 2, y: (-sy * height) / 2 };
  const fixed = {
    x: center.x + fixedLocal.x * u.x + fixedLocal.y * v.x,
    y: center.y + fixedLocal.x * u.y + fixedLocal.y * v.y,
  };
  const d = { x: pointer.x - fixed.x, y: pointer.y - fixed.y };
  const along = d.x * u.x + d.y * u.y;
  const across = d.x * v.x + d.y * v.y;
  // Sides the handle doesn't move keep their extent, centred on the fixed edge's midpoint.
  const spanX = sx === 0 ? 0 : along;
  const spanY = sy === 0 ? 0 : across;
  const newWidth = sx === 0 ? width : Math.abs(along);
  const newHeight = sy === 0 ? height : Math.abs(across);
  const newCenter = {
    x: fixed.x + (spanX / 2) * u.x + (spanY / 2) * v.x,
    y: fixed.y + (spanX / 2) * u.y + (spanY / 2) * v.y,
  };
  return [
    newCenter.x - newWidth / 2,
    newCenter.y - newHeight / 2,
    newCenter.x + newWidth / 2,
    newCenter.y + newHeight / 2,
  ];
}
