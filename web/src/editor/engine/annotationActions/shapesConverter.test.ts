import { describe, expect, it } from "vitest";
import { setViewFlags } from "../document/commands";
import { labeledData, loadedStore, serverRectangle } from "../document/testFixtures";
import { decodeMask, encodeMask, rasterizePolygon } from "../geometry/masks";
import { convertedPoints, shapesConverter, SHAPES_CONVERTERS } from "./shapesConverter";
import { frame640, run, shapesOn } from "./testFixtures";

// A 3×2 mask at (4, 6) with a gap: "##." over ".##" — one part, its pixels meeting along an edge.
const MASK = [0, 2, 2, 2, 4, 6, 6, 7];
// Two pixels meeting only at a corner: two parts.
const TWO_PART_MASK = [0, 1, 2, 1, 0, 0, 1, 1];

function job() {
  return loadedStore(
    labeledData({
      shapes: [
        serverRectangle(1, 0, { points: [10, 10, 50, 40], group: 2, z_order: 3, occluded: true, attributes: [{ spec_id: 8, value: "red" }] }),
        serverRectangle(2, 0, { type: "polygon", points: [0, 0, 4, 0, 4, 4, 0, 4], label_id: 2 }),
        serverRectangle(3, 0, { type: "mask", points: MASK, source: "auto" }),
        serverRectangle(4, 1, { type: "mask", points: TWO_PART_MASK }),
        serverRectangle(5, 1, { points: [100, 100, 140, 120], rotation: 90 }),
      ],
    }),
  );
}

const converter = (id: string) => SHAPES_CONVERTERS.find((action) => action.id === id)!;

describe("the converters", () => {
  it("are CVAT's six, named as CVAT names them", () => {
    expect(SHAPES_CONVERTERS.map((action) => action.label)).toEqual([
      "Shapes converter: masks to polygons",
      "Shapes converter: masks to rectangles",
      "Shapes converter: polygons to masks",
      "Shapes converter: polygons to rectangles",
      "Shapes converter: rectangles to masks",
      "Shapes converter: rectangles to polygons",
    ]);
  });
});

describe("convertedPoints", () => {
  it("turns a rectangle into its corners, rotation included", () => {
    expect(convertedPoints({ type: "rectangle", points: [0, 0, 4, 2], rotation: 0 }, "polygon", null)).toEqual([[0, 0, 4, 0, 4, 2, 0, 2]]);
    const [turned] = convertedPoints({ type: "rectangle", points: [0, 0, 4, 2], rotation: 90 }, "polygon", null);
    expect(turned.map((value) => Math.round(value * 1e9) / 1e9)).toEqual([3, -1, 3, 3, 1, 3, 1, -1]);
  });

  it("bounds a polygon with a rectangle", () => {
    expect(convertedPoints({ type: "polygon", points: [3, 1, 9, 4, 2, 7], rotation: 0 }, "rectangle", null)).toEqual([[2, 1, 9, 7]]);
  });

  it("rasterises a rectangle into the mask of the pixels whose centres it covers", () => {
    expect(convertedPoints({ type: "rectangle", points: [1, 1, 3, 2], rotation: 0 }, "mask", null)).toEqual([[0, 2, 1, 1, 2, 1]]);
  });

  it("bounds a mask with the rectangle of its pixels", () => {
    expect(convertedPoints({ type: "mask", points: MASK, rotation: 0 }, "rectangle", null)).toEqual([[4, 6, 7, 8]]);
  });

  it("crops a mask reaching past the frame before converting it", () => {
    expect(convertedPoints({ type: "mask", points: MASK, rotation: 0 }, "rectangle", { width: 6, height: 100 })).toEqual([[4, 6, 6, 8]]);
  });
});

describe("converting shapes over frames", () => {
  it("replaces each rectangle with a polygon that keeps its label, attributes, group, z-order and occlusion", async () => {
    const store = job();
    const outcome = await run(store, converter("convert-rectangle-to-polygon"), { frames: [0], frameSize: frame640 });
    expect(outcome).toMatchObject({ status: "done", summary: { deleted: 1, created: 1 } });
    const polygon = shapesOn(store, 0).find((shape) => shape.points.length === 8 && shape.points[0] === 10)!;
    expect(polygon).toMatchObject({
      type: "polygon",
      points: [10, 10, 50, 10, 50, 40, 10, 40],
      labelId: 1,
      attributes: { 8: "red" },
      group: 2,
      zOrder: 3,
      occluded: true,
      rotation: 0,
    });
    expect(polygon.clientId).not.toBe("shape:1");
  });

  it("turns a mask into one polygon per part, each of whose pixels it gives back", async () => {
    const store = job();
    await run(store, converter("convert-mask-to-polygon"), { frames: [0, 1], frameSize: frame640 });
    const [fromMask] = shapesOn(store, 0).filter((shape) => shape.type === "polygon" && shape.points[0] === 4);
    expect(fromMask.points).toEqual([4, 6, 6, 6, 6, 7, 7, 7, 7, 8, 5, 8, 5, 7, 4, 7]);
    // An automatic mask redrawn by the editor is semi-automatic, as after an edit.
    expect(fromMask.source).toBe("semi-auto");
    const parts = shapesOn(store, 1).filter((shape) => shape.type === "polygon");
    expect(parts.map((shape) => shape.points)).toEqual([
      [0, 0, 1, 0, 1, 1, 0, 1],
      [1, 1, 2, 1, 2, 2, 1, 2],
    ]);
  });

  it("round-trips polygons → masks → polygons exactly on pixel edges", async () => {
    const store = job();
    await run(store, converter("convert-polygon-to-mask"), { frames: [0], frameSize: frame640 });
    const mask = shapesOn(store, 0).find((shape) => shape.type === "mask" && shape.labelId === 2)!;
    expect(decodeMask(mask.points)).toMatchObject({ left: 0, top: 0, width: 4, height: 4 });
    await run(store, converter("convert-mask-to-polygon"), { frames: [0], frameSize: frame640 });
    expect(shapesOn(store, 0).find((shape) => shape.labelId === 2)?.points).toEqual([0, 0, 4, 0, 4, 4, 0, 4]);
  });

  it("converts only shapes that pass the filter", async () => {
    const store = job();
    const outcome = await run(store, converter("convert-rectangle-to-mask"), {
      frames: [0, 1],
      accepts: (shape) => shape.rotation === 0,
      frameSize: frame640,
    });
    expect(outcome).toMatchObject({ status: "done", summary: { deleted: 1, created: 1 } });
    expect(shapesOn(store, 1).find((shape) => shape.type === "rectangle")?.rotation).toBe(90);
  });

  it("leaves shapes whose label is of another type, and locked ones", async () => {
    const store = job();
    setViewFlags(store, ["shape:3"], { locked: true });
    const labelType = (labelId: number) => (labelId === 2 ? "polygon" : "any");
    const polygons = await run(store, converter("convert-polygon-to-rectangle"), { frames: [0], labelType });
    expect(polygons).toMatchObject({ status: "done", summary: { deleted: 0, skipped: { label: 1 }, changed: false } });
    const masks = await run(store, converter("convert-mask-to-rectangle"), { frames: [0], labelType });
    expect(masks).toMatchObject({ status: "done", summary: { deleted: 0, skipped: { locked: 1 } } });
  });

  it("leaves a shape that covers no pixel of its frame, and a mask that is not one", async () => {
    const store = loadedStore(
      labeledData({
        shapes: [
          serverRectangle(1, 0, { points: [700, 10, 720, 40] }),
          serverRectangle(2, 0, { type: "mask", points: [3, 0, 0, 0, 0] }),
        ],
      }),
    );
    const toMasks = await run(store, converter("convert-rectangle-to-mask"), { frames: [0], frameSize: frame640 });
    expect(toMasks).toMatchObject({ status: "done", summary: { skipped: { empty: 1 }, changed: false } });
    const fromMasks = await run(store, converter("convert-mask-to-polygon"), { frames: [0], frameSize: frame640 });
    expect(fromMasks).toMatchObject({ status: "done", summary: { skipped: { invalid: 1 }, changed: false } });
  });
});

describe("converting big masks", () => {
  it("traces a frame of a hundred 400×300 masks at well under 50 ms a mask", async () => {
    // A disc-like blob: a rasterised 64-gon, so its outline has many corners.
    const outline = Array.from({ length: 64 }, (_, i) => [200 + 195 * Math.cos((i * Math.PI) / 32), 150 + 145 * Math.sin((i * Math.PI) / 32)]).flat();
    const points = encodeMask(rasterizePolygon(outline, null)!)!;
    const store = loadedStore(labeledData({ shapes: Array.from({ length: 100 }, (_, i) => serverRectangle(i + 1, 0, { type: "mask", points })) }));
    const started = performance.now();
    const outcome = await run(store, converter("convert-mask-to-polygon"), { frames: [0], frameSize: frame640 });
    expect(outcome).toMatchObject({ status: "done", summary: { deleted: 100, created: 100 } });
    expect((performance.now() - started) / 100).toBeLessThan(50);
  });
});

describe("a converter by id", () => {
  it("can be made for any pair", () => {
    expect(shapesConverter("mask", "polygon").id).toBe("convert-mask-to-polygon");
  });
});
