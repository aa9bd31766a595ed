// The Tasks page: every task the user may see, searched, sorted and filtered through the URL.
import { PlusOutlined } from "@ant-design/icons";
import { Card, Skeleton, Tag } from "antd";
import { useCallback } from "react";
import { useSearchParams } from "react-router";
import { api, unwrap } from "../../api/client";
import type { Page, Task } from "../../api/types";
import { LinkButton } from "../../components/listing/LinkButton";
import { ListPage } from "../../components/listing/ListPage";
import type { ServerListQuery } from "../../components/listing/listState";
import { useListQuery } from "../../components/listing/useListQuery";
import { useListState } from "../../components/listing/useListState";
import { TASK_LIST } from "./taskListConfig";
import { TaskRow } from "./TaskRow";

function TaskSkeletons() {
  return (
    <div data-testid="list-loading">
      {[0, 1, 2].map((key) => (
        <Card key={key} className="task-row" size="small">
          <Skeleton.Node active style={{ width: 128, height: 80 }} />
          <Skeleton active title={{ width: "40%" }} paragraph={{ rows: 2 }} style={{ flex: 1 }} />
        </Card>
      ))}
    </div>
  );
}

function CreateTaskButton() {
  return (
    <LinkButton to="/tasks/create" type="primary" icon={<PlusOutlined />} data-testid="create-task">
      Create new task
    </LinkButton>
  );
}

/** `?project_id=` narrows the list to one project's tasks (the project page links here). */
function useProjectScope(): number | undefined {
  const [params] = useSearchParams();
  const raw = params.get("project_id");
  return raw && /^\d+$/.test(raw) ? Number(raw) : undefined;
}

export function TasksPage() {
  const controls = useListState(TASK_LIST.defaults);
  const projectId = useProjectScope();
  const [, setParams] = useSearchParams();
  const fetchPage = useCallback(
    (query: ServerListQuery): Promise<Page<Task>> =>
      unwrap(api.GET("/api/tasks", { params: { query: { ...query, project_id: projectId } } })),
    [projectId],
  );
  const tasks = useListQuery(TASK_LIST, controls, fetchPage, { projectId });
  const refetch = () => void tasks.refetch();

  return (
    <ListPage
      title="Tasks"
      testId="tasks-page"
      config={TASK_LIST}
      controls={controls}
      list={tasks}
      action={<CreateTaskButton />}
      scope={
        projectId !== undefined && (
          <div className="list-active-filters">
            <Tag
              closable
              color="gold"
              onClose={() =>
                setParams((current) => {
                  const next = new URLSearchParams(current);
                  next.delete("project_id");
                  return next;
                })
              }
            >
              Project #{projectId}
            </Tag>
          </div>
        )
      }
      emptyAction={<CreateTaskButton />}
      skeleton={<TaskSkeletons />}
    >
      {(items) => (
        <div data-testid="task-list">
          {items.map((task) => (
            <TaskRow key={task.id} task={task} onChanged={refetch} />
          ))}
        </div>
      )}
    </ListPage>
  );
}
