// The Tasks list: its sortable fields, filter fields and quick filters (server: TASK_LIST).
import type { ListConfig } from "../../components/listing/listConfig";
import { FILTER_FIELDS, filterField, sortFields } from "../../components/listing/listFields";
import { assignedToMe, notCompleted, ownedByMe } from "../../components/listing/quickFilters";

export const TASK_LIST: ListConfig = {
  resource: "tasks",
  noun: { one: "task", many: "tasks" },
  defaults: { pageSize: 10, sort: "-id" },
  searchPlaceholder: "Search tasks by name, owner, assignee, project, subset…",
  sortFields: sortFields(
    "id",
    "owner",
    "status",
    "assignee",
    "updated_date",
    "subset",
    "mode",
    "dimension",
    "project_id",
    "name",
    "project_name",
  ),
  filterFields: [
    FILTER_FIELDS.name,
    FILTER_FIELDS.id,
    FILTER_FIELDS.owner,
    FILTER_FIELDS.assignee,
    FILTER_FIELDS.status,
    FILTER_FIELDS.project_id,
    FILTER_FIELDS.project_name,
    filterField("subset", "text", { empty: "" }),
    FILTER_FIELDS.mode,
    FILTER_FIELDS.dimension,
    filterField("tracker_link", "text", { empty: "" }),
    FILTER_FIELDS.created_date,
    FILTER_FIELDS.updated_date,
  ],
  quickFilters: [assignedToMe, ownedByMe, notCompleted("status")],
};
