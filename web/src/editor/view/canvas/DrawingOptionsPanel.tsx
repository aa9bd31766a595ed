// The drawing options popover of the controls sidebar (CVAT's per-tool popover): the tool, the
// label (those of the tool's type; a note says why labels of no tool, e.g. skeletons, are left
// out), how a rectangle is drawn, a fixed number of points, and the "Shape" and "Track" buttons
// that start drawing one or the other (N then repeats the choice).
import { Button, InputNumber, Radio, Segmented, Select, Typography } from "antd";
import { useState } from "react";
import type { Label } from "../../../api/types";
import { isTrackableType } from "../../engine/document/trackEdits";
import type { DrawableType, DrawAs, DrawingOptions, VertexType } from "../drawingTool";
import { labelForTool, whyNotFor, whyToolUnavailable } from "../labelChoice";
import { labelOptions } from "../labelOptions";
import { TOOL_LABELS, type Tool } from "../tools";

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
  onLabelChange: (labelId: number, forTool?: Tool) => void;
  onStart: (type: DrawableType, as: DrawAs) => void;
}

export function DrawingOptionsPanel(props: DrawingOptionsPanelProps) {
  const { options, onChange } = props;
  const [type, setType] = useState<DrawableType>(props.initialType);
  // The label this tool would draw with (the chosen one, or the first of the tool's type).
  const label = labelForTool(props.labels, props.labelId, type);
  const unavailable = whyToolUnavailable(props.labels, type);
  // Labels no tool can use yet, each with its reason: they are in the list, but greyed out.
  const undrawable = props.labels.flatMap((each) => {
    const why = whyNotFor(each, "cursor");
    return why === null ? [] : [why];
  });
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
        value={label?.id}
        placeholder="None of this type"
        onChange={(value: number) => props.onLabelChange(value, type)}
        options={labelOptions(props.labels, type, false)}
        popupMatchSelectWidth={false}
      />
      {unavailable !== null && (
        <Typography.Text type="warning" className="editor-drawing-note" data-testid="draw-options-unavailable">
          {unavailable}
        </Typography.Text>
      )}
      {undrawable.map((why) => (
        <Typography.Text key={why} type="secondary" className="editor-drawing-note" data-testid="draw-options-note">
          {why}
        </Typography.Text>
      ))}
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
        <Button type="primary" size="small" data-testid="draw-shape" onClick={() => props.onStart(type, "shape")} disabled={label === null}>
          Shape
        </Button>
        {/* Only types the server interpolates in tracks (all drawn here; masks and tags are not). */}
        {isTrackableType(type) && (
          <Button size="small" data-testid="draw-track" onClick={() => props.onStart(type, "track")} disabled={label === null}>
            Track
          </Button>
        )}
      </div>
    </div>
  );
}
