import { describe, expect, it } from "vitest";
import { describeRun } from "./runSummary";

describe("describeRun", () => {
  it("says what changed and that saving stores it", () => {
    expect(describeRun({ frames: 5, deleted: 3, created: 4, skipped: {}, changed: true })).toBe(
      "3 shapes removed, 4 shapes created on 5 frames. Save to store it, or undo it in one step.",
    );
  });

  it("says why shapes were left", () => {
    expect(describeRun({ frames: 1, deleted: 0, created: 0, skipped: { locked: 1, label: 2 }, changed: false })).toBe(
      "Nothing to change on 1 frame. 1 locked shape was left as it is. 2 shapes kept: their labels do not allow the new type.",
    );
  });
});
