// The keymap: which key sequences run which action, from the actions' defaults and the user's
// overrides (the `shortcuts` section of the server-side settings: action id → key sequences).
// Also the rules of the Shortcuts tab: rebinding, taking a key over from another action, reset,
// and finding conflicts. Overrides are plain records edited immutably; the keymap built from
// them is what the dispatcher reads.

import type { ShortcutSettings } from "../../../lib/settings";
import {
  formatSequence,
  normalizeSequence,
  parseSequence,
  resolvedSequenceId,
  type KeySequence,
  type Platform,
} from "./keys";
import { scopeOf, type ActionSpec } from "./registry";
import { scopesClash, type Scope } from "./scopes";

/**
 * Stored in place of keys for an action the user left without any. The settings store treats an
 * empty list as "back to the default", so "no keys at all" needs a mark of its own.
 */
export const UNBOUND = "none";

/** What the keymap needs of an action. */
export type KeymapAction = Pick<ActionSpec, "id" | "defaultKeys" | "scope">;

export interface KeymapEntry {
  readonly actionId: string;
  readonly scope: Scope;
  /** Canonical text of each bound sequence ("mod+shift+z"), in the order shown. */
  readonly keys: readonly string[];
  readonly sequences: readonly KeySequence[];
  /** False when the user's override is in effect. */
  readonly isDefault: boolean;
}

export interface Keymap {
  readonly platform: Platform;
  /** One entry per action, in the actions' order. */
  readonly entries: ReadonlyMap<string, KeymapEntry>;
  /** Per scope: a sequence as matched on this platform ("ctrl+z") → the actions bound to it. */
  readonly bindings: ReadonlyMap<Scope, ReadonlyMap<string, readonly string[]>>;
  /** Per scope: the beginnings of longer sequences ("t" of "t l"), which wait for another key. */
  readonly prefixes: ReadonlyMap<Scope, ReadonlySet<string>>;
}

function canonicalList(keys: readonly string[]): string[] {
  const canonical: string[] = [];
  for (const text of keys) {
    const normalized = normalizeSequence(text);
    if (normalized !== null && !canonical.includes(normalized)) canonical.push(normalized);
  }
  return canonical;
}

/** The keys in effect for an action: the user's override if it is usable, else the defaults. */
export function effectiveKeys(action: KeymapAction, overrides: ShortcutSettings): string[] {
  const override = Object.hasOwn(overrides, action.id) ? overrides[action.id] : undefined;
  if (override !== undefined) {
    const keys = canonicalList(override.filter((key) => key !== UNBOUND));
    if (keys.length > 0) return keys;
    if (override.includes(UNBOUND)) return [];
    // A stored list with nothing readable in it is not trusted: the defaults apply.
  }
  return canonicalList(action.defaultKeys);
}

function isOverridden(action: KeymapAction, overrides: ShortcutSettings): boolean {
  return !sameList(effectiveKeys(action, overrides), canonicalList(action.defaultKeys));
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((item, index) => item === b[index]);
}

/** Builds the keymap for `platform` from the actions and the user's overrides. */
export function buildKeymap(
  actions: readonly KeymapAction[],
  overrides: ShortcutSettings,
  platform: Platform,
): Keymap {
  const entries = new Map<string, KeymapEntry>();
  const bindings = new Map<Scope, Map<string, string[]>>();
  const prefixes = new Map<Scope, Set<string>>();
  for (const action of actions) {
    const scope = scopeOf(action);
    const keys = effectiveKeys(action, overrides);
    const sequences = keys.map((key) => parseSequence(key) as KeySequence);
    entries.set(action.id, { actionId: action.id, scope, keys, sequences, isDefault: !isOverridden(action, overrides) });
    const scopeBindings = bindings.get(scope) ?? new Map<string, string[]>();
    const scopePrefixes = prefixes.get(scope) ?? new Set<string>();
    bindings.set(scope, scopeBindings);
    prefixes.set(scope, scopePrefixes);
    for (const sequence of sequences) {
      const id = resolvedSequenceId(sequence, platform);
      const bound = scopeBindings.get(id) ?? [];
      if (!bound.includes(action.id)) bound.push(action.id);
      scopeBindings.set(id, bound);
      for (let length = 1; length < sequence.length; length += 1) {
        scopePrefixes.add(resolvedSequenceId(sequence.slice(0, length), platform));
      }
    }
  }
  return { platform, entries, bindings, prefixes };
}

/** The actions bound to a sequence (as matched: "ctrl+z") in one scope. */
export function actionsBoundTo(keymap: Keymap, scope: Scope, sequenceId: string): readonly string[] {
  return keymap.bindings.get(scope)?.get(sequenceId) ?? [];
}

/** Whether a sequence (as matched) is the beginning of a longer one bound in the scope. */
export function isPrefixIn(keymap: Keymap, scope: Scope, sequenceId: string): boolean {
  return keymap.prefixes.get(scope)?.has(sequenceId) ?? false;
}

/** Every key of an action as shown in menus ("Ctrl+Shift+Z", "Ctrl+Y"). */
export function shortcutLabels(keymap: Keymap, actionId: string): string[] {
  const entry = keymap.entries.get(actionId);
  return entry ? entry.sequences.map((sequence) => formatSequence(sequence, keymap.platform)) : [];
}

/** The first key of an action as shown in menus, or undefined if it has none. */
export function shortcutLabel(keymap: Keymap, actionId: string): string | undefined {
  return shortcutLabels(keymap, actionId)[0];
}

// --- editing the overrides ------------------------------------------------------------------

/**
 * The overrides with `keys` bound to the action. Keys equal to its defaults remove the override;
 * no keys at all store UNBOUND. Throws RangeError for a key that does not parse.
 */
export function rebind(overrides: ShortcutSettings, action: KeymapAction, keys: readonly string[]): ShortcutSettings {
  for (const key of keys) {
    if (normalizeSequence(key) === null) throw new RangeError(`"${key}" is not a key combo or sequence.`);
  }
  const canonical = canonicalList(keys);
  const next = { ...overrides };
  if (sameList(canonical, canonicalList(action.defaultKeys))) delete next[action.id];
  else next[action.id] = canonical.length > 0 ? canonical : [UNBOUND];
  return next;
}

/** The overrides without the action's: its default keys apply again. */
export function resetShortcut(overrides: ShortcutSettings, actionId: string): ShortcutSettings {
  const next = { ...overrides };
  delete next[actionId];
  return next;
}

/** No overrides: every action has its default keys. */
export function resetAllShortcuts(): ShortcutSettings {
  return {};
}

export interface Conflict {
  kind: "same" | "prefix";
  /** The sequence as matched on the platform; for "prefix", the shorter one. */
  sequence: string;
  /** What to show: "Ctrl+S". */
  label: string;
  /** The action that holds the key already. */
  actionId: string;
  scope: Scope;
  /** The action whose key clashes with it. */
  otherActionId: string;
  otherScope: Scope;
}

interface Bound {
  actionId: string;
  scope: Scope;
  id: string;
  parts: string[];
  label: string;
}

function boundSequences(actionId: string, scope: Scope, sequences: readonly KeySequence[], platform: Platform): Bound[] {
  return sequences.map((sequence) => {
    const id = resolvedSequenceId(sequence, platform);
    return { actionId, scope, id, parts: id.split(" "), label: formatSequence(sequence, platform) };
  });
}

function startsWith(longer: readonly string[], shorter: readonly string[]): boolean {
  return shorter.length < longer.length && shorter.every((part, index) => longer[index] === part);
}

function clash(held: Bound, other: Bound): Conflict | null {
  if (held.actionId === other.actionId || !scopesClash(held.scope, other.scope)) return null;
  const base = { actionId: held.actionId, scope: held.scope, otherActionId: other.actionId, otherScope: other.scope };
  if (held.id === other.id) return { kind: "same", sequence: held.id, label: held.label, ...base };
  if (startsWith(held.parts, other.parts)) return { kind: "prefix", sequence: other.id, label: other.label, ...base };
  if (startsWith(other.parts, held.parts)) return { kind: "prefix", sequence: held.id, label: held.label, ...base };
  return null;
}

function allBound(keymap: Keymap): Bound[] {
  return [...keymap.entries.values()].flatMap((entry) =>
    boundSequences(entry.actionId, entry.scope, entry.sequences, keymap.platform),
  );
}

/** Every pair of actions whose keys clash: one key twice, or one key starting another's sequence. */
export function findConflicts(keymap: Keymap): Conflict[] {
  const bound = allBound(keymap);
  const conflicts: Conflict[] = [];
  for (let i = 0; i < bound.length; i += 1) {
    for (let j = i + 1; j < bound.length; j += 1) {
      const conflict = clash(bound[i], bound[j]);
      if (conflict) conflicts.push(conflict);
    }
  }
  return conflicts;
}

/** What binding `keys` to the action would clash with, before it is saved (for the warning). */
export function conflictsFor(keymap: Keymap, actionId: string, keys: readonly string[]): Conflict[] {
  const entry = keymap.entries.get(actionId);
  if (!entry) return [];
  const sequences = canonicalList(keys).map((key) => parseSequence(key) as KeySequence);
  const proposed = boundSequences(actionId, entry.scope, sequences, keymap.platform);
  const others = allBound(keymap).filter((bound) => bound.actionId !== actionId);
  return others.flatMap((held) => proposed.map((next) => clash(held, next)).filter((c) => c !== null));
}

function matchedParts(key: string, platform: Platform): string[] {
  return resolvedSequenceId(parseSequence(key) as KeySequence, platform).split(" ");
}

/**
 * Binds `keys` to the action and takes them away from every action they clash with (the same
 * key, or one that starts or extends it): CVAT's "unset the conflicting shortcut" answer to the
 * conflict warning. The other actions keep the rest of their keys.
 */
export function takeOver(
  overrides: ShortcutSettings,
  actions: readonly KeymapAction[],
  action: KeymapAction,
  keys: readonly string[],
  platform: Platform,
): ShortcutSettings {
  let next = rebind(overrides, action, keys);
  const taken = canonicalList(keys).map((key) => matchedParts(key, platform));
  const overlaps = (parts: string[]) =>
    taken.some((other) => sameList(other, parts) || startsWith(other, parts) || startsWith(parts, other));
  for (const other of actions) {
    if (other.id === action.id || !scopesClash(scopeOf(action), scopeOf(other))) continue;
    const current = effectiveKeys(other, next);
    const kept = current.filter((key) => !overlaps(matchedParts(key, platform)));
    if (kept.length !== current.length) next = rebind(next, other, kept);
  }
  return next;
}

/**
 * The settings patch (`SettingsPatch["shortcuts"]`) that turns the stored overrides `before` into
 * `after`: changed actions get their keys, actions back on their defaults get [] (removed).
 */
export function shortcutsPatch(before: ShortcutSettings, after: ShortcutSettings): Partial<ShortcutSettings> {
  const patch: Partial<ShortcutSettings> = {};
  for (const id of Object.keys(before)) if (!Object.hasOwn(after, id)) patch[id] = [];
  for (const [id, keys] of Object.entries(after)) {
    const previous = Object.hasOwn(before, id) ? before[id] : undefined;
    if (previous === undefined || !sameList(previous, keys)) patch[id] = [...keys];
  }
  return patch;
}
