/**
 * The workspace's drawing state: the tool, what it draws (a shape, or a track starting on the
 * frame: CVAT's Shape and Track buttons, with N repeating the last choice), the drawing in progress
 * with its options, and what a finished drawing becomes in the store. Handlers are new closures on
 * every render, reading that render's values (the workspace makes steady stand-ins where needed).
 */
import { useState } from "react";
import type { Label } from "../../api/types";
import { createObject } from "../engine/document/commands";
import type { EditorStore } from "../engine/document/editorStore";
import type { FrameContext } from "../engine/document/trackEdits";
import { parseJobLink } from "../engine/frames/links";
import { fitShapeToImage } from "../engine/geometry/clipping";
import type { Size } from "../engine/geometry/coords";
import {
  DEFAULT_DRAWING_OPTIONS,
  finishDrawing,
  hasProgress,
  restartDrawing,
  startDrawing,
  withDefaultPointsCount,
  type DrawAs,
  type DrawableType,
  type DrawingOptions,
  type DrawingState,
  type DrawnShape,
} from "./drawingTool";
import { isDrawingTool, type Tool } from "./tools";
import { useDrawingLabel } from "./useDrawingLabel";

export interface DrawingToolsInput {
  store: EditorStore;
  /** The frame drawn on, as the engine's commands take it. */
  at: FrameContext;
  /** The job's labels: the one new objects get is kept to those the tool can use (useDrawingLabel). */
  labels: readonly Label[];
  imageSize: Size;
  /** The z-layer a new object goes to; undefined: on top of the frame. */
  newShapeZOrder: number | undefined;
  /** Leaves the canvas mode (group, zoom to region, Shift+click edit) when a tool is chosen. */
  resetMode: () => void;
  warn: (text: string) => void;
  inform: (text: string) => void;
}

export function useDrawingTools(input: DrawingToolsInput) {
  const { store, at } = input;
  const [tool, setTool] = useState<Tool>("cursor");
  const { labelId, chooseLabel, prepareTool, problemFor } = useDrawingLabel(input.labels, tool, input);
  const [lastDrawingTool, setLastDrawingTool] = useState<DrawableType>("rectangle");
  const [drawAs, setDrawAs] = useState<DrawAs>("shape");
  const [drawing, setDrawing] = useState<DrawingState | null>(null);
  // `?defaultPointsCount=N` fixes the number of points of polygons, polylines and points (CVAT's link parameter).
  const [options, setOptions] = useState<DrawingOptions>(() => {
    const count = parseJobLink(window.location.search).params.defaultPointsCount;
    return count === undefined ? DEFAULT_DRAWING_OPTIONS : withDefaultPointsCount(DEFAULT_DRAWING_OPTIONS, count);
  });

  /** A tool button draws shapes; the drawing options' Track button tracks. */
  const chooseTool = (next: Tool, as: DrawAs = "shape") => {
    if (!prepareTool(next)) return;
    setTool(next);
    setDrawing(isDrawingTool(next) ? startDrawing(next, options) : null);
    input.resetMode();
    if (isDrawingTool(next)) {
      setLastDrawingTool(next);
      setDrawAs(as);
      store.clearSelection();
    }
  };

  const createDrawn = (shape: DrawnShape) => {
    const problem = problemFor(shape.type);
    if (labelId === null || problem !== null) {
      input.warn(`${problem ?? "Choose a label first."} The ${shape.type} was not added.`);
      return;
    }
    const points = fitShapeToImage(shape.type, shape.points, 0, input.imageSize);
    if (points === null) {
      input.warn("The shape is too small or outside the image, so it was not added.");
      return;
    }
    const zOrder = input.newShapeZOrder;
    const object = { type: shape.type, frame: at.frame, labelId, points, ...(zOrder === undefined ? {} : { zOrder }) };
    // A track's first keyframe is the drawn shape; it shows on the following frames until edited.
    createObject(store, drawAs === "track" ? { kind: "track", ...object } : { kind: "shape", ...object }, at);
  };

  return {
    tool,
    drawing,
    setDrawing,
    drawAs,
    options,
    lastDrawingTool,
    chooseTool,
    createDrawn,
    labelId,
    chooseLabel,
    addTag: () => {
      const problem = problemFor("tag");
      if (labelId === null || problem !== null) {
        input.warn(`${problem ?? "Choose a label first."} The tag was not added.`);
        return;
      }
      createObject(store, { kind: "tag", frame: at.frame, labelId });
    },
    /** N while drawing: the drawing finished, if it can be. */
    finish: () => {
      if (drawing === null) return;
      const step = finishDrawing(drawing);
      setDrawing(step.state);
      if (step.drawn) createDrawn(step.drawn);
      if (step.refusal) input.warn(step.refusal);
    },
    /** N otherwise: the last tool again, drawing what it drew (a shape or a track). */
    drawAgain: () => chooseTool(lastDrawingTool, drawAs),
    /** Escape: the drawing's points dropped; false when there were none. */
    dropProgress: () => {
      if (drawing === null || !hasProgress(drawing)) return false;
      setDrawing(restartDrawing(drawing));
      return true;
    },
    /** Another frame: what was half drawn belonged to the old one. */
    restart: () => setDrawing((current) => (current === null ? null : restartDrawing(current))),
    changeOptions: (next: DrawingOptions) => {
      setOptions(next);
      if (drawing !== null) setDrawing(startDrawing(drawing.type, next));
    },
  };
}
