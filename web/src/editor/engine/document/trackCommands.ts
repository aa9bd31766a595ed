/**
 * The track commands of the editor (K and O, CVAT's "switch keyframe" and "switch outside") over
 * the store: each is one undo step; locked tracks and other objects are left alone. Editing a
 * track's shape, occluded, z-order or attributes on a frame goes through the general commands with
 * a `FrameContext` (commands.ts), creating one through `createObject` with a `NewTrack`.
 */

import { castDraft } from "immer";
import type { EditorStore } from "./editorStore";
import { setEntry } from "./idTable";
import { getObject, isLocked, type ClientId, type TrackObject } from "./model";
import { toggleKeyframeOnFrame, toggleOutsideOnFrame, type FrameContext } from "./trackEdits";

/** What a K did: a keyframe made or removed, refused (the last visible keyframe), or nothing. */
export type KeyframeToggle = "added" | "removed" | "refused" | "none";

/** K: removes the track's keyframe on `at.frame`, or makes the frame's shape a keyframe. */
export function toggleKeyframe(store: EditorStore, id: ClientId, at: FrameContext): KeyframeToggle {
  const track = editableTrack(store, id);
  if (track === null) return "none";
  const next = toggleKeyframeOnFrame(track, at);
  if (next === null) return "refused";
  if (next === track) return "none";
  const added = next.keyframes.length > track.keyframes.length;
  replaceTrack(store, next, added ? "Add keyframe" : "Remove keyframe");
  return added ? "added" : "removed";
}

/** O: hides the track from `at.frame` on (an outside keyframe), or shows it again there. */
export function toggleOutside(store: EditorStore, id: ClientId, at: FrameContext): boolean {
  const track = editableTrack(store, id);
  if (track === null) return false;
  const next = toggleOutsideOnFrame(track, at);
  if (next === track) return false;
  const outside = next.keyframes.find((keyframe) => keyframe.frame === at.frame)?.outside ?? false;
  return replaceTrack(store, next, outside ? "Set outside" : "Unset outside");
}

function editableTrack(store: EditorStore, id: ClientId): TrackObject | null {
  const document = store.getState().document;
  const object = getObject(document, id);
  return object?.kind === "track" && !isLocked(document, id) ? object : null;
}

function replaceTrack(store: EditorStore, track: TrackObject, label: string): boolean {
  return store.apply((draft) => setEntry(draft.objects, track.clientId, castDraft(track)), { label });
}
