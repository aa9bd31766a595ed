import { describe, expect, it } from "vitest";
import { firstKeyframe, keyframeFrames, lastKeyframe, nextKeyframe, previousKeyframe } from "./navigation";
import { bone, element, keyframe, point, track } from "./testFixtures";

const stored = track([
  keyframe(3, [0, 0, 1, 1]),
  keyframe(10, [0, 0, 1, 1]),
  keyframe(7, [0, 0, 1, 1], { outside: true }),
]);

describe("keyframe navigation", () => {
  it("finds the previous keyframe strictly before a frame", () => {
    expect(previousKeyframe(stored, 7)).toBe(3);
    expect(previousKeyframe(stored, 8)).toBe(7);
    expect(previousKeyframe(stored, 100)).toBe(10);
  });

  it("finds the next keyframe strictly after a frame", () => {
    expect(nextKeyframe(stored, 3)).toBe(7);
    expect(nextKeyframe(stored, 0)).toBe(3);
    expect(nextKeyframe(stored, 8)).toBe(10);
  });

  it("finds nothing before the first or after the last keyframe", () => {
    expect(previousKeyframe(stored, 3)).toBeNull();
    expect(nextKeyframe(stored, 10)).toBeNull();
  });

  it("finds the first and the last keyframe", () => {
    expect(firstKeyframe(stored)).toBe(3);
    expect(lastKeyframe(stored)).toBe(10);
  });

  it("finds nothing in a track without keyframes", () => {
    const empty = track([], { frame: 0 });
    expect([firstKeyframe(empty), lastKeyframe(empty), previousKeyframe(empty, 5), nextKeyframe(empty, 5)]).toEqual([
      null,
      null,
      null,
      null,
    ]);
  });

  it("skips keyframes on deleted frames", () => {
    const deletedFrames = new Set([7, 10]);
    expect(nextKeyframe(stored, 3, { deletedFrames })).toBeNull();
    expect(lastKeyframe(stored, { deletedFrames })).toBe(3);
  });

  it("stops on a skeleton's element keyframes too, once per frame", () => {
    const skeleton = track([bone(0), bone(10)], {
      elements: [
        element(2, [point(0, 0, 0), point(4, 1, 1)]),
        element(3, [point(0, 5, 5), point(4, 6, 6), point(12, 6, 6)]),
      ],
    });
    expect(keyframeFrames(skeleton)).toEqual([0, 4, 10, 12]);
    expect(nextKeyframe(skeleton, 0)).toBe(4);
    expect(lastKeyframe(skeleton)).toBe(12);
  });
});
