// The attributes of a label or skeleton point, with "Add an attribute".
import { PlusOutlined } from "@ant-design/icons";
import { Button, Flex, Typography } from "antd";
import { newAttribute, type AttributeField } from "./attributeRules";
import { AttributeEditor } from "./AttributeEditor";
import type { AttributeDraft } from "./labelDraft";
import type { LabelIssue } from "./labelValidation";

interface AttributesListProps {
  attributes: AttributeDraft[];
  onChange: (next: AttributeDraft[]) => void;
  issues: LabelIssue[];
  /** The issue path prefix of these attributes: "" for a label, "points.3." for a point. */
  pathPrefix?: string;
}

function issuesOf(issues: LabelIssue[], prefix: string): Partial<Record<AttributeField, string>> {
  const found: Partial<Record<AttributeField, string>> = {};
  for (const issue of issues) {
    if (!issue.path.startsWith(prefix)) continue;
    const fieldName = issue.path.slice(prefix.length) as AttributeField;
    found[fieldName] ??= issue.message;
  }
  return found;
}

export function AttributesList({ attributes, onChange, issues, pathPrefix = "" }: AttributesListProps) {
  const replace = (key: string, next: AttributeDraft) => onChange(attributes.map((a) => (a.key === key ? next : a)));
  return (
    <Flex vertical gap={8}>
      {attributes.length === 0 && (
        <Typography.Text type="secondary">No attributes. Attributes describe objects further (e.g. color, occluded).</Typography.Text>
      )}
      {attributes.map((attribute, index) => (
        <AttributeEditor
          key={attribute.key}
          index={index}
          attribute={attribute}
          issues={issuesOf(issues, `${pathPrefix}attributes.${attribute.key}.`)}
          onChange={(next) => replace(attribute.key, next)}
          onRemove={() => onChange(attributes.filter((a) => a.key !== attribute.key))}
        />
      ))}
      <div>
        <Button icon={<PlusOutlined />} onClick={() => onChange([...attributes, newAttribute()])}>
          Add an attribute
        </Button>
      </div>
    </Flex>
  );
}
