// One task in the Tasks list: preview, name, project, owner and dates, job progress, status, actions.
import { FolderOutlined } from "@ant-design/icons";
import { Card, Progress, Space, Tag, Typography } from "antd";
import { Link } from "react-router";
import type { Task } from "../../api/types";
import { TaskActionsMenu } from "../../components/actions/TaskActionsMenu";
import { formatDay, fromNow, formatMoment } from "../../components/listing/dates";
import { LinkButton } from "../../components/listing/LinkButton";
import { PreviewImage } from "../../components/common/PreviewImage";
import { StatusTag } from "../../components/listing/StatusTags";
import { UserName } from "../../components/listing/UserName";
import "../../components/listing/listing.css";

function JobProgress({ task }: { task: Task }) {
  const total = task.jobs.count;
  const completed = task.jobs.completed ?? 0;
  if (total === 0) {
    return <Typography.Text type="secondary">No jobs yet: the task has no data</Typography.Text>;
  }
  const percent = Math.round((completed / total) * 100);
  return (
    <div data-testid="task-progress">
      <Progress percent={percent} size="small" status={completed === total ? "success" : "normal"} />
      <Typography.Text type="secondary">
        {completed} of {total} {total === 1 ? "job" : "jobs"} completed
      </Typography.Text>
    </div>
  );
}

export function TaskRow({ task, onChanged }: { task: Task; onChanged: () => void }) {
  const hasMedia = (task.size ?? 0) > 0;
  return (
    <Card className="task-row" data-testid="task-row" data-task-id={task.id} size="small">
      <div className="task-row-preview">
        <PreviewImage src={hasMedia ? `/api/tasks/${task.id}/preview` : undefined} alt={task.name} height={80} />
      </div>
      <div className="task-row-main">
        <Link to={`/tasks/${task.id}`} className="list-card-title" data-testid="task-name">
          #{task.id}: {task.name}
        </Link>
        <div className="list-card-meta">
          {task.project_id !== null && (
            <div>
              <FolderOutlined /> Project:{" "}
              <Link to={`/projects/${task.project_id}`}>{task.project_name ?? `#${task.project_id}`}</Link>
            </div>
          )}
          <div>
            Created by {task.owner?.username ?? "a deleted user"} on {formatDay(task.created_date)}
            {" · "}
            <span title={formatMoment(task.updated_date)}>Last updated {fromNow(task.updated_date)}</span>
          </div>
        </div>
        <Space size={8} wrap style={{ marginTop: 4 }}>
          <StatusTag status={task.status} />
          {task.subset && <Tag>{task.subset}</Tag>}
          {task.dimension === "3d" && <Tag color="cyan">3D</Tag>}
          <span className="list-card-meta">
            Assignee: <UserName user={task.assignee} />
          </span>
        </Space>
      </div>
      <div className="task-row-progress">
        <JobProgress task={task} />
      </div>
      <div className="task-row-actions">
        <LinkButton to={`/tasks/${task.id}`} type="primary" block data-testid="task-open">
          Open
        </LinkButton>
        <TaskActionsMenu task={task} onChanged={onChanged} />
      </div>
    </Card>
  );
}
