import { describe, expect, it } from "vitest";
import { cuboidEdges, cuboidFrontFace, cuboidProjections } from "./cuboid";

// Front face: top-left, bottom-left, top-right, bottom-right; then the back face likewise.
// The front's top and bottom edges converge to the right, at (50, 5).
const PERSPECTIVE = [0, 0, 0, 10, 10, 1, 10, 9, 20, 2, 20, 8, 28, 3, 28, 7];
// A box drawn without perspective: every pair of edges parallel.
const FLAT = [0, 0, 0, 10, 10, 0, 10, 10, 5, -5, 5, 5, 15, -5, 15, 5];

describe("cuboid geometry", () => {
  it("gives the front face in drawing order and the 12 edges", () => {
    expect(cuboidFrontFace(PERSPECTIVE)).toEqual([0, 0, 10, 1, 10, 9, 0, 10]);
    const edges = cuboidEdges(PERSPECTIVE);
    expect(edges).toHaveLength(12);
    expect(edges).toContainEqual([0, 0, 20, 2]); // front top-left to back top-left
    expect(edges).toContainEqual([28, 3, 28, 7]); // the back face's right edge
  });

  it("extends converging parallel edges from their nearer ends to the vanishing point", () => {
    const projections = cuboidProjections(PERSPECTIVE);
    // Front top (0,0)-(10,1) and bottom (0,10)-(10,9) meet at (50, 5).
    expect(projections).toContainEqual([10, 1, 50, 5]);
    expect(projections).toContainEqual([10, 9, 50, 5]);
    for (const [, , x, y] of projections) expect(Number.isFinite(x) && Number.isFinite(y)).toBe(true);
  });

  it("has no projections for edges drawn parallel", () => {
    expect(cuboidProjections(FLAT)).toEqual([]);
  });

  it("has none where the edge lines cross between their ends", () => {
    // A twisted cuboid: its front top and bottom edges cross at (5, 5), and so do the right
    // side's depth edges, at (20, 5); the left side's are parallel.
    const twisted = [0, 0, 0, 10, 10, 10, 10, 0, 20, 0, 20, 10, 30, 0, 30, 10];
    expect(cuboidProjections(twisted)).toEqual([]);
  });
});
