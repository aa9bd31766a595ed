/**
 * Where the navigation commands go: first/last, previous/next with the player step, the next
 * frame with objects / without annotations / with filtered objects, go to a typed number. Deleted
 * frames are skipped unless the user shows them. Every function answers `null` for "nowhere to
 * go" (already at the end, nothing matches), so the caller simply stays on its frame.
 */
import { type JobFrames, lowerBound } from "./meta";
import type { PlayDirection } from "./prefetch";

export interface NavigationOptions {
  /** The Player setting "Show deleted frames": deleted frames can be visited. */
  readonly showDeleted: boolean;
}

export type FramePredicate = (frame: number) => boolean;

/** Frames given as a set (frames with objects) or as a predicate. */
export type FrameSet = ReadonlySet<number> | FramePredicate;

function toPredicate(frames: FrameSet): FramePredicate {
  return typeof frames === "function" ? frames : (frame) => frames.has(frame);
}

/** Whether navigation may land on `frame`. */
export function isVisitable(frames: JobFrames, frame: number, options: NavigationOptions): boolean {
  return frames.includes(frame) && (options.showDeleted || !frames.isDeleted(frame));
}

/** First visitable frame at or after position `from` going `direction`; null when none. */
function scan(
  frames: JobFrames,
  from: number,
  direction: PlayDirection,
  accept: FramePredicate,
): number | null {
  for (let p = from; p >= 0 && p < frames.frameCount; p += direction) {
    if (accept(frames.frames[p])) return frames.frames[p];
  }
  return null;
}

export function firstFrame(frames: JobFrames, options: NavigationOptions): number | null {
  return scan(frames, 0, 1, (f) => isVisitable(frames, f, options));
}

export function lastFrame(frames: JobFrames, options: NavigationOptions): number | null {
  return scan(frames, frames.frameCount - 1, -1, (f) => isVisitable(frames, f, options));
}

/**
 * `delta` frames away from `current` (±1 for D/F, ±step for C/V), stopping at the job's ends.
 * A hidden target moves on in the same direction; past the end, it falls back to the farthest
 * visitable frame between `current` and the end.
 */
export function stepFrame(
  frames: JobFrames,
  current: number,
  delta: number,
  options: NavigationOptions,
): number | null {
  const position = frames.positionOf(current);
  if (position === null || !Number.isInteger(delta) || delta === 0) return null;
  const direction: PlayDirection = delta > 0 ? 1 : -1;
  const target = Math.min(frames.frameCount - 1, Math.max(0, position + delta));
  if (target === position) return null;
  const visitable = (f: number): boolean => isVisitable(frames, f, options);
  const onward = scan(frames, target, direction, visitable);
  if (onward !== null) return onward;
  const back = scan(frames, target - direction, -direction as PlayDirection, visitable);
  if (back === null) return null;
  const backPosition = frames.positionOf(back) ?? position;
  return (backPosition - position) * direction > 0 ? back : null;
}

export function nextFrame(frames: JobFrames, current: number, options: NavigationOptions): number | null {
  return stepFrame(frames, current, 1, options);
}

export function previousFrame(frames: JobFrames, current: number, options: NavigationOptions): number | null {
  return stepFrame(frames, current, -1, options);
}

/** The nearest visitable frame after (or before) `current` that satisfies `matches`. */
export function findFrame(
  frames: JobFrames,
  current: number,
  direction: PlayDirection,
  matches: FrameSet,
  options: NavigationOptions,
): number | null {
  const accept = toPredicate(matches);
  const start = startPosition(frames, current, direction);
  if (start === null) return null;
  return scan(frames, start, direction, (f) => isVisitable(frames, f, options) && accept(f));
}

/** Next/previous frame holding objects; pass the frames of the *filtered* objects for "with filter". */
export function frameWithObjects(
  frames: JobFrames,
  current: number,
  direction: PlayDirection,
  framesWithObjects: FrameSet,
  options: NavigationOptions,
): number | null {
  return findFrame(frames, current, direction, framesWithObjects, options);
}

/** Next/previous frame without any annotation (the "empty frame" navigation). */
export function frameWithoutAnnotations(
  frames: JobFrames,
  current: number,
  direction: PlayDirection,
  annotatedFrames: FrameSet,
  options: NavigationOptions,
): number | null {
  const annotated = toPredicate(annotatedFrames);
  return findFrame(frames, current, direction, (f) => !annotated(f), options);
}

/**
 * A typed frame number made valid: clamped to the job's range, moved to the nearest job frame
 * (ground-truth jobs have gaps) and off hidden deleted frames, forward first. Null for non-numbers
 * or when no frame can be visited.
 */
export function goToFrame(frames: JobFrames, requested: number, options: NavigationOptions): number | null {
  if (!Number.isFinite(requested) || frames.frameCount === 0) return null;
  const clamped = Math.min(frames.stopFrame, Math.max(frames.startFrame, Math.trunc(requested)));
  const position = Math.min(lowerBound(frames.frames, clamped), frames.frameCount - 1);
  const visitable = (f: number): boolean => isVisitable(frames, f, options);
  return scan(frames, position, 1, visitable) ?? scan(frames, position - 1, -1, visitable);
}

/**
 * The frame the editor opens on: the requested one (a link's `?frame=`) made valid, else the
 * first visitable frame, else the job's first frame (a job whose every frame is deleted still
 * shows something).
 */
export function initialFrame(
  frames: JobFrames,
  requested: number | null | undefined,
  options: NavigationOptions,
): number {
  const fromLink = requested == null ? null : goToFrame(frames, requested, options);
  return fromLink ?? firstFrame(frames, options) ?? frames.startFrame;
}

/** Position where a search strictly after/before `current` begins (current may be outside). */
function startPosition(frames: JobFrames, current: number, direction: PlayDirection): number | null {
  const position = frames.positionOf(current);
  if (position !== null) return position + direction;
  const insertion = lowerBound(frames.frames, current);
  const start = direction === 1 ? insertion : insertion - 1;
  return start >= 0 && start < frames.frameCount ? start : null;
}
