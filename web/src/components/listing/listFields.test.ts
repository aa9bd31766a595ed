import { describe, expect, it } from "vitest";
import { FILTER_FIELDS, filterField, sortFields } from "./listFields";
import { STAGE_OPTIONS } from "./fieldOptions";

describe("sortFields", () => {
  it("names each field as the lists do, in the order given", () => {
    expect(sortFields("updated_date", "id", "project_name")).toEqual([
      { key: "updated_date", label: "Updated date" },
      { key: "id", label: "ID" },
      { key: "project_name", label: "Project name" },
    ]);
  });
});

describe("filter fields", () => {
  it("offer 'is empty' only where a value may be missing", () => {
    expect(FILTER_FIELDS.assignee.empty).toBeNull();
    expect(FILTER_FIELDS.project_id.empty).toBeNull();
    expect("empty" in FILTER_FIELDS.owner).toBe(false);
    expect(filterField("subset", "text", { empty: "" })).toEqual({
      key: "subset",
      label: "Subset",
      type: "text",
      empty: "",
    });
  });

  it("carry a select's options", () => {
    expect(filterField("stage", "select", { options: STAGE_OPTIONS })).toEqual({
      key: "stage",
      label: "Stage",
      type: "select",
      options: STAGE_OPTIONS,
    });
  });
});
