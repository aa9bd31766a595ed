/**
 * "Propagate shapes": copies shapes of one frame onto every other frame of the run, each copy fitted
 * into its frame as a paste or a Ctrl+B propagation is (clipboard.ts: new ids, ungrouped, dropped
 * when too little is left inside a smaller frame). Which shapes: the selected ones when there are
 * any (CVAT runs an action on the object whose menu opened it), else the frame's shapes that pass
 * the filter (CVAT: "propagates all the filtered shapes from the current frame").
 */
import { copyOnFrame } from "../document/clipboard";
import type { FrameIndex } from "../document/frameIndex";
import { getObject, type AnnotationDocument, type ClientId, type ShapeObject } from "../document/model";
import { filteredShapesOn, type ActionContext, type AnnotationAction, type ShapeValue } from "./action";

/** The shapes a propagation copies: the selected shapes, or else the frame's filtered shapes. */
export function propagationSources(
  snapshot: { readonly document: AnnotationDocument; readonly frameIndex: FrameIndex; readonly accepts: ActionContext["accepts"] },
  frame: number,
  selectedIds: readonly ClientId[],
): ShapeObject[] {
  const selected = selectedIds
    .map((id) => getObject(snapshot.document, id))
    .filter((object): object is ShapeObject => object?.kind === "shape");
  if (selected.length > 0) return selected;
  return filteredShapesOn(snapshot, frame);
}

/** The action that copies `sources` (shapes of `sourceFrame`) onto each frame of the run but their own. */
export function propagateShapes(sources: readonly ShapeObject[], sourceFrame: number): AnnotationAction {
  const values: ShapeValue[] = sources.map(({ clientId: _copiedNot, ...value }) => value);
  return {
    id: "propagate-shapes",
    label: "Propagate shapes",
    description: "Copies the selected shapes, or else the shapes of this frame that pass the filter, onto every other frame of the range.",
    usesFilter: true,
    onFrame(context, frame) {
      if (frame === sourceFrame || values.length === 0) return [];
      const size = context.frameSize(frame);
      const created: ShapeValue[] = [];
      for (const value of values) {
        const copy = copyOnFrame(value, frame, size);
        if (copy !== null) created.push(copy as ShapeValue);
      }
      const empty = values.length - created.length;
      return [{ deleted: [], created, skipped: empty > 0 ? { empty } : {} }];
    },
  };
}
