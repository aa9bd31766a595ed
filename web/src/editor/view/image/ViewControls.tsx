// The controls sidebar's view buttons: image settings and rotating the frame. The rotate buttons
// run the registered actions, so their tooltips show the keys the keyboard uses.
import { RotateLeftOutlined, RotateRightOutlined } from "@ant-design/icons";
import { Button, Tooltip, Typography } from "antd";
import { memo, type ReactNode } from "react";
import { shortcutLabel, type Keymap } from "../../engine/actions/keymap";
import type { ActionRegistry } from "../../engine/actions/registry";
import type { EditorCommands } from "../editorActions";
import { ImageSettingsButton } from "./ImageSettingsPanel";
import type { ImageSettings } from "./imageSettings";

export interface ViewControlsProps {
  registry: ActionRegistry<EditorCommands>;
  keymap: Keymap;
  commands: EditorCommands;
  imageSettings: ImageSettings;
  onImageSettingsChange: (next: ImageSettings) => void;
}

export const ViewControls = memo(function ViewControls({ registry, keymap, commands, imageSettings, onImageSettingsChange }: ViewControlsProps) {
  const actionButton = (actionId: string, label: string, icon: ReactNode, testId: string) => {
    const key = shortcutLabel(keymap, actionId);
    return (
      <Tooltip placement="right" title={key ? `${label} (${key})` : label}>
        <Button
          type="text"
          className="editor-tool"
          icon={icon}
          aria-label={label}
          data-testid={testId}
          onClick={() => registry.run(actionId, commands)}
        />
      </Tooltip>
    );
  };
  return (
    <>
      <Typography.Text type="secondary" className="editor-controls-caption">
        View
      </Typography.Text>
      <div className="editor-view-controls">
        <ImageSettingsButton settings={imageSettings} onChange={onImageSettingsChange} />
        {actionButton("canvas.rotateAnticlockwise", "Rotate anticlockwise", <RotateLeftOutlined />, "rotate-anticlockwise")}
        {actionButton("canvas.rotateClockwise", "Rotate clockwise", <RotateRightOutlined />, "rotate-clockwise")}
      </div>
    </>
  );
});
