import { describe, expect, it } from "vitest";
import { keyframeTimeline, lastAtOrBefore } from "./keyframes";
import { keyframe, track } from "./testFixtures";

describe("the last keyframe at or before a frame", () => {
  const frames = [2, 5, 9];

  it("is none before the first keyframe", () => {
    expect(lastAtOrBefore(frames, 1)).toBe(-1);
  });

  it("is the keyframe itself on a keyframe's frame, at both ends", () => {
    expect(lastAtOrBefore(frames, 2)).toBe(0);
    expect(lastAtOrBefore(frames, 9)).toBe(2);
  });

  it("is the left one between two keyframes", () => {
    expect(lastAtOrBefore(frames, 3)).toBe(0);
    expect(lastAtOrBefore(frames, 8)).toBe(1);
  });

  it("is the last one after every keyframe", () => {
    expect(lastAtOrBefore(frames, 1_000_000)).toBe(2);
  });

  it("is none in an empty list", () => {
    expect(lastAtOrBefore([], 0)).toBe(-1);
  });

  it("agrees with a linear scan on every frame of a long list", () => {
    const long = Array.from({ length: 257 }, (_, i) => 3 * i + (i % 2));
    for (let frame = -2; frame <= 3 * 257 + 2; frame++) {
      expect(lastAtOrBefore(long, frame)).toBe(long.filter((f) => f <= frame).length - 1);
    }
  });
});

describe("a track's effective keyframes", () => {
  const stored = track([
    keyframe(8, [0, 0, 1, 1]),
    keyframe(0, [0, 0, 1, 1], { attributes: { 1: "x", 2: "y" } }),
    keyframe(4, [0, 0, 1, 1], { attributes: { 2: "z" } }),
  ]);

  it("are sorted by frame", () => {
    expect(keyframeTimeline(stored).frames).toEqual([0, 4, 8]);
  });

  it("inherit the attribute values they do not set from the keyframe before", () => {
    expect(keyframeTimeline(stored).keyframes.map((k) => k.attributes)).toEqual([
      { 1: "x", 2: "y" },
      { 1: "x", 2: "z" },
      { 1: "x", 2: "z" },
    ]);
  });

  it("leave out keyframes on deleted frames, which pass nothing on", () => {
    const timeline = keyframeTimeline(stored, new Set([4]));
    expect(timeline.frames).toEqual([0, 8]);
    expect(timeline.keyframes.at(-1)?.attributes).toEqual({ 1: "x", 2: "y" });
  });

  it("are remembered per track object and deleted-frame set", () => {
    const deleted = new Set([4]);
    expect(keyframeTimeline(stored)).toBe(keyframeTimeline(stored));
    expect(keyframeTimeline(stored, deleted)).toBe(keyframeTimeline(stored, deleted));
    expect(keyframeTimeline(stored, new Set([4]))).not.toBe(keyframeTimeline(stored, deleted));
  });

  it("leave the track untouched", () => {
    const snapshot = JSON.stringify(stored);
    keyframeTimeline(stored, new Set([0]));
    expect(JSON.stringify(stored)).toBe(snapshot);
  });
});
