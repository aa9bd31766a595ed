// Object text on the canvas (Workspace settings): label, id, source, size and attributes beside
// the selected object, or beside every object with "Always show object details". Drawn in screen
// space on the top layer, so the text keeps its font size at any zoom and rotation.
import { Text } from "react-konva";
import type { EditorStore } from "../../engine/document/editorStore";
import type { ClientId, ShapeObject } from "../../engine/document/model";
import { imagePoint } from "../../engine/geometry/coords";
import { boundingBox } from "../../engine/geometry/shapes";
import { imageToScreen, type Viewport } from "../../engine/geometry/viewport";
import type { TextContent, TextPosition } from "../../../lib/settings";
import { useSelectedIds } from "../useSelection";
import { displayId, objectTextLines, type TextLabel } from "./objectText";

export interface ObjectTextSettings {
  readonly always: boolean;
  readonly content: readonly TextContent[];
  readonly position: TextPosition;
  readonly fontSize: number;
}

export interface ObjectTextLayerProps {
  shapes: readonly ShapeObject[];
  /** Whose selection is shown (the layer follows it itself). */
  store: EditorStore;
  viewport: Viewport;
  labels: ReadonlyMap<number, TextLabel>;
  serverIdOf: (id: ClientId) => number | undefined;
  settings: ObjectTextSettings;
}

/** Screen pixels between an object's box and its text. */
const GAP_PX = 4;

/** "Auto" position: right of the box, or left of it where the right would run off the canvas. */
function autoX(left: number, right: number, width: number, canvasWidth: number): number {
  return right + GAP_PX + width > canvasWidth && left - GAP_PX - width >= 0 ? left - GAP_PX - width : right + GAP_PX;
}

export function ObjectTextLayer({ shapes, store, viewport, labels, serverIdOf, settings }: ObjectTextLayerProps) {
  const selectedIds = useSelectedIds(store);
  const shown = settings.always ? shapes : shapes.filter((shape) => selectedIds.includes(shape.clientId));
  return (
    <>
      {shown.map((shape) => {
        const box = boundingBox(shape);
        if (box === null) return null;
        const lines = objectTextLines(
          { shape, label: labels.get(shape.labelId), id: displayId(serverIdOf(shape.clientId)), box },
          settings.content,
        );
        if (lines.length === 0) return null;
        const corners = [
          imageToScreen(viewport, imagePoint(box.xtl, box.ytl)),
          imageToScreen(viewport, imagePoint(box.xbr, box.ytl)),
          imageToScreen(viewport, imagePoint(box.xtl, box.ybr)),
          imageToScreen(viewport, imagePoint(box.xbr, box.ybr)),
        ];
        const left = Math.min(...corners.map((c) => c.x));
        const right = Math.max(...corners.map((c) => c.x));
        const top = Math.min(...corners.map((c) => c.y));
        const bottom = Math.max(...corners.map((c) => c.y));
        const text = lines.join("\n");
        const lineHeight = 1.2;
        const height = lines.length * settings.fontSize * lineHeight;
        const centered = settings.position === "center";
        const width = Math.max(...lines.map((line) => line.length)) * settings.fontSize * 0.62;
        return (
          <Text
            key={shape.clientId}
            name="object-text"
            text={text}
            x={centered ? (left + right) / 2 - width / 2 : autoX(left, right, width, viewport.canvasSize.width)}
            y={centered ? (top + bottom) / 2 - height / 2 : top}
            width={centered ? width : undefined}
            align={centered ? "center" : "left"}
            fontSize={settings.fontSize}
            lineHeight={lineHeight}
            fontFamily="system-ui, sans-serif"
            fill="#ffffff"
            stroke="#000000"
            strokeWidth={3}
            fillAfterStrokeEnabled
            listening={false}
            perfectDrawEnabled={false}
          />
        );
      })}
    </>
  );
}
