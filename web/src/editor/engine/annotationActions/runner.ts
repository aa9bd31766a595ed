/**
 * Runs an annotation action over frames of the job: computes each frame's changes from one snapshot
 * of the document, about 12 ms of work at a time (frames, or the pieces of a heavy frame) with a
 * pause between slices, so a page working through thousands of frames and objects still paints its
 * progress and takes the Cancel click; then it applies
 * everything at the end as ONE store change, hence one undo step. Until then nothing is changed:
 * cancelling leaves the document as it was. Should the document change meanwhile (a reload, a remote
 * update), the run applies nothing and says so, rather than mixing results of two documents.
 */
import { castDraft } from "immer";
import type { EditorStore } from "../document/editorStore";
import { deleteEntry, setEntry } from "../document/idTable";
import type { ClientId, ShapeObject } from "../document/model";
import type { ActionContext, AnnotationAction, FrameChanges, ShapeValue, SkipReason } from "./action";

export interface RunProgress {
  /** Frames computed so far. */
  readonly done: number;
  readonly total: number;
}

export interface RunSummary {
  readonly frames: number;
  readonly deleted: number;
  readonly created: number;
  readonly skipped: Readonly<Partial<Record<SkipReason, number>>>;
  /** False when there was nothing to change: then no undo step was recorded either. */
  readonly changed: boolean;
}

export type RunOutcome =
  | { readonly status: "done"; readonly summary: RunSummary }
  | { readonly status: "cancelled"; readonly progress: RunProgress }
  | { readonly status: "conflict" };

export interface RunOptions extends Partial<Pick<ActionContext, "accepts" | "labelType" | "frameSize">> {
  /** The frames to run over, in order (see `actionFrames`). */
  readonly frames: readonly number[];
  /** Aborting it stops the run at the next slice, with nothing changed. */
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: RunProgress) => void;
  /** How long a slice may compute before the run pauses; 12 ms keeps a 60 Hz page responsive. */
  readonly sliceMs?: number;
  /** Waits between slices; by default a macrotask, so the browser can paint and handle input. */
  readonly pause?: () => Promise<void>;
  readonly now?: () => number;
}

export const DEFAULT_SLICE_MS = 12;

const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

export async function runAnnotationAction(store: EditorStore, action: AnnotationAction, options: RunOptions): Promise<RunOutcome> {
  const { frames, signal, onProgress } = options;
  const sliceMs = options.sliceMs ?? DEFAULT_SLICE_MS;
  const pause = options.pause ?? nextTask;
  const now = options.now ?? (() => performance.now());
  const snapshot = store.getState();
  const context: ActionContext = {
    document: snapshot.document,
    frameIndex: snapshot.frameIndex,
    accepts: options.accepts ?? (() => true),
    labelType: options.labelType ?? (() => "any"),
    frameSize: options.frameSize ?? (() => null),
  };
  const deleted = new Set<ClientId>();
  const created: ShapeValue[] = [];
  const skipped: Partial<Record<SkipReason, number>> = {};
  const total = frames.length;
  let done = 0;
  let pieces: Iterator<FrameChanges> | null = null;
  const progress = (): RunProgress => ({ done, total });

  onProgress?.(progress());
  while (done < total) {
    if (signal?.aborted) return { status: "cancelled", progress: progress() };
    const sliceStart = now();
    do {
      // A slice may end inside a frame: the next one goes on with the same frame's pieces.
      pieces ??= action.onFrame(context, frames[done])[Symbol.iterator]();
      const piece = pieces.next();
      if (piece.done) {
        pieces = null;
        done += 1;
        continue;
      }
      for (const id of piece.value.deleted) deleted.add(id);
      for (const value of piece.value.created) created.push(value);
      for (const [reason, count] of Object.entries(piece.value.skipped) as [SkipReason, number][]) {
        skipped[reason] = (skipped[reason] ?? 0) + count;
      }
    } while (done < total && now() - sliceStart < sliceMs);
    onProgress?.(progress());
    if (done < total) await pause();
    if (store.getState().document !== context.document) return { status: "conflict" };
  }
  if (signal?.aborted) return { status: "cancelled", progress: progress() };

  const summary = { frames: total, deleted: deleted.size, created: created.length, skipped };
  if (deleted.size === 0 && created.length === 0) return { status: "done", summary: { ...summary, changed: false } };
  const ids = created.map(() => store.newClientId());
  store.apply(
    (draft) => {
      for (const id of deleted) {
        deleteEntry(draft.objects, id);
        deleteEntry(draft.view, id);
      }
      created.forEach((value, i) => setEntry(draft.objects, ids[i], castDraft({ ...value, clientId: ids[i] } as ShapeObject)));
    },
    { label: action.label },
  );
  return { status: "done", summary: { ...summary, changed: true } };
}
