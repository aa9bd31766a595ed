/**
 * The frame as the canvas should draw it: the decoded bitmap itself while the adjustments are
 * neutral (no copy, no work), otherwise an adjusted copy recomputed only when the frame or a value
 * changes. Two canvases take turns, so each result is a new object and Konva redraws it, without
 * allocating a frame-sized canvas per slider step.
 */
import { useEffect, useRef, useState } from "react";
import { renderAdjusted } from "./adjustImage";
import { isNeutral, type ImageAdjustments } from "./imageSettings";

export type FrameSource = ImageBitmap | HTMLCanvasElement;

export function useAdjustedImage(image: ImageBitmap | undefined, adjustments: ImageAdjustments): FrameSource | undefined {
  const canvases = useRef<HTMLCanvasElement[]>([]);
  const turn = useRef(0);
  const [adjusted, setAdjusted] = useState<{ from: ImageBitmap; values: ImageAdjustments; canvas: HTMLCanvasElement } | null>(null);
  const neutral = isNeutral(adjustments);

  useEffect(() => {
    if (image === undefined || neutral) return;
    // Coalesce a slider's bursts of changes into one render per animation frame.
    const handle = requestAnimationFrame(() => {
      turn.current = 1 - turn.current;
      const canvas = (canvases.current[turn.current] ??= document.createElement("canvas"));
      renderAdjusted(image, adjustments, canvas);
      setAdjusted({ from: image, values: adjustments, canvas });
    });
    return () => cancelAnimationFrame(handle);
  }, [image, adjustments, neutral]);

  // Neutral again: give the copies' memory back.
  useEffect(() => {
    if (!neutral) return;
    for (const canvas of canvases.current) {
      canvas.width = 0;
      canvas.height = 0;
    }
    canvases.current = [];
    setAdjusted(null);
  }, [neutral]);

  if (image === undefined) return undefined;
  if (neutral) return image;
  // Until the new frame is adjusted, show it plain rather than the previous frame's copy.
  return adjusted !== null && adjusted.from === image ? adjusted.canvas : image;
}
