/**
 * The drawing tools as a small state chart over image-space pointer input. Box tools (rectangle,
 * ellipse) take two clicks or one drag; a rectangle may instead take its 4 extreme points; vertex
 * tools (polygon, polyline, points) take a point per click (or one every few screen px during a
 * Shift-drag), may follow another shape's border, finish with N, a double click or by themselves
 * at a fixed number of points, and lose their last point on a right click. Pure, so the canvas
 * only feeds it events and creates what it hands back; the store never sees a half-drawn shape.
 */
import { autoBorderClick, type AutoBorderState, type BorderContour } from "../engine/geometry/autoBorder";
import { boxOfPoints, distance, toFlatPoints, type ImagePoint, type ScreenPoint } from "../engine/geometry/coords";
import {
  EXTREME_POINTS_COUNT,
  canFinishDrawing,
  finishRefusal,
  isDrawingComplete,
  normalizeFixedPointCount,
  shouldAddFreehandPoint,
} from "../engine/geometry/drawing";
import { ellipseFromBoxCorners, rectangleFromCorners, rectangleFromExtremePoints } from "../engine/geometry/shapes";

export type BoxType = "rectangle" | "ellipse";
export type VertexType = "polygon" | "polyline" | "points";
export type DrawableType = BoxType | VertexType;

export type RectangleMethod = "twoPoints" | "fourPoints";

/**
 * The drawing options of the controls sidebar's tool popovers (and, later, the
 * `defaultPointsCount` query parameter): how rectangles are drawn and, per vertex tool, the
 * number of points after which drawing finishes by itself (`null`: finish by hand).
 */
export interface DrawingOptions {
  readonly rectangleMethod: RectangleMethod;
  readonly pointsCount: Readonly<Record<VertexType, number | null>>;
}

export const DEFAULT_DRAWING_OPTIONS: DrawingOptions = {
  rectangleMethod: "twoPoints",
  pointsCount: { polygon: null, polyline: null, points: null },
};

/** Options with one fixed number of points for every vertex tool (the `defaultPointsCount` parameter). */
export function withDefaultPointsCount(options: DrawingOptions, count: number | null): DrawingOptions {
  return {
    ...options,
    pointsCount: {
      polygon: normalizeFixedPointCount("polygon", count),
      polyline: normalizeFixedPointCount("polyline", count),
      points: normalizeFixedPointCount("points", count),
    },
  };
}

/** What a finished drawing becomes: a shape on the frame, or a track starting there (CVAT's two buttons). */
export type DrawAs = "shape" | "track";

/** The key the canvas gives another shape's contour when bordering (its client id). */
export type BorderKey = string;

export type DrawingState =
  | {
      readonly kind: "box";
      readonly type: BoxType;
      readonly first: ImagePoint | null;
      /** The button is still down after the first press (a drag may be under way). */
      readonly pressed: boolean;
      readonly pointer: ImagePoint | null;
    }
  | {
      readonly kind: "extremes";
      readonly type: "rectangle";
      readonly points: readonly ImagePoint[];
      readonly pointer: ImagePoint | null;
    }
  | {
      readonly kind: "vertices";
      readonly type: VertexType;
      readonly points: readonly ImagePoint[];
      readonly pointer: ImagePoint | null;
      /** Finish by itself at this many points; `null`: by hand. */
      readonly fixedCount: number | null;
      /** During a Shift-drag: the screen position of the last point it added. */
      readonly freehand: ScreenPoint | null;
      /** Progress of automatic bordering on another shape's vertices. */
      readonly border: AutoBorderState<BorderKey>;
    };

/** A finished shape: points in the server's layout for its type. */
export interface DrawnShape {
  readonly type: DrawableType;
  readonly points: number[];
}

export interface DrawingStep {
  readonly state: DrawingState;
  readonly drawn: DrawnShape | null;
  /** Why a finish (N, double click) made nothing of what is drawn so far, for the user. */
  readonly refusal?: string;
}

export interface PointerTolerance {
  /** Image pixels the pointer may move between press and release and still count as a click. */
  readonly clickSlop: number;
}

/** A vertex of another shape under the pointer while automatic bordering is on. */
export interface BorderVertex {
  readonly key: BorderKey;
  readonly contour: BorderContour;
  readonly index: number;
}

/** What else the canvas knows about a press or move besides its image position. */
export interface PointerInput {
  readonly screen?: ScreenPoint;
  readonly shift?: boolean;
  readonly border?: BorderVertex | null;
}

export function isBoxType(type: DrawableType): type is BoxType {
  return type === "rectangle" || type === "ellipse";
}

export function startDrawing(type: DrawableType, options: DrawingOptions = DEFAULT_DRAWING_OPTIONS): DrawingState {
  if (type === "rectangle" && options.rectangleMethod === "fourPoints") {
    return { kind: "extremes", type, points: [], pointer: null };
  }
  if (isBoxType(type)) return { kind: "box", type, first: null, pressed: false, pointer: null };
  return {
    kind: "vertices",
    type,
    points: [],
    pointer: null,
    fixedCount: normalizeFixedPointCount(type, options.pointsCount[type]),
    freehand: null,
    border: null,
  };
}

/** The same tool with the same options, nothing drawn yet (after finishing, Escape, a new frame). */
export function restartDrawing(state: DrawingState): DrawingState {
  switch (state.kind) {
    case "box":
      return { ...state, first: null, pressed: false };
    case "extremes":
      return { ...state, points: [] };
    case "vertices":
      return { ...state, points: [], freehand: null, border: null };
  }
}

/** A double click presses twice on one spot: the second press adds nothing. */
function withPoint(points: readonly ImagePoint[], p: ImagePoint): readonly ImagePoint[] {
  const last = points.at(-1);
  return last !== undefined && distance(last, p) < 1e-6 ? points : [...points, p];
}

export function pointerDown(state: DrawingState, p: ImagePoint, input: PointerInput = {}): DrawingStep {
  switch (state.kind) {
    case "box":
      if (state.first === null) return unfinished({ ...state, first: p, pressed: true, pointer: p });
      // The second click of the two-click way.
      return finishedBox(state.type, state.first, p);
    case "extremes": {
      const points = withPoint(state.points, p);
      if (points.length >= EXTREME_POINTS_COUNT) {
        return { state: restartDrawing(state), drawn: { type: "rectangle", points: rectangleFromExtremePoints(points) } };
      }
      return unfinished({ ...state, points, pointer: p });
    }
    case "vertices": {
      let next: DrawingState;
      if (input.border && state.type !== "points") {
        const step = autoBorderClick(state.border, input.border.key, input.border.contour, input.border.index);
        let points = state.points;
        for (const added of step.added) points = withPoint(points, added);
        next = { ...state, points, pointer: p, border: step.state, freehand: null };
      } else {
        next = {
          ...state,
          points: withPoint(state.points, p),
          pointer: p,
          border: null,
          freehand: input.shift && input.screen ? input.screen : null,
        };
      }
      return isDrawingComplete(next.points.length, next.fixedCount) ? finishVertices(next) : unfinished(next);
    }
  }
}

export function pointerMove(state: DrawingState, p: ImagePoint, input: PointerInput = {}): DrawingState {
  if (state.kind === "vertices" && state.freehand !== null && input.shift && input.screen) {
    const full = state.fixedCount !== null && state.points.length >= state.fixedCount;
    if (!full && shouldAddFreehandPoint(state.freehand, input.screen)) {
      return { ...state, points: withPoint(state.points, p), pointer: p, freehand: input.screen };
    }
  }
  return { ...state, pointer: p };
}

export function pointerUp(state: DrawingState, p: ImagePoint, tolerance: PointerTolerance): DrawingStep {
  if (state.kind === "vertices") {
    if (state.freehand === null) return unfinished(state);
    // The end of a Shift-drag: a fixed number of points may have been reached on the way.
    const released = { ...state, freehand: null };
    return isDrawingComplete(released.points.length, released.fixedCount) ? finishVertices(released) : unfinished(released);
  }
  if (state.kind !== "box" || !state.pressed || state.first === null) return unfinished(state);
  if (distance(state.first, p) > tolerance.clickSlop) return finishedBox(state.type, state.first, p);
  return unfinished({ ...state, pressed: false, pointer: p });
}

/** Right click while drawing: take back the last point (or the first corner of a box). */
export function removeLastPoint(state: DrawingState): DrawingState {
  switch (state.kind) {
    case "box":
      return { ...state, first: null, pressed: false };
    case "extremes":
      return { ...state, points: state.points.slice(0, -1) };
    case "vertices":
      return { ...state, points: state.points.slice(0, -1), border: null, freehand: null };
  }
}

/**
 * N or a double click: a vertex shape is done if it has enough points; boxes finish by themselves.
 * With something drawn that cannot be finished yet, the step says why (nothing drawn: no word).
 */
export function finishDrawing(state: DrawingState): DrawingStep {
  if (state.kind === "vertices" && canFinishDrawing(state.type, state.points.length)) return finishVertices(state);
  if (!hasProgress(state)) return unfinished(state);
  return { state, drawn: null, refusal: refusalOf(state) };
}

function refusalOf(state: DrawingState): string {
  switch (state.kind) {
    case "box":
      return `Click or drag to the opposite corner to finish the ${state.type}.`;
    case "extremes": {
      const more = EXTREME_POINTS_COUNT - state.points.length;
      return `A rectangle by 4 points needs its 4 extreme points: click ${more} more, or cancel it.`;
    }
    case "vertices":
      return finishRefusal(state.type, state.points.length) ?? "";
  }
}

/** Whether anything is half drawn (Escape then cancels the shape rather than the tool). */
export function hasProgress(state: DrawingState): boolean {
  return state.kind === "box" ? state.first !== null : state.points.length > 0;
}

/** What the canvas previews: the shape so far with the pointer as its moving point. */
export function previewPoints(state: DrawingState): number[] {
  switch (state.kind) {
    case "box":
      if (state.first === null || state.pointer === null) return [];
      return boxPoints(state.type, state.first, state.pointer);
    case "extremes": {
      if (state.points.length === 0) return [];
      const box = boxOfPoints(state.pointer === null ? state.points : [...state.points, state.pointer]);
      return box === null ? [] : [box.xtl, box.ytl, box.xbr, box.ybr];
    }
    case "vertices":
      return toFlatPoints(state.pointer === null ? state.points : [...state.points, state.pointer]);
  }
}

/** The points clicked so far, shown as dots where the preview shape does not show them (extreme points). */
export function clickedPoints(state: DrawingState): number[] {
  return state.kind === "extremes" ? toFlatPoints(state.points) : [];
}

function unfinished(state: DrawingState): DrawingStep {
  return { state, drawn: null };
}

function finishVertices(state: Extract<DrawingState, { kind: "vertices" }>): DrawingStep {
  return { state: restartDrawing(state), drawn: { type: state.type, points: toFlatPoints(state.points) } };
}

function boxPoints(type: BoxType, a: ImagePoint, b: ImagePoint): number[] {
  return type === "rectangle" ? rectangleFromCorners(a, b) : ellipseFromBoxCorners(a, b);
}

function finishedBox(type: BoxType, a: ImagePoint, b: ImagePoint): DrawingStep {
  return { state: startDrawing(type), drawn: { type, points: boxPoints(type, a, b) } };
}
