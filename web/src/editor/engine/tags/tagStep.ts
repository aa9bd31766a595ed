/**
 * What one "add this tag" of the tag annotation workspace does (a button or a number key): whether
 * the tag is created, and which frame comes next with "Automatically go to the next frame".
 *
 * A label the frame already has is not added again: a frame tag says "this frame is X", and a
 * second one says nothing more (it would only have to be removed later). The editor still moves on
 * with the automatic next frame, because pressing the key meant "X, next" and the frame is X.
 * The next frame is the one "Next frame" (F) goes to, so deleted frames are skipped unless shown.
 */
import type { JobFrames } from "../frames/meta";
import { nextFrame, type NavigationOptions } from "../frames/navigation";

export interface TagStepInput {
  readonly frames: JobFrames;
  readonly frame: number;
  readonly navigation: NavigationOptions;
  readonly label: { readonly id: number; readonly name: string };
  /** Label ids of the tags the frame has now. */
  readonly frameTagLabels: readonly number[];
  /** "Automatically go to the next frame". */
  readonly autoNext: boolean;
}

export interface TagStep {
  /** Whether to create the tag. */
  readonly add: boolean;
  /** The frame to show next; null stays. */
  readonly goTo: number | null;
  /** What to tell the user, if anything. */
  readonly note: string | null;
}

export function tagStep(input: TagStepInput): TagStep {
  const { frames, frame, navigation, label, autoNext } = input;
  const add = !input.frameTagLabels.includes(label.id);
  const goTo = autoNext ? nextFrame(frames, frame, navigation) : null;
  const notes: string[] = [];
  if (!add) notes.push(`Frame ${frame} already has the tag "${label.name}".`);
  if (autoNext && goTo === null) notes.push("This is the job's last frame.");
  return { add, goTo, note: notes.length > 0 ? notes.join(" ") : null };
}
