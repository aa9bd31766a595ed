/**
 * Windowing for long lists: which rows a scrolled viewport shows, so that only those are mounted.
 * Rows may differ in height (an expanded card); offsets are prefix sums of the heights.
 */

export interface RowRange {
  /** First row to mount. */
  readonly start: number;
  /** One past the last row to mount. */
  readonly end: number;
}

/** `offsets[i]` = top of row i; `offsets[count]` = the list's total height. */
export function rowOffsets(count: number, heightOf: (index: number) => number): number[] {
  const offsets = new Array<number>(count + 1);
  offsets[0] = 0;
  for (let i = 0; i < count; i += 1) offsets[i + 1] = offsets[i] + heightOf(i);
  return offsets;
}

/** The rows that intersect [scrollTop, scrollTop + height), widened by `overscan` rows each way. */
export function visibleRows(offsets: readonly number[], scrollTop: number, height: number, overscan = 3): RowRange {
  const count = offsets.length - 1;
  if (count <= 0) return { start: 0, end: 0 };
  const first = rowAt(offsets, Math.max(0, scrollTop));
  const last = rowAt(offsets, Math.max(0, scrollTop + height - 1));
  return { start: Math.max(0, first - overscan), end: Math.min(count, last + 1 + overscan) };
}

/** The scroll position that brings row `index` fully into view, or null when it already is. */
export function revealRow(offsets: readonly number[], index: number, scrollTop: number, height: number): number | null {
  if (index < 0 || index >= offsets.length - 1) return null;
  const top = offsets[index];
  const bottom = offsets[index + 1];
  if (top < scrollTop) return top;
  if (bottom > scrollTop + height) return Math.max(0, Math.min(top, bottom - height));
  return null;
}

/** The row containing position `y` (the last row for positions past the end). */
function rowAt(offsets: readonly number[], y: number): number {
  let low = 0;
  let high = offsets.length - 2;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if (offsets[middle] <= y) low = middle;
    else high = middle - 1;
  }
  return low;
}
