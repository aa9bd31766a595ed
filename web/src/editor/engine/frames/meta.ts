/**
 * A job's frames as the editor sees them: parsed once from `GET /api/jobs/{id}/data/meta` and
 * the job itself, then asked "which chunk holds frame N", "what is its name", "is it deleted".
 *
 * Frame numbers are task-relative (what annotations carry). Chunks are *job* chunks
 * (`type=chunk&index=N`): the job's own sorted frame list cut into `chunkSize` pieces, so a job
 * whose first frame is not a multiple of the chunk size still gets full chunks, and ground-truth
 * jobs (an explicit frame list) work the same way.
 */

/** One entry of the meta's `frames` list (the fields we read of the server's FrameMetaRead). */
export interface FrameMetaPayload {
  readonly width: number;
  readonly height: number;
  readonly name: string;
  readonly related_files: number;
}

/** The fields of the server's DataMetaRead the editor reads. */
export interface JobMetaPayload {
  readonly chunk_size: number | null;
  readonly size: number;
  readonly image_quality: number;
  /** Media (source) frame number of the job's first frame: `data.start + first * step`. */
  readonly start_frame: number;
  readonly stop_frame: number;
  /** `""` or `"step=N"`. */
  readonly frame_filter: string;
  readonly frames: readonly FrameMetaPayload[];
  /** Task-relative numbers, restricted to the job's range. */
  readonly deleted_frames: readonly number[];
  /** The explicit frame list of ground-truth jobs; `null` for a contiguous range. */
  readonly included_frames: readonly number[] | null;
  readonly chunks_updated_date?: unknown;
}

/** The fields of the server's JobRead that meta does not repeat. */
export interface JobRangePayload {
  /** Task-relative, inclusive. */
  readonly start_frame: number;
  readonly stop_frame: number;
  readonly data_chunk_size?: number | null;
  readonly data_compressed_chunk_type?: string | null;
  readonly data_original_chunk_type?: string | null;
}

export type ChunkQuality = "compressed" | "original";

/** How a chunk's bytes are encoded: a zip of images, or an mp4 the browser can't cut yet. */
export type ChunkEncoding = "zip" | "video";

export interface FrameSize {
  readonly width: number;
  readonly height: number;
}

export class InvalidJobMetaError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "InvalidJobMetaError";
  }
}

/** A job's frames: range, chunk layout, names, sizes, deleted set. Immutable. */
export class JobFrames {
  /** First and last task frame of the job (inclusive). */
  readonly startFrame: number;
  readonly stopFrame: number;
  /** The job's frames in order: the whole range, or the ground-truth job's explicit list. */
  readonly frames: readonly number[];
  readonly chunkSize: number;
  /** Frame step of the task's frame filter (`step=N`); 1 without a filter. */
  readonly frameStep: number;
  readonly imageQuality: number;
  /** True when every frame shares one meta entry (a video task). */
  readonly isVideo: boolean;
  readonly deletedFrames: ReadonlySet<number>;
  /** Opaque stamp of the chunks' contents; a new stamp means cached chunks are stale. */
  readonly chunksUpdatedDate: string;

  private readonly entries: readonly FrameMetaPayload[];
  private readonly sourceStartFrame: number;
  private readonly contiguous: boolean;
  private readonly encodings: Readonly<Record<ChunkQuality, ChunkEncoding>>;

  constructor(init: {
    startFrame: number;
    stopFrame: number;
    frames: readonly number[];
    chunkSize: number;
    frameStep: number;
    imageQuality: number;
    entries: readonly FrameMetaPayload[];
    sourceStartFrame: number;
    deletedFrames: Iterable<number>;
    chunksUpdatedDate: string;
    encodings: Readonly<Record<ChunkQuality, ChunkEncoding>>;
  }) {
    this.startFrame = init.startFrame;
    this.stopFrame = init.stopFrame;
    this.frames = init.frames;
    this.chunkSize = init.chunkSize;
    this.frameStep = init.frameStep;
    this.imageQuality = init.imageQuality;
    this.entries = init.entries;
    this.sourceStartFrame = init.sourceStartFrame;
    this.isVideo = init.entries.length === 1 && init.stopFrame > init.startFrame;
    this.deletedFrames = new Set(init.deletedFrames);
    this.chunksUpdatedDate = init.chunksUpdatedDate;
    this.encodings = init.encodings;
    this.contiguous = init.frames.length === init.stopFrame - init.startFrame + 1;
  }

  get frameCount(): number {
    return this.frames.length;
  }

  get chunkCount(): number {
    return Math.ceil(this.frames.length / this.chunkSize);
  }

  /** Whether `frame` belongs to the job (inside the range and, for GT jobs, in its list). */
  includes(frame: number): boolean {
    return this.positionOf(frame) !== null;
  }

  /** The frame's index in `frames`, or null when the job does not have it. */
  positionOf(frame: number): number | null {
    if (!Number.isInteger(frame) || frame < this.startFrame || frame > this.stopFrame) return null;
    if (this.contiguous) return frame - this.startFrame;
    const index = lowerBound(this.frames, frame);
    return this.frames[index] === frame ? index : null;
  }

  /** The job chunk (`index=`) holding `frame`, or null when the job does not have the frame. */
  chunkOf(frame: number): number | null {
    const position = this.positionOf(frame);
    return position === null ? null : Math.floor(position / this.chunkSize);
  }

  /** The frames of job chunk `index`, in the order the chunk's zip holds them. */
  framesOfChunk(index: number): readonly number[] {
    if (!Number.isInteger(index) || index < 0 || index >= this.chunkCount) return [];
    return this.frames.slice(index * this.chunkSize, (index + 1) * this.chunkSize);
  }

  /** The stored file name (`dir/img.png`); the video's name for every frame of a video task. */
  frameName(frame: number): string | null {
    return this.entryOf(frame)?.name ?? null;
  }

  frameSize(frame: number): FrameSize | null {
    const entry = this.entryOf(frame);
    return entry ? { width: entry.width, height: entry.height } : null;
  }

  /** Number of context images of the frame (0 for video). */
  relatedFiles(frame: number): number {
    return this.isVideo ? 0 : (this.entryOf(frame)?.related_files ?? 0);
  }

  isDeleted(frame: number): boolean {
    return this.deletedFrames.has(frame);
  }

  /** The frame's number in the source media (the video's frame index, step applied). */
  sourceFrame(frame: number): number {
    return this.sourceStartFrame + (frame - this.startFrame) * this.frameStep;
  }

  /** What a chunk of `quality` is made of (video tasks without zip chunks are mp4). */
  chunkEncoding(quality: ChunkQuality): ChunkEncoding {
    return this.encodings[quality];
  }

  /** A copy with another deleted set (after deleting or restoring a frame). */
  withDeletedFrames(deleted: Iterable<number>): JobFrames {
    return new JobFrames({
      startFrame: this.startFrame,
      stopFrame: this.stopFrame,
      frames: this.frames,
      chunkSize: this.chunkSize,
      frameStep: this.frameStep,
      imageQuality: this.imageQuality,
      entries: this.entries,
      sourceStartFrame: this.sourceStartFrame,
      deletedFrames: deleted,
      chunksUpdatedDate: this.chunksUpdatedDate,
      encodings: this.encodings,
    });
  }

  private entryOf(frame: number): FrameMetaPayload | null {
    if (frame < this.startFrame || frame > this.stopFrame || !Number.isInteger(frame)) return null;
    if (this.isVideo) return this.entries[0];
    return this.entries[frame - this.startFrame] ?? null;
  }
}

/** `"step=5"` → 5; anything else → 1 (the server writes no other filter). */
export function parseFrameStep(filter: string): number {
  const match = /^\s*step\s*=\s*(\d+)\s*$/.exec(filter);
  const step = match ? Number(match[1]) : 1;
  return step >= 1 ? step : 1;
}

function encodingOf(type: string | null | undefined, isVideo: boolean): ChunkEncoding {
  if (type === "imageset") return "zip";
  if (type === "video") return "video";
  return isVideo ? "video" : "zip";
}

/**
 * Builds `JobFrames` from the job meta and the job (the meta's start/stop are media frame
 * numbers, so the task-relative range comes from the job). Throws `InvalidJobMetaError` when
 * the two disagree.
 */
export function parseJobFrames(meta: JobMetaPayload, job: JobRangePayload): JobFrames {
  const { start_frame: startFrame, stop_frame: stopFrame } = job;
  if (!Number.isInteger(startFrame) || !Number.isInteger(stopFrame) || stopFrame < startFrame) {
    throw new InvalidJobMetaError(`The job's frame range ${startFrame}..${stopFrame} is invalid.`);
  }
  const chunkSize = meta.chunk_size ?? job.data_chunk_size ?? null;
  if (chunkSize === null || !Number.isInteger(chunkSize) || chunkSize < 1) {
    throw new InvalidJobMetaError("The job has no chunk size.");
  }
  const rangeLength = stopFrame - startFrame + 1;
  const isVideo = meta.frames.length === 1 && rangeLength > 1;
  if (!isVideo && meta.frames.length < rangeLength) {
    throw new InvalidJobMetaError(
      `The meta lists ${meta.frames.length} frames for the job's ${rangeLength} frames.`,
    );
  }
  const frames = meta.included_frames
    ? [...new Set(meta.included_frames)]
        .filter((f) => f >= startFrame && f <= stopFrame)
        .sort((a, b) => a - b)
    : range(startFrame, stopFrame);
  return new JobFrames({
    startFrame,
    stopFrame,
    frames,
    chunkSize,
    frameStep: parseFrameStep(meta.frame_filter),
    imageQuality: meta.image_quality,
    entries: meta.frames,
    sourceStartFrame: meta.start_frame,
    deletedFrames: meta.deleted_frames.filter((f) => f >= startFrame && f <= stopFrame),
    chunksUpdatedDate: meta.chunks_updated_date == null ? "" : String(meta.chunks_updated_date),
    encodings: {
      compressed: encodingOf(job.data_compressed_chunk_type, isVideo),
      original: encodingOf(job.data_original_chunk_type, isVideo),
    },
  });
}

function range(first: number, last: number): number[] {
  const out = new Array<number>(last - first + 1);
  for (let i = 0; i < out.length; i += 1) out[i] = first + i;
  return out;
}

/** Index of the first element >= value in an ascending array. */
export function lowerBound(sorted: readonly number[], value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
