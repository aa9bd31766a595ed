import { describe, expect, it } from "vitest";
import { setViewFlags, updateObject } from "../../engine/document/commands";
import { labeledData, loadedStore, serverRectangle } from "../../engine/document/testFixtures";
import { frameObjects, type FrameObject } from "../frameObjects";
import { sortObjects, stampChanges } from "./objectOrder";

function frameOf(z: number[]) {
  const store = loadedStore(labeledData({ shapes: z.map((zOrder, i) => serverRectangle(i + 1, 0, { z_order: zOrder })) }));
  const { document, frameIndex } = store.getState();
  return { store, objects: frameObjects(document, frameIndex, 0) };
}

const serverIdOf = (id: string) => (id.startsWith("shape:") ? Number(id.slice(6)) : undefined);
const ids = (objects: FrameObject[]) => objects.map(({ object }) => object.clientId);

describe("sortObjects", () => {
  it("sorts by server id both ways", () => {
    const { objects } = frameOf([5, 1, 3]);
    expect(ids(sortObjects(objects, "idAscending", serverIdOf, new Map()))).toEqual(["shape:1", "shape:2", "shape:3"]);
    expect(ids(sortObjects(objects, "idDescending", serverIdOf, new Map()))).toEqual(["shape:3", "shape:2", "shape:1"]);
  });

  it("puts unsaved objects after saved ones in id order", () => {
    const { objects } = frameOf([0, 1]);
    const none = () => undefined;
    const withNew = sortObjects(objects, "idAscending", (id) => (id === "shape:1" ? undefined : serverIdOf(id)), new Map());
    expect(ids(withNew)).toEqual(["shape:2", "shape:1"]);
    expect(ids(sortObjects(objects, "idAscending", none, new Map()))).toEqual(["shape:1", "shape:2"]);
  });

  it("sorts by z-order, topmost first", () => {
    const { objects } = frameOf([5, 1, 3]);
    expect(ids(sortObjects(objects, "zOrder", serverIdOf, new Map()))).toEqual(["shape:1", "shape:3", "shape:2"]);
  });

  it("sorts the last changed first, the others by id", () => {
    const { objects } = frameOf([0, 0, 0]);
    const stamps = new Map([["shape:2", 1], ["shape:3", 2]]);
    expect(ids(sortObjects(objects, "updated", serverIdOf, stamps))).toEqual(["shape:3", "shape:2", "shape:1"]);
  });
});

describe("stampChanges", () => {
  it("stamps edited and re-flagged objects only", () => {
    const { store } = frameOf([0, 0, 0]);
    const before = store.getState().document;
    updateObject(store, "shape:2", { points: [1, 1, 5, 5] });
    setViewFlags(store, ["shape:3"], { pinned: true });
    const stamps = stampChanges(new Map(), before, store.getState().document, ["shape:1", "shape:2", "shape:3"], 7);
    expect([...stamps]).toEqual([["shape:2", 7], ["shape:3", 7]]);
  });

  it("returns the same map when nothing listed changed", () => {
    const { store } = frameOf([0, 0]);
    const before = store.getState().document;
    updateObject(store, "shape:2", { points: [1, 1, 5, 5] });
    const stamps = new Map([["shape:1", 1]]);
    expect(stampChanges(stamps, before, store.getState().document, ["shape:1"], 2)).toBe(stamps);
    expect(stampChanges(stamps, before, before, ["shape:1", "shape:2"], 2)).toBe(stamps);
  });
});
