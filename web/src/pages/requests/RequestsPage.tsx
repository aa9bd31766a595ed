// /requests: the user's background operations (exports, imports, task creation) with live progress.
import { ReloadOutlined } from "@ant-design/icons";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { Alert, Badge, Button, Card, Empty, Segmented, Space, Table, Typography, type TableProps } from "antd";
import { useEffect, type CSSProperties, type HTMLAttributes } from "react";
import { useSearchParams } from "react-router";
import { api, unwrap } from "../../api/client";
import { ApiError, describeError } from "../../api/errors";
import type { BackgroundRequest } from "../../api/types";
import { REQUESTS_KEY, RequestActions } from "./RequestActions";
import { CreatedCell, FinishedCell, MessageCell, OperationCell, ProgressCell, StatusCell } from "./RequestCells";
import {
  PAGE_SIZES,
  POLL_INTERVAL_MS,
  listStateParams,
  needsPolling,
  parseListState,
  statusFilterQuery,
  type ListState,
  type StatusFilter,
} from "./requestRows";

const STATUS_OPTIONS: { value: StatusFilter; label: string }[] = [
  { value: "all", label: "All" },
  { value: "active", label: "In progress" },
  { value: "finished", label: "Finished" },
  { value: "failed", label: "Failed" },
];

const HEADER_STYLE: CSSProperties = {
  display: "flex",
  alignItems: "flex-end",
  justifyContent: "space-between",
  gap: 16,
  marginBottom: 16,
};

function columns(now: number): TableProps<BackgroundRequest>["columns"] {
  return [
    { key: "operation", title: "Operation", render: (_, r) => <OperationCell request={r} /> },
    { key: "status", title: "Status", width: 130, render: (_, r) => <StatusCell request={r} /> },
    { key: "progress", title: "Progress", width: 190, render: (_, r) => <ProgressCell request={r} /> },
    { key: "message", title: "Message", render: (_, r) => <MessageCell request={r} /> },
    { key: "created", title: "Created", width: 150, render: (_, r) => <CreatedCell request={r} /> },
    { key: "finished", title: "Finished", width: 160, render: (_, r) => <FinishedCell request={r} now={now} /> },
    { key: "actions", title: "", width: 210, align: "right", render: (_, r) => <RequestActions request={r} /> },
  ];
}

async function fetchRequests(state: ListState) {
  return unwrap(
    api.GET("/api/requests", {
      params: { query: { page: state.page, page_size: state.pageSize, filter: statusFilterQuery(state.status) } },
    }),
  );
}

export function RequestsPage() {
  const [params, setParams] = useSearchParams();
  const state = parseListState(params);
  const setState = (next: Partial<ListState>) => setParams(listStateParams({ ...state, ...next }));

  const requests = useQuery({
    queryKey: [...REQUESTS_KEY, state],
    queryFn: () => fetchRequests(state),
    placeholderData: keepPreviousData,
    refetchInterval: (query) => (needsPolling(query.state.data?.results) ? POLL_INTERVAL_MS : false),
  });
  const live = needsPolling(requests.data?.results);

  // A page that no longer exists (the list shrank, or an old link): go back to the first.
  const pageGone = requests.error instanceof ApiError && requests.error.status === 404 && state.page > 1;
  useEffect(() => {
    if (pageGone) setParams(listStateParams({ ...state, page: 1 }), { replace: true });
  });

  const emptyText = (
    <Empty
      image={Empty.PRESENTED_IMAGE_SIMPLE}
      description={
        state.status === "all"
          ? "No background requests yet. Exports, imports and task creation you start appear here."
          : "No requests match this filter."
      }
    />
  );

  return (
    <div className="page">
      <div style={HEADER_STYLE}>
        <div>
          <Typography.Title level={3} style={{ margin: 0 }}>
            Requests
          </Typography.Title>
          <Typography.Text type="secondary">
            Background operations you started: exports, imports and task creation.
          </Typography.Text>
        </div>
        <Space size="middle">
          {live && <Badge status="processing" text="Updating live" data-testid="requests-live" />}
          <Segmented<StatusFilter>
            data-testid="requests-status-filter"
            options={STATUS_OPTIONS}
            value={state.status}
            onChange={(status) => setState({ status, page: 1 })}
          />
          <Button
            icon={<ReloadOutlined />}
            onClick={() => void requests.refetch()}
            loading={requests.isFetching && !live}
          >
            Refresh
          </Button>
        </Space>
      </div>
      {requests.isError && !pageGone && (
        <Alert
          type="error"
          showIcon
          title="The requests could not be loaded."
          description={describeError(requests.error)}
          action={<Button onClick={() => void requests.refetch()}>Try again</Button>}
          style={{ marginBottom: 16 }}
        />
      )}
      <Card styles={{ body: { padding: 0 } }}>
        <Table<BackgroundRequest>
          rowKey="id"
          columns={columns(Date.now())}
          dataSource={requests.data?.results ?? []}
          loading={requests.isPending}
          locale={{ emptyText }}
          onRow={() => ({ "data-testid": "request-row" }) as HTMLAttributes<HTMLElement>}
          pagination={{
            current: state.page,
            pageSize: state.pageSize,
            total: requests.data?.count ?? 0,
            showSizeChanger: true,
            pageSizeOptions: PAGE_SIZES.map(String),
            showTotal: (total) => `${total} request${total === 1 ? "" : "s"}`,
            hideOnSinglePage: false,
            style: { paddingInline: 16 },
            onChange: (page, pageSize) => setState({ page: pageSize === state.pageSize ? page : 1, pageSize }),
          }}
        />
      </Card>
    </div>
  );
}
