// The Projects list: its sortable fields, filter fields and quick filters (server: PROJECT_LIST).
import type { ListConfig } from "../../components/listing/listConfig";
import { DIMENSION_OPTIONS, STATUS_OPTIONS } from "../../components/listing/fieldOptions";
import { assignedToMe, notCompleted, ownedByMe } from "../../components/listing/quickFilters";

export const PROJECT_LIST: ListConfig = {
  resource: "projects",
  noun: { one: "project", many: "projects" },
  defaults: { pageSize: 12, sort: "-id" },
  searchPlaceholder: "Search projects by name, owner, assignee…",
  sortFields: [
    { key: "id", label: "ID" },
    { key: "assignee", label: "Assignee" },
    { key: "owner", label: "Owner" },
    { key: "status", label: "Status" },
    { key: "name", label: "Name" },
    { key: "updated_date", label: "Updated date" },
  ],
  filterFields: [
    { key: "name", label: "Name", type: "text" },
    { key: "id", label: "ID", type: "number" },
    { key: "owner", label: "Owner", type: "text" },
    { key: "assignee", label: "Assignee", type: "text", empty: null },
    { key: "status", label: "Status", type: "select", options: STATUS_OPTIONS },
    { key: "dimension", label: "Dimension", type: "select", options: DIMENSION_OPTIONS, empty: null },
    { key: "created_date", label: "Created date", type: "date" },
    { key: "updated_date", label: "Updated date", type: "date" },
  ],
  quickFilters: [assignedToMe, ownedByMe, notCompleted("status")],
};
