// The constructor's form for one label: name, color, type, attributes and, for skeletons, the
// configurator. Problems are shown in place once the user tries to finish.
import { CheckOutlined, CloseOutlined, PlusOutlined } from "@ant-design/icons";
import { Alert, Button, ColorPicker, Divider, Flex, Form, Input, Select, Space, Typography } from "antd";
import { useState } from "react";
import { AttributesList } from "./AttributesList";
import { LABEL_TYPES, type LabelDraft, type LabelType } from "./labelDraft";
import { validateLabel } from "./labelValidation";
import { emptySkeleton } from "./skeleton";
import { SkeletonConfigurator } from "./SkeletonConfigurator";

interface LabelFormProps {
  initial: LabelDraft;
  isNew: boolean;
  /** Names of the other labels of the set (names must be unique). */
  otherNames: string[];
  /** Resolves false when the label was not accepted (the save failed): the form stays open. */
  onDone: (label: LabelDraft, continueWithNew: boolean) => Promise<boolean> | boolean;
  onCancel: () => void;
}

const TYPE_LABELS: Record<LabelType, string> = {
  any: "Any",
  rectangle: "Rectangle",
  polygon: "Polygon",
  polyline: "Polyline",
  points: "Points",
  ellipse: "Ellipse",
  cuboid: "Cuboid",
  mask: "Mask",
  tag: "Tag",
  skeleton: "Skeleton",
};

export function LabelForm({ initial, isNew, otherNames, onDone, onCancel }: LabelFormProps) {
  const [label, setLabel] = useState<LabelDraft>(initial);
  const [showIssues, setShowIssues] = useState(false);
  const [busy, setBusy] = useState(false);
  const issues = showIssues ? validateLabel(label, otherNames) : [];
  const issueAt = (path: string) => issues.find((i) => i.path === path)?.message;
  const isSkeleton = label.type === "skeleton";
  // The server keeps a label's kind: a saved label cannot become or stop being a skeleton.
  const typeOptions = LABEL_TYPES.filter((t) => isNew || (t === "skeleton") === (initial.type === "skeleton"));

  const finish = async (continueWithNew: boolean) => {
    setShowIssues(true);
    if (validateLabel(label, otherNames).length > 0) return;
    setBusy(true);
    try {
      await onDone({ ...label, name: label.name.trim() }, continueWithNew);
    } finally {
      setBusy(false);
    }
  };

  const changeType = (type: LabelType) =>
    setLabel((l) => ({ ...l, type, skeleton: type === "skeleton" ? (l.skeleton ?? emptySkeleton()) : undefined }));

  return (
    <Form component={false} layout="vertical">
      <div className="lbl-form" data-testid="label-form">
        <Typography.Title level={5} style={{ marginTop: 0 }}>
          {isNew ? (isSkeleton ? "New skeleton" : "New label") : `Edit label "${initial.name}"`}
        </Typography.Title>
        <Flex gap={12} wrap align="start">
          <Form.Item
            label="Label name"
            style={{ flex: "1 1 260px", marginBottom: 8 }}
            validateStatus={issueAt("name") ? "error" : undefined}
            help={issueAt("name")}
          >
            <Input
              autoFocus
              placeholder="Label name"
              value={label.name}
              onChange={(e) => setLabel({ ...label, name: e.target.value })}
              onPressEnter={() => !isSkeleton && void finish(isNew)}
            />
          </Form.Item>
          <Form.Item label="Color" style={{ marginBottom: 8 }} help={issueAt("color")}>
            <ColorPicker
              showText
              disabledAlpha
              value={label.color}
              onChange={(color) => setLabel({ ...label, color: color.toHexString() })}
            />
          </Form.Item>
          <Form.Item label="Type" style={{ width: 180, marginBottom: 8 }}>
            <Select
              aria-label="Label type"
              value={label.type}
              options={typeOptions.map((t) => ({ value: t, label: TYPE_LABELS[t] }))}
              onChange={changeType}
            />
          </Form.Item>
        </Flex>
        <Divider titlePlacement="start" plain style={{ margin: "8px 0 12px" }}>
          Attributes
        </Divider>
        <AttributesList
          attributes={label.attributes}
          issues={issues}
          onChange={(attributes) => setLabel({ ...label, attributes })}
        />
        {isSkeleton && (
          <>
            <Divider titlePlacement="start" plain style={{ margin: "16px 0 12px" }}>
              Skeleton
            </Divider>
            <SkeletonConfigurator
              skeleton={label.skeleton ?? emptySkeleton()}
              onChange={(skeleton) => setLabel((l) => ({ ...l, skeleton }))}
              locked={!isNew && initial.id !== undefined}
              issues={issues}
              fileName={label.name.trim()}
            />
          </>
        )}
        {issues.length > 0 && (
          <div data-testid="label-issues" style={{ marginTop: 16 }}>
          <Alert
            type="error"
            showIcon
            title="Fix these before continuing"
            description={
              <ul style={{ margin: 0, paddingLeft: 18 }}>
                {[...new Set(issues.map((i) => i.message))].map((m) => (
                  <li key={m}>{m}</li>
                ))}
              </ul>
            }
          />
          </div>
        )}
        <Space style={{ marginTop: 16 }}>
          <Button type="primary" icon={<CheckOutlined />} loading={busy} onClick={() => void finish(false)}>
            Done
          </Button>
          {isNew && (
            <Button icon={<PlusOutlined />} disabled={busy} onClick={() => void finish(true)}>
              Continue
            </Button>
          )}
          <Button icon={<CloseOutlined />} disabled={busy} onClick={onCancel}>
            Cancel
          </Button>
        </Space>
      </div>
    </Form>
  );
}
