import { describe, expect, it } from "vitest";
import {
  findFrame,
  firstFrame,
  frameWithObjects,
  frameWithoutAnnotations,
  goToFrame,
  initialFrame,
  isVisitable,
  lastFrame,
  nextFrame,
  previousFrame,
  stepFrame,
} from "./navigation";
import { jobFrames } from "./testFixtures";

const hidden = { showDeleted: false };
const shown = { showDeleted: true };

describe("first and last frame", () => {
  it("are the job's ends", () => {
    const frames = jobFrames({ start: 10, stop: 19 });
    expect(firstFrame(frames, hidden)).toBe(10);
    expect(lastFrame(frames, hidden)).toBe(19);
  });

  it("skip deleted frames at the ends unless they are shown", () => {
    const frames = jobFrames({ start: 10, stop: 19, deleted: [10, 11, 19] });
    expect(firstFrame(frames, hidden)).toBe(12);
    expect(lastFrame(frames, hidden)).toBe(18);
    expect(firstFrame(frames, shown)).toBe(10);
  });

  it("are null when every frame is deleted and hidden", () => {
    const frames = jobFrames({ stop: 2, deleted: [0, 1, 2] });
    expect(firstFrame(frames, hidden)).toBeNull();
    expect(lastFrame(frames, hidden)).toBeNull();
  });
});

describe("previous and next frame", () => {
  it("move one frame", () => {
    const frames = jobFrames({ stop: 9 });
    expect(nextFrame(frames, 4, hidden)).toBe(5);
    expect(previousFrame(frames, 4, hidden)).toBe(3);
  });

  it("stay put at the job's ends", () => {
    const frames = jobFrames({ start: 10, stop: 19 });
    expect(nextFrame(frames, 19, hidden)).toBeNull();
    expect(previousFrame(frames, 10, hidden)).toBeNull();
  });

  it("jump over deleted frames", () => {
    const frames = jobFrames({ stop: 9, deleted: [5, 6] });
    expect(nextFrame(frames, 4, hidden)).toBe(7);
    expect(previousFrame(frames, 7, hidden)).toBe(4);
  });

  it("visit deleted frames when they are shown", () => {
    const frames = jobFrames({ stop: 9, deleted: [5, 6] });
    expect(nextFrame(frames, 4, shown)).toBe(5);
  });

  it("stay put when only deleted frames follow", () => {
    const frames = jobFrames({ stop: 9, deleted: [8, 9] });
    expect(nextFrame(frames, 7, hidden)).toBeNull();
  });

  it("follow a ground-truth job's frame list", () => {
    const frames = jobFrames({ stop: 50, included: [2, 10, 30] });
    expect(nextFrame(frames, 10, hidden)).toBe(30);
    expect(previousFrame(frames, 10, hidden)).toBe(2);
  });

  it("answer null for a frame that is not in the job", () => {
    const frames = jobFrames({ start: 10, stop: 19 });
    expect(nextFrame(frames, 3, hidden)).toBeNull();
  });
});

describe("stepFrame with the player step (C/V)", () => {
  it("moves the step forward and back", () => {
    const frames = jobFrames({ stop: 99 });
    expect(stepFrame(frames, 20, 10, hidden)).toBe(30);
    expect(stepFrame(frames, 20, -10, hidden)).toBe(10);
  });

  it("stops at the job's ends", () => {
    const frames = jobFrames({ start: 10, stop: 44 });
    expect(stepFrame(frames, 40, 10, hidden)).toBe(44);
    expect(stepFrame(frames, 15, -10, hidden)).toBe(10);
    expect(stepFrame(frames, 44, 10, hidden)).toBeNull();
  });

  it("moves on past a deleted target", () => {
    const frames = jobFrames({ stop: 99, deleted: [30, 31] });
    expect(stepFrame(frames, 20, 10, hidden)).toBe(32);
    expect(stepFrame(frames, 40, -10, hidden)).toBe(29);
  });

  it("falls back to the farthest visible frame when the end is deleted", () => {
    const frames = jobFrames({ stop: 29, deleted: [27, 28, 29] });
    expect(stepFrame(frames, 20, 10, hidden)).toBe(26);
  });

  it("stays put when nothing between here and the end is visible", () => {
    const frames = jobFrames({ stop: 29, deleted: [26, 27, 28, 29] });
    expect(stepFrame(frames, 25, 10, hidden)).toBeNull();
  });

  it("counts steps in a ground-truth job's frames, not in frame numbers", () => {
    const frames = jobFrames({ stop: 100, included: [0, 10, 20, 30, 40] });
    expect(stepFrame(frames, 0, 2, hidden)).toBe(20);
  });

  it("refuses a zero or fractional step", () => {
    const frames = jobFrames({ stop: 9 });
    expect(stepFrame(frames, 4, 0, hidden)).toBeNull();
    expect(stepFrame(frames, 4, 1.5, hidden)).toBeNull();
  });
});

describe("frames with objects, without annotations, with filtered objects", () => {
  it("finds the next and previous frame with objects", () => {
    const frames = jobFrames({ stop: 99 });
    const withObjects = new Set([3, 40, 77]);
    expect(frameWithObjects(frames, 3, 1, withObjects, hidden)).toBe(40);
    expect(frameWithObjects(frames, 40, -1, withObjects, hidden)).toBe(3);
  });

  it("stays put when no frame further on has objects", () => {
    const frames = jobFrames({ stop: 99 });
    expect(frameWithObjects(frames, 77, 1, new Set([3, 77]), hidden)).toBeNull();
  });

  it("skips deleted frames with objects unless they are shown", () => {
    const frames = jobFrames({ stop: 99, deleted: [40] });
    const withObjects = new Set([40, 77]);
    expect(frameWithObjects(frames, 3, 1, withObjects, hidden)).toBe(77);
    expect(frameWithObjects(frames, 3, 1, withObjects, shown)).toBe(40);
  });

  it("takes the frames of filtered objects as a predicate", () => {
    const frames = jobFrames({ stop: 20 });
    const onlyCarsOn = (frame: number): boolean => frame === 12;
    expect(frameWithObjects(frames, 0, 1, onlyCarsOn, hidden)).toBe(12);
  });

  it("finds the next frame without annotations", () => {
    const frames = jobFrames({ stop: 9 });
    const annotated = new Set([4, 5, 6, 8]);
    expect(frameWithoutAnnotations(frames, 4, 1, annotated, hidden)).toBe(7);
    expect(frameWithoutAnnotations(frames, 6, -1, annotated, hidden)).toBe(3);
    expect(frameWithoutAnnotations(frames, 8, 1, annotated, hidden)).toBe(9);
  });

  it("starts from the nearest job frame when the current frame is outside the job", () => {
    const frames = jobFrames({ stop: 50, included: [10, 20, 30] });
    expect(findFrame(frames, 15, 1, () => true, hidden)).toBe(20);
    expect(findFrame(frames, 15, -1, () => true, hidden)).toBe(10);
    expect(findFrame(frames, 31, 1, () => true, hidden)).toBeNull();
  });
});

describe("goToFrame", () => {
  it("goes to a frame of the job", () => {
    expect(goToFrame(jobFrames({ stop: 99 }), 42, hidden)).toBe(42);
  });

  it("clamps a number outside the job to its ends", () => {
    const frames = jobFrames({ start: 10, stop: 19 });
    expect(goToFrame(frames, 3, hidden)).toBe(10);
    expect(goToFrame(frames, 500, hidden)).toBe(19);
  });

  it("moves off a deleted frame, forward first", () => {
    const frames = jobFrames({ stop: 9, deleted: [5, 6, 9] });
    expect(goToFrame(frames, 5, hidden)).toBe(7);
    expect(goToFrame(frames, 9, hidden)).toBe(8);
    expect(goToFrame(frames, 5, shown)).toBe(5);
  });

  it("snaps to the next frame of a ground-truth job", () => {
    const frames = jobFrames({ stop: 50, included: [10, 20, 30] });
    expect(goToFrame(frames, 11, hidden)).toBe(20);
    expect(goToFrame(frames, 45, hidden)).toBe(30);
    expect(goToFrame(frames, 0, hidden)).toBe(10);
  });

  it("drops the fraction of a typed number and refuses non-numbers", () => {
    const frames = jobFrames({ stop: 9 });
    expect(goToFrame(frames, 4.7, hidden)).toBe(4);
    expect(goToFrame(frames, Number.NaN, hidden)).toBeNull();
    expect(goToFrame(frames, Number.POSITIVE_INFINITY, hidden)).toBeNull();
  });
});

describe("initialFrame", () => {
  it("opens on the link's frame, made valid", () => {
    const frames = jobFrames({ start: 10, stop: 19, deleted: [15] });
    expect(initialFrame(frames, 15, hidden)).toBe(16);
    expect(initialFrame(frames, 99, hidden)).toBe(19);
  });

  it("opens on the first visible frame without a link", () => {
    const frames = jobFrames({ start: 10, stop: 19, deleted: [10] });
    expect(initialFrame(frames, null, hidden)).toBe(11);
  });

  it("opens on the job's first frame when every frame is deleted", () => {
    const frames = jobFrames({ start: 10, stop: 11, deleted: [10, 11] });
    expect(initialFrame(frames, undefined, hidden)).toBe(10);
  });
});

describe("isVisitable", () => {
  it("says whether navigation may land on a frame", () => {
    const frames = jobFrames({ start: 10, stop: 19, deleted: [12] });
    expect(isVisitable(frames, 11, hidden)).toBe(true);
    expect(isVisitable(frames, 12, hidden)).toBe(false);
    expect(isVisitable(frames, 12, shown)).toBe(true);
    expect(isVisitable(frames, 20, shown)).toBe(false);
  });
});
