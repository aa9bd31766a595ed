"""Polygon and polyline interpolation between two keyframes by vertex correspondence (CVAT's algorithm).

The editor must reproduce these numbers bit for bit (tests/vectors/interpolation.json), so every
float operation below is written in the order a TypeScript port performs it: squares are `d * d`
(never `**`, whose libm `pow` may differ by an ulp), lengths are summed edge by edge from the start.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

Point = tuple[float, float]


def interpolate_polyshape(left: Sequence[float], right: Sequence[float], t: float, *, closed: bool) -> list[float]:
    """The curve at `t` (0 < t < 1) between flat point lists `left` and `right`; `closed` for polygons."""
    left_points, right_points = _pairs(left), _pairs(right)
    if closed:
        # A polygon is treated as the polyline that returns to its first vertex, so the closing edge
        # counts in the arc length; the duplicated vertex is dropped from the result again.
        left_points.append(left_points[0])
        right_points.append(right_points[0])
    matching = _match(_arc_offsets(left_points), _arc_offsets(right_points))
    moved = [[_lerp(left_points[i], right_points[j], t) for j in matched] for i, matched in enumerate(matching)]
    reduced = _thin(moved, matching, left_points, right_points)
    if closed:
        reduced.pop()
    return [coordinate for point in reduced for coordinate in point]


def _pairs(flat: Sequence[float]) -> list[Point]:
    if not flat or len(flat) % 2:
        raise ValueError(f"a polygon or polyline needs a non-empty, even number of coordinates, got {len(flat)}")
    return [(float(flat[i]), float(flat[i + 1])) for i in range(0, len(flat), 2)]


def _distance(a: Point, b: Point) -> float:
    dx, dy = a[0] - b[0], a[1] - b[1]
    return math.sqrt(dx * dx + dy * dy)


def _length(points: Sequence[Point]) -> float:
    total = 0.0
    for i in range(1, len(points)):
        total += _distance(points[i], points[i - 1])
    return total


def _lerp(a: Point, b: Point, t: float) -> Point:
    return (a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t)


def _arc_offsets(points: Sequence[Point]) -> list[float]:
    """Normalised cumulative arc length (0..1) at each vertex."""
    total = _length(points)
    if total == 0.0:
        # CVAT divides by zero here (NaN); spreading a degenerate curve's vertices evenly lets a shape
        # collapsed to one spot grow back out along the other keyframe's outline instead.
        last = max(len(points) - 1, 1)
        return [i / last for i in range(len(points))]
    offsets, accumulated = [0.0], 0.0
    for i in range(1, len(points)):
        accumulated += _distance(points[i], points[i - 1])
        offsets.append(accumulated / total)
    return offsets


def _nearest(value: float, offsets: Sequence[float]) -> int:
    """Index of the offset closest to `value`; the first one on ties."""
    best, best_distance = 0, abs(value - offsets[0])
    for i in range(1, len(offsets)):
        distance = abs(value - offsets[i])
        if distance < best_distance:
            best, best_distance = i, distance
    return best


def _match(left_offsets: Sequence[float], right_offsets: Sequence[float]) -> list[list[int]]:
    """For every left vertex, the sorted right vertices it moves to (each right vertex used at least once)."""
    matching = [[_nearest(offset, right_offsets)] for offset in left_offsets]
    matched = {right[0] for right in matching}
    for j, offset in enumerate(right_offsets):
        if j not in matched:
            matching[_nearest(offset, left_offsets)].append(j)
    for right in matching:
        right.sort()
    return matching


def _thin(
    moved: list[list[Point]], matching: list[list[int]], left: Sequence[Point], right: Sequence[Point]
) -> list[Point]:
    """Drop the crowded points of many-to-one stretches so vertices do not pile up near a keyframe."""
    reduced: list[Point] = []

    def close_run(first: int, last: int) -> None:
        # Left vertices first..last all move to the same single right vertex.
        if first == last:
            reduced.append(moved[first][0])
            return
        stretch = [moved[i][0] for i in range(first, last + 1)]
        reduced.extend(_thin_stretch(stretch, _length(left[first : last + 1]), last - first + 1))

    run_start: int | None = None
    for i, targets in enumerate(matching):
        if len(targets) == 1:
            if run_start is not None and matching[run_start][0] == targets[0]:
                continue
            if run_start is not None:
                close_run(run_start, i - 1)
            run_start = i
        else:
            if run_start is not None:
                close_run(run_start, i - 1)
                run_start = None
            # One left vertex fans out to right vertices targets[0]..targets[-1].
            span = right[targets[0] : targets[-1] + 1]
            reduced.extend(_thin_stretch(moved[i], _length(span), targets[-1] - targets[0] + 1))
    if run_start is not None:
        close_run(run_start, len(matching) - 1)
    return reduced


def _thin_stretch(points: Sequence[Point], source_length: float, source_count: int) -> list[Point]:
    """First and last point plus those at least L/(2N) from the last kept one; two close points merge."""
    threshold = source_length / (2 * source_count)
    kept, last_kept = [points[0]], points[0]
    for point in points[1:-1]:
        if _distance(last_kept, point) >= threshold:
            kept.append(point)
            last_kept = point
    kept.append(points[-1])
    first, final = points[0], points[-1]
    if len(kept) == 2 and _distance(first, final) < threshold:
        return [((first[0] + final[0]) / 2, (first[1] + final[1]) / 2)]
    return kept
