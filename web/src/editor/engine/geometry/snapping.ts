/**
 * Snapping helpers for drawing and dragging: to the image grid of the "grid" setting and to the
 * nearest existing vertex.
 */
import { type FlatPoints, type ImagePoint, imagePoint } from "./coords";
import { nearestVertex } from "./polyMath";

/** Snap to the nearest grid crossing; the grid starts at the image origin with `size` px cells. */
export function snapToGrid(p: ImagePoint, size: number): ImagePoint {
  if (!(size > 0)) return p;
  return imagePoint(Math.round(p.x / size) * size, Math.round(p.y / size) * size);
}

export type VertexSnap<Key> = { readonly shape: Key; readonly index: number; readonly point: ImagePoint };

/** The nearest vertex of any candidate contour within `maxDistance` image px; `null` if none is that close. */
export function snapToVertex<Key>(
  p: ImagePoint,
  contours: readonly { readonly key: Key; readonly points: FlatPoints }[],
  maxDistance: number,
): VertexSnap<Key> | null {
  let best: (VertexSnap<Key> & { distance: number }) | null = null;
  for (const contour of contours) {
    const vertex = nearestVertex(contour.points, p);
    if (vertex === null || vertex.distance > maxDistance) continue;
    if (best === null || vertex.distance < best.distance) {
      best = {
        shape: contour.key,
        index: vertex.index,
        point: imagePoint(contour.points[2 * vertex.index], contour.points[2 * vertex.index + 1]),
        distance: vertex.distance,
      };
    }
  }
  return best === null ? null : { shape: best.shape, index: best.index, point: best.point };
}
