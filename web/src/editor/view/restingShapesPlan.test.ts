import { describe, expect, it } from "vitest";
import { labeledData, loadedStore, serverRectangle, shapeOf } from "../engine/document/testFixtures";
import { imageBox } from "../engine/geometry/coords";
import { CACHE_PIXEL_BUDGET, planRestingShapes, sameDrawing, shapesInBox } from "./restingShapesPlan";

const IMAGE = { width: 10_000, height: 5_000 };

describe("planRestingShapes", () => {
  it("caches at the screen's resolution while the image at this zoom fits the budget", () => {
    const plan = planRestingShapes(IMAGE, 0.1, 2, imageBox(0, 0, 10_000, 5_000));
    expect(plan).toEqual({ mode: "cache", pixelRatio: 0.2 });
  });

  it("culls to the visible box with a margin once the bitmap would be too big", () => {
    const scale = Math.sqrt(CACHE_PIXEL_BUDGET / (IMAGE.width * IMAGE.height)) * 1.01;
    const plan = planRestingShapes(IMAGE, scale, 1, imageBox(1000, 1000, 2000, 1500));
    expect(plan).toEqual({ mode: "cull", box: imageBox(500, 750, 2500, 1750) });
  });
});

describe("shapesInBox", () => {
  it("keeps shapes whose boxes meet the box, rotation included", () => {
    const store = loadedStore(
      labeledData({
        shapes: [
          serverRectangle(1, 0, { points: [0, 0, 10, 10] }),
          serverRectangle(2, 0, { points: [100, 100, 110, 110] }),
          // 45° about its centre: its corners reach past x = 52.
          serverRectangle(3, 0, { points: [40, 45, 60, 55], rotation: 45 }),
        ],
      }),
    );
    const shapes = ["shape:1", "shape:2", "shape:3"].map((id) => shapeOf(store, id));
    expect(shapesInBox(shapes, imageBox(5, 5, 50, 50)).map((s) => s.clientId)).toEqual(["shape:1", "shape:3"]);
    expect(shapesInBox(shapes, imageBox(62, 0, 90, 90))).toEqual([]);
  });
});

describe("sameDrawing", () => {
  it("compares objects by identity and colours by value", () => {
    const store = loadedStore(labeledData({ shapes: [serverRectangle(1, 0)] }));
    const shape = shapeOf(store, "shape:1");
    expect(sameDrawing([{ shape, color: "#fff" }], [{ shape, color: "#fff" }])).toBe(true);
    expect(sameDrawing([{ shape, color: "#fff" }], [{ shape, color: "#000" }])).toBe(false);
    expect(sameDrawing([{ shape, color: "#fff" }], [{ shape: { ...shape }, color: "#fff" }])).toBe(false);
    expect(sameDrawing([], [{ shape, color: "#fff" }])).toBe(false);
  });
});
