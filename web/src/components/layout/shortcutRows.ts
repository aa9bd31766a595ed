// The rules of the Settings → Shortcuts tab that need no React: which rows a search shows, what a
// key press means while a row records, and how a conflict reads. Pure, so it is tested in Node.

import {
  SCOPE_LABELS,
  comboFromEvent,
  formatComboId,
  formatSequence,
  scopeOf,
  type ActionSpec,
  type Combo,
  type Conflict,
  type KeyInput,
  type Keymap,
  type Platform,
  type Scope,
} from "../../editor/engine/actions";

export interface ShortcutRow {
  id: string;
  label: string;
  scope: Scope;
  /** Each bound sequence as shown on this platform ("Ctrl+S"); empty when the action has none. */
  keys: string[];
  /** False when the user changed it (the row can be reset). */
  isDefault: boolean;
}

export interface ShortcutGroup {
  group: string;
  rows: ShortcutRow[];
}

const words = (text: string) => text.toLowerCase().split(/\s+/).filter((word) => word !== "");

function matches(action: ActionSpec, keys: readonly string[], queryWords: readonly string[]): boolean {
  if (queryWords.length === 0) return true;
  const haystack = [action.label, action.group, ...(action.keywords ?? []), ...keys].join(" ").toLowerCase();
  return queryWords.every((word) => haystack.includes(word));
}

/**
 * The tab's rows, grouped in the order groups first appear, keeping only actions whose label,
 * group, keywords or keys contain every word of `query`. Groups left empty are dropped.
 */
export function shortcutGroups(actions: readonly ActionSpec[], keymap: Keymap, query: string): ShortcutGroup[] {
  const queryWords = words(query);
  const groups = new Map<string, ShortcutRow[]>();
  for (const action of actions) {
    const entry = keymap.entries.get(action.id);
    const keys = entry ? entry.sequences.map((sequence) => formatSequence(sequence, keymap.platform)) : [];
    if (!matches(action, keys, queryWords)) continue;
    const rows = groups.get(action.group) ?? [];
    rows.push({ id: action.id, label: action.label, scope: scopeOf(action), keys, isDefault: entry?.isDefault ?? true });
    groups.set(action.group, rows);
  }
  return [...groups].map(([group, rows]) => ({ group, rows }));
}

export type KeyPressOutcome =
  | { kind: "cancel" }
  | { kind: "clear" }
  /** `key`: the sequence to store ("mod+shift+z"). */
  | { kind: "record"; key: string }
  /** A lone modifier (or an unreadable key): keep listening. */
  | { kind: "wait" };

const unmodified = (event: KeyInput) => !event.ctrlKey && !event.altKey && !event.shiftKey && !event.metaKey;

/**
 * The combo with the platform's command key written as "Mod" (Ctrl on a PC, Cmd on a Mac), so a
 * key recorded on one computer means the same thing on the other: settings follow the user.
 */
export function portableCombo(combo: Combo, platform: Platform): Combo {
  if (platform === "mac" && combo.meta) return { ...combo, meta: false, mod: true };
  if (platform === "pc" && combo.ctrl) return { ...combo, ctrl: false, mod: true };
  return combo;
}

/** What a key press does to a row that is recording: plain Esc cancels, plain Backspace clears. */
export function keyPressOutcome(event: KeyInput, platform: Platform): KeyPressOutcome {
  if (unmodified(event) && event.key === "Escape") return { kind: "cancel" };
  if (unmodified(event) && event.key === "Backspace") return { kind: "clear" };
  const combo = comboFromEvent(event);
  if (combo === null) return { kind: "wait" };
  return { kind: "record", key: formatComboId(portableCombo(combo, platform)) };
}

/** The actions holding a clashing key, each once, in the order the conflicts name them. */
export function conflictingActions(conflicts: readonly Conflict[]): string[] {
  const ids: string[] = [];
  for (const conflict of conflicts) if (!ids.includes(conflict.actionId)) ids.push(conflict.actionId);
  return ids;
}

/** The warning's sentence for one conflict: which action holds the key, and where it applies. */
export function describeConflict(conflict: Conflict, labelOf: (actionId: string) => string): string {
  const holder = `“${labelOf(conflict.actionId)}” (${SCOPE_LABELS[conflict.scope].toLowerCase()})`;
  return conflict.kind === "same"
    ? `${conflict.label} is already used by ${holder}.`
    : `${conflict.label} begins a key sequence that overlaps ${holder}.`;
}
