// The left controls sidebar: the tools (cursor, shapes, tag) and the label new objects get.
import {
  AimOutlined,
  BorderOutlined,
  DragOutlined,
  GatewayOutlined,
  LineOutlined,
  TagOutlined,
} from "@ant-design/icons";
import { Button, Select, Tooltip, Typography } from "antd";
import type { ReactNode } from "react";
import type { Label } from "../../api/types";
import { TOOL_HINTS, TOOL_LABELS, type Tool } from "./tools";

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
  onLabelChange: (labelId: number) => void;
  /** More controls below the tools (the view controls). */
  children?: ReactNode;
}

export function ControlsSidebar({ tool, onToolChange, labels, labelId, onLabelChange, children }: ControlsSidebarProps) {
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
        placeholder="No labels"
        disabled={labels.length === 0}
        onChange={onLabelChange}
        options={labels.map((label, index) => ({
          value: label.id,
          label: (
            <span className="editor-label-option">
              <span className="editor-swatch" style={{ background: label.color }} />
              {label.name}
              {index < 10 && <Typography.Text type="secondary"> {(index + 1) % 10}</Typography.Text>}
            </span>
          ),
        }))}
        popupMatchSelectWidth={false}
      />
      <Typography.Text type="secondary" className="editor-controls-caption">
        Tools
      </Typography.Text>
      <div className="editor-tools">
        {TOOLS.map((each) => (
          <Tooltip key={each} placement="right" title={`${TOOL_LABELS[each]}: ${TOOL_HINTS[each]}`}>
            <Button
              aria-label={TOOL_LABELS[each]}
              aria-pressed={tool === each}
              data-testid={`tool-${each}`}
              type={tool === each ? "primary" : "text"}
              icon={TOOL_ICONS[each]}
              disabled={each !== "cursor" && labels.length === 0}
              onClick={() => onToolChange(each)}
              className="editor-tool"
            />
          </Tooltip>
        ))}
      </div>
      {children}
    </aside>
  );
}
