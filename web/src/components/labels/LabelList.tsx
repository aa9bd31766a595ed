// The labels of a set as colored items with their type and counts, each editable and removable.
import { DeleteOutlined, EditOutlined } from "@ant-design/icons";
import { Button, Empty, Tooltip } from "antd";
import type { LabelDraft } from "./labelDraft";

interface LabelListProps {
  labels: LabelDraft[];
  onEdit?: (label: LabelDraft) => void;
  onRemove?: (label: LabelDraft) => void;
  emptyText?: string;
}

function summary(label: LabelDraft): string {
  const parts: string[] = [label.type];
  if (label.type === "skeleton") parts.push(`${label.skeleton?.points.length ?? 0} points`);
  if (label.attributes.length) {
    parts.push(`${label.attributes.length} attribute${label.attributes.length === 1 ? "" : "s"}`);
  }
  return parts.join(" · ");
}

export function LabelList({ labels, onEdit, onRemove, emptyText = "No labels yet" }: LabelListProps) {
  if (labels.length === 0) {
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={emptyText} style={{ margin: "8px 0" }} />;
  }
  return (
    <div className="lbl-list" data-testid="label-list">
      {labels.map((label) => (
        <div
          key={label.key}
          className="lbl-item"
          style={{ borderLeftColor: label.color }}
          data-testid={`label-item-${label.name}`}
        >
          <span className="lbl-item-name">{label.name}</span>
          <span className="lbl-item-meta">{summary(label)}</span>
          {onEdit && (
            <Tooltip title="Edit">
              <Button size="small" type="text" icon={<EditOutlined />} aria-label={`Edit ${label.name}`} onClick={() => onEdit(label)} />
            </Tooltip>
          )}
          {onRemove && (
            <Tooltip title="Delete">
              <Button
                size="small"
                type="text"
                danger
                icon={<DeleteOutlined />}
                aria-label={`Delete ${label.name}`}
                onClick={() => onRemove(label)}
              />
            </Tooltip>
          )}
        </div>
      ))}
    </div>
  );
}
