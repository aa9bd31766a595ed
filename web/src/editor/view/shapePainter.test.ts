import { describe, expect, it } from "vitest";
import { labeledData, loadedStore, serverRectangle, shapeOf } from "../engine/document/testFixtures";
import type { ServerShape } from "../engine/document/serverFormat";
import { recordingContext } from "./paintTesting";
import { paintShapes } from "./shapePainter";

function shapes(...servers: ServerShape[]) {
  const store = loadedStore(labeledData({ shapes: servers }));
  return servers.map((server) => shapeOf(store, `shape:${server.id}`));
}

const STYLE = { strokeScale: 0.5, fillOpacity: 0.2 };

describe("painting shapes at rest", () => {
  it("fills a polygon with the shape's colour at the fill opacity, then strokes 2 screen px", () => {
    const [polygon] = shapes(serverRectangle(1, 0, { type: "polygon", points: [0, 0, 10, 0, 10, 10] }));
    const { context, calls } = recordingContext();
    paintShapes(context, [{ shape: polygon!, color: "#ff0000" }], STYLE);
    expect(calls).toEqual([
      ["beginPath"],
      ["moveTo", 0, 0],
      ["lineTo", 10, 0],
      ["lineTo", 10, 10],
      ["closePath"],
      ["fillStyle", "rgba(255, 0, 0, 0.2)"],
      ["fill"],
      ["strokeStyle", "#ff0000"],
      ["lineWidth", 4],
      ["stroke"],
    ]);
  });

  it("leaves polylines open and unfilled, and dashes occluded shapes (dash sized in screen px)", () => {
    const [line] = shapes(serverRectangle(1, 0, { type: "polyline", points: [0, 0, 10, 0], occluded: true }));
    const { context, calls } = recordingContext();
    paintShapes(context, [{ shape: line!, color: "#00ff00" }], STYLE);
    expect(calls.map(([name]) => name)).not.toContain("closePath");
    expect(calls.map(([name]) => name)).not.toContain("fill");
    expect(calls).toContainEqual(["setLineDash", [12, 8]]);
    expect(calls.at(-1)).toEqual(["setLineDash", []]);
  });

  it("rotates rectangles about their centre", () => {
    const [box] = shapes(serverRectangle(1, 0, { points: [10, 20, 30, 60], rotation: 90 }));
    const { context, calls } = recordingContext();
    paintShapes(context, [{ shape: box!, color: "#0000ff" }], STYLE);
    expect(calls.slice(0, 6)).toEqual([
      ["save"],
      ["translate", 20, 40],
      ["rotate", Math.PI / 2],
      ["beginPath"],
      ["rect", -10, -20, 20, 40],
      ["restore"],
    ]);
  });

  it("draws ellipses with their rotation, points as outlined dots, borders in the outline colour", () => {
    const [ellipse, points] = shapes(
      serverRectangle(1, 0, { type: "ellipse", points: [50, 50, 70, 40], rotation: 180 }),
      serverRectangle(2, 0, { type: "points", points: [1, 2, 3, 4] }),
    );
    const { context, calls } = recordingContext();
    paintShapes(context, [{ shape: ellipse!, color: "#123456" }, { shape: points!, color: "#654321" }], { ...STYLE, outlineColor: "#000000" });
    expect(calls).toContainEqual(["ellipse", 50, 50, 20, 10, Math.PI, 0, 2 * Math.PI]);
    expect(calls).toContainEqual(["strokeStyle", "#000000"]);
    expect(calls.filter(([name]) => name === "arc")).toEqual([
      ["arc", 1, 2, 8, 0, 2 * Math.PI],
      ["arc", 3, 4, 8, 0, 2 * Math.PI],
    ]);
    expect(calls).toContainEqual(["strokeStyle", "#ffffff"]);
  });

  it("fills a cuboid's front face, strokes its 12 edges, and adds dashed projections when asked", () => {
    // Front face converging to the right (its top and bottom edges meet at (50, 5)).
    const points = [0, 0, 0, 10, 10, 1, 10, 9, 20, 2, 20, 8, 28, 3, 28, 7];
    const [cuboid] = shapes(serverRectangle(1, 0, { type: "cuboid", points }));
    const plain = recordingContext();
    paintShapes(plain.context, [{ shape: cuboid!, color: "#ff0000" }], STYLE);
    const names = plain.calls.map(([name]) => name);
    expect(names.filter((name) => name === "fill")).toHaveLength(1);
    expect(names.filter((name) => name === "stroke")).toHaveLength(1);
    expect(names.filter((name) => name === "moveTo")).toHaveLength(1 + 12);
    expect(names).not.toContain("setLineDash");

    const projected = recordingContext();
    paintShapes(projected.context, [{ shape: cuboid!, color: "#ff0000" }], { ...STYLE, showProjections: true });
    expect(projected.calls.filter(([name]) => name === "stroke")).toHaveLength(2);
    expect(projected.calls).toContainEqual(["setLineDash", [8, 8]]);
    expect(projected.calls).toContainEqual(["lineTo", 50, 5]);
    expect(projected.calls.at(-1)).toEqual(["setLineDash", []]);
  });

  it("skips the types the canvas does not draw yet", () => {
    const [mask] = shapes(serverRectangle(1, 0, { type: "mask", points: [1, 1, 0, 0, 1, 0] }));
    const { context, calls } = recordingContext();
    paintShapes(context, [{ shape: mask!, color: "#ffffff" }], STYLE);
    expect(calls).toEqual([]);
  });
});
