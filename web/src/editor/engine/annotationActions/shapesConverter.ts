/**
 * CVAT's "Shapes converter" actions: masks, polygons and rectangles into one another, for the shapes
 * of the type that pass the filter. Each converted shape is replaced by new shapes (a type is not
 * something a saved shape changes) that keep its label, attributes, group, z-order, occlusion and
 * score. The pixel rules are the server's (geometry/masks.ts): a mask → polygon round trip is exact,
 * a mask of several parts becomes one polygon per part, and holes are dropped (polygons have none).
 * A shape whose label is of another type than the result stays: the server would refuse the result.
 */
import { labelAllows } from "../document/labelTypes";
import type { ShapeObject } from "../document/model";
import type { FlatPoints, Size } from "../geometry/coords";
import { toFlatPoints } from "../geometry/coords";
import { cropMask, decodeMask, encodeMask, maskBounds, maskOutlines, MaskError, rasterizePolygon } from "../geometry/masks";
import { rectangleCorners } from "../geometry/shapes";
import { filteredShapesOn, unlocked, type AnnotationAction, type FrameChanges, type ShapeValue, type SkipReason } from "./action";

export type ConvertibleType = "mask" | "polygon" | "rectangle";

/** The conversions CVAT's documentation lists, in its order. */
export const SHAPE_CONVERSIONS: readonly { readonly from: ConvertibleType; readonly to: ConvertibleType }[] = [
  { from: "mask", to: "polygon" },
  { from: "mask", to: "rectangle" },
  { from: "polygon", to: "mask" },
  { from: "polygon", to: "rectangle" },
  { from: "rectangle", to: "mask" },
  { from: "rectangle", to: "polygon" },
];

const PLURAL: Record<ConvertibleType, string> = { mask: "masks", polygon: "polygons", rectangle: "rectangles" };

/**
 * The points of the shapes `shape` becomes as a `to` (several for a mask of several parts; none when
 * nothing is left inside the frame). Throws MaskError for a mask whose points are not a mask.
 */
export function convertedPoints(shape: Pick<ShapeObject, "type" | "points" | "rotation">, to: ConvertibleType, frame: Size | null): number[][] {
  if (shape.type === "mask") {
    const decoded = decodeMask(shape.points);
    const mask = frame === null ? decoded : cropMask(decoded, frame);
    if (to === "polygon") return maskOutlines(mask);
    const bounds = maskBounds(mask);
    if (bounds === null) return [];
    const [left, top, right, bottom] = bounds;
    // The rectangle whose pixels (by their centres) are exactly the mask's box.
    return [[left, top, right + 1, bottom + 1]];
  }
  const outline: FlatPoints = shape.type === "rectangle" ? toFlatPoints(rectangleCorners(shape.points, shape.rotation)) : shape.points;
  if (to === "polygon") return [[...outline]];
  if (to === "rectangle") {
    // A loop, not Math.min(...xs): a traced polygon may have more points than a call takes arguments.
    const box = [Infinity, Infinity, -Infinity, -Infinity];
    for (let i = 0; i + 1 < outline.length; i += 2) {
      box[0] = Math.min(box[0], outline[i]);
      box[1] = Math.min(box[1], outline[i + 1]);
      box[2] = Math.max(box[2], outline[i]);
      box[3] = Math.max(box[3], outline[i + 1]);
    }
    return box[2] > box[0] && box[3] > box[1] ? [box] : [];
  }
  const raster = rasterizePolygon(outline, frame);
  const points = raster === null ? null : encodeMask(raster);
  return points === null ? [] : [points];
}

/** The action converting every filtered `from` shape of a frame into `to` shapes. */
export function shapesConverter(from: ConvertibleType, to: ConvertibleType): AnnotationAction {
  return {
    id: `convert-${from}-to-${to}`,
    label: `Shapes converter: ${PLURAL[from]} to ${PLURAL[to]}`,
    description: `Replaces the ${PLURAL[from]} that pass the filter with ${PLURAL[to]}.`,
    usesFilter: true,
    *onFrame(context, frame) {
      const candidates = filteredShapesOn(context, frame).filter((shape) => shape.type === from);
      const { shapes, locked } = unlocked(context, candidates);
      if (locked > 0) yield skipped("locked", locked);
      const size = context.frameSize(frame);
      // One piece per shape: converting a big mask takes milliseconds, and a frame may hold thousands.
      for (const shape of shapes) {
        if (!labelAllows(context.labelType(shape.labelId), to)) {
          yield skipped("label");
          continue;
        }
        let results: number[][];
        try {
          results = convertedPoints(shape, to, size);
        } catch (error) {
          if (!(error instanceof MaskError)) throw error;
          yield skipped("invalid");
          continue;
        }
        if (results.length === 0) yield skipped("empty");
        else yield { deleted: [shape.clientId], created: results.map((points) => convertedShape(shape, to, points)), skipped: {} };
      }
    },
  };
}

function skipped(reason: SkipReason, count = 1): FrameChanges {
  return { deleted: [], created: [], skipped: { [reason]: count } };
}

function convertedShape(shape: ShapeObject, type: ConvertibleType, points: number[]): ShapeValue {
  const { clientId: _replaced, ...kept } = shape;
  return {
    ...kept,
    type,
    points,
    // The rotation is in the points now (rectangle → polygon), or the result is axis-aligned.
    rotation: 0,
    elements: [],
    // Server fields of the old shape do not describe the new one.
    extras: {},
    // As for an edit (commands.ts): geometry the editor changed is no longer purely automatic.
    source: shape.source === "auto" ? "semi-auto" : shape.source,
  };
}

/** Every converter, in SHAPE_CONVERSIONS' order. */
export const SHAPES_CONVERTERS: readonly AnnotationAction[] = SHAPE_CONVERSIONS.map(({ from, to }) => shapesConverter(from, to));
