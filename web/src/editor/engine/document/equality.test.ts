import { describe, expect, it } from "vitest";
import { deepEqual } from "./equality";

describe("deepEqual", () => {
  it("compares plain data structurally", () => {
    expect(deepEqual({ a: [1, { b: "x" }], c: null }, { c: null, a: [1, { b: "x" }] })).toBe(true);
  });

  it("tells apart values, lengths and key sets", () => {
    expect(deepEqual([1, 2], [1, 2, 3])).toBe(false);
    expect(deepEqual({ a: 1 }, { a: 2 })).toBe(false);
    expect(deepEqual({ a: 1 }, { b: 1 })).toBe(false);
    expect(deepEqual({ a: undefined }, {})).toBe(false);
  });

  it("does not take an array for an object with the same keys", () => {
    expect(deepEqual([1], { 0: 1 })).toBe(false);
  });

  it("compares primitives by value", () => {
    expect(deepEqual("a", "a")).toBe(true);
    expect(deepEqual(0, "0")).toBe(false);
    expect(deepEqual(null, {})).toBe(false);
  });
});
