// How the Requests page presents background requests (GET /api/requests): what each one is,
// where it stands, and which of them are still moving. Pure: no React, no network.
import type { BackgroundRequest } from "../../api/types";

/** How often the list refreshes while something on it is queued or running. */
export const POLL_INTERVAL_MS = 1500;
export const PAGE_SIZES = [10, 20, 50] as const;
export const DEFAULT_PAGE_SIZE = 20;

export type StatusKind = "queued" | "started" | "finished" | "failed" | "cancelled";

export interface StatusView {
  kind: StatusKind;
  label: string;
  /** antd Tag colour. */
  color: "default" | "processing" | "success" | "error" | "warning";
  /** 0..100 for antd Progress. */
  percent: number;
  progressStatus: "normal" | "active" | "success" | "exception";
}

export interface TargetView {
  label: string;
  /** Where the object lives in the app; null when it has no page (yet). */
  href: string | null;
}

export interface OperationView {
  action: string;
  title: string;
  target: TargetView | null;
  format: string | null;
}

const TITLES: Record<string, string> = {
  "export:dataset": "Export dataset",
  "export:annotations": "Export annotations",
  "export:backup": "Back up",
  "import:dataset": "Import dataset",
  "import:annotations": "Import annotations",
  "import:backup": "Restore backup",
  "create:task": "Create task",
  "autoannotate:task": "Automatic annotation",
};

function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function percentOf(fraction: number | null | undefined): number {
  if (fraction === null || fraction === undefined || !Number.isFinite(fraction)) return 0;
  return Math.round(Math.min(1, Math.max(0, fraction)) * 100);
}

/** The server reports a cancelled request as failed with this message (requests/runner.py). */
export function wasCancelled(request: BackgroundRequest): boolean {
  return request.status === "failed" && /^cancelled by the user/i.test(request.message);
}

export function statusOf(request: BackgroundRequest): StatusView {
  const percent = percentOf(request.progress);
  switch (request.status) {
    case "started":
      return { kind: "started", label: "Running", color: "processing", percent, progressStatus: "active" };
    case "finished":
      return { kind: "finished", label: "Finished", color: "success", percent: 100, progressStatus: "success" };
    case "failed":
      return wasCancelled(request)
        ? { kind: "cancelled", label: "Cancelled", color: "warning", percent, progressStatus: "normal" }
        : { kind: "failed", label: "Failed", color: "error", percent, progressStatus: "exception" };
    default:
      return { kind: "queued", label: "Queued", color: "default", percent: 0, progressStatus: "normal" };
  }
}

export function isActive(request: BackgroundRequest): boolean {
  return request.status === "queued" || request.status === "started";
}

/** Whether the list must keep refreshing: something on it can still change by itself. */
export function needsPolling(requests: readonly BackgroundRequest[] | undefined): boolean {
  return (requests ?? []).some(isActive);
}

/** A queued request whose cancellation was asked waits for the queue to drop it. */
export function cancelPending(request: BackgroundRequest): boolean {
  return request.status === "queued" && /^cancelling/i.test(request.message);
}

export function canCancel(request: BackgroundRequest): boolean {
  return isActive(request) && !cancelPending(request);
}

function targetOf(request: BackgroundRequest): TargetView | null {
  const { target, project_id, task_id, job_id } = request.operation;
  if (target === "task" && task_id !== null) return { label: `Task #${task_id}`, href: `/tasks/${task_id}` };
  if (target === "project" && project_id !== null) {
    return { label: `Project #${project_id}`, href: `/projects/${project_id}` };
  }
  if (target === "job" && job_id !== null) {
    // A job has no page of its own outside the editor; its task lists it.
    return { label: `Job #${job_id}`, href: task_id !== null ? `/tasks/${task_id}` : null };
  }
  // A restored backup names its new object only once it exists.
  if (request.result_id !== null && (target === "task" || target === "project")) {
    return { label: `${capitalised(target)} #${request.result_id}`, href: `/${target}s/${request.result_id}` };
  }
  return null;
}

export function operationOf(request: BackgroundRequest): OperationView {
  const type = request.operation.type;
  const [action = type, subject = ""] = type.split(":");
  return {
    action,
    title: TITLES[type] ?? capitalised(`${action} ${subject}`.trim()),
    target: targetOf(request),
    format: request.operation.format,
  };
}

/**
 * A link for the result file: the server hands out absolute URLs built from the address it was
 * reached at, which behind a proxy may not be the browser's; the path works from the app's origin.
 */
export function downloadHref(resultUrl: string, origin: string): string {
  try {
    const url = new URL(resultUrl, origin);
    return url.pathname + url.search;
  } catch {
    return resultUrl;
  }
}

/** "850 ms", "42 s", "3 min 5 s", "2 h 7 min". */
export function durationText(milliseconds: number): string {
  if (milliseconds < 1000) return `${Math.max(0, Math.round(milliseconds))} ms`;
  const seconds = Math.round(milliseconds / 1000);
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return seconds % 60 ? `${minutes} min ${seconds % 60} s` : `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  return minutes % 60 ? `${hours} h ${minutes % 60} min` : `${hours} h`;
}

/** How long the request took (finished) or has been running (started); null before it started. */
export function elapsedOf(request: BackgroundRequest, now: number): number | null {
  if (!request.started_date) return null;
  const start = Date.parse(request.started_date);
  const end = request.finished_date ? Date.parse(request.finished_date) : now;
  return Number.isFinite(start) && Number.isFinite(end) ? Math.max(0, end - start) : null;
}

// --- list state kept in the URL -------------------------------------------------------------

export const STATUS_FILTERS = ["all", "active", "finished", "failed"] as const;
export type StatusFilter = (typeof STATUS_FILTERS)[number];

export interface ListState {
  page: number;
  pageSize: number;
  status: StatusFilter;
}

function positiveInteger(raw: string | null, fallback: number): number {
  const value = raw === null ? Number.NaN : Number(raw);
  return Number.isInteger(value) && value > 0 ? value : fallback;
}

export function parseListState(params: URLSearchParams): ListState {
  const pageSize = positiveInteger(params.get("page_size"), DEFAULT_PAGE_SIZE);
  const status = params.get("status");
  return {
    page: positiveInteger(params.get("page"), 1),
    pageSize: (PAGE_SIZES as readonly number[]).includes(pageSize) ? pageSize : DEFAULT_PAGE_SIZE,
    status: (STATUS_FILTERS as readonly string[]).includes(status ?? "") ? (status as StatusFilter) : "all",
  };
}

/** The URL query for a state; defaults are left out so a plain /requests stays plain. */
export function listStateParams(state: ListState): URLSearchParams {
  const params = new URLSearchParams();
  if (state.page !== 1) params.set("page", String(state.page));
  if (state.pageSize !== DEFAULT_PAGE_SIZE) params.set("page_size", String(state.pageSize));
  if (state.status !== "all") params.set("status", state.status);
  return params;
}

/** The server's JSON Logic `filter` for a status filter; undefined for all. */
export function statusFilterQuery(status: StatusFilter): string | undefined {
  switch (status) {
    case "active":
      return JSON.stringify({ in: [{ var: "status" }, ["queued", "started"]] });
    case "finished":
      return JSON.stringify({ "==": [{ var: "status" }, "finished"] });
    case "failed":
      return JSON.stringify({ "==": [{ var: "status" }, "failed"] });
    default:
      return undefined;
  }
}
