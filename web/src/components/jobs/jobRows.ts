// Facts the jobs table shows about a job: its link, frames, how long it has run, the choices of
// stage and state (CVAT's values).
import type { Job } from "../../api/types";

export type JobStage = "annotation" | "validation" | "acceptance";
export type JobState = "new" | "in progress" | "rejected" | "completed";

export const JOB_STAGES: { value: JobStage; label: string }[] = [
  { value: "annotation", label: "Annotation" },
  { value: "validation", label: "Validation" },
  { value: "acceptance", label: "Acceptance" },
];

export const JOB_STATES: { value: JobState; label: string; color: string }[] = [
  { value: "new", label: "New", color: "default" },
  { value: "in progress", label: "In progress", color: "processing" },
  { value: "rejected", label: "Rejected", color: "error" },
  { value: "completed", label: "Completed", color: "success" },
];

type JobFacts = Pick<Job, "id" | "task_id" | "start_frame" | "stop_frame" | "state" | "created_date" | "updated_date">;

/** The address of the job's annotation view, absolute so it can be pasted anywhere. */
export function jobUrl(origin: string, job: Pick<Job, "id" | "task_id">): string {
  return `${origin.replace(/\/+$/, "")}/tasks/${job.task_id}/jobs/${job.id}`;
}

export function frameRange(job: Pick<Job, "start_frame" | "stop_frame">): string {
  return job.start_frame === job.stop_frame ? `${job.start_frame}` : `${job.start_frame}–${job.stop_frame}`;
}

/**
 * How long the job has been worked on: from its creation until now, or until its last change
 * once it is completed (a finished job's clock stops).
 */
export function jobDurationMs(job: JobFacts, now: number): number {
  const start = Date.parse(job.created_date);
  const end = job.state === "completed" ? Date.parse(job.updated_date) : now;
  if (Number.isNaN(start) || Number.isNaN(end)) return 0;
  return Math.max(0, end - start);
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** A duration as people say it, to the two largest units: "3 d 4 h", "2 h 5 min", "< 1 min". */
export function formatDuration(ms: number): string {
  if (ms < MINUTE) return "< 1 min";
  const days = Math.floor(ms / DAY);
  const hours = Math.floor((ms % DAY) / HOUR);
  const minutes = Math.floor((ms % HOUR) / MINUTE);
  if (days > 0) return hours > 0 ? `${days} d ${hours} h` : `${days} d`;
  if (hours > 0) return minutes > 0 ? `${hours} h ${minutes} min` : `${hours} h`;
  return `${minutes} min`;
}

export function stateColor(state: string): string {
  return JOB_STATES.find((s) => s.value === state)?.color ?? "default";
}
