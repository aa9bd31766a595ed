// Placeholder (being rewritten this session): the labels of a project or task, editable in place.
import { Tag } from "antd";
import { useQuery } from "@tanstack/react-query";
import { api, unwrap } from "../../api/client";

export interface LabelsSectionProps {
  kind: "project" | "task";
  id: number;
  /** True for a task inside a project: its labels are the project's and are edited there. */
  readOnly?: boolean;
}

export function LabelsSection({ kind, id }: LabelsSectionProps) {
  const query = kind === "project" ? { project_id: id } : { task_id: id };
  const labels = useQuery({
    queryKey: ["labels", kind, id],
    queryFn: () => unwrap(api.GET("/api/labels", { params: { query: { ...query, page_size: 500 } } })),
  });
  return (
    <div>
      {(labels.data?.results ?? []).map((label) => (
        <Tag key={label.id} color={label.color}>
          {label.name}
        </Tag>
      ))}
    </div>
  );
}
