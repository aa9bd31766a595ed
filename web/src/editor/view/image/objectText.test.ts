import { describe, expect, it } from "vitest";
import type { ShapeObject } from "../../engine/document/model";
import { displayId, objectTextLines, type ObjectTextInput } from "./objectText";

const input: ObjectTextInput = {
  shape: { source: "manual", attributes: { 7: "red", 8: "yes" } } as unknown as ShapeObject,
  label: { name: "car", attributes: [{ id: 7, name: "color" }, { id: 8, name: "parked" }] },
  id: "12",
  box: { xtl: 10, ytl: 20, xbr: 110.4, ybr: 70 },
};

describe("object text", () => {
  it("reads label, id and source on the first line, then size and attributes", () => {
    expect(objectTextLines(input, ["id", "label", "attributes", "source", "dimensions"])).toEqual([
      "car 12 (manual)",
      "100×50",
      "color: red",
      "parked: yes",
    ]);
  });

  it("shows only what the settings choose", () => {
    expect(objectTextLines(input, ["label"])).toEqual(["car"]);
    expect(objectTextLines(input, ["dimensions"])).toEqual(["100×50"]);
    expect(objectTextLines(input, [])).toEqual([]);
  });

  it("names saved objects by the server's id and unsaved ones by their label only", () => {
    expect(displayId(42)).toBe("42");
    expect(objectTextLines({ ...input, id: displayId(undefined) }, ["id", "label"])).toEqual(["car"]);
  });
});
