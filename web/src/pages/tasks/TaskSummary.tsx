// The top of the task page: preview, name (renamed in place), who and when, the editable facts
// (assignee, issue tracker, subset), the media facts and the Actions menu.
import { CalendarOutlined, UserOutlined } from "@ant-design/icons";
import { useQuery } from "@tanstack/react-query";
import { App, Card, Descriptions, Flex, Progress, Space, Tag, Typography } from "antd";
import type { DescriptionsProps } from "antd";
import dayjs from "dayjs";
import { Link } from "react-router";
import { api, unwrap } from "../../api/client";
import type { Task } from "../../api/types";
import { TaskActionsMenu } from "../../components/actions/TaskActionsMenu";
import { UserSelect } from "../../components/common/UserSelect";
import { IssueTrackerField } from "./IssueTrackerField";
import { PreviewImage } from "../../components/common/PreviewImage";
import { SubsetField } from "./SubsetField";
import { formatDate, jobsProgress, STATUS_COLORS } from "./taskFacts";
import { usePatchTask } from "./usePatchTask";

export interface TaskSummaryProps {
  task: Task;
  onChanged: () => void;
}

export function TaskSummary({ task, onChanged }: TaskSummaryProps) {
  const { message } = App.useApp();
  const save = usePatchTask(task.id);
  const project = useQuery({
    queryKey: ["project", task.project_id],
    enabled: task.project_id != null,
    queryFn: () => unwrap(api.GET("/api/projects/{project_id}", { params: { path: { project_id: task.project_id! } } })),
  });
  const progress = jobsProgress(task.jobs);

  function rename(name: string) {
    const next = name.trim();
    if (!next) {
      message.warning("A task needs a name.");
      return;
    }
    if (next !== task.name) void save({ name: next }, `Task renamed to “${next}”.`);
  }

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
    {
      key: "assignee",
      label: "Assignee",
      children: (
        <UserSelect
          value={task.assignee}
          onChange={(user) =>
            void save({ assignee_id: user?.id ?? null }, user ? `Task assigned to ${user.username}.` : "Task unassigned.")
          }
          placeholder="Assign"
          testId="task-assignee"
        />
      ),
    },
    {
      key: "tracker",
      label: "Issue tracker",
      children: (
        <IssueTrackerField
          value={task.bug_tracker}
          onSave={(bug_tracker) => save({ bug_tracker }, bug_tracker ? "Issue tracker saved." : "Issue tracker removed.")}
        />
      ),
    },
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
    <Card>
      <Flex gap={24} align="flex-start" wrap>
        <PreviewImage src={`/api/tasks/${task.id}/preview`} alt={`Preview of ${task.name}`} width={240} height={160} version={task.size ? String(task.size) : undefined} framed />
        <Flex vertical gap={16} style={{ flex: 1, minWidth: 320 }}>
          <Flex justify="space-between" align="flex-start" gap={16}>
            <div style={{ minWidth: 0 }}>
              <Typography.Title
                level={3}
                style={{ margin: 0 }}
                editable={{ onChange: rename, tooltip: "Rename the task", triggerType: ["icon"] }}
                data-testid="task-name"
              >
                {task.name}
              </Typography.Title>
              <Space size={8} wrap style={{ marginTop: 6 }}>
                <Tag>#{task.id}</Tag>
                <Tag color={STATUS_COLORS[task.status] ?? "default"}>{task.status}</Tag>
                <Typography.Text type="secondary">
                  <UserOutlined /> Created by {task.owner?.username ?? "a deleted user"}
                </Typography.Text>
                <Typography.Text type="secondary">
                  <CalendarOutlined /> {formatDate(task.created_date)}
                </Typography.Text>
                <Typography.Text type="secondary">· updated {dayjs(task.updated_date).format("MMM D, HH:mm")}</Typography.Text>
              </Space>
            </div>
            <TaskActionsMenu task={task} onChanged={onChanged} />
          </Flex>
          <Descriptions size="small" column={{ xs: 1, md: 2, xl: 3 }} items={items} />
        </Flex>
      </Flex>
    </Card>
  );
}
