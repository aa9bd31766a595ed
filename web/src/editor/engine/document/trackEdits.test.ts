import { describe, expect, it } from "vitest";
import { trackShapeAt } from "../tracks/frames";
import { bone, element, keyframe, point, track } from "../tracks/testFixtures";
import {
  buildTrack,
  editTrackOnFrame,
  isTrackableType,
  splitAttributes,
  toggleKeyframeOnFrame,
  toggleOutsideOnFrame,
} from "./trackEdits";

// Keyframes 0 and 10; frame 5 is interpolated halfway. Attribute 1 is mutable, 2 is not.
const moving = track(
  [keyframe(0, [0, 0, 10, 10], { attributes: { 1: "a" } }), keyframe(10, [10, 10, 20, 20])],
  { attributes: { 2: "sedan" } },
);
const mutable = new Set([1]);
const at = (frame: number, deletedFrames?: ReadonlySet<number>) => ({ frame, deletedFrames, mutableAttributes: mutable });

describe("editing a track on a frame", () => {
  it("makes an interpolated frame a keyframe with the edit, keeping the other keyframes", () => {
    const next = editTrackOnFrame(moving, { points: [6, 6, 16, 16] }, at(5));
    expect(next.keyframes.map((k) => [k.frame, k.points])).toEqual([
      [0, [0, 0, 10, 10]],
      [5, [6, 6, 16, 16]],
      [10, [10, 10, 20, 20]],
    ]);
    expect(next.keyframes[0]).toBe(moving.keyframes[0]);
    const between = trackShapeAt(next, 4)!.points;
    [4.8, 4.8, 14.8, 14.8].forEach((value, i) => expect(between[i]).toBeCloseTo(value, 9));
  });

  it("gives a new keyframe the frame's shape and the attribute values in force there", () => {
    const next = editTrackOnFrame(moving, { occluded: true }, at(5));
    expect(next.keyframes[1]).toEqual({
      type: "rectangle",
      frame: 5,
      points: [5, 5, 15, 15],
      rotation: 0,
      occluded: true,
      outside: false,
      zOrder: 0,
      attributes: { 1: "a" },
      extras: {},
    });
  });

  it("updates the keyframe of a keyframe's frame, keeping its own fields", () => {
    const withExtras = track([keyframe(0, [0, 0, 4, 4], { extras: { id_hint: 3 } }), keyframe(4, [4, 4, 8, 8])]);
    const next = editTrackOnFrame(withExtras, { points: [1, 1, 5, 5], zOrder: 3 }, at(0));
    expect(next.keyframes).toHaveLength(2);
    expect(next.keyframes[0]).toMatchObject({ frame: 0, points: [1, 1, 5, 5], zOrder: 3, extras: { id_hint: 3 } });
  });

  it("puts mutable attributes in the frame's keyframe and the others on the track", () => {
    const next = editTrackOnFrame(moving, { attributes: { 1: "b", 2: "suv" } }, at(10));
    expect(next.attributes).toEqual({ 2: "suv" });
    expect(next.keyframes[1].attributes).toEqual({ 1: "b" });
    expect(next.keyframes[0].attributes).toEqual({ 1: "a" });
  });

  it("changes the label and group on the track only", () => {
    const next = editTrackOnFrame(moving, { labelId: 4, group: 2 }, at(5));
    expect(next).toMatchObject({ labelId: 4, group: 2 });
    expect(next.keyframes).toBe(moving.keyframes);
  });

  it("gives back the same track when the edit sets what the frame shows", () => {
    expect(editTrackOnFrame(moving, { points: [5, 5, 15, 15], occluded: false, attributes: { 1: "a" } }, at(5))).toBe(moving);
    expect(editTrackOnFrame(moving, { attributes: { 2: "sedan" } }, at(5))).toBe(moving);
  });

  it("does nothing to the keyframes where the track shows nothing", () => {
    const late = track([keyframe(4, [0, 0, 1, 1])]);
    expect(editTrackOnFrame(late, { points: [1, 1, 2, 2] }, at(2))).toBe(late);
    expect(editTrackOnFrame(moving, { points: [1, 1, 2, 2] }, at(5, new Set([5])))).toBe(moving);
  });

  it("turns an automatic track semi-automatic when its geometry is edited", () => {
    const auto = { ...moving, source: "auto" };
    expect(editTrackOnFrame(auto, { points: [1, 1, 2, 2] }, at(5)).source).toBe("semi-auto");
    expect(editTrackOnFrame(auto, { occluded: true }, at(5)).source).toBe("auto");
  });

  it("adds a keyframe after the last one, where the track repeats it, keeping its frame", () => {
    const next = editTrackOnFrame(moving, { points: [1, 1, 2, 2] }, at(20));
    expect(next.frame).toBe(0);
    expect(next.keyframes.map((k) => k.frame)).toEqual([0, 10, 20]);
  });
});

describe("toggling a keyframe (K)", () => {
  it("makes an interpolated frame a keyframe at its shape, which changes nothing drawn", () => {
    const next = toggleKeyframeOnFrame(moving, at(5))!;
    expect(next.keyframes.map((k) => k.frame)).toEqual([0, 5, 10]);
    for (const frame of [2, 5, 7, 12]) expect(trackShapeAt(next, frame)?.points).toEqual(trackShapeAt(moving, frame)?.points);
  });

  it("removes a keyframe, and the frame is interpolated again", () => {
    const three = toggleKeyframeOnFrame(moving, at(5))!;
    const next = toggleKeyframeOnFrame(three, at(5))!;
    expect(next.keyframes).toEqual(moving.keyframes);
  });

  it("moves the track's frame when its first keyframe goes", () => {
    const next = toggleKeyframeOnFrame(moving, at(0))!;
    expect(next.frame).toBe(10);
    expect(next.keyframes.map((k) => k.frame)).toEqual([10]);
  });

  it("refuses to remove the last keyframe that is not outside", () => {
    const single = track([keyframe(3, [0, 0, 1, 1])]);
    expect(toggleKeyframeOnFrame(single, at(3))).toBeNull();
    const ending = track([keyframe(0, [0, 0, 1, 1]), keyframe(6, [0, 0, 1, 1], { outside: true })]);
    expect(toggleKeyframeOnFrame(ending, at(0))).toBeNull();
    expect(toggleKeyframeOnFrame(ending, at(6))?.keyframes.map((k) => k.frame)).toEqual([0]);
  });

  it("keeps a skeleton's elements' keyframes on the parent's frames", () => {
    const skeleton = track([bone(0), bone(10)], {
      elements: [element(11, [point(0, 0, 0), point(10, 10, 0)]), element(12, [point(0, 5, 5), point(10, 5, 5)])],
    });
    const added = toggleKeyframeOnFrame(skeleton, at(4))!;
    expect(added.elements.map((e) => e.keyframes.map((k) => [k.frame, k.points]))).toEqual([
      [[0, [0, 0]], [4, [4, 0]], [10, [10, 0]]],
      [[0, [5, 5]], [4, [5, 5]], [10, [5, 5]]],
    ]);
    const removed = toggleKeyframeOnFrame(added, at(4))!;
    expect(removed.elements).toEqual(skeleton.elements);
  });
});

describe("toggling outside (O)", () => {
  it("ends the visible stretch with an outside keyframe at the frame's shape", () => {
    const next = toggleOutsideOnFrame(moving, at(5));
    expect(next.keyframes[1]).toMatchObject({ frame: 5, outside: true, points: [5, 5, 15, 15] });
    expect(trackShapeAt(next, 7)).toBeNull();
    expect(trackShapeAt(next, 10)?.outside).toBe(false);
  });

  it("shows an outside keyframe's frame again, at its last geometry", () => {
    const hidden = toggleOutsideOnFrame(moving, at(5));
    const shown = toggleOutsideOnFrame(hidden, at(5));
    expect(shown.keyframes[1]).toMatchObject({ frame: 5, outside: false, points: [5, 5, 15, 15] });
    expect(trackShapeAt(shown, 7)?.points).toEqual([7, 7, 17, 17]);
  });

  it("makes a frame inside an outside stretch a visible keyframe at the last known geometry", () => {
    const ended = track([keyframe(0, [0, 0, 4, 4]), keyframe(2, [2, 2, 6, 6], { outside: true })]);
    const back = toggleOutsideOnFrame(ended, at(8));
    expect(back.keyframes.map((k) => [k.frame, k.outside, k.points])).toEqual([
      [0, false, [0, 0, 4, 4]],
      [2, true, [2, 2, 6, 6]],
      [8, false, [2, 2, 6, 6]],
    ]);
    expect(trackShapeAt(back, 5)).toBeNull();
    expect(trackShapeAt(back, 9)?.points).toEqual([2, 2, 6, 6]);
  });
});

describe("new tracks", () => {
  it("start with one keyframe on their frame, mutable attributes in it", () => {
    const made = buildTrack(
      { kind: "track", type: "polygon", frame: 7, labelId: 3, points: [0, 0, 4, 0, 2, 3], attributes: { 1: "x", 2: "y" } },
      "new:1",
      2,
      mutable,
    );
    expect(made).toMatchObject({ kind: "track", clientId: "new:1", frame: 7, labelId: 3, attributes: { 2: "y" }, source: "manual" });
    expect(made.keyframes).toEqual([
      { type: "polygon", frame: 7, points: [0, 0, 4, 0, 2, 3], rotation: 0, occluded: false, outside: false, zOrder: 2, attributes: { 1: "x" }, extras: {} },
    ]);
    expect(trackShapeAt(made, 29)?.points).toEqual([0, 0, 4, 0, 2, 3]);
  });

  it("are offered for every type the server tracks, not masks", () => {
    expect(["rectangle", "polygon", "polyline", "points", "ellipse", "cuboid", "skeleton"].every((t) => isTrackableType(t as never))).toBe(true);
    expect(isTrackableType("mask")).toBe(false);
  });

  it("split attributes by mutability", () => {
    expect(splitAttributes({ 1: "a", 2: "b" }, mutable)).toEqual({ own: { 2: "b" }, perFrame: { 1: "a" } });
  });
});
