/** Builders shared by this folder's tests: concrete job metas and controllable async loads. */
import {
  type FrameMetaPayload,
  type JobFrames,
  type JobMetaPayload,
  type JobRangePayload,
  parseJobFrames,
} from "./meta";

export interface MetaSpec {
  /** Task-relative first and last frame of the job. */
  start?: number;
  stop: number;
  chunkSize?: number;
  /** File names by task frame; default `img_{frame}.jpg`. */
  name?: (frame: number) => string;
  size?: (frame: number) => { width: number; height: number };
  deleted?: number[];
  included?: number[] | null;
  frameFilter?: string;
  /** Media frame of the job's first frame. */
  mediaStart?: number;
  video?: boolean;
  compressedChunkType?: string | null;
}

export function metaPayload(spec: MetaSpec): { meta: JobMetaPayload; job: JobRangePayload } {
  const start = spec.start ?? 0;
  const name = spec.name ?? ((frame: number) => `img_${frame}.jpg`);
  const size = spec.size ?? (() => ({ width: 100, height: 50 }));
  const entries: FrameMetaPayload[] = [];
  if (spec.video) {
    entries.push({ ...size(start), name: "clip.mp4", related_files: 0 });
  } else {
    for (let f = start; f <= spec.stop; f += 1) entries.push({ ...size(f), name: name(f), related_files: 0 });
  }
  const included = spec.included ?? null;
  return {
    meta: {
      chunk_size: spec.chunkSize ?? 4,
      size: included ? included.length : spec.stop - start + 1,
      image_quality: 70,
      start_frame: spec.mediaStart ?? start,
      stop_frame: spec.stop,
      frame_filter: spec.frameFilter ?? "",
      frames: entries,
      deleted_frames: spec.deleted ?? [],
      included_frames: included,
      chunks_updated_date: "2026-01-01T00:00:00Z",
    },
    job: {
      start_frame: start,
      stop_frame: spec.stop,
      data_chunk_size: spec.chunkSize ?? 4,
      data_compressed_chunk_type: spec.compressedChunkType ?? (spec.video ? "video" : "imageset"),
      data_original_chunk_type: spec.video ? "video" : "imageset",
    },
  };
}

export function jobFrames(spec: MetaSpec): JobFrames {
  const { meta, job } = metaPayload(spec);
  return parseJobFrames(meta, job);
}

export interface Deferred<T> {
  promise: Promise<T>;
  resolve: (value: T) => void;
  reject: (error: unknown) => void;
}

export function deferred<T>(): Deferred<T> {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** A load the test settles by hand; records every call and whether its signal aborted. */
export class ManualLoads<K, V> {
  readonly calls: Array<{ key: K; signal: AbortSignal; settle: Deferred<V> }> = [];

  readonly load = (key: K, signal: AbortSignal): Promise<V> => {
    const settle = deferred<V>();
    this.calls.push({ key, signal, settle });
    return settle.promise;
  };

  keys(): K[] {
    return this.calls.map((call) => call.key);
  }

  /** The latest call for `key`. */
  call(key: K): { key: K; signal: AbortSignal; settle: Deferred<V> } {
    const found = [...this.calls].reverse().find((c) => c.key === key);
    if (!found) throw new Error(`No load of ${String(key)} was started.`);
    return found;
  }

  resolve(key: K, value: V): void {
    this.call(key).settle.resolve(value);
  }

  reject(key: K, error: unknown): void {
    this.call(key).settle.reject(error);
  }

  aborted(key: K): boolean {
    return this.call(key).signal.aborted;
  }
}

/** Lets pending promise callbacks run. */
export async function flush(): Promise<void> {
  for (let i = 0; i < 10; i += 1) await Promise.resolve();
}
