// Where task creation stands: the three steps, a progress bar for the current one, and on
// failure the server's words with the choice to delete the half-made task. While files travel,
// the bytes sent so far and a Cancel upload button.
import { DeleteOutlined, ExportOutlined, StopOutlined } from "@ant-design/icons";
import { Alert, Button, Card, Flex, Progress, Space, Steps } from "antd";
import { Link } from "react-router";
import { formatBytes } from "../../components/files/fileSelection";
import type { CreationStage } from "./createTaskFlow";

export type CreationState =
  | { status: "running"; stage: CreationStage; hasUpload: boolean }
  | { status: "failed"; message: string; taskId: number | null; stage: CreationStage; hasUpload: boolean };

interface TaskCreationProgressProps {
  state: CreationState;
  onDeleteTask: (taskId: number) => void;
  deleting: boolean;
  /** Asks to stop the upload (the page confirms first); shown while files travel. */
  onCancelUpload?: () => void;
}

const STEP_INDEX: Record<CreationStage["stage"], number> = { task: 0, upload: 1, processing: 2 };

function describe(stage: CreationStage): { text: string; percent: number } {
  switch (stage.stage) {
    case "task":
      return { text: "Creating the task…", percent: 0 };
    case "upload":
      return {
        text: `Uploading… ${stage.percent}% (${formatBytes(stage.loaded)} of ${formatBytes(stage.total)})`,
        percent: stage.percent,
      };
    case "processing":
      return { text: `Creating task… ${stage.message}`, percent: stage.percent };
  }
}

export function TaskCreationProgress({ state, onDeleteTask, deleting, onCancelUpload }: TaskCreationProgressProps) {
  const current = STEP_INDEX[state.stage.stage];
  const { text, percent } = describe(state.stage);
  const failed = state.status === "failed";
  const uploading = !failed && state.stage.stage === "upload";
  return (
    <div data-testid="task-creation-progress">
    <Card size="small">
      <Steps
        size="small"
        current={current}
        status={failed ? "error" : "process"}
        items={[
          { title: "Task" },
          { title: state.hasUpload ? "Upload files" : "Send sources" },
          { title: "Prepare media" },
        ]}
        style={{ marginBottom: 16 }}
      />
      {!failed && (
        <>
          <Flex justify="space-between" align="center" gap={16}>
            <div data-testid="task-creation-status">{text}</div>
            {uploading && onCancelUpload && (
              <Button size="small" icon={<StopOutlined />} onClick={onCancelUpload} data-testid="cancel-upload">
                Cancel upload
              </Button>
            )}
          </Flex>
          <Progress percent={percent} status="active" />
        </>
      )}
      {failed && (
        <Alert
          type="error"
          showIcon
          title="The task could not be created"
          description={state.message}
          action={
            state.taskId !== null && (
              <Space orientation="vertical">
                <Button danger size="small" icon={<DeleteOutlined />} loading={deleting} onClick={() => onDeleteTask(state.taskId!)}>
                  Delete the task
                </Button>
                <Link to={`/tasks/${state.taskId}`}>
                  <Button size="small" icon={<ExportOutlined />}>
                    Open the task
                  </Button>
                </Link>
              </Space>
            )
          }
        />
      )}
    </Card>
    </div>
  );
}
