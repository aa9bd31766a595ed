import { freeze, produce } from "immer";
import { describe, expect, it } from "vitest";
import {
  BUCKET_COUNT,
  bucketOf,
  deleteEntry,
  emptyTable,
  getEntry,
  hasEntry,
  setEntry,
  tableEntries,
  tableFrom,
  tableIds,
  tableSize,
  tableValues,
} from "./idTable";

describe("IdTable", () => {
  it("reads what it was built from", () => {
    const table = tableFrom([
      ["a", 1],
      ["b", 2],
    ]);
    expect(getEntry(table, "a")).toBe(1);
    expect(hasEntry(table, "b")).toBe(true);
    expect(getEntry(table, "c")).toBeUndefined();
    expect(hasEntry(table, "c")).toBe(false);
    expect(tableSize(table)).toBe(2);
    expect(tableIds(table).sort()).toEqual(["a", "b"]);
    expect(tableValues(table).sort()).toEqual([1, 2]);
    expect(Object.fromEntries(tableEntries(table))).toEqual({ a: 1, b: 2 });
  });

  it("does not mistake inherited names for entries", () => {
    expect(hasEntry(emptyTable(), "toString")).toBe(false);
    expect(getEntry(emptyTable(), "constructor")).toBeUndefined();
  });

  it("sets and deletes entries inside immer recipes", () => {
    const table = freeze(tableFrom([["a", 1]]), true);
    const next = produce(table, (draft) => {
      setEntry(draft, "b", 2);
      deleteEntry(draft, "a");
      deleteEntry(draft, "never-there");
    });
    expect(Object.fromEntries(tableEntries(next))).toEqual({ b: 2 });
    expect(getEntry(table, "a")).toBe(1);
  });

  it("copies only the bucket an edit touches", () => {
    const table = freeze(tableFrom(Array.from({ length: 3000 }, (_, i) => [`shape:${i}`, i] as const)), true);
    const next = produce(table, (draft) => {
      setEntry(draft, "shape:7", -1);
    });
    const touched = bucketOf("shape:7");
    const changed = next.buckets.filter((bucket, n) => bucket !== table.buckets[n]);
    expect(changed).toEqual([next.buckets[touched]]);
  });

  it("spreads server-style ids evenly over its buckets", () => {
    const sizes = new Array<number>(BUCKET_COUNT).fill(0);
    for (let i = 1; i <= 100_000; i += 1) sizes[bucketOf(`shape:${i}`)] += 1;
    const mean = 100_000 / BUCKET_COUNT;
    expect(Math.max(...sizes)).toBeLessThan(mean * 2);
    expect(Math.min(...sizes)).toBeGreaterThan(mean / 2);
  });
});
