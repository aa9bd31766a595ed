// One annotation drawn in image space (inside the viewport group): strokes keep their screen width
// at any zoom, and nothing listens to Konva's own events, because picking goes through the engine.
import { memo } from "react";
import type Konva from "konva";
import { Circle, Ellipse, Group, Line, Rect, Shape } from "react-konva";
import { cuboidEdges, cuboidFrontFace, cuboidProjections, isCuboid, type Segment } from "../engine/geometry/cuboid";
import { ellipseRadii, rectangleCorners } from "../engine/geometry/shapes";
import { toFlatPoints, type FlatPoints } from "../engine/geometry/coords";
import type { ShapeType } from "../engine/document/model";
import { withAlpha } from "./colors";

export interface ShapeNodeProps {
  type: ShapeType;
  points: FlatPoints;
  rotation: number;
  color: string;
  /** CSS px per image px, to size vertex dots in screen pixels. */
  scale: number;
  selected?: boolean;
  occluded?: boolean;
  /** A shape being drawn: dashed, unfilled vertices shown. */
  preview?: boolean;
  /** Fill opacity, 0–1 (the Appearance panel's); defaults by selection. */
  fillOpacity?: number;
  /** Border colour when borders are outlined; the shape's colour otherwise. */
  outlineColor?: string;
  /** A cuboid's projection lines ("Show projections"). */
  projections?: boolean;
}

export const ShapeNode = memo(function ShapeNode({
  type,
  points,
  rotation,
  color,
  scale,
  selected = false,
  occluded = false,
  preview = false,
  fillOpacity,
  outlineColor,
  projections = false,
}: ShapeNodeProps) {
  const stroke = {
    stroke: outlineColor ?? color,
    // In image units (not strokeScaleEnabled=false), so that a shape cached into a bitmap at the
    // screen's scale keeps its screen width (see RestingShapes).
    strokeWidth: (selected ? 3 : 2) / scale,
    dash: occluded || preview ? [6 / scale, 4 / scale] : undefined,
    listening: false,
    perfectDrawEnabled: false,
  };
  const fill = withAlpha(color, fillOpacity ?? (selected ? 0.4 : preview ? 0.1 : 0.2));
  const dotRadius = (selected ? 5 : 4) / scale;
  const vertices = (selected || preview || type === "points") && (
    <VertexDots points={points} radius={dotRadius} color={color} outline={1 / scale} />
  );
  switch (type) {
    case "rectangle": {
      const [xtl, ytl, xbr, ybr] = points;
      const width = xbr - xtl;
      const height = ybr - ytl;
      // Rotation is about the centre, as the server stores it.
      const corners = selected ? toFlatPoints(rectangleCorners(points, rotation)) : [];
      return (
        <Group listening={false}>
          <Rect
            x={xtl + width / 2}
            y={ytl + height / 2}
            offsetX={width / 2}
            offsetY={height / 2}
            width={width}
            height={height}
            rotation={rotation}
            fill={fill}
            {...stroke}
          />
          {selected && <VertexDots points={corners} radius={dotRadius} color={color} outline={1 / scale} />}
        </Group>
      );
    }
    case "ellipse": {
      const { cx, cy, rx, ry } = ellipseRadii(points);
      return <Ellipse x={cx} y={cy} radiusX={rx} radiusY={ry} rotation={rotation} fill={fill} {...stroke} />;
    }
    case "polygon":
    case "polyline":
      return (
        <Group listening={false}>
          <Line points={[...points]} closed={type === "polygon"} fill={type === "polygon" ? fill : undefined} {...stroke} />
          {vertices}
        </Group>
      );
    case "points":
      return <Group listening={false}>{vertices}</Group>;
    case "cuboid":
      if (!isCuboid(points)) return null;
      return (
        <Group listening={false}>
          <Line points={cuboidFrontFace(points)} closed fill={fill} strokeEnabled={false} listening={false} perfectDrawEnabled={false} />
          <Segments segments={cuboidEdges(points)} {...stroke} />
          {projections && (
            <Segments segments={cuboidProjections(points)} {...stroke} strokeWidth={1 / scale} dash={[4 / scale, 4 / scale]} />
          )}
          {selected && <VertexDots points={points} radius={dotRadius} color={color} outline={1 / scale} />}
        </Group>
      );
    default:
      // Masks and skeletons are kept and saved, but not drawn yet.
      return null;
  }
});

/** Disjoint line segments as one node, stroked with the node's stroke. */
function Segments({ segments, ...stroke }: { segments: readonly Segment[] } & Konva.ShapeConfig) {
  return (
    <Shape
      {...stroke}
      sceneFunc={(context, shape) => {
        context.beginPath();
        for (const [x1, y1, x2, y2] of segments) {
          context.moveTo(x1, y1);
          context.lineTo(x2, y2);
        }
        context.strokeShape(shape);
      }}
    />
  );
}

function VertexDots({ points, radius, color, outline }: { points: FlatPoints; radius: number; color: string; outline: number }) {
  const dots = [];
  for (let i = 0; i + 1 < points.length; i += 2) {
    dots.push(
      <Circle
        key={i}
        x={points[i]}
        y={points[i + 1]}
        radius={radius}
        fill={color}
        stroke="#ffffff"
        strokeWidth={outline}
        listening={false}
        perfectDrawEnabled={false}
      />,
    );
  }
  return <>{dots}</>;
}
