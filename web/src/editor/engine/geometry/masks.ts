/**
 * Masks in the editor: CVAT's run-length layout decoded to a bitmap and back, shapes rasterised to
 * masks and masks traced back to polygons, by the server's rules (contour/core/masks.py), which the
 * shared vectors in tests/vectors/masks.json pin on both sides.
 *
 * The rules, and why: a pixel (i, j) covers [i, i+1) × [j, j+1) and belongs to a shape when its centre
 * does (even-odd rule; an edge through a centre counts from the top and the left), so a rectangle
 * [0, 0, 10, 10] covers exactly 10×10 pixels and shapes sharing an edge never share a pixel. Outlines
 * follow pixel edges (not pixel centres, as OpenCV's contours do) because only those give an exact
 * round trip polygon → mask → polygon; polygons have no holes, so holes are dropped, and pixels that
 * meet only at a corner are separate parts. Bitmaps cover a shape's box, never the whole frame: a
 * job converts thousands of shapes, and a 4K frame per shape would be 8 MB each.
 */
import type { FlatPoints, Size } from "./coords";

/** Pixels of a box: `data[row * width + column]` is 1 for the foreground. */
export interface MaskBitmap {
  readonly left: number;
  readonly top: number;
  readonly width: number;
  readonly height: number;
  readonly data: Uint8Array;
}

/** Mask points that do not follow CVAT's layout (counts over the box, then left, top, right, bottom). */
export class MaskError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "MaskError";
  }
}

/** Decodes CVAT mask points: row-major runs over the inclusive box, starting with background. */
export function decodeMask(points: FlatPoints): MaskBitmap {
  const n = points.length;
  if (n < 5) throw new MaskError("A mask needs run lengths and a box.");
  const [left, top, right, bottom] = points.slice(n - 4);
  if (![left, top, right, bottom].every(Number.isInteger) || left < 0 || top < 0 || right < left || bottom < top) {
    throw new MaskError("The mask's box is not a box of whole pixels.");
  }
  const width = right - left + 1;
  const height = bottom - top + 1;
  const data = new Uint8Array(width * height);
  let at = 0;
  for (let i = 0; i < n - 4; i += 1) {
    const run = points[i];
    if (!Number.isInteger(run) || run < 0 || at + run > data.length) throw new MaskError("The mask's run lengths do not fit its box.");
    if (i % 2 === 1) data.fill(1, at, at + run);
    at += run;
  }
  if (at !== data.length) throw new MaskError("The mask's run lengths do not fill its box.");
  return { left, top, width, height, data };
}

/** The tight inclusive box `[left, top, right, bottom]` of the foreground; null when there is none. */
export function maskBounds(mask: MaskBitmap): [number, number, number, number] | null {
  let minX = Infinity;
  let maxX = -Infinity;
  let minY = -1;
  let maxY = -1;
  // Typed-array searches per row, not a test per pixel: a converter reads thousands of masks.
  for (let y = 0; y < mask.height; y += 1) {
    const row = mask.data.subarray(y * mask.width, (y + 1) * mask.width);
    const first = row.indexOf(1);
    if (first < 0) continue;
    minX = Math.min(minX, first);
    maxX = Math.max(maxX, row.lastIndexOf(1));
    if (minY < 0) minY = y;
    maxY = y;
  }
  if (maxY < 0) return null;
  return [mask.left + minX, mask.top + minY, mask.left + maxX, mask.top + maxY];
}

/** CVAT mask points over the foreground's tight box; null for an empty mask (CVAT stores none). */
export function encodeMask(mask: MaskBitmap): number[] | null {
  const bounds = maskBounds(mask);
  if (bounds === null) return null;
  const [left, top, right, bottom] = bounds;
  const runs: number[] = [];
  let value = 0;
  let run = 0;
  for (let y = top - mask.top; y <= bottom - mask.top; y += 1) {
    const from = y * mask.width + left - mask.left;
    const row = mask.data.subarray(from, from + right - left + 1);
    for (let at = 0; at < row.length; ) {
      const change = row.indexOf(1 - value, at);
      const end = change < 0 ? row.length : change;
      run += end - at;
      at = end;
      if (change >= 0) {
        runs.push(run);
        value = 1 - value;
        run = 0;
      }
    }
  }
  runs.push(run);
  return [...runs, left, top, right, bottom];
}

/**
 * Rasterises a polygon (flat points) over its box, clipped to the frame when its size is known.
 * Null when no pixel centre lies inside.
 */
export function rasterizePolygon(points: FlatPoints, frame: Size | null): MaskBitmap | null {
  const count = Math.floor(points.length / 2);
  if (count < 3) return null;
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (let i = 0; i < count; i += 1) {
    minX = Math.min(minX, points[2 * i]);
    maxX = Math.max(maxX, points[2 * i]);
    minY = Math.min(minY, points[2 * i + 1]);
    maxY = Math.max(maxY, points[2 * i + 1]);
  }
  if (![minX, minY, maxX, maxY].every(Number.isFinite)) return null;
  // Pixel i is sampled at i + 0.5: the first inside index of a span [a, b) is ceil(a − 0.5).
  const pixel = (value: number, limit: number) => Math.min(Math.max(Math.ceil(value - 0.5), 0), limit);
  const limitX = frame?.width ?? Infinity;
  const limitY = frame?.height ?? Infinity;
  const left = pixel(minX, limitX);
  const right = pixel(maxX, limitX);
  const top = pixel(minY, limitY);
  const bottom = pixel(maxY, limitY);
  if (right <= left || bottom <= top) return null;
  const width = right - left;
  const height = bottom - top;
  const crossings: number[][] = Array.from({ length: height }, () => []);
  for (let i = 0; i < count; i += 1) {
    const x0 = points[2 * i];
    const y0 = points[2 * i + 1];
    const x1 = points[(2 * i + 2) % (2 * count)];
    const y1 = points[(2 * i + 3) % (2 * count)];
    if (y0 === y1) continue;
    // Half-open in y, so a vertex shared by two edges is crossed once and every row pairs up.
    const first = pixel(Math.min(y0, y1), limitY);
    const stop = pixel(Math.max(y0, y1), limitY);
    for (let row = first; row < stop; row += 1) {
      crossings[row - top].push(x0 + ((row + 0.5 - y0) * (x1 - x0)) / (y1 - y0));
    }
  }
  const data = new Uint8Array(width * height);
  let any = false;
  crossings.forEach((xs, r) => {
    xs.sort((a, b) => a - b);
    for (let k = 0; k + 1 < xs.length; k += 2) {
      // Clamped to the box too: an interpolated x may stray an ulp past the extreme vertex.
      const begin = Math.max(pixel(xs[k], limitX), left);
      const end = Math.min(pixel(xs[k + 1], limitX), right);
      if (end <= begin) continue;
      data.fill(1, r * width + begin - left, r * width + end - left);
      any = true;
    }
  });
  return any ? { left, top, width, height, data } : null;
}

// Boundary edges run east, south, west, north (image space, y down); outer outlines run clockwise.
const STEP_X = [1, 0, -1, 0] as const;
const STEP_Y = [0, 1, 0, -1] as const;

/**
 * The outer outlines of the foreground as flat polygons along pixel edges, holes dropped: each starts
 * at its top-left corner, runs clockwise on screen and keeps only its corners; the topmost-leftmost
 * outline comes first. Rasterising them gives back the mask with its holes filled.
 */
export function maskOutlines(mask: MaskBitmap): number[][] {
  const bounds = maskBounds(mask);
  if (bounds === null) return [];
  const [x0, y0, x1, y1] = bounds;
  const width = x1 - x0 + 1;
  const height = y1 - y0 + 1;
  const fg = new Uint8Array(width * height);
  for (let y = 0; y < height; y += 1) {
    const from = (y + y0 - mask.top) * mask.width + x0 - mask.left;
    fg.set(mask.data.subarray(from, from + width), y * width);
  }
  const columns = width + 1;
  // Edge key = vertex * 4 + direction, vertices row-major over the (height+1)×(width+1) pixel corners;
  // keys ascend, so a ring's first edge met in key order is its smallest. One pass over the pixels
  // finds the sides of foreground pixels that face background (or the border).
  const edges = new Set<number>();
  for (let y = 0; y < height; y += 1) {
    for (let x = 0; x < width; x += 1) {
      const at = y * width + x;
      if (fg[at] === 0) continue;
      if (y === 0 || fg[at - width] === 0) edges.add((y * columns + x) * 4); // top side, heading east
      if (x === width - 1 || fg[at + 1] === 0) edges.add((y * columns + x + 1) * 4 + 1); // right side, south
      if (y === height - 1 || fg[at + width] === 0) edges.add(((y + 1) * columns + x + 1) * 4 + 2); // bottom, west
      if (x === 0 || fg[at - 1] === 0) edges.add(((y + 1) * columns + x) * 4 + 3); // left side, north
    }
  }
  const next = (key: number): number => {
    // Arithmetic, not bit operations: keys of a large mask pass 2^31.
    const direction = key % 4;
    const vertex = Math.floor(key / 4);
    const end = vertex + STEP_Y[direction] * columns + STEP_X[direction];
    // Where two pixels meet only at this corner, two edges leave it; turning with the outline
    // (direction + 1) keeps the pixels apart.
    const turn = end * 4 + ((direction + 1) % 4);
    if (edges.has(turn)) return turn;
    for (let d = 0; d < 4; d += 1) if (edges.has(end * 4 + d)) return end * 4 + d;
    throw new Error("A mask outline is not closed.");
  };
  const visited = new Set<number>();
  const polygons: number[][] = [];
  for (const head of [...edges].sort((a, b) => a - b)) {
    if (visited.has(head)) continue;
    const ring: number[] = [];
    for (let key = head; !visited.has(key); key = next(key)) {
      visited.add(key);
      ring.push(key);
    }
    const corners: number[] = [];
    ring.forEach((key, i) => {
      const previous = ring[(i + ring.length - 1) % ring.length];
      if (key % 4 === previous % 4) return;
      const vertex = Math.floor(key / 4);
      corners.push((vertex % columns) + x0, Math.floor(vertex / columns) + y0);
    });
    // Shoelace in image space: outer outlines (foreground on their right) are positive, holes negative.
    let twiceArea = 0;
    for (let i = 0; i < corners.length; i += 2) {
      const j = (i + 2) % corners.length;
      twiceArea += corners[i] * corners[j + 1] - corners[j] * corners[i + 1];
    }
    if (twiceArea > 0) polygons.push(corners);
  }
  return polygons;
}

/** The part of a mask inside a frame of `size` (old CVAT versions saved boxes a pixel too wide). */
export function cropMask(mask: MaskBitmap, size: Size): MaskBitmap {
  const width = Math.max(0, Math.min(mask.width, size.width - mask.left));
  const height = Math.max(0, Math.min(mask.height, size.height - mask.top));
  if (width === mask.width && height === mask.height) return mask;
  const data = new Uint8Array(width * height);
  for (let y = 0; y < height; y += 1) data.set(mask.data.subarray(y * mask.width, y * mask.width + width), y * width);
  return { left: mask.left, top: mask.top, width, height, data };
}
