import { describe, expect, it } from "vitest";
import { deleteObjects, setPoints, setViewFlags, setZOrder } from "../engine/document/commands";
import type { ServerTrackedShape } from "../engine/document/serverFormat";
import { toggleOutside } from "../engine/document/trackCommands";
import type { FrameContext } from "../engine/document/trackEdits";
import { labeledData, loadedStore, objectOf, serverRectangle, serverTag, serverTrack } from "../engine/document/testFixtures";
import { createFrameObjectsMemo, frameObjects, pickableShapes, visibleShapes } from "./frameObjects";

function store() {
  return loadedStore(
    labeledData({
      shapes: [serverRectangle(1, 0, { z_order: 2 }), serverRectangle(2, 0, { z_order: 1 }), serverRectangle(3, 1)],
      tags: [serverTag(1, 0)],
    }),
  );
}

describe("frameObjects", () => {
  it("lists the frame's shapes and tags, lowest z-order first, tags before shapes", () => {
    const s = store();
    const { document, frameIndex } = s.getState();
    expect(frameObjects(document, frameIndex, 0).map((o) => o.object.clientId)).toEqual(["tag:1", "shape:2", "shape:1"]);
  });

  it("leaves hidden shapes out of the drawing and locked ones out of picking", () => {
    const s = store();
    setViewFlags(s, ["shape:1"], { hidden: true });
    setViewFlags(s, ["shape:2"], { locked: true });
    const { document, frameIndex } = s.getState();
    const objects = frameObjects(document, frameIndex, 0);
    expect(visibleShapes(objects).map((o) => o.clientId)).toEqual(["shape:2"]);
    expect(pickableShapes(objects)).toEqual([]);
  });
});

describe("createFrameObjectsMemo", () => {
  it("gives back the same array while nothing on the frame changed", () => {
    const s = store();
    const memo = createFrameObjectsMemo();
    const first = memo(s.getState().document, s.getState().frameIndex, 0);
    setViewFlags(s, ["shape:3"], { hidden: true });
    expect(memo(s.getState().document, s.getState().frameIndex, 0)).toBe(first);
  });

  it("refreshes changed entries in place and re-sorts only when a z-order changed", () => {
    const s = store();
    const memo = createFrameObjectsMemo();
    const first = memo(s.getState().document, s.getState().frameIndex, 0);
    setPoints(s, "shape:2", [0, 0, 5, 5]);
    const moved = memo(s.getState().document, s.getState().frameIndex, 0);
    expect(moved).not.toBe(first);
    expect(moved.map((o) => o.object.clientId)).toEqual(["tag:1", "shape:2", "shape:1"]);
    expect(moved[1]!.object).toBe(objectOf(s, "shape:2"));
    expect(moved[2]).toBe(first[2]);
    setZOrder(s, "shape:2", 5);
    const raised = memo(s.getState().document, s.getState().frameIndex, 0);
    expect(raised.map((o) => o.object.clientId)).toEqual(["tag:1", "shape:1", "shape:2"]);
  });

  it("remembers the last few frames: going back gives the same array, without sorting again", () => {
    const s = store();
    const memo = createFrameObjectsMemo();
    const first = memo(s.getState().document, s.getState().frameIndex, 0);
    memo(s.getState().document, s.getState().frameIndex, 1);
    expect(memo(s.getState().document, s.getState().frameIndex, 0)).toBe(first);

    const forgetful = createFrameObjectsMemo(1);
    const again = forgetful(s.getState().document, s.getState().frameIndex, 0);
    forgetful(s.getState().document, s.getState().frameIndex, 1);
    const recomputed = forgetful(s.getState().document, s.getState().frameIndex, 0);
    expect(recomputed).not.toBe(again);
    expect(recomputed).toEqual(again);
  });

  it("starts over for another frame or when objects come and go", () => {
    const s = store();
    const memo = createFrameObjectsMemo();
    memo(s.getState().document, s.getState().frameIndex, 0);
    expect(memo(s.getState().document, s.getState().frameIndex, 1).map((o) => o.object.clientId)).toEqual(["shape:3"]);
    deleteObjects(s, ["shape:1"]);
    expect(memo(s.getState().document, s.getState().frameIndex, 0).map((o) => o.object.clientId)).toEqual(["tag:1", "shape:2"]);
  });
});

describe("tracks on a frame", () => {
  const tracked = (frame: number, points: number[], overrides: Partial<ServerTrackedShape> = {}): ServerTrackedShape => ({
    type: "rectangle",
    frame,
    occluded: false,
    outside: false,
    z_order: 1,
    rotation: 0,
    points,
    attributes: [],
    ...overrides,
  });
  // A rectangle on frame 5 (z 0); a track from 0 to 10, outside from 20.
  const job = () =>
    loadedStore(
      labeledData({
        shapes: [serverRectangle(1, 5, { z_order: 0 }), serverRectangle(2, 5, { z_order: 3 })],
        tracks: [
          serverTrack(1, {
            attributes: [{ spec_id: 7, value: "car" }],
            shapes: [
              tracked(0, [0, 0, 10, 10], { attributes: [{ spec_id: 5, value: "walking" }] }),
              tracked(10, [10, 10, 20, 20], { z_order: 2 }),
              tracked(20, [10, 10, 20, 20], { outside: true }),
            ],
          }),
        ],
      }),
    );
  const at = (frame: number): FrameContext => ({ frame, deletedFrames: NONE });
  const NONE = new Set<number>();
  const on = (s: ReturnType<typeof job>, frame: number, deletedFrames: ReadonlySet<number> = NONE) =>
    frameObjects(s.getState().document, s.getState().frameIndex, frame, { deletedFrames });

  it("draws a track's interpolated shape under the track's id, sorted by its z-order there", () => {
    const objects = on(job(), 5);
    expect(objects.map((o) => o.object.clientId)).toEqual(["shape:1", "track:1", "shape:2"]);
    const entry = objects[1]!;
    expect(entry.drawn).toMatchObject({
      kind: "shape",
      clientId: "track:1",
      frame: 5,
      type: "rectangle",
      points: [5, 5, 15, 15],
      zOrder: 1,
      attributes: { 7: "car", 5: "walking" },
    });
    expect(entry.track).toMatchObject({ shape: { keyframe: false, outside: false }, previous: 0, next: 10, first: 0, last: 20 });
    expect(visibleShapes(objects).map((o) => o.clientId)).toEqual(["shape:1", "track:1", "shape:2"]);
  });

  it("lists an outside keyframe without drawing it, and nothing in the outside stretch after it", () => {
    const s = job();
    const outside = on(s, 20);
    expect(outside.map((o) => [o.object.clientId, o.drawn, o.track?.shape.outside])).toEqual([["track:1", null, true]]);
    expect(visibleShapes(outside)).toEqual([]);
    expect(on(s, 25)).toEqual([]);
    expect(on(s, 15).map((o) => o.drawn?.points)).toEqual([[10, 10, 20, 20]]);
  });

  it("shows nothing of a track on a deleted frame", () => {
    expect(on(job(), 5, new Set([5])).map((o) => o.object.clientId)).toEqual(["shape:1", "shape:2"]);
  });

  it("hides and locks tracks as shapes", () => {
    const s = job();
    setViewFlags(s, ["track:1"], { locked: true });
    expect(pickableShapes(on(s, 3))).toEqual([]);
    setViewFlags(s, ["track:1"], { hidden: true, locked: false });
    expect(visibleShapes(on(s, 3))).toEqual([]);
  });

  it("keeps a broken track out without hiding the rest", () => {
    const s = loadedStore(
      labeledData({
        shapes: [serverRectangle(1, 2)],
        tracks: [serverTrack(1, { shapes: [tracked(0, [0, 0, 1, 1]), tracked(4, [0, 0, 1, 1], { type: "polygon" })] })],
      }),
    );
    expect(on(s, 2).map((o) => o.object.clientId)).toEqual(["shape:1"]);
  });

  it("memo: an edit of the track on the frame refreshes its entry only", () => {
    const s = job();
    const memo = createFrameObjectsMemo();
    const first = memo(s.getState().document, s.getState().frameIndex, 5, { deletedFrames: NONE });
    expect(memo(s.getState().document, s.getState().frameIndex, 5, { deletedFrames: NONE })).toBe(first);
    setPoints(s, "track:1", [6, 6, 16, 16], undefined, at(5));
    const moved = memo(s.getState().document, s.getState().frameIndex, 5, { deletedFrames: NONE });
    expect(moved).not.toBe(first);
    expect(moved[0]).toBe(first[0]);
    expect(moved[2]).toBe(first[2]);
    expect(moved[1]!.drawn?.points).toEqual([6, 6, 16, 16]);
    expect(moved[1]!.track?.shape.keyframe).toBe(true);
  });

  it("memo: a track's drawn shape keeps its identity while other objects change", () => {
    const s = job();
    const memo = createFrameObjectsMemo();
    const first = memo(s.getState().document, s.getState().frameIndex, 5, { deletedFrames: NONE });
    setPoints(s, "shape:1", [0, 0, 1, 1]);
    const next = memo(s.getState().document, s.getState().frameIndex, 5, { deletedFrames: NONE });
    expect(next[1]).toBe(first[1]);
  });

  it("memo: a track that leaves or comes back to the frame starts it over", () => {
    const s = job();
    const memo = createFrameObjectsMemo();
    const ids = () => memo(s.getState().document, s.getState().frameIndex, 7, { deletedFrames: NONE }).map((o) => o.object.clientId);
    expect(ids()).toEqual(["track:1"]);
    toggleOutside(s, "track:1", at(5));
    expect(ids()).toEqual([]);
    s.undo();
    expect(ids()).toEqual(["track:1"]);
    setZOrder(s, "track:1", 9, at(7));
    expect(memo(s.getState().document, s.getState().frameIndex, 7, { deletedFrames: NONE })[0]!.drawn?.zOrder).toBe(9);
  });

  it("memo: a track's z-order change re-sorts the frame", () => {
    const s = job();
    const memo = createFrameObjectsMemo();
    memo(s.getState().document, s.getState().frameIndex, 5, { deletedFrames: NONE });
    setZOrder(s, "track:1", 9, at(5));
    expect(memo(s.getState().document, s.getState().frameIndex, 5, { deletedFrames: NONE }).map((o) => o.object.clientId)).toEqual([
      "shape:1",
      "shape:2",
      "track:1",
    ]);
  });
});
