import { describe, expect, it } from "vitest";
import { imagePoint as p } from "../../engine/geometry/coords";
import { finishPathEdit, pathEditClick, pathEditPreview, removeLastPathPoint, startPathEdit } from "./pathEdit";

// A square with an extra vertex on its bottom edge: 0 (0,0), 1 (100,0), 2 (100,100), 3 (50,100), 4 (0,100).
const polygon = [0, 0, 100, 0, 100, 100, 50, 100, 0, 100];

describe("Shift+click polygon edit", () => {
  it("replaces the short arc and keeps the longer one when the rules agree", () => {
    // From vertex 0 to vertex 1 through a point above: the arc 0→1 (2 points, length 100) is cut;
    // the other arc (1→2→3→4→0, 5 points, 300 long) is kept.
    let state = startPathEdit("a", "polygon", 0);
    state = pathEditClick(state, polygon, p(50, -20), null, true).state!;
    expect(pathEditPreview({ ...state, kind: "path", pointer: p(60, -10) } as typeof state, polygon)).toEqual([0, 0, 50, -20, 60, -10]);
    const done = pathEditClick(state, polygon, p(100, 0), 1, true);
    expect(done.state).toBeNull();
    expect(done.points).toEqual([0, 0, 50, -20, 100, 0, 100, 100, 50, 100, 0, 100]);
  });

  it("asks which part to keep when intelligent cropping is off, then keeps the clicked one", () => {
    let state = startPathEdit("a", "polygon", 0);
    state = pathEditClick(state, polygon, p(50, 50), null, false).state!;
    const asked = pathEditClick(state, polygon, p(100, 100), 2, false);
    expect(asked.points).toBeNull();
    expect(asked.state?.kind).toBe("choose");
    // Outside both: nothing yet. Inside the upper-right part (0,0)-(100,0)-(100,100)-(50,50): kept.
    expect(pathEditClick(asked.state!, polygon, p(500, 500), null, false).points).toBeNull();
    const kept = pathEditClick(asked.state!, polygon, p(90, 20), null, false);
    expect(kept.state).toBeNull();
    expect(kept.points).toEqual([0, 0, 100, 0, 100, 100, 50, 50]);
  });

  it("is cancelled when it would leave fewer than 3 points", () => {
    const state = startPathEdit("a", "polygon", 0);
    expect(pathEditClick(state, polygon, p(0, 100), 4, true)).toEqual({ state: null, points: null });
  });

  it("takes back the last path point on a right click", () => {
    let state = startPathEdit("a", "polygon", 0);
    state = pathEditClick(state, polygon, p(5, 5), null, true).state!;
    state = pathEditClick(state, polygon, p(6, 6), null, true).state!;
    const fewer = removeLastPathPoint(state);
    expect(fewer.kind === "path" ? fewer.path : null).toEqual([p(5, 5)]);
  });
});

describe("Shift+click polyline edit", () => {
  const line = [0, 0, 10, 0, 20, 0, 30, 0];

  it("replaces the part between the two clicked vertices", () => {
    let state = startPathEdit("l", "polyline", 1);
    state = pathEditClick(state, line, p(15, 10), null, true).state!;
    expect(pathEditClick(state, line, p(30, 0), 3, true).points).toEqual([0, 0, 10, 0, 15, 10, 30, 0]);
  });

  it("continues the line along the path when finished off the shape", () => {
    let state = startPathEdit("l", "polyline", 3);
    state = pathEditClick(state, line, p(40, 5), null, true).state!;
    expect(finishPathEdit(state, line).points).toEqual([0, 0, 10, 0, 20, 0, 30, 0, 40, 5]);
  });

  it("ends without change on its start vertex with no path", () => {
    expect(pathEditClick(startPathEdit("l", "polyline", 1), line, p(10, 0), 1, true)).toEqual({ state: null, points: null });
  });
});

describe("Shift+click points edit", () => {
  const points = [1, 1, 5, 5];

  it("adds the clicked points, ending on one of its points or with a double click", () => {
    let state = startPathEdit("p", "points", 0);
    state = pathEditClick(state, points, p(9, 9), null, true).state!;
    state = pathEditClick(state, points, p(12, 3), null, true).state!;
    expect(pathEditPreview(state, points)).toEqual([]);
    expect(pathEditClick(state, points, p(5, 5), 1, true).points).toEqual([1, 1, 5, 5, 9, 9, 12, 3]);
    expect(finishPathEdit(state, points).points).toEqual([1, 1, 5, 5, 9, 9, 12, 3]);
  });

  it("changes nothing when no point was added", () => {
    expect(pathEditClick(startPathEdit("p", "points", 0), points, p(1, 1), 0, true)).toEqual({ state: null, points: null });
  });
});
