/**
 * Opens an imageset chunk: a stored (not deflated) zip whose entries are named
 * `{position:06d}.{ext}`, one per frame. Entries are ordered by that position, not by their place
 * in the archive's directory, so a reordered archive still maps image i to the chunk's i-th frame.
 */
import { unzipSync } from "fflate";
import { mimeTypeOf } from "./imageType";

/** One image of a chunk, still encoded. */
export interface ChunkImage {
  readonly name: string;
  /** MIME type guessed from the extension (what `createImageBitmap` needs on a Blob). */
  readonly mimeType: string;
  readonly bytes: Uint8Array;
}

export class InvalidChunkError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "InvalidChunkError";
  }
}

/** The numeric position in a chunk entry's name (`000012.jpeg` → 12), or null. */
export function entryPosition(name: string): number | null {
  const base = name.slice(name.lastIndexOf("/") + 1);
  const match = /^(\d+)(?:\.|$)/.exec(base);
  return match ? Number(match[1]) : null;
}

/**
 * The images of a zip chunk in frame order. Numbered entries come first by number; entries
 * without a number (never written by the server) follow in archive order. Folders are skipped.
 */
export function unzipChunk(data: ArrayBuffer | Uint8Array): ChunkImage[] {
  const bytes = data instanceof Uint8Array ? data : new Uint8Array(data);
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new InvalidChunkError(`The chunk is not a readable zip archive (${reason}).`);
  }
  const named = Object.entries(files)
    .filter(([name]) => !name.endsWith("/"))
    .map(([name, content], archiveIndex) => ({
      name,
      content,
      archiveIndex,
      position: entryPosition(name),
    }));
  named.sort((a, b) => {
    if (a.position !== null && b.position !== null) return a.position - b.position;
    if (a.position !== null) return -1;
    if (b.position !== null) return 1;
    return a.archiveIndex - b.archiveIndex;
  });
  return named.map(({ name, content }) => ({ name, mimeType: mimeTypeOf(name), bytes: content }));
}
