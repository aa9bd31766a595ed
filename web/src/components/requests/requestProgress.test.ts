import { describe, expect, it } from "vitest";
import type { BackgroundRequest } from "../../api/types";
import { isFinal, isRunning, progressStatus, stateOfRequest, toPercent, uploadingState } from "./requestProgress";

function request(status: string, extra: Partial<BackgroundRequest> = {}): BackgroundRequest {
  return {
    id: "rq",
    status,
    message: "",
    progress: null,
    operation: {
      type: "export:dataset",
      target: "task",
      project_id: null,
      task_id: 1,
      job_id: null,
      org_id: null,
      format: "COCO 1.0",
      function_id: null,
      lightweight: null,
    },
    created_date: "2025-01-01T00:00:00Z",
    started_date: null,
    finished_date: null,
    expiry_date: null,
    owner: { id: 1, username: "u" },
    result_url: null,
    result_id: null,
    ...extra,
  };
}

describe("toPercent", () => {
  it("turns the server's fraction into a clamped whole percent", () => {
    expect(toPercent(0.456)).toBe(46);
    expect(toPercent(1.5)).toBe(100);
    expect(toPercent(-1)).toBe(0);
  });

  it("reads a missing progress as nothing done yet", () => {
    expect(toPercent(null)).toBe(0);
    expect(toPercent(undefined)).toBe(0);
  });
});

describe("stateOfRequest", () => {
  it("shows a queued request waiting", () => {
    expect(stateOfRequest(request("queued"), false)).toMatchObject({ phase: "queued", percent: 0 });
  });

  it("shows a started request with its progress and status text", () => {
    const state = stateOfRequest(request("started", { progress: 0.5, message: "Writing images" }), false);
    expect(state).toMatchObject({ phase: "started", percent: 50, message: "Writing images" });
  });

  it("shows a finished request complete", () => {
    expect(stateOfRequest(request("finished", { progress: 1 }), false)).toMatchObject({
      phase: "finished",
      percent: 100,
    });
  });

  it("shows a failure with the server's words", () => {
    const state = stateOfRequest(request("failed", { message: "No images." }), false);
    expect(state).toMatchObject({ phase: "failed", message: "No images." });
  });

  it("reads a failure after the user asked to cancel as a cancellation", () => {
    const state = stateOfRequest(request("failed", { message: "Cancelled by the user." }), true);
    expect(state.phase).toBe("cancelled");
  });

  it("gives a failure without a message a sentence anyway", () => {
    expect(stateOfRequest(request("failed"), false).message).toBe("The operation failed.");
  });
});

describe("phases", () => {
  it("tells running phases from final ones", () => {
    expect(isRunning("uploading")).toBe(true);
    expect(isRunning("finished")).toBe(false);
    expect(isFinal("cancelled")).toBe(true);
    expect(isFinal("started")).toBe(false);
  });

  it("maps phases to progress bar colours", () => {
    expect(progressStatus("started")).toBe("active");
    expect(progressStatus("finished")).toBe("success");
    expect(progressStatus("failed")).toBe("exception");
  });

  it("reports upload progress as a percent of the bytes", () => {
    expect(uploadingState(25, 100)).toMatchObject({ phase: "uploading", percent: 25, message: "Uploading… 25%" });
    expect(uploadingState(0, 0).percent).toBe(0);
  });
});
