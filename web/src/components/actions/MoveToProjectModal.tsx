// "Move to project": pick a project (any but the task's own), then the project label each task
// label becomes. Picks default to the label of the same name; the move waits until every task
// label has one, and sends the picks that differ by name as the server's rename mapping.
import { ArrowRightOutlined, CheckCircleTwoTone, SwapOutlined, WarningTwoTone } from "@ant-design/icons";
import { useQuery } from "@tanstack/react-query";
import { Alert, App, Empty, Flex, Form, Modal, Select, Space, Table, Tag, Tooltip, Typography } from "antd";
import { useMemo, useState } from "react";
import { api, unwrap } from "../../api/client";
import { describeError } from "../../api/errors";
import type { Label, Project, Task } from "../../api/types";
import {
  defaultChoices,
  droppedAttributes,
  incompatibility,
  matchLabels,
  moveBlocker,
  projectMismatch,
  renameMapping,
  type LabelChoices,
  type LabelMatch,
} from "./labelMatching";

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

function LabelTag({ label }: { label: Pick<Label, "name" | "color"> }) {
  return <Tag color={label.color || undefined}>{label.name}</Tag>;
}

function projectOption(task: Task, project: Project) {
  const mismatch = projectMismatch(task, project);
  return {
    value: project.id,
    label: `#${project.id}: ${project.name}`,
    disabled: mismatch !== null,
    title: mismatch ?? undefined,
  };
}

/** The status of one row: same name, mapped onto another name, or still to pick. */
function MatchStatus({ match }: { match: LabelMatch<Label> }) {
  if (match.projectLabel === null) {
    return (
      <Tooltip title="Pick a project label">
        <WarningTwoTone twoToneColor="#faad14" aria-label="to pick" />
      </Tooltip>
    );
  }
  if (match.projectLabel.name !== match.taskLabel.name) {
    return (
      <Tooltip title="Renamed on the way">
        <SwapOutlined style={{ color: "#1677ff" }} aria-label="renamed" />
      </Tooltip>
    );
  }
  return (
    <Tooltip title="Same name">
      <CheckCircleTwoTone twoToneColor="#52c41a" aria-label="same name" />
    </Tooltip>
  );
}

export function MoveToProjectModal({ task, open, onClose, onMoved }: MoveToProjectModalProps) {
  const { message } = App.useApp();
  const [search, setSearch] = useState("");
  const [projectId, setProjectId] = useState<number | null>(null);
  // The user's picks for the chosen project, over the by-name defaults.
  const [picks, setPicks] = useState<LabelChoices>({});
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

  const choices = useMemo(
    () => ({ ...defaultChoices(taskLabels.data ?? [], projectLabels.data ?? []), ...picks }),
    [taskLabels.data, projectLabels.data, picks],
  );
  const matches = useMemo(
    () => (projectLabels.data ? matchLabels(taskLabels.data ?? [], projectLabels.data, choices) : []),
    [taskLabels.data, projectLabels.data, choices],
  );
  const labelsReady = taskLabels.isSuccess && projectLabels.isSuccess;
  const blocker = labelsReady ? moveBlocker(matches) : null;
  const choosable = (projects.data?.results ?? []).filter((project) => project.id !== task.project_id);

  function chooseProject(id: number) {
    setProjectId(id);
    setPicks({});
    setError(null);
  }

  function reset() {
    setProjectId(null);
    setPicks({});
    setSearch("");
    setError(null);
  }

  async function move() {
    if (projectId === null) return;
    setSaving(true);
    setError(null);
    // The generated request type wants `deleted` on every label entry; the server ignores false.
    const labels = renameMapping(matches).map((rename) => ({ ...rename, deleted: false }));
    try {
      await unwrap(
        api.PATCH("/api/tasks/{task_id}", {
          params: { path: { task_id: task.id } },
          body: labels.length > 0 ? { project_id: projectId, labels } : { project_id: projectId },
        }),
      );
      const name = choosable.find((project) => project.id === projectId)?.name;
      message.success(`Task #${task.id} moved to the project${name ? ` “${name}”` : ""}.`);
      onMoved?.();
      onClose();
    } catch (failure) {
      setError(describeError(failure));
    } finally {
      setSaving(false);
    }
  }

  const explanation =
    task.project_id != null
      ? `The task leaves “${task.project_name ?? `project #${task.project_id}`}”, which keeps its labels. Each annotation moves onto the project label picked for its label.`
      : "The task's own labels are replaced by the project's. Each annotation moves onto the project label picked for its label.";

  return (
    <Modal
      open={open}
      title={`Move task #${task.id} to a project`}
      okText="Move"
      onOk={move}
      onCancel={onClose}
      afterClose={reset}
      okButtonProps={{ disabled: projectId === null || !labelsReady || blocker !== null, loading: saving }}
      width={680}
    >
      <Typography.Paragraph type="secondary">{explanation}</Typography.Paragraph>
      <Form layout="vertical">
        <Form.Item label="Project" required>
          <Select<number>
            showSearch={{ filterOption: false, onSearch: setSearch }}
            value={projectId ?? undefined}
            onChange={chooseProject}
            placeholder="Search projects by name"
            loading={projects.isFetching}
            options={choosable.map((project) => projectOption(task, project))}
            optionRender={(option) => (
              <Flex justify="space-between" gap={8}>
                <span>{option.label}</span>
                {option.data.title && <Typography.Text type="secondary">{option.data.title}</Typography.Text>}
              </Flex>
            )}
            notFoundContent={projects.isFetching ? undefined : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="No other projects" />}
            data-testid="move-project-select"
          />
        </Form.Item>
      </Form>
      {projects.isError && <Alert type="error" showIcon title={describeError(projects.error)} />}
      {(taskLabels.isError || projectLabels.isError) && (
        <Alert type="error" showIcon title={describeError(taskLabels.error ?? projectLabels.error)} style={{ marginBottom: 16 }} />
      )}
      {projectId !== null && (
        <Table<LabelMatch<Label>>
          size="small"
          rowKey={(row) => row.taskLabel.id}
          loading={projectLabels.isPending || taskLabels.isPending}
          pagination={false}
          dataSource={matches}
          locale={{ emptyText: "The task has no labels." }}
          data-testid="move-label-table"
          columns={[
            { title: "Task label", width: "35%", render: (_, row) => <LabelTag label={row.taskLabel} /> },
            { title: "", width: 32, render: () => <ArrowRightOutlined style={{ color: "#8c8c8c" }} /> },
            {
              title: "Project label",
              render: (_, row) => {
                const dropped = row.projectLabel ? droppedAttributes(row.taskLabel, row.projectLabel) : [];
                return (
                  <Space orientation="vertical" size={2} style={{ width: "100%" }}>
                    <Select<number>
                      style={{ width: "100%" }}
                      value={row.projectLabel?.id}
                      status={row.projectLabel ? undefined : "warning"}
                      placeholder="Pick a project label"
                      showSearch={{ optionFilterProp: "label" }}
                      onChange={(value) => setPicks((current) => ({ ...current, [row.taskLabel.id]: value }))}
                      options={(projectLabels.data ?? []).map((label) => {
                        const reason = incompatibility(row.taskLabel, label);
                        return { value: label.id, label: label.name, disabled: reason !== null, title: reason ?? undefined, color: label.color };
                      })}
                      optionRender={(option) => (
                        <Flex justify="space-between" gap={8}>
                          <Space size={6}>
                            <span style={{ display: "inline-block", width: 10, height: 10, borderRadius: 2, background: option.data.color }} />
                            {option.label}
                          </Space>
                          {option.data.title && <Typography.Text type="secondary">{option.data.title}</Typography.Text>}
                        </Flex>
                      )}
                      data-testid={`move-label-${row.taskLabel.name}`}
                    />
                    {dropped.length > 0 && (
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        Values of {dropped.map((name) => `“${name}”`).join(", ")} will be dropped: the project label has no attribute of that name.
                      </Typography.Text>
                    )}
                  </Space>
                );
              },
            },
            { title: "", width: 40, align: "center", render: (_, row) => <MatchStatus match={row} /> },
          ]}
        />
      )}
      {blocker && <Alert type="warning" showIcon style={{ marginTop: 16 }} title={blocker} data-testid="move-blocker" />}
      {error && <Alert type="error" showIcon style={{ marginTop: 16 }} title={error} data-testid="move-error" />}
    </Modal>
  );
}
