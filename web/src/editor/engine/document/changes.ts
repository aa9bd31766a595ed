/**
 * What to save: the difference between the saved baseline and the document, as the server's
 * `PATCH …/annotations?action=create|update|delete` bodies — never the whole job — and, after each
 * successful request, `markSaved` to move the baseline and learn the new objects' server ids.
 *
 * The diff is computed, not accumulated: an object created then deleted before a save sends
 * nothing, an edit undone sends nothing, and undo after a save yields the inverse diff for free.
 * Unchanged objects share their reference with the baseline (immer), and so do unchanged buckets
 * of the id table: the diff skips those whole and compares deeply only the objects touched.
 *
 * Each step carries a snapshot of what it sends: edits made while a request is in flight stay
 * unsaved after `markSaved`, because the baseline takes the snapshot, not the current document.
 */

import { castDraft, produce } from "immer";
import type { EditorState, EditorStore, SyncState } from "./editorStore";
import { deepEqual } from "./equality";
import { BUCKET_COUNT, deleteEntry, getEntry, setEntry, type IdTable } from "./idTable";
import type { AnnotationObject, ClientId } from "./model";
import {
  addToLists,
  collectionOf,
  emptyObjectLists,
  type ServerCollection,
  type ServerLabeledData,
  type ServerObjectLists,
} from "./serverFormat";

type Objects = IdTable<AnnotationObject>;

export interface DocumentDiff {
  /** In the document, unknown to the server. */
  readonly created: readonly ClientId[];
  /** Known to the server, changed in saved fields (view flags don't count). */
  readonly updated: readonly ClientId[];
  /** Known to the server, gone from the document. */
  readonly deleted: readonly ClientId[];
}

export type SaveAction = "create" | "update" | "delete";

export interface SaveStep {
  readonly action: SaveAction;
  /** The request body without `version` (see `requestBody`). */
  readonly body: ServerObjectLists;
  /** The client id of each object of `body`, list by list, in the same order. */
  readonly clientIds: Readonly<Record<ServerCollection, readonly ClientId[]>>;
  /** The objects as sent (for delete: as the server had them). */
  readonly snapshot: Readonly<Record<ClientId, AnnotationObject>>;
}

/** The requests of one save, in CVAT's order (create, update, delete); empty when nothing changed. */
export interface SavePlan {
  readonly steps: readonly SaveStep[];
}

const SAVE_ORDER: readonly SaveAction[] = ["create", "update", "delete"];

export function diffDocument(objects: Objects, sync: SyncState): DocumentDiff {
  const { baseline, serverIds } = sync;
  const created: ClientId[] = [];
  const updated: ClientId[] = [];
  const deleted: ClientId[] = [];
  if (objects === baseline) return { created, updated, deleted };
  // Both tables hash ids alike, so bucket n of one holds the same ids as bucket n of the other.
  for (let n = 0; n < BUCKET_COUNT; n += 1) {
    const current = objects.buckets[n];
    const saved = baseline.buckets[n];
    if (current === saved) continue;
    for (const id in current) {
      if (!Object.hasOwn(saved, id) || getEntry(serverIds, id) === undefined) created.push(id);
      else if (saved[id] !== current[id] && !deepEqual(saved[id], current[id])) updated.push(id);
    }
    for (const id in saved) if (!Object.hasOwn(current, id)) deleted.push(id);
  }
  return { created, updated, deleted };
}

export function isDiffEmpty(diff: DocumentDiff): boolean {
  return diff.created.length === 0 && diff.updated.length === 0 && diff.deleted.length === 0;
}

/** For the "unsaved changes" indicator and the leave-page warning. */
export function hasUnsavedChanges(state: EditorState): boolean {
  return !isDiffEmpty(diffDocument(state.document.objects, state.sync));
}

export function planSave(state: EditorState): SavePlan {
  const { objects } = state.document;
  const { baseline, serverIds } = state.sync;
  const diff = diffDocument(objects, state.sync);
  const ids: Record<SaveAction, readonly ClientId[]> = {
    create: diff.created,
    update: diff.updated,
    delete: diff.deleted,
  };
  const steps: SaveStep[] = [];
  for (const action of SAVE_ORDER) {
    if (ids[action].length === 0) continue;
    const source = action === "delete" ? baseline : objects;
    steps.push(buildStep(action, ids[action], source, action === "create" ? null : serverIds));
  }
  return { steps };
}

function buildStep(
  action: SaveAction,
  ids: readonly ClientId[],
  source: Objects,
  serverIds: IdTable<number> | null,
): SaveStep {
  const body = emptyObjectLists();
  const clientIds: Record<ServerCollection, ClientId[]> = { tags: [], shapes: [], tracks: [] };
  const snapshot: Record<ClientId, AnnotationObject> = {};
  for (const id of ids) {
    const object = getEntry(source, id) as AnnotationObject;
    addToLists(body, object, serverIds ? (getEntry(serverIds, id) ?? null) : null);
    clientIds[collectionOf(object)].push(id);
    snapshot[id] = object;
  }
  return { action, body, clientIds, snapshot };
}

/** The body to send for a step: the job's current annotation version guards against lost updates. */
export function requestBody(step: SaveStep, version: number): ServerObjectLists & { version: number } {
  return { version, ...step.body };
}

/**
 * Records a successful step: the baseline takes the step's snapshot, created objects get their
 * server ids (the server answers a create with exactly the created objects, in the order sent),
 * and the version moves to the one the server answered.
 */
export function markSaved(store: EditorStore, step: SaveStep, response: ServerLabeledData): void {
  const sync = store.getState().sync;
  const learned: [ClientId, number][] = [];
  if (step.action === "create") {
    for (const [collection, ids] of Object.entries(step.clientIds) as [ServerCollection, readonly ClientId[]][]) {
      const answered = response[collection] ?? [];
      if (answered.length !== ids.length) {
        throw new Error(`The server answered ${answered.length} created ${collection} for ${ids.length} sent.`);
      }
      ids.forEach((id, i) => {
        const serverId = answered[i].id;
        if (typeof serverId !== "number") throw new Error(`The server gave no id to a created ${collection} entry.`);
        learned.push([id, serverId]);
      });
    }
  }
  const ids = Object.keys(step.snapshot);
  const baseline = produce(sync.baseline, (draft) => {
    for (const id of ids) {
      if (step.action === "delete") deleteEntry(draft, id);
      else setEntry(draft, id, castDraft(step.snapshot[id]));
    }
  });
  const serverIds = produce(sync.serverIds, (draft) => {
    if (step.action === "delete") for (const id of ids) deleteEntry(draft, id);
    for (const [id, serverId] of learned) setEntry(draft, id, serverId);
  });
  const version = typeof response.version === "number" ? response.version : sync.version;
  store.replaceSync(Object.freeze({ ...sync, baseline, serverIds, version }));
}
