/**
 * The job's frame supply for the view: a `ChunkCache` of decoded `ImageBitmap`s over HTTP, focused
 * on the current frame (so chunks ahead download while the user works), and the current frame's
 * image, status and error as React state.
 */
import { useEffect, useState } from "react";
import { ChunkCache } from "../engine/frames/chunkCache";
import { createChunkLoader } from "../engine/frames/chunkLoader";
import type { JobFrames } from "../engine/frames/meta";
import type { PlayDirection } from "../engine/frames/prefetch";
import { isAbortError } from "../engine/frames/resourcePool";
import type { ChunkImage } from "../engine/frames/zipChunk";
import { httpChunkSource } from "./editorData";

export interface FrameView {
  readonly cache: ChunkCache<ImageBitmap> | null;
  readonly image: ImageBitmap | undefined;
  readonly error: unknown;
}

function decode(image: ChunkImage): Promise<ImageBitmap> {
  return createImageBitmap(new Blob([image.bytes as Uint8Array<ArrayBuffer>], { type: image.mimeType }));
}

export function useFrameSupply(jobId: number, frames: JobFrames, frame: number, direction: PlayDirection): FrameView {
  const [cache, setCache] = useState<ChunkCache<ImageBitmap> | null>(null);
  const [, setRevision] = useState(0);
  const [error, setError] = useState<{ frame: number; error: unknown } | null>(null);

  useEffect(() => {
    const created = new ChunkCache<ImageBitmap>({
      frames,
      loadChunk: createChunkLoader({ frames, source: httpChunkSource(jobId), quality: "compressed" }),
      decode,
      release: (bitmap) => bitmap.close(),
    });
    const unsubscribe = created.subscribe((event) => {
      if (event.type === "frame-ready") setRevision((n) => n + 1);
      if (event.type === "frame-error" && !isAbortError(event.error)) {
        setError({ frame: event.frame, error: event.error });
      }
    });
    setCache(created);
    return () => {
      unsubscribe();
      created.dispose();
      setCache(null);
    };
  }, [jobId, frames]);

  useEffect(() => {
    if (cache === null) return;
    cache.focus(frame, direction);
    if (!cache.isFrameReady(frame)) {
      cache.loadFrame(frame).catch((reason: unknown) => {
        if (!isAbortError(reason)) setError({ frame, error: reason });
      });
    }
  }, [cache, frame, direction]);

  return {
    cache,
    image: cache?.getFrame(frame),
    error: error !== null && error.frame === frame ? error.error : null,
  };
}
