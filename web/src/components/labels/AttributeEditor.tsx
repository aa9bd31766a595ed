// One attribute of a label: name, input type, values, default and mutability, with its issues
// shown under the field at fault.
import { DeleteOutlined } from "@ant-design/icons";
import { Button, Checkbox, Form, Input, Select, Tooltip } from "antd";
import { changeInputType, formatNumberTriple, parseNumberTriple, type AttributeField } from "./attributeRules";
import { INPUT_TYPES, type AttributeDraft } from "./labelDraft";

interface AttributeEditorProps {
  attribute: AttributeDraft;
  onChange: (next: AttributeDraft) => void;
  onRemove: () => void;
  issues: Partial<Record<AttributeField, string>>;
  index: number;
}

const INPUT_TYPE_LABELS: Record<(typeof INPUT_TYPES)[number], string> = {
  select: "Select",
  radio: "Radio",
  checkbox: "Checkbox",
  text: "Text",
  number: "Number",
};

function field(issue: string | undefined) {
  return issue ? { validateStatus: "error" as const, help: issue } : {};
}

function ValuesInput({ attribute, onChange, issue }: { attribute: AttributeDraft; onChange: (a: AttributeDraft) => void; issue?: string }) {
  const { inputType } = attribute;
  if (inputType === "select" || inputType === "radio") {
    return (
      <Form.Item {...field(issue)}>
        <Select
          mode="tags"
          open={false}
          suffixIcon={null}
          aria-label="Attribute values"
          placeholder="Type a value, press Enter"
          value={attribute.values}
          onChange={(values: string[]) => {
            const defaultValue = values.includes(attribute.defaultValue) ? attribute.defaultValue : "";
            onChange({ ...attribute, values, defaultValue });
          }}
        />
      </Form.Item>
    );
  }
  if (inputType === "number") {
    return (
      <Form.Item {...field(issue)}>
        <Input
          aria-label="Attribute values"
          placeholder="min;max;step"
          value={formatNumberTriple(attribute.values)}
          onChange={(e) => onChange({ ...attribute, values: parseNumberTriple(e.target.value) })}
        />
      </Form.Item>
    );
  }
  if (inputType === "checkbox") {
    return (
      <Form.Item {...field(issue)} extra="Checked or unchecked">
        <Input disabled value="true / false" aria-label="Attribute values" />
      </Form.Item>
    );
  }
  return (
    <Form.Item extra="Free text">
      <Input disabled value="any text" aria-label="Attribute values" />
    </Form.Item>
  );
}

function DefaultInput({ attribute, onChange, issue }: { attribute: AttributeDraft; onChange: (a: AttributeDraft) => void; issue?: string }) {
  const { inputType } = attribute;
  if (inputType === "select" || inputType === "radio") {
    return (
      <Form.Item {...field(issue)}>
        <Select
          aria-label="Default value"
          placeholder="Default: first value"
          allowClear
          value={attribute.defaultValue || undefined}
          options={attribute.values.map((v) => ({ value: v, label: v }))}
          onChange={(value?: string) => onChange({ ...attribute, defaultValue: value ?? "" })}
        />
      </Form.Item>
    );
  }
  if (inputType === "checkbox") {
    return (
      <Form.Item {...field(issue)}>
        <Select
          aria-label="Default value"
          value={attribute.defaultValue || "false"}
          options={[
            { value: "false", label: "Default: unchecked" },
            { value: "true", label: "Default: checked" },
          ]}
          onChange={(value: string) => onChange({ ...attribute, values: [value], defaultValue: value })}
        />
      </Form.Item>
    );
  }
  return (
    <Form.Item {...field(issue)}>
      <Input
        aria-label="Default value"
        placeholder={inputType === "number" ? "Default: min" : "Default text"}
        value={attribute.defaultValue}
        onChange={(e) => onChange({ ...attribute, defaultValue: e.target.value })}
      />
    </Form.Item>
  );
}

export function AttributeEditor({ attribute, onChange, onRemove, issues, index }: AttributeEditorProps) {
  return (
    <div className="lbl-attr" data-testid={`attribute-${index}`}>
      <Form.Item {...field(issues.name)}>
        <Input
          aria-label="Attribute name"
          placeholder="Attribute name"
          value={attribute.name}
          onChange={(e) => onChange({ ...attribute, name: e.target.value })}
        />
      </Form.Item>
      <Form.Item>
        <Select
          aria-label="Input type"
          value={attribute.inputType}
          options={INPUT_TYPES.map((t) => ({ value: t, label: INPUT_TYPE_LABELS[t] }))}
          onChange={(inputType) => onChange(changeInputType(attribute, inputType))}
        />
      </Form.Item>
      <ValuesInput attribute={attribute} onChange={onChange} issue={issues.values} />
      <DefaultInput attribute={attribute} onChange={onChange} issue={issues.default} />
      <Tooltip title="Mutable attributes may change from frame to frame of a track">
        <Checkbox
          style={{ marginTop: 5 }}
          checked={attribute.mutable}
          onChange={(e) => onChange({ ...attribute, mutable: e.target.checked })}
        >
          Mutable
        </Checkbox>
      </Tooltip>
      <Tooltip title="Remove the attribute">
        <Button type="text" danger icon={<DeleteOutlined />} aria-label="Remove attribute" onClick={onRemove} />
      </Tooltip>
    </div>
  );
}
