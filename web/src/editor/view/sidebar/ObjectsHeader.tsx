// The objects list's header: how many objects the frame has, the sort order, and the lock all /
// hide all / expand all / collapse all buttons.
import { EyeInvisibleOutlined, EyeOutlined, LockOutlined, MinusSquareOutlined, PlusSquareOutlined, UnlockOutlined } from "@ant-design/icons";
import { Button, Select, Tooltip, Typography } from "antd";
import type { ReactNode } from "react";
import { OBJECT_SORT_NAMES, OBJECT_SORTS, type ObjectSort } from "./objectOrder";

export interface ObjectsHeaderProps {
  count: number;
  sort: ObjectSort;
  onSortChange: (sort: ObjectSort) => void;
  allLocked: boolean;
  allHidden: boolean;
  onToggleLockAll: () => void;
  onToggleHiddenAll: () => void;
  onExpandAll: () => void;
  onCollapseAll: () => void;
}

const SORT_OPTIONS = OBJECT_SORTS.map((value) => ({ value, label: OBJECT_SORT_NAMES[value] }));

export function ObjectsHeader(props: ObjectsHeaderProps) {
  const { count, allLocked, allHidden } = props;
  return (
    <div className="editor-objects-header editor-objects-toolbar">
      <Typography.Text type="secondary">
        Objects: <span data-testid="objects-count">{count}</span>
      </Typography.Text>
      <Select
        size="small"
        aria-label="Sort objects"
        data-testid="objects-sort"
        className="editor-objects-sort"
        value={props.sort}
        onChange={props.onSortChange}
        options={SORT_OPTIONS}
        popupMatchSelectWidth={false}
      />
      <div className="editor-objects-all">
        <HeaderButton testId="objects-lock-all" title={allLocked ? "Unlock all (T L)" : "Lock all (T L)"} on={allLocked} icon={allLocked ? <LockOutlined /> : <UnlockOutlined />} onClick={props.onToggleLockAll} disabled={count === 0} />
        <HeaderButton testId="objects-hide-all" title={allHidden ? "Show all (T H)" : "Hide all (T H)"} on={allHidden} icon={allHidden ? <EyeInvisibleOutlined /> : <EyeOutlined />} onClick={props.onToggleHiddenAll} disabled={count === 0} />
        <HeaderButton testId="objects-expand-all" title="Expand all" icon={<PlusSquareOutlined />} onClick={props.onExpandAll} disabled={count === 0} />
        <HeaderButton testId="objects-collapse-all" title="Collapse all" icon={<MinusSquareOutlined />} onClick={props.onCollapseAll} disabled={count === 0} />
      </div>
    </div>
  );
}

function HeaderButton(props: { testId: string; title: string; icon: ReactNode; on?: boolean; disabled?: boolean; onClick: () => void }) {
  return (
    <Tooltip title={props.title}>
      <Button
        size="small"
        type={props.on ? "primary" : "text"}
        data-testid={props.testId}
        aria-label={props.title}
        aria-pressed={props.on}
        icon={props.icon}
        disabled={props.disabled}
        onClick={props.onClick}
      />
    </Tooltip>
  );
}
