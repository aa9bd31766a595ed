/**
 * Keeps the job's unsaved changes in a `DraftStore` (IndexedDB in the app) while the user works:
 * after every change to the document or to what the server has, once the changes settle for a
 * moment, the current draft is written, or cleared when nothing is unsaved any more. Writes run
 * one after another, so a slow write never lands after a newer one.
 */
import { createDraft, type DraftStore } from "../engine/document/drafts";
import { hasUnsavedChanges } from "../engine/document/changes";
import type { EditorStore } from "../engine/document/editorStore";

export interface DraftKeeperOptions {
  /** Quiet time before a write; drags produce many changes a second. */
  debounceMs?: number;
  /** A write failed (quota, private mode): the view tells the user once. */
  onError?: (error: unknown) => void;
  setTimer?: (run: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
}

export interface DraftKeeper {
  /** Writes now what a pending timer would write later; resolves when written. */
  flush(): Promise<void>;
  dispose(): void;
}

export const DRAFT_DEBOUNCE_MS = 400;

export function keepDrafts(store: EditorStore, drafts: DraftStore, jobId: number, options: DraftKeeperOptions = {}): DraftKeeper {
  const debounceMs = options.debounceMs ?? DRAFT_DEBOUNCE_MS;
  const setTimer = options.setTimer ?? ((run, ms) => setTimeout(run, ms));
  const clearTimer = options.clearTimer ?? ((handle) => clearTimeout(handle as ReturnType<typeof setTimeout>));
  let timer: unknown = null;
  let writing: Promise<void> = Promise.resolve();

  const write = (): Promise<void> => {
    timer = null;
    const draft = createDraft(store.getState());
    writing = writing
      .then(() => (draft === null ? drafts.clear(jobId) : drafts.save(jobId, draft)))
      .catch((error: unknown) => options.onError?.(error));
    return writing;
  };

  const unsubscribe = store.subscribe((state, previous) => {
    if (state.document === previous.document && state.sync === previous.sync) return;
    if (timer !== null) clearTimer(timer);
    // A save that left nothing unsaved clears the draft at once: within the debounce a reload
    // would otherwise be offered the changes it just saved.
    if (state.sync !== previous.sync && !hasUnsavedChanges(state)) {
      void write();
      return;
    }
    timer = setTimer(() => void write(), debounceMs);
  });

  return {
    flush() {
      if (timer === null) return writing;
      clearTimer(timer);
      return write();
    },
    dispose() {
      unsubscribe();
      if (timer !== null) {
        clearTimer(timer);
        void write();
      }
    },
  };
}
