import { describe, expect, it } from "vitest";
import { formatDuration, frameRange, jobDurationMs, jobUrl, stateColor } from "./jobRows";

const job = {
  id: 7,
  task_id: 3,
  start_frame: 2,
  stop_frame: 3,
  state: "in progress",
  created_date: "2025-01-01T10:00:00Z",
  updated_date: "2025-01-01T12:00:00Z",
};

describe("jobUrl", () => {
  it("points at the job's annotation view on this server", () => {
    expect(jobUrl("http://host:8080", job)).toBe("http://host:8080/tasks/3/jobs/7");
  });

  it("does not double the slash after the origin", () => {
    expect(jobUrl("http://host/", job)).toBe("http://host/tasks/3/jobs/7");
  });
});

describe("frameRange", () => {
  it("shows first and last frame", () => {
    expect(frameRange(job)).toBe("2–3");
  });

  it("shows a one-frame job as that frame", () => {
    expect(frameRange({ start_frame: 5, stop_frame: 5 })).toBe("5");
  });
});

describe("jobDurationMs", () => {
  const now = Date.parse("2025-01-02T10:00:00Z");

  it("runs from creation until now while the job is open", () => {
    expect(jobDurationMs(job, now)).toBe(24 * 3600_000);
  });

  it("stops at the last change once the job is completed", () => {
    expect(jobDurationMs({ ...job, state: "completed" }, now)).toBe(2 * 3600_000);
  });

  it("is never negative, and zero for unreadable dates", () => {
    expect(jobDurationMs(job, Date.parse("2024-01-01T00:00:00Z"))).toBe(0);
    expect(jobDurationMs({ ...job, created_date: "garbage" }, now)).toBe(0);
  });
});

describe("formatDuration", () => {
  it("says less than a minute for short times", () => {
    expect(formatDuration(30_000)).toBe("< 1 min");
  });

  it("keeps the two largest units", () => {
    expect(formatDuration(5 * 60_000)).toBe("5 min");
    expect(formatDuration(2 * 3600_000 + 5 * 60_000)).toBe("2 h 5 min");
    expect(formatDuration(3 * 86400_000 + 4 * 3600_000 + 59 * 60_000)).toBe("3 d 4 h");
  });

  it("drops a zero second unit", () => {
    expect(formatDuration(3600_000)).toBe("1 h");
    expect(formatDuration(2 * 86400_000)).toBe("2 d");
  });
});

describe("stateColor", () => {
  it("colours known states and falls back for others", () => {
    expect(stateColor("completed")).toBe("success");
    expect(stateColor("unheard of")).toBe("default");
  });
});
