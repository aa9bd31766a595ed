/**
 * "Remove annotations" of the job menu as one undoable step: everything, or the objects of a
 * frame range. Tracks in a range go whole when they start inside it; with `keyframesOnly`, only
 * their keyframes inside the range go (a track left without keyframes goes too), as CVAT does.
 * Saving then sends the deletions and updates like any other edit.
 */
import { castDraft } from "immer";
import type { EditorStore } from "./editorStore";
import { deleteEntry, setEntry } from "./idTable";
import { allObjects, type AnnotationObject, type ClientId, type TrackObject } from "./model";

export interface RemoveAnnotationsOptions {
  /** Inclusive task frames; absent = the whole job. */
  readonly range?: { readonly from: number; readonly to: number };
  readonly keyframesOnly?: boolean;
}

export interface RemovalPlan {
  readonly deleted: readonly ClientId[];
  /** Tracks that keep some keyframes, with what is left. */
  readonly trimmed: readonly TrackObject[];
}

/** What a removal would do, without doing it (the dialog shows the count first). */
export function planRemoval(objects: readonly AnnotationObject[], options: RemoveAnnotationsOptions): RemovalPlan {
  const { range } = options;
  if (range === undefined) return { deleted: objects.map((object) => object.clientId), trimmed: [] };
  const from = Math.min(range.from, range.to);
  const to = Math.max(range.from, range.to);
  const inRange = (frame: number) => frame >= from && frame <= to;
  const deleted: ClientId[] = [];
  const trimmed: TrackObject[] = [];
  for (const object of objects) {
    if (object.kind !== "track") {
      if (inRange(object.frame)) deleted.push(object.clientId);
      continue;
    }
    if (!options.keyframesOnly) {
      if (inRange(object.frame)) deleted.push(object.clientId);
      continue;
    }
    const kept = object.keyframes.filter((keyframe) => !inRange(keyframe.frame));
    if (kept.length === object.keyframes.length) continue;
    if (kept.length === 0) deleted.push(object.clientId);
    else trimmed.push({ ...object, frame: Math.min(...kept.map((keyframe) => keyframe.frame)), keyframes: kept });
  }
  return { deleted, trimmed };
}

/** Removes the annotations (locked ones too: the user asked for all of them); returns the plan. */
export function removeAnnotations(store: EditorStore, options: RemoveAnnotationsOptions = {}): RemovalPlan {
  const plan = planRemoval(allObjects(store.getState().document), options);
  if (plan.deleted.length === 0 && plan.trimmed.length === 0) return plan;
  store.apply(
    (draft) => {
      for (const id of plan.deleted) {
        deleteEntry(draft.objects, id);
        deleteEntry(draft.view, id);
      }
      for (const track of plan.trimmed) setEntry(draft.objects, track.clientId, castDraft(track));
    },
    { label: "Remove annotations" },
  );
  return plan;
}
