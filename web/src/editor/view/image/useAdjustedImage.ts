/**
 * The frame as the canvas should draw it (see adjustImage.ts for the measurements behind this):
 * the decoded bitmap itself while the adjustments are neutral (no copy, no work); after a change,
 * the bitmap with a filter to apply while drawing, until the adjusted copy of the frame is
 * rendered, then that copy. Two canvases take turns, so the copy being shown is never the one
 * being rendered into.
 */
import { useEffect, useRef, useState } from "react";
import { gammaFilterUrl, renderAdjustedInStrips } from "./adjustImage";
import { frameFilter, isNeutral, type ImageAdjustments } from "./imageSettings";

export type FrameSource = ImageBitmap | HTMLCanvasElement;

export interface AdjustedFrame {
  readonly source: FrameSource;
  /** A canvas filter to apply while drawing `source`, or null when it is drawn as it is. */
  readonly filter: string | null;
}

export function useAdjustedImage(image: ImageBitmap | undefined, adjustments: ImageAdjustments): AdjustedFrame | undefined {
  const canvases = useRef<HTMLCanvasElement[]>([]);
  const turn = useRef(0);
  const [done, setDone] = useState<{ from: ImageBitmap; key: string; canvas: HTMLCanvasElement } | null>(null);
  const neutral = isNeutral(adjustments);
  const filter = neutral ? "none" : frameFilter(adjustments, gammaFilterUrl(adjustments.gamma));
  // The filter string names the gamma filter, not its exponent: the values themselves tell copies apart.
  const key = `${adjustments.brightness}/${adjustments.contrast}/${adjustments.saturation}/${adjustments.gamma}`;

  useEffect(() => {
    if (image === undefined || neutral) return;
    const abort = new AbortController();
    // Wait for a slider to rest before rendering the copy; drawing with the filter covers the wait.
    const start = window.setTimeout(() => {
      turn.current = 1 - turn.current;
      const canvas = (canvases.current[turn.current] ??= document.createElement("canvas"));
      void renderAdjustedInStrips(image, filter, canvas, abort.signal).then((complete) => {
        if (complete) setDone({ from: image, key, canvas });
      });
    }, 250);
    return () => {
      window.clearTimeout(start);
      abort.abort();
    };
  }, [image, filter, key, neutral]);

  // Neutral again: give the copies' memory back.
  useEffect(() => {
    if (!neutral) return;
    // The two turns fill the array out of order ([1] first), so it may have a hole.
    for (const canvas of canvases.current) {
      if (canvas === undefined) continue;
      canvas.width = 0;
      canvas.height = 0;
    }
    canvases.current = [];
    setDone(null);
  }, [neutral]);

  if (image === undefined) return undefined;
  if (neutral) return { source: image, filter: null };
  if (done !== null && done.from === image && done.key === key) return { source: done.canvas, filter: null };
  return { source: image, filter };
}
