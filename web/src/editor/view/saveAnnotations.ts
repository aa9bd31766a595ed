/**
 * One save of the job: the store's unsaved changes sent as CVAT's PATCH steps (create, update,
 * delete), each recorded with `markSaved` as soon as the server accepts it, so a failure halfway
 * leaves only the remaining steps unsaved. The transport is injected (HTTP in the app).
 */
import type { EditorStore } from "../engine/document/editorStore";
import { markSaved, planSave, requestBody, type SaveAction } from "../engine/document/changes";
import type { ServerLabeledData, ServerObjectLists } from "../engine/document/serverFormat";

export type SendPatch = (action: SaveAction, body: ServerObjectLists & { version: number }) => Promise<ServerLabeledData>;

export interface SaveProgress {
  readonly done: number;
  readonly total: number;
}

/** Sends every step of the current plan; resolves with the number of steps sent (0: nothing to save). */
export async function saveAnnotations(
  store: EditorStore,
  send: SendPatch,
  onProgress?: (progress: SaveProgress) => void,
): Promise<number> {
  const { steps } = planSave(store.getState());
  onProgress?.({ done: 0, total: steps.length });
  for (const [index, step] of steps.entries()) {
    // The version moves on with every accepted step, so read it afresh for each.
    const response = await send(step.action, requestBody(step, store.getState().sync.version));
    markSaved(store, step, response);
    onProgress?.({ done: index + 1, total: steps.length });
  }
  return steps.length;
}
