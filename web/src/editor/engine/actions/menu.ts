// Menus and the command palette, read from the registered actions: the same labels, the same
// enabled state and the same keys the dispatcher uses, so a menu never shows a stale shortcut.

import { shortcutLabel, type Keymap } from "./keymap";
import type { Action, ActionRegistry, ActionSpec } from "./registry";

export interface MenuItem {
  id: string;
  label: string;
  /** The first key as shown ("Ctrl+Shift+Z"), if the action has one. */
  shortcut?: string;
  disabled: boolean;
}

export interface MenuSection {
  group: string;
  items: MenuItem[];
}

function menuItem<Ctx>(action: Action<Ctx>, keymap: Keymap, ctx: Ctx): MenuItem {
  const shortcut = shortcutLabel(keymap, action.id);
  return {
    id: action.id,
    label: action.label,
    ...(shortcut === undefined ? {} : { shortcut }),
    disabled: action.when !== undefined && !action.when(ctx),
  };
}

/** The actions as menu sections, in the order groups first appear; `include` picks which. */
export function menuSections<Ctx>(
  registry: ActionRegistry<Ctx>,
  keymap: Keymap,
  ctx: Ctx,
  include: (action: Action<Ctx>) => boolean = () => true,
): MenuSection[] {
  const sections = new Map<string, MenuItem[]>();
  for (const action of registry.actions) {
    if (!include(action)) continue;
    const items = sections.get(action.group) ?? [];
    items.push(menuItem(action, keymap, ctx));
    sections.set(action.group, items);
  }
  return [...sections].map(([group, items]) => ({ group, items }));
}

const words = (text: string) => text.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter((word) => word !== "");

/** How well an action answers a palette query: lower is better, null is no match. */
function rank(action: Pick<ActionSpec, "label" | "keywords" | "group">, query: string): number | null {
  const label = action.label.toLowerCase();
  if (label.startsWith(query)) return 0;
  const queryWords = words(query);
  const labelWords = words(action.label);
  const everyWordStarts = (candidates: string[]) =>
    queryWords.every((word) => candidates.some((candidate) => candidate.startsWith(word)));
  if (queryWords.length > 0 && everyWordStarts(labelWords)) return 1;
  if (label.includes(query)) return 2;
  const extraWords = [...labelWords, ...(action.keywords ?? []).flatMap(words), ...words(action.group)];
  if (queryWords.length > 0 && everyWordStarts(extraWords)) return 3;
  return null;
}

/**
 * The palette's answer to what the user typed: actions whose label starts with it first, then
 * those whose words start with each word typed, then matches inside the label, then matches on
 * keywords and group. Disabled actions are left out; ties keep the registry's order.
 */
export function searchActions<Ctx>(registry: ActionRegistry<Ctx>, query: string, ctx: Ctx): Action<Ctx>[] {
  const needle = query.trim().toLowerCase();
  const enabled = registry.actions.filter((action) => action.when === undefined || action.when(ctx));
  if (needle === "") return enabled;
  return enabled
    .map((action, index) => ({ action, index, rank: rank(action, needle) }))
    .filter((scored): scored is { action: Action<Ctx>; index: number; rank: number } => scored.rank !== null)
    .sort((a, b) => a.rank - b.rank || a.index - b.index)
    .map((scored) => scored.action);
}
