// The rows of the Settings dialog: a checkbox, an integer box, and two-column rows of them, each
// naming its setting by section and key so a checkbox can only point at a boolean setting and a
// number box only at a number one (a typo in a key is a type error, not a silently unsaved field).
import { Checkbox, Col, Form, InputNumber, Row } from "antd";
import type { RowProps } from "antd";
import { Children, type ReactNode } from "react";
import type { NumberSpec, PlayerSettings, WorkspaceSettings } from "../../lib/settings";

type KeysHolding<T, V> = { [K in keyof T]-?: T[K] extends V ? K : never }[keyof T];

/** The form path of a setting whose value is a `V`: ["player", "frameStep"]. */
export type SettingName<V> =
  | ["player", KeysHolding<PlayerSettings, V>]
  | ["workspace", KeysHolding<WorkspaceSettings, V>];

// The last row of a tab sits flush with the dialog's footer.
const FLUSH = { marginBottom: 0 };

interface SettingCheckboxProps {
  name: SettingName<boolean>;
  label: string;
  extra?: string;
  last?: boolean;
}

export function SettingCheckbox({ name, label, extra, last }: SettingCheckboxProps) {
  return (
    <Form.Item name={name} valuePropName="checked" extra={extra} style={last ? FLUSH : undefined}>
      <Checkbox>{label}</Checkbox>
    </Form.Item>
  );
}

interface SettingIntegerProps {
  name: SettingName<number>;
  label: string;
  range: NumberSpec;
  suffix: string;
  extra?: string;
  width?: number;
  /** A boolean setting that must be on for this one to be editable (auto save → its interval). */
  enabledBy?: SettingName<boolean>;
  last?: boolean;
}

export function SettingInteger({ enabledBy, ...props }: SettingIntegerProps) {
  if (!enabledBy) return <IntegerItem {...props} />;
  return (
    <Form.Item noStyle dependencies={[enabledBy]}>
      {({ getFieldValue }) => <IntegerItem {...props} disabled={!getFieldValue(enabledBy)} />}
    </Form.Item>
  );
}

// `disabled` stays undefined unless set, so the field follows the form's own disabled state.
function IntegerItem(props: Omit<SettingIntegerProps, "enabledBy"> & { disabled?: boolean }) {
  const { name, label, range, suffix, extra, width = 140, last, disabled } = props;
  return (
    <Form.Item
      label={label}
      name={name}
      extra={extra}
      rules={[{ required: true, type: "integer", min: range.min, max: range.max }]}
      style={last ? FLUSH : undefined}
    >
      <InputNumber
        min={range.min}
        max={range.max}
        precision={0}
        suffix={suffix}
        disabled={disabled}
        style={{ width }}
      />
    </Form.Item>
  );
}

/** Settings side by side, two to a row. */
export function SettingColumns({ children, align }: { children: ReactNode; align?: RowProps["align"] }) {
  return (
    <Row gutter={24} align={align}>
      {Children.toArray(children).map((child, index) => (
        <Col key={index} span={12}>
          {child}
        </Col>
      ))}
    </Row>
  );
}

/** Select/radio/checkbox-group options from a value → label table, in the table's order. */
export function optionsFrom<Value extends string>(labels: Record<Value, string>): { value: Value; label: string }[] {
  return (Object.entries(labels) as [Value, string][]).map(([value, label]) => ({ value, label }));
}
