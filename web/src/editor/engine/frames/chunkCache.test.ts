import { zipSync } from "fflate";
import { describe, expect, it, vi } from "vitest";
import { ChunkCache, type ChunkCacheOptions, FrameNotInJobError } from "./chunkCache";
import { createChunkLoader } from "./chunkLoader";
import type { PlaybackSupply } from "./playback";
import type { JobFrames } from "./meta";
import { isAbortError } from "./resourcePool";
import { ManualLoads, flush, jobFrames } from "./testFixtures";
import type { ChunkImage } from "./zipChunk";

/** A decoded frame in tests: which frame's bytes it came from. */
interface Picture {
  frame: number;
}

/** The images of a chunk; each image's single byte is its frame number. */
function imagesOf(frames: JobFrames, index: number): ChunkImage[] {
  return frames.framesOfChunk(index).map((frame) => ({
    name: `${frame}.jpeg`,
    mimeType: "image/jpeg",
    bytes: new Uint8Array([frame]),
  }));
}

function setup(frames: JobFrames, options: Partial<ChunkCacheOptions<Picture>> = {}) {
  const chunks = new ManualLoads<number, ChunkImage[]>();
  const decode = vi.fn(async (image: ChunkImage): Promise<Picture> => ({ frame: image.bytes[0] }));
  const release = vi.fn<(picture: Picture) => void>();
  const cache = new ChunkCache<Picture>({
    frames,
    loadChunk: chunks.load,
    decode,
    release,
    maxConcurrentDownloads: 1,
    ...options,
  });
  const deliver = async (index: number): Promise<void> => {
    chunks.resolve(index, imagesOf(frames, index));
    await flush();
  };
  const decodedFrames = (): number[] => decode.mock.calls.map(([image]) => image.bytes[0]);
  return { cache, chunks, decode, release, deliver, decodedFrames };
}

describe("ChunkCache.loadFrame", () => {
  it("downloads the frame's chunk and decodes the frame's own image", async () => {
    const frames = jobFrames({ start: 10, stop: 19, chunkSize: 4 });
    const { cache, chunks, deliver } = setup(frames);
    const pending = cache.loadFrame(15);
    expect(chunks.keys()).toEqual([1]);
    await deliver(1);
    await expect(pending).resolves.toEqual({ frame: 15 });
    expect(cache.getFrame(15)).toEqual({ frame: 15 });
  });

  it("shares one download between frames of the same chunk", async () => {
    const frames = jobFrames({ stop: 7, chunkSize: 4 });
    const { cache, chunks, deliver } = setup(frames);
    const first = cache.loadFrame(0);
    const second = cache.loadFrame(3);
    await deliver(0);
    await expect(Promise.all([first, second])).resolves.toEqual([{ frame: 0 }, { frame: 3 }]);
    expect(chunks.keys()).toEqual([0]);
  });

  it("refuses a frame outside the job", async () => {
    const { cache, chunks } = setup(jobFrames({ start: 5, stop: 9 }));
    await expect(cache.loadFrame(2)).rejects.toBeInstanceOf(FrameNotInJobError);
    expect(chunks.keys()).toEqual([]);
  });

  it("stops the download when the only caller gives up", async () => {
    const { cache, chunks } = setup(jobFrames({ stop: 7, chunkSize: 4 }));
    const controller = new AbortController();
    const pending = cache.loadFrame(1, controller.signal);
    controller.abort();
    await expect(pending).rejects.toSatisfy(isAbortError);
    expect(chunks.aborted(0)).toBe(true);
  });
});

describe("ChunkCache.focus prefetch", () => {
  it("downloads the current chunk first, then the next ones in the play direction", async () => {
    const frames = jobFrames({ stop: 39, chunkSize: 4 });
    const { cache, chunks, deliver } = setup(frames, { prefetchChunks: 2 });
    cache.focus(13, 1);
    expect(chunks.keys()).toEqual([3]);
    await deliver(3);
    expect(chunks.keys()).toEqual([3, 4]);
    await deliver(4);
    expect(chunks.keys()).toEqual([3, 4, 5]);
  });

  it("prefetches backwards when playing backwards", async () => {
    const frames = jobFrames({ stop: 39, chunkSize: 4 });
    const { cache, chunks, deliver } = setup(frames, { prefetchChunks: 2 });
    cache.focus(13, -1);
    await deliver(3);
    await deliver(2);
    expect(chunks.keys()).toEqual([3, 2, 1]);
  });

  it("prefetches nothing past the job's last chunk", async () => {
    const frames = jobFrames({ stop: 9, chunkSize: 4 });
    const { cache, chunks, deliver } = setup(frames, { prefetchChunks: 3 });
    cache.focus(9, 1);
    await deliver(2);
    expect(chunks.keys()).toEqual([2]);
  });

  it("navigates without a download once the chunks ahead are here", async () => {
    const frames = jobFrames({ stop: 11, chunkSize: 4 });
    const { cache, chunks, deliver } = setup(frames, { prefetchChunks: 2, decodeAhead: 0 });
    cache.focus(0, 1);
    await deliver(0);
    await deliver(1);
    await deliver(2);
    cache.focus(8, 1);
    await flush();
    expect(cache.getFrame(8)).toEqual({ frame: 8 });
    expect(chunks.keys()).toEqual([0, 1, 2]);
  });

  it("cancels downloads that are no longer on the way", async () => {
    const frames = jobFrames({ stop: 39, chunkSize: 4 });
    const { cache, chunks } = setup(frames, { prefetchChunks: 2, maxConcurrentDownloads: 3 });
    cache.focus(0, 1);
    expect(chunks.keys()).toEqual([0, 1, 2]);
    cache.focus(30, 1);
    await flush();
    expect([0, 1, 2].map((index) => chunks.aborted(index))).toEqual([true, true, true]);
    expect(chunks.keys().slice(3)).toEqual([7, 8, 9]);
  });

  it("keeps a download that the new window still needs", async () => {
    const frames = jobFrames({ stop: 39, chunkSize: 4 });
    const { cache, chunks } = setup(frames, { prefetchChunks: 2, maxConcurrentDownloads: 3 });
    cache.focus(0, 1);
    cache.focus(4, 1);
    await flush();
    expect(chunks.aborted(0)).toBe(true);
    expect(chunks.aborted(1)).toBe(false);
    expect(chunks.aborted(2)).toBe(false);
  });

  it("keeps the window within the chunk budget", async () => {
    const frames = jobFrames({ stop: 39, chunkSize: 4 });
    const { cache, chunks, deliver } = setup(frames, { prefetchChunks: 5, maxChunks: 2 });
    cache.focus(0, 1);
    await deliver(0);
    await deliver(1);
    expect(chunks.keys()).toEqual([0, 1]);
  });
});

describe("ChunkCache.focus decoding", () => {
  it("decodes the frames just ahead once their chunk is downloaded", async () => {
    const frames = jobFrames({ stop: 11, chunkSize: 4 });
    const { cache, deliver, decodedFrames } = setup(frames, { decodeAhead: 2, prefetchChunks: 0 });
    cache.focus(0, 1);
    await deliver(0);
    expect(decodedFrames()).toEqual([0, 1, 2]);
    expect(cache.isFrameReady(2)).toBe(true);
  });

  it("does not decode ahead into a chunk that is still downloading", async () => {
    const frames = jobFrames({ stop: 11, chunkSize: 4 });
    const { cache, chunks, deliver, decodedFrames } = setup(frames, { decodeAhead: 2, prefetchChunks: 1 });
    cache.focus(3, 1);
    await deliver(0);
    expect(decodedFrames()).toEqual([3]);
    expect(chunks.keys()).toEqual([0, 1]);
    await deliver(1);
    expect(decodedFrames()).toEqual([3, 4, 5]);
  });

  it("skips hidden frames when decoding ahead", async () => {
    const frames = jobFrames({ stop: 7, chunkSize: 8 });
    const { cache, deliver, decodedFrames } = setup(frames, { decodeAhead: 2 });
    cache.focus(0, 1, (frame) => frame === 1 || frame === 2);
    await deliver(0);
    expect(decodedFrames()).toEqual([0, 3, 4]);
  });

  it("releases decoded frames pushed out of the budget, never the focused one", async () => {
    const frames = jobFrames({ stop: 7, chunkSize: 8 });
    const { cache, deliver, release } = setup(frames, { decodeAhead: 0, maxFrames: 2 });
    cache.focus(0, 1);
    await deliver(0);
    cache.focus(1, 1);
    await flush();
    cache.focus(2, 1);
    await flush();
    expect(release).toHaveBeenCalledTimes(1);
    expect(release).toHaveBeenCalledWith({ frame: 0 });
    expect(cache.getFrame(2)).toEqual({ frame: 2 });
  });

  it("estimates decoded bytes from the frame size to bound the window", async () => {
    const frames = jobFrames({ stop: 7, chunkSize: 8, size: () => ({ width: 1000, height: 1000 }) });
    const { cache, deliver, decodedFrames } = setup(frames, { decodeAhead: 5, maxFrameBytes: 9_000_000 });
    cache.focus(0, 1);
    await deliver(0);
    expect(decodedFrames()).toEqual([0, 1]); // 4 MB each
  });
});

describe("ChunkCache errors", () => {
  it("reports a failed download for the frames of that chunk", async () => {
    const frames = jobFrames({ stop: 7, chunkSize: 4 });
    const { cache, chunks } = setup(frames, { prefetchChunks: 1 });
    const events: unknown[] = [];
    cache.subscribe((event) => events.push(event));
    cache.focus(1, 1);
    const failure = new Error("The server answered 500.");
    chunks.reject(0, failure);
    await flush();
    expect(cache.frameStatus(2)).toBe("error");
    expect(cache.frameError(2)).toBe(failure);
    expect(cache.chunkStatus(0)).toBe("error");
    expect(cache.frameStatus(5)).toBe("loading"); // chunk 1 still downloads
    expect(events).toContainEqual({ type: "chunk-error", chunk: 0, error: failure });
  });

  it("keeps prefetching other chunks after one failed", async () => {
    const frames = jobFrames({ stop: 11, chunkSize: 4 });
    const { cache, chunks } = setup(frames, { prefetchChunks: 1 });
    cache.focus(0, 1);
    chunks.reject(0, new Error("timeout"));
    await flush();
    expect(chunks.keys()).toEqual([0, 1]);
  });

  it("downloads and decodes again on retry", async () => {
    const frames = jobFrames({ stop: 3, chunkSize: 4 });
    const { cache, chunks, deliver } = setup(frames);
    cache.focus(0, 1);
    chunks.reject(0, new Error("timeout"));
    await flush();
    cache.retry(0);
    expect(chunks.keys()).toEqual([0, 0]);
    await deliver(0);
    expect(cache.frameStatus(0)).toBe("ready");
  });

  it("reports a frame that fails to decode", async () => {
    const frames = jobFrames({ stop: 3, chunkSize: 4 });
    const { cache, decode, deliver } = setup(frames);
    decode.mockRejectedValueOnce(new Error("The image is corrupt."));
    cache.focus(0, 1);
    await deliver(0);
    expect(cache.frameStatus(0)).toBe("error");
    expect(cache.frameError(0)).toEqual(new Error("The image is corrupt."));
  });
});

describe("ChunkCache bookkeeping", () => {
  it("lists downloaded frames as merged ranges for the slider", async () => {
    const frames = jobFrames({ start: 10, stop: 29, chunkSize: 4 });
    const { cache, deliver } = setup(frames);
    for (const frame of [10, 14, 22]) {
      cache.loadFrame(frame).catch(() => undefined);
      await deliver(frames.chunkOf(frame) ?? -1);
    }
    expect(cache.downloadedRanges()).toEqual([
      [10, 17],
      [22, 25],
    ]);
  });

  it("tells subscribers when frames become ready", async () => {
    const frames = jobFrames({ stop: 3, chunkSize: 4 });
    const { cache, deliver } = setup(frames, { decodeAhead: 0 });
    const events: unknown[] = [];
    cache.subscribe((event) => events.push(event));
    cache.focus(0, 1);
    await deliver(0);
    expect(events).toEqual([
      { type: "chunk-ready", chunk: 0 },
      { type: "frame-ready", frame: 0 },
    ]);
  });

  it("releases every decoded frame and aborts downloads on dispose", async () => {
    const frames = jobFrames({ stop: 7, chunkSize: 4 });
    const { cache, chunks, deliver, release } = setup(frames, { decodeAhead: 1, prefetchChunks: 1 });
    cache.focus(0, 1);
    await deliver(0);
    cache.dispose();
    expect(release).toHaveBeenCalledTimes(2);
    expect(chunks.aborted(1)).toBe(true);
  });
});

describe("ChunkCache as the player's supply", () => {
  it("fits the player's interface", () => {
    const supply: PlaybackSupply = setup(jobFrames({ stop: 3 })).cache;
    expect(supply.isFrameReady(0)).toBe(false);
  });
});

describe("ChunkCache with real zip chunks", () => {
  it("shows each frame the image the server zipped for it", async () => {
    const frames = jobFrames({ start: 3, stop: 8, chunkSize: 3 });
    const zipFor = (index: number): ArrayBuffer => {
      const files: Record<string, Uint8Array> = {};
      // Written last-to-first: the order must come from the names.
      const members = frames.framesOfChunk(index);
      for (let i = members.length - 1; i >= 0; i -= 1) {
        files[`${String(i).padStart(6, "0")}.jpeg`] = new TextEncoder().encode(`frame ${members[i]}`);
      }
      return zipSync(files, { level: 0 }).buffer;
    };
    const cache = new ChunkCache<string>({
      frames,
      loadChunk: createChunkLoader({
        frames,
        quality: "compressed",
        source: {
          fetchChunk: async (index) => zipFor(index),
          fetchFrame: () => Promise.reject(new Error("unused")),
        },
      }),
      decode: async (image) => new TextDecoder().decode(image.bytes),
      release: () => undefined,
    });
    await expect(Promise.all([3, 5, 6, 8].map((f) => cache.loadFrame(f)))).resolves.toEqual([
      "frame 3",
      "frame 5",
      "frame 6",
      "frame 8",
    ]);
  });
});
