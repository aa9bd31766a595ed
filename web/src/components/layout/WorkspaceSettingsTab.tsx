// The Workspace tab of the Settings dialog: saving, what objects show on the canvas, drawing aids.
import { Checkbox, Col, Form, InputNumber, Radio, Row, Slider, Typography } from "antd";
import {
  AAM_ZOOM_MARGIN_RANGE,
  AUTO_SAVE_INTERVAL_RANGE,
  CONTROL_POINTS_SIZE_RANGE,
  POLYGON_APPROXIMATION_RANGE,
  TEXT_FONT_SIZE_RANGE,
  type NumberSpec,
  type TextContent,
} from "../../lib/settings";

const TEXT_CONTENT_LABELS: Record<TextContent, string> = {
  id: "ID",
  label: "Label",
  attributes: "Attributes",
  source: "Source",
  descriptions: "Descriptions",
  dimensions: "Dimensions",
};

function integerRules(range: NumberSpec) {
  return [{ required: true, type: "integer" as const, min: range.min, max: range.max }];
}

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
      <Row gutter={24} align="bottom">
        <Col span={12}>
          <Form.Item
            name={["workspace", "autoSave"]}
            valuePropName="checked"
            extra="Save the job's annotations every few minutes."
          >
            <Checkbox>Enable auto save</Checkbox>
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item noStyle dependencies={[["workspace", "autoSave"]]}>
            {({ getFieldValue }) => (
              <Form.Item
                label="Auto save interval"
                name={["workspace", "autoSaveIntervalMinutes"]}
                rules={integerRules(AUTO_SAVE_INTERVAL_RANGE)}
              >
                <InputNumber
                  min={AUTO_SAVE_INTERVAL_RANGE.min}
                  max={AUTO_SAVE_INTERVAL_RANGE.max}
                  precision={0}
                  suffix="min"
                  disabled={!getFieldValue(["workspace", "autoSave"])}
                  style={{ width: 140 }}
                />
              </Form.Item>
            )}
          </Form.Item>
        </Col>
      </Row>

      <SectionTitle>Objects on the canvas</SectionTitle>
      <Form.Item
        name={["workspace", "showObjectsTextAlways"]}
        valuePropName="checked"
        extra="Show the details of every object, not only of the active one."
      >
        <Checkbox>Always show object details</Checkbox>
      </Form.Item>
      <Form.Item label="Content of a text" name={["workspace", "textContent"]}>
        <Checkbox.Group
          options={Object.entries(TEXT_CONTENT_LABELS).map(([value, label]) => ({ value, label }))}
        />
      </Form.Item>
      <Row gutter={24}>
        <Col span={12}>
          <Form.Item label="Position of a text" name={["workspace", "textPosition"]}>
            <Radio.Group
              optionType="button"
              options={[
                { value: "auto", label: "Auto" },
                { value: "center", label: "Center" },
              ]}
            />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item
            label="Font size of a text"
            name={["workspace", "textFontSize"]}
            rules={integerRules(TEXT_FONT_SIZE_RANGE)}
          >
            <InputNumber
              min={TEXT_FONT_SIZE_RANGE.min}
              max={TEXT_FONT_SIZE_RANGE.max}
              precision={0}
              suffix="px"
              style={{ width: 140 }}
            />
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={24}>
        <Col span={12}>
          <Form.Item
            name={["workspace", "showTagsOnFrame"]}
            valuePropName="checked"
            extra="Frame tags in the corner of the canvas."
          >
            <Checkbox>Show tags on frame</Checkbox>
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item
            label="Control points size"
            name={["workspace", "controlPointsSize"]}
            rules={integerRules(CONTROL_POINTS_SIZE_RANGE)}
          >
            <InputNumber
              min={CONTROL_POINTS_SIZE_RANGE.min}
              max={CONTROL_POINTS_SIZE_RANGE.max}
              precision={0}
              suffix="px"
              style={{ width: 140 }}
            />
          </Form.Item>
        </Col>
      </Row>

      <SectionTitle>Drawing</SectionTitle>
      <Form.Item
        name={["workspace", "automaticBordering"]}
        valuePropName="checked"
        extra="Snap polygon and polyline points to the borders of existing shapes while drawing."
      >
        <Checkbox>Automatic bordering</Checkbox>
      </Form.Item>
      <Form.Item
        name={["workspace", "intelligentPolygonCrop"]}
        valuePropName="checked"
        extra="When an edit splits a polygon, keep the larger part instead of asking."
      >
        <Checkbox>Intelligent polygon cropping</Checkbox>
      </Form.Item>
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
      <Row gutter={24}>
        <Col span={12}>
          <Form.Item
            name={["workspace", "showAllInterpolationTracks"]}
            valuePropName="checked"
            extra="List tracks hidden on the current frame too."
          >
            <Checkbox>Show all interpolation tracks</Checkbox>
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item
            label="Attribute annotation mode zoom margin"
            name={["workspace", "aamZoomMargin"]}
            rules={integerRules(AAM_ZOOM_MARGIN_RANGE)}
            style={{ marginBottom: 0 }}
          >
            <InputNumber
              min={AAM_ZOOM_MARGIN_RANGE.min}
              max={AAM_ZOOM_MARGIN_RANGE.max}
              precision={0}
              suffix="px"
              style={{ width: 140 }}
            />
          </Form.Item>
        </Col>
      </Row>
    </>
  );
}
