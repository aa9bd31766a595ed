// The workspace's handle on the canvas mode: state for the canvas, commands for the keyboard
// actions (group.toggleMode, group.reset, mode.cancel) and the controls sidebar.
import { useCallback, useMemo, useRef, useState } from "react";
import { groupObjects, setPoints, ungroupObjects } from "../../engine/document/commands";
import type { EditorStore } from "../../engine/document/editorStore";
import type { ShapeObject } from "../../engine/document/model";
import type { FrameContext } from "../../engine/document/trackEdits";
import { IDLE_MODE, type CanvasMode } from "./canvasMode";
import { finishPathEdit } from "./pathEdit";

export interface CanvasModeControls {
  mode: CanvasMode;
  setMode: (mode: CanvasMode) => void;
  /** G: enter group mode, or group what was collected (if anything) and leave it. */
  toggleGroupMode: () => void;
  /** Shift+G: the selected objects leave their groups. */
  ungroupSelected: () => void;
  /** The zoom-to-region button: the next drag picks the region (again: back to normal). */
  toggleZoomRegion: () => void;
  /**
   * N during a Shift+click edit: end it, keeping the drawn part where the rules allow (a polyline
   * or points edit), else leaving the shape as it was. False when no edit is open.
   */
  finishPathEditing: () => boolean;
  /** Escape: leave the mode without changing anything; false when there was none. */
  cancel: () => boolean;
  /** Back to normal (a tool was chosen). */
  reset: () => void;
}

/** What the frame draws now (tracks' shapes among them), and the frame a track's edit lands on. */
export type DrawnNow = () => { readonly shapes: readonly ShapeObject[]; readonly at: FrameContext };

export function useCanvasMode(store: EditorStore, drawnNow: DrawnNow): CanvasModeControls {
  const [mode, setModeState] = useState<CanvasMode>(IDLE_MODE);
  const latest = useRef(mode);
  const setMode = useCallback((next: CanvasMode) => {
    latest.current = next;
    setModeState(next);
  }, []);

  const toggleGroupMode = useCallback(() => {
    const current = latest.current;
    if (current.kind !== "group") {
      setMode({ kind: "group", ids: [] });
      return;
    }
    if (current.ids.length > 0) {
      groupObjects(store, current.ids);
      store.select(current.ids);
    }
    setMode(IDLE_MODE);
  }, [store, setMode]);

  const ungroupSelected = useCallback(() => {
    const ids = store.getState().selection.selectedIds;
    if (ids.length > 0) ungroupObjects(store, ids);
  }, [store]);

  const toggleZoomRegion = useCallback(() => {
    setMode(latest.current.kind === "zoomRegion" ? IDLE_MODE : { kind: "zoomRegion" });
  }, [setMode]);

  const finishPathEditing = useCallback(() => {
    const current = latest.current;
    if (current.kind !== "pathEdit") return false;
    const { shapes, at } = drawnNow();
    const shape = shapes.find((each) => each.clientId === current.edit.id);
    if (shape !== undefined) {
      const step = finishPathEdit(current.edit, shape.points);
      if (step.state === null && step.points !== null) setPoints(store, shape.clientId, step.points, undefined, at);
      store.select([shape.clientId]);
    }
    setMode(IDLE_MODE);
    return true;
  }, [store, setMode, drawnNow]);

  const cancel = useCallback(() => {
    if (latest.current.kind === "idle") return false;
    setMode(IDLE_MODE);
    return true;
  }, [setMode]);

  const reset = useCallback(() => {
    if (latest.current.kind !== "idle") setMode(IDLE_MODE);
  }, [setMode]);

  return useMemo(
    () => ({ mode, setMode, toggleGroupMode, ungroupSelected, toggleZoomRegion, finishPathEditing, cancel, reset }),
    [mode, setMode, toggleGroupMode, ungroupSelected, toggleZoomRegion, finishPathEditing, cancel, reset],
  );
}
