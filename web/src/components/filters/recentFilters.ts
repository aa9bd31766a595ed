// The last few filters a user applied on a list, newest first, kept in localStorage per list.

export const MAX_RECENT_FILTERS = 5;

/** The list with `filter` in front, without duplicates, at most `max` long. */
export function pushRecent(list: readonly string[], filter: string, max = MAX_RECENT_FILTERS): string[] {
  if (!filter.trim()) return [...list];
  return [filter, ...list.filter((item) => item !== filter)].slice(0, max);
}

type KeyValueStore = Pick<Storage, "getItem" | "setItem">;

export function recentFiltersKey(list: string): string {
  return `contour.recentFilters.${list}`;
}

/** What was stored; anything unreadable (hand-edited, older shape) counts as nothing. */
export function readRecent(store: KeyValueStore, key: string): string[] {
  try {
    const data: unknown = JSON.parse(store.getItem(key) ?? "[]");
    if (!Array.isArray(data)) return [];
    return data.filter((item): item is string => typeof item === "string").slice(0, MAX_RECENT_FILTERS);
  } catch {
    return [];
  }
}

export function writeRecent(store: KeyValueStore, key: string, list: readonly string[]): void {
  try {
    store.setItem(key, JSON.stringify(list));
  } catch {
    // A full or disabled storage only costs the Recent list.
  }
}
