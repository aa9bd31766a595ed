// The Player tab of the Settings dialog: how frames are stepped through, played and shown.
import { Checkbox, Col, ColorPicker, Form, InputNumber, Row, Select } from "antd";
import type { Color } from "antd/es/color-picker";
import { FRAME_STEP_RANGE, type FrameSpeed } from "../../lib/settings";

const SPEED_LABELS: Record<FrameSpeed, string> = {
  fastest: "Fastest",
  fast: "Fast",
  usual: "Usual",
  slow: "Slow",
  slower: "Slower",
  slowest: "Slowest",
};

const BACKGROUND_PRESETS = [
  {
    label: "Suggested",
    colors: ["#ffffff", "#f0f0f0", "#b3b3b3", "#808080", "#333333", "#000000", "#1c2a3a", "#2d4a2b"],
  },
];

export function PlayerSettingsTab() {
  return (
    <>
      <Row gutter={24}>
        <Col span={12}>
          <Form.Item
            label="Player step"
            name={["player", "frameStep"]}
            extra="Frames skipped by the step buttons (C and V keys)."
            rules={[{ required: true, type: "integer", min: FRAME_STEP_RANGE.min, max: FRAME_STEP_RANGE.max }]}
          >
            <InputNumber
              min={FRAME_STEP_RANGE.min}
              max={FRAME_STEP_RANGE.max}
              precision={0}
              suffix="frames"
              style={{ width: 180 }}
            />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item label="Player speed" name={["player", "frameSpeed"]} extra="How fast Play runs through frames.">
            <Select
              style={{ width: 180 }}
              options={Object.entries(SPEED_LABELS).map(([value, label]) => ({ value, label }))}
            />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item
        label="Canvas background color"
        name={["player", "canvasBackgroundColor"]}
        extra="Shown around and behind the image."
        getValueFromEvent={(color: Color) => color.toHexString()}
      >
        <ColorPicker showText disabledAlpha presets={BACKGROUND_PRESETS} />
      </Form.Item>
      <Row gutter={24}>
        <Col span={12}>
          <Form.Item
            name={["player", "resetZoom"]}
            valuePropName="checked"
            extra="Fit every new frame to the canvas instead of keeping the previous zoom."
          >
            <Checkbox>Reset zoom</Checkbox>
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item
            name={["player", "rotateAll"]}
            valuePropName="checked"
            extra="Rotating turns all frames of the job, not only the current one."
          >
            <Checkbox>Rotate all images</Checkbox>
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item
            name={["player", "smoothImage"]}
            valuePropName="checked"
            extra="Smooth pixels when zoomed in; off shows them crisp."
            style={{ marginBottom: 0 }}
          >
            <Checkbox>Smooth image</Checkbox>
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item
            name={["player", "showDeletedFrames"]}
            valuePropName="checked"
            extra="Frames marked deleted stay in the player instead of being skipped."
            style={{ marginBottom: 0 }}
          >
            <Checkbox>Show deleted frames</Checkbox>
          </Form.Item>
        </Col>
      </Row>
    </>
  );
}
