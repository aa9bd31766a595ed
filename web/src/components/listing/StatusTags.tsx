// Colored tags for a task/project status, a job's stage and state, and a job's type.
import {
  CheckCircleOutlined,
  ClockCircleOutlined,
  CloseCircleOutlined,
  EditOutlined,
  EyeOutlined,
  SafetyCertificateOutlined,
  SyncOutlined,
} from "@ant-design/icons";
import { Tag } from "antd";
import type { ReactNode } from "react";
import { JOB_TYPE_OPTIONS, optionLabel, STAGE_OPTIONS, STATE_OPTIONS, STATUS_OPTIONS } from "./fieldOptions";

const STATUS_LOOK: Record<string, { color: string; icon: ReactNode }> = {
  annotation: { color: "processing", icon: <EditOutlined /> },
  validation: { color: "warning", icon: <EyeOutlined /> },
  acceptance: { color: "purple", icon: <SafetyCertificateOutlined /> },
  completed: { color: "success", icon: <CheckCircleOutlined /> },
};

const STATE_LOOK: Record<string, { color: string; icon: ReactNode }> = {
  new: { color: "default", icon: <ClockCircleOutlined /> },
  "in progress": { color: "processing", icon: <SyncOutlined /> },
  rejected: { color: "error", icon: <CloseCircleOutlined /> },
  completed: { color: "success", icon: <CheckCircleOutlined /> },
};

export function StatusTag({ status }: { status: string }) {
  const look = STATUS_LOOK[status] ?? { color: "default", icon: null };
  return (
    <Tag color={look.color} icon={look.icon} data-testid="status-tag">
      {optionLabel(STATUS_OPTIONS, status)}
    </Tag>
  );
}

export function StageTag({ stage }: { stage: string }) {
  const look = STATUS_LOOK[stage] ?? { color: "default", icon: null };
  return (
    <Tag color={look.color} icon={look.icon} data-testid="stage-tag">
      {optionLabel(STAGE_OPTIONS, stage)}
    </Tag>
  );
}

export function StateTag({ state }: { state: string }) {
  const look = STATE_LOOK[state] ?? { color: "default", icon: null };
  return (
    <Tag color={look.color} icon={look.icon} data-testid="state-tag">
      {optionLabel(STATE_OPTIONS, state)}
    </Tag>
  );
}

export function JobTypeTag({ type }: { type: string }) {
  if (type === "annotation") return null;
  return <Tag color="geekblue">{optionLabel(JOB_TYPE_OPTIONS, type)}</Tag>;
}
