import { describe, expect, it } from "vitest";
import type { BackgroundRequest } from "../../api/types";
import {
  canCancel,
  downloadHref,
  durationText,
  elapsedOf,
  listStateParams,
  needsPolling,
  operationOf,
  parseListState,
  statusFilterQuery,
  statusOf,
} from "./requestRows";

function request(overrides: Partial<BackgroundRequest> = {}, operation: Partial<BackgroundRequest["operation"]> = {}) {
  const base: BackgroundRequest = {
    id: "action=export&target=task&target_id=3",
    status: "queued",
    message: "",
    progress: null,
    operation: {
      type: "export:dataset",
      target: "task",
      project_id: null,
      task_id: 3,
      job_id: null,
      org_id: null,
      format: "CVAT for images 1.1",
      function_id: null,
      lightweight: null,
    },
    created_date: "2026-01-01T10:00:00Z",
    started_date: null,
    finished_date: null,
    expiry_date: null,
    owner: { id: 1, username: "anna" },
    result_url: null,
    result_id: null,
  };
  return { ...base, ...overrides, operation: { ...base.operation, ...operation } };
}

describe("operationOf", () => {
  it("names the operation, its object and format", () => {
    expect(operationOf(request())).toEqual({
      action: "export",
      title: "Export dataset",
      target: { label: "Task #3", href: "/tasks/3" },
      format: "CVAT for images 1.1",
    });
  });

  it("links a job to its task", () => {
    const job = request({}, { type: "export:annotations", target: "job", job_id: 9, task_id: 3 });
    expect(operationOf(job).target).toEqual({ label: "Job #9", href: "/tasks/3" });
  });

  it("links projects", () => {
    const imported = request({}, { type: "import:dataset", target: "project", project_id: 4, task_id: null });
    expect(operationOf(imported).title).toBe("Import dataset");
    expect(operationOf(imported).target).toEqual({ label: "Project #4", href: "/projects/4" });
  });

  it("names a restored backup's new object from its result", () => {
    const restored = request({ result_id: 12 }, { type: "import:backup", task_id: null });
    expect(operationOf(restored).target).toEqual({ label: "Task #12", href: "/tasks/12" });
  });

  it("titles operations it does not know from their type", () => {
    expect(operationOf(request({}, { type: "merge:annotations" })).title).toBe("Merge annotations");
  });
});

describe("statusOf", () => {
  it("shows running requests with their progress", () => {
    expect(statusOf(request({ status: "started", progress: 0.426 }))).toMatchObject({
      kind: "started",
      percent: 43,
      progressStatus: "active",
    });
  });

  it("tells cancellations from failures", () => {
    expect(statusOf(request({ status: "failed", message: "Cancelled by the user." })).kind).toBe("cancelled");
    expect(statusOf(request({ status: "failed", message: "Disk full." })).kind).toBe("failed");
  });

  it("shows finished requests complete", () => {
    expect(statusOf(request({ status: "finished", progress: null })).percent).toBe(100);
  });
});

describe("polling and cancelling", () => {
  it("polls while anything is queued or running", () => {
    expect(needsPolling([request({ status: "finished" }), request({ status: "started" })])).toBe(true);
    expect(needsPolling([request({ status: "finished" }), request({ status: "failed" })])).toBe(false);
    expect(needsPolling(undefined)).toBe(false);
  });

  it("offers cancel only for requests that can still be stopped", () => {
    expect(canCancel(request({ status: "queued" }))).toBe(true);
    expect(canCancel(request({ status: "started" }))).toBe(true);
    expect(canCancel(request({ status: "queued", message: "Cancelling." }))).toBe(false);
    expect(canCancel(request({ status: "finished" }))).toBe(false);
  });
});

describe("downloadHref", () => {
  it("keeps the path and query of the server's URL", () => {
    const url = "http://10.0.0.5:8080/api/tasks/3/dataset/download?rq_id=action%3Dexport";
    expect(downloadHref(url, "https://contour.example")).toBe("/api/tasks/3/dataset/download?rq_id=action%3Dexport");
  });
});

describe("durations", () => {
  it("reads like a person would say it", () => {
    expect(durationText(850)).toBe("850 ms");
    expect(durationText(42_000)).toBe("42 s");
    expect(durationText(185_000)).toBe("3 min 5 s");
    expect(durationText(120_000)).toBe("2 min");
    expect(durationText(7_620_000)).toBe("2 h 7 min");
  });

  it("measures from start to finish, or to now while running", () => {
    const finished = request({ started_date: "2026-01-01T10:00:00Z", finished_date: "2026-01-01T10:00:05Z" });
    expect(elapsedOf(finished, 0)).toBe(5000);
    const running = request({ started_date: "2026-01-01T10:00:00Z" });
    expect(elapsedOf(running, Date.parse("2026-01-01T10:00:02Z"))).toBe(2000);
    expect(elapsedOf(request(), 0)).toBeNull();
  });
});

describe("list state", () => {
  it("reads the page, size and status from the URL", () => {
    expect(parseListState(new URLSearchParams("page=3&page_size=50&status=active"))).toEqual({
      page: 3,
      pageSize: 50,
      status: "active",
    });
  });

  it("falls back to the defaults for odd values", () => {
    expect(parseListState(new URLSearchParams("page=-1&page_size=7&status=weird"))).toEqual({
      page: 1,
      pageSize: 20,
      status: "all",
    });
  });

  it("writes only what differs from the defaults", () => {
    expect(listStateParams({ page: 1, pageSize: 20, status: "all" }).toString()).toBe("");
    expect(listStateParams({ page: 2, pageSize: 20, status: "failed" }).toString()).toBe("page=2&status=failed");
  });

  it("filters the server's list by status", () => {
    expect(statusFilterQuery("all")).toBeUndefined();
    expect(JSON.parse(statusFilterQuery("active")!)).toEqual({ in: [{ var: "status" }, ["queued", "started"]] });
  });
});
