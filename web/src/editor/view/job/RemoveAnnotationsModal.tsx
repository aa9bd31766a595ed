// "Remove annotations" of the job menu: all of them, or a frame range, optionally only the
// tracks' keyframes in it. Done in the editor store, so it can be undone and Save sends it.
import { Alert, Checkbox, InputNumber, Modal, Radio, Space, Typography } from "antd";
import { useState } from "react";
import type { RemoveAnnotationsOptions } from "../../engine/document/removeAnnotations";

export interface RemoveAnnotationsModalProps {
  open: boolean;
  startFrame: number;
  stopFrame: number;
  onRemove: (options: RemoveAnnotationsOptions) => void;
  onClose: () => void;
}

export function RemoveAnnotationsModal(props: RemoveAnnotationsModalProps) {
  const { open, startFrame, stopFrame, onRemove, onClose } = props;
  const [scope, setScope] = useState<"all" | "range">("all");
  const [from, setFrom] = useState<number>(startFrame);
  const [to, setTo] = useState<number>(stopFrame);
  const [keyframesOnly, setKeyframesOnly] = useState(false);
  return (
    <Modal
      open={open}
      title="Remove annotations"
      okText="Remove"
      okButtonProps={{ danger: true, "data-testid": "remove-annotations-ok" }}
      onOk={() => {
        onRemove(scope === "all" ? {} : { range: { from, to }, keyframesOnly });
        onClose();
      }}
      onCancel={onClose}
      destroyOnHidden
    >
      <Space orientation="vertical" style={{ width: "100%" }} data-testid="remove-annotations">
        <Radio.Group
          value={scope}
          onChange={(event) => setScope(event.target.value as "all" | "range")}
          options={[
            { value: "all", label: "All annotations of the job" },
            { value: "range", label: "Annotations of a frame range" },
          ]}
          data-testid="remove-annotations-scope"
        />
        {scope === "range" && (
          <>
            <Space>
              <Typography.Text>From</Typography.Text>
              <InputNumber min={startFrame} max={stopFrame} value={from} onChange={(value) => setFrom(Number(value ?? startFrame))} aria-label="From frame" data-testid="remove-from" />
              <Typography.Text>to</Typography.Text>
              <InputNumber min={startFrame} max={stopFrame} value={to} onChange={(value) => setTo(Number(value ?? stopFrame))} aria-label="To frame" data-testid="remove-to" />
            </Space>
            <Checkbox checked={keyframesOnly} onChange={(event) => setKeyframesOnly(event.target.checked)} data-testid="remove-keyframes-only">
              Delete only keyframes for tracks
            </Checkbox>
          </>
        )}
        <Alert type="info" showIcon title="The annotations go from the editor; Save removes them on the server, Undo brings them back." />
      </Space>
    </Modal>
  );
}
