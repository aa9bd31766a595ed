import { describe, expect, it } from "vitest";
import { findDefaultLabel, findLabelByName, jobPath, jobUrl, parseJobLink } from "./links";

describe("parseJobLink", () => {
  it("reads every parameter the editor understands", () => {
    const { params, problems } = parseJobLink(
      "?frame=12&object=7&defaultWorkspace=single_shape&defaultLabel=dog&defaultPointsCount=10",
    );
    expect(params).toEqual({
      frame: 12,
      object: 7,
      defaultWorkspace: "single_shape",
      defaultLabel: "dog",
      defaultPointsCount: 10,
    });
    expect(problems).toEqual([]);
  });

  it("reads nothing from an empty query", () => {
    expect(parseJobLink("")).toEqual({ params: {}, problems: [] });
  });

  it("accepts URLSearchParams as well as a string", () => {
    expect(parseJobLink(new URLSearchParams({ frame: "0" })).params).toEqual({ frame: 0 });
  });

  it("drops a frame that is not a whole number, saying why", () => {
    for (const frame of ["-1", "2.5", "abc", "", "1e3"]) {
      const { params, problems } = parseJobLink(`?frame=${encodeURIComponent(frame)}`);
      expect(params.frame).toBeUndefined();
      expect(problems).toEqual([`The frame "${frame}" is not a frame number.`]);
    }
  });

  it("drops an object id that is not positive", () => {
    const { params, problems } = parseJobLink("?object=0");
    expect(params.object).toBeUndefined();
    expect(problems).toHaveLength(1);
  });

  it("understands CVAT's object links (type and serverID)", () => {
    expect(parseJobLink("?frame=3&type=shape&serverID=55").params).toEqual({
      frame: 3,
      object: 55,
      objectType: "shape",
    });
  });

  it("refuses an unknown object type", () => {
    const { params, problems } = parseJobLink("?object=5&type=cuboid3d");
    expect(params).toEqual({ object: 5 });
    expect(problems[0]).toMatch(/object type "cuboid3d"/);
  });

  it("accepts workspace names in any case and refuses unknown ones", () => {
    expect(parseJobLink("?defaultWorkspace=Review").params.defaultWorkspace).toBe("review");
    const { params, problems } = parseJobLink("?defaultWorkspace=painting");
    expect(params.defaultWorkspace).toBeUndefined();
    expect(problems[0]).toMatch(/workspace "painting" is not one of standard, standard3d, attributes/);
  });

  it("trims the default label and refuses an empty one", () => {
    expect(parseJobLink("?defaultLabel=%20traffic%20light%20").params.defaultLabel).toBe("traffic light");
    expect(parseJobLink("?defaultLabel=").problems).toEqual(["The default label is empty."]);
  });

  it("refuses a points count below one", () => {
    const { params, problems } = parseJobLink("?defaultPointsCount=0");
    expect(params.defaultPointsCount).toBeUndefined();
    expect(problems).toHaveLength(1);
  });

  it("keeps the valid parameters when others are wrong", () => {
    const { params, problems } = parseJobLink("?frame=x&defaultLabel=cat");
    expect(params).toEqual({ defaultLabel: "cat" });
    expect(problems).toHaveLength(1);
  });
});

describe("jobPath and jobUrl", () => {
  it("links the job on a frame", () => {
    expect(jobPath(3, 9, { frame: 42 })).toBe("/tasks/3/jobs/9?frame=42");
  });

  it("links an object on its frame", () => {
    expect(jobPath(3, 9, { frame: 42, object: 1001 })).toBe("/tasks/3/jobs/9?frame=42&object=1001");
  });

  it("links the bare job without a target", () => {
    expect(jobPath(3, 9)).toBe("/tasks/3/jobs/9");
  });

  it("makes an absolute link to share", () => {
    expect(jobUrl("https://contour.example/", 3, 9, { frame: 0 })).toBe(
      "https://contour.example/tasks/3/jobs/9?frame=0",
    );
  });

  it("round-trips through parseJobLink", () => {
    const path = jobPath(1, 2, { frame: 5, object: 6 });
    expect(parseJobLink(path.slice(path.indexOf("?"))).params).toEqual({ frame: 5, object: 6 });
  });
});

describe("findLabelByName", () => {
  const labels = [
    { id: 1, name: "Car" },
    { id: 2, name: "car" },
    { id: 3, name: "Person" },
  ];

  it("prefers the exact name, then ignores case", () => {
    expect(findLabelByName(labels, "car")?.id).toBe(2);
    expect(findLabelByName(labels, "person")?.id).toBe(3);
  });

  it("answers null for an unknown label", () => {
    expect(findLabelByName(labels, "dog")).toBeNull();
  });
});

describe("findDefaultLabel", () => {
  const labels = [
    { id: 7, name: "car" },
    { id: 8, name: "7" },
    { id: 9, name: "person" },
  ];

  it("takes a name first, then an id", () => {
    expect(findDefaultLabel(labels, "Person")?.id).toBe(9);
    expect(findDefaultLabel(labels, "7")?.id).toBe(8);
    expect(findDefaultLabel(labels, "9")?.id).toBe(9);
    expect(findDefaultLabel(labels, "10")).toBeNull();
    expect(findDefaultLabel(labels, "dog")).toBeNull();
  });
});
