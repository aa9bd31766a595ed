// The Appearance panel under the sidebar's tabs: colour by instance / group / label, fill opacity
// of shapes and of selected ones, outlined borders in one colour, the bitmap view and cuboid projections.
import { Checkbox, ColorPicker, Collapse, Radio, Slider, Typography } from "antd";
import { COLOR_BY, type Appearance, type ColorBy } from "../appearance";

export interface AppearancePanelProps {
  appearance: Appearance;
  onChange: (update: (current: Appearance) => Appearance) => void;
}

const COLOR_BY_NAMES: Record<ColorBy, string> = { instance: "Instance", group: "Group", label: "Label" };

export function AppearancePanel({ appearance, onChange }: AppearancePanelProps) {
  const set = <K extends keyof Appearance>(key: K, value: Appearance[K]) => onChange((current) => ({ ...current, [key]: value }));
  const percent = (value: number) => Math.round(value * 100);
  return (
    <Collapse
      size="small"
      className="editor-appearance"
      data-testid="appearance"
      items={[
        {
          key: "appearance",
          label: "Appearance",
          children: (
            <div className="editor-appearance-body">
              <Typography.Text type="secondary">Color by</Typography.Text>
              <Radio.Group
                size="small"
                optionType="button"
                data-testid="appearance-color-by"
                value={appearance.colorBy}
                onChange={(event) => set("colorBy", event.target.value as ColorBy)}
                options={COLOR_BY.map((value) => ({ value, label: COLOR_BY_NAMES[value] }))}
              />
              <Typography.Text type="secondary">Opacity</Typography.Text>
              <Slider
                data-testid="appearance-opacity"
                min={0}
                max={100}
                value={percent(appearance.opacity)}
                onChange={(value: number) => set("opacity", value / 100)}
                ariaLabelForHandle="Opacity"
              />
              <Typography.Text type="secondary">Selected opacity</Typography.Text>
              <Slider
                data-testid="appearance-selected-opacity"
                min={0}
                max={100}
                value={percent(appearance.selectedOpacity)}
                onChange={(value: number) => set("selectedOpacity", value / 100)}
                ariaLabelForHandle="Selected opacity"
              />
              <div className="editor-appearance-row">
                <Checkbox data-testid="appearance-outlined" checked={appearance.outlined} onChange={(event) => set("outlined", event.target.checked)}>
                  Outlined borders
                </Checkbox>
                <ColorPicker
                  size="small"
                  data-testid="appearance-outline-color"
                  disabled={!appearance.outlined}
                  disabledAlpha
                  value={appearance.outlineColor}
                  onChangeComplete={(value) => set("outlineColor", value.toHexString())}
                />
              </div>
              <Checkbox data-testid="appearance-bitmap" checked={appearance.showBitmap} onChange={(event) => set("showBitmap", event.target.checked)}>
                Show bitmap
              </Checkbox>
              <Checkbox data-testid="appearance-projections" checked={appearance.showProjections} onChange={(event) => set("showProjections", event.target.checked)}>
                Show projections
              </Checkbox>
            </div>
          ),
        },
      ]}
    />
  );
}
