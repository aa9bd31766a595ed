/**
 * Crash recovery: the unsaved changes of a job as plain JSON (an `AnnotationDraft`), kept in the
 * browser by a `DraftStore`, and `restoreDraft` to reapply them onto freshly loaded server data.
 *
 * A draft names server objects by their server id, not their client id: objects created and saved
 * in the crashed session get other client ids ("shape:12") when the job is loaded again.
 */

import { castDraft } from "immer";
import { diffDocument } from "./changes";
import type { EditorState, EditorStore } from "./editorStore";
import { deleteEntry, getEntry, hasEntry, setEntry, tableEntries } from "./idTable";
import { getObject, type AnnotationObject, type ClientId, type ObjectKind } from "./model";

export const DRAFT_FORMAT = 1;

export interface DraftServerRef {
  readonly kind: ObjectKind;
  readonly serverId: number;
}

export interface DraftUpdate extends DraftServerRef {
  readonly object: AnnotationObject;
}

export interface AnnotationDraft {
  readonly format: typeof DRAFT_FORMAT;
  /** The job's annotation version the changes were made against. */
  readonly baseVersion: number;
  /** ISO time of the draft, for "unsaved changes from …". */
  readonly savedAt: string;
  readonly created: readonly AnnotationObject[];
  readonly updated: readonly DraftUpdate[];
  readonly deleted: readonly DraftServerRef[];
}

export interface RestoreReport {
  readonly created: number;
  readonly updated: number;
  readonly deleted: number;
  /** Edited objects someone deleted on the server since: re-created so the work is not lost. */
  readonly recreated: number;
  /** The server's version moved since the draft: the user should check the result. */
  readonly serverChangedSince: boolean;
}

/** The unsaved changes of the document; null when there are none (then clear the stored draft). */
export function createDraft(state: EditorState, now: Date = new Date()): AnnotationDraft | null {
  const { baseline, serverIds, version } = state.sync;
  const diff = diffDocument(state.document.objects, state.sync);
  if (diff.created.length + diff.updated.length + diff.deleted.length === 0) return null;
  const current = (id: ClientId) => getObject(state.document, id) as AnnotationObject;
  const serverIdOf = (id: ClientId) => getEntry(serverIds, id) as number;
  return {
    format: DRAFT_FORMAT,
    baseVersion: version,
    savedAt: now.toISOString(),
    created: diff.created.map(current),
    updated: diff.updated.map((id) => ({ kind: current(id).kind, serverId: serverIdOf(id), object: current(id) })),
    deleted: diff.deleted.map((id) => ({
      kind: (getEntry(baseline, id) as AnnotationObject).kind,
      serverId: serverIdOf(id),
    })),
  };
}

/**
 * Reapplies a draft onto the store's freshly loaded server data, as one undo step (the user can
 * take the restoration back).
 */
export function restoreDraft(store: EditorStore, draft: AnnotationDraft): RestoreReport {
  const state = store.getState();
  const byServerId = clientIdsByServerId(state);
  const find = (ref: DraftServerRef) => byServerId.get(serverKey(ref.kind, ref.serverId));
  let recreated = 0;
  store.apply(
    (doc) => {
      for (const object of draft.created) {
        const clientId = hasEntry(doc.objects, object.clientId) ? store.newClientId() : object.clientId;
        setEntry(doc.objects, clientId, castDraft({ ...object, clientId }));
      }
      for (const update of draft.updated) {
        const found = find(update);
        if (found === undefined) recreated += 1;
        const clientId = found ?? store.newClientId();
        setEntry(doc.objects, clientId, castDraft({ ...update.object, clientId }));
      }
      for (const ref of draft.deleted) {
        const found = find(ref);
        if (found === undefined) continue;
        deleteEntry(doc.objects, found);
        deleteEntry(doc.view, found);
      }
    },
    { label: "Restore unsaved changes" },
  );
  return {
    created: draft.created.length,
    updated: draft.updated.length - recreated,
    deleted: draft.deleted.length,
    recreated,
    serverChangedSince: draft.baseVersion !== state.sync.version,
  };
}

function serverKey(kind: ObjectKind, serverId: number): string {
  return `${kind}:${serverId}`;
}

function clientIdsByServerId(state: EditorState): Map<string, ClientId> {
  const map = new Map<string, ClientId>();
  const { baseline, serverIds } = state.sync;
  for (const [clientId, serverId] of tableEntries(serverIds)) {
    const object = getEntry(baseline, clientId) ?? getObject(state.document, clientId);
    if (object) map.set(serverKey(object.kind, serverId), clientId);
  }
  return map;
}

/** A draft read back from storage, or null when it is not one this version understands. */
export function parseDraft(value: unknown): AnnotationDraft | null {
  if (typeof value !== "object" || value === null) return null;
  const draft = value as Partial<AnnotationDraft>;
  const ok =
    draft.format === DRAFT_FORMAT &&
    typeof draft.baseVersion === "number" &&
    typeof draft.savedAt === "string" &&
    Array.isArray(draft.created) &&
    Array.isArray(draft.updated) &&
    Array.isArray(draft.deleted);
  return ok ? (draft as AnnotationDraft) : null;
}

/** Where drafts are kept between sessions, one per job. */
export interface DraftStore {
  save(jobId: number, draft: AnnotationDraft): Promise<void>;
  load(jobId: number): Promise<AnnotationDraft | null>;
  clear(jobId: number): Promise<void>;
}

/** For tests and for browsers without IndexedDB (private modes): lives as long as the page. */
export function createMemoryDraftStore(): DraftStore {
  const drafts = new Map<number, string>();
  return {
    save: async (jobId, draft) => {
      drafts.set(jobId, JSON.stringify(draft));
    },
    load: async (jobId) => {
      const stored = drafts.get(jobId);
      return stored === undefined ? null : parseDraft(JSON.parse(stored));
    },
    clear: async (jobId) => {
      drafts.delete(jobId);
    },
  };
}
