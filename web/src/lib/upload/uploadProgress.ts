// One progress figure over all the bytes of an upload made of several parts (batches, TUS files).

export interface ByteProgress {
  loaded: number;
  total: number;
}

export interface PartsProgress {
  readonly sizes: readonly number[];
  readonly loaded: readonly number[];
}

export function startProgress(sizes: readonly number[]): PartsProgress {
  return { sizes: [...sizes], loaded: sizes.map(() => 0) };
}

/** The progress with part `index` at `loaded` bytes (clamped to the part: retries may overshoot). */
export function withPartLoaded(progress: PartsProgress, index: number, loaded: number): PartsProgress {
  const size = progress.sizes[index];
  if (size === undefined) return progress;
  const next = [...progress.loaded];
  next[index] = Math.min(size, Math.max(0, loaded));
  return { sizes: progress.sizes, loaded: next };
}

export function totalProgress(progress: PartsProgress): ByteProgress {
  const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);
  return { loaded: sum(progress.loaded), total: sum(progress.sizes) };
}

/** 0..100, rounded down so 100 means every byte arrived. */
export function percentOf({ loaded, total }: ByteProgress): number {
  if (total <= 0) return 0;
  return Math.floor((Math.min(loaded, total) / total) * 100);
}

/**
 * A multipart body carries boundaries and part headers beside the files, so the browser's sent /
 * total counts more than the files' bytes; the same fraction of the files' bytes is what we show.
 */
export function multipartShare(sent: number, sentTotal: number, partBytes: number): number {
  if (sentTotal <= 0) return 0;
  return Math.round(partBytes * Math.min(1, Math.max(0, sent / sentTotal)));
}
