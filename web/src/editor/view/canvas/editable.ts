/**
 * Which shape the canvas offers to reshape: the one selected shape, if the pointer may pick it
 * (visible, not locked) and it is not pinned — pinned objects can be selected, never moved.
 */
import type { ClientId, ShapeObject, ViewFlags } from "../../engine/document/model";

export function editableShape<T extends Pick<ShapeObject, "clientId">>(
  selectedIds: readonly ClientId[],
  pickable: readonly T[],
  flagsOf: (id: ClientId) => ViewFlags,
): T | null {
  if (selectedIds.length !== 1) return null;
  const shape = pickable.find((each) => each.clientId === selectedIds[0]);
  return shape === undefined || flagsOf(shape.clientId).pinned ? null : shape;
}

/** May a press on this shape start moving it? */
export function canMove(id: ClientId, flagsOf: (id: ClientId) => ViewFlags): boolean {
  const flags = flagsOf(id);
  return !flags.pinned && !flags.locked;
}
