// The `sort=` parameter as an ordered list of (field, direction), and the edits the sort control makes.

export interface SortField {
  key: string;
  label: string;
}

export interface SortItem {
  field: string;
  descending: boolean;
}

/** Reads "-updated_date,name"; fields not in `allowed` and repeats are dropped. */
export function parseSort(text: string, allowed: readonly SortField[]): SortItem[] {
  const known = new Set(allowed.map((field) => field.key));
  const items: SortItem[] = [];
  for (const raw of text.split(",")) {
    const part = raw.trim();
    if (!part) continue;
    const descending = part.startsWith("-");
    const field = descending ? part.slice(1) : part;
    if (known.has(field) && !items.some((item) => item.field === field)) items.push({ field, descending });
  }
  return items;
}

export function formatSort(items: readonly SortItem[]): string {
  return items.map((item) => (item.descending ? `-${item.field}` : item.field)).join(",");
}

/**
 * Puts `field` at `index` of the list as it is now (the drop position under the pointer); a field
 * already in the list moves there and keeps its direction unless `descending` is given.
 */
export function placeField(items: readonly SortItem[], field: string, index: number, descending?: boolean): SortItem[] {
  const from = items.findIndex((item) => item.field === field);
  const existing = from >= 0 ? items[from] : undefined;
  const rest = items.filter((item) => item.field !== field);
  let at = Math.max(0, Math.min(index, items.length));
  if (from >= 0 && from < at) at -= 1;
  const placed: SortItem = { field, descending: descending ?? existing?.descending ?? false };
  return [...rest.slice(0, at), placed, ...rest.slice(at)];
}

export function removeField(items: readonly SortItem[], field: string): SortItem[] {
  return items.filter((item) => item.field !== field);
}

export function toggleDirection(items: readonly SortItem[], field: string): SortItem[] {
  return items.map((item) => (item.field === field ? { ...item, descending: !item.descending } : item));
}

/** "Updated date ↓, Name ↑" */
export function describeSort(items: readonly SortItem[], fields: readonly SortField[]): string {
  return items
    .map((item) => `${fields.find((f) => f.key === item.field)?.label ?? item.field} ${item.descending ? "↓" : "↑"}`)
    .join(", ");
}
