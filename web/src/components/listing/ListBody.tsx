// What a list shows besides its items: skeletons while loading, the server's error in words,
// and the two empty states (nothing yet / nothing matches).
import { ReloadOutlined } from "@ant-design/icons";
import { Alert, Button, Empty, Spin } from "antd";
import type { ReactNode } from "react";
import { describeError } from "../../api/errors";
import "./listing.css";

interface ListBodyProps {
  noun: { one: string; many: string };
  /** Nothing fetched yet. */
  pending: boolean;
  /** A newer page is on its way while the previous one stays on screen. */
  refreshing: boolean;
  error: unknown;
  onRetry: () => void;
  isEmpty: boolean;
  filtered: boolean;
  onClearFilters: () => void;
  /** Shown in the "nothing yet" state, e.g. a create button. */
  emptyAction?: ReactNode;
  skeleton: ReactNode;
  children: ReactNode;
}

export function ListBody(props: ListBodyProps) {
  const { noun, pending, refreshing, error, onRetry, isEmpty, filtered, onClearFilters, emptyAction } = props;
  const errorAlert = error ? (
    <Alert
      type="error"
      showIcon
      style={{ marginBottom: 16 }}
      data-testid="list-error"
      title={`Could not load the ${noun.many}`}
      description={describeError(error)}
      action={
        <Button size="small" icon={<ReloadOutlined />} onClick={onRetry}>
          Retry
        </Button>
      }
    />
  ) : null;

  if (pending) return <>{props.skeleton}</>;
  if (isEmpty) {
    if (error) return errorAlert;
    return (
      <div className="list-empty" data-testid="list-empty">
        {filtered ? (
          <Empty description={`No ${noun.many} match these filters`}>
            <Button onClick={onClearFilters}>Clear filters</Button>
          </Empty>
        ) : (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={`No ${noun.many} yet`}>
            {emptyAction}
          </Empty>
        )}
      </div>
    );
  }
  return (
    <>
      {errorAlert}
      <Spin spinning={refreshing} delay={200}>
        {props.children}
      </Spin>
    </>
  );
}
