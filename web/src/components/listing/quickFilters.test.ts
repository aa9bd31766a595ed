import { describe, expect, it } from "vitest";
import { assignedToMe, notCompleted, ownedByMe, quickFilterLogic } from "./quickFilters";

const me = { username: "ann" };

describe("quick filters", () => {
  it("match the signed-in user by username", () => {
    expect(assignedToMe.build(me)).toEqual({ "==": [{ var: "assignee" }, "ann"] });
    expect(ownedByMe.build(me)).toEqual({ "==": [{ var: "owner" }, "ann"] });
  });

  it("exclude completed items by status or state", () => {
    expect(notCompleted("status").build(me)).toEqual({ "!=": [{ var: "status" }, "completed"] });
    expect(notCompleted("state").build(me)).toEqual({ "!=": [{ var: "state" }, "completed"] });
  });

  it("build only the chosen ones, in the order offered, ignoring unknown keys", () => {
    const offered = [assignedToMe, ownedByMe, notCompleted("status")];
    expect(quickFilterLogic(["not_completed", "assigned_to_me", "bogus"], offered, me)).toEqual([
      assignedToMe.build(me),
      notCompleted("status").build(me),
    ]);
  });

  it("build nothing before the user is known", () => {
    expect(quickFilterLogic(["owned_by_me"], [ownedByMe], null)).toEqual([]);
  });
});
