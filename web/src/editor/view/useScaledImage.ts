// The frame as drawn at the current zoom (see scaledImage.ts): the shrunk copy once it is made,
// the original until then and whenever the zoom needs every pixel.
import { useEffect, useState } from "react";
import { shrinkFactor, shrunkSize } from "./scaledImage";

interface Shrunk {
  source: ImageBitmap;
  factor: number;
  bitmap: ImageBitmap;
}

export function useScaledImage(image: ImageBitmap | undefined, scale: number): ImageBitmap | undefined {
  const factor = image === undefined ? 1 : shrinkFactor(scale, window.devicePixelRatio || 1);
  const [shrunk, setShrunk] = useState<Shrunk | null>(null);

  useEffect(() => {
    if (image === undefined || factor === 1) return;
    let cancelled = false;
    const size = shrunkSize(image.width, image.height, factor);
    createImageBitmap(image, { resizeWidth: size.width, resizeHeight: size.height, resizeQuality: "medium" }).then(
      (bitmap) => {
        if (cancelled) bitmap.close();
        else setShrunk((previous) => {
          previous?.bitmap.close();
          return { source: image, factor, bitmap };
        });
      },
      // Drawing the original is always correct, only slower.
      () => undefined,
    );
    return () => {
      cancelled = true;
    };
  }, [image, factor]);

  // A copy is only used for the frame it was made from; one made for another zoom level stands in
  // while the right one is being made (briefly blurrier or finer, never wrong).
  if (image === undefined || factor === 1 || shrunk === null || shrunk.source !== image) return image;
  return shrunk.bitmap;
}
