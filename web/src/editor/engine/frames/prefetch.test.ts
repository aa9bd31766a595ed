import { describe, expect, it } from "vitest";
import { planChunkWindow, planFrameWindow } from "./prefetch";
import { jobFrames } from "./testFixtures";

describe("planChunkWindow", () => {
  const frames = jobFrames({ start: 10, stop: 49, chunkSize: 4 }); // chunks 0..9

  it("starts with the current frame's chunk and continues in the play direction", () => {
    expect(planChunkWindow(frames, 21, 1, 3)).toEqual([2, 3, 4, 5]);
    expect(planChunkWindow(frames, 21, -1, 3)).toEqual([2, 1, 0]);
  });

  it("stops at the job's last chunk", () => {
    expect(planChunkWindow(frames, 45, 1, 3)).toEqual([8, 9]);
  });

  it("passes over chunks whose every frame is hidden", () => {
    const hidden = (f: number): boolean => f >= 14 && f <= 21; // chunks 1 and 2
    expect(planChunkWindow(frames, 10, 1, 2, hidden)).toEqual([0, 3, 4]);
  });

  it("plans nothing for a frame outside the job", () => {
    expect(planChunkWindow(frames, 5, 1, 3)).toEqual([]);
  });
});

describe("planFrameWindow", () => {
  it("lists the current frame and the next ones in the play direction", () => {
    const frames = jobFrames({ stop: 20 });
    expect(planFrameWindow(frames, 5, 1, 3)).toEqual([5, 6, 7, 8]);
    expect(planFrameWindow(frames, 1, -1, 3)).toEqual([1, 0]);
  });

  it("passes over hidden frames", () => {
    const frames = jobFrames({ stop: 20 });
    expect(planFrameWindow(frames, 5, 1, 2, (f) => f === 6 || f === 7)).toEqual([5, 8, 9]);
  });

  it("follows a ground-truth job's frames", () => {
    const frames = jobFrames({ stop: 50, included: [1, 9, 30, 44] });
    expect(planFrameWindow(frames, 9, 1, 5)).toEqual([9, 30, 44]);
  });
});
