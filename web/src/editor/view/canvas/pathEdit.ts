/**
 * Shift+click editing of a polygon or polyline (CVAT's "edit" mode) as a small state chart: it
 * starts on a vertex of the selected shape, each click adds a point of the new path, and a click
 * on a vertex of the same shape ends it, replacing a part of the shape by the engine's cutting
 * rules. When the rules cannot decide which part of a polygon to keep, both candidates are shown
 * and a click inside one keeps it. Pure: the canvas feeds it clicks and stores what it returns.
 */
import { distance, toFlatPoints, type ImagePoint } from "../../engine/geometry/coords";
import { isPointInPolygon } from "../../engine/geometry/polyMath";
import { appendPoints, editPolygonWithPath, editPolylineWithPath, extendPolyline } from "../../engine/geometry/polygonEdit";

/** Points shapes take Shift+click too: the clicked points are added to them. */
export type PathEditType = "polygon" | "polyline" | "points";

export type PathEditState =
  | {
      readonly kind: "path";
      readonly id: string;
      readonly type: PathEditType;
      /** The vertex the new path starts from. */
      readonly from: number;
      readonly path: readonly ImagePoint[];
      readonly pointer: ImagePoint | null;
    }
  | { readonly kind: "choose"; readonly id: string; readonly type: "polygon"; readonly candidates: readonly [number[], number[]] };

export interface PathEditStep {
  /** `null`: the edit is over (done or cancelled). */
  readonly state: PathEditState | null;
  /** The shape's new points when the edit is done. */
  readonly points: number[] | null;
}

export function startPathEdit(id: string, type: PathEditType, from: number): PathEditState {
  return { kind: "path", id, type, from, path: [], pointer: null };
}

/**
 * A click while editing. `vertex` is the index of the edited shape's vertex under the pointer,
 * if any; `points` are the shape's current points.
 */
export function pathEditClick(
  state: PathEditState,
  points: readonly number[],
  p: ImagePoint,
  vertex: number | null,
  intelligentCropping: boolean,
): PathEditStep {
  if (state.kind === "choose") {
    const kept = state.candidates.find((candidate) => isPointInPolygon(candidate, p));
    return kept === undefined ? { state, points: null } : { state: null, points: kept };
  }
  if (vertex === null) {
    const last = state.path.at(-1);
    // The second press of a double click adds nothing.
    if (last !== undefined && distance(last, p) < 1e-6) return { state, points: null };
    return { state: { ...state, path: [...state.path, p], pointer: p }, points: null };
  }
  if (state.type === "points") {
    return { state: null, points: state.path.length === 0 ? null : appendPoints(points, state.path) };
  }
  if (state.type === "polyline") {
    if (vertex === state.from && state.path.length === 0) return { state: null, points: null };
    return { state: null, points: editPolylineWithPath(points, state.from, vertex, state.path) };
  }
  const outcome = editPolygonWithPath(points, state.from, vertex, state.path, { intelligentCropping });
  switch (outcome.kind) {
    case "cancelled":
      return { state: null, points: null };
    case "decided":
      return { state: null, points: outcome.points };
    case "choose":
      return { state: { kind: "choose", id: state.id, type: "polygon", candidates: outcome.candidates }, points: null };
  }
}

/**
 * A double click ends a polyline edit on its last drawn point (the line continues along the
 * path), or a points edit (the clicked points are added).
 */
export function finishPathEdit(state: PathEditState, points: readonly number[]): PathEditStep {
  if (state.kind !== "path" || state.type === "polygon" || state.path.length === 0) return { state, points: null };
  if (state.type === "points") return { state: null, points: appendPoints(points, state.path) };
  return { state: null, points: extendPolyline(points, state.from, state.path) };
}

export function movePathEditPointer(state: PathEditState, p: ImagePoint): PathEditState {
  return state.kind === "path" ? { ...state, pointer: p } : state;
}

/** Right click: take back the last point of the path. */
export function removeLastPathPoint(state: PathEditState): PathEditState {
  return state.kind === "path" ? { ...state, path: state.path.slice(0, -1) } : state;
}

/** The path being drawn, from the start vertex through the pointer, for the preview line. */
export function pathEditPreview(state: PathEditState, points: readonly number[]): number[] {
  if (state.kind !== "path" || state.type === "points") return [];
  const start = [points[2 * state.from], points[2 * state.from + 1]];
  return [...start, ...toFlatPoints(state.pointer === null ? state.path : [...state.path, state.pointer])];
}

/** The points a points-shape edit has added so far, shown as dots. */
export function pathEditAddedPoints(state: PathEditState): number[] {
  return state.kind === "path" && state.type === "points" ? toFlatPoints(state.path) : [];
}
