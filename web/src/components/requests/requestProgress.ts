// What a background request (GET /api/requests/{id}) means for the person waiting on it.
import type { BackgroundRequest } from "../../api/types";

/** Where one followed operation stands, from the upload that may precede it to its outcome. */
export type FollowPhase = "idle" | "uploading" | "queued" | "started" | "finished" | "failed" | "cancelled";

export interface FollowState {
  phase: FollowPhase;
  /** 0..100, for antd's Progress. */
  percent: number;
  /** A line for the user: the server's status text, or ours while uploading. */
  message: string;
  request: BackgroundRequest | null;
}

export const IDLE: FollowState = { phase: "idle", percent: 0, message: "", request: null };

export function isFinal(phase: FollowPhase): boolean {
  return phase === "finished" || phase === "failed" || phase === "cancelled";
}

export function isRunning(phase: FollowPhase): boolean {
  return phase === "uploading" || phase === "queued" || phase === "started";
}

export function toPercent(fraction: number | null | undefined): number {
  if (fraction === null || fraction === undefined || Number.isNaN(fraction)) return 0;
  return Math.round(Math.min(1, Math.max(0, fraction)) * 100);
}

/**
 * The state a polled request puts us in. The server reports a cancelled request as failed, so a
 * failure after the user asked to cancel is shown as the cancellation it is.
 */
export function stateOfRequest(request: BackgroundRequest, cancelAsked: boolean): FollowState {
  const status = request.status;
  if (status === "finished") {
    return { phase: "finished", percent: 100, message: request.message, request };
  }
  if (status === "failed") {
    const phase = cancelAsked ? "cancelled" : "failed";
    const message = request.message || (cancelAsked ? "Cancelled." : "The operation failed.");
    return { phase, percent: toPercent(request.progress), message, request };
  }
  if (status === "started") {
    return { phase: "started", percent: toPercent(request.progress), message: request.message || "Running…", request };
  }
  return { phase: "queued", percent: 0, message: request.message || "Waiting in the queue…", request };
}

export function uploadingState(loaded: number, total: number): FollowState {
  const percent = total > 0 ? Math.round((loaded / total) * 100) : 0;
  return { phase: "uploading", percent, message: `Uploading… ${percent}%`, request: null };
}

/** antd Progress's status for a phase. */
export function progressStatus(phase: FollowPhase): "active" | "success" | "exception" | "normal" {
  if (phase === "finished") return "success";
  if (phase === "failed" || phase === "cancelled") return "exception";
  if (isRunning(phase)) return "active";
  return "normal";
}
