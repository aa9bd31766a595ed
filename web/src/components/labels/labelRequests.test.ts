import { describe, expect, it } from "vitest";
import type { Label } from "../../api/types";
import { newAttribute } from "./attributeRules";
import { emptyLabel, type LabelDraft } from "./labelDraft";
import { createRequest, labelsFromServer, patchRequests, removedLabels } from "./labelRequests";
import { addEdge, addPoint, emptySkeleton } from "./skeleton";

const serverLabels: Label[] = [
  {
    id: 1,
    name: "car",
    color: "#ff0000",
    type: "rectangle",
    svg: "",
    has_parent: false,
    parent_id: null,
    project_id: 5,
    sublabels: [],
    attributes: [{ id: 10, name: "model", mutable: false, input_type: "select", default_value: "a", values: ["a", "b"] }],
  },
  {
    id: 2,
    name: "body",
    color: "#00ff00",
    type: "skeleton",
    svg:
      '<line data-type="edge" data-node-from="1" data-node-to="2"></line>' +
      '<circle cx="10" cy="10" data-type="element node" data-node-id="1" data-label-id="3"></circle>' +
      '<circle cx="20" cy="20" data-type="element node" data-node-id="2" data-label-id="4"></circle>',
    has_parent: false,
    parent_id: null,
    project_id: 5,
    sublabels: [
      { id: 3, name: "head", color: "#0000ff", type: "points", attributes: [], has_parent: true },
      { id: 4, name: "foot", color: "#ffff00", type: "points", attributes: [], has_parent: true },
    ],
    attributes: [],
  },
];

describe("reading the server's labels", () => {
  it("keeps ids and attribute specs", () => {
    const [car] = labelsFromServer(serverLabels);
    expect(car).toMatchObject({ id: 1, name: "car", type: "rectangle" });
    expect(car?.attributes[0]).toMatchObject({ id: 10, inputType: "select", values: ["a", "b"], defaultValue: "a" });
  });

  it("turns a skeleton's svg and sublabels into points and edges", () => {
    const body = labelsFromServer(serverLabels)[1];
    expect(body?.skeleton?.points.map((p) => [p.nodeId, p.name, p.sublabelId, p.x])).toEqual([
      [1, "head", 3, 10],
      [2, "foot", 4, 20],
    ]);
    expect(body?.skeleton?.edges).toEqual([{ from: 1, to: 2 }]);
  });

  it("leaves sublabels listed on their own out of the top level", () => {
    const sub = { ...serverLabels[0]!, id: 3, has_parent: true, parent_id: 2 };
    expect(labelsFromServer([...serverLabels, sub])).toHaveLength(2);
  });
});

describe("create requests", () => {
  it("send names, colors, types and attribute specs", () => {
    const label: LabelDraft = {
      ...emptyLabel("#123456"),
      name: " person ",
      attributes: [{ ...newAttribute("select"), name: "age", values: ["young", "old"], defaultValue: "" }],
    };
    expect(createRequest(label)).toEqual({
      name: "person",
      color: "#123456",
      type: "any",
      attributes: [
        { name: "age", mutable: false, input_type: "select", values: ["young", "old"], default_value: "young", deleted: false },
      ],
      deleted: false,
    });
  });

  it("send a checkbox's default as its single value", () => {
    const label = { ...emptyLabel("#123456"), name: "a", attributes: [{ ...newAttribute("checkbox"), name: "x", defaultValue: "true" }] };
    expect(createRequest(label).attributes?.[0]).toMatchObject({ values: ["true"], default_value: "true" });
  });

  it("send a skeleton as sublabels and an svg naming them", () => {
    const label: LabelDraft = {
      ...emptyLabel("#123456", "skeleton"),
      name: "hand",
      skeleton: addEdge(addPoint(addPoint(emptySkeleton(), 1, 1), 2, 2), 1, 2),
    };
    const request = createRequest(label);
    expect(request.sublabels?.map((s) => [s.name, s.type])).toEqual([
      ["1", "points"],
      ["2", "points"],
    ]);
    expect(request.svg).toContain('data-label-name="1"');
    expect(request.svg).toContain('data-node-from="1" data-node-to="2"');
  });
});

describe("patch requests", () => {
  const before = () => labelsFromServer(serverLabels);

  it("are empty when nothing changed", () => {
    expect(patchRequests(before(), before())).toEqual([]);
  });

  it("delete labels that are gone", () => {
    const old = before();
    const next = old.slice(1);
    expect(removedLabels(old, next).map((l) => l.name)).toEqual(["car"]);
    expect(patchRequests(old, next)).toEqual([{ id: 1, deleted: true }]);
  });

  it("add labels without ids", () => {
    const old = before();
    const fresh = { ...emptyLabel("#abcdef"), name: "bus" };
    expect(patchRequests(old, [...old, fresh])).toEqual([createRequest(fresh)]);
  });

  it("update a renamed label, deleting removed attributes and adding new ones", () => {
    const old = before();
    const [car, body] = old;
    const renamed: LabelDraft = {
      ...car!,
      name: "automobile",
      attributes: [{ ...newAttribute("text"), name: "plate" }],
    };
    const [request] = patchRequests(old, [renamed, body!]);
    expect(request).toMatchObject({ id: 1, name: "automobile", color: "#ff0000", type: "rectangle" });
    expect(request?.attributes).toEqual([
      expect.objectContaining({ id: 10, name: "model", deleted: true }),
      expect.objectContaining({ name: "plate", input_type: "text", deleted: false }),
    ]);
    expect(request?.attributes?.[1]).not.toHaveProperty("id");
  });

  it("update a skeleton's points by sublabel id and delete removed ones", () => {
    const old = before();
    const body = old[1]!;
    const skeleton = body.skeleton!;
    const next: LabelDraft = {
      ...body,
      skeleton: {
        points: [{ ...skeleton.points[0]!, name: "skull", x: 50 }],
        edges: [],
      },
    };
    const [request] = patchRequests(old, [old[0]!, next]);
    expect(request?.sublabels).toEqual([
      { id: 4, name: "foot", deleted: true },
      expect.objectContaining({ id: 3, name: "skull", deleted: false }),
    ]);
    expect(request?.svg).toContain('cx="50"');
    expect(request?.svg).toContain('data-label-name="skull"');
  });
});
