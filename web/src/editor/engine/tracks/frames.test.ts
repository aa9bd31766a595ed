import { describe, expect, it } from "vitest";
import type { TrackObject } from "../document/model";
import { expandSkeletonTrack, expandTrack } from "./expansion";
import { trackFrameAt, trackFramesOn, trackShapeAt } from "./frames";
import { InterpolationError } from "./interpolation";
import { bone, element, keyframe, point, track } from "./testFixtures";
import type { TrackFrame, TrackFrameOptions } from "./types";

// Keyframes 2 (visible), 6 (outside), 10 (visible); the track starts on frame 2.
const blinking = track([
  keyframe(2, [0, 0, 10, 10], { attributes: { 1: "a", 2: "b" } }),
  keyframe(6, [4, 4, 14, 14], { outside: true, attributes: { 2: "c" } }),
  keyframe(10, [8, 8, 18, 18]),
]);

describe("a track's shape on one frame", () => {
  it("is nothing before the first keyframe", () => {
    expect(trackShapeAt(blinking, 0)).toBeNull();
    expect(trackShapeAt(blinking, 1)).toBeNull();
  });

  it("is nothing before the track's frame, even after an earlier keyframe", () => {
    const late = track([keyframe(0, [0, 0, 4, 4]), keyframe(4, [4, 4, 8, 8])], { frame: 2 });
    expect(trackShapeAt(late, 1)).toBeNull();
    expect(trackShapeAt(late, 2)?.points).toEqual([2, 2, 6, 6]);
  });

  it("is the keyframe itself on a keyframe's frame, the same object every time", () => {
    const first = trackShapeAt(blinking, 2);
    expect(first).toMatchObject({ frame: 2, keyframe: true, points: [0, 0, 10, 10] });
    expect(trackShapeAt(blinking, 2)).toBe(first);
  });

  it("is interpolated between two keyframes, and not a keyframe", () => {
    expect(trackShapeAt(blinking, 4)).toMatchObject({
      frame: 4,
      keyframe: false,
      outside: false,
      points: [2, 2, 12, 12],
    });
  });

  it("is the outside keyframe, flagged outside, on its frame", () => {
    expect(trackShapeAt(blinking, 6)).toMatchObject({ frame: 6, keyframe: true, outside: true });
  });

  it("is nothing after an outside keyframe until the next keyframe", () => {
    expect([7, 8, 9].map((frame) => trackShapeAt(blinking, frame))).toEqual([null, null, null]);
    expect(trackShapeAt(blinking, 10)).toMatchObject({ frame: 10, keyframe: true, outside: false });
  });

  it("is an outside shape, moving on to the next keyframe, there when outside stretches are included", () => {
    expect(trackShapeAt(blinking, 8, { includeOutside: true })).toMatchObject({
      frame: 8,
      keyframe: false,
      outside: true,
      points: [6, 6, 16, 16],
    });
  });

  it("repeats the last keyframe on every later frame, as a computed frame", () => {
    const shape = trackShapeAt(blinking, 1000);
    expect(shape).toMatchObject({ frame: 1000, keyframe: false, outside: false, points: [8, 8, 18, 18] });
  });

  it("is nothing after a track that ends outside", () => {
    const ended = track([keyframe(0, [0, 0, 1, 1]), keyframe(3, [0, 0, 1, 1], { outside: true })]);
    expect(trackShapeAt(ended, 9)).toBeNull();
  });

  it("carries mutable attributes over from earlier keyframes until changed", () => {
    expect(trackShapeAt(blinking, 4)?.attributes).toEqual({ 1: "a", 2: "b" });
    expect(trackShapeAt(blinking, 6)?.attributes).toEqual({ 1: "a", 2: "c" });
    expect(trackShapeAt(blinking, 12)?.attributes).toEqual({ 1: "a", 2: "c" });
  });

  it("is nothing on a deleted frame, and a keyframe there is ignored", () => {
    const deletedFrames = new Set([6, 8]);
    expect(trackShapeAt(blinking, 8, { deletedFrames })).toBeNull();
    // Without the outside keyframe on 6, frames 2..10 interpolate straight through.
    expect(trackShapeAt(blinking, 7, { deletedFrames })?.points).toEqual([5, 5, 15, 15]);
    expect(trackShapeAt(blinking, 7, { deletedFrames })?.attributes).toEqual({ 1: "a", 2: "b" });
  });

  it("is nothing on a frame outside the included frames", () => {
    const includedFrames = new Set([3, 10]);
    expect(trackShapeAt(blinking, 4, { includedFrames })).toBeNull();
    expect(trackShapeAt(blinking, 3, { includedFrames })?.frame).toBe(3);
  });

  it("follows the keyframes of a new track object after an edit", () => {
    expect(trackShapeAt(blinking, 4)?.points).toEqual([2, 2, 12, 12]);
    const edited: TrackObject = {
      ...blinking,
      keyframes: blinking.keyframes.map((k) => (k.frame === 2 ? { ...k, points: [2, 2, 12, 12] } : k)),
    };
    expect(trackShapeAt(edited, 4)?.points).toEqual([3, 3, 13, 13]);
  });

  it("does not depend on the order keyframes are stored in", () => {
    const shuffled = { ...blinking, keyframes: [...blinking.keyframes].reverse() };
    expect(trackShapeAt(shuffled, 4)).toEqual(trackShapeAt(blinking, 4));
  });

  it("refuses a track with keyframes of two types or two keyframes on one frame", () => {
    const mixed = track([keyframe(0, [0, 0, 1, 1]), keyframe(2, [0, 0, 1, 1], { type: "ellipse" })]);
    expect(() => trackShapeAt(mixed, 1)).toThrow(InterpolationError);
    const doubled = track([keyframe(0, [0, 0, 1, 1]), keyframe(0, [1, 1, 2, 2])]);
    expect(() => trackShapeAt(doubled, 1)).toThrow(InterpolationError);
  });
});

describe("finding the keyframes around a frame", () => {
  // A long track: keyframes every 3 frames from 5, every fourth outside, x moving by 3 each time.
  const long = track(
    Array.from({ length: 400 }, (_, i) =>
      keyframe(5 + 3 * i, [3 * i, 0, 3 * i + 10, 10], { outside: i % 4 === 3, attributes: { 1: String(i % 5) } }),
    ),
  );

  it("agrees with the whole track's expansion on every frame, including both ends", () => {
    for (const includeOutside of [false, true]) {
      const options = { includeOutside };
      const expanded = new Map(expandTrack(long, 0, 1215, options).map((shape) => [shape.frame, shape]));
      for (let frame = 0; frame <= 1215; frame++) {
        expect(trackShapeAt(long, frame, options)).toEqual(expanded.get(frame) ?? null);
      }
    }
  });

  it("agrees with the expansion with deleted and included frames too", () => {
    const deletedFrames = new Set([5, 6, 14, 200, 201, 202, 1202]);
    const includedFrames = new Set(Array.from({ length: 300 }, (_, i) => 4 * i + 1));
    const options = { deletedFrames, includedFrames };
    const expanded = new Map(expandTrack(long, 0, 1210, options).map((shape) => [shape.frame, shape]));
    for (let frame = 0; frame <= 1210; frame++) {
      expect(trackShapeAt(long, frame, options)).toEqual(expanded.get(frame) ?? null);
    }
  });

  it("works on a track of a single keyframe", () => {
    const single = track([keyframe(7, [1, 2, 3, 4])]);
    expect(trackShapeAt(single, 6)).toBeNull();
    expect(trackShapeAt(single, 7)?.keyframe).toBe(true);
    expect(trackShapeAt(single, 8)).toMatchObject({ keyframe: false, points: [1, 2, 3, 4] });
  });

  it("shows nothing for a track without keyframes", () => {
    expect(trackShapeAt(track([], { frame: 0 }), 3)).toBeNull();
  });
});

// Keyframes 0 and 6 of the skeleton; the nose hides on 3 and returns on 5, the tail hides on 2 and
// stays hidden, the ear starts on 4.
const skeleton = track([bone(0), bone(6)], {
  labelId: 1,
  elements: [
    element(2, [point(0, 0, 0), point(3, 3, 3, { outside: true }), point(5, 5, 5)]),
    element(3, [point(0, 9, 9), point(2, 9, 9, { outside: true })]),
    element(4, [point(4, 1, 1)]),
  ],
});

describe("a skeleton track's frame", () => {
  it("holds its elements in order, each with its index and label, and their outside state", () => {
    const frame = trackFrameAt(skeleton, 1);
    expect(frame?.elements.map((e) => [e.elementIndex, e.labelId, e.outside, e.points])).toEqual([
      [0, 2, false, [1, 1]],
      [1, 3, false, [9, 9]],
    ]);
  });

  it("leaves out elements that have not started", () => {
    expect(trackFrameAt(skeleton, 4)?.elements.map((e) => e.labelId)).toEqual([2, 3, 4]);
  });

  it("is nothing where every element is outside, unless outside frames are included", () => {
    expect(trackFrameAt(skeleton, 3)).toBeNull();
    expect(trackFrameAt(skeleton, 3, { includeOutside: true })?.elements.map((e) => e.outside)).toEqual([true, true]);
  });

  it("matches the skeleton expansion on every frame", () => {
    for (const includeOutside of [false, true]) {
      const options: TrackFrameOptions = { includeOutside, deletedFrames: new Set([5]) };
      const expanded = new Map(expandSkeletonTrack(skeleton, 0, 9, options).map((frame) => [frame.frame, frame]));
      for (let frame = 0; frame <= 9; frame++) {
        expect(trackFrameAt(skeleton, frame, options)).toEqual(expanded.get(frame) ?? null);
      }
    }
  });

  it("has no elements for other types", () => {
    expect(trackFrameAt(blinking, 4)?.elements).toEqual([]);
  });
});

describe("every track on one frame", () => {
  const broken = track([keyframe(0, [0, 0, 1, 1]), keyframe(4, [0, 0, 1])], { clientId: "track:broken" });
  const later = track([keyframe(50, [0, 0, 1, 1])], { clientId: "track:later" });

  it("lists the tracks shown there, in the order given, with their frames", () => {
    const { shown, failed } = trackFramesOn([blinking, later, skeleton], 4);
    expect(shown.map(({ track: t }) => t)).toEqual([blinking, skeleton]);
    expect(shown.map(({ shape }) => shape.frame)).toEqual([4, 4]);
    expect(failed).toEqual([]);
  });

  it("reports a track that cannot be interpolated and still shows the others", () => {
    const { shown, failed } = trackFramesOn([broken, blinking], 2);
    expect(shown.map(({ shape }: { shape: TrackFrame }) => shape.points)).toEqual([[0, 0, 10, 10]]);
    expect(failed.map(({ track: t, error }) => [t.clientId, error instanceof InterpolationError])).toEqual([
      ["track:broken", true],
    ]);
  });

  it("treats a broken track as broken only where its keyframes are used", () => {
    // Like the server: mismatched coordinates matter only between those keyframes.
    expect(trackFramesOn([broken], 0).shown).toHaveLength(1);
    expect(trackFramesOn([broken], 5).shown).toHaveLength(1);
  });
});
