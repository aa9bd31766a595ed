// The task page (/tasks/:taskId): its summary and Actions, its labels, its jobs.
import { ReloadOutlined } from "@ant-design/icons";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Breadcrumb, Button, Card, Flex, Skeleton } from "antd";
import { useCallback } from "react";
import { Link, useParams } from "react-router";
import { api, unwrap } from "../../api/client";
import { LoadFailedAlert } from "../../components/common/LoadFailedAlert";
import { isNotFound } from "../../components/common/notFound";
import { ResourceNotFound } from "../../components/common/NotFoundResult";
import { JobsTable, jobsQueryKey } from "../../components/jobs/JobsTable";
import { LabelsSection } from "../../components/labels/LabelsSection";
import { TaskSummary } from "./TaskSummary";
import { taskQueryKey } from "./usePatchTask";

export function TaskPage() {
  const taskId = Number(useParams().taskId);
  const client = useQueryClient();
  const task = useQuery({
    queryKey: taskQueryKey(taskId),
    enabled: Number.isInteger(taskId) && taskId > 0,
    queryFn: () => unwrap(api.GET("/api/tasks/{task_id}", { params: { path: { task_id: taskId } } })),
  });

  const refresh = useCallback(() => {
    void client.invalidateQueries({ queryKey: taskQueryKey(taskId) });
    void client.invalidateQueries({ queryKey: jobsQueryKey(taskId) });
    void client.invalidateQueries({ queryKey: ["labels"] });
  }, [client, taskId]);

  if (!Number.isInteger(taskId) || taskId <= 0 || isNotFound(task.error)) {
    return <ResourceNotFound title="Task not found" backTo="/tasks" backLabel="Back to tasks" />;
  }

  return (
    <div className="page" data-testid="task-page">
      <Breadcrumb
        style={{ marginBottom: 16 }}
        items={[
          { title: <Link to="/tasks">Tasks</Link> },
          ...(task.data?.project_id
            ? [{ title: <Link to={`/projects/${task.data.project_id}`}>{task.data.project_name}</Link> }]
            : []),
          { title: task.data ? `Task #${task.data.id}` : `Task #${taskId}` },
        ]}
      />
      {task.isError && (
        <LoadFailedAlert title="The task could not be loaded" error={task.error} onRetry={() => void task.refetch()} />
      )}
      {task.isPending && (
        <Card>
          <Skeleton active avatar={{ shape: "square", size: 120 }} paragraph={{ rows: 4 }} />
        </Card>
      )}
      {task.data && (
        <Flex vertical gap={24}>
          <TaskSummary task={task.data} onChanged={refresh} />
          <Card title="Labels">
            <LabelsSection kind="task" id={task.data.id} readOnly={task.data.project_id != null} />
          </Card>
          <Card
            title={`Jobs (${task.data.jobs.count})`}
            extra={
              <Button
                icon={<ReloadOutlined />}
                onClick={() => void client.invalidateQueries({ queryKey: jobsQueryKey(taskId) })}
              >
                Refresh
              </Button>
            }
          >
            <JobsTable taskId={task.data.id} onChanged={() => void task.refetch()} />
          </Card>
        </Flex>
      )}
    </div>
  );
}
