/**
 * The drawing tools as a small state chart over image-space pointer input. Box tools (rectangle,
 * ellipse) take two clicks or one drag; vertex tools (polygon, polyline, points) take a point per
 * click and finish with N or a double click. Pure, so the canvas only feeds it events and creates
 * what it hands back; the store never sees a half-drawn shape.
 */
import { distance, toFlatPoints, type ImagePoint } from "../engine/geometry/coords";
import { canFinishDrawing } from "../engine/geometry/drawing";
import { ellipseFromBoxCorners, rectangleFromCorners } from "../engine/geometry/shapes";

export type BoxType = "rectangle" | "ellipse";
export type VertexType = "polygon" | "polyline" | "points";
export type DrawableType = BoxType | VertexType;

export type DrawingState =
  | {
      readonly kind: "box";
      readonly type: BoxType;
      readonly first: ImagePoint | null;
      /** The button is still down after the first press (a drag may be under way). */
      readonly pressed: boolean;
      readonly pointer: ImagePoint | null;
    }
  | { readonly kind: "vertices"; readonly type: VertexType; readonly points: readonly ImagePoint[]; readonly pointer: ImagePoint | null };

/** A finished shape: points in the server's layout for its type. */
export interface DrawnShape {
  readonly type: DrawableType;
  readonly points: number[];
}

export interface DrawingStep {
  readonly state: DrawingState;
  readonly drawn: DrawnShape | null;
}

export interface PointerTolerance {
  /** Image pixels the pointer may move between press and release and still count as a click. */
  readonly clickSlop: number;
}

export function isBoxType(type: DrawableType): type is BoxType {
  return type === "rectangle" || type === "ellipse";
}

export function startDrawing(type: DrawableType): DrawingState {
  return isBoxType(type)
    ? { kind: "box", type, first: null, pressed: false, pointer: null }
    : { kind: "vertices", type, points: [], pointer: null };
}

export function pointerDown(state: DrawingState, p: ImagePoint): DrawingStep {
  if (state.kind === "box") {
    if (state.first === null) return unfinished({ ...state, first: p, pressed: true, pointer: p });
    // The second click of the two-click way.
    return finishedBox(state.type, state.first, p);
  }
  const last = state.points.at(-1);
  // A double click presses twice on one spot: the second press adds nothing.
  if (last !== undefined && distance(last, p) < 1e-6) return unfinished(state);
  return unfinished({ ...state, points: [...state.points, p], pointer: p });
}

export function pointerMove(state: DrawingState, p: ImagePoint): DrawingState {
  return { ...state, pointer: p };
}

export function pointerUp(state: DrawingState, p: ImagePoint, tolerance: PointerTolerance): DrawingStep {
  if (state.kind !== "box" || !state.pressed || state.first === null) return unfinished(state);
  if (distance(state.first, p) > tolerance.clickSlop) return finishedBox(state.type, state.first, p);
  return unfinished({ ...state, pressed: false, pointer: p });
}

/** N or a double click: a vertex shape is done if it has enough points; boxes finish by themselves. */
export function finishDrawing(state: DrawingState): DrawingStep {
  if (state.kind !== "vertices" || !canFinishDrawing(state.type, state.points.length)) return unfinished(state);
  return { state: startDrawing(state.type), drawn: { type: state.type, points: toFlatPoints(state.points) } };
}

/** Whether anything is half drawn (Escape then cancels the shape rather than the tool). */
export function hasProgress(state: DrawingState): boolean {
  return state.kind === "box" ? state.first !== null : state.points.length > 0;
}

/** What the canvas previews: the shape so far with the pointer as its moving point. */
export function previewPoints(state: DrawingState): number[] {
  if (state.kind === "box") {
    if (state.first === null || state.pointer === null) return [];
    return boxPoints(state.type, state.first, state.pointer);
  }
  const points = state.pointer === null ? state.points : [...state.points, state.pointer];
  return toFlatPoints(points);
}

function unfinished(state: DrawingState): DrawingStep {
  return { state, drawn: null };
}

function boxPoints(type: BoxType, a: ImagePoint, b: ImagePoint): number[] {
  return type === "rectangle" ? rectangleFromCorners(a, b) : ellipseFromBoxCorners(a, b);
}

function finishedBox(type: BoxType, a: ImagePoint, b: ImagePoint): DrawingStep {
  return { state: startDrawing(type), drawn: { type, points: boxPoints(type, a, b) } };
}
