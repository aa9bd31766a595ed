import { describe, expect, it } from "vitest";
import type { AnnotationObject, ShapeObject } from "../../engine/document/model";
import { currentLayer, shapesUpToLayer, zRange } from "./zLayer";

const shape = (clientId: string, zOrder: number) => ({ kind: "shape", clientId, zOrder }) as unknown as ShapeObject;
const tag = { kind: "tag", clientId: "tag:1" } as unknown as AnnotationObject;

describe("z layers", () => {
  it("span the z-orders of the frame's shapes, tags aside", () => {
    expect(zRange([shape("a", -2), tag, shape("b", 3)])).toEqual({ min: -2, max: 3 });
  });

  it("are 0..0 on a frame without shapes", () => {
    expect(zRange([tag])).toEqual({ min: 0, max: 0 });
  });

  it("include a layer added on top", () => {
    expect(zRange([shape("a", 1)], 2)).toEqual({ min: 1, max: 2 });
    expect(zRange([shape("a", 5)], 2)).toEqual({ min: 5, max: 5 });
  });

  it("default to the top layer and clamp a stale choice", () => {
    expect(currentLayer({ min: 0, max: 4 }, null)).toBe(4);
    expect(currentLayer({ min: 0, max: 4 }, 9)).toBe(4);
    expect(currentLayer({ min: 0, max: 4 }, 2)).toBe(2);
  });

  it("keep only shapes at or below the layer", () => {
    const shapes = [shape("a", 0), shape("b", 1), shape("c", 2)];
    expect(shapesUpToLayer(shapes, 1).map((s) => s.clientId)).toEqual(["a", "b"]);
    expect(shapesUpToLayer(shapes, 2)).toBe(shapes);
  });
});
