import { describe, expect, it } from "vitest";
import { MAX_RECENT_FILTERS, pushRecent, readRecent, recentFiltersKey, writeRecent } from "./recentFilters";

function memoryStore(initial: Record<string, string> = {}) {
  const data = new Map(Object.entries(initial));
  return {
    getItem: (key: string) => data.get(key) ?? null,
    setItem: (key: string, value: string) => void data.set(key, value),
  };
}

describe("pushRecent", () => {
  it("puts the newest first", () => {
    expect(pushRecent(["a", "b"], "c")).toEqual(["c", "a", "b"]);
  });

  it("moves a repeated filter to the front instead of listing it twice", () => {
    expect(pushRecent(["a", "b", "c"], "b")).toEqual(["b", "a", "c"]);
  });

  it("keeps at most the limit", () => {
    const many = Array.from({ length: MAX_RECENT_FILTERS }, (_, i) => `f${i}`);
    const next = pushRecent(many, "new");
    expect(next).toHaveLength(MAX_RECENT_FILTERS);
    expect(next[0]).toBe("new");
    expect(next).not.toContain(`f${MAX_RECENT_FILTERS - 1}`);
  });

  it("ignores a blank filter", () => {
    expect(pushRecent(["a"], " ")).toEqual(["a"]);
  });
});

describe("storage", () => {
  it("reads back what it wrote", () => {
    const store = memoryStore();
    writeRecent(store, recentFiltersKey("tasks"), ["x", "y"]);
    expect(readRecent(store, recentFiltersKey("tasks"))).toEqual(["x", "y"]);
  });

  it("keeps each list's filters apart", () => {
    const store = memoryStore();
    writeRecent(store, recentFiltersKey("tasks"), ["x"]);
    expect(readRecent(store, recentFiltersKey("jobs"))).toEqual([]);
  });

  it("treats unreadable data as nothing", () => {
    const key = recentFiltersKey("tasks");
    expect(readRecent(memoryStore({ [key]: "{oops" }), key)).toEqual([]);
    expect(readRecent(memoryStore({ [key]: '{"a":1}' }), key)).toEqual([]);
    expect(readRecent(memoryStore({ [key]: '["ok", 3, null]' }), key)).toEqual(["ok"]);
  });

  it("survives a storage that refuses writes", () => {
    const store = {
      getItem: () => null,
      setItem: () => {
        throw new Error("QuotaExceededError");
      },
    };
    expect(() => writeRecent(store, "k", ["x"])).not.toThrow();
  });
});
