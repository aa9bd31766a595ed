// The drawing options popover of the controls sidebar (CVAT's per-tool popover): the tool, the
// label, how a rectangle is drawn, a fixed number of points, and the "Shape" and "Track" buttons
// that start drawing one or the other (N then repeats the choice).
import { Button, InputNumber, Radio, Segmented, Select, Typography } from "antd";
import { useState } from "react";
import type { Label } from "../../../api/types";
import { isTrackableType } from "../../engine/document/trackEdits";
import type { DrawableType, DrawAs, DrawingOptions, VertexType } from "../drawingTool";
import { TOOL_LABELS } from "../tools";

const DRAWABLE: readonly DrawableType[] = ["rectangle", "polygon", "polyline", "points", "ellipse"];

function isVertexType(type: DrawableType): type is VertexType {
  return type === "polygon" || type === "polyline" || type === "points";
}

export interface DrawingOptionsPanelProps {
  /** The tool whose options show first. */
  initialType: DrawableType;
  options: DrawingOptions;
  onChange: (options: DrawingOptions) => void;
  labels: readonly Label[];
  labelId: number | null;
  onLabelChange: (labelId: number) => void;
  onStart: (type: DrawableType, as: DrawAs) => void;
}

export function DrawingOptionsPanel(props: DrawingOptionsPanelProps) {
  const { options, onChange } = props;
  const [type, setType] = useState<DrawableType>(props.initialType);
  return (
    <div className="editor-drawing-options" data-testid="drawing-options">
      <Segmented<DrawableType>
        size="small"
        data-testid="draw-options-tool"
        value={type}
        onChange={setType}
        options={DRAWABLE.map((each) => ({ value: each, label: <span data-testid={`draw-options-${each}`}>{TOOL_LABELS[each]}</span> }))}
      />
      <Typography.Text type="secondary">Label</Typography.Text>
      <Select
        size="small"
        data-testid="draw-options-label"
        value={props.labelId ?? undefined}
        onChange={props.onLabelChange}
        options={props.labels.map((label) => ({ value: label.id, label: label.name }))}
        popupMatchSelectWidth={false}
      />
      {type === "rectangle" && (
        <>
          <Typography.Text type="secondary">Drawing method</Typography.Text>
          <Radio.Group
            size="small"
            data-testid="draw-method"
            value={options.rectangleMethod}
            onChange={(event) => onChange({ ...options, rectangleMethod: event.target.value })}
            options={[
              { value: "twoPoints", label: <span data-testid="draw-method-2">By 2 points</span> },
              { value: "fourPoints", label: <span data-testid="draw-method-4">By 4 points</span> },
            ]}
          />
        </>
      )}
      {isVertexType(type) && (
        <>
          <Typography.Text type="secondary">Number of points (0: any)</Typography.Text>
          <InputNumber
            size="small"
            min={0}
            precision={0}
            data-testid="draw-points-count"
            value={options.pointsCount[type] ?? 0}
            onChange={(value) =>
              onChange({ ...options, pointsCount: { ...options.pointsCount, [type]: value === null || value <= 0 ? null : value } })
            }
          />
        </>
      )}
      <div className="editor-drawing-start">
        <Button type="primary" size="small" data-testid="draw-shape" onClick={() => props.onStart(type, "shape")} disabled={props.labels.length === 0}>
          Shape
        </Button>
        {/* Only types the server interpolates in tracks (all drawn here; masks and tags are not). */}
        {isTrackableType(type) && (
          <Button size="small" data-testid="draw-track" onClick={() => props.onStart(type, "track")} disabled={props.labels.length === 0}>
            Track
          </Button>
        )}
      </div>
    </div>
  );
}
