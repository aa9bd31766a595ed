// The frame as drawn at the current zoom (see scaledImage.ts): the shrunk copy once it is made,
// the original until then and whenever the zoom needs every pixel. Copies are remembered per
// decoded frame, so going back to a frame seen at this zoom draws its copy at once (the decoded
// frames themselves are kept by the chunk cache).
import { useEffect, useState } from "react";
import { shrinkFactor, shrunkSize } from "./scaledImage";

/** Copies by frame bitmap and shrink factor; a bitmap the chunk cache drops takes its copies with it. */
const copies = new WeakMap<ImageBitmap, Map<number, ImageBitmap>>();
/** Zoom levels remembered per frame (a few MB each at most, as they are screen-sized). */
const LEVELS_PER_FRAME = 2;

function remember(image: ImageBitmap, factor: number, copy: ImageBitmap): void {
  const levels = copies.get(image) ?? new Map<number, ImageBitmap>();
  levels.set(factor, copy);
  // Dropped, not closed: the canvas may still be drawing it until the next render.
  for (const level of levels.keys()) {
    if (levels.size <= LEVELS_PER_FRAME) break;
    if (level !== factor) levels.delete(level);
  }
  copies.set(image, levels);
}

export function useScaledImage(image: ImageBitmap | undefined, scale: number): ImageBitmap | undefined {
  const factor = image === undefined ? 1 : shrinkFactor(scale, window.devicePixelRatio || 1);
  // Bumped when a copy is ready, so the frame re-renders with it.
  const [, setMade] = useState(0);

  useEffect(() => {
    if (image === undefined || factor === 1 || copies.get(image)?.has(factor)) return;
    let cancelled = false;
    const size = shrunkSize(image.width, image.height, factor);
    createImageBitmap(image, { resizeWidth: size.width, resizeHeight: size.height, resizeQuality: "medium" }).then(
      (copy) => {
        if (cancelled) {
          copy.close();
          return;
        }
        remember(image, factor, copy);
        setMade((n) => n + 1);
      },
      // Drawing the original is always correct, only slower.
      () => undefined,
    );
    return () => {
      cancelled = true;
    };
  }, [image, factor]);

  if (image === undefined || factor === 1) return image;
  const levels = copies.get(image);
  // The right copy, else one made for another zoom level stands in while it is made (briefly
  // blurrier or finer, never wrong), else the original.
  return levels?.get(factor) ?? levels?.values().next().value ?? image;
}
