// The image settings' grid over the frame: lines every `size` image pixels, one screen pixel wide.
import { Shape } from "react-konva";
import type { Size } from "../../engine/geometry/coords";
import { gridLines, type GridSettings } from "./imageSettings";

export function FrameGrid({ grid, imageSize }: { grid: GridSettings; imageSize: Size }) {
  return (
    <Shape
      listening={false}
      stroke={grid.color}
      strokeWidth={1}
      strokeScaleEnabled={false}
      opacity={grid.opacity / 100}
      perfectDrawEnabled={false}
      sceneFunc={(context, shape) => {
        context.beginPath();
        for (const x of gridLines(imageSize.width, grid.size)) {
          context.moveTo(x, 0);
          context.lineTo(x, imageSize.height);
        }
        for (const y of gridLines(imageSize.height, grid.size)) {
          context.moveTo(0, y);
          context.lineTo(imageSize.width, y);
        }
        context.strokeShape(shape);
      }}
    />
  );
}
