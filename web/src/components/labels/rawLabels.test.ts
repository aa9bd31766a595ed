import { describe, expect, it } from "vitest";
import { newAttribute } from "./attributeRules";
import { emptyLabel, type LabelDraft } from "./labelDraft";
import { parseRawLabels, serializeRawLabels } from "./rawLabels";
import { addEdge, addPoint, emptySkeleton } from "./skeleton";

function parsed(text: string, known: LabelDraft[] = []): LabelDraft[] {
  const result = parseRawLabels(text, known);
  if (!result.ok) throw new Error(result.errors.join("\n"));
  return result.labels;
}

function errors(text: string): string[] {
  const result = parseRawLabels(text);
  return result.ok ? [] : result.errors;
}

const car: LabelDraft = {
  ...emptyLabel("#ff0000"),
  id: 7,
  name: "car",
  type: "rectangle",
  attributes: [{ ...newAttribute("select"), id: 70, name: "model", values: ["a", "b"], defaultValue: "b" }],
};

const body: LabelDraft = {
  ...emptyLabel("#00ff00", "skeleton"),
  name: "body",
  skeleton: addEdge(addPoint(addPoint(emptySkeleton(), 10, 20), 30, 40), 1, 2),
};

describe("writing raw labels", () => {
  it("uses CVAT's field names", () => {
    expect(JSON.parse(serializeRawLabels([car]))).toEqual([
      {
        id: 7,
        name: "car",
        color: "#ff0000",
        type: "rectangle",
        attributes: [{ id: 70, name: "model", mutable: false, input_type: "select", default_value: "b", values: ["a", "b"] }],
      },
    ]);
  });

  it("gives skeletons their sublabels and svg", () => {
    const [raw] = JSON.parse(serializeRawLabels([body]));
    expect(raw.sublabels.map((s: { name: string; type: string }) => [s.name, s.type])).toEqual([
      ["1", "points"],
      ["2", "points"],
    ]);
    expect(raw.svg).toContain('data-label-name="2"');
  });
});

describe("reading raw labels", () => {
  it("round-trips what it writes", () => {
    const back = parsed(serializeRawLabels([car, body]), [car]);
    expect(back[0]).toEqual(car);
    expect(back[1]?.skeleton?.points.map((p) => [p.name, p.x, p.y])).toEqual([
      ["1", 10, 20],
      ["2", 30, 40],
    ]);
    expect(back[1]?.skeleton?.edges).toEqual([{ from: 1, to: 2 }]);
  });

  it("fills in what the CLI leaves out", () => {
    const [label] = parsed('[{"name": "person"}]');
    expect(label).toMatchObject({ name: "person", type: "any", attributes: [] });
    expect(label?.color).toMatch(/^#[0-9a-f]{6}$/);
    expect(label?.id).toBeUndefined();
  });

  it("gives labels without a color distinct colors", () => {
    const labels = parsed('[{"name": "a"}, {"name": "b", "color": "#33ddff"}, {"name": "c"}]');
    expect(new Set(labels.map((l) => l.color)).size).toBe(3);
  });

  it("drops ids that are not among the known labels", () => {
    const [label] = parsed('[{"id": 99, "name": "car", "attributes": [{"id": 5, "name": "x", "input_type": "text"}]}]');
    expect(label?.id).toBeUndefined();
    expect(label?.attributes[0]?.id).toBeUndefined();
  });

  it("keeps the ids of known labels and attributes, and their keys", () => {
    const [label] = parsed(serializeRawLabels([{ ...car, name: "automobile" }]), [car]);
    expect(label).toMatchObject({ id: 7, key: car.key, name: "automobile" });
    expect(label?.attributes[0]).toMatchObject({ id: 70, key: car.attributes[0]!.key });
  });

  it("stringifies numeric values", () => {
    const [label] = parsed('[{"name": "a", "attributes": [{"name": "n", "input_type": "number", "values": [0, 10, 1]}]}]');
    expect(label?.attributes[0]?.values).toEqual(["0", "10", "1"]);
  });

  it("reads a skeleton whose svg names sublabels by id", () => {
    const text = JSON.stringify([
      {
        name: "hand",
        type: "skeleton",
        sublabels: [
          { id: 3, name: "thumb" },
          { id: 4, name: "index" },
        ],
        svg:
          '<line data-type="edge" data-node-from="1" data-node-to="2"/>' +
          '<circle cx="1" cy="1" data-type="element node" data-node-id="1" data-label-id="3"/>' +
          '<circle cx="9" cy="9" data-type="element node" data-node-id="2" data-label-id="4"/>',
      },
    ]);
    const [label] = parsed(text);
    expect(label?.skeleton?.points.map((p) => [p.name, p.x, p.sublabelId])).toEqual([
      ["thumb", 1, undefined],
      ["index", 9, undefined],
    ]);
  });

  it("explains JSON and shape errors", () => {
    expect(errors("[{")[0]).toMatch(/^This is not valid JSON/);
    expect(errors('{"name": "a"}')).toEqual(['The labels must be a JSON list, like [{"name": "car"}].']);
    expect(errors('[{"color": "#fff000"}]')).toEqual(['Label 1: every label needs a "name".']);
    expect(errors('[{"name": "a", "type": "blob"}]')[0]).toMatch(/^Label "a": "type" must be one of any, rectangle/);
    expect(errors('[{"name": "a", "attributes": [{"name": "x", "input_type": "slider"}]}]')[0]).toMatch(
      /^Label "a", attribute 1 \("x"\): "input_type" must be one of/,
    );
    expect(errors('[{"name": "a", "attributes": {"name": "x"}}]')).toEqual(['Label "a": "attributes" must be a list.']);
    expect(errors('[{"name": "a", "sublabels": [{"name": "b"}]}]')).toEqual([
      'Label "a": only skeleton labels have "sublabels".',
    ]);
    expect(errors('[{"name": "s", "type": "skeleton"}]')).toEqual([
      'Label "s": a skeleton needs "sublabels", one per point.',
    ]);
    expect(
      errors('[{"name": "s", "type": "skeleton", "sublabels": [{"name": "p"}], "svg": "<circle cx=\\"1\\" cy=\\"1\\" data-type=\\"element node\\" data-node-id=\\"1\\" data-label-name=\\"q\\"/>"}]'),
    ).toEqual(['Label "s": svg: Skeleton point 1 refers to an unknown sublabel "q".']);
  });

  it("reports every broken label at once", () => {
    expect(errors('[{"name": 1}, {"name": "ok"}, {"name": "b", "color": 5}]')).toHaveLength(2);
  });
});
