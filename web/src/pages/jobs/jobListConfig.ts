// The Jobs list: its sortable fields, filter fields and quick filters (server: JOB_LIST).
import type { ListConfig } from "../../components/listing/listConfig";
import { JOB_TYPE_OPTIONS, STAGE_OPTIONS, STATE_OPTIONS } from "../../components/listing/fieldOptions";
import { FILTER_FIELDS, filterField, sortFields } from "../../components/listing/listFields";
import { assignedToMe, notCompleted } from "../../components/listing/quickFilters";

export const JOB_LIST: ListConfig = {
  resource: "jobs",
  noun: { one: "job", many: "jobs" },
  defaults: { pageSize: 12, sort: "-id" },
  searchPlaceholder: "Search jobs by assignee, task, project…",
  sortFields: sortFields(
    "id",
    "assignee",
    "updated_date",
    "stage",
    "state",
    "task_id",
    "project_id",
    "task_name",
    "project_name",
  ),
  filterFields: [
    filterField("state", "select", { options: STATE_OPTIONS }),
    filterField("stage", "select", { options: STAGE_OPTIONS }),
    FILTER_FIELDS.id,
    FILTER_FIELDS.assignee,
    filterField("task_id", "number"),
    filterField("task_name", "text"),
    FILTER_FIELDS.project_id,
    FILTER_FIELDS.project_name,
    filterField("type", "select", { options: JOB_TYPE_OPTIONS }),
    FILTER_FIELDS.dimension,
    FILTER_FIELDS.mode,
    FILTER_FIELDS.created_date,
    FILTER_FIELDS.updated_date,
  ],
  quickFilters: [assignedToMe, notCompleted("state")],
};
