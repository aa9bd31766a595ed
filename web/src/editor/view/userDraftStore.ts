/**
 * Drafts kept per user *and* job, so two people sharing a browser never see (or overwrite) each
 * other's unsaved changes. IndexedDB holds one record per job (the key other tools already read)
 * whose value holds each user's draft: `{ byUser: { "<userId>": draft } }`; each change reads and
 * writes that record in one transaction, so users' writes never lose one another's drafts.
 * A record from before users were told apart has no owner and is never offered to anyone.
 */
import { parseDraft, type AnnotationDraft, type DraftStore } from "../engine/document/drafts";
import { DRAFTS_DATABASE_NAME, DRAFTS_STORE_NAME as STORE_NAME, openDraftDatabase } from "../engine/document/indexedDbDraftStore";

interface JobDrafts {
  byUser: Record<string, AnnotationDraft>;
}

function jobDrafts(value: unknown): JobDrafts {
  if (typeof value === "object" && value !== null && "byUser" in value) {
    const byUser = (value as { byUser: unknown }).byUser;
    if (typeof byUser === "object" && byUser !== null) return { byUser: { ...(byUser as Record<string, AnnotationDraft>) } };
  }
  return { byUser: {} };
}

export interface UserDraftStoreOptions {
  factory: IDBFactory;
  userId: number;
  databaseName?: string;
}

export function createUserDraftStore({
  factory,
  userId,
  databaseName = DRAFTS_DATABASE_NAME,
}: UserDraftStoreOptions): DraftStore & { close(): Promise<void> } {
  const owner = String(userId);
  let opening: Promise<IDBDatabase> | null = null;
  const database = (): Promise<IDBDatabase> => {
    opening ??= openDraftDatabase(factory, databaseName).catch((error: unknown) => {
      opening = null;
      throw error;
    });
    return opening;
  };

  /** Reads the job's record, lets `change` edit this user's entry, writes it back (or deletes an empty one). */
  const update = async (jobId: number, change: (drafts: JobDrafts) => void): Promise<void> => {
    const db = await database();
    await new Promise<void>((resolve, reject) => {
      const transaction = db.transaction(STORE_NAME, "readwrite");
      const store = transaction.objectStore(STORE_NAME);
      const read = store.get(jobId);
      read.onsuccess = () => {
        const drafts = jobDrafts(read.result);
        change(drafts);
        if (Object.keys(drafts.byUser).length === 0) store.delete(jobId);
        else store.put(drafts, jobId);
      };
      transaction.oncomplete = () => resolve();
      transaction.onerror = () => reject(transaction.error ?? new Error("IndexedDB request failed."));
      transaction.onabort = () => reject(transaction.error ?? new Error("IndexedDB transaction aborted."));
    });
  };

  return {
    save: (jobId, draft) =>
      update(jobId, (drafts) => {
        drafts.byUser[owner] = draft;
      }),
    load: async (jobId) => {
      const db = await database();
      const value = await new Promise<unknown>((resolve, reject) => {
        const transaction = db.transaction(STORE_NAME, "readonly");
        const read = transaction.objectStore(STORE_NAME).get(jobId);
        transaction.oncomplete = () => resolve(read.result);
        transaction.onerror = () => reject(transaction.error ?? new Error("IndexedDB request failed."));
      });
      return parseDraft(jobDrafts(value).byUser[owner] ?? null);
    },
    clear: (jobId) =>
      update(jobId, (drafts) => {
        delete drafts.byUser[owner];
      }),
    close: async () => {
      if (opening) (await opening).close();
      opening = null;
    },
  };
}
