// The handles of the selected shape on the top layer, in image space: white vertex dots, square
// resize handles and the round rotation handle on its stalk. Sized in screen px at any zoom; they
// do not listen, because the canvas hit-tests them through the engine (pickHandle).
import { Circle, Group, Line, Rect } from "react-konva";
import type { EditHandle } from "../../engine/geometry/editHandles";

export interface EditHandlesProps {
  handles: readonly EditHandle[];
  color: string;
  /** Handle radius in CSS px (the "control points size" setting). */
  radius: number;
  /** CSS px per image px. */
  scale: number;
}

export function EditHandles({ handles, color, radius, scale }: EditHandlesProps) {
  const r = radius / scale;
  const top = handles.find((h) => h.kind === "resize" && h.handle === "n");
  const common = { stroke: color, strokeWidth: 1.5, strokeScaleEnabled: false, listening: false, perfectDrawEnabled: false };
  return (
    <Group listening={false}>
      {handles.map((handle) => {
        switch (handle.kind) {
          case "vertex":
            return <Circle key={`v${handle.index}`} x={handle.point.x} y={handle.point.y} radius={r} fill="#ffffff" {...common} />;
          case "resize":
            return (
              <Rect
                key={handle.handle}
                x={handle.point.x - r}
                y={handle.point.y - r}
                width={2 * r}
                height={2 * r}
                fill="#ffffff"
                {...common}
              />
            );
          case "rotate":
            return (
              <Group key="rotate" listening={false}>
                {top && <Line points={[top.point.x, top.point.y, handle.point.x, handle.point.y]} {...common} />}
                <Circle x={handle.point.x} y={handle.point.y} radius={r * 1.2} fill={color} {...common} stroke="#ffffff" />
              </Group>
            );
        }
      })}
    </Group>
  );
}
