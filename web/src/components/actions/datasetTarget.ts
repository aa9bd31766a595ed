// The object a dataset dialog works on and the API paths that belong to it.

export interface DatasetTarget {
  kind: "task" | "project" | "job";
  id: number;
  name: string;
  /** "2d" or "3d"; null while the object has no data. */
  dimension: string | null;
}

export function targetTitle(target: DatasetTarget): string {
  const kind = target.kind === "task" ? "Task" : target.kind === "job" ? "Job" : "Project";
  return `${kind} #${target.id} “${target.name}”`;
}

export function exportPath(target: DatasetTarget): string {
  return `/api/${target.kind}s/${target.id}/dataset/export`;
}

/** Tasks and jobs take annotations (`annotation_file`); projects take whole datasets (`dataset_file`). */
export function importEndpoint(target: DatasetTarget): { path: string; field: string } {
  return target.kind !== "project"
    ? { path: `/api/${target.kind}s/${target.id}/annotations`, field: "annotation_file" }
    : { path: `/api/projects/${target.id}/dataset`, field: "dataset_file" };
}
