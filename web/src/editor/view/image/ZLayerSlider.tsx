// The z-layer slider in a strip above the canvas: shapes above the chosen layer are not
// drawn or picked; "+" opens a new layer on top, which new shapes are drawn into.
import { PlusOutlined } from "@ant-design/icons";
import { Button, Slider, Tooltip, Typography } from "antd";
import { memo } from "react";
import type { ZRange } from "./zLayer";

export interface ZLayerSliderProps {
  range: ZRange;
  layer: number;
  onLayerChange: (layer: number) => void;
  onAddLayer: () => void;
}

export const ZLayerSlider = memo(function ZLayerSlider({ range, layer, onLayerChange, onAddLayer }: ZLayerSliderProps) {
  return (
    <div className="editor-zlayer" data-testid="z-layer" data-layer={layer} data-min={range.min} data-max={range.max}>
      <Typography.Text type="secondary" className="editor-zlayer-caption">
        Layer {layer}
      </Typography.Text>
      <div className="editor-slider editor-zlayer-slider" data-testid="z-layer-slider">
        <Slider
          min={range.min}
          max={range.max}
          value={layer}
          disabled={range.min === range.max}
          onChange={onLayerChange}
          tooltip={{ formatter: (value) => `Layer ${value}` }}
        />
      </div>
      <Tooltip title="Add a new layer on top">
        <Button size="small" type="text" icon={<PlusOutlined />} aria-label="Add z layer" data-testid="z-layer-add" onClick={onAddLayer} />
      </Tooltip>
    </div>
  );
});
