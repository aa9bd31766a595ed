/** Builders for the annotation actions' tests: a loaded store, and an action run over it without pauses. */
import type { EditorStore } from "../document/editorStore";
import { idsOnFrame } from "../document/frameIndex";
import { getObject, type ShapeObject } from "../document/model";
import type { AnnotationAction } from "./action";
import { runAnnotationAction, type RunOptions, type RunOutcome } from "./runner";

/** Runs `action` to its end with no pause between slices (a test has no page to keep responsive). */
export function run(store: EditorStore, action: AnnotationAction, options: RunOptions): Promise<RunOutcome> {
  return runAnnotationAction(store, action, { pause: () => Promise.resolve(), ...options });
}

/** The shapes of a frame, sorted by their first coordinate (ids of new objects are not meaningful). */
export function shapesOn(store: EditorStore, frame: number): ShapeObject[] {
  const { document, frameIndex } = store.getState();
  return idsOnFrame(frameIndex, frame)
    .map((id) => getObject(document, id))
    .filter((object): object is ShapeObject => object?.kind === "shape")
    .sort((a, b) => a.points[0] - b.points[0] || a.clientId.localeCompare(b.clientId));
}

export const frame640 = () => ({ width: 640, height: 480 });
