/**
 * What an annotation action is (CVAT's "Run actions": remove filtered shapes, propagate shapes, the
 * shapes converters): a pure function from one frame of a document snapshot to the changes on that
 * frame, in pieces (a converter yields one per shape: a frame of thousands of masks is seconds of
 * work). Being pure and in pieces lets the runner (runner.ts) work through a job of thousands of
 * frames in slices, report progress, stop anywhere without having changed a thing, and apply
 * everything as one undo step at the end.
 */
import type { FrameSizeOf } from "../document/clipboard";
import { idsOnFrame, type FrameIndex } from "../document/frameIndex";
import { getObject, isLocked, type AnnotationDocument, type ClientId, type ShapeObject } from "../document/model";

/** A shape the action makes; the runner gives it a client id when it applies the run. */
export type ShapeValue = Omit<ShapeObject, "clientId">;

/** Why a shape an action would have taken was left as it is (the dialog reports the counts). */
export type SkipReason =
  /** Locked: actions, like every command, leave locked objects alone. */
  | "locked"
  /** Its label is of another shape type than the result (the server would refuse it). */
  | "label"
  /** Nothing of the result would be left: no pixel of a mask, or a copy outside a smaller frame. */
  | "empty"
  /** Its points do not make a shape of its type (a mask whose run lengths do not fill its box). */
  | "invalid";

export interface FrameChanges {
  readonly deleted: readonly ClientId[];
  readonly created: readonly ShapeValue[];
  readonly skipped: Readonly<Partial<Record<SkipReason, number>>>;
}

/** What an action reads; all of it fixed when the run starts. */
export interface ActionContext {
  readonly document: AnnotationDocument;
  readonly frameIndex: FrameIndex;
  /** The shapes the editor's filter lets through (every shape when there is no filter). */
  readonly accepts: (shape: ShapeObject) => boolean;
  /** A label's type ("any", "rectangle", …): which shape types it may go on. */
  readonly labelType: (labelId: number) => string;
  /** The size of a frame (null when unknown): results are fitted or clipped to it. */
  readonly frameSize: FrameSizeOf;
}

export interface AnnotationAction {
  readonly id: string;
  /** CVAT's name for it, so users coming from CVAT find it. */
  readonly label: string;
  /** One sentence for the dialog: what it does to which shapes. */
  readonly description: string;
  /** Whether it takes only the shapes that pass the editor's filter. */
  readonly usesFilter: boolean;
  /**
   * The changes on `frame`, in as many pieces as it likes; the runner may pause between two. Pure:
   * reads only `context`, which never changes during a run.
   */
  onFrame(context: ActionContext, frame: number): Iterable<FrameChanges>;
}

/** The shapes (not tags, not tracks) of a frame that pass the filter. */
export function filteredShapesOn(
  context: Pick<ActionContext, "document" | "frameIndex" | "accepts">,
  frame: number,
): ShapeObject[] {
  const shapes: ShapeObject[] = [];
  for (const id of idsOnFrame(context.frameIndex, frame)) {
    const object = getObject(context.document, id);
    if (object?.kind === "shape" && context.accepts(object)) shapes.push(object);
  }
  return shapes;
}

/** Splits shapes into those an action may change and the count of locked ones. */
export function unlocked(context: ActionContext, shapes: readonly ShapeObject[]): { shapes: ShapeObject[]; locked: number } {
  const open = shapes.filter((shape) => !isLocked(context.document, shape.clientId));
  return { shapes: open, locked: shapes.length - open.length };
}

/**
 * The frames an action runs over: `from`…`to` (either order) inside the job's range, without the
 * frames navigation skips (deleted ones, when they are hidden).
 */
export function actionFrames(
  from: number,
  to: number,
  range: { readonly start: number; readonly stop: number },
  isSkipped: (frame: number) => boolean = () => false,
): number[] {
  const first = Math.max(Math.min(from, to), range.start);
  const last = Math.min(Math.max(from, to), range.stop);
  const frames: number[] = [];
  for (let frame = first; frame <= last; frame += 1) if (!isSkipped(frame)) frames.push(frame);
  return frames;
}
