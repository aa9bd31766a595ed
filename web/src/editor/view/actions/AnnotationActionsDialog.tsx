// The "Run actions" dialog (Menu → Run actions, Ctrl+E), as CVAT's: pick an action, the frames to
// run it on (a range, or a predefined choice), then Run; a progress bar and Cancel while it runs.
// It only shows and asks: the run itself is useAnnotationActions' (and the engine's).
import { Alert, Button, Form, InputNumber, Modal, Progress, Radio, Select, Space, Typography } from "antd";
import { useEffect, useState } from "react";
import { ACTION_CHOICES, type ActionChoice, type RunProgress } from "../../engine/annotationActions";

/** What the dialog says about which shapes an action takes. */
export interface ActionTargets {
  /** The active filter in words; "" when there is none. */
  readonly filterSummary: string;
  /** Why the filter cannot be used (it does not evaluate); then filtered actions cannot run. */
  readonly filterProblem: string | null;
  /** How many shapes propagation would copy, and whether they are the selected ones. */
  readonly propagation: { readonly count: number; readonly selected: boolean };
}

export interface AnnotationActionsDialogProps {
  open: boolean;
  frame: number;
  startFrame: number;
  stopFrame: number;
  targets: ActionTargets;
  /** The run under way, or null. */
  progress: RunProgress | null;
  /** Why the last run changed nothing (it failed, or the annotations changed meanwhile). */
  error: string | null;
  onRun: (choice: ActionChoice, from: number, to: number) => void;
  /** Closes the dialog, or cancels the run under way. */
  onCancel: () => void;
}

type Preset = "current" | "onwards" | "job";

function defaultPreset(choice: ActionChoice): Preset {
  // CVAT's propagation targets the job's last frame by default.
  return choice.copiesFromFrame ? "onwards" : "job";
}

function presetRange(preset: Preset, frame: number, startFrame: number, stopFrame: number): [number, number] {
  if (preset === "current") return [frame, frame];
  if (preset === "onwards") return [frame, stopFrame];
  return [startFrame, stopFrame];
}

function TargetsNote({ choice, frame, targets }: { choice: ActionChoice; frame: number; targets: ActionTargets }) {
  if (targets.filterProblem !== null && choice.usesFilter) {
    return <Alert type="error" showIcon title={`The filter cannot be used: ${targets.filterProblem} Change or clear it first.`} />;
  }
  const { count, selected } = targets.propagation;
  if (choice.copiesFromFrame) {
    const filtered = !selected && targets.filterSummary !== "";
    const which = selected ? "selected " : filtered ? "filtered " : "";
    const text =
      count === 0
        ? `Frame ${frame} has no ${which}shapes to copy.`
        : `Copies ${count === 1 ? "the" : `the ${count}`} ${which}${count === 1 ? "shape" : "shapes"} of frame ${frame}${filtered ? ` (${targets.filterSummary})` : ""}.`;
    return <Alert type={count === 0 ? "warning" : "info"} showIcon title={text} data-testid="annotation-actions-targets" />;
  }
  if (targets.filterSummary === "") {
    const destructive = choice.id === "remove-filtered-shapes";
    return <Alert type={destructive ? "warning" : "info"} showIcon title="No filter is set: the action takes every shape on these frames." data-testid="annotation-actions-targets" />;
  }
  return <Alert type="info" showIcon title={`Shapes that pass the filter: ${targets.filterSummary}`} data-testid="annotation-actions-targets" />;
}

export function AnnotationActionsDialog(props: AnnotationActionsDialogProps) {
  const { open, frame, startFrame, stopFrame, targets, progress, error, onRun, onCancel } = props;
  const [choiceId, setChoiceId] = useState(ACTION_CHOICES[0].id);
  const [from, setFrom] = useState(startFrame);
  const [to, setTo] = useState(stopFrame);
  const [preset, setPreset] = useState<Preset | null>("job");
  const choice = ACTION_CHOICES.find((candidate) => candidate.id === choiceId) ?? ACTION_CHOICES[0];

  const applyPreset = (next: Preset) => {
    const [first, last] = presetRange(next, frame, startFrame, stopFrame);
    setPreset(next);
    setFrom(first);
    setTo(last);
  };
  // Each opening starts from the chosen action's default frames around the current frame.
  useEffect(() => {
    if (open) applyPreset(defaultPreset(choice));
    // Only an opening resets the range, not each new frame or choice.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open]);

  const running = progress !== null;
  // Nothing to run with: a filter that does not evaluate, or no shapes to propagate.
  const blocked = (choice.usesFilter && targets.filterProblem !== null) || (choice.copiesFromFrame && targets.propagation.count === 0);
  const run = () => {
    if (!running && !blocked) onRun(choice, from, to);
  };
  const percent = progress === null || progress.total === 0 ? 0 : Math.floor((100 * progress.done) / progress.total);

  return (
    <Modal
      title="Run actions"
      open={open}
      onCancel={onCancel}
      maskClosable={!running}
      destroyOnHidden
      footer={
        running ? (
          <Space>
            <Progress percent={percent} size="small" style={{ width: 220 }} data-testid="annotation-actions-progress" />
            <Button onClick={onCancel} data-testid="annotation-actions-cancel">
              Cancel
            </Button>
          </Space>
        ) : (
          <Space>
            <Button onClick={onCancel}>Close</Button>
            <Button type="primary" danger={choice.id === "remove-filtered-shapes"} disabled={blocked} onClick={run} data-testid="annotation-actions-run">
              Run
            </Button>
          </Space>
        )
      }
    >
      <Form layout="vertical" disabled={running} data-testid="annotation-actions">
        <Form.Item label="Select action">
          <Select
            value={choice.id}
            onChange={(id: string) => {
              setChoiceId(id);
              const next = ACTION_CHOICES.find((candidate) => candidate.id === id);
              if (next) applyPreset(defaultPreset(next));
            }}
            options={ACTION_CHOICES.map(({ id, label }) => ({ value: id, label }))}
            aria-label="Action"
            data-testid="annotation-action-select"
          />
        </Form.Item>
        <Typography.Paragraph type="secondary">{choice.description}</Typography.Paragraph>
        <Form.Item label="Specify frames to run the action">
          <Space wrap>
            <Typography.Text>Starting from frame</Typography.Text>
            <InputNumber
              min={startFrame}
              max={stopFrame}
              precision={0}
              value={from}
              onChange={(value) => {
                setFrom(typeof value === "number" ? value : startFrame);
                setPreset(null);
              }}
              aria-label="Starting from frame"
              data-testid="annotation-actions-from"
            />
            <Typography.Text>up to frame</Typography.Text>
            <InputNumber
              min={startFrame}
              max={stopFrame}
              precision={0}
              value={to}
              onChange={(value) => {
                setTo(typeof value === "number" ? value : stopFrame);
                setPreset(null);
              }}
              onPressEnter={run}
              aria-label="Up to frame"
              data-testid="annotation-actions-to"
            />
          </Space>
        </Form.Item>
        <Form.Item label="Or choose one of the predefined options">
          <Radio.Group
            value={preset}
            onChange={(event) => applyPreset(event.target.value as Preset)}
            optionType="button"
            data-testid="annotation-actions-preset"
            options={[
              { value: "current", label: "Current frame", disabled: choice.copiesFromFrame },
              { value: "onwards", label: "From here to the end" },
              { value: "job", label: "Whole job" },
            ]}
          />
        </Form.Item>
        <Space orientation="vertical" style={{ width: "100%" }}>
          <TargetsNote choice={choice} frame={frame} targets={targets} />
          {error !== null && <Alert type="error" showIcon title={error} data-testid="annotation-actions-error" />}
          <Typography.Text type="secondary">
            The result is one step: Undo takes it back, Save stores it on the server. Cancel stops the run with nothing changed.
          </Typography.Text>
        </Space>
      </Form>
    </Modal>
  );
}
