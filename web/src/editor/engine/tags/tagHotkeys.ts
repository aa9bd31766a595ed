/**
 * The number keys of the tag annotation workspace: CVAT lets the annotator give 1…9, 0 to tag
 * labels there, each key adding a tag of its label to the frame. Pure rules: which labels can be
 * tags, the keys they start with, assigning a key, and a tolerant reading of what was stored.
 *
 * Where they are kept (view/tags/useTagHotkeys.ts): in this browser's localStorage, one entry per
 * task. Label ids belong to one task (or its project), so a key → label table means nothing in
 * another job, while the user's server-side settings follow the user into every job and hold only
 * values that mean the same everywhere. A reassignment is a habit of one annotator on one task,
 * the kind of state the Appearance panel and the image settings keep in the browser too.
 */
import { LABEL_SLOTS, type LabelSlot } from "../actions/defaultShortcuts";
import { labelAllows } from "../document/labelTypes";

/** Key → the id of the label whose tag it adds. A label has at most one key. */
export type TagHotkeys = ReadonlyMap<LabelSlot, number>;

/** The labels a frame tag may have: of type `tag` or `any`, in the job's order. */
export function tagLabels<L extends { readonly type: string }>(labels: readonly L[]): L[] {
  return labels.filter((label) => labelAllows(label.type, "tag"));
}

/** The keys before the user changes any: the first ten tag labels get 1 … 9, then 0. */
export function defaultTagHotkeys(labelIds: readonly number[]): TagHotkeys {
  const hotkeys = new Map<LabelSlot, number>();
  LABEL_SLOTS.forEach((slot, index) => {
    const id = labelIds[index];
    if (id !== undefined) hotkeys.set(slot, id);
  });
  return hotkeys;
}

/** Whether the keys are the defaults for these labels (nothing to reset then). */
export function areDefaultTagHotkeys(hotkeys: TagHotkeys, labelIds: readonly number[]): boolean {
  const defaults = defaultTagHotkeys(labelIds);
  return defaults.size === hotkeys.size && [...defaults].every(([slot, id]) => hotkeys.get(slot) === id);
}

/** The key of a label, if it has one. */
export function hotkeyOf(hotkeys: TagHotkeys, labelId: number): LabelSlot | undefined {
  for (const [slot, id] of hotkeys) if (id === labelId) return slot;
  return undefined;
}

/**
 * Gives `slot` to the label (`null`: the label loses its key). The key leaves the label that had
 * it, and the label leaves the key it had, so every key adds one label and every label has one key.
 */
export function assignTagHotkey(hotkeys: TagHotkeys, labelId: number, slot: LabelSlot | null): TagHotkeys {
  const next = new Map(hotkeys);
  const current = hotkeyOf(hotkeys, labelId);
  if (current !== undefined) next.delete(current);
  if (slot !== null) next.set(slot, labelId);
  return next;
}

/** In key order (1 … 9, 0), for showing and for storing. */
export function orderedHotkeys(hotkeys: TagHotkeys): [LabelSlot, number][] {
  return LABEL_SLOTS.flatMap((slot) => {
    const id = hotkeys.get(slot);
    return id === undefined ? [] : [[slot, id] as [LabelSlot, number]];
  });
}

/** What is stored: `{"1": labelId, …}`. */
export function storedTagHotkeys(hotkeys: TagHotkeys): Record<string, number> {
  return Object.fromEntries(orderedHotkeys(hotkeys).map(([slot, id]) => [String(slot), id]));
}

/**
 * The keys to use, from what was stored and the task's tag labels now. Nothing readable stored:
 * the defaults. Otherwise the stored keys of labels that are still tag labels (a label deleted or
 * retyped since loses its key, and no label gets two); an empty table stays empty, because the
 * user took every key away.
 */
export function readTagHotkeys(stored: unknown, labelIds: readonly number[]): TagHotkeys {
  if (stored === null || typeof stored !== "object" || Array.isArray(stored)) return defaultTagHotkeys(labelIds);
  const known = new Set(labelIds);
  const hotkeys = new Map<LabelSlot, number>();
  const taken = new Set<number>();
  for (const slot of LABEL_SLOTS) {
    const id = (stored as Record<string, unknown>)[String(slot)];
    if (typeof id !== "number" || !known.has(id) || taken.has(id)) continue;
    hotkeys.set(slot, id);
    taken.add(id);
  }
  return hotkeys;
}
