// The editor's top bar: menu, save with its indicator, undo/redo, player controls, the frame
// number and the frame's file name. Every button runs a registered action, so its tooltip shows
// the same key the keyboard uses.
import {
  CaretRightOutlined,
  CheckCircleOutlined,
  ExclamationCircleOutlined,
  LeftOutlined,
  LoadingOutlined,
  MenuOutlined,
  PauseOutlined,
  RedoOutlined,
  RightOutlined,
  SaveOutlined,
  StepBackwardOutlined,
  StepForwardOutlined,
  UndoOutlined,
} from "@ant-design/icons";
import { Button, Divider, Dropdown, InputNumber, Space, Tooltip, Typography, type MenuProps } from "antd";
import type { ReactNode } from "react";
import { Link } from "react-router";
import type { ActionRegistry } from "../engine/actions/registry";
import { shortcutLabel, type Keymap } from "../engine/actions/keymap";
import { menuSections } from "../engine/actions/menu";
import type { EditorCommands } from "./editorActions";

export type SaveIndicator = "saved" | "unsaved" | "saving" | "error";

export interface TopBarProps {
  registry: ActionRegistry<EditorCommands>;
  keymap: Keymap;
  commands: EditorCommands;
  taskId: number;
  jobId: number;
  saveIndicator: SaveIndicator;
  playing: boolean;
  frame: number;
  startFrame: number;
  stopFrame: number;
  frameName: string | null;
  onFrameInput: (frame: number) => void;
}

const SAVE_STATUS: Readonly<Record<SaveIndicator, { icon: ReactNode; text: string }>> = {
  saved: { icon: <CheckCircleOutlined style={{ color: "#52c41a" }} />, text: "All changes saved" },
  unsaved: { icon: <ExclamationCircleOutlined style={{ color: "#faad14" }} />, text: "Unsaved changes" },
  saving: { icon: <LoadingOutlined />, text: "Saving…" },
  error: { icon: <ExclamationCircleOutlined style={{ color: "#ff4d4f" }} />, text: "Not saved" },
};

export function TopBar(props: TopBarProps) {
  const { registry, keymap, commands } = props;
  const tip = (actionId: string, label: string) => {
    const key = shortcutLabel(keymap, actionId);
    return key ? `${label} (${key})` : label;
  };
  const actionButton = (actionId: string, label: string, icon: ReactNode, testId: string) => (
    <Tooltip title={tip(actionId, label)}>
      <Button
        type="text"
        icon={icon}
        aria-label={label}
        data-testid={testId}
        disabled={!registry.isEnabled(actionId, commands)}
        onClick={() => registry.run(actionId, commands)}
      />
    </Tooltip>
  );
  const menu: MenuProps = {
    items: menuSections(registry, keymap, commands, (action) => !action.id.startsWith("labels.")).map((section) => ({
      type: "group" as const,
      key: section.group,
      label: section.group,
      children: section.items.map((item) => ({
        key: item.id,
        disabled: item.disabled,
        label: (
          <span className="editor-menu-item">
            {item.label}
            {item.shortcut && <Typography.Text type="secondary">{item.shortcut}</Typography.Text>}
          </span>
        ),
      })),
    })),
    onClick: ({ key }) => registry.run(key, commands),
  };
  const status = SAVE_STATUS[props.saveIndicator];
  return (
    <div className="editor-topbar" data-testid="editor-topbar">
      <Space size={4}>
        <Dropdown menu={menu} trigger={["click"]}>
          <Button type="text" icon={<MenuOutlined />} data-testid="editor-menu">
            Menu
          </Button>
        </Dropdown>
        <Tooltip title={tip("job.save", "Save")}>
          <Button
            type={props.saveIndicator === "unsaved" || props.saveIndicator === "error" ? "primary" : "default"}
            icon={<SaveOutlined />}
            loading={props.saveIndicator === "saving"}
            data-testid="editor-save"
            onClick={() => registry.run("job.save", commands)}
          >
            Save
          </Button>
        </Tooltip>
        <Tooltip title={status.text}>
          <span className="editor-save-status" data-testid="save-status" data-status={props.saveIndicator}>
            {status.icon}
          </span>
        </Tooltip>
        <Divider type="vertical" />
        {actionButton("history.undo", "Undo", <UndoOutlined />, "editor-undo")}
        {actionButton("history.redo", "Redo", <RedoOutlined />, "editor-redo")}
      </Space>
      <Space size={4} className="editor-player">
        {actionButton("frame.first", "First frame", <StepBackwardOutlined />, "frame-first")}
        {actionButton("frame.previous", "Previous frame", <LeftOutlined />, "frame-previous")}
        {actionButton("player.togglePlay", props.playing ? "Pause" : "Play", props.playing ? <PauseOutlined /> : <CaretRightOutlined />, "frame-play")}
        {actionButton("frame.next", "Next frame", <RightOutlined />, "frame-next")}
        {actionButton("frame.last", "Last frame", <StepForwardOutlined />, "frame-last")}
        <InputNumber
          size="small"
          className="editor-frame-input"
          data-testid="frame-number"
          aria-label="Frame number"
          min={props.startFrame}
          max={props.stopFrame}
          value={props.frame}
          onPressEnter={(event) => {
            const value = Number((event.target as HTMLInputElement).value);
            if (Number.isFinite(value)) props.onFrameInput(value);
          }}
          onStep={(value) => props.onFrameInput(Number(value))}
        />
        <Typography.Text type="secondary" className="editor-frame-range">
          of {props.startFrame}–{props.stopFrame}
        </Typography.Text>
        <Typography.Text className="editor-frame-name" ellipsis title={props.frameName ?? undefined} data-testid="frame-name">
          {props.frameName ?? ""}
        </Typography.Text>
      </Space>
      <Space size={4}>
        <Link to={`/tasks/${props.taskId}`}>Task #{props.taskId}</Link>
        <Typography.Text type="secondary">Job #{props.jobId}</Typography.Text>
      </Space>
    </div>
  );
}
