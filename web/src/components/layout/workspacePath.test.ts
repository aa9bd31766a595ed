import { describe, expect, it } from "vitest";
import { pathAfterSwitch } from "./workspacePath";

describe("pathAfterSwitch", () => {
  it("keeps a list page and its query", () => {
    expect(pathAfterSwitch("/tasks", "?page=2&sort=-id")).toBe("/tasks?page=2&sort=-id");
  });

  it("leaves an object page for its section's list", () => {
    expect(pathAfterSwitch("/tasks/12", "")).toBe("/tasks");
    expect(pathAfterSwitch("/projects/3/settings", "?tab=labels")).toBe("/projects");
  });

  it("keeps creation forms", () => {
    expect(pathAfterSwitch("/projects/create", "")).toBe("/projects/create");
  });

  it("goes to the tasks from the root", () => {
    expect(pathAfterSwitch("/", "")).toBe("/tasks");
  });
});
