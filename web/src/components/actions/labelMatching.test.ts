import { describe, expect, it } from "vitest";
import { matchLabels, moveBlocker, unmatchedNames } from "./labelMatching";

const car = { id: 1, name: "car" };
const person = { id: 2, name: "person" };
const projectCar = { id: 10, name: "car" };
const projectBike = { id: 11, name: "bike" };

describe("matchLabels", () => {
  it("pairs each task label with the project label of the same name", () => {
    expect(matchLabels([car], [projectBike, projectCar])).toEqual([{ taskLabel: car, projectLabel: projectCar }]);
  });

  it("leaves a task label without a namesake unmatched", () => {
    expect(matchLabels([person], [projectCar])).toEqual([{ taskLabel: person, projectLabel: null }]);
  });

  it("matches names exactly, case included", () => {
    expect(matchLabels([{ id: 3, name: "Car" }], [projectCar])[0]!.projectLabel).toBeNull();
  });
});

describe("moveBlocker", () => {
  it("allows the move when every label is matched", () => {
    expect(moveBlocker(matchLabels([car], [projectCar]))).toBeNull();
  });

  it("names the one missing label", () => {
    expect(moveBlocker(matchLabels([car, person], [projectCar]))).toBe(
      "The project has no label named “person”. Add it to the project first.",
    );
  });

  it("names every missing label", () => {
    const matches = matchLabels([car, person], []);
    expect(unmatchedNames(matches)).toEqual(["car", "person"]);
    expect(moveBlocker(matches)).toBe("The project has no labels named “car”, “person”. Add them to the project first.");
  });

  it("allows moving a task without labels", () => {
    expect(moveBlocker([])).toBeNull();
  });
});
