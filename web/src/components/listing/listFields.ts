// The fields several lists have, described once, so that a field is named, sorted and filtered
// alike wherever it appears (its label, its kind, what "empty" means for it).
import type { FilterField } from "../filters/filterFields";
import { DIMENSION_OPTIONS, MODE_OPTIONS, STATUS_OPTIONS } from "./fieldOptions";
import type { SortField } from "./sorting";

const FIELD_LABELS = {
  id: "ID",
  name: "Name",
  owner: "Owner",
  assignee: "Assignee",
  status: "Status",
  stage: "Stage",
  state: "State",
  subset: "Subset",
  mode: "Mode",
  type: "Type",
  tracker_link: "Issue tracker",
  dimension: "Dimension",
  task_id: "Task ID",
  task_name: "Task name",
  project_id: "Project ID",
  project_name: "Project name",
  created_date: "Created date",
  updated_date: "Updated date",
} as const;

export type ListFieldKey = keyof typeof FIELD_LABELS;

/** The sortable fields of a list, in the order its sort control offers them. */
export function sortFields(...keys: ListFieldKey[]): SortField[] {
  return keys.map((key) => ({ key, label: FIELD_LABELS[key] }));
}

/** A filter field named like the rest; `more` gives a select's options or what "empty" is. */
export function filterField(
  key: ListFieldKey,
  type: FilterField["type"],
  more: Pick<FilterField, "options" | "empty"> = {},
): FilterField {
  return { key, label: FIELD_LABELS[key], type, ...more };
}

/** Filter fields that mean the same on every list that has them. */
export const FILTER_FIELDS = {
  id: filterField("id", "number"),
  name: filterField("name", "text"),
  owner: filterField("owner", "text"),
  // Nobody may be assigned; a task or job need not be in a project.
  assignee: filterField("assignee", "text", { empty: null }),
  project_id: filterField("project_id", "number", { empty: null }),
  project_name: filterField("project_name", "text", { empty: null }),
  status: filterField("status", "select", { options: STATUS_OPTIONS }),
  mode: filterField("mode", "select", { options: MODE_OPTIONS }),
  dimension: filterField("dimension", "select", { options: DIMENSION_OPTIONS }),
  created_date: filterField("created_date", "date"),
  updated_date: filterField("updated_date", "date"),
} as const satisfies Partial<Record<ListFieldKey, FilterField>>;
