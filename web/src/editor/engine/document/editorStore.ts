/**
 * The editor store: the annotation document, changed only through immer recipes whose patches are
 * recorded as undo history (one step per `apply`, or per gesture), plus state that is never undone:
 * the sync state (what the server has), the selection and the frame index.
 *
 * The subscribable part is a zustand vanilla store (`editor.api`): the view binds to it with
 * zustand's `useStore(editor.api, selector)` and re-renders only for the slices it reads, and
 * DESIGN.md already picks zustand for editor state; a hand-rolled emitter would need its own
 * selector/equality plumbing for the same result.
 *
 * Selection lives outside the document: selecting is not an edit, so undo never changes it; it is
 * pruned whenever its objects disappear (delete, undo of a create, a remote change).
 */

import { applyPatches, enablePatches, freeze, produce, produceWithPatches, type Draft, type Patch } from "immer";
import { createStore, type StoreApi } from "zustand/vanilla";
import { createClientIdSource, type ClientIdSource } from "./clientIds";
import { buildFrameIndex, updateFrameIndex, type FrameIndex } from "./frameIndex";
import { RecordedHistory, type HistorySummary } from "./history";
import { deleteEntry, emptyTable, hasEntry, setEntry, tableFrom, type IdTable } from "./idTable";
import {
  emptyDocument,
  type AnnotationDocument,
  type AnnotationObject,
  type ClientId,
  type ServerExtras,
} from "./model";
import { annotationsFromServer, type ServerLabeledData } from "./serverFormat";

enablePatches();


/** What the server has, as far as this client knows. Never undone. */
export interface SyncState {
  /** The objects as last loaded or saved: the save diff compares the document against these. */
  readonly baseline: IdTable<AnnotationObject>;
  /** Server ids of every object the server has (baseline objects), by client id. */
  readonly serverIds: IdTable<number>;
  /** The job's annotation version the next write must send. */
  readonly version: number;
  /** Envelope fields of the loaded data other than the object lists. */
  readonly envelope: ServerExtras;
}

export interface Selection {
  /** The object the keyboard acts on (the highlighted card); one of `selectedIds` or null. */
  readonly activeId: ClientId | null;
  readonly selectedIds: readonly ClientId[];
}

export interface EditorState {
  readonly document: AnnotationDocument;
  readonly frameIndex: FrameIndex;
  readonly history: HistorySummary;
  readonly sync: SyncState;
  readonly selection: Selection;
}

/** Changes the document in place on an immer draft. */
export type DocumentRecipe = (draft: Draft<AnnotationDocument>) => void;

export interface EditorStoreOptions {
  historyLimit?: number;
  newClientId?: ClientIdSource;
}

export interface RemoteOptions {
  /** The change is what the server already has (default): the baseline takes it too. */
  saved?: boolean;
  /** Server ids of objects the remote change created. */
  serverIds?: Readonly<Record<ClientId, number>>;
}

const NO_SELECTION: Selection = Object.freeze({ activeId: null, selectedIds: Object.freeze([]) });
const EMPTY_SYNC: SyncState = freeze(
  { baseline: emptyTable(), serverIds: emptyTable(), version: 0, envelope: {} },
  true,
);

export class EditorStore {
  /** Subscribe here from the view; change the state only through this class's methods. */
  readonly api: StoreApi<EditorState>;
  readonly newClientId: ClientIdSource;
  private readonly history: RecordedHistory;

  constructor(options: EditorStoreOptions = {}) {
    this.history = new RecordedHistory(options.historyLimit);
    this.newClientId = options.newClientId ?? createClientIdSource();
    const document = freeze(emptyDocument(), true);
    this.api = createStore<EditorState>()(() => ({
      document,
      frameIndex: buildFrameIndex(document.objects),
      history: this.history.summary(),
      sync: EMPTY_SYNC,
      selection: NO_SELECTION,
    }));
  }

  getState(): EditorState {
    return this.api.getState();
  }

  subscribe(listener: (state: EditorState, previous: EditorState) => void): () => void {
    return this.api.subscribe(listener);
  }

  /** Replaces everything with the server's data: no history, nothing unsaved, nothing selected. */
  load(data: ServerLabeledData): void {
    const loaded = annotationsFromServer(data);
    const entries = Object.entries(loaded.objects);
    const objects = freeze(tableFrom(entries), true);
    // Objects without a server id only come from hand-made data; they are unsaved, not baseline.
    const allSaved = entries.every(([id]) => id in loaded.serverIds);
    const baseline = allSaved ? objects : tableFrom(entries.filter(([id]) => id in loaded.serverIds));
    const serverIds = tableFrom(Object.entries(loaded.serverIds));
    this.history.clear();
    this.api.setState({
      document: freeze({ objects, view: emptyTable<never>() }, true),
      frameIndex: buildFrameIndex(objects),
      history: this.history.summary(),
      sync: freeze({ baseline, serverIds, version: loaded.version, envelope: loaded.envelope }, true),
      selection: NO_SELECTION,
    });
  }

  /** Changes the document as one undo step (or as part of the open gesture). True if anything changed. */
  apply(recipe: DocumentRecipe, options: { label?: string } = {}): boolean {
    const before = this.getState().document;
    const [after, patches, inversePatches] = produceWithPatches(before, recipe);
    if (patches.length === 0) return false;
    this.history.record({ label: options.label ?? "Edit", patches, inversePatches });
    this.commit(before, after, patches);
    return true;
  }

  /** Starts collecting changes into one undo step (a drag, a drawing) until `endGesture`. */
  beginGesture(label: string): void {
    this.history.beginGesture(label);
    this.publishHistory();
  }

  endGesture(): void {
    this.history.endGesture();
    this.publishHistory();
  }

  /** Reverts every change of the open gesture and forgets it (Escape during a drag). */
  cancelGesture(): void {
    const revert = this.history.cancelGesture();
    if (revert.length > 0) this.applyUnrecorded(revert);
    else this.publishHistory();
  }

  /**
   * Reverts the last step. False when there is none, or when it no longer fits the document (a
   * remote change removed what it touched); then the history is cleared, as the rest would not fit
   * either.
   */
  undo(): boolean {
    return this.travel((apply) => this.history.undo(apply));
  }

  redo(): boolean {
    return this.travel((apply) => this.history.redo(apply));
  }

  /** A change that came from elsewhere (the server, another tab): never in history. */
  applyRemote(recipe: DocumentRecipe, options: RemoteOptions = {}): boolean {
    const state = this.getState();
    const [after, patches] = produceWithPatches(state.document, recipe);
    if (patches.length === 0) return false;
    let sync = state.sync;
    if (options.saved ?? true) {
      const baseline = produce({ objects: sync.baseline, view: emptyTable() } as AnnotationDocument, recipe).objects;
      const changed = changedObjectIds(patches);
      const serverIds = produce(sync.serverIds, (draft) => {
        // Objects the server deleted lose their server id; created ones learn theirs.
        if (changed !== "all") for (const id of changed) if (!hasEntry(baseline, id)) deleteEntry(draft, id);
        for (const [id, serverId] of Object.entries(options.serverIds ?? {})) setEntry(draft, id, serverId);
      });
      sync = { ...sync, baseline, serverIds };
    }
    this.commit(state.document, after, patches, sync);
    return true;
  }

  select(ids: readonly ClientId[], activeId: ClientId | null = ids.at(-1) ?? null): void {
    const objects = this.getState().document.objects;
    const selectedIds = Object.freeze(ids.filter((id, i) => hasEntry(objects, id) && ids.indexOf(id) === i));
    const active = activeId !== null && selectedIds.includes(activeId) ? activeId : null;
    this.api.setState({ selection: selectedIds.length === 0 ? NO_SELECTION : { activeId: active, selectedIds } });
  }

  clearSelection(): void {
    this.select([]);
  }

  /** For the save protocol (changes.ts) only: record what the server now has. */
  replaceSync(sync: SyncState): void {
    this.api.setState({ sync });
  }

  /** Runs an undo or redo; the document is committed after the history moved, so both publish together. */
  private travel(step: (apply: (patches: readonly Patch[]) => void) => unknown): boolean {
    const moves: { before: AnnotationDocument; after: AnnotationDocument; patches: readonly Patch[] }[] = [];
    try {
      step((patches) => {
        const before = this.getState().document;
        moves.push({ before, after: applyPatches(before, patches as Patch[]), patches });
      });
    } catch {
      this.publishHistory();
      return false;
    }
    const move = moves.at(0);
    if (move === undefined) {
      this.publishHistory();
      return false;
    }
    this.commit(move.before, move.after, move.patches);
    return true;
  }

  private applyUnrecorded(patches: readonly Patch[]): void {
    const before = this.getState().document;
    const after = applyPatches(before, patches as Patch[]);
    this.commit(before, after, patches);
  }

  private publishHistory(): void {
    this.api.setState({ history: this.history.summary() });
  }

  /** One notification per change: document, frame index, history, pruned selection together. */
  private commit(before: AnnotationDocument, after: AnnotationDocument, patches: readonly Patch[], sync?: SyncState) {
    const state = this.getState();
    const changed = changedObjectIds(patches);
    const frameIndex =
      changed === "all"
        ? buildFrameIndex(after.objects)
        : updateFrameIndex(state.frameIndex, before.objects, after.objects, changed);
    this.api.setState({
      document: after,
      frameIndex,
      history: this.history.summary(),
      selection: pruneSelection(state.selection, after.objects),
      ...(sync ? { sync } : {}),
    });
  }
}

/**
 * The objects a set of patches touched (paths are `objects.buckets.<n>.<clientId>…`), or "all"
 * when a patch replaced a bucket or the whole table.
 */
function changedObjectIds(patches: readonly Patch[]): Set<ClientId> | "all" {
  const ids = new Set<ClientId>();
  for (const patch of patches) {
    const [root, , , id] = patch.path;
    if (root === "view") continue;
    if (root !== "objects" || id === undefined) return "all";
    ids.add(String(id));
  }
  return ids;
}

function pruneSelection(selection: Selection, objects: IdTable<AnnotationObject>): Selection {
  if (selection.selectedIds.every((id) => hasEntry(objects, id))) return selection;
  const selectedIds = selection.selectedIds.filter((id) => hasEntry(objects, id));
  if (selectedIds.length === 0) return NO_SELECTION;
  const activeId = selection.activeId !== null && hasEntry(objects, selection.activeId) ? selection.activeId : null;
  return { activeId, selectedIds: Object.freeze(selectedIds) };
}
