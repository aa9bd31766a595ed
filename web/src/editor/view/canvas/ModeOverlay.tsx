// What the current tool or mode draws over the shapes, in image space on the top layer: the shape
// being drawn and its clicked points, the border being followed, the shapes collected in group
// mode, and a Shift+click edit's new path and the candidate parts to keep.
import { useMemo } from "react";
import type { ShapeObject } from "../../engine/document/model";
import type { ImagePoint } from "../../engine/geometry/coords";
import { clickedPoints, previewPoints, type BorderVertex, type DrawingState } from "../drawingTool";
import { ShapeNode } from "../ShapeNode";
import type { CanvasMode } from "./canvasMode";
import { pathEditAddedPoints, pathEditPreview } from "./pathEdit";

/** The colour that marks shapes collected in group mode (and edited paths, followed borders). */
export const GROUP_HIGHLIGHT = "#ff2bd6";
const CANDIDATE_COLORS = ["#36cfc9", "#ffa940"] as const;

export interface ModeOverlayProps {
  drawing: DrawingState | null;
  drawingColor: string;
  /** CSS px per image px. */
  scale: number;
  borderHover: { vertex: BorderVertex; point: ImagePoint } | null;
  mode: CanvasMode;
  /** The frame's drawn shapes (group mode highlights some of them). */
  shapes: readonly ShapeObject[];
  /** The shape a Shift+click edit works on. */
  editedShape: ShapeObject | undefined;
}

export function ModeOverlay({ drawing, drawingColor, scale, borderHover, mode, shapes, editedShape }: ModeOverlayProps) {
  const preview = drawing === null ? [] : previewPoints(drawing);
  const clicked = drawing === null ? [] : clickedPoints(drawing);
  const groupIds = mode.kind === "group" ? mode.ids : null;
  const grouped = useMemo(() => {
    if (groupIds === null) return [];
    const ids = new Set(groupIds);
    return shapes.filter((shape) => ids.has(shape.clientId));
  }, [shapes, groupIds]);
  const editedPath = mode.kind === "pathEdit" && editedShape !== undefined ? pathEditPreview(mode.edit, editedShape.points) : [];
  const candidates = mode.kind === "pathEdit" && mode.edit.kind === "choose" ? mode.edit.candidates : [];
  const addedPoints = mode.kind === "pathEdit" ? pathEditAddedPoints(mode.edit) : [];
  return (
    <>
      {drawing !== null && preview.length > 0 && (
        <ShapeNode type={drawing.type} points={preview} rotation={0} color={drawingColor} scale={scale} preview />
      )}
      {clicked.length > 0 && (
        <ShapeNode type="points" points={clicked} rotation={0} color={drawingColor} scale={scale} preview />
      )}
      {drawing !== null && borderHover !== null && (
        <>
          <ShapeNode
            type={borderHover.vertex.contour.closed ? "polygon" : "polyline"}
            points={borderHover.vertex.contour.points}
            rotation={0}
            color={GROUP_HIGHLIGHT}
            scale={scale}
            preview
            fillOpacity={0}
          />
          <ShapeNode
            type="points"
            points={[borderHover.point.x, borderHover.point.y]}
            rotation={0}
            color={GROUP_HIGHLIGHT}
            scale={scale / 2}
            selected
          />
        </>
      )}
      {grouped.map((shape) => (
        <ShapeNode
          key={shape.clientId}
          type={shape.type}
          points={shape.points}
          rotation={shape.rotation}
          color={GROUP_HIGHLIGHT}
          scale={scale}
          selected
          fillOpacity={0.35}
        />
      ))}
      {editedPath.length >= 4 && (
        <ShapeNode type="polyline" points={editedPath} rotation={0} color={GROUP_HIGHLIGHT} scale={scale} preview />
      )}
      {addedPoints.length > 0 && (
        <ShapeNode type="points" points={addedPoints} rotation={0} color={GROUP_HIGHLIGHT} scale={scale} preview />
      )}
      {candidates.map((candidate, index) => (
        <ShapeNode
          key={index}
          type="polygon"
          points={candidate}
          rotation={0}
          color={CANDIDATE_COLORS[index] ?? GROUP_HIGHLIGHT}
          scale={scale}
          preview
          fillOpacity={0.3}
        />
      ))}
    </>
  );
}
