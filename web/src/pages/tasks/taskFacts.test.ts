import { describe, expect, it } from "vitest";
import { jobsProgress, subsetChoices, trackerUrlProblem } from "./taskFacts";

describe("trackerUrlProblem", () => {
  it("accepts http and https addresses", () => {
    expect(trackerUrlProblem("https://github.com/org/repo/issues/1")).toBeNull();
    expect(trackerUrlProblem("http://jira.local/browse/CV-2")).toBeNull();
  });

  it("accepts an empty value, which clears the tracker", () => {
    expect(trackerUrlProblem("   ")).toBeNull();
  });

  it("refuses text that is not an address", () => {
    expect(trackerUrlProblem("issue 12")).toMatch(/full address/);
  });

  it("refuses other schemes", () => {
    expect(trackerUrlProblem("javascript:alert(1)")).toMatch(/http/);
  });
});

describe("jobsProgress", () => {
  it("counts completed jobs against all", () => {
    expect(jobsProgress({ count: 4, completed: 1, validation: 0 })).toEqual({
      percent: 25,
      text: "1 of 4 jobs completed",
    });
  });

  it("speaks of one job in the singular", () => {
    expect(jobsProgress({ count: 1, completed: 1, validation: null }).text).toBe("1 of 1 job completed");
  });

  it("has nothing to show before the task has jobs", () => {
    expect(jobsProgress({ count: 0, completed: null, validation: null })).toEqual({ percent: 0, text: "No jobs yet" });
  });
});

describe("subsetChoices", () => {
  it("offers the usual subsets, then the project's own, without repeats in any case", () => {
    expect(subsetChoices(["train", "Holdout"])).toEqual(["Train", "Test", "Validation", "Holdout"]);
  });
});
