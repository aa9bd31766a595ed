import { describe, expect, it } from "vitest";
import type { components } from "../../../api/schema.gen";
import {
  InvalidJobMetaError,
  type JobMetaPayload,
  type JobRangePayload,
  parseFrameStep,
  parseJobFrames,
} from "./meta";
import { jobFrames, metaPayload } from "./testFixtures";

// The server's generated types must keep fitting what the parser reads.
const serverMeta = null as unknown as components["schemas"]["DataMetaRead"];
const serverJob = null as unknown as components["schemas"]["JobRead"];
export const fitsMeta: JobMetaPayload = serverMeta;
export const fitsJob: JobRangePayload = serverJob;

describe("parseJobFrames", () => {
  it("takes the task-relative range from the job and lists every frame of it", () => {
    const frames = jobFrames({ start: 5, stop: 14 });
    expect(frames.startFrame).toBe(5);
    expect(frames.stopFrame).toBe(14);
    expect(frames.frameCount).toBe(10);
    expect(frames.frames[0]).toBe(5);
    expect(frames.frames[9]).toBe(14);
  });

  it("numbers chunks from the job's first frame, not the task's", () => {
    const frames = jobFrames({ start: 5, stop: 14, chunkSize: 4 });
    expect(frames.chunkOf(5)).toBe(0);
    expect(frames.chunkOf(8)).toBe(0);
    expect(frames.chunkOf(9)).toBe(1);
    expect(frames.chunkOf(14)).toBe(2);
    expect(frames.chunkCount).toBe(3);
  });

  it("lists a chunk's frames in order, the last chunk shorter", () => {
    const frames = jobFrames({ start: 5, stop: 14, chunkSize: 4 });
    expect(frames.framesOfChunk(1)).toEqual([9, 10, 11, 12]);
    expect(frames.framesOfChunk(2)).toEqual([13, 14]);
    expect(frames.framesOfChunk(3)).toEqual([]);
    expect(frames.framesOfChunk(-1)).toEqual([]);
  });

  it("answers null for frames outside the job", () => {
    const frames = jobFrames({ start: 5, stop: 14 });
    expect(frames.chunkOf(4)).toBeNull();
    expect(frames.chunkOf(15)).toBeNull();
    expect(frames.chunkOf(6.5)).toBeNull();
    expect(frames.frameName(4)).toBeNull();
    expect(frames.frameSize(15)).toBeNull();
    expect(frames.includes(15)).toBe(false);
  });

  it("reads names and sizes from the meta entry of each frame", () => {
    const frames = jobFrames({
      start: 10,
      stop: 12,
      name: (f) => `dir/frame_${f}.png`,
      size: (f) => ({ width: f * 10, height: f }),
    });
    expect(frames.frameName(11)).toBe("dir/frame_11.png");
    expect(frames.frameSize(12)).toEqual({ width: 120, height: 12 });
  });

  it("keeps only deleted frames inside the job", () => {
    const frames = jobFrames({ start: 5, stop: 9, deleted: [1, 6, 8, 20] });
    expect([...frames.deletedFrames].sort()).toEqual([6, 8]);
    expect(frames.isDeleted(6)).toBe(true);
    expect(frames.isDeleted(7)).toBe(false);
  });

  it("cuts a ground-truth job's chunks from its explicit frame list", () => {
    const frames = jobFrames({ start: 0, stop: 20, chunkSize: 2, included: [17, 3, 9, 12, 3] });
    expect(frames.frames).toEqual([3, 9, 12, 17]);
    expect(frames.includes(4)).toBe(false);
    expect(frames.positionOf(12)).toBe(2);
    expect(frames.chunkOf(12)).toBe(1);
    expect(frames.framesOfChunk(0)).toEqual([3, 9]);
    expect(frames.chunkCount).toBe(2);
  });

  it("still names a ground-truth frame by its place in the job's range", () => {
    const frames = jobFrames({ start: 0, stop: 20, included: [3, 9] });
    expect(frames.frameName(9)).toBe("img_9.jpg");
  });

  it("maps frames to source frames with the task's frame step", () => {
    const frames = jobFrames({ start: 10, stop: 19, frameFilter: "step=3", mediaStart: 32 });
    expect(frames.frameStep).toBe(3);
    expect(frames.sourceFrame(10)).toBe(32);
    expect(frames.sourceFrame(12)).toBe(38);
  });

  it("shares a video's single entry between all its frames", () => {
    const frames = jobFrames({ start: 0, stop: 99, video: true });
    expect(frames.isVideo).toBe(true);
    expect(frames.frameName(42)).toBe("clip.mp4");
    expect(frames.frameSize(99)).toEqual({ width: 100, height: 50 });
    expect(frames.chunkEncoding("compressed")).toBe("video");
  });

  it("reads a video task's zip chunks when it was created with zip chunks", () => {
    const frames = jobFrames({ start: 0, stop: 99, video: true, compressedChunkType: "imageset" });
    expect(frames.chunkEncoding("compressed")).toBe("zip");
    expect(frames.chunkEncoding("original")).toBe("video");
  });

  it("falls back to the job's chunk size when the meta has none", () => {
    const { meta, job } = metaPayload({ stop: 9, chunkSize: 5 });
    expect(parseJobFrames({ ...meta, chunk_size: null }, job).chunkSize).toBe(5);
  });

  it("refuses a job without a chunk size", () => {
    const { meta, job } = metaPayload({ stop: 9 });
    const parse = () => parseJobFrames({ ...meta, chunk_size: null }, { ...job, data_chunk_size: null });
    expect(parse).toThrow(InvalidJobMetaError);
  });

  it("refuses a meta with fewer entries than the job has frames", () => {
    const { meta, job } = metaPayload({ stop: 9 });
    expect(() => parseJobFrames({ ...meta, frames: meta.frames.slice(0, 5) }, job)).toThrow(
      /5 frames for the job's 10/,
    );
  });

  it("refuses an inverted range", () => {
    const { meta, job } = metaPayload({ stop: 9 });
    const inverted = { ...job, start_frame: 9, stop_frame: 3 };
    expect(() => parseJobFrames(meta, inverted)).toThrow(InvalidJobMetaError);
  });

  it("makes a copy with another deleted set", () => {
    const frames = jobFrames({ stop: 9, deleted: [2] });
    const changed = frames.withDeletedFrames([3, 4]);
    expect(changed.isDeleted(2)).toBe(false);
    expect(changed.isDeleted(4)).toBe(true);
    expect(frames.isDeleted(2)).toBe(true);
    expect(changed.frameName(3)).toBe("img_3.jpg");
  });
});

describe("parseFrameStep", () => {
  it("reads step=N and defaults to 1", () => {
    expect(parseFrameStep("step=5")).toBe(5);
    expect(parseFrameStep(" step = 2 ")).toBe(2);
    expect(parseFrameStep("")).toBe(1);
    expect(parseFrameStep("step=0")).toBe(1);
    expect(parseFrameStep("every=3")).toBe(1);
  });
});
