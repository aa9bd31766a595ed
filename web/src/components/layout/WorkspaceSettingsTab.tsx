// The Workspace tab of the Settings dialog: saving, what objects show on the canvas, drawing aids.
import { Checkbox, Form, Radio, Slider, Typography } from "antd";
import {
  AAM_ZOOM_MARGIN_RANGE,
  AUTO_SAVE_INTERVAL_RANGE,
  CONTROL_POINTS_SIZE_RANGE,
  POLYGON_APPROXIMATION_RANGE,
  TEXT_FONT_SIZE_RANGE,
  type TextContent,
  type TextPosition,
} from "../../lib/settings";
import { optionsFrom, SettingCheckbox, SettingColumns, SettingInteger } from "../common/SettingFields";

const TEXT_CONTENT_LABELS: Record<TextContent, string> = {
  id: "ID",
  label: "Label",
  attributes: "Attributes",
  source: "Source",
  descriptions: "Descriptions",
  dimensions: "Dimensions",
};

const TEXT_POSITION_LABELS: Record<TextPosition, string> = { auto: "Auto", center: "Center" };

function SectionTitle({ children }: { children: string }) {
  return (
    <Typography.Title level={5} style={{ marginTop: 8, marginBottom: 12 }}>
      {children}
    </Typography.Title>
  );
}

export function WorkspaceSettingsTab() {
  return (
    <>
      <SectionTitle>Saving</SectionTitle>
      <SettingColumns align="bottom">
        <SettingCheckbox
          name={["workspace", "autoSave"]}
          label="Enable auto save"
          extra="Save the job's annotations every few minutes."
        />
        <SettingInteger
          label="Auto save interval"
          name={["workspace", "autoSaveIntervalMinutes"]}
          range={AUTO_SAVE_INTERVAL_RANGE}
          suffix="min"
          enabledBy={["workspace", "autoSave"]}
        />
      </SettingColumns>

      <SectionTitle>Objects on the canvas</SectionTitle>
      <SettingCheckbox
        name={["workspace", "showObjectsTextAlways"]}
        label="Always show object details"
        extra="Show the details of every object, not only of the active one."
      />
      <Form.Item label="Content of a text" name={["workspace", "textContent"]}>
        <Checkbox.Group options={optionsFrom(TEXT_CONTENT_LABELS)} />
      </Form.Item>
      <SettingColumns>
        <Form.Item label="Position of a text" name={["workspace", "textPosition"]}>
          <Radio.Group optionType="button" options={optionsFrom(TEXT_POSITION_LABELS)} />
        </Form.Item>
        <SettingInteger
          label="Font size of a text"
          name={["workspace", "textFontSize"]}
          range={TEXT_FONT_SIZE_RANGE}
          suffix="px"
        />
      </SettingColumns>
      <SettingColumns>
        <SettingCheckbox
          name={["workspace", "showTagsOnFrame"]}
          label="Show tags on frame"
          extra="Frame tags in the corner of the canvas."
        />
        <SettingInteger
          label="Control points size"
          name={["workspace", "controlPointsSize"]}
          range={CONTROL_POINTS_SIZE_RANGE}
          suffix="px"
        />
      </SettingColumns>

      <SectionTitle>Drawing</SectionTitle>
      <SettingCheckbox
        name={["workspace", "automaticBordering"]}
        label="Automatic bordering"
        extra="Snap polygon and polyline points to the borders of existing shapes while drawing."
      />
      <SettingCheckbox
        name={["workspace", "intelligentPolygonCrop"]}
        label="Intelligent polygon cropping"
        extra="When an edit splits a polygon, keep the larger part instead of asking."
      />
      <Form.Item
        label="Default number of points in polygon approximation"
        name={["workspace", "polygonApproximationLevel"]}
        extra="For polygons made by interactors and intelligent scissors."
      >
        <Slider
          min={POLYGON_APPROXIMATION_RANGE.min}
          max={POLYGON_APPROXIMATION_RANGE.max}
          marks={{ [POLYGON_APPROXIMATION_RANGE.min]: "Fewer", [POLYGON_APPROXIMATION_RANGE.max]: "More" }}
          style={{ marginInline: 16 }}
        />
      </Form.Item>

      <SectionTitle>Sidebar and modes</SectionTitle>
      <SettingColumns>
        <SettingCheckbox
          name={["workspace", "showAllInterpolationTracks"]}
          label="Show all interpolation tracks"
          extra="List tracks hidden on the current frame too."
        />
        <SettingInteger
          label="Attribute annotation mode zoom margin"
          name={["workspace", "aamZoomMargin"]}
          range={AAM_ZOOM_MARGIN_RANGE}
          suffix="px"
          last
        />
      </SettingColumns>
    </>
  );
}
