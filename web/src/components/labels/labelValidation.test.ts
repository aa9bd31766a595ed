import { describe, expect, it } from "vitest";
import { newAttribute } from "./attributeRules";
import { emptyLabel, type LabelDraft } from "./labelDraft";
import { issuePoint, validateLabel, validateLabels } from "./labelValidation";
import { addPoint } from "./skeleton";

function label(name: string, patch: Partial<LabelDraft> = {}): LabelDraft {
  return { ...emptyLabel("#ff0000"), name, ...patch };
}

const paths = (l: LabelDraft, others: string[] = []) => validateLabel(l, others).map((i) => i.path);

describe("validating one label", () => {
  it("accepts a named label with a color", () => {
    expect(validateLabel(label("car"))).toEqual([]);
  });

  it("needs a name that no other label has", () => {
    expect(paths(label(" "))).toEqual(["name"]);
    expect(validateLabel(label("car"), ["car"])[0]?.message).toBe('A label named "car" already exists.');
    expect(validateLabel(label(" car "), ["car"])).toHaveLength(1);
  });

  it("needs a #rrggbb color", () => {
    expect(paths(label("car", { color: "red" }))).toEqual(["color"]);
  });

  it("points at the attribute field at fault", () => {
    const attribute = { ...newAttribute("select"), name: "model", values: [] };
    expect(paths(label("car", { attributes: [attribute] }))).toEqual([`attributes.${attribute.key}.values`]);
  });

  it("refuses two attributes with one name", () => {
    const a = { ...newAttribute("text"), name: "note" };
    const b = { ...newAttribute("text"), name: "note" };
    expect(paths(label("car", { attributes: [a, b] }))).toEqual([`attributes.${b.key}.name`]);
  });
});

describe("validating a skeleton", () => {
  const skeletonLabel = (patch: Partial<LabelDraft> = {}) => ({ ...emptyLabel("#00ff00", "skeleton"), name: "body", ...patch });

  it("needs at least one point", () => {
    expect(paths(skeletonLabel())).toEqual(["skeleton"]);
  });

  it("accepts distinct point names", () => {
    const skeleton = addPoint(addPoint({ points: [], edges: [] }, 10, 10), 20, 20);
    expect(validateLabel(skeletonLabel({ skeleton }))).toEqual([]);
  });

  it("refuses repeated, empty and svg-unsafe point names", () => {
    let skeleton = addPoint(addPoint(addPoint({ points: [], edges: [] }, 10, 10), 20, 20), 30, 30);
    skeleton = {
      ...skeleton,
      points: skeleton.points.map((p, i) => ({ ...p, name: ["a", "a", 'b"'][i]! })),
    };
    const issues = validateLabel(skeletonLabel({ skeleton }));
    expect(issues.map((i) => i.path)).toEqual(["points.2.name", "points.3.name"]);
    expect(issues.map(issuePoint)).toEqual([2, 3]);
    const empty = { ...skeleton, points: [{ ...skeleton.points[0]!, name: "" }] };
    expect(paths(skeletonLabel({ skeleton: empty }))).toEqual(["points.1.name"]);
  });

  it("checks the attributes of points", () => {
    const skeleton = addPoint({ points: [], edges: [] }, 10, 10);
    const attribute = { ...newAttribute("number"), name: "visibility", values: ["0", "1"] };
    skeleton.points[0]!.attributes = [attribute];
    expect(paths(skeletonLabel({ skeleton }))).toEqual([`points.1.attributes.${attribute.key}.values`]);
  });
});

describe("validating a label set", () => {
  it("reports each problem once, naming its label", () => {
    expect(validateLabels([label("car"), label("car"), label("")])).toEqual([
      'Label "car": A label named "car" already exists.',
      "Label 3: Give the label a name.",
    ]);
  });

  it("is empty for a valid set", () => {
    expect(validateLabels([label("car"), label("person")])).toEqual([]);
  });
});
