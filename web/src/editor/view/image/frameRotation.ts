/**
 * Which quarter turn each frame is shown at. With "Rotate all images" one rotation holds for the
 * whole job; otherwise each frame remembers its own (CVAT's behaviour), unrotated until turned.
 */
import { normalizeQuarterTurn, type QuarterTurn } from "../../engine/geometry/viewport";

export interface FrameRotations {
  /** The job-wide rotation used while "rotate all" is on. */
  readonly all: QuarterTurn;
  /** Per-frame rotations used while it is off; frames not listed are at 0. */
  readonly byFrame: ReadonlyMap<number, QuarterTurn>;
}

export const NO_ROTATIONS: FrameRotations = { all: 0, byFrame: new Map() };

export function rotationOf(rotations: FrameRotations, frame: number, rotateAll: boolean): QuarterTurn {
  return rotateAll ? rotations.all : (rotations.byFrame.get(frame) ?? 0);
}

/** The rotations after turning `frame` a quarter clockwise (+1) or anticlockwise (−1). */
export function rotateFrame(
  rotations: FrameRotations,
  frame: number,
  rotateAll: boolean,
  direction: 1 | -1,
): FrameRotations {
  const next = normalizeQuarterTurn(rotationOf(rotations, frame, rotateAll) + 90 * direction);
  if (rotateAll) return { ...rotations, all: next };
  const byFrame = new Map(rotations.byFrame);
  if (next === 0) byFrame.delete(frame);
  else byFrame.set(frame, next);
  return { ...rotations, byFrame };
}
