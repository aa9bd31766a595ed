/**
 * What to load ahead of the current frame: the chunk under it and the next chunks in the play
 * direction, and the frames to decode next. Pure, so the order is tested on its own.
 */
import type { JobFrames } from "./meta";

/** +1 plays forward (next frames), -1 backward. */
export type PlayDirection = 1 | -1;

/**
 * The current frame's chunk first, then up to `ahead` chunks in `direction`. Chunks whose every
 * frame is hidden are passed over: nobody will look at them.
 */
export function planChunkWindow(
  frames: JobFrames,
  frame: number,
  direction: PlayDirection,
  ahead: number,
  isHidden: (frame: number) => boolean = () => false,
): number[] {
  const current = frames.chunkOf(frame);
  if (current === null) return [];
  const window = [current];
  for (let index = current + direction; index >= 0 && index < frames.chunkCount; index += direction) {
    if (window.length > ahead) break;
    if (!frames.framesOfChunk(index).every(isHidden)) window.push(index);
  }
  return window;
}

/**
 * The current frame first, then up to `ahead` following frames in `direction` that are not
 * hidden (deleted frames the user doesn't show need no decoding).
 */
export function planFrameWindow(
  frames: JobFrames,
  frame: number,
  direction: PlayDirection,
  ahead: number,
  isHidden: (frame: number) => boolean = () => false,
): number[] {
  const position = frames.positionOf(frame);
  if (position === null) return [];
  const window = [frame];
  for (let p = position + direction; p >= 0 && p < frames.frameCount; p += direction) {
    if (window.length > ahead) break;
    const next = frames.frames[p];
    if (!isHidden(next)) window.push(next);
  }
  return window;
}
