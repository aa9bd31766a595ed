/**
 * The canvas modes besides the tools: group mode (G), zoom to a region, and Shift+click editing
 * of a polygon/polyline. The workspace holds the mode because the keyboard (G, Shift+G, Escape)
 * and the controls sidebar change it as well as the canvas.
 */
import type { ClientId } from "../../engine/document/model";
import type { PathEditState } from "./pathEdit";

export type CanvasMode =
  | { readonly kind: "idle" }
  /** Clicked (or boxed) shapes collect in `ids`; G gives them one group. */
  | { readonly kind: "group"; readonly ids: readonly ClientId[] }
  /** The next drag on the canvas is a box the viewport zooms to. */
  | { readonly kind: "zoomRegion" }
  | { readonly kind: "pathEdit"; readonly edit: PathEditState };

export const IDLE_MODE: CanvasMode = Object.freeze({ kind: "idle" });

/** A click on a shape in group mode adds it, or takes it out if it was in. */
export function toggleInGroup(ids: readonly ClientId[], id: ClientId): ClientId[] {
  return ids.includes(id) ? ids.filter((each) => each !== id) : [...ids, id];
}

/** A box dragged in group mode adds every shape it meets (those already in stay). */
export function addToGroup(ids: readonly ClientId[], added: readonly ClientId[]): ClientId[] {
  return [...ids, ...added.filter((id) => !ids.includes(id))];
}
