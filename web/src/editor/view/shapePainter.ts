/**
 * Paints shapes at rest straight onto a 2D context, looking as ShapeNode draws an unselected shape
 * (fill, then a border of 2 screen px, dashed when occluded; vertex dots for points; a cuboid's
 * front face filled, its 12 edges, and its projection lines when asked). Used for the
 * resting layer instead of one Konva node per shape: creating and destroying 3,000 nodes was most
 * of a frame switch on the benchmark (bench/editor_render), and drawing needs none of them.
 */
import type { ShapeObject } from "../engine/document/model";
import { cuboidEdges, cuboidFrontFace, cuboidProjections, isCuboid, type Segment } from "../engine/geometry/cuboid";
import { ellipseRadii } from "../engine/geometry/shapes";
import { withAlpha } from "./colors";

/** The part of CanvasRenderingContext2D the painter uses (a recording fake in tests). */
export type PaintContext = Pick<
  CanvasRenderingContext2D,
  | "beginPath"
  | "moveTo"
  | "lineTo"
  | "closePath"
  | "rect"
  | "ellipse"
  | "arc"
  | "fill"
  | "stroke"
  | "save"
  | "restore"
  | "translate"
  | "rotate"
  | "setLineDash"
  | "fillStyle"
  | "strokeStyle"
  | "lineWidth"
>;

export interface PaintedShape {
  readonly shape: ShapeObject;
  readonly color: string;
}

export interface PaintStyle {
  /** CSS px per image px the strokes and dots are sized for (the context draws in image units). */
  readonly strokeScale: number;
  /** Fill opacity, 0–1. */
  readonly fillOpacity: number;
  /** One border colour for every shape (outlined borders); each shape's colour when absent. */
  readonly outlineColor?: string;
  /** Cuboids' projection lines (the Appearance panel's "Show projections"). */
  readonly showProjections?: boolean;
}

const STROKE_PX = 2;
const DASH_PX: readonly [number, number] = [6, 4];
const DOT_RADIUS_PX = 4;
const DOT_OUTLINE_PX = 1;
const DOT_OUTLINE_COLOR = "#ffffff";
const PROJECTION_PX = 1;
const PROJECTION_DASH_PX: readonly [number, number] = [4, 4];

/** Paints `shapes` in order (later on top). Types ShapeNode does not draw yet are skipped too. */
export function paintShapes(ctx: PaintContext, shapes: readonly PaintedShape[], style: PaintStyle): void {
  const scale = style.strokeScale;
  const dash = DASH_PX.map((px) => px / scale);
  // 3,000 shapes usually share a handful of colours: build each rgba() string once.
  const fills = new Map<string, string>();
  const fillOf = (color: string) => {
    let fill = fills.get(color);
    if (fill === undefined) {
      fill = withAlpha(color, style.fillOpacity);
      fills.set(color, fill);
    }
    return fill;
  };
  let dashed = false;
  const setDashed = (on: boolean) => {
    if (on === dashed) return;
    ctx.setLineDash(on ? dash : []);
    dashed = on;
  };
  for (const { shape, color } of shapes) {
    const border = style.outlineColor ?? color;
    switch (shape.type) {
      case "polygon":
      case "polyline":
        if (!tracePath(ctx, shape.points, shape.type === "polygon")) break;
        setDashed(shape.occluded);
        fillAndStroke(ctx, shape.type === "polygon" ? fillOf(color) : null, border, STROKE_PX / scale);
        break;
      case "rectangle": {
        const [xtl, ytl, xbr, ybr] = shape.points;
        const width = xbr - xtl;
        const height = ybr - ytl;
        ctx.save();
        // About the centre, as the server stores the rotation.
        ctx.translate(xtl + width / 2, ytl + height / 2);
        if (shape.rotation) ctx.rotate((shape.rotation * Math.PI) / 180);
        ctx.beginPath();
        ctx.rect(-width / 2, -height / 2, width, height);
        ctx.restore();
        setDashed(shape.occluded);
        fillAndStroke(ctx, fillOf(color), border, STROKE_PX / scale);
        break;
      }
      case "ellipse": {
        const { cx, cy, rx, ry } = ellipseRadii(shape.points);
        ctx.beginPath();
        ctx.ellipse(cx, cy, rx, ry, (shape.rotation * Math.PI) / 180, 0, 2 * Math.PI);
        setDashed(shape.occluded);
        fillAndStroke(ctx, fillOf(color), border, STROKE_PX / scale);
        break;
      }
      case "points":
        setDashed(false);
        paintDots(ctx, shape.points, color, scale);
        break;
      case "cuboid": {
        if (!isCuboid(shape.points) || !tracePath(ctx, cuboidFrontFace(shape.points), true)) break;
        setDashed(shape.occluded);
        ctx.fillStyle = fillOf(color);
        ctx.fill();
        traceSegments(ctx, cuboidEdges(shape.points));
        fillAndStroke(ctx, null, border, STROKE_PX / scale);
        if (style.showProjections) {
          traceSegments(ctx, cuboidProjections(shape.points));
          ctx.setLineDash(PROJECTION_DASH_PX.map((px) => px / scale));
          dashed = true; // a dash of its own: the next shape sets its dash again
          fillAndStroke(ctx, null, border, PROJECTION_PX / scale);
          setDashed(false);
        }
        break;
      }
      default:
        // Masks and skeletons are kept and saved, but not drawn yet (as in ShapeNode).
        break;
    }
  }
  setDashed(false);
}

function tracePath(ctx: PaintContext, points: readonly number[], closed: boolean): boolean {
  if (points.length < 4) return false;
  ctx.beginPath();
  ctx.moveTo(points[0]!, points[1]!);
  for (let i = 2; i + 1 < points.length; i += 2) ctx.lineTo(points[i]!, points[i + 1]!);
  if (closed) ctx.closePath();
  return true;
}

function traceSegments(ctx: PaintContext, segments: readonly Segment[]): void {
  ctx.beginPath();
  for (const [x1, y1, x2, y2] of segments) {
    ctx.moveTo(x1, y1);
    ctx.lineTo(x2, y2);
  }
}

function fillAndStroke(ctx: PaintContext, fill: string | null, stroke: string, width: number): void {
  if (fill !== null) {
    ctx.fillStyle = fill;
    ctx.fill();
  }
  ctx.strokeStyle = stroke;
  ctx.lineWidth = width;
  ctx.stroke();
}

function paintDots(ctx: PaintContext, points: readonly number[], color: string, scale: number): void {
  const radius = DOT_RADIUS_PX / scale;
  ctx.fillStyle = color;
  ctx.strokeStyle = DOT_OUTLINE_COLOR;
  ctx.lineWidth = DOT_OUTLINE_PX / scale;
  for (let i = 0; i + 1 < points.length; i += 2) {
    ctx.beginPath();
    ctx.arc(points[i]!, points[i + 1]!, radius, 0, 2 * Math.PI);
    ctx.closePath();
    ctx.fill();
    ctx.stroke();
  }
}
