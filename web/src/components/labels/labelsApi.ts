// Reading a label set from /api/labels (every page) and saving a PATCH of it.
import { api, unwrap } from "../../api/client";
import type { Label, LabelRequest } from "../../api/types";

export type LabelOwnerKind = "project" | "task";

const PAGE_SIZE = 500;

/** The top-level labels of a project or task (a task in a project answers with the project's). */
export async function fetchLabelSet(kind: LabelOwnerKind, id: number): Promise<Label[]> {
  const owner = kind === "project" ? { project_id: id } : { task_id: id };
  const labels: Label[] = [];
  for (let page = 1; ; page += 1) {
    const data = await unwrap(
      api.GET("/api/labels", { params: { query: { ...owner, page, page_size: PAGE_SIZE } } }),
    );
    labels.push(...data.results);
    if (!data.next || data.results.length === 0) break;
  }
  return labels.filter((label) => !label.has_parent);
}

export function labelSetQueryKey(kind: LabelOwnerKind, id: number) {
  return ["labels", kind, id] as const;
}

export async function saveLabelPatch(kind: LabelOwnerKind, id: number, labels: LabelRequest[]): Promise<void> {
  if (kind === "project") {
    await unwrap(api.PATCH("/api/projects/{project_id}", { params: { path: { project_id: id } }, body: { labels } }));
  } else {
    await unwrap(api.PATCH("/api/tasks/{task_id}", { params: { path: { task_id: id } }, body: { labels } }));
  }
}
