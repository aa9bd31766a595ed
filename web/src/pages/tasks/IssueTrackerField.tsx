// The issue tracker address of a task or project: a link that opens it, edited in place.
import { EditOutlined, ExportOutlined, LinkOutlined } from "@ant-design/icons";
import { Button, Form, Input, Space, Typography } from "antd";
import { useState } from "react";
import { trackerUrlProblem } from "./taskFacts";

export interface IssueTrackerFieldProps {
  value: string;
  /** Saves the new address; resolves true when the server took it. */
  onSave: (value: string) => Promise<boolean>;
  disabled?: boolean;
}

export function IssueTrackerField({ value, onSave, disabled }: IssueTrackerFieldProps) {
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(value);
  const [saving, setSaving] = useState(false);
  const problem = trackerUrlProblem(draft);

  async function save() {
    if (problem) return;
    setSaving(true);
    const saved = await onSave(draft.trim());
    setSaving(false);
    if (saved) setEditing(false);
  }

  if (editing) {
    return (
      <Form.Item validateStatus={problem ? "error" : undefined} help={problem ?? undefined} style={{ margin: 0 }}>
        <Space.Compact style={{ width: "100%", maxWidth: 520 }}>
          <Input
            autoFocus
            prefix={<LinkOutlined />}
            value={draft}
            placeholder="https://tracker.example.com/issues/1"
            onChange={(event) => setDraft(event.target.value)}
            onPressEnter={save}
            onKeyDown={(event) => event.key === "Escape" && setEditing(false)}
            aria-label="Issue tracker"
            data-testid="issue-tracker-input"
          />
          <Button type="primary" onClick={save} loading={saving} disabled={problem !== null}>
            Save
          </Button>
          <Button onClick={() => setEditing(false)}>Cancel</Button>
        </Space.Compact>
      </Form.Item>
    );
  }

  return (
    <Space size={4} wrap>
      {value ? (
        <Typography.Link href={value} target="_blank" rel="noopener noreferrer" ellipsis style={{ maxWidth: 360 }}>
          {value} <ExportOutlined />
        </Typography.Link>
      ) : (
        <Typography.Text type="secondary">Not set</Typography.Text>
      )}
      {!disabled && (
        <Button
          type="link"
          size="small"
          icon={<EditOutlined />}
          onClick={() => {
            setDraft(value);
            setEditing(true);
          }}
          data-testid="issue-tracker-edit"
        >
          {value ? "Edit" : "Add"}
        </Button>
      )}
    </Space>
  );
}
