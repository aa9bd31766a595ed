/** Tab / Shift+Tab: which object of the frame becomes active next, cycling through the list. */

/**
 * The id after (direction 1) or before (−1) `current` in `ids`, wrapping around; the first (or
 * last) when nothing of the list is active; null for an empty list.
 */
export function cycleObject<T>(ids: readonly T[], current: T | undefined, direction: 1 | -1): T | null {
  if (ids.length === 0) return null;
  const at = current === undefined ? -1 : ids.indexOf(current);
  if (at < 0) return ids[direction === 1 ? 0 : ids.length - 1]!;
  return ids[(at + direction + ids.length) % ids.length]!;
}
