// The top of the task page: preview, name (renamed in place), who and when, the editable facts
// (assignee, issue tracker, subset), the media facts and the Actions menu.
import { useQuery } from "@tanstack/react-query";
import { Flex, Progress, Typography } from "antd";
import type { DescriptionsProps } from "antd";
import dayjs from "dayjs";
import { Link } from "react-router";
import { api, unwrap } from "../../api/client";
import type { Task } from "../../api/types";
import { TaskActionsMenu } from "../../components/actions/TaskActionsMenu";
import { assigneeFact, issueTrackerFact } from "../../components/common/resourceFacts";
import { ResourceSummary } from "../../components/common/ResourceSummary";
import { SubsetField } from "./SubsetField";
import { jobsProgress } from "./taskFacts";
import { usePatchTask } from "./usePatchTask";

export interface TaskSummaryProps {
  task: Task;
  onChanged: () => void;
}

export function TaskSummary({ task, onChanged }: TaskSummaryProps) {
  const save = usePatchTask(task.id);
  const project = useQuery({
    queryKey: ["project", task.project_id],
    enabled: task.project_id != null,
    queryFn: () => unwrap(api.GET("/api/projects/{project_id}", { params: { path: { project_id: task.project_id! } } })),
  });
  const progress = jobsProgress(task.jobs);

  const items: DescriptionsProps["items"] = [
    {
      key: "project",
      label: "Project",
      children: task.project_id ? (
        <Link to={`/projects/${task.project_id}`} data-testid="task-project-link">
          {task.project_name ?? `Project #${task.project_id}`}
        </Link>
      ) : (
        <Typography.Text type="secondary">Not in a project</Typography.Text>
      ),
    },
    assigneeFact("task", task.assignee, save),
    issueTrackerFact(task.bug_tracker, save),
    ...(task.project_id != null
      ? [
          {
            key: "subset",
            label: "Subset",
            children: (
              <SubsetField
                value={task.subset}
                projectSubsets={project.data?.task_subsets ?? []}
                onSave={(subset) => save({ subset }, subset ? `Subset set to ${subset}.` : "Subset cleared.")}
              />
            ),
          },
        ]
      : []),
    {
      key: "progress",
      label: "Progress",
      children: (
        <Flex vertical style={{ minWidth: 180 }}>
          <Progress percent={progress.percent} size="small" />
          <Typography.Text type="secondary">{progress.text}</Typography.Text>
        </Flex>
      ),
    },
    { key: "dimension", label: "Dimension", children: task.dimension.toUpperCase() },
    { key: "mode", label: "Mode", children: task.size ? task.mode : "—" },
    { key: "size", label: "Frames", children: task.size ?? "No data yet" },
    { key: "quality", label: "Image quality", children: task.image_quality != null ? `${task.image_quality}%` : "—" },
    { key: "segment", label: "Segment size", children: task.segment_size || "Whole task" },
    { key: "overlap", label: "Overlap", children: task.overlap ?? "—" },
  ];

  return (
    <ResourceSummary
      noun="task"
      id={task.id}
      name={task.name}
      status={task.status}
      owner={task.owner}
      ownerVerb="Created by"
      createdDate={task.created_date}
      previewVersion={task.size ? String(task.size) : undefined}
      onRename={(name) => void save({ name }, `Task renamed to “${name}”.`)}
      moreFacts={
        <Typography.Text type="secondary">· updated {dayjs(task.updated_date).format("MMM D, HH:mm")}</Typography.Text>
      }
      actions={<TaskActionsMenu task={task} onChanged={onChanged} />}
      items={items}
    />
  );
}
