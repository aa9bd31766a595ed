// The dialog of "Propagate" (Ctrl+B): copy the selected objects onto the next or previous N frames.
import { Form, InputNumber, Modal, Radio } from "antd";
import { useEffect, useState } from "react";

export type PropagateDirection = "forward" | "backward";

export interface PropagateDialogProps {
  open: boolean;
  frame: number;
  startFrame: number;
  stopFrame: number;
  onPropagate: (direction: PropagateDirection, count: number) => void;
  onCancel: () => void;
}

export function PropagateDialog({ open, frame, startFrame, stopFrame, onPropagate, onCancel }: PropagateDialogProps) {
  const [direction, setDirection] = useState<PropagateDirection>("forward");
  const [count, setCount] = useState(1);
  const limit = direction === "forward" ? stopFrame - frame : frame - startFrame;

  // Each opening starts from one frame forward, or backward on the job's last frame.
  useEffect(() => {
    if (!open) return;
    setDirection(frame < stopFrame ? "forward" : "backward");
    setCount(1);
  }, [open, frame, stopFrame]);

  const shown = Math.min(count, Math.max(limit, 0));
  return (
    <Modal
      title="Propagate"
      open={open}
      okText="Propagate"
      okButtonProps={{ disabled: limit <= 0, "data-testid": "propagate-ok" }}
      onOk={() => onPropagate(direction, shown)}
      onCancel={onCancel}
      destroyOnHidden
    >
      <Form layout="vertical" data-testid="propagate-dialog">
        <Form.Item label="Direction">
          <Radio.Group
            value={direction}
            onChange={(event) => setDirection(event.target.value as PropagateDirection)}
            optionType="button"
            data-testid="propagate-direction"
            options={[
              { value: "backward", label: "Backward", disabled: frame <= startFrame },
              { value: "forward", label: "Forward", disabled: frame >= stopFrame },
            ]}
          />
        </Form.Item>
        <Form.Item label="Frames" extra={`Up to ${Math.max(limit, 0)} frame${limit === 1 ? "" : "s"} ${direction === "forward" ? "after" : "before"} this one.`}>
          <InputNumber
            aria-label="Number of frames"
            data-testid="propagate-count"
            min={1}
            max={Math.max(limit, 1)}
            precision={0}
            value={shown}
            onChange={(value) => setCount(typeof value === "number" ? value : 1)}
            onPressEnter={() => limit > 0 && onPropagate(direction, shown)}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
