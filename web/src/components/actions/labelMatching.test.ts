import { describe, expect, it } from "vitest";
import {
  defaultChoices,
  droppedAttributes,
  incompatibility,
  matchLabels,
  moveBlocker,
  projectMismatch,
  renameMapping,
  unmatchedNames,
  type NamedLabel,
} from "./labelMatching";

const car = { id: 1, name: "car" };
const person = { id: 2, name: "person" };
const projectCar = { id: 10, name: "car" };
const projectBike = { id: 11, name: "bike" };
const projectVehicle = { id: 12, name: "vehicle" };
const skeleton = (id: number, name: string, points: string[]): NamedLabel => ({
  id,
  name,
  type: "skeleton",
  sublabels: points.map((point) => ({ name: point })),
});

describe("defaultChoices", () => {
  it("picks the project label of the same name", () => {
    expect(defaultChoices([car], [projectBike, projectCar])).toEqual({ 1: 10 });
  });

  it("leaves a task label without a namesake unpicked", () => {
    expect(defaultChoices([person], [projectCar])).toEqual({ 2: null });
  });

  it("matches names exactly, case included", () => {
    expect(defaultChoices([{ id: 3, name: "Car" }], [projectCar])).toEqual({ 3: null });
  });

  it("does not pick a namesake that could not take the annotations", () => {
    const taskPerson = skeleton(2, "person", ["head", "foot"]);
    expect(defaultChoices([taskPerson], [skeleton(20, "person", ["head"])])).toEqual({ 2: null });
    expect(defaultChoices([taskPerson], [{ id: 21, name: "person" }])).toEqual({ 2: null });
  });
});

describe("incompatibility", () => {
  it("accepts any plain label for a plain label", () => {
    expect(incompatibility(car, projectBike)).toBeNull();
  });

  it("keeps skeletons and plain labels apart", () => {
    expect(incompatibility(skeleton(2, "person", ["head"]), projectCar)).toBe("not a skeleton");
    expect(incompatibility(car, skeleton(20, "person", ["head"]))).toBe("a skeleton");
  });

  it("needs every point of the task's skeleton, by name", () => {
    const taskPerson = skeleton(2, "person", ["head", "foot", "hand"]);
    expect(incompatibility(taskPerson, skeleton(20, "human", ["hand", "head", "foot", "knee"]))).toBeNull();
    expect(incompatibility(taskPerson, skeleton(20, "person", ["head"]))).toBe("no point “foot”, “hand”");
  });
});

describe("droppedAttributes", () => {
  it("names the attributes the project label lacks, inside skeleton points too", () => {
    const taskCar = { id: 1, name: "car", attributes: [{ name: "model" }, { name: "speed" }] };
    expect(droppedAttributes(taskCar, { id: 10, name: "car", attributes: [{ name: "model" }] })).toEqual(["speed"]);
    const taskPerson = { ...skeleton(2, "person", ["head"]), sublabels: [{ name: "head", attributes: [{ name: "visible" }] }] };
    expect(droppedAttributes(taskPerson, skeleton(20, "person", ["head"]))).toEqual(["head.visible"]);
  });

  it("is empty when every attribute has a namesake", () => {
    expect(droppedAttributes({ id: 1, name: "car", attributes: [{ name: "model" }] }, { id: 10, name: "auto", attributes: [{ name: "model" }] })).toEqual([]);
  });
});

describe("matchLabels", () => {
  it("pairs each task label with the picked project label", () => {
    const matches = matchLabels([car, person], [projectCar, projectBike], { 1: 10, 2: 11 });
    expect(matches).toEqual([
      { taskLabel: car, projectLabel: projectCar },
      { taskLabel: person, projectLabel: projectBike },
    ]);
  });

  it("treats unpicked labels and picks of labels not in the project as unmatched", () => {
    const matches = matchLabels([car, person], [projectCar], { 1: 99 });
    expect(unmatchedNames(matches)).toEqual(["car", "person"]);
  });
});

describe("moveBlocker", () => {
  it("allows the move when every label has a pick", () => {
    expect(moveBlocker(matchLabels([car], [projectCar], { 1: 10 }))).toBeNull();
  });

  it("names the one label left to pick", () => {
    expect(moveBlocker(matchLabels([car, person], [projectCar], { 1: 10, 2: null }))).toBe(
      "Pick the project label that “person” becomes (the project has none of that name).",
    );
  });

  it("names every label left to pick", () => {
    expect(moveBlocker(matchLabels([car, person], [], {}))).toBe(
      "Pick the project labels that “car”, “person” become (the project has none of those names).",
    );
  });

  it("allows moving a task without labels", () => {
    expect(moveBlocker([])).toBeNull();
  });
});

describe("renameMapping", () => {
  it("sends only the labels that land on a label of another name", () => {
    const matches = matchLabels([car, person], [projectCar, projectVehicle], { 1: 10, 2: 12 });
    expect(renameMapping(matches)).toEqual([{ id: 2, name: "vehicle" }]);
  });

  it("is empty when every label keeps its name", () => {
    expect(renameMapping(matchLabels([car], [projectCar], { 1: 10 }))).toEqual([]);
  });

  it("skips labels still unpicked", () => {
    expect(renameMapping(matchLabels([car], [projectCar], { 1: null }))).toEqual([]);
  });
});

describe("projectMismatch", () => {
  it("refuses a project of another dimension for a task with data", () => {
    expect(projectMismatch({ size: 4, dimension: "2d" }, { dimension: "3d" })).toBe("3D project; the task is 2D");
  });

  it("accepts a project of the same dimension, or one without any yet", () => {
    expect(projectMismatch({ size: 4, dimension: "2d" }, { dimension: "2d" })).toBeNull();
    expect(projectMismatch({ size: 4, dimension: "2d" }, { dimension: null })).toBeNull();
  });

  it("accepts any project for a task without data", () => {
    expect(projectMismatch({ dimension: "2d" }, { dimension: "3d" })).toBeNull();
  });
});
