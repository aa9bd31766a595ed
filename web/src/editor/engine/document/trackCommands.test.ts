import { describe, expect, it } from "vitest";
import { trackShapeAt } from "../tracks/frames";
import { hasUnsavedChanges, markSaved, planSave, requestBody } from "./changes";
import {
  bringToForeground,
  createObject,
  deleteObjects,
  relabelObjects,
  sendToBackground,
  setAttribute,
  setOccluded,
  setPoints,
  setViewFlags,
} from "./commands";
import type { EditorStore } from "./editorStore";
import { FakeJobServer } from "./fakeJobServer";
import type { TrackObject } from "./model";
import type { ServerTrackedShape } from "./serverFormat";
import { toggleKeyframe, toggleOutside } from "./trackCommands";
import type { FrameContext } from "./trackEdits";
import { labeledData, loadedStore, objectOf, serverRectangle, serverTrack, shapeOf } from "./testFixtures";

const DELETED = new Set<number>();
/** Attribute 5 is mutable (a keyframe's), 7 is not (the track's). */
const at = (frame: number): FrameContext => ({ frame, deletedFrames: DELETED, mutableAttributes: new Set([5]) });

function tracked(frame: number, points: number[], overrides: Partial<ServerTrackedShape> = {}): ServerTrackedShape {
  return { type: "rectangle", frame, occluded: false, outside: false, z_order: 0, rotation: 0, points, attributes: [], ...overrides };
}

/** A track from 0 to 10 (keyframes there), a rectangle on frame 5 with z-order 2. */
function job(): EditorStore {
  return loadedStore(
    labeledData({
      shapes: [serverRectangle(1, 5, { z_order: 2 })],
      tracks: [
        serverTrack(1, {
          shapes: [tracked(0, [0, 0, 10, 10], { attributes: [{ spec_id: 5, value: "walking" }] }), tracked(10, [10, 10, 20, 20])],
        }),
      ],
    }),
  );
}

const track = (store: EditorStore, id = "track:1") => objectOf(store, id) as TrackObject;
const frames = (store: EditorStore, id = "track:1") => track(store, id).keyframes.map((k) => k.frame);

/** Runs `edit`, then checks that one undo restores the document exactly and redo re-applies it. */
function expectOneUndoableStep(store: EditorStore, edit: () => unknown): void {
  const before = store.getState().document;
  edit();
  const after = store.getState().document;
  expect(after).not.toEqual(before);
  expect(store.undo()).toBe(true);
  expect(store.getState().document).toEqual(before);
  expect(store.redo()).toBe(true);
  expect(store.getState().document).toEqual(after);
}

describe("drawing a track", () => {
  it("creates a track whose first keyframe is the drawn shape, on top of the frame", () => {
    const store = job();
    const id = createObject(store, { kind: "track", type: "rectangle", frame: 5, labelId: 1, points: [1, 1, 4, 4] }, at(5));
    expect(track(store, id)).toMatchObject({ kind: "track", frame: 5, labelId: 1 });
    // Above the rectangle (2) and the track's interpolated shape (0).
    expect(track(store, id).keyframes).toMatchObject([{ frame: 5, points: [1, 1, 4, 4], zOrder: 3, outside: false }]);
    expect(store.getState().frameIndex.tracks).toContain(id);
  });

  it("shows the drawn shape on the following frames until it is edited", () => {
    const store = job();
    const id = createObject(store, { kind: "track", type: "polygon", frame: 2, labelId: 1, points: [0, 0, 4, 0, 2, 3] }, at(2));
    expect(trackShapeAt(track(store, id), 29)).toMatchObject({ points: [0, 0, 4, 0, 2, 3], keyframe: false });
    expect(trackShapeAt(track(store, id), 1)).toBeNull();
  });

  it("is one undoable step", () => {
    const store = job();
    expectOneUndoableStep(store, () => createObject(store, { kind: "track", type: "ellipse", frame: 0, labelId: 1, points: [5, 5, 8, 2] }, at(0)));
  });
});

describe("editing a track on a frame", () => {
  it("makes an interpolated frame a keyframe, as one undoable step", () => {
    const store = job();
    expectOneUndoableStep(store, () => setPoints(store, "track:1", [6, 6, 16, 16], undefined, at(5)));
    expect(frames(store)).toEqual([0, 5, 10]);
    expect(trackShapeAt(track(store), 5)).toMatchObject({ keyframe: true, points: [6, 6, 16, 16] });
  });

  it("updates the keyframe on a keyframe's frame", () => {
    const store = job();
    setPoints(store, "track:1", [12, 12, 22, 22], 30, at(10));
    expect(frames(store)).toEqual([0, 10]);
    expect(track(store).keyframes[1]).toMatchObject({ points: [12, 12, 22, 22], rotation: 30 });
  });

  it("takes a whole drag as one step that undoes to the track as it was", () => {
    const store = job();
    const before = store.getState().document;
    store.beginGesture("Move shape");
    for (const dx of [1, 2, 3]) setPoints(store, "track:1", [5 + dx, 5, 15 + dx, 15], undefined, at(5));
    store.endGesture();
    expect(frames(store)).toEqual([0, 5, 10]);
    expect(track(store).keyframes[1].points).toEqual([8, 5, 18, 15]);
    store.undo();
    expect(store.getState().document).toEqual(before);
    expect(store.getState().history.canUndo).toBe(false);
  });

  it("without a frame, leaves a track's keyframes alone", () => {
    const store = job();
    expect(setPoints(store, "track:1", [1, 1, 2, 2])).toBe(false);
  });

  it("puts a mutable attribute in the frame's keyframe and an immutable one on the track", () => {
    const store = job();
    setAttribute(store, ["track:1"], 5, "running", at(4));
    setAttribute(store, ["track:1"], 7, "truck", at(4));
    expect(track(store).attributes).toEqual({ 7: "truck" });
    expect(track(store).keyframes.map((k) => [k.frame, k.attributes])).toEqual([
      [0, { 5: "walking" }],
      [4, { 5: "running" }],
      [10, {}],
    ]);
    expect(trackShapeAt(track(store), 12)?.attributes).toEqual({ 5: "running" });
  });

  it("sets occluded on a shape and a track in one step", () => {
    const store = job();
    expectOneUndoableStep(store, () => setOccluded(store, ["shape:1", "track:1"], true, at(5)));
    expect(shapeOf(store, "shape:1").occluded).toBe(true);
    expect(trackShapeAt(track(store), 5)).toMatchObject({ keyframe: true, occluded: true });
    expect(trackShapeAt(track(store), 4)?.occluded).toBe(false);
  });

  it("brings a track to the foreground of its frame and sends it back", () => {
    const store = job();
    bringToForeground(store, "track:1", at(5));
    expect(trackShapeAt(track(store), 5)?.zOrder).toBe(3);
    sendToBackground(store, "shape:1", at(5));
    expect(shapeOf(store, "shape:1").zOrder).toBe(2);
    sendToBackground(store, "track:1", at(5));
    expect(trackShapeAt(track(store), 5)?.zOrder).toBe(1);
  });

  it("leaves a locked track alone", () => {
    const store = job();
    setViewFlags(store, ["track:1"], { locked: true });
    expect(setPoints(store, "track:1", [1, 1, 2, 2], undefined, at(5))).toBe(false);
    expect(toggleKeyframe(store, "track:1", at(5))).toBe("none");
    expect(toggleOutside(store, "track:1", at(5))).toBe(false);
  });

  it("relabels a track, its keyframes taking the new label's mutable defaults", () => {
    const store = job();
    expectOneUndoableStep(store, () => relabelObjects(store, ["track:1"], 3, { 5: "still", 7: "van" }, at(0)));
    expect(track(store)).toMatchObject({ labelId: 3, attributes: { 7: "van" } });
    expect(track(store).keyframes.map((k) => k.attributes)).toEqual([{ 5: "still" }, { 5: "still" }]);
  });

  it("deletes a track whole", () => {
    const store = job();
    expectOneUndoableStep(store, () => deleteObjects(store, ["track:1"]));
    expect(objectOf(store, "track:1")).toBeUndefined();
    expect(store.getState().frameIndex.tracks).toEqual([]);
  });
});

describe("K and O", () => {
  it("K adds a keyframe on an interpolated frame and removes it again, each one step", () => {
    const store = job();
    expectOneUndoableStep(store, () => expect(toggleKeyframe(store, "track:1", at(5))).toBe("added"));
    expect(frames(store)).toEqual([0, 5, 10]);
    expect(toggleKeyframe(store, "track:1", at(5))).toBe("removed");
    expect(frames(store)).toEqual([0, 10]);
  });

  it("K refuses to remove the only keyframe that is not outside", () => {
    const store = job();
    toggleOutside(store, "track:1", at(10));
    expect(toggleKeyframe(store, "track:1", at(0))).toBe("refused");
    expect(frames(store)).toEqual([0, 10]);
    expect(store.getState().history.undoLabel).toBe("Set outside");
  });

  it("O ends the visible stretch on the frame and shows it again, each one step", () => {
    const store = job();
    expectOneUndoableStep(store, () => toggleOutside(store, "track:1", at(5)));
    expect(trackShapeAt(track(store), 7)).toBeNull();
    expect(trackShapeAt(track(store), 3)?.outside).toBe(false);
    expect(store.getState().history.undoLabel).toBe("Set outside");
    toggleOutside(store, "track:1", at(5));
    expect(trackShapeAt(track(store), 7)).toMatchObject({ outside: false });
    expect(store.getState().history.undoLabel).toBe("Unset outside");
  });

  it("do nothing to shapes", () => {
    const store = job();
    expect(toggleKeyframe(store, "shape:1", at(5))).toBe("none");
    expect(toggleOutside(store, "shape:1", at(5))).toBe(false);
  });
});

describe("saving tracks", () => {
  it("sends what CVAT expects: the track's frame is its first keyframe's, keyframes in frame order", () => {
    const store = job();
    const id = createObject(store, { kind: "track", type: "rectangle", frame: 3, labelId: 1, points: [1, 1, 4, 4] }, at(3));
    setPoints(store, id, [9, 9, 12, 12], undefined, at(20));
    setPoints(store, id, [5, 5, 8, 8], undefined, at(10));
    toggleOutside(store, id, at(25));
    toggleKeyframe(store, "track:1", at(0)); // the first keyframe goes: the track starts on 10
    const steps = planSave(store.getState()).steps;
    const created = steps.find((step) => step.action === "create")!.body.tracks[0]!;
    expect(created.frame).toBe(3);
    expect(created.shapes.map((s) => [s.frame, s.outside])).toEqual([
      [3, false],
      [10, false],
      [20, false],
      [25, true],
    ]);
    const updated = steps.find((step) => step.action === "update")!.body.tracks[0]!;
    expect(updated).toMatchObject({ id: 1, frame: 10 });
    expect(updated.shapes.map((s) => s.frame)).toEqual([10]);
  });

  it("saves created and edited tracks so that they load back exactly", () => {
    const server = new FakeJobServer({ tracks: [serverTrack(1)] });
    const store = loadedStore(server.get());
    const id = createObject(store, { kind: "track", type: "polygon", frame: 2, labelId: 1, points: [0, 0, 8, 0, 4, 6] }, at(2));
    setPoints(store, id, [2, 0, 10, 0, 6, 6], undefined, at(12));
    setAttribute(store, [id], 5, "running", at(7));
    setOccluded(store, ["track:1"], true, at(3));
    toggleOutside(store, id, at(20));
    for (const step of planSave(store.getState()).steps) {
      markSaved(store, step, server.patch(step.action, requestBody(step, store.getState().sync.version)));
    }
    expect(hasUnsavedChanges(store.getState())).toBe(false);

    const reloaded = loadedStore(server.get());
    for (const [clientId, serverId] of [[id, 2], ["track:1", 1]] as const) {
      const back = objectOf(reloaded, `track:${serverId}`) as TrackObject;
      expect({ ...back, clientId }).toEqual(track(store, clientId));
    }
  });
});
