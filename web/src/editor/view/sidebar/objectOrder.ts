/**
 * The order of the objects list: by id (ascending or descending), by when the user last changed
 * an object (a local stamp, never saved), or by z-order (topmost first, as stacked on the canvas).
 */
import { getObject, viewFlagsOf, type AnnotationDocument, type ClientId } from "../../engine/document/model";
import type { FrameObject } from "../frameObjects";

export const OBJECT_SORTS = ["idAscending", "idDescending", "updated", "zOrder"] as const;
export type ObjectSort = (typeof OBJECT_SORTS)[number];

export const OBJECT_SORT_NAMES: Record<ObjectSort, string> = {
  idAscending: "ID – ascending",
  idDescending: "ID – descending",
  updated: "Updated time",
  zOrder: "Z-order",
};

/** When each object was last changed: larger = later. */
export type ChangeStamps = ReadonlyMap<ClientId, number>;

/**
 * Stamps the objects of `ids` whose value or view flags differ between the two documents with
 * `tick`; returns `stamps` itself when none did (so a memo downstream keeps its value).
 */
export function stampChanges(
  stamps: ChangeStamps,
  previous: AnnotationDocument,
  next: AnnotationDocument,
  ids: readonly ClientId[],
  tick: number,
): ChangeStamps {
  if (previous === next) return stamps;
  let updated: Map<ClientId, number> | null = null;
  for (const id of ids) {
    const changed =
      getObject(previous, id) !== getObject(next, id) || viewFlagsOf(previous, id) !== viewFlagsOf(next, id);
    if (!changed) continue;
    updated ??= new Map(stamps);
    updated.set(id, tick);
  }
  return updated ?? stamps;
}

/**
 * The objects in list order. `idOf` gives the number shown on the card (the server id; created
 * objects have none and come after the saved ones, in creation order).
 */
export function sortObjects(
  objects: readonly FrameObject[],
  sort: ObjectSort,
  idOf: (id: ClientId) => number | undefined,
  stamps: ChangeStamps,
): FrameObject[] {
  const byId = (a: FrameObject, b: FrameObject) => compareIds(a.object.clientId, b.object.clientId, idOf);
  const sorted = [...objects];
  switch (sort) {
    case "idAscending":
      return sorted.sort(byId);
    case "idDescending":
      return sorted.sort((a, b) => byId(b, a));
    case "updated":
      return sorted.sort(
        (a, b) => (stamps.get(b.object.clientId) ?? -1) - (stamps.get(a.object.clientId) ?? -1) || byId(a, b),
      );
    case "zOrder":
      // `objects` come in drawing order (bottom first); the list shows the top first.
      return sorted.reverse();
  }
}

function compareIds(a: ClientId, b: ClientId, idOf: (id: ClientId) => number | undefined): number {
  const left = idOf(a) ?? Number.POSITIVE_INFINITY;
  const right = idOf(b) ?? Number.POSITIVE_INFINITY;
  if (left !== right) return left < right ? -1 : 1;
  return a.localeCompare(b, undefined, { numeric: true });
}
