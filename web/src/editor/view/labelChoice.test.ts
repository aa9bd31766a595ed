import { describe, expect, it } from "vitest";
import { labelForTool, whyNotFor, whyToolUnavailable, type TypedLabel } from "./labelChoice";

const label = (id: number, name: string, type: string): TypedLabel => ({ id, name, type });
const person = label(1, "person", "skeleton");
const car = label(2, "car", "any");
const road = label(3, "road", "polygon");
const weather = label(4, "weather", "tag");

describe("whyNotFor", () => {
  it("offers a label of type any to every tool", () => {
    for (const tool of ["cursor", "rectangle", "polygon", "polyline", "points", "ellipse", "tag"] as const) {
      expect(whyNotFor(car, tool)).toBeNull();
    }
  });

  it("offers a typed label only to its own tool", () => {
    expect(whyNotFor(road, "polygon")).toBeNull();
    expect(whyNotFor(road, "rectangle")).toBe('"road" is for polygons only.');
    expect(whyNotFor(road, "tag")).toBe('"road" is for polygons only.');
  });

  it("keeps tag labels to the tag tool", () => {
    expect(whyNotFor(weather, "tag")).toBeNull();
    expect(whyNotFor(weather, "ellipse")).toBe('"weather" is for tags only: use the Tag tool.');
  });

  it("offers a skeleton label to no tool, saying why", () => {
    const why = '"person" is a skeleton label, and drawing skeletons is not available yet.';
    for (const tool of ["cursor", "rectangle", "polygon", "points", "tag"] as const) {
      expect(whyNotFor(person, tool)).toBe(why);
    }
  });

  it("lets the cursor tool keep any label some tool can use", () => {
    expect(whyNotFor(road, "cursor")).toBeNull();
    expect(whyNotFor(weather, "cursor")).toBeNull();
    expect(whyNotFor(label(5, "box", "cuboid"), "cursor")).toBe('"box" is a cuboid label, and drawing cuboids is not available yet.');
  });

  it("names a type it does not know", () => {
    expect(whyNotFor(label(6, "ball", "sphere"), "rectangle")).toBe('"ball" has the type "sphere", which the editor cannot draw.');
  });
});

describe("labelForTool", () => {
  const labels = [person, road, car, weather];

  it("keeps the chosen label when it fits the tool", () => {
    expect(labelForTool(labels, road.id, "polygon")).toBe(road);
  });

  it("falls back to the first label that fits", () => {
    expect(labelForTool(labels, person.id, "polygon")).toBe(road);
    expect(labelForTool(labels, road.id, "rectangle")).toBe(car);
    expect(labelForTool(labels, null, "tag")).toBe(car);
  });

  it("finds none when no label fits", () => {
    expect(labelForTool([person, road], person.id, "rectangle")).toBeNull();
  });
});

describe("whyToolUnavailable", () => {
  it("says nothing of a tool some label fits, or of the cursor", () => {
    expect(whyToolUnavailable([person, road], "polygon")).toBeNull();
    expect(whyToolUnavailable([], "cursor")).toBeNull();
  });

  it("says why a tool no label fits cannot be used", () => {
    expect(whyToolUnavailable([person, road], "rectangle")).toBe("No label of this job is for rectangles.");
    expect(whyToolUnavailable([], "tag")).toBe("The job has no labels.");
  });
});
