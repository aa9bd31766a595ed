// The sort control: drag fields into the "Sorted by" list, order them, flip each one's direction.
// HTML5 drag and drop; clicking a field adds it too, for keyboards and touch screens.
import {
  CloseOutlined,
  HolderOutlined,
  PlusOutlined,
  SortAscendingOutlined,
  SortDescendingOutlined,
} from "@ant-design/icons";
import { Button, Flex, Popover, Tooltip, Typography } from "antd";
import { useState, type DragEvent } from "react";
import {
  describeSort,
  formatSort,
  parseSort,
  placeField,
  removeField,
  toggleDirection,
  type SortField,
  type SortItem,
} from "./sorting";
import "./listing.css";

interface SortControlProps {
  fields: readonly SortField[];
  value: string;
  defaultValue: string;
  onChange: (sort: string) => void;
}

const DRAG_TYPE = "text/plain";

export function SortControl({ fields, value, defaultValue, onChange }: SortControlProps) {
  const [open, setOpen] = useState(false);
  const [draft, setDraft] = useState<SortItem[]>([]);
  const applied = parseSort(value, fields);

  const show = (next: boolean) => {
    if (next) setDraft(applied);
    setOpen(next);
  };
  const apply = () => {
    onChange(formatSort(draft));
    setOpen(false);
  };

  return (
    <Popover
      open={open}
      onOpenChange={show}
      trigger="click"
      placement="bottomLeft"
      title="Sort"
      content={
        <SortPanel
          fields={fields}
          draft={draft}
          onDraft={setDraft}
          onReset={() => setDraft(parseSort(defaultValue, fields))}
          onApply={apply}
        />
      }
    >
      <Button icon={<SortAscendingOutlined />} data-testid="sort-control">
        <span className="sort-button-text">
          Sort by <span className="sort-button-value">{describeSort(applied, fields) || "default"}</span>
        </span>
      </Button>
    </Popover>
  );
}

interface SortPanelProps {
  fields: readonly SortField[];
  draft: SortItem[];
  onDraft: (items: SortItem[]) => void;
  onReset: () => void;
  onApply: () => void;
}

function SortPanel({ fields, draft, onDraft, onReset, onApply }: SortPanelProps) {
  const [dropIndex, setDropIndex] = useState<number | null>(null);
  const labelOf = (key: string) => fields.find((field) => field.key === key)?.label ?? key;
  const available = fields.filter((field) => !draft.some((item) => item.field === field.key));

  const startDrag = (event: DragEvent, field: string) => {
    event.dataTransfer.setData(DRAG_TYPE, field);
    event.dataTransfer.effectAllowed = "move";
  };
  const draggedField = (event: DragEvent): string | undefined => {
    const field = event.dataTransfer.getData(DRAG_TYPE);
    return fields.some((f) => f.key === field) ? field : undefined;
  };
  // The drop goes before the hovered item's middle, else after it.
  const overItem = (event: DragEvent<HTMLDivElement>, index: number) => {
    event.preventDefault();
    event.stopPropagation();
    const box = event.currentTarget.getBoundingClientRect();
    setDropIndex(event.clientY < box.top + box.height / 2 ? index : index + 1);
  };
  const dropOnList = (event: DragEvent) => {
    event.preventDefault();
    const field = draggedField(event);
    if (field) onDraft(placeField(draft, field, dropIndex ?? draft.length));
    setDropIndex(null);
  };
  const dropOnAvailable = (event: DragEvent) => {
    event.preventDefault();
    const field = draggedField(event);
    if (field) onDraft(removeField(draft, field));
  };

  return (
    <div className="sort-panel" data-testid="sort-panel">
      <Flex justify="space-between" align="baseline">
        <Typography.Text strong>Sorted by</Typography.Text>
        <Typography.Text type="secondary" className="sort-hint">
          drag to reorder
        </Typography.Text>
      </Flex>
      <div
        className="sort-active"
        data-testid="sort-active"
        onDragOver={(event) => {
          event.preventDefault();
          if (event.target === event.currentTarget) setDropIndex(draft.length);
        }}
        onDragLeave={(event) => {
          if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setDropIndex(null);
        }}
        onDrop={dropOnList}
      >
        {draft.length === 0 && <div className="sort-empty">Drop fields here, or click one below</div>}
        {draft.map((item, index) => (
          <div
            key={item.field}
            className={[
              "sort-item",
              dropIndex === index ? "drop-before" : "",
              dropIndex === index + 1 && index === draft.length - 1 ? "drop-after" : "",
            ].join(" ")}
            draggable
            data-testid={`sort-item-${item.field}`}
            onDragStart={(event) => startDrag(event, item.field)}
            onDragOver={(event) => overItem(event, index)}
            onDragEnd={() => setDropIndex(null)}
          >
            <HolderOutlined className="sort-handle" />
            <span className="sort-rank">{index + 1}</span>
            <span className="sort-label">{labelOf(item.field)}</span>
            <Tooltip title="Change direction">
              <Button
                size="small"
                type="text"
                data-testid={`sort-direction-${item.field}`}
                icon={item.descending ? <SortDescendingOutlined /> : <SortAscendingOutlined />}
                onClick={() => onDraft(toggleDirection(draft, item.field))}
              >
                {item.descending ? "Descending" : "Ascending"}
              </Button>
            </Tooltip>
            <Button
              size="small"
              type="text"
              aria-label={`Stop sorting by ${labelOf(item.field)}`}
              icon={<CloseOutlined />}
              onClick={() => onDraft(removeField(draft, item.field))}
            />
          </div>
        ))}
      </div>
      <Typography.Text strong>Available fields</Typography.Text>
      <div
        className="sort-available"
        data-testid="sort-available"
        onDragOver={(event) => event.preventDefault()}
        onDrop={dropOnAvailable}
      >
        {available.length === 0 && <Typography.Text type="secondary">All fields are in use</Typography.Text>}
        {available.map((field) => (
          <button
            type="button"
            key={field.key}
            className="sort-field"
            draggable
            data-testid={`sort-field-${field.key}`}
            onDragStart={(event) => startDrag(event, field.key)}
            onClick={() => onDraft(placeField(draft, field.key, draft.length))}
          >
            <PlusOutlined /> {field.label}
          </button>
        ))}
      </div>
      <Flex justify="space-between" gap={8}>
        <Button onClick={onReset}>Reset to default</Button>
        <Button type="primary" onClick={onApply} data-testid="sort-apply">
          Apply
        </Button>
      </Flex>
    </div>
  );
}
