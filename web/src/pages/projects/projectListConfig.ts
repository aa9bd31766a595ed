// The Projects list: its sortable fields, filter fields and quick filters (server: PROJECT_LIST).
import type { ListConfig } from "../../components/listing/listConfig";
import { FILTER_FIELDS, sortFields } from "../../components/listing/listFields";
import { assignedToMe, notCompleted, ownedByMe } from "../../components/listing/quickFilters";

export const PROJECT_LIST: ListConfig = {
  resource: "projects",
  noun: { one: "project", many: "projects" },
  defaults: { pageSize: 12, sort: "-id" },
  searchPlaceholder: "Search projects by name, owner, assignee…",
  sortFields: sortFields("id", "assignee", "owner", "status", "name", "updated_date"),
  filterFields: [
    FILTER_FIELDS.name,
    FILTER_FIELDS.id,
    FILTER_FIELDS.owner,
    FILTER_FIELDS.assignee,
    FILTER_FIELDS.status,
    // A project takes its dimension from its first task: until then it has none.
    { ...FILTER_FIELDS.dimension, empty: null },
    FILTER_FIELDS.created_date,
    FILTER_FIELDS.updated_date,
  ],
  quickFilters: [assignedToMe, ownedByMe, notCompleted("status")],
};
