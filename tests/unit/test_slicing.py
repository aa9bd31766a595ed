"""Slicing task annotations to a job follows CVAT (cvat-api.md §6.3); slices merge back into the task's tracks."""

from __future__ import annotations

import math

from hypothesis import given, settings
from hypothesis import strategies as st

from contour.core.annotations.interpolation import expand_track
from contour.core.annotations.merge import merge_job_annotations
from contour.core.annotations.model import Annotations, AttributeValue, Shape, Tag, Track, TrackedShape
from contour.core.annotations.slicing import filter_frames, slice_annotations, slice_track
from contour.core.segments import split_into_segments


def key(frame: int, x: float, *, outside: bool = False, attributes: list[AttributeValue] | None = None) -> TrackedShape:
    return TrackedShape(
        type="rectangle", frame=frame, points=[x, 0.0, x + 10.0, 10.0], outside=outside, attributes=attributes or []
    )


def track(*shapes: TrackedShape, id: int | None = 1, elements: list[Track] | None = None) -> Track:
    return Track(frame=shapes[0].frame, label_id=1, shapes=list(shapes), id=id, elements=elements or [])


def keyframes(t: Track) -> list[tuple[int, float, bool]]:
    return [(s.frame, s.points[0] if s.points else 0.0, s.outside) for s in t.shapes]


def test_tags_and_shapes_are_kept_on_the_segment_frames_only() -> None:
    data = Annotations(
        tags=[Tag(frame=f, label_id=1, id=f) for f in (4, 5, 9, 10)],
        shapes=[Shape(type="points", frame=f, label_id=1, points=[1, 1], id=f) for f in (4, 5, 9, 10)],
    )
    sliced = slice_annotations(data, 5, 9)
    assert [t.id for t in sliced.tags] == [5, 9]
    assert [s.id for s in sliced.shapes] == [5, 9]


def test_slices_are_copies() -> None:
    data = Annotations(shapes=[Shape(type="points", frame=5, label_id=1, points=[1, 1])], tracks=[track(key(5, 0))])
    sliced = slice_annotations(data, 0, 9)
    sliced.shapes[0].points.append(2)
    sliced.tracks[0].shapes[0].points.append(2)
    assert data.shapes[0].points == [1, 1] and data.tracks[0].shapes[0].points == [0, 0, 10, 10]


def test_a_track_inside_the_segment_is_copied_whole() -> None:
    original = track(key(2, 0), key(5, 30), key(7, 30, outside=True))
    sliced = slice_track(original, 0, 9)
    assert sliced == original


def test_a_track_cut_at_the_start_begins_with_its_interpolated_shape() -> None:
    sliced = slice_track(track(key(0, 0), key(8, 80)), 5, 9)
    assert sliced is not None
    assert sliced.frame == 5
    assert keyframes(sliced) == [(5, 50, False), (8, 80, False)]


def test_a_track_continuing_past_the_stop_ends_with_its_shape_there() -> None:
    sliced = slice_track(track(key(2, 0), key(12, 100)), 0, 9)
    assert sliced is not None
    assert keyframes(sliced) == [(2, 0, False), (9, 70, False)]


def test_a_track_continuing_unchanged_past_the_stop_gets_no_extra_keyframe() -> None:
    sliced = slice_track(track(key(2, 0), key(12, 0)), 0, 9)
    assert sliced is not None
    assert keyframes(sliced) == [(2, 0, False)]


def test_an_outside_keyframe_right_after_the_stop_is_kept() -> None:
    sliced = slice_track(track(key(2, 0), key(9, 70), key(10, 70, outside=True), key(14, 0)), 0, 9)
    assert sliced is not None
    assert keyframes(sliced) == [(2, 0, False), (9, 70, False), (10, 70, True)]


def test_leading_outside_keyframes_are_dropped() -> None:
    sliced = slice_track(track(key(0, 0), key(3, 0, outside=True), key(8, 80), key(15, 150)), 5, 12)
    assert sliced is not None
    assert sliced.frame == 8
    assert keyframes(sliced) == [(8, 80, False), (12, 120, False)]


def test_an_outside_keyframe_ending_a_stretch_visible_at_the_start_is_kept() -> None:
    sliced = slice_track(track(key(0, 0), key(8, 80, outside=True)), 5, 12)
    assert sliced is not None
    assert keyframes(sliced) == [(5, 50, False), (8, 80, True)]


def test_a_track_hidden_over_the_whole_segment_is_left_out() -> None:
    data = Annotations(tracks=[track(key(0, 0), key(3, 0, outside=True), key(15, 0))])
    assert slice_annotations(data, 5, 12).tracks == []


def test_a_track_hidden_from_the_start_frame_on_is_left_out() -> None:
    assert slice_track(track(key(0, 0), key(5, 0, outside=True)), 5, 12) is None


def test_a_track_whose_last_visible_keyframe_precedes_the_segment_is_included() -> None:
    sliced = slice_track(track(key(0, 0)), 5, 9)
    assert sliced is not None
    assert keyframes(sliced) == [(5, 0, False)]


def test_cut_keyframes_pass_their_attribute_values_on() -> None:
    colour = AttributeValue(spec_id=7, value="red")
    original = track(key(0, 0, attributes=[colour]), key(2, 0, outside=True), key(6, 0), key(12, 0))
    sliced = slice_track(original, 5, 9)
    assert sliced is not None
    assert [[(a.spec_id, a.value) for a in s.attributes] for s in sliced.shapes] == [[(7, "red")]]


def test_skeleton_elements_are_sliced_from_the_skeletons_first_frame_with_their_outside_state() -> None:
    def point(frame: int, x: float, outside: bool = False) -> TrackedShape:
        return TrackedShape(type="points", frame=frame, points=[x, 0.0], outside=outside)

    parent = [TrackedShape(type="skeleton", frame=f, points=[]) for f in (0, 8)]
    shown = Track(frame=0, label_id=11, shapes=[point(0, 0), point(8, 80)])
    hidden = Track(frame=0, label_id=12, shapes=[point(0, 0, outside=True), point(8, 0, outside=True)])
    skeleton = Track(frame=0, label_id=10, shapes=parent, elements=[shown, hidden])
    sliced = slice_track(skeleton, 5, 9)
    assert sliced is not None
    assert [s.frame for s in sliced.shapes] == [5, 8]
    assert [(s.frame, s.points, s.outside) for s in sliced.elements[0].shapes] == [
        (5, [50, 0], False),
        (8, [80, 0], False),
    ]
    assert [(s.frame, s.outside) for s in sliced.elements[1].shapes] == [(5, True), (8, True)]
    assert [e.frame for e in sliced.elements] == [5, 5]


def test_filtering_frames_keeps_objects_on_the_listed_frames() -> None:
    data = Annotations(
        tags=[Tag(frame=f, label_id=1, id=f) for f in (1, 2, 3)],
        shapes=[Shape(type="points", frame=f, label_id=1, points=[1, 1], id=f) for f in (1, 2, 3)],
    )
    filtered = filter_frames(data, [1, 3])
    assert [t.id for t in filtered.tags] == [1, 3]
    assert [s.id for s in filtered.shapes] == [1, 3]


def test_filtering_frames_keeps_a_tracks_shape_on_each_listed_frame() -> None:
    data = Annotations(tracks=[track(key(0, 0), key(4, 40, outside=True), key(8, 80), key(12, 120, outside=True))])
    filtered = filter_frames(data, [2, 5, 6, 9, 14])
    assert [keyframes(t) for t in filtered.tracks] == [[(2, 20, False), (5, 50, True), (9, 90, False), (14, 120, True)]]


def test_filtering_frames_leaves_out_a_track_hidden_on_every_listed_frame() -> None:
    data = Annotations(tracks=[track(key(0, 0), key(4, 40, outside=True))])
    assert filter_frames(data, [5, 6]).tracks == []


# Properties: rectangle tracks on a task of `size` frames cut into overlapping segments.


@st.composite
def tracks(draw: st.DrawFn, size: int, interior_gaps: bool) -> Track:
    frames = sorted(draw(st.sets(st.integers(0, size - 1), min_size=1, max_size=6)))
    shapes: list[TrackedShape] = []
    for index, frame in enumerate(frames):
        last = index == len(frames) - 1
        # A normalised track: visible first, never two outside keyframes in a row.
        may_hide = index > 0 and not shapes[-1].outside and (interior_gaps or last)
        outside = may_hide and draw(st.booleans())
        x, y = draw(st.integers(0, 100)), draw(st.integers(0, 100))
        w, h = draw(st.integers(1, 50)), draw(st.integers(1, 50))
        shapes.append(TrackedShape(type="rectangle", frame=frame, points=[x, y, x + w, y + h], outside=outside))
    return Track(frame=frames[0], label_id=1, shapes=shapes, id=1)


@st.composite
def tasks(draw: st.DrawFn, interior_gaps: bool) -> tuple[int, int, int, Track]:
    size = draw(st.integers(4, 40))
    segment_size = draw(st.integers(2, size))
    overlap = draw(st.integers(1, segment_size // 2))
    return size, segment_size, overlap, draw(tracks(size, interior_gaps))


def visible(shapes: list[TrackedShape]) -> dict[int, list[float]]:
    return {s.frame: s.points for s in shapes if not s.outside}


def assert_same_shapes(actual: dict[int, list[float]], expected: dict[int, list[float]]) -> None:
    assert actual.keys() == expected.keys()
    for frame, points in expected.items():
        assert all(math.isclose(a, b, abs_tol=1e-6) for a, b in zip(actual[frame], points, strict=True)), frame


def slice_and_merge(size: int, segment_size: int, overlap: int, original: Track) -> Annotations:
    segments = split_into_segments(size, segment_size, overlap)
    assert all(b.start_frame == a.stop_frame - overlap + 1 for a, b in zip(segments, segments[1:], strict=False))
    jobs = [
        (s.start_frame, s.stop_frame, slice_annotations(Annotations(tracks=[original]), s.start_frame, s.stop_frame))
        for s in segments
    ]
    return merge_job_annotations(jobs, overlap)


@settings(max_examples=300, deadline=None)
@given(tasks(interior_gaps=True), st.data())
def test_a_slice_shows_the_tracks_shapes_on_every_segment_frame(
    task: tuple[int, int, int, Track], data: st.DataObject
) -> None:
    size, _, _, original = task
    start = data.draw(st.integers(0, size - 1))
    stop = data.draw(st.integers(start, size - 1))
    sliced = slice_track(original, start, stop)
    expected = visible(expand_track(original, start, stop))
    actual = visible(expand_track(sliced, start, stop)) if sliced is not None else {}
    assert_same_shapes(actual, expected)


@settings(max_examples=300, deadline=None)
@given(tasks(interior_gaps=False))
def test_slicing_into_segments_and_merging_back_restores_the_track(task: tuple[int, int, int, Track]) -> None:
    size, segment_size, overlap, original = task
    merged = slice_and_merge(size, segment_size, overlap, original)
    assert len(merged.tracks) == 1
    restored, expected = expand_track(merged.tracks[0], 0, size - 1), expand_track(original, 0, size - 1)
    assert [(s.frame, s.outside) for s in restored] == [(s.frame, s.outside) for s in expected]
    assert_same_shapes(visible(restored), visible(expected))


@settings(max_examples=300, deadline=None)
@given(tasks(interior_gaps=True))
def test_slicing_and_merging_back_restores_every_visible_shape_once(task: tuple[int, int, int, Track]) -> None:
    size, segment_size, overlap, original = task
    merged = slice_and_merge(size, segment_size, overlap, original)
    restored: dict[int, list[float]] = {}
    for piece in merged.tracks:
        shapes = visible(expand_track(piece, 0, size - 1))
        assert not restored.keys() & shapes.keys()
        restored.update(shapes)
    assert_same_shapes(restored, visible(expand_track(original, 0, size - 1)))


@settings(max_examples=300, deadline=None)
@given(tasks(interior_gaps=True))
def test_merged_keyframes_stay_in_frame_order_and_include_the_visible_originals(
    task: tuple[int, int, int, Track],
) -> None:
    size, segment_size, overlap, original = task
    merged = slice_and_merge(size, segment_size, overlap, original)
    kept: set[int] = set()
    for piece in merged.tracks:
        frames = [s.frame for s in piece.shapes]
        assert frames == sorted(set(frames))
        assert piece.frame == frames[0]
        kept.update(frames)
    assert {s.frame for s in original.shapes if not s.outside} <= kept
