/**
 * Polygon and polyline simplification. `simplifyToCount` reduces a contour to N points with
 * Visvalingam–Whyatt (repeatedly drop the vertex whose triangle with its neighbours has the
 * smallest area) — the natural algorithm for a target *count*, used for the "number of points in
 * polygon approximation" setting. `simplifyWithTolerance` is Douglas–Peucker with a distance
 * tolerance in image pixels, for an accuracy-style setting.
 */
import type { FlatPoints } from "./coords";
import { pointCount } from "./coords";

function triangleArea(flat: FlatPoints, a: number, b: number, c: number): number {
  const ax = flat[2 * a];
  const ay = flat[2 * a + 1];
  return Math.abs((flat[2 * b] - ax) * (flat[2 * c + 1] - ay) - (flat[2 * c] - ax) * (flat[2 * b + 1] - ay)) / 2;
}

type HeapEntry = { area: number; index: number; stamp: number };

/** A small binary min-heap ordered by area, then index (so results are deterministic). */
class MinHeap {
  private readonly items: HeapEntry[] = [];

  get size(): number {
    return this.items.length;
  }

  private less(a: HeapEntry, b: HeapEntry): boolean {
    return a.area < b.area || (a.area === b.area && a.index < b.index);
  }

  push(entry: HeapEntry): void {
    const items = this.items;
    items.push(entry);
    let i = items.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.less(items[i], items[parent])) break;
      [items[i], items[parent]] = [items[parent], items[i]];
      i = parent;
    }
  }

  pop(): HeapEntry | undefined {
    const items = this.items;
    if (items.length === 0) return undefined;
    const top = items[0];
    const last = items.pop() as HeapEntry;
    if (items.length > 0) {
      items[0] = last;
      let i = 0;
      for (;;) {
        const left = 2 * i + 1;
        const right = left + 1;
        let smallest = i;
        if (left < items.length && this.less(items[left], items[smallest])) smallest = left;
        if (right < items.length && this.less(items[right], items[smallest])) smallest = right;
        if (smallest === i) break;
        [items[i], items[smallest]] = [items[smallest], items[i]];
        i = smallest;
      }
    }
    return top;
  }
}

/**
 * Reduce a contour to `target` points (Visvalingam–Whyatt), keeping the original order and
 * never going below 3 points for a closed contour or 2 for an open one. A polyline keeps both ends.
 */
export function simplifyToCount(flat: FlatPoints, target: number, closed: boolean): number[] {
  const n = pointCount(flat);
  const floor = closed ? 3 : 2;
  const keep = Math.max(floor, Math.floor(target));
  if (n <= keep) return [...flat.slice(0, 2 * n)];

  const prev = new Int32Array(n);
  const next = new Int32Array(n);
  const stamp = new Int32Array(n);
  const removed = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    prev[i] = i === 0 ? (closed ? n - 1 : -1) : i - 1;
    next[i] = i === n - 1 ? (closed ? 0 : -1) : i + 1;
  }
  const heap = new MinHeap();
  const removable = (i: number) => prev[i] !== -1 && next[i] !== -1;
  for (let i = 0; i < n; i++) {
    if (removable(i)) heap.push({ area: triangleArea(flat, prev[i], i, next[i]), index: i, stamp: 0 });
  }

  let remaining = n;
  while (remaining > keep && heap.size > 0) {
    const entry = heap.pop() as HeapEntry;
    const i = entry.index;
    if (removed[i] || entry.stamp !== stamp[i]) continue; // stale: the vertex's area changed
    removed[i] = 1;
    remaining--;
    const p = prev[i];
    const q = next[i];
    next[p] = q;
    prev[q] = p;
    for (const j of [p, q]) {
      if (!removable(j)) continue;
      stamp[j]++;
      // Never let a neighbour's area fall below the removed one, so removal order stays monotonic.
      const area = Math.max(entry.area, triangleArea(flat, prev[j], j, next[j]));
      heap.push({ area, index: j, stamp: stamp[j] });
    }
  }

  const out: number[] = [];
  for (let i = 0; i < n; i++) if (!removed[i]) out.push(flat[2 * i], flat[2 * i + 1]);
  return out;
}

function segmentDistance(flat: FlatPoints, p: number, a: number, b: number): number {
  const ax = flat[2 * a];
  const ay = flat[2 * a + 1];
  const dx = flat[2 * b] - ax;
  const dy = flat[2 * b + 1] - ay;
  const px = flat[2 * p] - ax;
  const py = flat[2 * p + 1] - ay;
  const lengthSquared = dx * dx + dy * dy;
  if (lengthSquared === 0) return Math.hypot(px, py);
  const t = Math.max(0, Math.min(1, (px * dx + py * dy) / lengthSquared));
  return Math.hypot(px - t * dx, py - t * dy);
}

/** Douglas–Peucker on the open run first … last; marks the vertices to keep. */
function markDouglasPeucker(flat: FlatPoints, first: number, last: number, tolerance: number, keep: Uint8Array): void {
  const stack: [number, number][] = [[first, last]];
  while (stack.length > 0) {
    const [a, b] = stack.pop() as [number, number];
    let farthest = -1;
    let distance = tolerance;
    for (let i = a + 1; i < b; i++) {
      const d = segmentDistance(flat, i, a, b);
      if (d > distance) {
        distance = d;
        farthest = i;
      }
    }
    if (farthest !== -1) {
      keep[farthest] = 1;
      stack.push([a, farthest], [farthest, b]);
    }
  }
}

/**
 * Drop vertices that lie within `tolerance` image px of the simplified line (Douglas–Peucker).
 * A closed contour is split at the vertex farthest from its first one, so it never collapses
 * below a triangle unless it is (nearly) flat.
 */
export function simplifyWithTolerance(flat: FlatPoints, tolerance: number, closed: boolean): number[] {
  const n = pointCount(flat);
  if (n <= (closed ? 3 : 2)) return [...flat.slice(0, 2 * n)];
  const keep = new Uint8Array(n);
  keep[0] = 1;
  if (closed) {
    let far = 1;
    let farDistance = -1;
    for (let i = 1; i < n; i++) {
      const d = Math.hypot(flat[2 * i] - flat[0], flat[2 * i + 1] - flat[1]);
      if (d > farDistance) {
        farDistance = d;
        far = i;
      }
    }
    keep[far] = 1;
    // The closing run goes from `far` to the end and back to 0: work on a copy with vertex 0 appended.
    const extended = [...flat.slice(0, 2 * n), flat[0], flat[1]];
    const keepExtended = new Uint8Array(n + 1);
    markDouglasPeucker(extended, 0, far, tolerance, keepExtended);
    markDouglasPeucker(extended, far, n, tolerance, keepExtended);
    for (let i = 1; i < n; i++) if (keepExtended[i]) keep[i] = 1;
  } else {
    keep[n - 1] = 1;
    markDouglasPeucker(flat, 0, n - 1, tolerance, keep);
  }
  const out: number[] = [];
  for (let i = 0; i < n; i++) if (keep[i]) out.push(flat[2 * i], flat[2 * i + 1]);
  return out;
}
