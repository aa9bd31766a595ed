/**
 * Turns a job chunk number into its frames' encoded images, in frame order. The bytes come from
 * a `ChunkSource` (HTTP in the app, a fake in tests), so this runs in Node unchanged.
 *
 * Zip chunks are fetched whole; video tasks fall back to one `type=frame` request per frame,
 * because cutting mp4 chunks in the browser is a later concern.
 */
import { sniffImageType } from "./imageType";
import type { ChunkQuality, JobFrames } from "./meta";
import { type ChunkImage, InvalidChunkError, unzipChunk } from "./zipChunk";

/** Where chunk and frame bytes come from. Implementations must honour `signal`. */
export interface ChunkSource {
  /** Job chunk `index` (the server's `type=chunk&index=N`). */
  fetchChunk(index: number, quality: ChunkQuality, signal: AbortSignal): Promise<ArrayBuffer>;
  /** One task frame as an encoded image (the server's `type=frame&number=N`). */
  fetchFrame(frame: number, quality: ChunkQuality, signal: AbortSignal): Promise<ArrayBuffer>;
}

/** GET a path of the app's API as bytes; the view passes the app's `request` (CSRF, org). */
export type FetchBytes = (path: string, signal: AbortSignal) => Promise<ArrayBuffer>;

export function jobChunkPath(jobId: number, index: number, quality: ChunkQuality): string {
  return `/api/jobs/${jobId}/data?type=chunk&index=${index}&quality=${quality}`;
}

export function jobFramePath(jobId: number, frame: number, quality: ChunkQuality): string {
  return `/api/jobs/${jobId}/data?type=frame&number=${frame}&quality=${quality}`;
}

export function createHttpChunkSource(jobId: number, fetchBytes: FetchBytes): ChunkSource {
  return {
    fetchChunk: (index, quality, signal) => fetchBytes(jobChunkPath(jobId, index, quality), signal),
    fetchFrame: (frame, quality, signal) => fetchBytes(jobFramePath(jobId, frame, quality), signal),
  };
}

/** Loads one job chunk's encoded images, one per frame of `framesOfChunk(index)`, in order. */
export type ChunkImagesLoader = (index: number, signal: AbortSignal) => Promise<ChunkImage[]>;

export interface ChunkLoaderOptions {
  frames: JobFrames;
  source: ChunkSource;
  quality: ChunkQuality;
  /** Parallel single-frame requests for video tasks (browsers allow ~6 per host). */
  frameConcurrency?: number;
}

/** The loader that fits the job: zip chunks, or frame by frame for mp4-only video tasks. */
export function createChunkLoader(options: ChunkLoaderOptions): ChunkImagesLoader {
  return options.frames.chunkEncoding(options.quality) === "zip"
    ? createZipChunkLoader(options)
    : createFrameByFrameLoader(options);
}

export function createZipChunkLoader({ frames, source, quality }: ChunkLoaderOptions): ChunkImagesLoader {
  return async (index, signal) => {
    const expected = frames.framesOfChunk(index).length;
    if (expected === 0) throw new InvalidChunkError(`Chunk ${index} is outside the job.`);
    const bytes = await source.fetchChunk(index, quality, signal);
    signal.throwIfAborted();
    const images = unzipChunk(bytes);
    if (images.length !== expected) {
      throw new InvalidChunkError(
        `Chunk ${index} holds ${images.length} images; the job expects ${expected}.`,
      );
    }
    return images;
  };
}

export function createFrameByFrameLoader(options: ChunkLoaderOptions): ChunkImagesLoader {
  const { frames, source, quality } = options;
  const concurrency = Math.max(1, options.frameConcurrency ?? 4);
  return async (index, signal) => {
    const members = frames.framesOfChunk(index);
    if (members.length === 0) throw new InvalidChunkError(`Chunk ${index} is outside the job.`);
    return mapConcurrently(members, concurrency, async (frame) => {
      const bytes = new Uint8Array(await source.fetchFrame(frame, quality, signal));
      signal.throwIfAborted();
      return { name: `frame_${frame}`, mimeType: sniffImageType(bytes), bytes };
    });
  };
}

/** `map` with at most `limit` calls in flight; the first failure rejects (others still settle). */
export async function mapConcurrently<T, R>(
  items: readonly T[],
  limit: number,
  run: (item: T) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const position = next;
      next += 1;
      results[position] = await run(items[position]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
