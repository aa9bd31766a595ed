/**
 * Which copy of the frame to draw at a zoom level: the original, or one shrunk by a power of two
 * that still has at least one pixel per device pixel. Drawing a 10000×5000 frame shrunk tenfold on
 * every pan frame is what the browser spends most of its time on without a GPU (the benchmark's
 * profile), while a copy made once per zoom level draws in a fraction of that.
 */

/** Power-of-two shrink factor for the frame at `scale` CSS px per image px: 1 = the original. */
export function shrinkFactor(scale: number, devicePixelRatio: number): number {
  const density = scale * devicePixelRatio;
  if (!(density > 0) || density >= 0.5) return 1;
  // Largest 2^k with 1/2^k still >= density, so the copy never has fewer pixels than the screen.
  return 2 ** Math.floor(Math.log2(1 / density));
}

export function shrunkSize(width: number, height: number, factor: number): { width: number; height: number } {
  return { width: Math.max(1, Math.ceil(width / factor)), height: Math.max(1, Math.ceil(height / factor)) };
}
