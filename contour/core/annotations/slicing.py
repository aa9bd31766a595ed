"""Cutting task annotations down to what one job holds: a segment's frame range (cvat-api.md §6.3) or a frame list.

Where the reference leaves room, the choices are:
* Leading outside keyframes are dropped only before the first visible in-range shape, the inserted
  shape at `start` included: an outside keyframe that ends a stretch visible at `start` is kept
  (CVAT drops it, and the job's copy of the track then never ends).
* When the track continues past `stop` and is visible there, both apply: the shape at `stop` is added
  when it differs from the last kept one, and the next keyframe is added when it is an outside
  keyframe on `stop + 1` (it is the original keyframe, so the job's copy ends where the task's does).
* When keyframes were cut, kept keyframes carry the mutable attribute values they inherited from the
  cut ones, which would otherwise fall back to defaults.
* Skeleton elements are sliced from their parent's first kept frame on, with their outside state kept
  (an absent keypoint is data): every element then has a shape where the skeleton starts.
Results are deep copies: a caller may give the same object to several jobs and number each copy.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from copy import deepcopy
from dataclasses import replace
from itertools import pairwise

from contour.core.annotations.interpolation import expand_track
from contour.core.annotations.model import Annotations, AttributeValue, Track, TrackedShape

__all__ = ["filter_frames", "slice_annotations", "slice_track"]


def slice_annotations(data: Annotations, start: int, stop: int, *, is_3d: bool = False) -> Annotations:
    """What a job with segment `[start, stop]` (inclusive, task-relative) receives from a task-level write.

    Tags and shapes on the segment's frames are copied (objects on overlap frames go to every job whose
    caller asks for them); tracks are cut to the segment (§6.3), and dropped when nothing of them is left.
    """
    tracks = []
    for track in data.tracks:
        sliced = slice_track(track, start, stop, is_3d=is_3d)
        if sliced is not None:
            tracks.append(sliced)
    return Annotations(
        tags=[deepcopy(tag) for tag in data.tags if start <= tag.frame <= stop],
        shapes=[deepcopy(shape) for shape in data.shapes if start <= shape.frame <= stop],
        tracks=tracks,
        version=data.version,
    )


def slice_track(track: Track, start: int, stop: int, *, is_3d: bool = False) -> Track | None:
    """The part of `track` a job with segment `[start, stop]` holds, or None when it is not visible there."""
    keyframes = sorted(track.shapes, key=lambda shape: shape.frame)
    if not _is_visible_within(keyframes, start, stop):
        return None
    shapes = _cut(track, keyframes, start, stop, keep_leading_outside=False, is_3d=is_3d)
    if not shapes:
        return None
    first = shapes[0].frame
    return replace(
        track,
        frame=first,
        shapes=shapes,
        attributes=_copy_attributes(track.attributes),
        elements=[_slice_element(element, first, stop, is_3d) for element in track.elements],
    )


def filter_frames(data: Annotations, frames: Collection[int], *, is_3d: bool = False) -> Annotations:
    """What a job with an explicit frame list (ground truth) receives: objects on those frames only.

    A track keeps one keyframe per listed frame where it has a shape (the job shows no other frames,
    so interpolation between them is never seen), outside ones included to hide it where it is hidden.
    """
    wanted = frozenset(frames)
    tracks = []
    for track in data.tracks:
        filtered = _filter_track(track, wanted, is_3d)
        if filtered is not None:
            tracks.append(filtered)
    return Annotations(
        tags=[deepcopy(tag) for tag in data.tags if tag.frame in wanted],
        shapes=[deepcopy(shape) for shape in data.shapes if shape.frame in wanted],
        tracks=tracks,
        version=data.version,
    )


def _is_visible_within(keyframes: Sequence[TrackedShape], start: int, stop: int) -> bool:
    """CVAT's inclusion rule: a visible stretch between keyframes touches the range, or the track never ends."""
    if not keyframes:
        return False
    for previous, current in pairwise(keyframes):
        if not previous.outside and min(current.frame, stop) >= max(previous.frame, start):
            return True
    last = keyframes[-1]
    return not last.outside and last.frame <= stop


def _cut(
    track: Track,
    keyframes: Sequence[TrackedShape],
    start: int,
    stop: int,
    *,
    keep_leading_outside: bool,
    is_3d: bool,
) -> list[TrackedShape]:
    """Keyframes of `[start, stop]`, with shapes added at the cut ends so the job sees the same track there."""
    inside = [shape for shape in keyframes if start <= shape.frame <= stop]
    if len(inside) == len(keyframes):
        shapes = [deepcopy(shape) for shape in inside]
        return shapes if keep_leading_outside else _without_leading_outside(shapes)

    inherited = _with_inherited_attributes(keyframes)
    shapes = []
    opening = _shape_at(track, start, include_outside=keep_leading_outside, is_3d=is_3d)
    if opening is not None and not opening.keyframe:
        shapes.append(_as_keyframe(opening))
    shapes += [shape for shape in inherited if start <= shape.frame <= stop]
    if not keep_leading_outside:
        shapes = _without_leading_outside(shapes)

    later = [shape for shape in inherited if shape.frame > stop]
    if shapes and later:
        closing = _shape_at(track, stop, include_outside=False, is_3d=is_3d)
        if closing is not None and not closing.outside:
            if not closing.keyframe and _differs(closing, shapes[-1]):
                shapes.append(_as_keyframe(closing))
            if later[0].frame == stop + 1 and later[0].outside:
                shapes.append(later[0])
    return shapes


def _slice_element(element: Track, first: int, stop: int, is_3d: bool) -> Track:
    keyframes = sorted(element.shapes, key=lambda shape: shape.frame)
    shapes = _cut(element, keyframes, first, stop, keep_leading_outside=True, is_3d=is_3d)
    return replace(
        element,
        frame=shapes[0].frame if shapes else first,
        shapes=shapes,
        attributes=_copy_attributes(element.attributes),
        elements=[],
    )


def _filter_track(track: Track, frames: frozenset[int], is_3d: bool) -> Track | None:
    if not frames:
        return None
    shapes = _without_leading_outside(_listed_frame_shapes(track, frames, is_3d))
    if not shapes:
        return None
    parent_frames = frozenset(shape.frame for shape in shapes)
    elements = []
    for element in track.elements:
        element_shapes = _listed_frame_shapes(element, parent_frames, is_3d)
        frame = element_shapes[0].frame if element_shapes else shapes[0].frame
        elements.append(
            replace(element, frame=frame, shapes=element_shapes, attributes=_copy_attributes(element.attributes))
        )
    return replace(
        track,
        frame=shapes[0].frame,
        shapes=shapes,
        attributes=_copy_attributes(track.attributes),
        elements=elements,
    )


def _listed_frame_shapes(track: Track, frames: frozenset[int], is_3d: bool) -> list[TrackedShape]:
    """The track's shape on each listed frame as a keyframe; an outside one only where it starts a hidden stretch."""
    expanded = expand_track(track, min(frames), max(frames), include_outside=True, included_frames=frames, is_3d=is_3d)
    shapes: list[TrackedShape] = []
    for shape in expanded:
        if shape.outside and shapes and shapes[-1].outside:
            continue
        shapes.append(_as_keyframe(shape))
    return shapes


def _shape_at(track: Track, frame: int, *, include_outside: bool, is_3d: bool) -> TrackedShape | None:
    shapes = expand_track(track, frame, frame, include_outside=include_outside, is_3d=is_3d)
    return shapes[0] if shapes else None


def _with_inherited_attributes(keyframes: Sequence[TrackedShape]) -> list[TrackedShape]:
    """Copies of sorted keyframes, each also holding the mutable attribute values it inherits (§4.1)."""
    result: list[TrackedShape] = []
    for shape in keyframes:
        attributes = _copy_attributes(shape.attributes)
        if result:
            own = {attribute.spec_id for attribute in attributes}
            attributes += [AttributeValue(a.spec_id, a.value) for a in result[-1].attributes if a.spec_id not in own]
        result.append(replace(shape, points=list(shape.points), attributes=attributes))
    return result


def _without_leading_outside(shapes: list[TrackedShape]) -> list[TrackedShape]:
    for index, shape in enumerate(shapes):
        if not shape.outside:
            return shapes[index:]
    return []


def _as_keyframe(shape: TrackedShape) -> TrackedShape:
    return replace(shape, keyframe=True, points=list(shape.points), attributes=_copy_attributes(shape.attributes))


def _differs(a: TrackedShape, b: TrackedShape) -> bool:
    return a.points != b.points or a.rotation != b.rotation or a.outside != b.outside


def _copy_attributes(attributes: Sequence[AttributeValue]) -> list[AttributeValue]:
    return list(attributes)  # the values are immutable: a new list is copy enough
