// The tasks of a project on its page: searchable, paged rows with preview, progress and Actions.
import { PlusOutlined, SearchOutlined } from "@ant-design/icons";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { Alert, Button, Card, Empty, Flex, Input, Pagination, Progress, Skeleton, Space, Tag, Typography } from "antd";
import dayjs from "dayjs";
import { useState } from "react";
import { Link, useNavigate } from "react-router";
import { api, unwrap } from "../../api/client";
import { describeError } from "../../api/errors";
import type { Task } from "../../api/types";
import { TaskActionsMenu } from "../../components/actions/TaskActionsMenu";
import { useDebounced } from "../../components/common/useDebounced";
import { PreviewImage } from "../../components/common/PreviewImage";
import { jobsProgress, STATUS_COLORS } from "../tasks/taskFacts";

const PAGE_SIZE = 10;

export function projectTasksKey(projectId: number) {
  return ["tasks", "of-project", projectId] as const;
}

export function ProjectTasks({ projectId, onChanged }: { projectId: number; onChanged: () => void }) {
  const navigate = useNavigate();
  const [search, setSearch] = useState("");
  const [page, setPage] = useState(1);
  const term = useDebounced(search, 300);
  const tasks = useQuery({
    queryKey: [...projectTasksKey(projectId), term, page],
    placeholderData: keepPreviousData,
    queryFn: () =>
      unwrap(
        api.GET("/api/tasks", {
          params: { query: { project_id: projectId, search: term || undefined, page, page_size: PAGE_SIZE, sort: "-id" } },
        }),
      ),
  });

  function changed() {
    void tasks.refetch();
    onChanged();
  }

  const createTask = (
    <Button type="primary" icon={<PlusOutlined />} onClick={() => void navigate(`/tasks/create?projectId=${projectId}`)}>
      Create task
    </Button>
  );

  return (
    <Card
      title={`Tasks${tasks.data ? ` (${tasks.data.count})` : ""}`}
      extra={
        <Space>
          <Input
            allowClear
            prefix={<SearchOutlined />}
            placeholder="Search tasks"
            style={{ width: 240 }}
            onChange={(event) => {
              setSearch(event.target.value);
              setPage(1);
            }}
            aria-label="Search tasks of the project"
          />
          {createTask}
        </Space>
      }
    >
      {tasks.isError && <Alert type="error" showIcon title="The tasks could not be loaded" description={describeError(tasks.error)} />}
      {tasks.isPending && <Skeleton active paragraph={{ rows: 3 }} />}
      {tasks.data && tasks.data.results.length === 0 && (
        <Empty description={search ? "No task matches the search." : "No tasks in this project yet."}>
          {!search && createTask}
        </Empty>
      )}
      <Flex vertical>
        {(tasks.data?.results ?? []).map((task) => (
          <ProjectTaskRow key={task.id} task={task} onChanged={changed} />
        ))}
      </Flex>
      {tasks.data && tasks.data.count > PAGE_SIZE && (
        <Flex justify="flex-end" style={{ marginTop: 16 }}>
          <Pagination current={page} pageSize={PAGE_SIZE} total={tasks.data.count} onChange={setPage} showSizeChanger={false} />
        </Flex>
      )}
    </Card>
  );
}

function ProjectTaskRow({ task, onChanged }: { task: Task; onChanged: () => void }) {
  const progress = jobsProgress(task.jobs);
  return (
    <div style={{ padding: "12px 0", borderBottom: "1px solid #f0f0f0" }} data-testid={`project-task-${task.id}`}>
      <Flex gap={16} align="center" style={{ width: "100%" }}>
        <PreviewImage src={`/api/tasks/${task.id}/preview`} alt={`Preview of ${task.name}`} width={96} height={64} framed />
        <Flex vertical style={{ flex: 1, minWidth: 0 }}>
          <Link to={`/tasks/${task.id}`}>
            <Typography.Text strong ellipsis>
              #{task.id}: {task.name}
            </Typography.Text>
          </Link>
          <Space size={6} wrap>
            <Tag color={STATUS_COLORS[task.status] ?? "default"}>{task.status}</Tag>
            {task.subset && <Tag>{task.subset}</Tag>}
            <Typography.Text type="secondary">
              by {task.owner?.username ?? "a deleted user"} · updated {dayjs(task.updated_date).format("MMM D, YYYY")}
            </Typography.Text>
          </Space>
        </Flex>
        <Flex vertical style={{ width: 200 }}>
          <Progress percent={progress.percent} size="small" />
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {progress.text}
          </Typography.Text>
        </Flex>
        <Space>
          <Link to={`/tasks/${task.id}`}>
            <Button>Open</Button>
          </Link>
          <TaskActionsMenu task={task} onChanged={onChanged} />
        </Space>
      </Flex>
    </div>
  );
}
