import { describe, expect, it } from "vitest";
import { describeSort, formatSort, parseSort, placeField, removeField, toggleDirection, type SortField } from "./sorting";

const FIELDS: SortField[] = [
  { key: "id", label: "ID" },
  { key: "name", label: "Name" },
  { key: "updated_date", label: "Updated date" },
  { key: "owner", label: "Owner" },
];

const item = (field: string, descending = false) => ({ field, descending });

describe("parseSort / formatSort", () => {
  it("reads fields in order with their directions", () => {
    expect(parseSort("-updated_date,name", FIELDS)).toEqual([item("updated_date", true), item("name")]);
  });

  it("drops unknown fields, repeats and blanks", () => {
    expect(parseSort(" name, ,secret,-name,id ", FIELDS)).toEqual([item("name"), item("id")]);
    expect(parseSort("", FIELDS)).toEqual([]);
  });

  it("writes the server's comma list with - for descending", () => {
    expect(formatSort([item("updated_date", true), item("name")])).toBe("-updated_date,name");
    expect(formatSort([])).toBe("");
  });
});

describe("placeField", () => {
  const list = [item("id"), item("name", true), item("owner")];

  it("inserts a new field at the drop position, ascending", () => {
    expect(placeField(list, "updated_date", 1)).toEqual([item("id"), item("updated_date"), item("name", true), item("owner")]);
    expect(placeField(list, "updated_date", 3)).toEqual([...list, item("updated_date")]);
  });

  it("inserts a new field with the direction it is given", () => {
    expect(placeField([], "name", 0, true)).toEqual([item("name", true)]);
  });

  it("moves a listed field down, counting the drop position in the list as it is", () => {
    // Dropping "id" in front of "owner" (index 2) puts it between name and owner.
    expect(placeField(list, "id", 2)).toEqual([item("name", true), item("id"), item("owner")]);
    expect(placeField(list, "id", 3)).toEqual([item("name", true), item("owner"), item("id")]);
  });

  it("moves a listed field up and keeps its direction", () => {
    expect(placeField(list, "name", 0)).toEqual([item("name", true), item("id"), item("owner")]);
  });

  it("leaves the list as it was when dropped onto its own place", () => {
    expect(placeField(list, "name", 1)).toEqual(list);
    expect(placeField(list, "name", 2)).toEqual(list);
  });

  it("clamps the drop position", () => {
    expect(placeField(list, "updated_date", 40)).toEqual([...list, item("updated_date")]);
    expect(placeField(list, "updated_date", -1)[0]).toEqual(item("updated_date"));
  });
});

describe("removeField / toggleDirection / describeSort", () => {
  it("removes a field", () => {
    expect(removeField([item("id"), item("name")], "id")).toEqual([item("name")]);
  });

  it("toggles one field's direction", () => {
    expect(toggleDirection([item("id"), item("name")], "name")).toEqual([item("id"), item("name", true)]);
  });

  it("describes the sort with arrows", () => {
    expect(describeSort([item("updated_date", true), item("name")], FIELDS)).toBe("Updated date ↓, Name ↑");
  });
});
