// The frame's visible shapes in drawing order, in image space (inside the viewport group).
import { memo } from "react";
import type { ClientId, ShapeObject } from "../engine/document/model";
import type { Appearance } from "./appearance";
import { ShapeNode } from "./ShapeNode";

export interface ShapeLayerProps {
  shapes: readonly ShapeObject[];
  selectedIds: readonly ClientId[];
  colorOf: (shape: ShapeObject) => string;
  appearance: Appearance;
  /** CSS px per image px. */
  scale: number;
}

export const ShapeLayer = memo(function ShapeLayer({ shapes, selectedIds, colorOf, appearance, scale }: ShapeLayerProps) {
  const selected = new Set(selectedIds);
  return (
    <>
      {shapes.map((shape) => (
        <ShapeNode
          key={shape.clientId}
          type={shape.type}
          points={shape.points}
          rotation={shape.rotation}
          color={colorOf(shape)}
          scale={scale}
          selected={selected.has(shape.clientId)}
          occluded={shape.occluded}
          fillOpacity={selected.has(shape.clientId) ? appearance.selectedOpacity : appearance.opacity}
          outlineColor={appearance.outlined ? appearance.outlineColor : undefined}
          projections={appearance.showProjections}
        />
      ))}
    </>
  );
});
