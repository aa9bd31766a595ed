// "Job info": what the job is (id, task, frames, assignee, stage and state) and how many objects
// of each kind every label has, counted from the editor's document (unsaved work included).
import { Descriptions, Modal, Table, Tag } from "antd";
import { useMemo } from "react";
import type { Job, Label } from "../../../api/types";
import type { AnnotationDocument, ShapeType } from "../../engine/document/model";
import type { JobFrames } from "../../engine/frames/meta";
import { jobStatistics, usedShapeTypes, type LabelStatistics } from "../job/jobStatistics";

export interface JobInfoModalProps {
  open: boolean;
  onClose: () => void;
  job: Job;
  frames: JobFrames;
  labels: readonly Label[];
  document: AnnotationDocument;
}

const SHAPE_TITLES: Readonly<Record<ShapeType, string>> = {
  rectangle: "Rectangles",
  polygon: "Polygons",
  polyline: "Polylines",
  points: "Points",
  ellipse: "Ellipses",
  cuboid: "Cuboids",
  mask: "Masks",
  skeleton: "Skeletons",
};

type Row = Omit<LabelStatistics, "labelId"> & { key: string; name: string };

export function JobInfoModal({ open, onClose, job, frames, labels, document }: JobInfoModalProps) {
  const statistics = useMemo(
    () => (open ? jobStatistics(document, labels.map((label) => label.id)) : null),
    [open, document, labels],
  );
  const names = new Map(labels.map((label) => [label.id, label.name]));
  const rows: Row[] = statistics
    ? [
        ...statistics.labels.map((row) => ({ ...row, key: String(row.labelId), name: names.get(row.labelId) ?? `Label #${row.labelId}` })),
        { ...statistics.totals, key: "total", name: "Total" },
      ]
    : [];
  const types = statistics ? usedShapeTypes(statistics) : [];
  const columns = [
    { title: "Label", dataIndex: "name", key: "name" },
    ...types.map((type) => ({ title: SHAPE_TITLES[type], key: type, render: (_: unknown, row: Row) => row.shapes[type] })),
    { title: "Tracks", dataIndex: "tracks", key: "tracks" },
    { title: "Tags", dataIndex: "tags", key: "tags" },
    { title: "Total", dataIndex: "total", key: "total" },
  ];
  const deleted = frames.frames.filter((frame) => frames.isDeleted(frame)).length;
  return (
    <Modal open={open} onCancel={onClose} footer={null} width={760} title={`Job #${job.id}`} destroyOnHidden>
      <div data-testid="job-info">
        <Descriptions size="small" column={2} bordered>
          <Descriptions.Item label="Task">
            #{job.task_id} {job.task_name ?? ""}
          </Descriptions.Item>
          <Descriptions.Item label="Project">{job.project_name ?? "—"}</Descriptions.Item>
          <Descriptions.Item label="Frames">
            <span data-testid="job-info-frames">
              {frames.frameCount} ({frames.startFrame}–{frames.stopFrame}
              {deleted > 0 ? `, ${deleted} deleted` : ""})
            </span>
          </Descriptions.Item>
          <Descriptions.Item label="Assignee">{job.assignee?.username ?? "—"}</Descriptions.Item>
          <Descriptions.Item label="Stage">
            <Tag data-testid="job-info-stage">{job.stage}</Tag>
          </Descriptions.Item>
          <Descriptions.Item label="State">
            <Tag data-testid="job-info-state">{job.state}</Tag>
          </Descriptions.Item>
        </Descriptions>
        <Table<Row>
          style={{ marginTop: 16 }}
          size="small"
          pagination={false}
          dataSource={rows}
          columns={columns}
          data-testid="job-info-statistics"
          onRow={(row) => ({ "data-testid": `job-info-row-${row.key}` }) as React.HTMLAttributes<HTMLElement>}
        />
      </div>
    </Modal>
  );
}
