/**
 * Drafts in IndexedDB: they survive a crash, a closed tab and a lost network. The factory is
 * injected (the browser's `indexedDB`; fake-indexeddb in tests), so nothing here touches globals.
 */

import { parseDraft, type DraftStore } from "./drafts";

/** The object store drafts live in, and the database the app keeps them in. */
export const DRAFTS_STORE_NAME = "drafts";
export const DRAFTS_DATABASE_NAME = "contour-editor-drafts";
const STORE_NAME = DRAFTS_STORE_NAME;
const SCHEMA_VERSION = 1;

export interface IndexedDbDraftStoreOptions {
  factory: IDBFactory;
  databaseName?: string;
}

export function createIndexedDbDraftStore({
  factory,
  databaseName = DRAFTS_DATABASE_NAME,
}: IndexedDbDraftStoreOptions): DraftStore & { close(): Promise<void> } {
  let opening: Promise<IDBDatabase> | null = null;
  const database = (): Promise<IDBDatabase> => {
    opening ??= openDraftDatabase(factory, databaseName).catch((error: unknown) => {
      opening = null; // let a later call try again (e.g. after the user freed quota)
      throw error;
    });
    return opening;
  };

  return {
    save: async (jobId, draft) => {
      await run(await database(), "readwrite", (store) => store.put(draft, jobId));
    },
    load: async (jobId) => {
      const value = await run(await database(), "readonly", (store) => store.get(jobId));
      return parseDraft(value);
    },
    clear: async (jobId) => {
      await run(await database(), "readwrite", (store) => store.delete(jobId));
    },
    close: async () => {
      if (opening) (await opening).close();
      opening = null;
    },
  };
}

/** Opens (creating on first use) the drafts database; shared by every draft store layout. */
export function openDraftDatabase(factory: IDBFactory, name: string): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = factory.open(name, SCHEMA_VERSION);
    request.onupgradeneeded = () => {
      if (!request.result.objectStoreNames.contains(STORE_NAME)) request.result.createObjectStore(STORE_NAME);
    };
    request.onsuccess = () => {
      const db = request.result;
      // Another tab upgrading the schema must not be blocked by this one.
      db.onversionchange = () => db.close();
      resolve(db);
    };
    request.onerror = () => reject(request.error ?? new Error(`Could not open ${name}.`));
    request.onblocked = () => reject(new Error(`Opening ${name} is blocked by another tab.`));
  });
}

/** One request in its own transaction; resolves once the transaction has committed. */
function run<T>(db: IDBDatabase, mode: IDBTransactionMode, makeRequest: (store: IDBObjectStore) => IDBRequest<T>) {
  return new Promise<T>((resolve, reject) => {
    const transaction = db.transaction(STORE_NAME, mode);
    const request = makeRequest(transaction.objectStore(STORE_NAME));
    transaction.oncomplete = () => resolve(request.result);
    transaction.onerror = () => reject(transaction.error ?? request.error ?? new Error("IndexedDB request failed."));
    transaction.onabort = () => reject(transaction.error ?? new Error("IndexedDB transaction aborted."));
  });
}

