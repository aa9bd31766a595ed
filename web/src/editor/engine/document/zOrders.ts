/**
 * The z-orders on one frame, of its shapes and of the tracks shown there: where a new object goes
 * (on top) and where "to foreground/background" sends one. A track counts with the z-order of its
 * shape on that frame, as it is drawn.
 */

import { trackShapeAt } from "../tracks/frames";
import { InterpolationError } from "../tracks/interpolation";
import type { EditorState } from "./editorStore";
import { idsOnFrame } from "./frameIndex";
import { getObject, type ClientId } from "./model";

/** Z-orders of the shapes and visible tracks on `frame`, leaving out `except`. */
export function zOrdersOnFrame(
  state: Pick<EditorState, "document" | "frameIndex">,
  frame: number,
  options: { deletedFrames?: ReadonlySet<number>; except?: ClientId } = {},
): number[] {
  const { document, frameIndex } = state;
  const orders: number[] = [];
  for (const id of idsOnFrame(frameIndex, frame)) {
    const object = getObject(document, id);
    if (object?.kind === "shape" && id !== options.except) orders.push(object.zOrder);
  }
  for (const id of frameIndex.tracks) {
    const track = getObject(document, id);
    if (track?.kind !== "track" || id === options.except) continue;
    try {
      const shape = trackShapeAt(track, frame, { deletedFrames: options.deletedFrames });
      if (shape !== null && !shape.outside) orders.push(shape.zOrder);
    } catch (error) {
      if (!(error instanceof InterpolationError)) throw error; // a broken track is not drawn
    }
  }
  return orders;
}

/** The z-order that puts a new object on top of `frame` (0 on an empty frame). */
export function topZOrder(orders: readonly number[]): number {
  let top = -1;
  for (const order of orders) top = Math.max(top, order);
  return top + 1;
}
