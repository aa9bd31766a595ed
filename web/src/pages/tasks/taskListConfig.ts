// The Tasks list: its sortable fields, filter fields and quick filters (server: TASK_LIST).
import type { ListConfig } from "../../components/listing/listConfig";
import { DIMENSION_OPTIONS, MODE_OPTIONS, STATUS_OPTIONS } from "../../components/listing/fieldOptions";
import { assignedToMe, notCompleted, ownedByMe } from "../../components/listing/quickFilters";

export const TASK_LIST: ListConfig = {
  resource: "tasks",
  noun: { one: "task", many: "tasks" },
  defaults: { pageSize: 10, sort: "-id" },
  searchPlaceholder: "Search tasks by name, owner, assignee, project, subset…",
  sortFields: [
    { key: "id", label: "ID" },
    { key: "owner", label: "Owner" },
    { key: "status", label: "Status" },
    { key: "assignee", label: "Assignee" },
    { key: "updated_date", label: "Updated date" },
    { key: "subset", label: "Subset" },
    { key: "mode", label: "Mode" },
    { key: "dimension", label: "Dimension" },
    { key: "project_id", label: "Project ID" },
    { key: "name", label: "Name" },
    { key: "project_name", label: "Project name" },
  ],
  filterFields: [
    { key: "name", label: "Name", type: "text" },
    { key: "id", label: "ID", type: "number" },
    { key: "owner", label: "Owner", type: "text" },
    { key: "assignee", label: "Assignee", type: "text", empty: null },
    { key: "status", label: "Status", type: "select", options: STATUS_OPTIONS },
    { key: "project_id", label: "Project ID", type: "number", empty: null },
    { key: "project_name", label: "Project name", type: "text", empty: null },
    { key: "subset", label: "Subset", type: "text", empty: "" },
    { key: "mode", label: "Mode", type: "select", options: MODE_OPTIONS },
    { key: "dimension", label: "Dimension", type: "select", options: DIMENSION_OPTIONS },
    { key: "tracker_link", label: "Issue tracker", type: "text", empty: "" },
    { key: "created_date", label: "Created date", type: "date" },
    { key: "updated_date", label: "Updated date", type: "date" },
  ],
  quickFilters: [assignedToMe, ownedByMe, notCompleted("status")],
};
