// The attributes of an object's label, each with the input its type needs. Every committed value
// is checked first (number bounds and step, listed options) and is one undo step; a text or number
// is committed on Enter or when the field loses focus, not on every key.
import { Checkbox, Input, InputNumber, Radio, Select, Typography } from "antd";
import { useEffect, useState } from "react";
import {
  attributeInput,
  attributeValueOf,
  checkAttributeValue,
  numberRange,
  type AttributeSpec,
} from "../../engine/document/attributes";
import type { AttributeValues } from "../../engine/document/model";

export interface AttributesEditorProps {
  specs: readonly AttributeSpec[];
  values: AttributeValues;
  disabled: boolean;
  onChange: (attributeId: number, value: string) => void;
}

export function AttributesEditor({ specs, values, disabled, onChange }: AttributesEditorProps) {
  if (specs.length === 0) {
    return <Typography.Text type="secondary">This label has no attributes.</Typography.Text>;
  }
  return (
    <div className="editor-attributes" data-testid="attributes-editor">
      {specs.map((spec) => (
        <AttributeField
          key={spec.id}
          spec={spec}
          value={attributeValueOf(values, spec)}
          disabled={disabled}
          onChange={(value) => onChange(spec.id, value)}
        />
      ))}
    </div>
  );
}

function AttributeField({ spec, value, disabled, onChange }: { spec: AttributeSpec; value: string; disabled: boolean; onChange: (value: string) => void }) {
  const input = attributeInput(spec);
  const testId = `attribute-${spec.name}`;
  const commit = (raw: string) => {
    const checked = checkAttributeValue(spec, raw);
    if (checked.ok && checked.value !== value) onChange(checked.value);
    return checked;
  };
  if (input === "checkbox") {
    return (
      <Checkbox data-testid={testId} checked={value === "true"} disabled={disabled} onChange={(event) => commit(String(event.target.checked))}>
        {spec.name}
      </Checkbox>
    );
  }
  return (
    <div className="editor-attribute">
      <Typography.Text type="secondary" className="editor-attribute-name">
        {spec.name}
      </Typography.Text>
      {input === "radio" && (
        <Radio.Group
          data-testid={testId}
          size="small"
          value={value}
          disabled={disabled}
          onChange={(event) => commit(String(event.target.value))}
          options={spec.values.map((option) => ({ value: option, label: option }))}
        />
      )}
      {input === "select" && (
        <Select
          data-testid={testId}
          aria-label={spec.name}
          size="small"
          value={value}
          disabled={disabled}
          onChange={(next: string) => commit(next)}
          options={spec.values.map((option) => ({ value: option, label: option }))}
        />
      )}
      {(input === "number" || input === "text") && <TypedField spec={spec} value={value} disabled={disabled} commit={commit} testId={testId} />}
    </div>
  );
}

/** A text or number box holding what is typed until it is committed; shows why a value was refused. */
function TypedField(props: {
  spec: AttributeSpec;
  value: string;
  disabled: boolean;
  testId: string;
  commit: (raw: string) => ReturnType<typeof checkAttributeValue>;
}) {
  const { spec, value, disabled, testId, commit } = props;
  const [typed, setTyped] = useState(value);
  const [problem, setProblem] = useState<string | null>(null);
  // Undo, redo or another card's edit changed the stored value: show it.
  useEffect(() => {
    setTyped(value);
    setProblem(null);
  }, [value]);

  const finish = () => {
    const checked = commit(typed);
    setProblem(checked.ok ? null : checked.problem);
  };
  const status = problem === null ? undefined : "error";
  const range = numberRange(spec);
  return (
    <>
      {attributeInput(spec) === "number" ? (
        <InputNumber
          data-testid={testId}
          aria-label={spec.name}
          size="small"
          status={status}
          // No min/max here: the input would drop out-of-range keystrokes silently; the check
          // below refuses them with a reason instead.
          step={range === null ? undefined : String(range.step)}
          value={typed}
          disabled={disabled}
          stringMode
          onChange={(next) => setTyped(next === null ? "" : String(next))}
          onBlur={finish}
          onPressEnter={finish}
        />
      ) : (
        <Input
          data-testid={testId}
          aria-label={spec.name}
          size="small"
          status={status}
          value={typed}
          disabled={disabled}
          onChange={(event) => setTyped(event.target.value)}
          onBlur={finish}
          onPressEnter={finish}
        />
      )}
      {problem !== null && (
        <Typography.Text type="danger" className="editor-attribute-problem" data-testid={`${testId}-problem`}>
          {problem}
        </Typography.Text>
      )}
    </>
  );
}
