// "Move to project": pick a project; the task's labels are shown against the project's (matched
// by name, as the server does) and the move waits until every one has its counterpart.
import { ArrowRightOutlined, CheckCircleTwoTone, WarningTwoTone } from "@ant-design/icons";
import { useQuery } from "@tanstack/react-query";
import { Alert, App, Empty, Form, Modal, Select, Table, Tag, Typography } from "antd";
import { useMemo, useState } from "react";
import { api, unwrap } from "../../api/client";
import { describeError } from "../../api/errors";
import type { Label, Task } from "../../api/types";
import { matchLabels, moveBlocker, type LabelMatch } from "./labelMatching";

export interface MoveToProjectModalProps {
  task: Task;
  open: boolean;
  onClose: () => void;
  onMoved?: () => void;
}

function useLabels(owner: { task_id: number } | { project_id: number } | null) {
  return useQuery({
    queryKey: ["labels", "move", owner],
    enabled: owner !== null,
    queryFn: async () =>
      (await unwrap(api.GET("/api/labels", { params: { query: { ...owner, page_size: 1000 } } }))).results,
  });
}

export function MoveToProjectModal({ task, open, onClose, onMoved }: MoveToProjectModalProps) {
  const { message } = App.useApp();
  const [search, setSearch] = useState("");
  const [projectId, setProjectId] = useState<number | null>(null);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const projects = useQuery({
    queryKey: ["projects", "move-choices", search],
    enabled: open,
    queryFn: () =>
      unwrap(api.GET("/api/projects", { params: { query: { search: search || undefined, page_size: 20, sort: "name" } } })),
  });
  const taskLabels = useLabels(open ? { task_id: task.id } : null);
  const projectLabels = useLabels(projectId !== null ? { project_id: projectId } : null);

  const matches = useMemo(
    () => (projectLabels.data ? matchLabels(taskLabels.data ?? [], projectLabels.data) : []),
    [taskLabels.data, projectLabels.data],
  );
  const blocker = projectLabels.data ? moveBlocker(matches) : null;

  async function move() {
    if (projectId === null) return;
    setSaving(true);
    setError(null);
    try {
      await unwrap(api.PATCH("/api/tasks/{task_id}", { params: { path: { task_id: task.id } }, body: { project_id: projectId } }));
      message.success(`Task #${task.id} moved to the project.`);
      setProjectId(null);
      onMoved?.();
      onClose();
    } catch (failure) {
      setError(describeError(failure));
    } finally {
      setSaving(false);
    }
  }

  return (
    <Modal
      open={open}
      title={`Move task #${task.id} to a project`}
      okText="Move"
      onOk={move}
      onCancel={onClose}
      okButtonProps={{ disabled: projectId === null || blocker !== null || projectLabels.isPending, loading: saving }}
      width={600}
    >
      <Typography.Paragraph type="secondary">
        The task takes the project's labels; its own are replaced by the project's labels of the same name.
      </Typography.Paragraph>
      <Form layout="vertical">
        <Form.Item label="Project" required>
          <Select<number>
            showSearch={{ filterOption: false, onSearch: setSearch }}
            value={projectId ?? undefined}
            onChange={(value) => {
              setProjectId(value);
              setError(null);
            }}
            placeholder="Search projects by name"
            loading={projects.isFetching}
            options={(projects.data?.results ?? []).map((p) => ({ value: p.id, label: `#${p.id}: ${p.name}` }))}
            notFoundContent={projects.isFetching ? undefined : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="No projects" />}
            data-testid="move-project-select"
          />
        </Form.Item>
      </Form>
      {projects.isError && <Alert type="error" showIcon title={describeError(projects.error)} />}
      {projectId !== null && (
        <Table<LabelMatch<Label>>
          size="small"
          rowKey={(row) => row.taskLabel.id}
          loading={projectLabels.isPending || taskLabels.isPending}
          pagination={false}
          dataSource={matches}
          locale={{ emptyText: "The task has no labels of its own." }}
          columns={[
            {
              title: "Task label",
              render: (_, row) => <Tag color={row.taskLabel.color || undefined}>{row.taskLabel.name}</Tag>,
            },
            { title: "", width: 32, render: () => <ArrowRightOutlined /> },
            {
              title: "Project label",
              render: (_, row) =>
                row.projectLabel ? (
                  <span>
                    <CheckCircleTwoTone twoToneColor="#52c41a" /> <Tag color={row.projectLabel.color || undefined}>{row.projectLabel.name}</Tag>
                  </span>
                ) : (
                  <span>
                    <WarningTwoTone twoToneColor="#faad14" /> <Typography.Text type="warning">no label of this name</Typography.Text>
                  </span>
                ),
            },
          ]}
        />
      )}
      {blocker && <Alert type="warning" showIcon style={{ marginTop: 16 }} title={blocker} />}
      {error && <Alert type="error" showIcon style={{ marginTop: 16 }} title={error} data-testid="move-error" />}
    </Modal>
  );
}
