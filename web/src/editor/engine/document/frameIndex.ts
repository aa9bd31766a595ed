/**
 * Which objects are on which frame, kept up to date incrementally from the ids a change touched,
 * so an edit costs work proportional to the objects it changed, not to the job.
 *
 * Lists are immutable and replaced only when their frame's membership changes: a view can
 * subscribe to one frame's list and skip re-rendering while other frames change. Order within a
 * list is not meaningful (the view sorts by z-order or id).
 */

import { getEntry, tableEntries, type IdTable } from "./idTable";
import type { AnnotationObject, ClientId } from "./model";

export interface FrameIndex {
  /** Shapes and tags by their frame. */
  readonly byFrame: ReadonlyMap<number, readonly ClientId[]>;
  /** Tracks span many frames; the view resolves them per frame. */
  readonly tracks: readonly ClientId[];
}

type Objects = IdTable<AnnotationObject>;
type Slot = number | "tracks";

const NO_IDS: readonly ClientId[] = Object.freeze([]);

export const EMPTY_FRAME_INDEX: FrameIndex = Object.freeze({ byFrame: new Map(), tracks: NO_IDS });

function slotOf(object: AnnotationObject | undefined): Slot | null {
  if (object === undefined) return null;
  return object.kind === "track" ? "tracks" : object.frame;
}

export function buildFrameIndex(objects: Objects): FrameIndex {
  const byFrame = new Map<number, ClientId[]>();
  const tracks: ClientId[] = [];
  for (const [id, object] of tableEntries(objects)) {
    const slot = slotOf(object);
    if (slot === "tracks") tracks.push(id);
    else if (slot !== null) {
      const list = byFrame.get(slot);
      if (list) list.push(id);
      else byFrame.set(slot, [id]);
    }
  }
  for (const list of byFrame.values()) Object.freeze(list);
  return { byFrame, tracks: Object.freeze(tracks) };
}

/** The index after a change from `before` to `after` that touched only the ids in `changed`. */
export function updateFrameIndex(
  index: FrameIndex,
  before: Objects,
  after: Objects,
  changed: Iterable<ClientId>,
): FrameIndex {
  const removed = new Map<Slot, Set<ClientId>>();
  const added = new Map<Slot, ClientId[]>();
  for (const id of changed) {
    const from = slotOf(getEntry(before, id));
    const to = slotOf(getEntry(after, id));
    if (from === to) continue;
    if (from !== null) getOrCreate(removed, from, () => new Set<ClientId>()).add(id);
    if (to !== null) getOrCreate(added, to, () => []).push(id);
  }
  if (removed.size === 0 && added.size === 0) return index;

  const slots = new Set<Slot>([...removed.keys(), ...added.keys()]);
  let byFrame: Map<number, readonly ClientId[]> | null = null;
  let tracks = index.tracks;
  for (const slot of slots) {
    const current = slot === "tracks" ? index.tracks : (index.byFrame.get(slot) ?? NO_IDS);
    const gone = removed.get(slot);
    const kept = gone ? current.filter((id) => !gone.has(id)) : [...current];
    const next = Object.freeze([...kept, ...(added.get(slot) ?? [])]);
    if (slot === "tracks") {
      tracks = next;
      continue;
    }
    byFrame ??= new Map(index.byFrame);
    if (next.length === 0) byFrame.delete(slot);
    else byFrame.set(slot, next);
  }
  return { byFrame: byFrame ?? index.byFrame, tracks };
}

/** The ids of the shapes and tags on `frame` (a stable reference while the frame is unchanged). */
export function idsOnFrame(index: FrameIndex, frame: number): readonly ClientId[] {
  return index.byFrame.get(frame) ?? NO_IDS;
}

/** Frames that hold at least one shape or tag, ascending (for "next frame with objects"). */
export function framesWithObjects(index: FrameIndex): number[] {
  return [...index.byFrame.keys()].sort((a, b) => a - b);
}

function getOrCreate<K, V>(map: Map<K, V>, key: K, create: () => V): V {
  let value = map.get(key);
  if (value === undefined) {
    value = create();
    map.set(key, value);
  }
  return value;
}
