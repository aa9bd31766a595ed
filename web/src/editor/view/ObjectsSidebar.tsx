// The right objects sidebar: the current frame's objects, each with its label (changeable), id,
// and lock / occluded / hide / delete toggles; clicking a row selects the object on the canvas.
import { BlockOutlined, DeleteOutlined, EyeInvisibleOutlined, EyeOutlined, LockOutlined, TagOutlined, UnlockOutlined } from "@ant-design/icons";
import { Button, Empty, Select, Tooltip, Typography } from "antd";
import { memo, useMemo, type MouseEvent, type ReactNode } from "react";
import type { Label } from "../../api/types";
import type { ClientId } from "../engine/document/model";
import type { FrameObject } from "./frameObjects";

export interface ObjectsSidebarProps {
  objects: readonly FrameObject[];
  labels: readonly Label[];
  selectedIds: readonly ClientId[];
  serverIdOf: (id: ClientId) => number | undefined;
  onSelect: (id: ClientId) => void;
  onRelabel: (id: ClientId, labelId: number) => void;
  onToggleLock: (id: ClientId) => void;
  onToggleOccluded: (id: ClientId) => void;
  onToggleHidden: (id: ClientId) => void;
  onDelete: (id: ClientId) => void;
}

export const ObjectsSidebar = memo(function ObjectsSidebar(props: ObjectsSidebarProps) {
  const { objects, labels, selectedIds } = props;
  const labelOptions = useMemo(() => labels.map((each) => ({ value: each.id, label: each.name })), [labels]);
  const { onSelect, onRelabel, onToggleLock, onToggleOccluded, onToggleHidden, onDelete } = props;
  const actions = useMemo<RowActions>(
    () => ({ onSelect, onRelabel, onToggleLock, onToggleOccluded, onToggleHidden, onDelete }),
    [onSelect, onRelabel, onToggleLock, onToggleOccluded, onToggleHidden, onDelete],
  );
  // Topmost first, as the user sees them stacked on the canvas.
  const listed = [...objects].reverse();
  return (
    <aside className="editor-objects" data-testid="objects-sidebar">
      <div className="editor-objects-header">
        <Typography.Text strong>Objects</Typography.Text>
        <Typography.Text type="secondary" data-testid="objects-count">
          {objects.length}
        </Typography.Text>
      </div>
      {listed.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="No objects on this frame" />
      ) : (
        <ul className="editor-objects-list">
          {listed.map(({ object, flags }) => (
            <ObjectRow
              key={object.clientId}
              object={object}
              flags={flags}
              label={labels.find((each) => each.id === object.labelId)}
              labelOptions={labelOptions}
              selected={selectedIds.includes(object.clientId)}
              serverId={props.serverIdOf(object.clientId)}
              actions={actions}
            />
          ))}
        </ul>
      )}
    </aside>
  );
});


type RowActions = Pick<
  ObjectsSidebarProps,
  "onSelect" | "onRelabel" | "onToggleLock" | "onToggleOccluded" | "onToggleHidden" | "onDelete"
>;

interface ObjectRowProps {
  object: ObjectsSidebarProps["objects"][number]["object"];
  flags: ObjectsSidebarProps["objects"][number]["flags"];
  label: ObjectsSidebarProps["labels"][number] | undefined;
  labelOptions: { value: number; label: string }[];
  selected: boolean;
  serverId: number | undefined | null;
  actions: RowActions;
}

// One row; memoised so that an edit re-renders only the rows whose object changed.
const ObjectRow = memo(function ObjectRow({ object, flags, label, labelOptions, selected, serverId, actions }: ObjectRowProps) {
  const id = object.clientId;
  const stop = (run: () => void) => (event: MouseEvent) => {
    event.stopPropagation();
    run();
  };
  const kindName = object.kind === "shape" ? object.type : object.kind;
  return (
    <li
      data-testid="object-item"
      data-client-id={id}
      className={`editor-object${selected ? " editor-object-selected" : ""}`}
      style={{ borderLeftColor: label?.color ?? "#999" }}
      onClick={() => actions.onSelect(id)}
    >
      <div className="editor-object-title">
        <Typography.Text strong>{serverId ?? "new"}</Typography.Text>
        <Typography.Text type="secondary">
          {object.kind === "tag" && <TagOutlined />} {kindName}
        </Typography.Text>
      </div>
      <Select
        size="small"
        className="editor-object-label"
        aria-label="Label"
        value={object.labelId}
        disabled={flags.locked}
        onClick={(event) => event.stopPropagation()}
        onChange={(labelId: number) => actions.onRelabel(id, labelId)}
        options={labelOptions}
      />
      <div className="editor-object-toggles">
        <Toggle title={flags.locked ? "Unlock (L)" : "Lock (L)"} on={flags.locked} icon={flags.locked ? <LockOutlined /> : <UnlockOutlined />} onClick={stop(() => actions.onToggleLock(id))} />
        {object.kind === "shape" && (
          <Toggle title="Occluded (Q)" on={object.occluded} icon={<BlockOutlined />} onClick={stop(() => actions.onToggleOccluded(id))} disabled={flags.locked} />
        )}
        {object.kind === "shape" && (
          <Toggle title={flags.hidden ? "Show (H)" : "Hide (H)"} on={flags.hidden} icon={flags.hidden ? <EyeInvisibleOutlined /> : <EyeOutlined />} onClick={stop(() => actions.onToggleHidden(id))} />
        )}
        <Toggle title="Delete (Del)" icon={<DeleteOutlined />} danger onClick={stop(() => actions.onDelete(id))} disabled={flags.locked} />
      </div>
    </li>
  );
});

function Toggle(props: { title: string; icon: ReactNode; on?: boolean; danger?: boolean; disabled?: boolean; onClick: (event: MouseEvent) => void }) {
  return (
    <Tooltip title={props.title}>
      <Button
        size="small"
        type={props.on ? "primary" : "text"}
        ghost={false}
        danger={props.danger}
        aria-label={props.title}
        aria-pressed={props.on}
        icon={props.icon}
        disabled={props.disabled}
        onClick={props.onClick}
      />
    </Tooltip>
  );
}
