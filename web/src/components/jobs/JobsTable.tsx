// The jobs of one task: frames, stage, state, assignee, duration and a copyable link, each
// change saved at once with PATCH /api/jobs/{id}.
import { CopyOutlined } from "@ant-design/icons";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Alert, App, Button, Select, Table, Tag, Tooltip, Typography } from "antd";
import type { TableColumnsType } from "antd";
import { useState } from "react";
import { Link } from "react-router";
import { api, unwrap } from "../../api/client";
import { describeError } from "../../api/errors";
import type { BasicUser, Job } from "../../api/types";
import { copyText } from "./copyText";
import {
  formatDuration,
  frameRange,
  jobDurationMs,
  jobUrl,
  JOB_STAGES,
  JOB_STATES,
  type JobStage,
  type JobState,
} from "./jobRows";
import { UserSelect, userDisplayName } from "../common/UserSelect";

export interface JobsTableProps {
  taskId: number;
  /** A job changed: the task's status and progress may have too. */
  onChanged?: () => void;
}

type JobPatch = { assignee: number | null } | { stage: JobStage } | { state: JobState };

const UNASSIGNED = "__unassigned__";

function describePatch(job: Job, patch: JobPatch, assignee?: BasicUser | null): string {
  if ("assignee" in patch) {
    return assignee ? `Job #${job.id} assigned to ${assignee.username}.` : `Job #${job.id} is unassigned now.`;
  }
  if ("stage" in patch) return `Job #${job.id} moved to the ${patch.stage} stage.`;
  return `Job #${job.id} is ${patch.state} now.`;
}

export function jobsQueryKey(taskId: number) {
  return ["jobs", "of-task", taskId] as const;
}

export function JobsTable({ taskId, onChanged }: JobsTableProps) {
  const { message } = App.useApp();
  const client = useQueryClient();
  const [saving, setSaving] = useState<number | null>(null);
  const jobs = useQuery({
    queryKey: jobsQueryKey(taskId),
    queryFn: () =>
      unwrap(api.GET("/api/jobs", { params: { query: { task_id: taskId, page_size: 1000, sort: "id" } } })),
  });

  async function save(job: Job, patch: JobPatch, assignee?: BasicUser | null) {
    setSaving(job.id);
    try {
      const updated = await unwrap(api.PATCH("/api/jobs/{job_id}", { params: { path: { job_id: job.id } }, body: patch }));
      client.setQueryData(jobsQueryKey(taskId), (page: typeof jobs.data) =>
        page ? { ...page, results: page.results.map((j) => (j.id === updated.id ? updated : j)) } : page,
      );
      message.success(describePatch(job, patch, assignee));
      onChanged?.();
    } catch (error) {
      message.error(`Job #${job.id} was not changed: ${describeError(error)}`);
    } finally {
      setSaving(null);
    }
  }

  async function copyLink(job: Job) {
    const url = jobUrl(window.location.origin, job);
    try {
      await copyText(url);
      message.success(`Copied ${url}`);
    } catch (error) {
      message.error(`Could not copy the link: ${describeError(error)}`);
    }
  }

  const rows = jobs.data?.results ?? [];
  const now = Date.now();
  const assignees = new Map(rows.filter((j) => j.assignee).map((j) => [j.assignee!.id, j.assignee!]));

  const columns: TableColumnsType<Job> = [
    {
      title: "Job",
      key: "id",
      sorter: (a, b) => a.id - b.id,
      render: (_, job) => (
        <Link to={`/tasks/${job.task_id}/jobs/${job.id}`} data-testid={`job-link-${job.id}`}>
          Job #{job.id}
          {job.type !== "annotation" && (
            <Tag style={{ marginLeft: 8 }} color="purple">
              {job.type.replace("_", " ")}
            </Tag>
          )}
        </Link>
      ),
    },
    {
      title: "Frames",
      key: "frames",
      sorter: (a, b) => a.start_frame - b.start_frame,
      render: (_, job) => (
        <Typography.Text>
          {frameRange(job)} <Typography.Text type="secondary">({job.frame_count})</Typography.Text>
        </Typography.Text>
      ),
    },
    {
      title: "Stage",
      key: "stage",
      filters: JOB_STAGES.map((s) => ({ text: s.label, value: s.value })),
      onFilter: (value, job) => job.stage === value,
      render: (_, job) => (
        <Select<JobStage>
          value={job.stage as JobStage}
          options={JOB_STAGES}
          disabled={saving === job.id}
          style={{ width: 130 }}
          onChange={(stage) => save(job, { stage })}
          data-testid={`job-stage-${job.id}`}
        />
      ),
    },
    {
      title: "State",
      key: "state",
      filters: JOB_STATES.map((s) => ({ text: s.label, value: s.value })),
      onFilter: (value, job) => job.state === value,
      render: (_, job) => (
        <Select<JobState>
          value={job.state as JobState}
          options={JOB_STATES.map((s) => ({ value: s.value, label: <Tag color={s.color}>{s.label}</Tag> }))}
          disabled={saving === job.id}
          style={{ width: 150 }}
          variant="borderless"
          onChange={(state) => save(job, { state })}
          data-testid={`job-state-${job.id}`}
        />
      ),
    },
    {
      title: "Assignee",
      key: "assignee",
      filters: [
        { text: "Unassigned", value: UNASSIGNED },
        ...[...assignees.values()].map((u) => ({ text: userDisplayName(u), value: String(u.id) })),
      ],
      onFilter: (value, job) => (value === UNASSIGNED ? job.assignee === null : String(job.assignee?.id) === value),
      render: (_, job) => (
        <UserSelect
          value={job.assignee}
          onChange={(user) => save(job, { assignee: user?.id ?? null }, user)}
          placeholder="Assign"
          loading={saving === job.id}
          testId={`job-assignee-${job.id}`}
          width={190}
        />
      ),
    },
    {
      title: "Duration",
      key: "duration",
      sorter: (a, b) => jobDurationMs(a, now) - jobDurationMs(b, now),
      render: (_, job) => (
        <Tooltip title={`Created ${new Date(job.created_date).toLocaleString()}`}>
          {formatDuration(jobDurationMs(job, now))}
        </Tooltip>
      ),
    },
    {
      title: "",
      key: "copy",
      width: 56,
      render: (_, job) => (
        <Tooltip title="Copy job link">
          <Button
            type="text"
            icon={<CopyOutlined />}
            aria-label={`Copy link of job #${job.id}`}
            onClick={() => copyLink(job)}
            data-testid={`copy-job-link-${job.id}`}
          />
        </Tooltip>
      ),
    },
  ];

  if (jobs.isError) return <Alert type="error" showIcon title="The jobs could not be loaded" description={describeError(jobs.error)} />;

  return (
    <Table<Job>
      rowKey="id"
      size="middle"
      loading={jobs.isPending}
      columns={columns}
      dataSource={rows}
      pagination={rows.length > 10 ? { pageSize: 10, showSizeChanger: true } : false}
      locale={{ emptyText: "No jobs yet: they appear once the task has data." }}
      data-testid="jobs-table"
    />
  );
}

