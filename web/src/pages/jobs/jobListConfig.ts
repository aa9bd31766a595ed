// The Jobs list: its sortable fields, filter fields and quick filters (server: JOB_LIST).
import type { ListConfig } from "../../components/listing/listConfig";
import {
  DIMENSION_OPTIONS,
  JOB_TYPE_OPTIONS,
  MODE_OPTIONS,
  STAGE_OPTIONS,
  STATE_OPTIONS,
} from "../../components/listing/fieldOptions";
import { assignedToMe, notCompleted } from "../../components/listing/quickFilters";

export const JOB_LIST: ListConfig = {
  resource: "jobs",
  noun: { one: "job", many: "jobs" },
  defaults: { pageSize: 12, sort: "-id" },
  searchPlaceholder: "Search jobs by assignee, task, project…",
  sortFields: [
    { key: "id", label: "ID" },
    { key: "assignee", label: "Assignee" },
    { key: "updated_date", label: "Updated date" },
    { key: "stage", label: "Stage" },
    { key: "state", label: "State" },
    { key: "task_id", label: "Task ID" },
    { key: "project_id", label: "Project ID" },
    { key: "task_name", label: "Task name" },
    { key: "project_name", label: "Project name" },
  ],
  filterFields: [
    { key: "state", label: "State", type: "select", options: STATE_OPTIONS },
    { key: "stage", label: "Stage", type: "select", options: STAGE_OPTIONS },
    { key: "id", label: "ID", type: "number" },
    { key: "assignee", label: "Assignee", type: "text", empty: null },
    { key: "task_id", label: "Task ID", type: "number" },
    { key: "task_name", label: "Task name", type: "text" },
    { key: "project_id", label: "Project ID", type: "number", empty: null },
    { key: "project_name", label: "Project name", type: "text", empty: null },
    { key: "type", label: "Type", type: "select", options: JOB_TYPE_OPTIONS },
    { key: "dimension", label: "Dimension", type: "select", options: DIMENSION_OPTIONS },
    { key: "mode", label: "Mode", type: "select", options: MODE_OPTIONS },
    { key: "created_date", label: "Created date", type: "date" },
    { key: "updated_date", label: "Updated date", type: "date" },
  ],
  quickFilters: [assignedToMe, notCompleted("state")],
};
