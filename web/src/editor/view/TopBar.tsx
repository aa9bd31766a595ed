// The editor's top bar: menu (job entries and the registered actions), save with its indicator,
// undo/redo, player controls (step, search by mode on right-click), the frame number and name,
// search by file name, frame tools (copy name/link, delete/restore), fullscreen, job info,
// filters and the workspace. Every button that has an action runs it, so its tooltip shows the
// same key the keyboard uses.
import {
  CaretRightOutlined,
  CheckCircleOutlined,
  CloseCircleOutlined,
  CopyOutlined,
  DeleteOutlined,
  DoubleLeftOutlined,
  DoubleRightOutlined,
  ExclamationCircleOutlined,
  FilterOutlined,
  FullscreenExitOutlined,
  FullscreenOutlined,
  InfoCircleOutlined,
  LinkOutlined,
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
  RollbackOutlined,
} from "@ant-design/icons";
import { Badge, Button, Divider, Dropdown, InputNumber, Select, Space, Tag, Tooltip, Typography, type MenuProps } from "antd";
import { memo, type ReactNode } from "react";
import { Link } from "react-router";
import type { ActionRegistry } from "../engine/actions/registry";
import { shortcutLabel, type Keymap } from "../engine/actions/keymap";
import { menuSections } from "../engine/actions/menu";
import type { EditorCommands } from "./editorActions";
import { FRAME_SEARCH_MODES } from "./topbar/frameSearch";
import { FrameNameSearch } from "./topbar/FrameNameSearch";
import { AVAILABLE_WORKSPACES, type TopBarFeatures } from "./topbar/useTopBarFeatures";
import "./topbar/topbar.css";

export type SaveIndicator = "saved" | "unsaved" | "saving" | "error";

export interface TopBarProps {
  registry: ActionRegistry<EditorCommands>;
  keymap: Keymap;
  /** Steady (useSteady.ts): the bar is memoised. */
  commands: EditorCommands;
  /**
   * Which actions are enabled now, one character each (the workspace's `enabledActions`): the
   * buttons and menu read `commands`, and this tells the memoised bar when that answer changed.
   */
  enabledActions: string;
  taskId: number;
  jobId: number;
  saveIndicator: SaveIndicator;
  playing: boolean;
  frame: number;
  startFrame: number;
  stopFrame: number;
  frameName: string | null;
  onFrameInput: (frame: number) => void;
  /** Everything of view/topbar (useTopBarFeatures); without it the bar shows only the basics. */
  features?: TopBarFeatures;
}

const SAVE_STATUS: Readonly<Record<SaveIndicator, { icon: ReactNode; text: string }>> = {
  saved: { icon: <CheckCircleOutlined style={{ color: "#52c41a" }} />, text: "All changes saved" },
  unsaved: { icon: <ExclamationCircleOutlined style={{ color: "#faad14" }} />, text: "Unsaved changes" },
  saving: { icon: <LoadingOutlined />, text: "Saving…" },
  error: { icon: <ExclamationCircleOutlined style={{ color: "#ff4d4f" }} />, text: "Not saved" },
};

export const TopBar = memo(function TopBar(props: TopBarProps) {
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
  const { features } = props;
  const actionItems: NonNullable<MenuProps["items"]> =
    menuSections(registry, keymap, commands, (action) => !action.id.startsWith("labels.")).map((section) => ({
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
    }));
  const menu: MenuProps = {
    items: features ? [...features.jobMenu.items, { type: "divider" as const }, ...actionItems] : actionItems,
    // A click opens "Change job state": a hover path to it would cross the canvas.
    triggerSubMenuAction: "click",
    onClick: ({ key }) => {
      if (features?.jobMenu.onClick(key)) return;
      registry.run(key, commands);
    },
  };
  // Right-click on previous/next (as in CVAT) picks what they do: plain frames or a search.
  const searchMenu = (direction: "previous" | "next"): MenuProps => ({
    items: [
      { key: "frame", label: <span data-testid={`search-mode-frame-${direction}`}>{direction === "next" ? "Next frame" : "Previous frame"}</span> },
      ...FRAME_SEARCH_MODES.map(({ mode, label }) => ({
        key: mode,
        label: <span data-testid={`search-mode-${mode}-${direction}`}>{label}</span>,
      })),
    ],
    selectable: true,
    selectedKeys: [features?.buttonsSearch ? features.searchMode : "frame"],
    onClick: ({ key }) => features?.chooseButtonMode(key as "frame"),
  });
  const searchLabel = features ? FRAME_SEARCH_MODES.find((m) => m.mode === features.searchMode)?.label.toLowerCase() : "";
  const stepButton = (direction: "previous" | "next") => {
    const searching = features?.buttonsSearch ?? false;
    const actionId = searching ? (direction === "next" ? "frame.searchNext" : "frame.searchPrevious") : `frame.${direction}`;
    const label = searching ? `${direction === "next" ? "Next" : "Previous"}: ${searchLabel}` : `${direction === "next" ? "Next" : "Previous"} frame`;
    const icon = direction === "next" ? <RightOutlined /> : <LeftOutlined />;
    const button = (
      <Tooltip title={`${tip(actionId, label)} · right-click to choose`}>
        <Button
          type="text"
          icon={icon}
          aria-label={label}
          className={searching ? "editor-search-button" : undefined}
          data-testid={`frame-${direction}`}
          data-mode={searching ? features?.searchMode : "frame"}
          onClick={() => registry.run(actionId, commands)}
        />
      </Tooltip>
    );
    return features ? (
      <Dropdown menu={searchMenu(direction)} trigger={["contextMenu"]}>
        {button}
      </Dropdown>
    ) : (
      button
    );
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
        {features && actionButton("frame.stepBack", "Step back", <DoubleLeftOutlined />, "frame-step-back")}
        {stepButton("previous")}
        {actionButton("player.togglePlay", props.playing ? "Pause" : "Play", props.playing ? <PauseOutlined /> : <CaretRightOutlined />, "frame-play")}
        {stepButton("next")}
        {features && actionButton("frame.stepForward", "Step forward", <DoubleRightOutlined />, "frame-step-forward")}
        {actionButton("frame.last", "Last frame", <StepForwardOutlined />, "frame-last")}
        <InputNumber
          size="small"
          className="editor-frame-input"
          data-testid="frame-number"
          aria-label="Frame number"
          ref={features?.frameInputRef}
          min={props.startFrame}
          max={props.stopFrame}
          value={props.frame}
          onPressEnter={(event) => {
            const value = Number((event.target as HTMLInputElement).value);
            if (Number.isFinite(value)) props.onFrameInput(value);
            (event.target as HTMLInputElement).blur();
          }}
          onStep={(value) => props.onFrameInput(Number(value))}
        />
        <Typography.Text type="secondary" className="editor-frame-range">
          of {props.startFrame}–{props.stopFrame}
        </Typography.Text>
        <Typography.Text className="editor-frame-name" ellipsis title={props.frameName ?? undefined} data-testid="frame-name">
          {props.frameName ?? ""}
        </Typography.Text>
        {features?.frameDeleted && (
          <Tag color="red" className="editor-frame-deleted" data-testid="frame-deleted">
            Deleted
          </Tag>
        )}
      </Space>
      {features && <TopBarTools features={features} registry={registry} commands={commands} tip={tip} />}
      <Space size={4}>
        <Link to={`/tasks/${props.taskId}`}>Task #{props.taskId}</Link>
        {/* With the tools the job's number is in Job info; the bar keeps one row at 1440 px. */}
        {!features && <Typography.Text type="secondary">Job #{props.jobId}</Typography.Text>}
      </Space>
    </div>
  );
});

interface TopBarToolsProps {
  features: TopBarFeatures;
  registry: ActionRegistry<EditorCommands>;
  commands: EditorCommands;
  tip: (actionId: string, label: string) => string;
}

function TopBarTools({ features, registry, commands, tip }: TopBarToolsProps) {
  const plain = (label: string, icon: ReactNode, testId: string, onClick: () => void) => (
    <Tooltip title={label}>
      <Button type="text" icon={icon} aria-label={label} data-testid={testId} onClick={onClick} />
    </Tooltip>
  );
  const deleteLabel = features.frameDeleted ? "Restore frame" : "Delete frame";
  return (
    <Space size={4} className="editor-topbar-tools">
      <FrameNameSearch search={features.searchNames} onGo={features.goToFrame} />
      {plain("Copy frame name", <CopyOutlined />, "copy-frame-name", features.copyFrameName)}
      {plain("Copy frame link", <LinkOutlined />, "copy-frame-link", features.copyFrameLink)}
      <Tooltip title={tip("frame.delete", deleteLabel)}>
        <Button
          type="text"
          danger={!features.frameDeleted}
          icon={features.frameDeleted ? <RollbackOutlined /> : <DeleteOutlined />}
          aria-label={deleteLabel}
          data-testid={features.frameDeleted ? "restore-frame" : "delete-frame"}
          onClick={() => registry.run("frame.delete", commands)}
        />
      </Tooltip>
      <Tooltip title={tip("editor.toggleFullscreen", features.fullscreen ? "Exit fullscreen" : "Fullscreen")}>
        <Button
          type="text"
          icon={features.fullscreen ? <FullscreenExitOutlined /> : <FullscreenOutlined />}
          aria-label="Fullscreen"
          aria-pressed={features.fullscreen}
          data-testid="toggle-fullscreen"
          onClick={() => registry.run("editor.toggleFullscreen", commands)}
        />
      </Tooltip>
      {plain("Job info", <InfoCircleOutlined />, "job-info-button", features.openJobInfo)}
      <Badge dot={features.filterActive} offset={[-4, 4]}>
        <Tooltip title={features.filterActive ? `Showing objects where ${features.filterSummary}` : "Filter the objects"}>
          <Button
            type={features.filterActive ? "primary" : "text"}
            ghost={features.filterActive}
            icon={<FilterOutlined />}
            data-testid="editor-filters"
            data-active={features.filterActive}
            onClick={features.openFilters}
          >
            Filters
          </Button>
        </Tooltip>
      </Badge>
      {features.filterActive && plain("Clear the filter", <CloseCircleOutlined />, "editor-filters-clear", features.clearFilter)}
      <Select
        size="small"
        value={features.workspace}
        onChange={features.setWorkspace}
        options={AVAILABLE_WORKSPACES.map((w) => ({ value: w.value, label: w.label }))}
        aria-label="Workspace"
        data-testid="workspace-select"
        // The bar is full at 1440 px: a long name ends in an ellipsis here, whole in the list.
        popupMatchSelectWidth={false}
        style={{ width: 100 }}
      />
    </Space>
  );
}
