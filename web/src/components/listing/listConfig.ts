// What a list page declares about its resource: names, defaults, sortable and filterable fields.
import type { FilterField } from "../filters/filterFields";
import type { ListDefaults } from "./listState";
import type { QuickFilter } from "./quickFilters";
import type { SortField } from "./sorting";

export interface ListConfig {
  /** Names the list in query keys and in localStorage: "tasks", "projects", "jobs". */
  resource: string;
  noun: { one: string; many: string };
  defaults: ListDefaults;
  sortFields: readonly SortField[];
  filterFields: readonly FilterField[];
  quickFilters: readonly QuickFilter[];
  searchPlaceholder: string;
}
