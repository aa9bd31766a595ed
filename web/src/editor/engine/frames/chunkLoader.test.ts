import { zipSync } from "fflate";
import { describe, expect, it, vi } from "vitest";
import {
  type ChunkSource,
  createChunkLoader,
  createHttpChunkSource,
  jobChunkPath,
  jobFramePath,
  mapConcurrently,
} from "./chunkLoader";
import { deferred, flush, jobFrames } from "./testFixtures";
import { InvalidChunkError } from "./zipChunk";

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function zipOf(count: number): ArrayBuffer {
  const files: Record<string, Uint8Array> = {};
  for (let i = count - 1; i >= 0; i -= 1) files[`${String(i).padStart(6, "0")}.jpeg`] = new Uint8Array([i]);
  return zipSync(files, { level: 0 }).buffer;
}

function fakeSource(overrides: Partial<ChunkSource> = {}): ChunkSource {
  return {
    fetchChunk: vi.fn(() => Promise.reject(new Error("no chunks"))),
    fetchFrame: vi.fn(() => Promise.reject(new Error("no frames"))),
    ...overrides,
  };
}

describe("job data paths", () => {
  it("asks for job-relative chunks by index", () => {
    expect(jobChunkPath(7, 3, "compressed")).toBe("/api/jobs/7/data?type=chunk&index=3&quality=compressed");
    expect(jobFramePath(7, 42, "original")).toBe("/api/jobs/7/data?type=frame&number=42&quality=original");
  });

  it("passes the path and the signal to the app's fetch", async () => {
    const fetchBytes = vi.fn(async () => new ArrayBuffer(1));
    const source = createHttpChunkSource(7, fetchBytes);
    const signal = new AbortController().signal;
    await source.fetchChunk(2, "compressed", signal);
    expect(fetchBytes).toHaveBeenCalledWith("/api/jobs/7/data?type=chunk&index=2&quality=compressed", signal);
  });
});

describe("createChunkLoader for zip chunks", () => {
  it("returns one image per frame of the chunk, in frame order", async () => {
    const frames = jobFrames({ start: 10, stop: 19, chunkSize: 4 });
    const source = fakeSource({ fetchChunk: vi.fn(async () => zipOf(4)) });
    const load = createChunkLoader({ frames, source, quality: "compressed" });
    const images = await load(1, new AbortController().signal);
    expect(source.fetchChunk).toHaveBeenCalledWith(1, "compressed", expect.anything());
    expect(images.map((image) => image.bytes[0])).toEqual([0, 1, 2, 3]);
  });

  it("refuses a chunk whose image count does not match the job", async () => {
    const frames = jobFrames({ start: 0, stop: 9, chunkSize: 4 });
    const source = fakeSource({ fetchChunk: vi.fn(async () => zipOf(3)) });
    const load = createChunkLoader({ frames, source, quality: "compressed" });
    await expect(load(0, new AbortController().signal)).rejects.toThrow(/holds 3 images; the job expects 4/);
  });

  it("refuses a chunk number outside the job without a request", async () => {
    const frames = jobFrames({ stop: 3, chunkSize: 4 });
    const source = fakeSource();
    const load = createChunkLoader({ frames, source, quality: "compressed" });
    await expect(load(1, new AbortController().signal)).rejects.toThrow(InvalidChunkError);
    expect(source.fetchChunk).not.toHaveBeenCalled();
  });

  it("stops after the download when the signal aborted meanwhile", async () => {
    const frames = jobFrames({ stop: 3, chunkSize: 4 });
    const controller = new AbortController();
    const source = fakeSource({
      fetchChunk: vi.fn(async () => {
        controller.abort();
        return zipOf(4);
      }),
    });
    const load = createChunkLoader({ frames, source, quality: "compressed" });
    await expect(load(0, controller.signal)).rejects.toMatchObject({ name: "AbortError" });
  });
});

describe("createChunkLoader for mp4-only video tasks", () => {
  it("fetches each frame of the chunk on its own and sniffs its type", async () => {
    const frames = jobFrames({ start: 0, stop: 9, chunkSize: 4, video: true });
    const source = fakeSource({ fetchFrame: vi.fn(async () => PNG.slice().buffer) });
    const load = createChunkLoader({ frames, source, quality: "compressed" });
    const images = await load(2, new AbortController().signal);
    expect(vi.mocked(source.fetchFrame).mock.calls.map(([frame]) => frame)).toEqual([8, 9]);
    expect(images.map((image) => image.mimeType)).toEqual(["image/png", "image/png"]);
  });

  it("keeps at most `frameConcurrency` frame requests in flight", async () => {
    const frames = jobFrames({ start: 0, stop: 9, chunkSize: 6, video: true });
    const pending: Array<(value: ArrayBuffer) => void> = [];
    const source = fakeSource({
      fetchFrame: vi.fn(() => new Promise<ArrayBuffer>((resolve) => pending.push(resolve))),
    });
    const load = createChunkLoader({ frames, source, quality: "compressed", frameConcurrency: 2 });
    const result = load(0, new AbortController().signal);
    await flush();
    expect(source.fetchFrame).toHaveBeenCalledTimes(2);
    pending.shift()?.(PNG.slice().buffer);
    await flush();
    expect(source.fetchFrame).toHaveBeenCalledTimes(3);
    while (pending.length > 0 || vi.mocked(source.fetchFrame).mock.calls.length < 6) {
      pending.shift()?.(PNG.slice().buffer);
      await flush();
    }
    await expect(result).resolves.toHaveLength(6);
  });
});

describe("mapConcurrently", () => {
  it("keeps the input order whatever order the calls finish in", async () => {
    const gates = [deferred<string>(), deferred<string>(), deferred<string>()];
    const result = mapConcurrently([0, 1, 2], 3, (i) => gates[i].promise);
    gates[2].resolve("c");
    gates[0].resolve("a");
    gates[1].resolve("b");
    await expect(result).resolves.toEqual(["a", "b", "c"]);
  });
});
