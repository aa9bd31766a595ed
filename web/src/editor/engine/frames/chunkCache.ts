/**
 * The editor's frame supply: downloads job chunks ahead of the current frame and decodes frames
 * just ahead of it, so stepping and playing don't wait once data has arrived.
 *
 * Two pools, because the two costs differ by an order of magnitude: a downloaded chunk holds
 * encoded images (a few MB), a decoded frame holds width × height × 4 bytes (200 MB for a
 * 10000×5000 image). Chunks are prefetched a few at a time in the play direction; frames are
 * decoded only a handful ahead. Both are bounded LRUs; decoded images are released (bitmaps
 * closed) on eviction.
 *
 * Contract for the view: call `focus(frame, direction)` whenever the current frame changes. The
 * focused frame and its window are never evicted, so the image on screen stays valid.
 */
import type { ChunkImagesLoader } from "./chunkLoader";
import type { JobFrames } from "./meta";
import { type PlayDirection, planChunkWindow, planFrameWindow } from "./prefetch";
import { type PoolStatus, ResourcePool } from "./resourcePool";
import type { ChunkImage } from "./zipChunk";

/** Pixels from an encoded image (the view passes `createImageBitmap` on a Blob). */
export type DecodeImage<Img> = (image: ChunkImage, signal: AbortSignal) => Promise<Img>;

/** Frees a decoded image (`bitmap.close()`). */
export type ReleaseImage<Img> = (image: Img) => void;

export type FrameCacheEvent =
  | { readonly type: "chunk-ready"; readonly chunk: number }
  | { readonly type: "chunk-error"; readonly chunk: number; readonly error: unknown }
  | { readonly type: "frame-ready"; readonly frame: number }
  | { readonly type: "frame-error"; readonly frame: number; readonly error: unknown };

export interface ChunkCacheOptions<Img> {
  frames: JobFrames;
  loadChunk: ChunkImagesLoader;
  decode: DecodeImage<Img>;
  release: ReleaseImage<Img>;
  /** Chunks downloaded ahead of the current one in the play direction. */
  prefetchChunks?: number;
  /** Frames decoded ahead of the current one. */
  decodeAhead?: number;
  maxChunks?: number;
  /** Budget of downloaded (encoded) chunk bytes. */
  maxChunkBytes?: number;
  maxFrames?: number;
  /** Budget of decoded pixels, estimated as width × height × 4 from the meta. */
  maxFrameBytes?: number;
  /** Chunk downloads at once (explicit `loadFrame` requests never wait for a slot). */
  maxConcurrentDownloads?: number;
  maxConcurrentDecodes?: number;
}

const MiB = 1024 * 1024;

export const CACHE_DEFAULTS = {
  prefetchChunks: 2,
  decodeAhead: 4,
  maxChunks: 8,
  maxChunkBytes: 256 * MiB,
  maxFrames: 32,
  maxFrameBytes: 768 * MiB,
  maxConcurrentDownloads: 2,
  maxConcurrentDecodes: 2,
} as const;

export class FrameNotInJobError extends RangeError {
  constructor(frame: number) {
    super(`Frame ${frame} is not in this job.`);
    this.name = "FrameNotInJobError";
  }
}

export class ChunkCache<Img> {
  readonly frames: JobFrames;
  private readonly chunks: ResourcePool<number, ChunkImage[]>;
  private readonly decoded: ResourcePool<number, Img>;
  private readonly settings: CacheSettings;
  private readonly listeners = new Set<(event: FrameCacheEvent) => void>();
  private focused: { frame: number; direction: PlayDirection; isHidden?: (frame: number) => boolean } | null =
    null;

  constructor(options: ChunkCacheOptions<Img>) {
    const { frames, loadChunk, decode, release } = options;
    this.frames = frames;
    this.settings = resolveSettings(options);
    const s = this.settings;
    this.chunks = new ResourcePool<number, ChunkImage[]>({
      load: loadChunk,
      sizeOf: (_index, images) => images.reduce((sum, image) => sum + image.bytes.byteLength, 0),
      maxEntries: s.maxChunks,
      maxBytes: s.maxChunkBytes,
      maxConcurrent: s.maxConcurrentDownloads,
    });
    this.decoded = new ResourcePool<number, Img>({
      load: async (frame, signal) => {
        const images = await this.chunks.request(this.chunkIndex(frame), signal);
        return decode(images[this.memberIndex(frame)], signal);
      },
      sizeOf: (frame) => this.decodedBytes(frame),
      estimateSize: (frame) => this.decodedBytes(frame),
      release,
      maxEntries: s.maxFrames,
      maxBytes: s.maxFrameBytes,
      maxConcurrent: s.maxConcurrentDecodes,
    });
    this.chunks.subscribe((event) => {
      if (event.type === "ready") {
        this.emit({ type: "chunk-ready", chunk: event.key });
        // Frames waiting only for this download can be decoded now.
        this.refreshFrameWindow();
      } else if (event.type === "error") {
        this.emit({ type: "chunk-error", chunk: event.key, error: event.error });
      }
    });
    this.decoded.subscribe((event) => {
      if (event.type === "ready") this.emit({ type: "frame-ready", frame: event.key });
      else if (event.type === "error") {
        this.emit({ type: "frame-error", frame: event.key, error: event.error });
      }
    });
  }

  /** The decoded frame if it is ready (synchronous: what the canvas draws). */
  getFrame(frame: number): Img | undefined {
    return this.decoded.get(frame);
  }

  isFrameReady(frame: number): boolean {
    return this.decoded.status(frame) === "ready";
  }

  /** Where the frame stands; before its decoding starts, that is where its chunk stands. */
  frameStatus(frame: number): PoolStatus {
    const own = this.decoded.status(frame);
    if (own !== "absent") return own;
    const index = this.frames.chunkOf(frame);
    if (index === null) return "absent";
    const chunk = this.chunks.status(index);
    return chunk === "ready" ? "absent" : chunk;
  }

  /** Why the frame can't be shown (the chunk's download error or the decoding error). */
  frameError(frame: number): unknown {
    const index = this.frames.chunkOf(frame);
    return this.decoded.error(frame) ?? (index === null ? undefined : this.chunks.error(index));
  }

  chunkStatus(index: number): PoolStatus {
    return this.chunks.status(index);
  }

  /** The decoded frame, downloading and decoding it now if needed. */
  loadFrame(frame: number, signal?: AbortSignal): Promise<Img> {
    if (!this.frames.includes(frame)) return Promise.reject(new FrameNotInJobError(frame));
    return this.decoded.request(frame, signal);
  }

  /**
   * The current frame changed: keep it and its neighbours in `direction` loaded, cancel what is
   * no longer on the way. `isHidden` names frames navigation skips (deleted, not shown).
   */
  focus(frame: number, direction: PlayDirection = 1, isHidden?: (frame: number) => boolean): void {
    if (!this.frames.includes(frame)) return;
    this.focused = { frame, direction, isHidden };
    this.chunks.want(planChunkWindow(this.frames, frame, direction, this.settings.prefetchChunks, isHidden));
    this.refreshFrameWindow();
  }

  /** Downloads the frame's chunk and decodes the frame again after a failure. */
  retry(frame: number): void {
    const index = this.frames.chunkOf(frame);
    if (index === null) return;
    this.chunks.retry(index);
    for (const member of this.frames.framesOfChunk(index)) this.decoded.retry(member);
    this.refreshFrameWindow();
  }

  /** Frame ranges `[first, last]` whose chunks are downloaded (the slider's buffered marks). */
  downloadedRanges(): Array<[number, number]> {
    const indexes = this.chunks.readyKeys().sort((a, b) => a - b);
    const ranges: Array<[number, number]> = [];
    for (const index of indexes) {
      const members = this.frames.framesOfChunk(index);
      const first = members[0];
      const last = members[members.length - 1];
      const previous = ranges[ranges.length - 1];
      const previousChunkEnd = previous ? this.frames.chunkOf(previous[1]) : null;
      if (previous && previousChunkEnd === index - 1) previous[1] = last;
      else ranges.push([first, last]);
    }
    return ranges;
  }

  subscribe(listener: (event: FrameCacheEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Cancels every download and releases every decoded image. */
  dispose(): void {
    this.listeners.clear();
    this.decoded.dispose();
    this.chunks.dispose();
  }

  /**
   * Decodes only frames whose chunk is here: decode requests must not overtake the download
   * window's order, and once a chunk arrives its frames decode in window order, the current
   * frame first.
   */
  private refreshFrameWindow(): void {
    if (this.focused === null) return;
    const { frame, direction, isHidden } = this.focused;
    const window = planFrameWindow(this.frames, frame, direction, this.settings.decodeAhead, isHidden);
    const decodable = (f: number): boolean =>
      this.decoded.status(f) === "ready" || this.chunks.status(this.chunkIndex(f)) === "ready";
    this.decoded.want(window.filter(decodable));
  }

  private chunkIndex(frame: number): number {
    const index = this.frames.chunkOf(frame);
    if (index === null) throw new FrameNotInJobError(frame);
    return index;
  }

  private memberIndex(frame: number): number {
    return (this.frames.positionOf(frame) ?? 0) % this.frames.chunkSize;
  }

  private decodedBytes(frame: number): number {
    const size = this.frames.frameSize(frame);
    return size ? size.width * size.height * 4 : 0;
  }

  private emit(event: FrameCacheEvent): void {
    for (const listener of [...this.listeners]) listener(event);
  }
}

type CacheSettings = { readonly [K in keyof typeof CACHE_DEFAULTS]: number };

function resolveSettings(options: Partial<CacheSettings>): CacheSettings {
  const settings: { -readonly [K in keyof CacheSettings]: number } = { ...CACHE_DEFAULTS };
  for (const key of Object.keys(CACHE_DEFAULTS) as Array<keyof CacheSettings>) {
    const value = options[key];
    if (value !== undefined) settings[key] = value;
  }
  return settings;
}
