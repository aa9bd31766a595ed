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
import type { FilterOption } from "../filters/filterFields";
import { JOB_TYPE_OPTIONS, optionLabel, STAGE_OPTIONS, STATE_OPTIONS, STATUS_OPTIONS } from "./fieldOptions";

interface Look {
  color: string;
  icon: ReactNode;
}

const PLAIN: Look = { color: "default", icon: null };

// A stage shares its look with the status of the same name.
const STATUS_LOOK: Record<string, Look> = {
  annotation: { color: "processing", icon: <EditOutlined /> },
  validation: { color: "warning", icon: <EyeOutlined /> },
  acceptance: { color: "purple", icon: <SafetyCertificateOutlined /> },
  completed: { color: "success", icon: <CheckCircleOutlined /> },
};

const STATE_LOOK: Record<string, Look> = {
  new: { color: "default", icon: <ClockCircleOutlined /> },
  "in progress": { color: "processing", icon: <SyncOutlined /> },
  rejected: { color: "error", icon: <CloseCircleOutlined /> },
  completed: { color: "success", icon: <CheckCircleOutlined /> },
};

interface LookTagProps {
  value: string;
  looks: Record<string, Look>;
  options: readonly FilterOption[];
  testId: string;
}

function LookTag({ value, looks, options, testId }: LookTagProps) {
  const look = looks[value] ?? PLAIN;
  return (
    <Tag color={look.color} icon={look.icon} data-testid={testId}>
      {optionLabel(options, value)}
    </Tag>
  );
}

export function StatusTag({ status }: { status: string }) {
  return <LookTag value={status} looks={STATUS_LOOK} options={STATUS_OPTIONS} testId="status-tag" />;
}

export function StageTag({ stage }: { stage: string }) {
  return <LookTag value={stage} looks={STATUS_LOOK} options={STAGE_OPTIONS} testId="stage-tag" />;
}

export function StateTag({ state }: { state: string }) {
  return <LookTag value={state} looks={STATE_LOOK} options={STATE_OPTIONS} testId="state-tag" />;
}

export function JobTypeTag({ type }: { type: string }) {
  if (type === "annotation") return null;
  return <Tag color="geekblue">{optionLabel(JOB_TYPE_OPTIONS, type)}</Tag>;
}
