// The Raw tab: the label set as CVAT's JSON, editable, with Copy and a Done that applies it only
// when it reads and validates.
import { CheckOutlined, CopyOutlined, UndoOutlined } from "@ant-design/icons";
import { Alert, App, Button, Input, Space } from "antd";
import { useEffect, useState } from "react";
import type { LabelDraft } from "./labelDraft";
import { validateLabels } from "./labelValidation";
import { parseRawLabels, serializeRawLabels } from "./rawLabels";

interface RawLabelsEditorProps {
  labels: LabelDraft[];
  onApply: (next: LabelDraft[]) => Promise<boolean> | boolean;
  disabled?: boolean;
}

export function RawLabelsEditor({ labels, onApply, disabled }: RawLabelsEditorProps) {
  const { message } = App.useApp();
  const written = serializeRawLabels(labels);
  const [text, setText] = useState(written);
  const [errors, setErrors] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);

  // A change made elsewhere (the constructor, a save) replaces the text.
  useEffect(() => {
    setText(written);
    setErrors([]);
  }, [written]);

  const apply = async () => {
    const parsed = parseRawLabels(text, labels);
    if (!parsed.ok) return setErrors(parsed.errors);
    const problems = validateLabels(parsed.labels);
    if (problems.length) return setErrors(problems);
    setErrors([]);
    setBusy(true);
    try {
      if ((await onApply(parsed.labels)) !== false) message.success("Labels updated from the raw text.");
    } finally {
      setBusy(false);
    }
  };

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      message.success("Copied to the clipboard.");
    } catch {
      message.error("The browser refused access to the clipboard; select the text and copy it instead.");
    }
  };

  return (
    <div className="lbl-raw">
      <Input.TextArea
        aria-label="Raw labels"
        data-testid="raw-labels-input"
        value={text}
        spellCheck={false}
        autoSize={{ minRows: 10, maxRows: 28 }}
        disabled={disabled}
        onChange={(e) => setText(e.target.value)}
      />
      {errors.length > 0 && (
        <div data-testid="raw-labels-errors" style={{ marginTop: 12 }}>
          <Alert
            type="error"
            showIcon
            title="The labels were not applied"
            description={
              <ul style={{ margin: 0, paddingLeft: 18 }}>
                {errors.map((e) => (
                  <li key={e}>{e}</li>
                ))}
              </ul>
            }
          />
        </div>
      )}
      <Space style={{ marginTop: 12 }}>
        <Button type="primary" icon={<CheckOutlined />} loading={busy} disabled={disabled} onClick={() => void apply()}>
          Done
        </Button>
        <Button icon={<UndoOutlined />} disabled={busy || text === written} onClick={() => setText(written)}>
          Reset
        </Button>
        <Button icon={<CopyOutlined />} onClick={() => void copy()}>
          Copy
        </Button>
      </Space>
    </div>
  );
}
