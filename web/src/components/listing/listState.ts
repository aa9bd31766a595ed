// A list page's state (page, page size, search, sort, filter, quick filters) <-> its URL query,
// and the query the server gets for it. Values equal to the defaults stay out of the URL.
import type { JsonLogic } from "../filters/filterLogic";

export interface ListState {
  page: number;
  pageSize: number;
  search: string;
  sort: string;
  /** The filter builder's JSON Logic text, "" for none. */
  filter: string;
  /** Keys of the chosen quick filters. */
  quick: string[];
}

export interface ListDefaults {
  pageSize: number;
  sort: string;
}

export const PAGE_SIZES = [10, 12, 20, 24, 50, 100] as const;
const MAX_PAGE_SIZE = 500;
const LIST_KEYS = ["page", "page_size", "search", "sort", "quick", "filter"] as const;

function positiveInt(text: string | null, fallback: number, max = Number.MAX_SAFE_INTEGER): number {
  if (text === null || !/^\d+$/.test(text)) return fallback;
  const value = Number(text);
  return value >= 1 && value <= max ? value : fallback;
}

export function readListState(params: URLSearchParams, defaults: ListDefaults): ListState {
  const quick = (params.get("quick") ?? "")
    .split(",")
    .map((key) => key.trim())
    .filter(Boolean);
  return {
    page: positiveInt(params.get("page"), 1),
    pageSize: positiveInt(params.get("page_size"), defaults.pageSize, MAX_PAGE_SIZE),
    search: params.get("search") ?? "",
    sort: params.get("sort") ?? defaults.sort,
    filter: params.get("filter") ?? "",
    quick: [...new Set(quick)],
  };
}

/** The URL query for `state`; parameters of `base` that are not list state (e.g. project_id) stay. */
export function writeListState(state: ListState, defaults: ListDefaults, base?: URLSearchParams): URLSearchParams {
  const params = new URLSearchParams();
  base?.forEach((value, key) => {
    if (!(LIST_KEYS as readonly string[]).includes(key)) params.append(key, value);
  });
  if (state.page > 1) params.set("page", String(state.page));
  if (state.pageSize !== defaults.pageSize) params.set("page_size", String(state.pageSize));
  if (state.search) params.set("search", state.search);
  if (state.sort !== defaults.sort) params.set("sort", state.sort);
  if (state.quick.length) params.set("quick", state.quick.join(","));
  if (state.filter) params.set("filter", state.filter);
  return params;
}

/** `state` after a change; any change but the page itself starts again from page 1. */
export function applyChange(state: ListState, change: Partial<ListState>): ListState {
  const movesOnlyPage = Object.keys(change).every((key) => key === "page");
  return { ...state, ...(movesOnlyPage ? {} : { page: 1 }), ...change };
}

export function hasActiveFilters(state: ListState): boolean {
  return Boolean(state.search || state.filter || state.quick.length);
}

/** And-combines filters; one stays as it is, none gives null. */
export function combineFilters(parts: readonly JsonLogic[]): JsonLogic | null {
  if (parts.length === 0) return null;
  if (parts.length === 1) return parts[0]!;
  return { and: [...parts] };
}

/**
 * The `filter` the server gets: the builder's filter And the quick filters. A builder filter that
 * is not JSON is sent as it is, so the server's error explains it.
 */
export function serverFilter(filterText: string, quick: readonly JsonLogic[]): string | undefined {
  if (quick.length === 0) return filterText || undefined;
  if (!filterText) return JSON.stringify(combineFilters(quick));
  let builder: JsonLogic;
  try {
    builder = JSON.parse(filterText) as JsonLogic;
  } catch {
    return filterText;
  }
  return JSON.stringify(combineFilters([...quick, builder]));
}

export interface ServerListQuery {
  page: number;
  page_size: number;
  sort?: string;
  search?: string;
  filter?: string;
}

export function serverQuery(state: ListState, quick: readonly JsonLogic[]): ServerListQuery {
  const query: ServerListQuery = { page: state.page, page_size: state.pageSize };
  if (state.sort) query.sort = state.sort;
  if (state.search) query.search = state.search;
  const filter = serverFilter(state.filter, quick);
  if (filter) query.filter = filter;
  return query;
}
