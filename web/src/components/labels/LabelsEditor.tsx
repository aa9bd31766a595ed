// The label set editor of the create forms and of the task and project pages: the Constructor
// (list, Add label, Setup skeleton, the label form) and the Raw JSON tab.
import { ApartmentOutlined, CodeOutlined, PlusOutlined, ToolOutlined } from "@ant-design/icons";
import { Button, Flex, Tabs } from "antd";
import { useState } from "react";
import { pickColor } from "./colors";
import { emptyLabel, type LabelDraft, type LabelType } from "./labelDraft";
import { LabelForm } from "./LabelForm";
import { LabelList } from "./LabelList";
import { RawLabelsEditor } from "./RawLabelsEditor";
import "./labels.css";

export interface LabelsEditorProps {
  value: LabelDraft[];
  /** Resolves false when the change was refused or failed to save; the editor then keeps its form. */
  onChange: (next: LabelDraft[]) => Promise<boolean> | boolean | void;
  disabled?: boolean;
  /** Told when a label form opens or closes, so a page can hold its submit until it is done. */
  onEditingChange?: (editing: boolean) => void;
}

type Editing = { label: LabelDraft; isNew: boolean } | null;

export function LabelsEditor({ value, onChange, disabled, onEditingChange }: LabelsEditorProps) {
  const [tab, setTab] = useState<"constructor" | "raw">("constructor");
  const [editing, setEditingState] = useState<Editing>(null);
  const setEditing = (next: Editing) => {
    setEditingState(next);
    onEditingChange?.(next !== null);
  };

  const commit = async (next: LabelDraft[]) => (await onChange(next)) !== false;
  const startNew = (type: LabelType = "any", labels = value) =>
    setEditing({ label: emptyLabel(pickColor(labels.map((l) => l.color)), type), isNew: true });

  const finish = async (label: LabelDraft, continueWithNew: boolean) => {
    const exists = value.some((l) => l.key === label.key);
    const next = exists ? value.map((l) => (l.key === label.key ? label : l)) : [...value, label];
    if (!(await commit(next))) return false;
    if (continueWithNew) startNew(label.type === "skeleton" ? "any" : label.type, next);
    else setEditing(null);
    return true;
  };

  const constructor = editing ? (
    <LabelForm
      key={editing.label.key}
      initial={editing.label}
      isNew={editing.isNew}
      otherNames={value.filter((l) => l.key !== editing.label.key).map((l) => l.name)}
      onDone={finish}
      onCancel={() => setEditing(null)}
    />
  ) : (
    <Flex vertical gap={12}>
      <Flex gap={8}>
        <Button type="primary" ghost icon={<PlusOutlined />} disabled={disabled} onClick={() => startNew()}>
          Add label
        </Button>
        <Button icon={<ApartmentOutlined />} disabled={disabled} onClick={() => startNew("skeleton")}>
          Setup skeleton
        </Button>
      </Flex>
      <LabelList
        labels={value}
        emptyText="No labels yet: add one, set up a skeleton, or paste them in Raw"
        onEdit={disabled ? undefined : (label) => setEditing({ label, isNew: false })}
        onRemove={disabled ? undefined : (label) => void commit(value.filter((l) => l.key !== label.key))}
      />
    </Flex>
  );

  return (
    <Tabs
      activeKey={tab}
      onChange={(key) => setTab(key as "constructor" | "raw")}
      size="small"
      items={[
        { key: "constructor", label: "Constructor", icon: <ToolOutlined />, children: constructor },
        {
          key: "raw",
          label: "Raw",
          icon: <CodeOutlined />,
          children: <RawLabelsEditor labels={value} disabled={disabled} onApply={commit} />,
        },
      ]}
    />
  );
}
