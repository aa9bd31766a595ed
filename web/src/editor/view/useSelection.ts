// Subscriptions to the selection, for the components that draw it. The workspace itself does not
// subscribe to the selected ids: a click on another object then re-renders only the canvas, the
// objects list and the object text, not the top bar and the controls (bench/editor_render's
// select). Commands read the selection from the store when they run.
import { useStore } from "zustand";
import type { EditorStore } from "../engine/document/editorStore";
import type { ClientId } from "../engine/document/model";

/** The selected ids; a new array only when the selection changes. */
export function useSelectedIds(store: EditorStore): readonly ClientId[] {
  return useStore(store.api, (state) => state.selection.selectedIds);
}

/** Whether anything is selected: changes only from none to some and back. */
export function useHasSelection(store: EditorStore): boolean {
  return useStore(store.api, (state) => state.selection.selectedIds.length > 0);
}

/** The selected ids now, for commands that run later than the render that made them. */
export function selectedIdsOf(store: EditorStore): readonly ClientId[] {
  return store.getState().selection.selectedIds;
}
