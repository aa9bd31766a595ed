// Which way each file of an upload travels: big files one by one through TUS in chunks, small
// files together in multipart batches (CVAT's Upload-Multiple), so no request is ever huge and a
// dropped connection costs one chunk, not the whole upload.

export const MiB = 1024 * 1024;

export interface UploadLimits {
  /** Files of this size or more go through TUS. */
  tusThresholdBytes: number;
  /** Most bytes one multipart batch carries. */
  batchMaxBytes: number;
  /** Most files one batch carries: each is a multipart part the server parses in memory. */
  batchMaxFiles: number;
}

export const DEFAULT_LIMITS: UploadLimits = {
  tusThresholdBytes: 5 * MiB,
  batchMaxBytes: 20 * MiB,
  batchMaxFiles: 500,
};

/** The chunk size we aim for: big enough to be efficient, small enough to retry cheaply. */
export const TUS_CHUNK_BYTES = 10 * MiB;
/** The server refuses a PATCH body over 100 MiB. */
export const MAX_TUS_CHUNK_BYTES = 100 * MiB;
/** Past this many chunks a file's chunks grow, so a huge video is not ten thousand requests. */
export const MAX_CHUNKS_PER_FILE = 2000;

export interface SizedFile {
  size: number;
}

export type UploadPart<F extends SizedFile> =
  | { kind: "batch"; files: F[]; bytes: number }
  | { kind: "tus"; file: F; bytes: number };

export function goesByTus(size: number, limits: UploadLimits = DEFAULT_LIMITS): boolean {
  return size >= limits.tusThresholdBytes;
}

/**
 * The parts of an upload in the order they are sent: the batches of small files first (quick,
 * so the user sees progress at once), then each big file. Files keep their relative order.
 */
export function planUpload<F extends SizedFile>(files: readonly F[], limits: UploadLimits = DEFAULT_LIMITS): UploadPart<F>[] {
  const batches: UploadPart<F>[] = [];
  const big: UploadPart<F>[] = [];
  let current: F[] = [];
  let currentBytes = 0;
  const close = () => {
    if (current.length) batches.push({ kind: "batch", files: current, bytes: currentBytes });
    current = [];
    currentBytes = 0;
  };
  for (const file of files) {
    if (goesByTus(file.size, limits)) {
      big.push({ kind: "tus", file, bytes: file.size });
      continue;
    }
    if (current.length >= limits.batchMaxFiles || (current.length > 0 && currentBytes + file.size > limits.batchMaxBytes)) {
      close();
    }
    current.push(file);
    currentBytes += file.size;
  }
  close();
  return [...batches, ...big];
}

/** The chunk size for one TUS file: the usual 10 MiB, larger only to stay under the chunk count. */
export function tusChunkSize(fileSize: number): number {
  const needed = Math.ceil(Math.ceil(fileSize / MAX_CHUNKS_PER_FILE) / MiB) * MiB;
  return Math.min(MAX_TUS_CHUNK_BYTES, Math.max(TUS_CHUNK_BYTES, needed));
}
