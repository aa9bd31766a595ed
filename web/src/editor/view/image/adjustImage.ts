/**
 * Draws a frame with brightness, contrast, saturation and gamma applied into a canvas, once per
 * frame and value change, so panning and zooming keep drawing a finished bitmap. The filters run
 * in the browser's canvas (GPU where it has one); gamma, which CSS filters lack, goes through a
 * lookup table in horizontal strips so a 10000×5000 frame never needs one 200 MB pixel copy.
 */
import { applyTable, cssFilter, gammaTable, type ImageAdjustments } from "./imageSettings";

/** Rows per getImageData/putImageData round trip for gamma. */
const GAMMA_STRIP_ROWS = 256;

export interface AdjustableSource {
  readonly width: number;
  readonly height: number;
}

/** Renders `image` adjusted into `target` (resized to the image) and returns it. */
export function renderAdjusted(
  image: CanvasImageSource & AdjustableSource,
  adjustments: ImageAdjustments,
  target: HTMLCanvasElement,
): HTMLCanvasElement {
  const { width, height } = image;
  if (target.width !== width) target.width = width;
  if (target.height !== height) target.height = height;
  const context = target.getContext("2d", { willReadFrequently: adjustments.gamma !== 1 });
  if (context === null) throw new Error("This browser cannot draw into a canvas.");
  context.clearRect(0, 0, width, height);
  context.filter = cssFilter(adjustments);
  context.drawImage(image, 0, 0);
  context.filter = "none";
  if (adjustments.gamma !== 1) {
    const table = gammaTable(adjustments.gamma);
    for (let top = 0; top < height; top += GAMMA_STRIP_ROWS) {
      const rows = Math.min(GAMMA_STRIP_ROWS, height - top);
      const strip = context.getImageData(0, top, width, rows);
      applyTable(strip.data, table);
      context.putImageData(strip, 0, top);
    }
  }
  return target;
}
