// The value part of a filter rule: text, number, date and time, or choices, by field and operator.
import { DatePicker, Flex, Input, InputNumber, Select, Typography } from "antd";
import dayjs from "dayjs";
import { OPERATORS, type FilterField, type OperatorId } from "./filterFields";
import type { RuleValue, Scalar } from "./filterTree";

interface RuleValueInputProps {
  field: FilterField;
  operator: OperatorId;
  value: RuleValue;
  onChange: (value: RuleValue) => void;
}

interface SingleProps {
  field: FilterField;
  value: Scalar | null;
  onChange: (value: Scalar | null) => void;
  label: string;
}

function SingleValue({ field, value, onChange, label }: SingleProps) {
  if (field.type === "number") {
    return (
      <InputNumber
        aria-label={label}
        placeholder="Number"
        value={typeof value === "number" ? value : null}
        onChange={(next) => onChange(typeof next === "number" ? next : null)}
        style={{ width: "100%" }}
      />
    );
  }
  if (field.type === "date") {
    return (
      <DatePicker
        aria-label={label}
        showTime={{ format: "HH:mm" }}
        format="YYYY-MM-DD HH:mm"
        value={typeof value === "string" && value ? dayjs(value) : null}
        onChange={(next) => onChange(next ? next.toISOString() : null)}
        style={{ width: "100%" }}
      />
    );
  }
  if (field.type === "select") {
    return (
      <Select
        aria-label={label}
        placeholder="Choose a value"
        value={typeof value === "string" ? value : undefined}
        options={field.options?.map((option) => ({ value: option.value, label: option.label }))}
        onChange={(next: string) => onChange(next)}
        style={{ width: "100%" }}
      />
    );
  }
  return (
    <Input
      aria-label={label}
      placeholder="Text"
      value={typeof value === "string" ? value : ""}
      onChange={(event) => onChange(event.target.value)}
    />
  );
}

export function RuleValueInput({ field, operator, value, onChange }: RuleValueInputProps) {
  const arity = OPERATORS[operator].arity;
  if (arity === "none") return null;
  if (arity === "many") {
    const values = Array.isArray(value) ? (value as Scalar[]).map(String) : [];
    return (
      <Select
        mode="multiple"
        aria-label="Values"
        placeholder="Choose values"
        value={values}
        options={field.options?.map((option) => ({ value: option.value, label: option.label }))}
        onChange={(next: string[]) => onChange(next)}
        style={{ width: "100%" }}
      />
    );
  }
  if (arity === "two") {
    const [low, high] = Array.isArray(value) && value.length === 2 ? (value as [Scalar | null, Scalar | null]) : [null, null];
    return (
      <Flex gap={8} align="center" style={{ width: "100%" }}>
        <SingleValue field={field} label="From" value={low} onChange={(next) => onChange([next, high])} />
        <Typography.Text type="secondary">and</Typography.Text>
        <SingleValue field={field} label="To" value={high} onChange={(next) => onChange([low, next])} />
      </Flex>
    );
  }
  const single = Array.isArray(value) ? null : (value as Scalar | null);
  return <SingleValue field={field} label="Value" value={single} onChange={onChange} />;
}
