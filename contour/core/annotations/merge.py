"""Merging the annotations of overlapping jobs into task annotations, following CVAT (cvat-api.md §6.2).

Where the reference leaves room, the choices are:
* An object is never lost: incoming objects that cannot take part in matching (no shapes, or a frame
  before the segment start) are appended unchanged, where CVAT silently drops some of them.
* The kept object of a matched pair takes the place of the old one in the result, whichever side it
  came from (CVAT loses a united track when the incoming one started earlier).
* Matched skeleton tracks also unite their element tracks, pairwise by sublabel, by the same rule.
* A closing outside keyframe is only added before the first frame after the overlap; an old track that
  already has keyframes there is left as it is rather than given keyframes out of order.
* Costs are compared with a 1e-9 tolerance: identical shapes reached through different float paths
  must not fall on the wrong side of a threshold that sits exactly at an attainable value (0.5).
* Result order: the merged objects in their order so far, then the job's objects that were not merged
  into them, in the job's order. Objects that merging does not change are shared with the input.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import TypeVar

import numpy as np
from scipy.optimize import linear_sum_assignment  # type: ignore[import-untyped]

from contour.core.annotations.interpolation import expand_track
from contour.core.annotations.model import Annotations, AttributeValue, Shape, Tag, Track, TrackedShape
from contour.core.geometry import shape_similarity

__all__ = ["merge_job_annotations"]

TAG_COST_THRESHOLD = 0.25
SHAPE_COST_THRESHOLD = 0.25
TRACK_COST_THRESHOLD = 0.5
_COST_TOLERANCE = 1e-9

_T = TypeVar("_T")
_FrameObject = TypeVar("_FrameObject", Tag, Shape)


def merge_job_annotations(
    jobs: Sequence[tuple[int, int, Annotations]], overlap: int, *, is_3d: bool = False
) -> Annotations:
    """Task annotations from its jobs' `(segment start, segment stop, annotations)`, given in segment order.

    Frames are task-relative. Each job is merged into the result of the ones before it: objects on the
    overlap frames `[start, start + overlap)` that duplicate an already merged one are merged into it.
    Only the segment start takes part (as in CVAT); the stop is carried for symmetry with slicing.
    """
    merged = Annotations(version=max((data.version for _, _, data in jobs), default=0))
    shapes_similarity = _shape_similarity_for(is_3d)
    for start, _stop, data in jobs:
        merged.tags = _merge_frame_objects(merged.tags, data.tags, start, overlap, _tag_similarity, TAG_COST_THRESHOLD)
        merged.shapes = _merge_frame_objects(
            merged.shapes, data.shapes, start, overlap, shapes_similarity, SHAPE_COST_THRESHOLD
        )
        merged.tracks = _merge_tracks(merged.tracks, data.tracks, start, overlap, is_3d)
    return merged


def _merge_frame_objects(
    old: list[_FrameObject],
    incoming: Sequence[_FrameObject],
    start: int,
    overlap: int,
    similarity: Callable[[_FrameObject, _FrameObject], float],
    threshold: float,
) -> list[_FrameObject]:
    """Tags or shapes: per overlap frame, each incoming object is matched to at most one old object."""
    old_by_frame: dict[int, list[_FrameObject]] = defaultdict(list)
    for obj in old:
        if obj.frame >= start:
            old_by_frame[obj.frame].append(obj)
    incoming_by_frame: dict[int, list[int]] = defaultdict(list)
    for index, obj in enumerate(incoming):
        if start <= obj.frame < start + overlap:
            incoming_by_frame[obj.frame].append(index)

    merged_away: set[int] = set()
    for frame, indexes in incoming_by_frame.items():
        candidates = old_by_frame.get(frame)
        if not candidates:
            continue
        pairs = _assign([incoming[i] for i in indexes], candidates, similarity, threshold)
        # Both objects of a pair lie on the same frame, so the old one is kept (ties go to the old).
        merged_away.update(indexes[i] for i, _ in pairs)
    result = list(old)
    result.extend(obj for index, obj in enumerate(incoming) if index not in merged_away)
    return result


def _merge_tracks(old: list[Track], incoming: Sequence[Track], start: int, overlap: int, is_3d: bool) -> list[Track]:
    """Tracks form one group: any open old track may continue as any incoming track of the overlap."""
    boundary = start + overlap
    result = list(old)
    old_candidates = [index for index, track in enumerate(result) if _may_continue(track, start)]
    new_candidates = [
        index for index, track in enumerate(incoming) if track.frame < boundary and _may_continue(track, start)
    ]

    matched_old: set[int] = set()
    merged_away: set[int] = set()
    if old_candidates and new_candidates:

        def similarity(new: Track, previous: Track) -> float:
            return _track_similarity(new, previous, start, overlap, is_3d)

        pairs = _assign(
            [incoming[i] for i in new_candidates],
            [result[j] for j in old_candidates],
            similarity,
            TRACK_COST_THRESHOLD,
        )
        for i, j in pairs:
            new_index, old_index = new_candidates[i], old_candidates[j]
            result[old_index] = _unite_tracks(incoming[new_index], result[old_index])
            matched_old.add(old_index)
            merged_away.add(new_index)
    for index in old_candidates:
        if index not in matched_old:
            result[index] = _close_track(result[index], boundary)
    result.extend(track for index, track in enumerate(incoming) if index not in merged_away)
    return result


def _assign(
    new: Sequence[_T], old: Sequence[_T], similarity: Callable[[_T, _T], float], threshold: float
) -> list[tuple[int, int]]:
    """Min-cost pairs (new index, old index) of the Hungarian assignment whose cost 1 − similarity is low enough."""
    cost = np.array([[1.0 - similarity(a, b) for b in old] for a in new], dtype=np.float64)
    rows, cols = linear_sum_assignment(cost)
    return [(int(i), int(j)) for i, j in zip(rows, cols, strict=True) if cost[i, j] <= threshold + _COST_TOLERANCE]


def _tag_similarity(a: Tag, b: Tag) -> float:
    return 1.0 if a.label_id == b.label_id else 0.0


def _shape_similarity_for(is_3d: bool) -> Callable[[Shape, Shape], float]:
    def similarity(a: Shape, b: Shape) -> float:
        if a.label_id != b.label_id:
            return 0.0
        return shape_similarity(a.type, a.points, b.type, b.points, is_3d=is_3d)

    return similarity


def _last_keyframe(track: Track) -> TrackedShape | None:
    return max(track.shapes, key=lambda shape: shape.frame, default=None)


def _may_continue(track: Track, start: int) -> bool:
    """A track can take part in matching if it reaches the segment: it ends at or after it, or never ends."""
    last = _last_keyframe(track)
    return last is not None and (last.frame >= start or not last.outside)


def _track_similarity(new: Track, old: Track, start: int, overlap: int, is_3d: bool) -> float:
    """1 − the mean per-frame error over the overlap frames where at least one of the tracks has a shape."""
    if new.label_id != old.label_id or overlap <= 0:
        return 0.0
    stop = start + overlap - 1
    new_shapes = {shape.frame: shape for shape in expand_track(new, start, stop, is_3d=is_3d)}
    old_shapes = {shape.frame: shape for shape in expand_track(old, start, stop, is_3d=is_3d)}
    if not new_shapes or not old_shapes:
        return 0.0
    errors: list[float] = []
    for frame in range(start, stop + 1):
        a, b = new_shapes.get(frame), old_shapes.get(frame)
        if a is None and b is None:
            continue
        if a is None or b is None or a.outside != b.outside:
            errors.append(1.0)
        else:
            errors.append(1.0 - shape_similarity(a.type, a.points, b.type, b.points, is_3d=is_3d))
    return 1.0 - sum(errors) / len(errors)


def _unite_tracks(new: Track, old: Track) -> Track:
    """One track from a matched pair: the earlier-starting one (ties: old) with both sides' keyframes."""
    kept = new if new.frame < old.frame else old
    by_frame = {shape.frame: shape for shape in new.shapes}
    by_frame.update({shape.frame: shape for shape in old.shapes})  # the old keyframe wins a shared frame
    return replace(
        kept,
        frame=min(new.frame, old.frame),
        shapes=sorted(by_frame.values(), key=lambda shape: shape.frame),
        elements=_unite_elements(new.elements, old.elements),
    )


def _unite_elements(new: Sequence[Track], old: Sequence[Track]) -> list[Track]:
    new_by_label = {element.label_id: element for element in new}
    result = [
        _unite_tracks(new_by_label[element.label_id], element) if element.label_id in new_by_label else element
        for element in old
    ]
    old_labels = {element.label_id for element in old}
    return result + [element for element in new if element.label_id not in old_labels]


def _close_track(track: Track, boundary: int) -> Track:
    """End a track that found no continuation: hide it from the first frame after the overlap on."""
    last = _last_keyframe(track)
    if last is None or last.outside or last.frame >= boundary:
        return track
    closing = replace(
        last,
        frame=boundary,
        outside=True,
        points=list(last.points),
        attributes=[AttributeValue(a.spec_id, a.value) for a in last.attributes],
        id=None,
    )
    return replace(
        track,
        shapes=[*track.shapes, closing],
        elements=[_close_track(element, boundary) for element in track.elements],
    )
