import { describe, expect, it } from "vitest";
import { labeledData, loadedStore, serverPolygon, shapeOf } from "../engine/document/testFixtures";
import { recordingContext, type PaintCall } from "./paintTesting";
import { RestingBitmaps, type BitmapRequest } from "./restingBitmaps";

interface FakeBitmap {
  width: number;
  height: number;
  calls: PaintCall[];
}

function cache(pixelBudget: number) {
  const made: FakeBitmap[] = [];
  const bitmaps = new RestingBitmaps<FakeBitmap>((width, height) => {
    const { context, calls } = recordingContext();
    const bitmap = { width, height, calls };
    made.push(bitmap);
    return { bitmap, context };
  }, pixelBudget);
  return { bitmaps, made };
}

const store = loadedStore(labeledData({ shapes: [serverPolygon(1, 0, 5), serverPolygon(2, 0, 5)] }));
const [first, second] = [shapeOf(store, "shape:1"), shapeOf(store, "shape:2")];

function request(overrides: Partial<BitmapRequest> = {}): BitmapRequest {
  return {
    drawn: [{ shape: first, color: "#ff0000" }, { shape: second, color: "#00ff00" }],
    style: { strokeScale: 0.1, fillOpacity: 0.2 },
    pixelRatio: 0.1,
    area: { xtl: -80, ytl: -80, xbr: 1080, ybr: 580 },
    ...overrides,
  };
}

describe("remembered bitmaps of resting shapes", () => {
  it("paints a bitmap of the area at the pixel ratio, image units mapped onto it", () => {
    const { bitmaps, made } = cache(1e6);
    const bitmap = bitmaps.obtain(request());
    expect([bitmap.width, bitmap.height]).toEqual([116, 66]);
    expect(bitmap.calls[0]).toEqual(["setTransform", 0.1, 0, 0, 0.1, 8, 8]);
    expect(bitmap.calls.filter(([name]) => name === "stroke")).toHaveLength(2);
    expect(made).toHaveLength(1);
  });

  it("gives the same bitmap back for the same drawing, even in a new list", () => {
    const { bitmaps, made } = cache(1e6);
    const bitmap = bitmaps.obtain(request());
    expect(bitmaps.obtain(request({ drawn: [...request().drawn] }))).toBe(bitmap);
    expect(made).toHaveLength(1);
  });

  it("paints anew when a shape, a colour, the style or the ratio differs", () => {
    const { bitmaps, made } = cache(1e6);
    bitmaps.obtain(request());
    bitmaps.obtain(request({ drawn: [{ shape: first, color: "#ff0000" }] }));
    bitmaps.obtain(request({ drawn: [{ shape: first, color: "#0000ff" }, { shape: second, color: "#00ff00" }] }));
    bitmaps.obtain(request({ style: { strokeScale: 0.1, fillOpacity: 0.5 } }));
    bitmaps.obtain(request({ style: { strokeScale: 0.1, fillOpacity: 0.2, outlineColor: "#000000" } }));
    bitmaps.obtain(request({ style: { strokeScale: 0.1, fillOpacity: 0.2, showProjections: true } }));
    bitmaps.obtain(request({ pixelRatio: 0.2 }));
    expect(made).toHaveLength(7);
  });

  it("forgets the least recently used bitmaps beyond the pixel budget, never the one in use", () => {
    // Each bitmap of the request is 116 x 66 = 7,656 px; the budget holds two.
    const { bitmaps, made } = cache(2 * 7_656);
    const a = bitmaps.obtain(request());
    bitmaps.obtain(request({ drawn: [{ shape: first, color: "#ff0000" }] }));
    expect(bitmaps.obtain(request())).toBe(a); // a is now the most recent
    bitmaps.obtain(request({ drawn: [{ shape: second, color: "#ff0000" }] })); // drops the single-first one
    expect(bitmaps.size).toBe(2);
    expect(bitmaps.obtain(request())).toBe(a);
    expect(made).toHaveLength(3);

    const tiny = cache(10);
    tiny.bitmaps.obtain(request());
    expect(tiny.bitmaps.size).toBe(1);
  });
});
