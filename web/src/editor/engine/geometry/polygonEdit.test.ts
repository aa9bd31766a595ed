import { describe, expect, it } from "vitest";
import { imagePoint } from "./coords";
import {
  appendPoints,
  deletePoint,
  editPolygonWithPath,
  editPolylineWithPath,
  extendPolyline,
  insertPoint,
  insertPointOnNearestEdge,
  minimumPointCount,
  movePoint,
  setStartPoint,
} from "./polygonEdit";

const smart = { intelligentCropping: true };
const manual = { intelligentCropping: false };

describe("deleting a point", () => {
  it("removes the vertex", () => {
    expect(deletePoint("polygon", [0, 0, 10, 0, 10, 10, 0, 10], 1)).toEqual([0, 0, 10, 10, 0, 10]);
  });

  it("is refused below 3 points for a polygon", () => {
    expect(deletePoint("polygon", [0, 0, 10, 0, 10, 10], 0)).toBeNull();
  });

  it("is refused below 2 points for a polyline", () => {
    expect(deletePoint("polyline", [0, 0, 10, 0], 0)).toBeNull();
    expect(deletePoint("polyline", [0, 0, 10, 0, 20, 0], 2)).toEqual([0, 0, 10, 0]);
  });

  it("is refused below 1 point for a points shape", () => {
    expect(deletePoint("points", [5, 5], 0)).toBeNull();
    expect(deletePoint("points", [5, 5, 6, 6], 0)).toEqual([6, 6]);
  });

  it("is refused for an index that does not exist", () => {
    expect(deletePoint("points", [5, 5, 6, 6], 2)).toBeNull();
  });

  it("knows each type's minimum", () => {
    const minimums = [minimumPointCount("polygon"), minimumPointCount("polyline"), minimumPointCount("points")];
    expect(minimums).toEqual([3, 2, 1]);
  });
});

describe("setting the start point", () => {
  it("rotates the list so the vertex comes first", () => {
    expect(setStartPoint([0, 0, 1, 1, 2, 2, 3, 3], 2)).toEqual([2, 2, 3, 3, 0, 0, 1, 1]);
  });

  it("leaves the list as it is for vertex 0", () => {
    expect(setStartPoint([0, 0, 1, 1, 2, 2], 0)).toEqual([0, 0, 1, 1, 2, 2]);
  });
});

describe("moving and inserting points", () => {
  it("moves one vertex", () => {
    expect(movePoint([0, 0, 1, 1, 2, 2], 1, imagePoint(5, 6))).toEqual([0, 0, 5, 6, 2, 2]);
  });

  it("inserts a vertex after the edge's first vertex", () => {
    expect(insertPoint([0, 0, 10, 0, 10, 10], 0, imagePoint(5, 0))).toEqual([0, 0, 5, 0, 10, 0, 10, 10]);
  });

  it("inserts on a polygon's closing edge at the end", () => {
    const inserted = insertPointOnNearestEdge("polygon", [0, 0, 10, 0, 10, 10, 0, 10], imagePoint(-1, 5), 2);
    expect(inserted).toEqual({ points: [0, 0, 10, 0, 10, 10, 0, 10, 0, 5], index: 4 });
  });

  it("inserts the projection of the pointer onto the nearest edge", () => {
    const inserted = insertPointOnNearestEdge("polyline", [0, 0, 10, 0, 10, 10], imagePoint(11, 4), 2);
    expect(inserted).toEqual({ points: [0, 0, 10, 0, 10, 4, 10, 10], index: 2 });
  });

  it("inserts nothing when the pointer is too far from every edge", () => {
    expect(insertPointOnNearestEdge("polyline", [0, 0, 10, 0], imagePoint(5, 5), 2)).toBeNull();
  });
});

describe("Shift+click editing a polygon", () => {
  // CVAT's own test case (cypress case 59): a pentagon cut from vertex 0 to vertex 2.
  const pentagon = [450, 350, 550, 350, 550, 450, 500, 500, 300, 550];

  it("cuts off the arc with fewer points that is also shorter (CVAT's case 59)", () => {
    const outcome = editPolygonWithPath(pentagon, 0, 2, [], smart);
    expect(outcome).toEqual({ kind: "decided", points: [450, 350, 550, 450, 500, 500, 300, 550] });
  });

  it("decides the same whichever end was clicked first", () => {
    const outcome = editPolygonWithPath(pentagon, 2, 0, [], smart);
    expect(outcome).toEqual({ kind: "decided", points: [450, 350, 550, 450, 500, 500, 300, 550] });
  });

  it("offers both parts when intelligent cropping is off", () => {
    const outcome = editPolygonWithPath(pentagon, 0, 2, [], manual);
    expect(outcome.kind).toBe("choose");
    if (outcome.kind !== "choose") return;
    expect(outcome.candidates).toContainEqual([450, 350, 550, 350, 550, 450]); // the triangle CVAT's test keeps by hand
    expect(outcome.candidates).toContainEqual([450, 350, 550, 450, 500, 500, 300, 550]);
  });

  it("replaces the cut arc with the drawn path", () => {
    // Square; redraw the top edge from vertex 0 to vertex 1 with a bump.
    const square = [0, 0, 100, 0, 100, 100, 0, 100];
    const outcome = editPolygonWithPath(square, 0, 1, [imagePoint(50, -20)], smart);
    // Arcs: 0→1 (2 points, 100 long) vs 1→2→3→0 (4 points, 300 long): the top edge is cut.
    expect(outcome).toEqual({ kind: "decided", points: [0, 0, 50, -20, 100, 0, 100, 100, 0, 100] });
  });

  it("asks the user when the criteria disagree", () => {
    // From vertex 0 to 2 of this shape: arc 0→1→2 has fewer points but is longer than 2→3→4→0.
    const shape = [0, 0, 500, 250, 0, 500, 10, 300, 10, 200];
    const outcome = editPolygonWithPath(shape, 0, 2, [], smart);
    expect(outcome.kind).toBe("choose");
  });

  it("asks the user on a tie in point count", () => {
    const square = [0, 0, 100, 0, 100, 100, 0, 100];
    expect(editPolygonWithPath(square, 0, 2, [], smart).kind).toBe("choose");
  });

  it("keeps the original first vertex first when it survives", () => {
    const hexagon = [0, 0, 10, 0, 20, 5, 10, 10, 0, 10, -10, 5];
    // Cut the short arc 2→3 (via nothing) by a path; vertex 0 lies on the kept arc.
    const outcome = editPolygonWithPath(hexagon, 3, 2, [imagePoint(15, 12)], smart);
    expect(outcome.kind).toBe("decided");
    if (outcome.kind !== "decided") return;
    expect(outcome.points.slice(0, 2)).toEqual([0, 0]);
    expect(outcome.points).toEqual([0, 0, 10, 0, 20, 5, 15, 12, 10, 10, 0, 10, -10, 5]);
  });

  it("is cancelled when a part would have fewer than 3 points", () => {
    const triangle = [0, 0, 10, 0, 5, 10];
    expect(editPolygonWithPath(triangle, 0, 1, [], smart)).toEqual({ kind: "cancelled" });
  });

  it("is cancelled when both ends are the same vertex", () => {
    expect(editPolygonWithPath(pentagon, 1, 1, [imagePoint(0, 0), imagePoint(1, 1)], smart)).toEqual({
      kind: "cancelled",
    });
  });
});

describe("Shift+click editing a polyline", () => {
  const line = [0, 0, 10, 0, 20, 0, 30, 0];

  it("replaces the part between the two vertices with the path", () => {
    expect(editPolylineWithPath(line, 1, 3, [imagePoint(20, 10)])).toEqual([0, 0, 10, 0, 20, 10, 30, 0]);
  });

  it("orients the path when the later vertex was clicked first", () => {
    expect(editPolylineWithPath(line, 3, 1, [imagePoint(25, 5), imagePoint(15, 5)])).toEqual([
      0, 0, 10, 0, 15, 5, 25, 5, 30, 0,
    ]);
  });

  it("extends the line at its end", () => {
    expect(extendPolyline(line, 3, [imagePoint(40, 5), imagePoint(50, 0)])).toEqual([
      0, 0, 10, 0, 20, 0, 30, 0, 40, 5, 50, 0,
    ]);
  });

  it("extends the line at its start", () => {
    expect(extendPolyline(line, 0, [imagePoint(-10, 5), imagePoint(-20, 0)])).toEqual([
      -20, 0, -10, 5, 0, 0, 10, 0, 20, 0, 30, 0,
    ]);
  });

  it("replaces the rest of the line when continued from a middle vertex", () => {
    expect(extendPolyline(line, 1, [imagePoint(10, 10)])).toEqual([0, 0, 10, 0, 10, 10]);
  });
});

describe("Shift+click editing a points shape", () => {
  it("adds the new points", () => {
    expect(appendPoints([1, 1], [imagePoint(2, 2), imagePoint(3, 3)])).toEqual([1, 1, 2, 2, 3, 3]);
  });
});
