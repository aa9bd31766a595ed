import { describe, expect, it } from "vitest";
import { revealRow, rowOffsets, visibleRows } from "./windowing";

describe("rowOffsets", () => {
  it("sums heights", () => {
    expect(rowOffsets(3, (i) => (i === 1 ? 100 : 50))).toEqual([0, 50, 150, 200]);
    expect(rowOffsets(0, () => 50)).toEqual([0]);
  });
});

describe("visibleRows", () => {
  const offsets = rowOffsets(3000, () => 50);

  it("mounts only the rows in view plus the overscan", () => {
    expect(visibleRows(offsets, 0, 500, 2)).toEqual({ start: 0, end: 12 });
    expect(visibleRows(offsets, 1000, 500, 2)).toEqual({ start: 18, end: 32 });
  });

  it("clamps at the end of the list", () => {
    expect(visibleRows(offsets, 3000 * 50 - 100, 500, 3)).toEqual({ start: 2995, end: 3000 });
  });

  it("handles rows of different heights", () => {
    const mixed = rowOffsets(4, (i) => (i === 0 ? 300 : 50));
    expect(visibleRows(mixed, 290, 20, 0)).toEqual({ start: 0, end: 2 });
  });

  it("is empty for an empty list", () => {
    expect(visibleRows([0], 0, 500)).toEqual({ start: 0, end: 0 });
  });
});

describe("revealRow", () => {
  const offsets = rowOffsets(100, () => 50);

  it("leaves a visible row alone", () => {
    expect(revealRow(offsets, 3, 0, 500)).toBeNull();
  });

  it("scrolls up to a row above and down to a row below", () => {
    expect(revealRow(offsets, 2, 400, 500)).toBe(100);
    expect(revealRow(offsets, 20, 0, 500)).toBe(550);
  });

  it("ignores rows that do not exist", () => {
    expect(revealRow(offsets, 100, 0, 500)).toBeNull();
  });
});
