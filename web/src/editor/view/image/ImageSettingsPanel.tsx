// The controls sidebar's "Image settings" button and its popover: brightness, contrast,
// saturation, gamma, the grid (show, size, colour, opacity) and Reset.
import { BgColorsOutlined } from "@ant-design/icons";
import { Button, Checkbox, ColorPicker, InputNumber, Popover, Slider, Tooltip, Typography } from "antd";
import type { Color } from "antd/es/color-picker";
import { useState } from "react";
import {
  DEFAULT_IMAGE_SETTINGS,
  GAMMA_RANGE,
  GRID_SIZE_RANGE,
  PERCENT_RANGE,
  type GridSettings,
  type ImageAdjustments,
  type ImageSettings,
} from "./imageSettings";

const GRID_PRESETS = [{ label: "Grid", colors: ["#ffffff", "#000000", "#ff0000", "#00ff00", "#0000ff"] }];

interface Props {
  settings: ImageSettings;
  onChange: (next: ImageSettings) => void;
}

function PercentSlider({ name, value, onChange }: { name: keyof ImageAdjustments; value: number; onChange: (v: number) => void }) {
  return (
    <div className="editor-slider" data-testid={`image-${name}`}>
      <Slider
        min={PERCENT_RANGE.min}
        max={PERCENT_RANGE.max}
        value={value}
        onChange={onChange}
        tooltip={{ formatter: (v) => `${v} %` }}
      />
    </div>
  );
}

function Row({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="editor-image-row">
      <Typography.Text className="editor-image-caption">{label}</Typography.Text>
      <div className="editor-image-control">{children}</div>
    </div>
  );
}

function PanelBody({ settings, onChange }: Props) {
  const { adjustments, grid } = settings;
  const adjust = (changes: Partial<ImageAdjustments>) => onChange({ ...settings, adjustments: { ...adjustments, ...changes } });
  const setGrid = (changes: Partial<GridSettings>) => onChange({ ...settings, grid: { ...grid, ...changes } });
  return (
    <div className="editor-image-settings" data-testid="image-settings">
      <Row label="Brightness">
        <PercentSlider name="brightness" value={adjustments.brightness} onChange={(brightness) => adjust({ brightness })} />
      </Row>
      <Row label="Contrast">
        <PercentSlider name="contrast" value={adjustments.contrast} onChange={(contrast) => adjust({ contrast })} />
      </Row>
      <Row label="Saturation">
        <PercentSlider name="saturation" value={adjustments.saturation} onChange={(saturation) => adjust({ saturation })} />
      </Row>
      <Row label="Gamma">
        <div className="editor-slider" data-testid="image-gamma">
          <Slider
            min={GAMMA_RANGE.min}
            max={GAMMA_RANGE.max}
            step={GAMMA_RANGE.step}
            value={adjustments.gamma}
            onChange={(gamma) => adjust({ gamma })}
          />
        </div>
      </Row>
      <Row label="Grid">
        <Checkbox data-testid="image-grid-show" checked={grid.show} onChange={(event) => setGrid({ show: event.target.checked })}>
          Show
        </Checkbox>
        <InputNumber
          size="small"
          data-testid="image-grid-size"
          aria-label="Grid size"
          min={GRID_SIZE_RANGE.min}
          max={GRID_SIZE_RANGE.max}
          value={grid.size}
          disabled={!grid.show}
          suffix="px"
          style={{ width: 96 }}
          onChange={(size) => typeof size === "number" && setGrid({ size })}
        />
        <ColorPicker
          size="small"
          disabledAlpha
          presets={GRID_PRESETS}
          disabled={!grid.show}
          value={grid.color}
          onChangeComplete={(color: Color) => setGrid({ color: color.toHexString() })}
        />
      </Row>
      <Row label="Grid opacity">
        <div className="editor-slider" data-testid="image-grid-opacity">
          <Slider
            min={0}
            max={100}
            value={grid.opacity}
            disabled={!grid.show}
            onChange={(opacity) => setGrid({ opacity })}
          />
        </div>
      </Row>
      <div className="editor-image-footer">
        <Button size="small" data-testid="image-reset" onClick={() => onChange(DEFAULT_IMAGE_SETTINGS)}>
          Reset
        </Button>
      </div>
    </div>
  );
}

export function ImageSettingsButton({ settings, onChange }: Props) {
  const [open, setOpen] = useState(false);
  return (
    <Popover
      trigger="click"
      placement="rightTop"
      title="Image settings"
      open={open}
      onOpenChange={setOpen}
      content={<PanelBody settings={settings} onChange={onChange} />}
    >
      {/* The tooltip would cover the panel's title while it is open. */}
      <Tooltip placement="right" title="Image settings" {...(open ? { open: false } : {})}>
        <Button aria-label="Image settings" data-testid="image-settings-button" type="text" icon={<BgColorsOutlined />} className="editor-tool" />
      </Tooltip>
    </Popover>
  );
}
