// The left controls sidebar: the tools (cursor, shapes, tag), the label new objects get, the
// drawing options, zoom to a region and group mode.
import {
  AimOutlined,
  BorderOutlined,
  DragOutlined,
  GatewayOutlined,
  GroupOutlined,
  LineOutlined,
  SettingOutlined,
  TagOutlined,
  ZoomInOutlined,
} from "@ant-design/icons";
import { Button, Popover, Select, Tooltip, Typography } from "antd";
import { memo, useState, type ReactNode } from "react";
import type { Label } from "../../api/types";
import type { CanvasMode } from "./canvas/canvasMode";
import { DrawingOptionsPanel } from "./canvas/DrawingOptionsPanel";
import type { DrawableType, DrawAs, DrawingOptions } from "./drawingTool";
import { whyToolUnavailable } from "./labelChoice";
import { labelOptions } from "./labelOptions";
import { isDrawingTool, TOOL_HINTS, TOOL_LABELS, type Tool } from "./tools";

const TOOL_ICONS: Readonly<Record<Tool, ReactNode>> = {
  cursor: <DragOutlined />,
  rectangle: <BorderOutlined />,
  polygon: <GatewayOutlined />,
  polyline: <LineOutlined rotate={-45} />,
  points: <AimOutlined />,
  ellipse: <span className="editor-ellipse-icon" aria-hidden />,
  tag: <TagOutlined />,
};

const TOOLS: readonly Tool[] = ["cursor", "rectangle", "polygon", "polyline", "points", "ellipse", "tag"];

export interface ControlsSidebarProps {
  tool: Tool;
  onToolChange: (tool: Tool) => void;
  labels: readonly Label[];
  labelId: number | null;
  /** The label chosen for `forTool` (the current tool when absent). */
  onLabelChange: (labelId: number, forTool?: Tool) => void;
  /** Drawing options (popover); the panel is left out without them. */
  drawingOptions?: DrawingOptions;
  onDrawingOptionsChange?: (options: DrawingOptions) => void;
  /** The tool the options popover opens on. */
  lastDrawingTool?: DrawableType;
  /** The options' Shape and Track buttons; without it they choose the tool (a shape). */
  onStartDrawing?: (type: DrawableType, as: DrawAs) => void;
  modeKind?: CanvasMode["kind"];
  onToggleZoomRegion?: () => void;
  onToggleGroupMode?: () => void;
  /** More controls below the tools (the view controls). */
  children?: ReactNode;
}

export const ControlsSidebar = memo(function ControlsSidebar(props: ControlsSidebarProps) {
  const { tool, onToolChange, labels, labelId, onLabelChange } = props;
  const [optionsOpen, setOptionsOpen] = useState(false);
  const { drawingOptions, onDrawingOptionsChange } = props;
  return (
    <aside className="editor-controls" data-testid="editor-controls">
      <Typography.Text type="secondary" className="editor-controls-caption">
        Label
      </Typography.Text>
      <Select
        size="small"
        className="editor-label-select"
        data-testid="draw-label"
        value={labelId ?? undefined}
        placeholder={labels.length === 0 ? "No labels" : "None to draw with"}
        disabled={labels.length === 0}
        onChange={(value: number) => onLabelChange(value)}
        options={labelOptions(labels, tool, true)}
        // The sidebar is narrow: the chosen label shows without its hotkey, and a name too long
        // for it ends in an ellipsis, whole in the tooltip (the list itself is as wide as needed).
        labelRender={({ value }) => {
          const label = labels.find((each) => each.id === value);
          return label === undefined ? null : (
            <span className="editor-label-value" title={label.name} data-testid="draw-label-value">
              <span className="editor-swatch" style={{ background: label.color }} />
              <span className="editor-label-value-name">{label.name}</span>
            </span>
          );
        }}
        popupMatchSelectWidth={false}
      />
      <Typography.Text type="secondary" className="editor-controls-caption">
        Tools
      </Typography.Text>
      <div className="editor-tools">
        {TOOLS.map((each) => {
          // A tool that no label of the job fits is greyed out, its tooltip saying why.
          const unavailable = whyToolUnavailable(labels, each);
          return (
            <Tooltip key={each} placement="right" title={`${TOOL_LABELS[each]}: ${unavailable ?? TOOL_HINTS[each]}`}>
              <Button
                aria-label={TOOL_LABELS[each]}
                aria-pressed={tool === each}
                data-testid={`tool-${each}`}
                type={tool === each ? "primary" : "text"}
                icon={TOOL_ICONS[each]}
                disabled={unavailable !== null}
                onClick={() => onToolChange(each)}
                className="editor-tool"
              />
            </Tooltip>
          );
        })}
      </div>
      <Typography.Text type="secondary" className="editor-controls-caption">
        Edit
      </Typography.Text>
      <div className="editor-tools">
        {drawingOptions !== undefined && onDrawingOptionsChange !== undefined && (
          <Popover
            placement="rightTop"
            trigger="click"
            open={optionsOpen}
            onOpenChange={setOptionsOpen}
            destroyOnHidden
            title="Drawing options"
            content={
              <DrawingOptionsPanel
                initialType={isDrawingTool(tool) ? tool : (props.lastDrawingTool ?? "rectangle")}
                options={drawingOptions}
                onChange={onDrawingOptionsChange}
                labels={labels}
                labelId={labelId}
                onLabelChange={onLabelChange}
                onStart={(type, as) => {
                  setOptionsOpen(false);
                  if (props.onStartDrawing) props.onStartDrawing(type, as);
                  else onToolChange(type);
                }}
              />
            }
          >
            <Button
              aria-label="Drawing options"
              data-testid="drawing-options-button"
              type={optionsOpen ? "primary" : "text"}
              icon={<SettingOutlined />}
              className="editor-tool"
            />
          </Popover>
        )}
        {props.onToggleZoomRegion && (
          <Tooltip placement="right" title="Zoom to a region: drag a box on the canvas">
            <Button
              aria-label="Zoom to region"
              aria-pressed={props.modeKind === "zoomRegion"}
              data-testid="zoom-region"
              type={props.modeKind === "zoomRegion" ? "primary" : "text"}
              icon={<ZoomInOutlined />}
              onClick={props.onToggleZoomRegion}
              className="editor-tool"
            />
          </Tooltip>
        )}
        {props.onToggleGroupMode && (
          <Tooltip placement="right" title="Group (G): click or box shapes, then G again; Shift+G ungroups">
            <Button
              aria-label="Group"
              aria-pressed={props.modeKind === "group"}
              data-testid="group-mode"
              type={props.modeKind === "group" ? "primary" : "text"}
              icon={<GroupOutlined />}
              onClick={props.onToggleGroupMode}
              className="editor-tool"
            />
          </Tooltip>
        )}
      </div>
      {props.children}
    </aside>
  );
});
