// The cells of one row of the Requests table: what the operation is, where it stands, its times.
import {
  CheckCircleOutlined,
  ClockCircleOutlined,
  CloseCircleOutlined,
  CloudDownloadOutlined,
  CloudUploadOutlined,
  PlusCircleOutlined,
  RobotOutlined,
  StopOutlined,
  SyncOutlined,
  ThunderboltOutlined,
} from "@ant-design/icons";
import { Progress, Space, Tag, Tooltip, Typography } from "antd";
import dayjs from "dayjs";
import relativeTime from "dayjs/plugin/relativeTime";
import type { ReactNode } from "react";
import { Link } from "react-router";
import type { BackgroundRequest } from "../../api/types";
import { durationText, elapsedOf, operationOf, statusOf, type StatusKind } from "./requestRows";

dayjs.extend(relativeTime);

const ACTION_ICONS: Record<string, ReactNode> = {
  export: <CloudDownloadOutlined />,
  import: <CloudUploadOutlined />,
  create: <PlusCircleOutlined />,
  autoannotate: <RobotOutlined />,
};

const STATUS_ICONS: Record<StatusKind, ReactNode> = {
  queued: <ClockCircleOutlined />,
  started: <SyncOutlined spin />,
  finished: <CheckCircleOutlined />,
  failed: <CloseCircleOutlined />,
  cancelled: <StopOutlined />,
};

export function OperationCell({ request }: { request: BackgroundRequest }) {
  const operation = operationOf(request);
  return (
    <Space align="start" size={12}>
      <span style={{ fontSize: 20, color: "#1f6feb", lineHeight: 1 }}>
        {ACTION_ICONS[operation.action] ?? <ThunderboltOutlined />}
      </span>
      <div>
        <Typography.Text strong>{operation.title}</Typography.Text>
        <div style={{ marginTop: 2 }}>
          {operation.target &&
            (operation.target.href ? (
              <Link to={operation.target.href}>{operation.target.label}</Link>
            ) : (
              <Typography.Text type="secondary">{operation.target.label}</Typography.Text>
            ))}
          {operation.format && (
            <Tag style={{ marginLeft: operation.target ? 8 : 0 }} variant="filled">
              {operation.format}
            </Tag>
          )}
        </div>
      </div>
    </Space>
  );
}

export function StatusCell({ request }: { request: BackgroundRequest }) {
  const status = statusOf(request);
  return (
    <Tag color={status.color} icon={STATUS_ICONS[status.kind]} data-testid="request-status">
      {status.label}
    </Tag>
  );
}

export function ProgressCell({ request }: { request: BackgroundRequest }) {
  const status = statusOf(request);
  if (status.kind === "queued") {
    return <Typography.Text type="secondary">Waiting in the queue</Typography.Text>;
  }
  return (
    <Progress
      percent={status.percent}
      status={status.progressStatus}
      size="small"
      style={{ width: 150, marginBottom: 0 }}
    />
  );
}

export function MessageCell({ request }: { request: BackgroundRequest }) {
  if (!request.message) return <Typography.Text type="secondary">—</Typography.Text>;
  const failed = statusOf(request).kind === "failed";
  return (
    <Typography.Paragraph
      type={failed ? "danger" : undefined}
      ellipsis={{ rows: 2, tooltip: request.message }}
      style={{ marginBottom: 0, maxWidth: 280 }}
    >
      {request.message}
    </Typography.Paragraph>
  );
}

function Timestamp({ value }: { value: string }) {
  const time = dayjs(value);
  return (
    <Tooltip title={time.format("YYYY-MM-DD HH:mm:ss")}>
      <span>{time.fromNow()}</span>
    </Tooltip>
  );
}

export function CreatedCell({ request }: { request: BackgroundRequest }) {
  return <Timestamp value={request.created_date} />;
}

export function FinishedCell({ request, now }: { request: BackgroundRequest; now: number }) {
  const elapsed = elapsedOf(request, now);
  if (!request.finished_date) {
    return elapsed === null ? (
      <Typography.Text type="secondary">—</Typography.Text>
    ) : (
      <Typography.Text type="secondary">running for {durationText(elapsed)}</Typography.Text>
    );
  }
  return (
    <div>
      <Timestamp value={request.finished_date} />
      {elapsed !== null && (
        <div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            took {durationText(elapsed)}
          </Typography.Text>
        </div>
      )}
    </div>
  );
}
