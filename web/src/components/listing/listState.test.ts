import { describe, expect, it } from "vitest";
import {
  applyChange,
  combineFilters,
  hasActiveFilters,
  readListState,
  serverFilter,
  serverQuery,
  writeListState,
  type ListState,
} from "./listState";

const DEFAULTS = { pageSize: 10, sort: "-id" };
const BLANK: ListState = { page: 1, pageSize: 10, search: "", sort: "-id", filter: "", quick: [] };

describe("readListState", () => {
  it("falls back to the defaults", () => {
    expect(readListState(new URLSearchParams(), DEFAULTS)).toEqual(BLANK);
  });

  it("reads every parameter", () => {
    const params = new URLSearchParams(
      "page=3&page_size=50&search=car&sort=name,-id&quick=owned_by_me,not_completed&filter=%7B%7D",
    );
    expect(readListState(params, DEFAULTS)).toEqual({
      page: 3,
      pageSize: 50,
      search: "car",
      sort: "name,-id",
      filter: "{}",
      quick: ["owned_by_me", "not_completed"],
    });
  });

  it("ignores nonsense numbers", () => {
    for (const query of ["page=0", "page=-2", "page=abc", "page=1.5", "page_size=0", "page_size=100000"]) {
      const state = readListState(new URLSearchParams(query), DEFAULTS);
      expect(state.page, query).toBe(1);
      expect(state.pageSize, query).toBe(10);
    }
  });

  it("reads an explicitly empty sort as no sort", () => {
    expect(readListState(new URLSearchParams("sort="), DEFAULTS).sort).toBe("");
  });

  it("drops repeated and blank quick filters", () => {
    expect(readListState(new URLSearchParams("quick=a,,a,b"), DEFAULTS).quick).toEqual(["a", "b"]);
  });
});

describe("writeListState", () => {
  it("leaves defaults out of the URL", () => {
    expect(writeListState(BLANK, DEFAULTS).toString()).toBe("");
  });

  it("writes what differs from the defaults", () => {
    const state = { ...BLANK, page: 2, pageSize: 20, search: "a b", sort: "name", quick: ["x", "y"], filter: '{"and":[]}' };
    const params = writeListState(state, DEFAULTS);
    expect(Object.fromEntries(params)).toEqual({
      page: "2",
      page_size: "20",
      search: "a b",
      sort: "name",
      quick: "x,y",
      filter: '{"and":[]}',
    });
  });

  it("keeps parameters that are not list state", () => {
    const base = new URLSearchParams("project_id=4&page=9&search=old");
    expect(writeListState(BLANK, DEFAULTS, base).toString()).toBe("project_id=4");
  });

  it("round-trips through the URL", () => {
    const state = { ...BLANK, page: 4, search: "x", sort: "", quick: ["a"], filter: '{"==":[{"var":"id"},1]}' };
    expect(readListState(writeListState(state, DEFAULTS), DEFAULTS)).toEqual(state);
  });
});

describe("applyChange", () => {
  it("keeps the page when only the page changes", () => {
    expect(applyChange({ ...BLANK, page: 2 }, { page: 5 }).page).toBe(5);
  });

  it("goes back to page 1 on any other change", () => {
    const state = { ...BLANK, page: 4 };
    expect(applyChange(state, { search: "x" })).toMatchObject({ page: 1, search: "x" });
    expect(applyChange(state, { pageSize: 50 })).toMatchObject({ page: 1, pageSize: 50 });
    expect(applyChange(state, { sort: "name" }).page).toBe(1);
  });
});

describe("filters for the server", () => {
  const mine = { "==": [{ var: "owner" }, "me"] };
  const open = { "!=": [{ var: "status" }, "completed"] };
  const builder = { and: [{ in: ["car", { var: "name" }] }] };

  it("combines with And, keeping a single filter as it is", () => {
    expect(combineFilters([])).toBeNull();
    expect(combineFilters([mine])).toEqual(mine);
    expect(combineFilters([mine, open])).toEqual({ and: [mine, open] });
  });

  it("sends the builder's text alone when no quick filter is on", () => {
    expect(serverFilter("", [])).toBeUndefined();
    expect(serverFilter(JSON.stringify(builder), [])).toBe(JSON.stringify(builder));
  });

  it("And-combines quick filters with the builder's filter", () => {
    expect(JSON.parse(serverFilter(JSON.stringify(builder), [mine, open])!)).toEqual({ and: [mine, open, builder] });
    expect(JSON.parse(serverFilter("", [mine])!)).toEqual(mine);
  });

  it("passes a broken builder filter through for the server to explain", () => {
    expect(serverFilter("{oops", [mine])).toBe("{oops");
  });

  it("builds the list query", () => {
    const state = { ...BLANK, page: 2, pageSize: 20, search: "car", sort: "name" };
    expect(serverQuery(state, [])).toEqual({ page: 2, page_size: 20, search: "car", sort: "name" });
    expect(serverQuery({ ...BLANK, sort: "" }, [mine])).toEqual({ page: 1, page_size: 10, filter: JSON.stringify(mine) });
  });

  it("knows when anything narrows the list", () => {
    expect(hasActiveFilters(BLANK)).toBe(false);
    expect(hasActiveFilters({ ...BLANK, sort: "name", page: 3 })).toBe(false);
    expect(hasActiveFilters({ ...BLANK, search: "x" })).toBe(true);
    expect(hasActiveFilters({ ...BLANK, quick: ["a"] })).toBe(true);
    expect(hasActiveFilters({ ...BLANK, filter: "{}" })).toBe(true);
  });
});
