// "Advanced configuration" of the create task form: how media are sorted, compressed, chunked
// and split into jobs, and the issue tracker.
import { Checkbox, Col, Form, Input, InputNumber, Radio, Row, Tooltip } from "antd";
import type { ReactNode } from "react";
import { SORTING_METHODS, type AdvancedOptions, type SortingMethod } from "./taskForm";

interface AdvancedTaskOptionsProps {
  value: AdvancedOptions;
  onChange: (next: AdvancedOptions) => void;
  issues: Partial<Record<keyof AdvancedOptions, string>>;
  /** Copying data only applies to files on the connected share. */
  fromShare: boolean;
  disabled?: boolean;
}

const SORTING_LABELS: Record<SortingMethod, string> = {
  lexicographical: "Lexicographical",
  natural: "Natural",
  predefined: "Predefined",
  random: "Random",
};

type NumberOption = "overlap" | "segmentSize" | "startFrame" | "stopFrame" | "frameStep" | "chunkSize";

const NUMBER_FIELDS: { key: NumberOption; label: string; hint: string; min: number }[] = [
  { key: "segmentSize", label: "Segment size", hint: "Frames per job; empty puts all frames in one job.", min: 1 },
  { key: "overlap", label: "Overlap size", hint: "Frames shared by neighbouring jobs (tracks continue across them).", min: 0 },
  { key: "startFrame", label: "Start frame", hint: "The first frame of the media to use.", min: 0 },
  { key: "stopFrame", label: "Stop frame", hint: "The last frame of the media to use.", min: 0 },
  { key: "frameStep", label: "Frame step", hint: "Use every N-th frame.", min: 1 },
  { key: "chunkSize", label: "Chunk size", hint: "Frames per chunk sent to the annotation editor; empty chooses one.", min: 1 },
];

function Label({ text, hint }: { text: string; hint: string }): ReactNode {
  return (
    <Tooltip title={hint}>
      <span>{text}</span>
    </Tooltip>
  );
}

export function AdvancedTaskOptions({ value, onChange, issues, fromShare, disabled }: AdvancedTaskOptionsProps) {
  const set = <K extends keyof AdvancedOptions>(key: K, v: AdvancedOptions[K]) => onChange({ ...value, [key]: v });
  const status = (key: keyof AdvancedOptions) =>
    issues[key] ? { validateStatus: "error" as const, help: issues[key] } : {};

  return (
    <div data-testid="advanced-options">
      <Form.Item label="Sorting method" style={{ marginBottom: 16 }}>
        <Radio.Group
          disabled={disabled}
          value={value.sortingMethod}
          onChange={(e) => set("sortingMethod", e.target.value as SortingMethod)}
          optionType="button"
          options={SORTING_METHODS.map((m) => ({ value: m, label: SORTING_LABELS[m] }))}
        />
      </Form.Item>
      <Row gutter={16}>
        <Col xs={24} sm={12} md={8}>
          <Form.Item
            label={<Label text="Image quality" hint="JPEG quality of the compressed chunks (1–100)." />}
            htmlFor="task-image-quality"
            {...status("imageQuality")}
          >
            <InputNumber
              id="task-image-quality"
              min={1}
              max={100}
              suffix="%"
              disabled={disabled}
              style={{ width: "100%" }}
              value={value.imageQuality}
              onChange={(v) => set("imageQuality", v ?? 70)}
            />
          </Form.Item>
        </Col>
        {NUMBER_FIELDS.map((field) => (
          <Col xs={24} sm={12} md={8} key={field.key}>
            <Form.Item
              label={<Label text={field.label} hint={field.hint} />}
              htmlFor={`task-${field.key}`}
              {...status(field.key)}
            >
              <InputNumber
                id={`task-${field.key}`}
                min={field.min}
                precision={0}
                placeholder="Auto"
                disabled={disabled}
                style={{ width: "100%" }}
                value={value[field.key]}
                onChange={(v) => set(field.key, v ?? null)}
              />
            </Form.Item>
          </Col>
        ))}
      </Row>
      <Row gutter={16}>
        <Col xs={24} md={8}>
          <Form.Item>
            <Tooltip title="Chunks are prepared when first viewed and kept in a cache, so the task is ready sooner.">
              <Checkbox disabled={disabled} checked={value.useCache} onChange={(e) => set("useCache", e.target.checked)}>
                Use cache
              </Checkbox>
            </Tooltip>
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item>
            <Tooltip title="Send video frames as zipped images rather than video chunks.">
              <Checkbox
                disabled={disabled}
                checked={value.useZipChunks}
                onChange={(e) => set("useZipChunks", e.target.checked)}
              >
                Use zip chunks
              </Checkbox>
            </Tooltip>
          </Form.Item>
        </Col>
        {fromShare && (
          <Col xs={24} md={8}>
            <Form.Item>
              <Tooltip title="Copy the files from the share into the task instead of reading them in place.">
                <Checkbox disabled={disabled} checked={value.copyData} onChange={(e) => set("copyData", e.target.checked)}>
                  Copy data into the task
                </Checkbox>
              </Tooltip>
            </Form.Item>
          </Col>
        )}
      </Row>
      <Form.Item label="Issue tracker" htmlFor="task-bug-tracker" {...status("bugTracker")} style={{ marginBottom: 0 }}>
        <Input
          id="task-bug-tracker"
          placeholder="https://issues.example.com/PROJ-1"
          disabled={disabled}
          value={value.bugTracker}
          onChange={(e) => set("bugTracker", e.target.value)}
        />
      </Form.Item>
    </div>
  );
}
