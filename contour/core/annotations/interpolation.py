"""Expanding tracks into per-frame shapes: keyframe interpolation per shape type, following CVAT's export.

Ranges here are inclusive (`start..stop`); CVAT's `get_interpolated_shapes` takes an exclusive
`end_frame`, so CVAT's `end_frame` is our `stop + 1`. Where the reference (cvat-api.md §6.1) leaves
room, the choices are:
* Outside keyframes inside the range are always kept, whatever `include_outside` says (step 5: they
  close a visible stretch, and track-based formats need them); `include_outside` only governs
  generated shapes. Per-frame exporters drop `outside` shapes themselves.
* Keyframes on deleted frames are ignored entirely (newer CVAT): they neither bound interpolation nor
  pass their attributes on, and deleted frames get no shape.
* Generated shapes take `id=None`: they are not stored rows, and a copied id would not be unique.
* A rotation difference of exactly 180° turns by −180° (the formula as written); CVAT's helper has a
  bug in that one case (it turns by 1°).
* 3D cuboid angles (points 3..5, radians) take the shortest arc and are wrapped into [−π, π), the
  range of the 3D editor's Euler angles. CVAT computes this and then overwrites it with plain linear
  values; we follow the reference instead.
* Masks repeat the left keyframe (CVAT raises; the reference recommends this).
Every `%` is a floor modulo (Python's), which a TypeScript port must emulate: JS `%` truncates.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass, replace

from contour.core.annotations.model import AttributeValue, Shape, Track, TrackedShape
from contour.core.annotations.resampling import interpolate_polyshape

_LINEAR_TYPES = frozenset({"rectangle", "ellipse", "cuboid", "skeleton"})
_POLY_TYPES = frozenset({"polygon", "polyline"})
_REPEATED_TYPES = frozenset({"mask"})
_3D_ANGLE_INDICES = range(3, 6)  # rx, ry, rz of [x, y, z, rx, ry, rz, sx, sy, sz, ...]
_TAU = 2 * math.pi


class InterpolationError(ValueError):
    """A track that cannot be interpolated: mixed shape types, duplicate keyframes, unusable points."""


def interpolate_points(
    shape_type: str, a: TrackedShape, b: TrackedShape, frame: int, *, is_3d: bool = False
) -> tuple[list[float], float]:
    """Points and rotation at `frame`, strictly between keyframes `a` and `b` of type `shape_type`."""
    if a.type != shape_type or b.type != shape_type:
        raise InterpolationError(f"cannot interpolate {a.type} to {b.type} as {shape_type}")
    if not a.frame < frame < b.frame:
        raise InterpolationError(f"frame {frame} is not strictly between keyframes {a.frame} and {b.frame}")
    t = (frame - a.frame) / (b.frame - a.frame)
    single_points = shape_type == "points" and len(a.points) == 2 and len(b.points) == 2
    if shape_type in _LINEAR_TYPES or single_points:
        points = _linear(a.points, b.points, t)
        if is_3d and shape_type == "cuboid":
            if len(a.points) < 6:
                raise InterpolationError("a 3D cuboid needs at least 6 numbers (position, rotation)")
            for i in _3D_ANGLE_INDICES:
                points[i] = _radians_on_shortest_arc(a.points[i], b.points[i], t)
        return points, _degrees_on_shortest_arc(a.rotation, b.rotation, t)
    if shape_type in _POLY_TYPES:
        for shape in (a, b):
            if not shape.points or len(shape.points) % 2:
                raise InterpolationError(f"a {shape_type} needs an even, non-zero number of coordinates")
        return interpolate_polyshape(a.points, b.points, t, closed=shape_type == "polygon"), a.rotation
    if shape_type == "points" or shape_type in _REPEATED_TYPES:
        return list(a.points), a.rotation
    raise InterpolationError(f"unknown shape type {shape_type!r}")


def expand_track(
    track: Track,
    start: int,
    stop: int,
    *,
    include_outside: bool = False,
    deleted_frames: Collection[int] = (),
    included_frames: Collection[int] | None = None,
    is_3d: bool = False,
) -> list[TrackedShape]:
    """The track's shape on every frame of `start..stop` (inclusive) where it has one, in frame order.

    Keyframes come back with `keyframe=True` and their inherited mutable attributes; frames between
    keyframes get interpolated shapes, frames after the last visible keyframe copies of it. Outside
    stretches are skipped unless `include_outside`; `included_frames` (GT jobs) limits output frames.
    """
    window = _Window(max(start, track.frame), stop, frozenset(deleted_frames), _frozen(included_frames))
    result: list[TrackedShape] = []
    previous: TrackedShape | None = None
    for current in _effective_keyframes(track.shapes, window.deleted):
        if previous is not None and (include_outside or not previous.outside):
            for frame in window.frames_between(previous.frame, current.frame):
                points, rotation = interpolate_points(previous.type, previous, current, frame, is_3d=is_3d)
                result.append(_generated(previous, frame, points, rotation))
        if current.frame > window.last:
            # A keyframe past the range only bounds the interpolation into it (step 3).
            return result
        if current.frame in window:
            result.append(current)
        previous = current
    if previous is not None and (include_outside or not previous.outside):
        for frame in window.frames_between(previous.frame, window.last + 1):
            result.append(_generated(previous, frame, list(previous.points), previous.rotation))
    return result


def expand_skeleton_track(
    track: Track,
    start: int,
    stop: int,
    *,
    include_outside: bool = False,
    deleted_frames: Collection[int] = (),
    included_frames: Collection[int] | None = None,
    is_3d: bool = False,
) -> list[tuple[TrackedShape, list[TrackedShape]]]:
    """Each per-frame skeleton shape with its elements' shapes on that frame, in element order."""
    frames = _expand_skeleton(track, start, stop, include_outside, deleted_frames, included_frames, is_3d)
    return [(parent, [shape for _, shape in elements]) for parent, elements in frames]


def track_to_frame_shapes(
    track: Track,
    start: int,
    stop: int,
    *,
    include_outside: bool = False,
    deleted_frames: Collection[int] = (),
    included_frames: Collection[int] | None = None,
    is_3d: bool = False,
) -> list[Shape]:
    """Per-frame `Shape`s of a track as exporters consume them: track label, group and source; the
    shape's mutable attributes followed by the track's immutable ones; skeleton elements attached.
    Outside keyframes are included (flagged `outside`); per-frame formats skip them."""
    if not track.elements:
        shapes = expand_track(
            track,
            start,
            stop,
            include_outside=include_outside,
            deleted_frames=deleted_frames,
            included_frames=included_frames,
            is_3d=is_3d,
        )
        return [_frame_shape(track, shape, []) for shape in shapes]
    frames = _expand_skeleton(track, start, stop, include_outside, deleted_frames, included_frames, is_3d)
    return [
        _frame_shape(track, parent, [_frame_shape(element, shape, []) for element, shape in elements])
        for parent, elements in frames
    ]


@dataclass(frozen=True)
class _Window:
    """The frames a caller asked for: first..last inclusive, minus deleted ones, within included ones."""

    first: int
    last: int
    deleted: frozenset[int]
    included: frozenset[int] | None

    def __contains__(self, frame: int) -> bool:
        return (
            self.first <= frame <= self.last
            and frame not in self.deleted
            and (self.included is None or frame in self.included)
        )

    def frames_between(self, after: int, before: int) -> Iterator[int]:
        """Wanted frames strictly between `after` and `before`."""
        for frame in range(max(after + 1, self.first), min(before - 1, self.last) + 1):
            if frame in self:
                yield frame


def _frozen(frames: Collection[int] | None) -> frozenset[int] | None:
    return None if frames is None else frozenset(frames)


def _effective_keyframes(shapes: Sequence[TrackedShape], deleted: frozenset[int]) -> list[TrackedShape]:
    """Sorted copies of the keyframes not on deleted frames, each carrying the mutable attribute values
    it does not set itself over from the keyframe before (values persist until changed)."""
    types = {shape.type for shape in shapes}
    if len(types) > 1:
        raise InterpolationError(f"a track's keyframes must share one shape type, got {sorted(types)}")
    keyframes: list[TrackedShape] = []
    for shape in sorted(shapes, key=lambda shape: shape.frame):
        if shape.frame in deleted:
            continue
        attributes = _copy_attributes(shape.attributes)
        if keyframes:
            previous = keyframes[-1]
            if previous.frame == shape.frame:
                raise InterpolationError(f"a track has two keyframes on frame {shape.frame}")
            own = {attribute.spec_id for attribute in attributes}
            attributes += [
                attribute for attribute in _copy_attributes(previous.attributes) if attribute.spec_id not in own
            ]
        keyframes.append(replace(shape, points=list(shape.points), attributes=attributes, keyframe=True))
    return keyframes


def _generated(left: TrackedShape, frame: int, points: list[float], rotation: float) -> TrackedShape:
    attributes = _copy_attributes(left.attributes)
    return replace(left, frame=frame, points=points, rotation=rotation, attributes=attributes, keyframe=False, id=None)


def _copy_attributes(attributes: Sequence[AttributeValue]) -> list[AttributeValue]:
    return list(attributes)  # the values are immutable: a new list is copy enough


def _linear(a: Sequence[float], b: Sequence[float], t: float) -> list[float]:
    if len(a) != len(b):
        raise InterpolationError(f"keyframes hold {len(a)} and {len(b)} coordinates; they must match")
    return [x + (y - x) * t for x, y in zip(a, b, strict=True)]


def _degrees_on_shortest_arc(a: float, b: float, t: float) -> float:
    difference = ((b - a + 180) % 360) - 180
    return (a + difference * t + 360) % 360


def _radians_on_shortest_arc(a: float, b: float, t: float) -> float:
    difference = ((b - a + math.pi) % _TAU) - math.pi
    return ((a + difference * t + math.pi) % _TAU) - math.pi


_ElementShapes = list[tuple[Track, TrackedShape]]


def _expand_skeleton(
    track: Track,
    start: int,
    stop: int,
    include_outside: bool,
    deleted_frames: Collection[int],
    included_frames: Collection[int] | None,
    is_3d: bool,
) -> list[tuple[TrackedShape, _ElementShapes]]:
    parents = expand_track(
        track,
        start,
        stop,
        include_outside=include_outside,
        deleted_frames=deleted_frames,
        included_frames=included_frames,
        is_3d=is_3d,
    )
    by_frame: dict[int, _ElementShapes] = {parent.frame: [] for parent in parents}
    for element in track.elements:
        # Elements follow their parent: their own outside state is data (an absent keypoint), not a
        # reason to drop the frame, so they are expanded with outside shapes, on the parent's frames.
        shapes = expand_track(
            element,
            start,
            stop,
            include_outside=True,
            deleted_frames=deleted_frames,
            included_frames=by_frame.keys(),
            is_3d=is_3d,
        )
        for shape in shapes:
            by_frame[shape.frame].append((element, shape))
    return [
        (parent, by_frame[parent.frame])
        for parent in parents
        if include_outside
        or not by_frame[parent.frame]
        or not all(shape.outside for _, shape in by_frame[parent.frame])
    ]


def _frame_shape(track: Track, shape: TrackedShape, elements: list[Shape]) -> Shape:
    return Shape(
        type=shape.type,
        frame=shape.frame,
        label_id=track.label_id,
        points=list(shape.points),
        occluded=shape.occluded,
        outside=shape.outside,
        z_order=shape.z_order,
        rotation=shape.rotation,
        group=track.group,
        source=track.source,
        attributes=_copy_attributes(shape.attributes) + _copy_attributes(track.attributes),
        elements=elements,
    )
