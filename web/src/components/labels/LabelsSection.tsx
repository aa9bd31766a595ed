// The labels of a project or task, edited in place: every accepted change is saved at once with
// a CVAT-style PATCH, and deleting a label (with its annotations) asks first.
import { LinkOutlined } from "@ant-design/icons";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Alert, App, Flex, Skeleton as Placeholder, Spin } from "antd";
import { Link } from "react-router";
import { api, unwrap } from "../../api/client";
import { describeError } from "../../api/errors";
import type { LabelDraft } from "./labelDraft";
import { labelsFromServer, patchRequests, removedLabels } from "./labelRequests";
import { fetchLabelSet, labelSetQueryKey, saveLabelPatch } from "./labelsApi";
import { LabelList } from "./LabelList";
import { LabelsEditor } from "./LabelsEditor";
import "./labels.css";

export interface LabelsSectionProps {
  kind: "project" | "task";
  id: number;
  /** True for a task inside a project: its labels are the project's and are edited there. */
  readOnly?: boolean;
}

function ProjectLink({ taskId }: { taskId: number }) {
  const task = useQuery({
    queryKey: ["task", taskId],
    queryFn: () => unwrap(api.GET("/api/tasks/{task_id}", { params: { path: { task_id: taskId } } })),
  });
  const projectId = task.data?.project_id;
  return (
    <Alert
      type="info"
      showIcon
      title={
        projectId ? (
          <span>
            These labels belong to the project.{" "}
            <Link to={`/projects/${projectId}`}>
              <LinkOutlined /> Edit them on the project page
            </Link>
          </span>
        ) : (
          "These labels belong to the task's project and are edited there."
        )
      }
    />
  );
}

export function LabelsSection({ kind, id, readOnly }: LabelsSectionProps) {
  const { modal, message, notification } = App.useApp();
  const queryClient = useQueryClient();
  const key = labelSetQueryKey(kind, id);
  const labels = useQuery({
    queryKey: key,
    queryFn: async () => labelsFromServer(await fetchLabelSet(kind, id)),
  });

  if (labels.isPending) return <Placeholder active paragraph={{ rows: 2 }} />;
  if (labels.isError) {
    return <Alert type="error" showIcon title="The labels could not be loaded" description={describeError(labels.error)} />;
  }
  const saved = labels.data;

  if (readOnly) {
    return (
      <Flex vertical gap={12} data-testid="labels-section">
        {kind === "task" && <ProjectLink taskId={id} />}
        <LabelList labels={saved} />
      </Flex>
    );
  }

  const confirmRemoval = (removed: LabelDraft[]) =>
    new Promise<boolean>((resolve) => {
      const names = removed.map((l) => `"${l.name}"`).join(", ");
      modal.confirm({
        title: removed.length === 1 ? `Delete the label ${names}?` : `Delete the labels ${names}?`,
        content: "Every annotation made with these labels is deleted with them. This cannot be undone.",
        okText: "Delete",
        okButtonProps: { danger: true },
        onOk: () => resolve(true),
        onCancel: () => resolve(false),
      });
    });

  const save = async (next: LabelDraft[]): Promise<boolean> => {
    const requests = patchRequests(saved, next);
    if (requests.length === 0) return true;
    const removed = removedLabels(saved, next);
    if (removed.length > 0 && !(await confirmRemoval(removed))) return false;
    try {
      await saveLabelPatch(kind, id, requests);
    } catch (error) {
      notification.error({ title: "The labels were not saved", description: describeError(error) });
      return false;
    }
    await queryClient.invalidateQueries({ queryKey: key });
    await queryClient.invalidateQueries({ queryKey: [kind, id] });
    message.success("Labels saved.");
    return true;
  };

  return (
    <div data-testid="labels-section">
      <Spin spinning={labels.isFetching && !labels.isPending} delay={300}>
        <LabelsEditor value={saved} onChange={save} />
      </Spin>
    </div>
  );
}
