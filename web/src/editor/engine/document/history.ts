/**
 * Recorded undo history: entries are the immer patches of store changes, never hand-written
 * inverse commands. A gesture (a drag, a drawing) collects the patches of many changes into one
 * entry, so one undo reverts the whole gesture.
 */

import type { Patch } from "immer";

export interface HistoryEntry {
  /** What the user did, in their words ("Move points"), for menus and tooltips. */
  readonly label: string;
  readonly patches: readonly Patch[];
  readonly inversePatches: readonly Patch[];
}

export interface HistorySummary {
  readonly canUndo: boolean;
  readonly canRedo: boolean;
  readonly undoLabel: string | null;
  readonly redoLabel: string | null;
  readonly inGesture: boolean;
}

/** Applies patches to the document; throws when they no longer fit it. */
export type PatchApplier = (patches: readonly Patch[]) => void;

interface OpenGesture {
  label: string;
  depth: number;
  patches: Patch[];
  /** Inverse patches of each change, in the order the changes happened. */
  inverses: (readonly Patch[])[];
}

export const DEFAULT_HISTORY_LIMIT = 1000;

export class RecordedHistory {
  private readonly undoStack: HistoryEntry[] = [];
  private redoStack: HistoryEntry[] = [];
  private gesture: OpenGesture | null = null;

  constructor(private readonly limit: number = DEFAULT_HISTORY_LIMIT) {
    if (!(limit >= 1)) throw new RangeError("The history limit must be at least 1.");
  }

  get inGesture(): boolean {
    return this.gesture !== null;
  }

  /** Records one change: as its own undo step, or as part of the open gesture. */
  record(entry: HistoryEntry): void {
    if (entry.patches.length === 0) return;
    this.redoStack = [];
    if (this.gesture) {
      this.gesture.patches.push(...entry.patches);
      this.gesture.inverses.push(entry.inversePatches);
      return;
    }
    this.push(entry);
  }

  /** Opens a gesture; nested calls join the outer one (its label wins). */
  beginGesture(label: string): void {
    if (this.gesture) this.gesture.depth += 1;
    else this.gesture = { label, depth: 1, patches: [], inverses: [] };
  }

  /** Closes one level; the outermost close makes the gesture one undo step (none if it changed nothing). */
  endGesture(): void {
    const gesture = this.gesture;
    if (!gesture) return;
    gesture.depth -= 1;
    if (gesture.depth > 0) return;
    this.gesture = null;
    if (gesture.patches.length > 0) this.push(closeGesture(gesture));
  }

  /** Drops the open gesture (all levels); returns the patches that revert its changes. */
  cancelGesture(): readonly Patch[] {
    const gesture = this.gesture;
    this.gesture = null;
    return gesture ? closeGesture(gesture).inversePatches : [];
  }

  /** Reverts the last step through `apply`; an open gesture is closed first (so it is what's undone). */
  undo(apply: PatchApplier): HistoryEntry | null {
    this.closeOpenGesture();
    const entry = this.undoStack.at(-1);
    if (!entry) return null;
    this.guarded(() => apply(entry.inversePatches));
    this.undoStack.pop();
    this.redoStack.push(entry);
    return entry;
  }

  redo(apply: PatchApplier): HistoryEntry | null {
    if (this.gesture) return null;
    const entry = this.redoStack.at(-1);
    if (!entry) return null;
    this.guarded(() => apply(entry.patches));
    this.redoStack.pop();
    this.undoStack.push(entry);
    return entry;
  }

  clear(): void {
    this.undoStack.length = 0;
    this.redoStack = [];
    this.gesture = null;
  }

  summary(): HistorySummary {
    const undo = this.undoStack.at(-1);
    const redo = this.redoStack.at(-1);
    return {
      canUndo: undo !== undefined || (this.gesture?.patches.length ?? 0) > 0,
      canRedo: redo !== undefined && !this.gesture,
      undoLabel: this.gesture && this.gesture.patches.length > 0 ? this.gesture.label : (undo?.label ?? null),
      redoLabel: this.gesture ? null : (redo?.label ?? null),
      inGesture: this.gesture !== null,
    };
  }

  private closeOpenGesture(): void {
    if (!this.gesture) return;
    this.gesture.depth = 1;
    this.endGesture();
  }

  /** A step that no longer applies (a remote change removed what it touches) poisons the rest. */
  private guarded(run: () => void): void {
    try {
      run();
    } catch (error) {
      this.clear();
      throw error;
    }
  }

  private push(entry: HistoryEntry): void {
    this.undoStack.push(entry);
    if (this.undoStack.length > this.limit) this.undoStack.splice(0, this.undoStack.length - this.limit);
  }
}

function closeGesture(gesture: OpenGesture): HistoryEntry {
  const inversePatches: Patch[] = [];
  for (let i = gesture.inverses.length - 1; i >= 0; i -= 1) inversePatches.push(...gesture.inverses[i]);
  return { label: gesture.label, patches: gesture.patches, inversePatches };
}
