/**
 * "Remove filtered shapes": deletes the shapes that pass the editor's filter (every shape without
 * one) on each frame of the run. Tags and tracks stay, as in CVAT ("doesn't work with tracks"), and
 * so do locked shapes, which no command changes.
 */
import { filteredShapesOn, unlocked, type AnnotationAction } from "./action";

export const removeFilteredShapes: AnnotationAction = {
  id: "remove-filtered-shapes",
  label: "Remove filtered shapes",
  description: "Removes the shapes that pass the filter (every shape when no filter is set). Tags, tracks and locked shapes stay.",
  usesFilter: true,
  onFrame(context, frame) {
    const { shapes, locked } = unlocked(context, filteredShapesOn(context, frame));
    return [{ deleted: shapes.map((shape) => shape.clientId), created: [], skipped: locked > 0 ? { locked } : {} }];
  },
};
