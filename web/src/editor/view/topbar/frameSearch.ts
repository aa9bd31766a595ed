/**
 * The search buttons' modes (CVAT's right-click on previous/next): frames with objects, frames
 * with objects the filter lets through, or frames without any annotation. Pure: the sets of
 * frames come from the document, the stepping from engine navigation.
 */
import type { FrameIndex } from "../../engine/document/frameIndex";
import { allObjects, getObject, type AnnotationDocument, type AnnotationObject } from "../../engine/document/model";
import type { JobFrames } from "../../engine/frames/meta";
import { frameWithObjects, frameWithoutAnnotations, type NavigationOptions } from "../../engine/frames/navigation";
import type { PlayDirection } from "../../engine/frames/prefetch";
import type { ObjectPredicate } from "./objectFilter";

export type FrameSearchMode = "objects" | "filtered" | "empty";

export const FRAME_SEARCH_MODES: readonly { mode: FrameSearchMode; label: string }[] = [
  { mode: "objects", label: "Frames with objects" },
  { mode: "filtered", label: "Frames with filtered objects" },
  { mode: "empty", label: "Empty frames" },
];

/** The frames an object is on: its own for shapes and tags, a track's from first keyframe to the end of its last visible stretch. */
function framesOf(object: AnnotationObject, add: (frame: number) => void, lastFrame: number): void {
  if (object.kind !== "track") {
    add(object.frame);
    return;
  }
  const keyframes = [...object.keyframes].sort((a, b) => a.frame - b.frame);
  keyframes.forEach((keyframe, i) => {
    if (keyframe.outside) return;
    const until = i + 1 < keyframes.length ? keyframes[i + 1]!.frame - 1 : lastFrame;
    for (let frame = keyframe.frame; frame <= until; frame += 1) add(frame);
  });
}

/** Frames holding at least one object (passing `predicate` when given). */
export function framesWithObjects(
  document: AnnotationDocument,
  index: FrameIndex,
  lastFrame: number,
  predicate: ((object: AnnotationObject) => boolean) | null = null,
): Set<number> {
  const frames = new Set<number>();
  const add = (frame: number) => frames.add(frame);
  if (predicate === null) {
    for (const [frame, ids] of index.byFrame) if (ids.length > 0) frames.add(frame);
    for (const id of index.tracks) {
      const track = getObject(document, id);
      if (track) framesOf(track, add, lastFrame);
    }
    return frames;
  }
  for (const object of allObjects(document)) if (predicate(object)) framesOf(object, add, lastFrame);
  return frames;
}

export interface FrameSearchInput {
  readonly frames: JobFrames;
  readonly current: number;
  readonly direction: PlayDirection;
  readonly mode: FrameSearchMode;
  readonly document: AnnotationDocument;
  readonly index: FrameIndex;
  /** The object filter; "filtered" without one means "with objects". */
  readonly filter: ObjectPredicate | null;
  readonly serverIdOf: (clientId: string) => number | undefined;
  readonly navigation: NavigationOptions;
}

/** Where the next/previous search lands; null when no frame matches. */
export function searchFrame(input: FrameSearchInput): number | null {
  const { frames, current, direction, mode, document, index, filter, navigation } = input;
  if (mode === "empty") {
    return frameWithoutAnnotations(frames, current, direction, framesWithObjects(document, index, frames.stopFrame), navigation);
  }
  const predicate = mode === "filtered" && filter !== null ? (object: AnnotationObject) => filter(object, input.serverIdOf(object.clientId)) : null;
  return frameWithObjects(frames, current, direction, framesWithObjects(document, index, frames.stopFrame, predicate), navigation);
}
