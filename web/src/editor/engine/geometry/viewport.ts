/**
 * The canvas viewport: how image space maps to screen space under zoom, pan and rotation by
 * quarter turns, and the gestures that change it (wheel zoom around the cursor, fit, zoom to a
 * region, rotate). Viewports are immutable values; every operation returns a new one.
 *
 * Model: the screen position of a point p is `center + R · scale · (p − imageCenter)`, where R
 * turns clockwise on screen by `rotation` degrees. Keeping the image centre as the reference makes
 * rotation and frame-size changes leave the picture where it is.
 */
import {
  type ImageBox,
  type ImagePoint,
  type ScreenPoint,
  type Size,
  imagePoint,
  screenPoint,
} from "./coords";

/** Clockwise rotation of the frame on screen (Ctrl+R adds 90, Ctrl+Shift+R subtracts 90). */
export type QuarterTurn = 0 | 90 | 180 | 270;

export type Viewport = {
  readonly imageSize: Size;
  readonly canvasSize: Size;
  /** CSS pixels per image pixel. */
  readonly scale: number;
  readonly rotation: QuarterTurn;
  /** Where the centre of the image lies on the canvas. */
  readonly center: ScreenPoint;
};

export type ZoomLimits = { readonly min: number; readonly max: number };

/**
 * CVAT allows 0.1×–10×; we allow closer inspection (32 CSS px per image pixel) and always let
 * the fitted scale through, so a 40000-pixel image can still be seen whole.
 */
export const DEFAULT_ZOOM_LIMITS: ZoomLimits = { min: 0.1, max: 32 };

/** One wheel notch (100 px of deltaY in Chromium and Firefox) zooms by this factor. */
export const WHEEL_ZOOM_STEP = 1.2;

/** Affine matrix in canvas-2D / DOMMatrix order: x' = a·x + c·y + e, y' = b·x + d·y + f. */
export type Matrix = {
  readonly a: number;
  readonly b: number;
  readonly c: number;
  readonly d: number;
  readonly e: number;
  readonly f: number;
};

/**
 * The viewport as the parts a scene-graph node takes (Konva: x, y, rotation, scaleX/scaleY,
 * offsetX/offsetY): translate to (x, y), rotate, scale, then translate by −offset.
 */
export type ViewportTransform = {
  readonly x: number;
  readonly y: number;
  readonly rotation: QuarterTurn;
  readonly scale: number;
  readonly offsetX: number;
  readonly offsetY: number;
};

export function normalizeQuarterTurn(degrees: number): QuarterTurn {
  const quarter = ((Math.round(degrees / 90) % 4) + 4) % 4;
  return (quarter * 90) as QuarterTurn;
}

/** Turns a vector clockwise on screen by a quarter-turn multiple; exact (no trigonometry). */
function turn(x: number, y: number, rotation: QuarterTurn): [number, number] {
  switch (rotation) {
    case 0:
      return [x, y];
    case 90:
      return [-y, x];
    case 180:
      return [-x, -y];
    case 270:
      return [y, -x];
  }
}

function inverseTurn(rotation: QuarterTurn): QuarterTurn {
  return normalizeQuarterTurn(360 - rotation);
}

function imageCenter(v: Viewport): { x: number; y: number } {
  return { x: v.imageSize.width / 2, y: v.imageSize.height / 2 };
}

export function canvasCenter(v: Pick<Viewport, "canvasSize">): ScreenPoint {
  return screenPoint(v.canvasSize.width / 2, v.canvasSize.height / 2);
}

/** The image's width and height as they appear on screen (swapped by quarter and three-quarter turns). */
export function rotatedSize(size: Size, rotation: QuarterTurn): Size {
  return rotation === 90 || rotation === 270 ? { width: size.height, height: size.width } : size;
}

export function imageToScreen(v: Viewport, p: ImagePoint): ScreenPoint {
  const c = imageCenter(v);
  const [x, y] = turn((p.x - c.x) * v.scale, (p.y - c.y) * v.scale, v.rotation);
  return screenPoint(v.center.x + x, v.center.y + y);
}

export function screenToImage(v: Viewport, s: ScreenPoint): ImagePoint {
  const c = imageCenter(v);
  const [x, y] = turn(s.x - v.center.x, s.y - v.center.y, inverseTurn(v.rotation));
  return imagePoint(c.x + x / v.scale, c.y + y / v.scale);
}

/** A length on screen (e.g. a hit tolerance in CSS pixels) measured in image pixels. */
export function screenToImageLength(v: Pick<Viewport, "scale">, pixels: number): number {
  return pixels / v.scale;
}

export function imageToScreenLength(v: Pick<Viewport, "scale">, length: number): number {
  return length * v.scale;
}

export function imageToScreenMatrix(v: Viewport): Matrix {
  const [a, b] = turn(v.scale, 0, v.rotation);
  const [c, d] = turn(0, v.scale, v.rotation);
  const origin = imageToScreen(v, imagePoint(0, 0));
  return { a, b, c, d, e: origin.x, f: origin.y };
}

export function viewportTransform(v: Viewport): ViewportTransform {
  const c = imageCenter(v);
  return {
    x: v.center.x,
    y: v.center.y,
    rotation: v.rotation,
    scale: v.scale,
    offsetX: c.x,
    offsetY: c.y,
  };
}

/** The scale at which the (rotated) image just fits the canvas, less `padding` CSS px per side. */
export function fitScale(imageSize: Size, canvasSize: Size, rotation: QuarterTurn, padding = 0): number {
  const shown = rotatedSize(imageSize, rotation);
  if (shown.width <= 0 || shown.height <= 0) return 1;
  const width = Math.max(1, canvasSize.width - 2 * padding);
  const height = Math.max(1, canvasSize.height - 2 * padding);
  return Math.min(width / shown.width, height / shown.height);
}

/** Zoom limits widened so that the fitted scale is always reachable. */
export function effectiveZoomLimits(v: Viewport, limits: ZoomLimits = DEFAULT_ZOOM_LIMITS): ZoomLimits {
  const fit = fitScale(v.imageSize, v.canvasSize, v.rotation);
  return { min: Math.min(limits.min, fit), max: Math.max(limits.max, fit) };
}

function clampScale(v: Viewport, scale: number, limits: ZoomLimits | undefined): number {
  const { min, max } = effectiveZoomLimits(v, limits);
  return Math.min(max, Math.max(min, scale));
}

/** A viewport showing the whole image centred on the canvas (CVAT's "Fit image", double click). */
export function fitViewport(
  imageSize: Size,
  canvasSize: Size,
  rotation: QuarterTurn = 0,
  padding = 0,
): Viewport {
  return {
    imageSize,
    canvasSize,
    rotation,
    scale: fitScale(imageSize, canvasSize, rotation, padding),
    center: canvasCenter({ canvasSize }),
  };
}

/** Fit the current image, keeping the rotation. */
export function fitImage(v: Viewport, padding = 0): Viewport {
  return fitViewport(v.imageSize, v.canvasSize, v.rotation, padding);
}

/** Zoom by `factor` keeping the image point under `anchor` (the cursor) where it is. */
export function zoomAt(v: Viewport, anchor: ScreenPoint, factor: number, limits?: ZoomLimits): Viewport {
  if (!(factor > 0) || !Number.isFinite(factor)) return v;
  const scale = clampScale(v, v.scale * factor, limits);
  const ratio = scale / v.scale;
  return {
    ...v,
    scale,
    center: screenPoint(anchor.x + (v.center.x - anchor.x) * ratio, anchor.y + (v.center.y - anchor.y) * ratio),
  };
}

/** Set an absolute scale (e.g. "100 %"), keeping the image point under `anchor` in place. */
export function zoomTo(
  v: Viewport,
  scale: number,
  anchor: ScreenPoint = canvasCenter(v),
  limits?: ZoomLimits,
): Viewport {
  return zoomAt(v, anchor, scale / v.scale, limits);
}

/** WheelEvent.deltaMode values. */
export const DELTA_PIXEL = 0;
export const DELTA_LINE = 1;
export const DELTA_PAGE = 2;

/**
 * Zoom factor for one wheel event: negative deltaY (wheel away from the user) zooms in.
 * Line and page deltas are converted to pixels; one event never zooms by more than two notches
 * so a burst from a free-spinning wheel stays controllable.
 */
export function wheelZoomFactor(deltaY: number, deltaMode: number = DELTA_PIXEL): number {
  const pixels = deltaMode === DELTA_LINE ? deltaY * 33 : deltaMode === DELTA_PAGE ? deltaY * 100 : deltaY;
  const notches = Math.max(-2, Math.min(2, pixels / 100));
  return WHEEL_ZOOM_STEP ** -notches;
}

/** Zoom around the cursor in response to a wheel event. */
export function zoomByWheel(
  v: Viewport,
  cursor: ScreenPoint,
  deltaY: number,
  deltaMode: number = DELTA_PIXEL,
  limits?: ZoomLimits,
): Viewport {
  return zoomAt(v, cursor, wheelZoomFactor(deltaY, deltaMode), limits);
}

/** Move the picture by a screen-space delta (dragging empty space, middle button). */
export function panBy(v: Viewport, dx: number, dy: number): Viewport {
  return { ...v, center: screenPoint(v.center.x + dx, v.center.y + dy) };
}

/**
 * Turn the picture by a quarter turn around `anchor` (default: the canvas centre), clockwise for
 * +1 (Ctrl+R) and anticlockwise for −1 (Ctrl+Shift+R). Four turns return the same viewport.
 */
export function rotateViewport(v: Viewport, direction: 1 | -1, anchor: ScreenPoint = canvasCenter(v)): Viewport {
  const quarter: QuarterTurn = direction === 1 ? 90 : 270;
  const [x, y] = turn(v.center.x - anchor.x, v.center.y - anchor.y, quarter);
  return {
    ...v,
    rotation: normalizeQuarterTurn(v.rotation + quarter),
    center: screenPoint(anchor.x + x, anchor.y + y),
  };
}

/** Apply a stored rotation (per-frame or "rotate all images") around the canvas centre. */
export function setRotation(v: Viewport, rotation: QuarterTurn): Viewport {
  let result = v;
  while (result.rotation !== rotation) result = rotateViewport(result, 1);
  return result;
}

/**
 * Zoom so that the screen rectangle dragged from `a` to `b` fills the canvas (CVAT's "Select a
 * region of interest"). A rectangle under one pixel on both sides (a click) changes nothing.
 */
export function zoomToScreenRect(
  v: Viewport,
  a: ScreenPoint,
  b: ScreenPoint,
  limits?: ZoomLimits,
): Viewport {
  const width = Math.abs(a.x - b.x);
  const height = Math.abs(a.y - b.y);
  if (width < 1 && height < 1) return v;
  const factor = Math.min(
    width >= 1 ? v.canvasSize.width / width : Infinity,
    height >= 1 ? v.canvasSize.height / height : Infinity,
  );
  const focus = screenToImage(v, screenPoint((a.x + b.x) / 2, (a.y + b.y) / 2));
  return centerOn(v, focus, clampScale(v, v.scale * factor, limits));
}

/** Zoom so an image-space box (an object) fills the canvas with `padding` CSS px around it. */
export function zoomToImageBox(v: Viewport, box: ImageBox, padding = 0, limits?: ZoomLimits): Viewport {
  const shown = rotatedSize({ width: box.xbr - box.xtl, height: box.ybr - box.ytl }, v.rotation);
  const width = Math.max(1, v.canvasSize.width - 2 * padding);
  const height = Math.max(1, v.canvasSize.height - 2 * padding);
  const scale =
    shown.width <= 0 && shown.height <= 0
      ? v.scale
      : Math.min(shown.width > 0 ? width / shown.width : Infinity, shown.height > 0 ? height / shown.height : Infinity);
  const focus = imagePoint((box.xtl + box.xbr) / 2, (box.ytl + box.ybr) / 2);
  return centerOn(v, focus, clampScale(v, scale, limits));
}

/** Put an image point at the centre of the canvas at the given scale. */
export function centerOn(v: Viewport, focus: ImagePoint, scale: number = v.scale): Viewport {
  const c = imageCenter(v);
  const [x, y] = turn((focus.x - c.x) * scale, (focus.y - c.y) * scale, v.rotation);
  const target = canvasCenter(v);
  return { ...v, scale, center: screenPoint(target.x - x, target.y - y) };
}

/** The canvas was resized: keep the image point at the canvas centre at the centre. */
export function resizeCanvas(v: Viewport, canvasSize: Size): Viewport {
  const dx = (canvasSize.width - v.canvasSize.width) / 2;
  const dy = (canvasSize.height - v.canvasSize.height) / 2;
  return { ...v, canvasSize, center: screenPoint(v.center.x + dx, v.center.y + dy) };
}

/** A frame of another size was shown: keep zoom, rotation and the image centre's position. */
export function setImageSize(v: Viewport, imageSize: Size): Viewport {
  return { ...v, imageSize };
}

/** The part of image space visible on the canvas (may extend past the image); for culling. */
export function visibleImageBox(v: Viewport): ImageBox {
  const corners = [
    screenToImage(v, screenPoint(0, 0)),
    screenToImage(v, screenPoint(v.canvasSize.width, 0)),
    screenToImage(v, screenPoint(0, v.canvasSize.height)),
    screenToImage(v, screenPoint(v.canvasSize.width, v.canvasSize.height)),
  ];
  const xs = corners.map((p) => p.x);
  const ys = corners.map((p) => p.y);
  return { xtl: Math.min(...xs), ytl: Math.min(...ys), xbr: Math.max(...xs), ybr: Math.max(...ys) };
}
