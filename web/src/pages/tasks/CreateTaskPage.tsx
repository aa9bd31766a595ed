// Create a task: name, project or labels, media from one source, advanced configuration; then
// "Submit & Open" (go to the task) or "Submit & Continue" (a fresh form keeping the settings).
import { ArrowLeftOutlined, CheckOutlined, PlusOutlined } from "@ant-design/icons";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Alert, App, AutoComplete, Button, Card, Collapse, Form, Input, Space, Typography } from "antd";
import { useRef, useState } from "react";
import { Link, useNavigate, useSearchParams } from "react-router";
import { describeError } from "../../api/errors";
import type { Project } from "../../api/types";
import { checkSelection, emptySelection } from "../../components/files/fileSelection";
import type { LocalFile } from "../../components/files/localFiles";
import { MediaSourceTabs, type TaskMediaSelection } from "../../components/files/MediaSourceTabs";
import type { LabelDraft } from "../../components/labels/labelDraft";
import { createRequests, labelsFromServer } from "../../components/labels/labelRequests";
import { fetchLabelSet, labelSetQueryKey } from "../../components/labels/labelsApi";
import { LabelList } from "../../components/labels/LabelList";
import { LabelsEditor } from "../../components/labels/LabelsEditor";
import { AdvancedTaskOptions } from "./AdvancedTaskOptions";
import { createTaskWithData, deleteTask, TaskCreationCancelled, TaskCreationError } from "./createTaskFlow";
import { checkAdvanced, dataParams, DEFAULT_ADVANCED, taskRequestBody, uploadFiles, type AdvancedOptions } from "./taskForm";
import { TaskCreationProgress, type CreationState } from "./TaskCreationProgress";
import { TaskProjectField } from "./TaskProjectField";

const COMMON_SUBSETS = ["Train", "Test", "Validation"];

function initialProjectId(params: URLSearchParams): number | null {
  const raw = params.get("projectId") ?? params.get("project_id");
  const id = raw ? Number(raw) : NaN;
  return Number.isInteger(id) && id > 0 ? id : null;
}

function ProjectLabels({ projectId }: { projectId: number }) {
  const labels = useQuery({
    queryKey: labelSetQueryKey("project", projectId),
    queryFn: async () => labelsFromServer(await fetchLabelSet("project", projectId)),
  });
  if (labels.isError) return <Alert type="error" showIcon title="The project's labels could not be loaded" description={describeError(labels.error)} />;
  return (
    <Space orientation="vertical" style={{ width: "100%" }}>
      <Typography.Text type="secondary">The task uses the labels of its project.</Typography.Text>
      {labels.isPending ? <Typography.Text type="secondary">Loading labels…</Typography.Text> : <LabelList labels={labels.data} emptyText="The project has no labels yet" />}
    </Space>
  );
}

export function CreateTaskPage() {
  const { message, modal, notification } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [searchParams] = useSearchParams();
  const [name, setName] = useState("");
  const [projectId, setProjectId] = useState<number | null>(() => initialProjectId(searchParams));
  const [project, setProject] = useState<Project | null>(null);
  const [subset, setSubset] = useState("");
  const [labels, setLabels] = useState<LabelDraft[]>([]);
  const [selection, setSelection] = useState<TaskMediaSelection>(() => emptySelection<LocalFile>());
  const [advanced, setAdvanced] = useState<AdvancedOptions>(DEFAULT_ADVANCED);
  const [attempted, setAttempted] = useState(false);
  const [editingLabel, setEditingLabel] = useState(false);
  const [creation, setCreation] = useState<CreationState | null>(null);
  const [deleting, setDeleting] = useState(false);
  // Aborts the running creation's transfer (Cancel upload).
  const creationAbort = useRef<AbortController | null>(null);
  // Remounts the file pickers so they forget their state on "Submit & Continue".
  const [formGeneration, setFormGeneration] = useState(0);

  const running = creation?.status === "running";
  const advancedIssues = checkAdvanced(advanced);
  const problems = {
    name: name.trim() ? null : "Give the task a name.",
    labels:
      projectId === null && editingLabel
        ? "Finish the open label first: press Done or Cancel."
        : projectId === null && labels.length === 0
          ? "Add at least one label, or choose a project."
          : null,
    files: checkSelection(selection),
    advanced: Object.keys(advancedIssues).length ? "Fix the advanced configuration." : null,
  };
  const shown = (key: keyof typeof problems) => (attempted ? problems[key] : null);

  const choose = (next: Project | null) => {
    if ((next?.id ?? null) !== projectId) setSubset("");
    setProject(next);
    setProjectId(next?.id ?? null);
  };

  const submit = async (then: "open" | "continue") => {
    setAttempted(true);
    const first = Object.values(problems).find(Boolean);
    if (first) {
      message.error(first);
      return;
    }
    const files = uploadFiles(selection);
    const hasUpload = files.length > 0;
    setCreation({ status: "running", stage: { stage: "task" }, hasUpload });
    const abort = new AbortController();
    creationAbort.current = abort;
    try {
      const task = await createTaskWithData(
        {
          body: taskRequestBody({ name, projectId, subset }, advanced, createRequests(labels)),
          files,
          params: dataParams(advanced, selection),
        },
        (stage) => setCreation({ status: "running", stage, hasUpload }),
        abort.signal,
      );
      await queryClient.invalidateQueries({ queryKey: ["tasks"] });
      if (then === "open") {
        message.success(`Task "${task.name}" created.`);
        navigate(`/tasks/${task.id}`);
        return;
      }
      notification.success({
        title: `Task "${task.name}" created`,
        // Notifications render outside the router, so the link navigates by hand.
        description: (
          <Button type="link" style={{ padding: 0 }} onClick={() => navigate(`/tasks/${task.id}`)}>
            Open task #{task.id}
          </Button>
        ),
      });
      setName("");
      setSelection(emptySelection<LocalFile>());
      setAttempted(false);
      setCreation(null);
      setFormGeneration((n) => n + 1);
    } catch (error) {
      if (error instanceof TaskCreationCancelled && !error.deleteError) {
        message.info(`Upload cancelled; task #${error.taskId} was deleted.`);
        setCreation(null);
        return;
      }
      const taskId = error instanceof TaskCreationError || error instanceof TaskCreationCancelled ? error.taskId : null;
      setCreation((state) => ({
        status: "failed",
        message: describeError(error),
        taskId,
        stage: state?.stage ?? { stage: "task" },
        hasUpload,
      }));
    } finally {
      if (creationAbort.current === abort) creationAbort.current = null;
    }
  };

  const confirmCancelUpload = () => {
    const taskId = creation?.stage.stage === "upload" ? creation.stage.taskId : null;
    modal.confirm({
      title: "Cancel the upload?",
      content: `The transfer stops and task${taskId !== null ? ` #${taskId}` : ""} is deleted with the files sent so far.`,
      okText: "Cancel upload",
      okButtonProps: { danger: true },
      cancelText: "Keep uploading",
      onOk: () => creationAbort.current?.abort(),
    });
  };

  const removeHalfMadeTask = async (taskId: number) => {
    setDeleting(true);
    try {
      await deleteTask(taskId);
      message.success("The unfinished task was deleted.");
      setCreation(null);
    } catch (error) {
      notification.error({ title: "The task was not deleted", description: describeError(error) });
    } finally {
      setDeleting(false);
    }
  };

  const subsetOptions = [...new Set([...COMMON_SUBSETS, ...(project?.task_subsets ?? [])])].map((s) => ({ value: s }));

  return (
    <div className="page" data-testid="create-task-page">
      <Space orientation="vertical" size={16} style={{ width: "100%" }}>
        <div>
          <Link to="/tasks">
            <ArrowLeftOutlined /> Tasks
          </Link>
          <Typography.Title level={3} style={{ margin: "8px 0 0" }}>
            Create a new task
          </Typography.Title>
        </div>
        <Form layout="vertical" component="div" disabled={running}>
          <Card title="Basic configuration" style={{ marginBottom: 16 }}>
            <Form.Item label="Name" htmlFor="task-name" required validateStatus={shown("name") ? "error" : undefined} help={shown("name")}>
              <Input id="task-name" placeholder="Task name" value={name} onChange={(e) => setName(e.target.value)} maxLength={256} />
            </Form.Item>
            <Form.Item label="Project">
              <TaskProjectField value={projectId} onChange={choose} disabled={running} />
            </Form.Item>
            {projectId !== null && (
              <Form.Item label="Subset" htmlFor="task-subset">
                <AutoComplete
                  id="task-subset"
                  value={subset}
                  options={subsetOptions}
                  onChange={setSubset}
                  placeholder="No subset (e.g. Train, Test)"
                  allowClear
                />
              </Form.Item>
            )}
            <Form.Item
              label="Labels"
              required={projectId === null}
              validateStatus={shown("labels") ? "error" : undefined}
              help={shown("labels")}
              style={{ marginBottom: 0 }}
            >
              {projectId !== null ? (
                <ProjectLabels projectId={projectId} />
              ) : (
                <LabelsEditor value={labels} onChange={setLabels} onEditingChange={setEditingLabel} disabled={running} />
              )}
            </Form.Item>
          </Card>
          <Card title="Select files" style={{ marginBottom: 16 }}>
            <MediaSourceTabs key={formGeneration} value={selection} onChange={setSelection} disabled={running} />
            {shown("files") && <Alert style={{ marginTop: 12 }} type="error" showIcon title={shown("files")} />}
          </Card>
          <Collapse
            style={{ marginBottom: 16, background: "#fff" }}
            items={[
              {
                key: "advanced",
                label: "Advanced configuration",
                forceRender: true,
                children: (
                  <AdvancedTaskOptions
                    value={advanced}
                    onChange={setAdvanced}
                    issues={advancedIssues}
                    fromShare={selection.source === "share"}
                    disabled={running}
                  />
                ),
              },
            ]}
          />
        </Form>
        {creation && (
          <TaskCreationProgress
            state={creation}
            onDeleteTask={(id) => void removeHalfMadeTask(id)}
            deleting={deleting}
            onCancelUpload={confirmCancelUpload}
          />
        )}
        <Space>
          <Button type="primary" size="large" icon={<CheckOutlined />} loading={running} onClick={() => void submit("open")}>
            Submit &amp; Open
          </Button>
          <Button size="large" icon={<PlusOutlined />} disabled={running} onClick={() => void submit("continue")}>
            Submit &amp; Continue
          </Button>
        </Space>
      </Space>
    </div>
  );
}
