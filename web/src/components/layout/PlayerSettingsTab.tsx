// The Player tab of the Settings dialog: how frames are stepped through, played and shown.
import { ColorPicker, Form, Select } from "antd";
import type { Color } from "antd/es/color-picker";
import { FRAME_STEP_RANGE, type FrameSpeed } from "../../lib/settings";
import { optionsFrom, SettingCheckbox, SettingColumns, SettingInteger } from "../common/SettingFields";

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
      <SettingColumns>
        <SettingInteger
          label="Player step"
          name={["player", "frameStep"]}
          range={FRAME_STEP_RANGE}
          suffix="frames"
          width={180}
          extra="Frames skipped by the step buttons (C and V keys)."
        />
        <Form.Item label="Player speed" name={["player", "frameSpeed"]} extra="How fast Play runs through frames.">
          <Select style={{ width: 180 }} options={optionsFrom(SPEED_LABELS)} />
        </Form.Item>
      </SettingColumns>
      <Form.Item
        label="Canvas background color"
        name={["player", "canvasBackgroundColor"]}
        extra="Shown around and behind the image."
        getValueFromEvent={(color: Color) => color.toHexString()}
      >
        <ColorPicker showText disabledAlpha presets={BACKGROUND_PRESETS} />
      </Form.Item>
      <SettingColumns>
        <SettingCheckbox
          name={["player", "resetZoom"]}
          label="Reset zoom"
          extra="Fit every new frame to the canvas instead of keeping the previous zoom."
        />
        <SettingCheckbox
          name={["player", "rotateAll"]}
          label="Rotate all images"
          extra="Rotating turns all frames of the job, not only the current one."
        />
        <SettingCheckbox
          name={["player", "smoothImage"]}
          label="Smooth image"
          extra="Smooth pixels when zoomed in; off shows them crisp."
          last
        />
        <SettingCheckbox
          name={["player", "showDeletedFrames"]}
          label="Show deleted frames"
          extra="Frames marked deleted stay in the player instead of being skipped."
          last
        />
      </SettingColumns>
    </>
  );
}
