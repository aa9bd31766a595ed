// One job in the Jobs grid: preview, id, task and project, frames, stage, state, assignee, type.
import { ClockCircleOutlined, FolderOutlined, PictureOutlined, ProfileOutlined } from "@ant-design/icons";
import { Card, Flex, Space } from "antd";
import { Link, useNavigate } from "react-router";
import type { Job } from "../../api/types";
import { formatMoment, fromNow } from "../../components/listing/dates";
import { PreviewImage } from "../../components/common/PreviewImage";
import { JobTypeTag, StageTag, StateTag } from "../../components/listing/StatusTags";
import { UserName } from "../../components/listing/UserName";
import "../../components/listing/listing.css";

export function jobPath(job: Pick<Job, "id" | "task_id">): string {
  return `/tasks/${job.task_id}/jobs/${job.id}`;
}

export function JobCard({ job }: { job: Job }) {
  const navigate = useNavigate();
  const stop = (event: { stopPropagation: () => void }) => event.stopPropagation();
  return (
    <Card
      className="list-card"
      hoverable
      data-testid="job-card"
      data-job-id={job.id}
      cover={<PreviewImage src={`/api/jobs/${job.id}/preview`} alt={`Job #${job.id}`} height={140} />}
      onClick={() => navigate(jobPath(job))}
      styles={{ body: { padding: 14 } }}
    >
      <Flex justify="space-between" align="center" gap={8}>
        <Link to={jobPath(job)} className="list-card-title" onClick={stop} data-testid="job-title">
          Job #{job.id}
        </Link>
        <StateTag state={job.state} />
      </Flex>
      <div className="list-card-meta">
        <div>
          <ProfileOutlined />{" "}
          <Link to={`/tasks/${job.task_id}`} onClick={stop} data-testid="job-task">
            #{job.task_id}: {job.task_name ?? "task"}
          </Link>
        </div>
        {job.project_id !== null && (
          <div>
            <FolderOutlined />{" "}
            <Link to={`/projects/${job.project_id}`} onClick={stop}>
              {job.project_name ?? `Project #${job.project_id}`}
            </Link>
          </div>
        )}
        <div data-testid="job-frames">
          <PictureOutlined /> Frames {job.start_frame}–{job.stop_frame} ({job.frame_count}{" "}
          {job.frame_count === 1 ? "frame" : "frames"})
        </div>
        <div title={formatMoment(job.updated_date)}>
          <ClockCircleOutlined /> Updated {fromNow(job.updated_date)}
        </div>
      </div>
      <Flex justify="space-between" align="center" style={{ marginTop: 10 }} wrap gap={6}>
        <Space size={4}>
          <StageTag stage={job.stage} />
          <JobTypeTag type={job.type} />
        </Space>
        <span className="list-card-meta" data-testid="job-assignee">
          <UserName user={job.assignee} empty="Unassigned" />
        </span>
      </Flex>
    </Card>
  );
}
