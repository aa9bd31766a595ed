"""Track expansion and keyframe interpolation follow CVAT (reference §6.1); the shared vectors pin the numbers.

Run this file as a script to rewrite tests/vectors/interpolation.json from VECTOR_CASES after checking
the hand-computed tests below still pass: `.venv/bin/python tests/unit/test_interpolation.py`.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from contour.core.annotations.interpolation import (
    InterpolationError,
    expand_skeleton_track,
    expand_track,
    interpolate_points,
    track_to_frame_shapes,
)
from contour.core.annotations.model import AttributeValue, Track, TrackedShape

VECTORS_PATH = Path(__file__).resolve().parents[1] / "vectors" / "interpolation.json"
Json = dict[str, Any]


def key(type_: str, frame: int, points: Sequence[float], **fields: Any) -> TrackedShape:
    return TrackedShape(type=type_, frame=frame, points=[float(p) for p in points], **fields)


def track(*shapes: TrackedShape, **fields: Any) -> Track:
    return Track(
        frame=fields.pop("frame", min(s.frame for s in shapes)),
        label_id=fields.pop("label_id", 1),
        shapes=list(shapes),
        **fields,
    )


def frames(shapes: list[TrackedShape]) -> list[int]:
    return [shape.frame for shape in shapes]


def attrs(**values: str) -> list[AttributeValue]:
    return [AttributeValue(int(spec_id[1:]), value) for spec_id, value in values.items()]


# --- per-type interpolation, hand-computed -------------------------------------------------------


def test_rectangle_moves_every_coordinate_linearly_and_turns_with_it() -> None:
    a = key("rectangle", 0, [0, 0, 10, 10])
    b = key("rectangle", 10, [10, 20, 30, 40], rotation=90)
    assert interpolate_points("rectangle", a, b, 5) == ([5, 10, 20, 25], 45)


def test_rotation_wraps_through_zero_on_the_short_arc() -> None:
    a = key("rectangle", 0, [0, 0, 1, 1], rotation=350)
    b = key("rectangle", 4, [0, 0, 1, 1], rotation=10)
    assert [interpolate_points("rectangle", a, b, f)[1] for f in (1, 2, 3)] == [355, 0, 5]


def test_rotation_of_exactly_half_a_turn_turns_backwards() -> None:
    a = key("ellipse", 0, [5, 5, 8, 2], rotation=0)
    b = key("ellipse", 2, [5, 5, 8, 2], rotation=180)
    assert interpolate_points("ellipse", a, b, 1)[1] == 270


def test_2d_cuboid_interpolates_all_sixteen_coordinates() -> None:
    a = key("cuboid", 0, list(range(16)))
    b = key("cuboid", 4, [v + 4 for v in range(16)])
    assert interpolate_points("cuboid", a, b, 1)[0] == [v + 1 for v in range(16)]


def test_3d_cuboid_angles_take_the_shortest_arc_and_the_rest_is_linear() -> None:
    a = key("cuboid", 0, [0, 0, 0, 3.0, 0, 0.5, 1, 1, 1] + [0] * 7)
    b = key("cuboid", 4, [4, 8, 0, -3.0, 0, -0.5, 3, 1, 1] + [0] * 7)
    points, _ = interpolate_points("cuboid", a, b, 1, is_3d=True)
    # 3.0 -> -3.0 crosses pi: the short way is +(2*pi - 6), a quarter of which is added.
    assert points[:9] == pytest.approx([1, 2, 0, 3.0 + (2 * math.pi - 6) / 4, 0, 0.25, 1.5, 1, 1])


def test_3d_cuboid_angles_stay_within_minus_pi_and_pi() -> None:
    a = key("cuboid", 0, [0, 0, 0, 3.0, 0, 0, 1, 1, 1] + [0] * 7)
    b = key("cuboid", 4, [0, 0, 0, -3.0, 0, 0, 1, 1, 1] + [0] * 7)
    assert interpolate_points("cuboid", a, b, 3, is_3d=True)[0][3] == pytest.approx(-3.0 - (2 * math.pi - 6) / 4)


def test_a_single_point_moves_linearly() -> None:
    a = key("points", 0, [0, 0])
    b = key("points", 4, [8, 4])
    assert interpolate_points("points", a, b, 1) == ([2, 1], 0)


def test_several_points_repeat_the_left_keyframe() -> None:
    a = key("points", 0, [0, 0, 1, 1])
    b = key("points", 4, [8, 4, 9, 9])
    assert interpolate_points("points", a, b, 3) == ([0, 0, 1, 1], 0)


def test_mask_repeats_the_left_keyframe() -> None:
    a = key("mask", 0, [0, 4, 0, 0, 1, 1], rotation=0)
    b = key("mask", 2, [1, 3, 2, 2, 3, 3])
    assert interpolate_points("mask", a, b, 1) == ([0, 4, 0, 0, 1, 1], 0)


def test_polygon_with_corresponding_vertices_moves_each_vertex() -> None:
    a = key("polygon", 0, [0, 0, 10, 0, 10, 10, 0, 10])
    b = key("polygon", 2, [10, 0, 20, 0, 20, 10, 10, 10], rotation=30)
    # Polygons keep the left rotation: only geometry is interpolated.
    assert interpolate_points("polygon", a, b, 1) == ([5, 0, 15, 0, 15, 10, 5, 10], 0)


def test_polyline_gaining_a_vertex_splits_the_nearest_left_vertex() -> None:
    # Right offsets 0, .5, 1; the middle one is unmatched and ties between left 0 and 1: the first wins.
    a = key("polyline", 0, [0, 0, 10, 0])
    b = key("polyline", 2, [0, 10, 5, 10, 10, 10])
    assert interpolate_points("polyline", a, b, 1) == ([0, 5, 2.5, 5, 10, 5], 0)


def test_left_vertices_crowding_one_right_vertex_are_thinned() -> None:
    # Left offsets 0, .02, .04, 1: the first three all move to right vertex 0. At t=.75 they lie
    # .05 apart, under the threshold L/(2N) = .4/6, so the middle one goes.
    a = key("polyline", 0, [0, 0, 0.2, 0, 0.4, 0, 10, 0])
    b = key("polyline", 4, [0, 10, 10, 10])
    assert interpolate_points("polyline", a, b, 3)[0] == pytest.approx([0, 7.5, 0.1, 7.5, 10, 7.5])


def test_two_crowded_points_closer_than_the_threshold_collapse_to_their_midpoint() -> None:
    a = key("polyline", 0, [0, 0, 0.2, 0, 10, 0])
    b = key("polyline", 10, [0, 10, 10, 10])
    # At t=.9 the pair is .02 apart, under .2/(2*2) = .05.
    assert interpolate_points("polyline", a, b, 9)[0] == pytest.approx([0.01, 9, 10, 9])


def test_polygon_losing_a_vertex_merges_it_only_when_close() -> None:
    # Closed square offsets 0,.25,.5,.75,1; closed triangle 0,.293,.586,1: left 2 and 3 both go to
    # right 2 and form a stretch of length 4, threshold 1.
    a = key("polygon", 0, [0, 0, 4, 0, 4, 4, 0, 4])
    b = key("polygon", 10, [0, 0, 4, 0, 4, 4])
    assert interpolate_points("polygon", a, b, 5)[0] == [0, 0, 4, 0, 4, 4, 2, 4]
    assert interpolate_points("polygon", a, b, 9)[0] == pytest.approx([0, 0, 4, 0, 3.8, 4])


def test_keyframes_of_different_types_cannot_be_interpolated() -> None:
    with pytest.raises(InterpolationError):
        interpolate_points("rectangle", key("rectangle", 0, [0, 0, 1, 1]), key("ellipse", 2, [0, 0, 1, 1]), 1)
    with pytest.raises(InterpolationError):
        expand_track(track(key("rectangle", 0, [0, 0, 1, 1]), key("polygon", 2, [0, 0, 1, 1, 1, 0])), 0, 3)


def test_rectangles_with_different_coordinate_counts_cannot_be_interpolated() -> None:
    with pytest.raises(InterpolationError):
        interpolate_points("rectangle", key("rectangle", 0, [0, 0, 1, 1]), key("rectangle", 2, [0, 0, 1]), 1)


def test_a_frame_outside_the_keyframe_interval_is_refused() -> None:
    with pytest.raises(InterpolationError):
        interpolate_points("rectangle", key("rectangle", 0, [0, 0, 1, 1]), key("rectangle", 2, [0, 0, 1, 1]), 2)


# --- expanding a track, hand-computed ------------------------------------------------------------


def test_generated_shapes_copy_the_left_keyframe_except_geometry() -> None:
    left = key("rectangle", 0, [0, 0, 2, 2], occluded=True, z_order=3, attributes=attrs(s7="a"), id=11)
    shapes = expand_track(track(left, key("rectangle", 2, [2, 2, 4, 4], z_order=5)), 0, 2)
    assert shapes[1] == TrackedShape(
        "rectangle", 1, [1, 1, 3, 3], occluded=True, z_order=3, attributes=attrs(s7="a"), keyframe=False, id=None
    )
    assert [s.keyframe for s in shapes] == [True, False, True]


def test_mutable_attributes_persist_until_a_keyframe_changes_them() -> None:
    shapes = expand_track(
        track(
            key("points", 0, [0, 0], attributes=attrs(s1="x", s2="y")),
            key("points", 2, [0, 0], attributes=attrs(s2="z")),
            key("points", 3, [0, 0]),
        ),
        0,
        3,
    )
    assert [{a.spec_id: a.value for a in s.attributes} for s in shapes] == [
        {1: "x", 2: "y"},
        {1: "x", 2: "y"},
        {1: "x", 2: "z"},
        {1: "x", 2: "z"},
    ]


def test_the_last_visible_keyframe_is_repeated_up_to_stop() -> None:
    shapes = expand_track(track(key("rectangle", 2, [0, 0, 1, 1])), 0, 5)
    assert frames(shapes) == [2, 3, 4, 5]
    assert all(s.points == [0, 0, 1, 1] and not s.keyframe for s in shapes[1:])


def test_an_outside_stretch_is_skipped_but_its_outside_keyframe_is_kept() -> None:
    shapes = expand_track(
        track(key("rectangle", 0, [0] * 4), key("rectangle", 3, [3] * 4, outside=True), key("rectangle", 6, [6] * 4)),
        0,
        7,
    )
    assert frames(shapes) == [0, 1, 2, 3, 6, 7]
    assert [s.outside for s in shapes] == [False, False, False, True, False, False]


def test_include_outside_fills_the_outside_stretch_with_outside_shapes() -> None:
    shapes = expand_track(
        track(key("rectangle", 0, [0] * 4), key("rectangle", 3, [3] * 4, outside=True), key("rectangle", 6, [6] * 4)),
        0,
        7,
        include_outside=True,
    )
    assert frames(shapes) == list(range(8))
    assert [s.points[0] for s in shapes[3:6]] == [3, 4, 5]
    assert [s.outside for s in shapes[3:6]] == [True, True, True]


def test_a_track_ending_outside_is_not_propagated() -> None:
    shapes = expand_track(track(key("rectangle", 0, [0] * 4), key("rectangle", 2, [2] * 4, outside=True)), 0, 9)
    assert frames(shapes) == [0, 1, 2]


def test_a_keyframe_after_stop_still_bounds_the_interpolation() -> None:
    shapes = expand_track(track(key("rectangle", 0, [0] * 4), key("rectangle", 10, [10] * 4)), 0, 4)
    assert frames(shapes) == [0, 1, 2, 3, 4]
    assert shapes[-1].points == [4] * 4


def test_start_cuts_off_earlier_frames_but_not_the_interpolation() -> None:
    shapes = expand_track(track(key("rectangle", 0, [0] * 4), key("rectangle", 10, [10] * 4)), 7, 12)
    assert frames(shapes) == [7, 8, 9, 10, 11, 12]
    assert shapes[0].points == [7] * 4


def test_no_shape_precedes_the_track_frame() -> None:
    shapes = expand_track(track(key("rectangle", 0, [0] * 4), key("rectangle", 4, [4] * 4), frame=2), 0, 4)
    assert frames(shapes) == [2, 3, 4]


def test_keyframes_on_deleted_frames_are_ignored() -> None:
    # Reference §6.1: 0 visible, 1 outside, 2 visible but deleted => nothing on frame 3.
    shapes = expand_track(
        track(key("rectangle", 0, [0] * 4), key("rectangle", 1, [1] * 4, outside=True), key("rectangle", 2, [2] * 4)),
        0,
        3,
        deleted_frames={2},
    )
    assert frames(shapes) == [0, 1]


def test_deleted_frames_get_no_shape_but_interpolation_runs_across_them() -> None:
    shapes = expand_track(
        track(key("rectangle", 0, [0] * 4), key("rectangle", 4, [4] * 4)), 0, 6, deleted_frames=[2, 5]
    )
    assert frames(shapes) == [0, 1, 3, 4, 6]
    assert shapes[2].points == [3] * 4


def test_included_frames_limit_the_output_frames() -> None:
    shapes = expand_track(
        track(key("rectangle", 0, [0] * 4), key("rectangle", 4, [4] * 4)), 0, 9, included_frames=[1, 4, 8]
    )
    assert frames(shapes) == [1, 4, 8]


def test_two_keyframes_on_one_frame_are_rejected() -> None:
    with pytest.raises(InterpolationError):
        expand_track(track(key("rectangle", 0, [0] * 4), key("rectangle", 0, [1] * 4)), 0, 3)


def test_expanding_leaves_the_track_untouched() -> None:
    original = track(key("points", 0, [0, 0], attributes=attrs(s1="x")), key("points", 2, [2, 2]))
    snapshot = repr(original)
    expand_track(original, 0, 5)
    assert repr(original) == snapshot


def skeleton(*parent: TrackedShape) -> Track:
    nose = track(key("points", 0, [0, 0]), key("points", 3, [3, 3], outside=True), key("points", 4, [4, 4]), label_id=2)
    tail = track(key("points", 0, [9, 9]), key("points", 2, [9, 9], outside=True), label_id=3)
    parent = parent or (key("skeleton", 0, []), key("skeleton", 4, []))
    return track(*parent, elements=[nose, tail], group=4, source="auto")


def test_skeleton_elements_are_attached_to_their_parent_frames_with_their_outside_state() -> None:
    frames_ = expand_skeleton_track(skeleton(), 0, 5, include_outside=True)
    assert [parent.frame for parent, _ in frames_] == [0, 1, 2, 3, 4, 5]
    assert [[e.outside for e in elements] for _, elements in frames_] == [
        [False, False],
        [False, False],
        [False, True],
        [True, True],
        [False, True],
        [False, True],
    ]
    assert frames_[1][1][0].points == [1, 1]


def test_a_skeleton_frame_with_every_element_outside_is_dropped() -> None:
    assert [parent.frame for parent, _ in expand_skeleton_track(skeleton(), 0, 5)] == [0, 1, 2, 4, 5]


def test_skeleton_elements_appear_only_where_the_parent_has_a_shape() -> None:
    frames_ = expand_skeleton_track(skeleton(key("skeleton", 0, []), key("skeleton", 1, [], outside=True)), 0, 5)
    assert [(parent.frame, len(elements)) for parent, elements in frames_] == [(0, 2), (1, 2)]


def test_frame_shapes_carry_the_track_label_group_source_and_both_attribute_kinds() -> None:
    shapes = track_to_frame_shapes(
        track(
            key("rectangle", 0, [0] * 4, attributes=attrs(s1="m")),
            label_id=7,
            group=2,
            source="auto",
            attributes=attrs(s9="i"),
        ),
        0,
        1,
    )
    assert [(s.frame, s.label_id, s.group, s.source) for s in shapes] == [(0, 7, 2, "auto"), (1, 7, 2, "auto")]
    assert shapes[1].attributes == attrs(s1="m", s9="i")


def test_frame_shapes_of_a_skeleton_carry_element_labels() -> None:
    shapes = track_to_frame_shapes(skeleton(), 0, 1)
    assert [[e.label_id for e in s.elements] for s in shapes] == [[2, 3], [2, 3]]
    assert all(s.type == "skeleton" and s.group == 4 and s.source == "auto" for s in shapes)


# --- properties ---------------------------------------------------------------------------------

coordinate = st.integers(-1000, 1000).map(float)
angle = st.floats(0, 360, exclude_max=True, allow_nan=False)


@st.composite
def rectangle_tracks(draw: st.DrawFn) -> Track:
    keyframes = draw(st.lists(st.integers(0, 40), min_size=1, max_size=6, unique=True))
    return track(
        *(
            key(
                "rectangle",
                f,
                draw(st.lists(coordinate, min_size=4, max_size=4)),
                rotation=draw(angle),
                outside=draw(st.booleans()),
            )
            for f in sorted(keyframes)
        )
    )


@given(rectangle_tracks(), st.booleans())
def test_keyframes_come_back_unchanged(tr: Track, include_outside: bool) -> None:
    by_frame = {s.frame: s for s in expand_track(tr, 0, 50, include_outside=include_outside)}
    for keyframe in tr.shapes:
        assert by_frame[keyframe.frame] == replace(keyframe, keyframe=True)


@given(
    st.lists(coordinate, min_size=4, max_size=4),
    st.lists(coordinate, min_size=4, max_size=4),
    st.integers(2, 50),
    st.data(),
)
def test_rectangles_stay_between_their_keyframes(
    a: list[float], b: list[float], span: int, data: st.DataObject
) -> None:
    frame = data.draw(st.integers(1, span - 1))
    points, _ = interpolate_points("rectangle", key("rectangle", 0, a), key("rectangle", span, b), frame)
    for x, lo, hi in zip(points, a, b, strict=True):
        assert min(lo, hi) - 1e-9 <= x <= max(lo, hi) + 1e-9


def arc(a: float, b: float) -> float:
    """The unsigned angle between two directions in degrees (0..180)."""
    return abs(((b - a + 180) % 360) - 180)


@given(angle, angle, st.integers(2, 50), st.data())
def test_rotation_stays_in_range_and_on_the_short_arc(ra: float, rb: float, span: int, data: st.DataObject) -> None:
    frame = data.draw(st.integers(1, span - 1))
    _, r = interpolate_points(
        "rectangle", key("rectangle", 0, [0] * 4, rotation=ra), key("rectangle", span, [0] * 4, rotation=rb), frame
    )
    assert 0 <= r < 360
    assert arc(ra, r) + arc(r, rb) == pytest.approx(arc(ra, rb), abs=1e-6)
    assert arc(ra, rb) <= 180


def distinct_consecutive(points: list[float]) -> bool:
    pairs = list(zip(points[::2], points[1::2], strict=True))
    return all(p != q for p, q in zip(pairs, pairs[1:] + pairs[:1], strict=True))


@given(
    st.lists(st.integers(-100, 100).map(float), min_size=6, max_size=24).filter(lambda p: len(p) % 2 == 0),
    st.integers(-50, 50),
    st.integers(-50, 50),
    st.sampled_from([0.5, 1.0, 2.0, 4.0]),
    st.sampled_from(["polygon", "polyline"]),
)
def test_a_polygon_and_its_moved_copy_keep_their_vertices_and_approach_both_ends(
    left: list[float], dx: int, dy: int, scale: float, type_: str
) -> None:
    # Integer shifts and power-of-two scales keep the normalised arc offsets bit-identical, so
    # every vertex corresponds to its copy and nothing is thinned.
    assume(distinct_consecutive(left))
    right = [v * scale + (dx if i % 2 == 0 else dy) for i, v in enumerate(left)]
    a, b = key(type_, 0, left), key(type_, 10**6, right)
    near_left, _ = interpolate_points(type_, a, b, 1)
    near_right, _ = interpolate_points(type_, a, b, 10**6 - 1)
    assert near_left == pytest.approx(left, abs=1e-3)
    assert near_right == pytest.approx(right, abs=1e-3)


polygon_points = st.lists(coordinate, min_size=6, max_size=30).filter(lambda p: len(p) % 2 == 0)


@given(polygon_points, polygon_points, st.integers(1, 9), st.sampled_from(["polygon", "polyline"]))
def test_resampled_points_are_convex_combinations_of_both_keyframes(
    left: list[float], right: list[float], frame: int, type_: str
) -> None:
    points, _ = interpolate_points(type_, key(type_, 0, left), key(type_, 10, right), frame)
    assert points and len(points) % 2 == 0
    xs, ys = left[::2] + right[::2], left[1::2] + right[1::2]
    assert all(min(xs) - 1e-9 <= x <= max(xs) + 1e-9 for x in points[::2])
    assert all(min(ys) - 1e-9 <= y <= max(ys) + 1e-9 for y in points[1::2])


@given(
    rectangle_tracks(), st.integers(0, 50), st.integers(0, 50), st.sets(st.integers(0, 50), max_size=10), st.booleans()
)
def test_expanded_frames_increase_within_the_range_and_avoid_deleted_frames(
    tr: Track, start: int, stop: int, deleted: set[int], include_outside: bool
) -> None:
    got = frames(expand_track(tr, start, stop, deleted_frames=deleted, include_outside=include_outside))
    assert got == sorted(set(got))
    assert all(start <= f <= stop and f not in deleted for f in got)


@given(rectangle_tracks(), st.integers(0, 60), st.sets(st.integers(0, 60), max_size=10))
# Most generated tracks end outside or past `stop`; the filter is the point of the test.
@settings(suppress_health_check=[HealthCheck.filter_too_much])
def test_the_last_visible_keyframe_covers_every_later_frame(tr: Track, stop: int, deleted: set[int]) -> None:
    kept = [s for s in tr.shapes if s.frame not in deleted]
    assume(kept and not kept[-1].outside and kept[-1].frame <= stop)
    got = expand_track(tr, 0, stop, deleted_frames=deleted)
    last = kept[-1]
    after = [s for s in got if s.frame > last.frame]
    assert frames(after) == [f for f in range(last.frame + 1, stop + 1) if f not in deleted]
    assert all(s.points == last.points and s.rotation == last.rotation for s in after)


# --- shared test vectors ------------------------------------------------------------------------


def kf(type_: str, frame: int, points: Sequence[float], **fields: Any) -> Json:
    shape: Json = {
        "type": type_,
        "frame": frame,
        "points": list(points),
        "rotation": 0.0,
        "occluded": False,
        "outside": False,
        "z_order": 0,
        "attributes": [],
    }
    shape.update(fields)
    return shape


def tr_json(*shapes: Json, **fields: Any) -> Json:
    data: Json = {
        "frame": min(s["frame"] for s in shapes),
        "label_id": 1,
        "group": 0,
        "source": "manual",
        "attributes": [],
        "shapes": list(shapes),
        "elements": [],
    }
    data.update(fields)
    return data


def case(name: str, track_: Json, start: int, stop: int, **options: Any) -> Json:
    return {
        "name": name,
        "track": track_,
        "start": start,
        "stop": stop,
        "include_outside": options.get("include_outside", False),
        "deleted_frames": options.get("deleted_frames", []),
        "included_frames": options.get("included_frames"),
        "is_3d": options.get("is_3d", False),
    }


SQUARE, TRIANGLE = [0, 0, 4, 0, 4, 4, 0, 4], [0, 0, 4, 0, 4, 4]
HEPTAGON = [10, 0, 16, 3, 18, 9, 14, 15, 7, 16, 2, 11, 3, 4]
VECTOR_CASES: list[Json] = [
    case(
        "rectangle moves and turns",
        tr_json(kf("rectangle", 0, [0, 0, 10, 10]), kf("rectangle", 10, [10, 20, 30, 40], rotation=90)),
        0,
        10,
    ),
    case(
        "rotation wraps through zero",
        tr_json(kf("rectangle", 0, [0, 0, 1, 1], rotation=350), kf("rectangle", 4, [0, 0, 1, 1], rotation=10)),
        0,
        4,
    ),
    case(
        "rotation of half a turn",
        tr_json(kf("ellipse", 0, [5, 5, 8, 2]), kf("ellipse", 3, [6, 5, 9, 1], rotation=180)),
        0,
        3,
    ),
    case(
        "2d cuboid", tr_json(kf("cuboid", 0, list(range(16))), kf("cuboid", 3, [v * 1.5 + 2 for v in range(16)])), 0, 3
    ),
    case(
        "3d cuboid angles on the short arc",
        tr_json(
            kf("cuboid", 0, [0, 0, 0, 3.0, 0.1, 0.5, 1, 1, 1] + [0] * 7),
            kf("cuboid", 5, [5, 1, 2, -3.0, 6.0, -0.5, 2, 1, 3] + [0] * 7),
        ),
        0,
        5,
        is_3d=True,
    ),
    case("single point moves", tr_json(kf("points", 0, [0, 0]), kf("points", 3, [3, 6])), 0, 3),
    case(
        "several points repeat the left keyframe",
        tr_json(kf("points", 0, [0, 0, 1, 1]), kf("points", 3, [3, 6, 7, 7])),
        0,
        4,
    ),
    case(
        "mask repeats the left keyframe",
        tr_json(kf("mask", 0, [0, 4, 0, 0, 1, 1]), kf("mask", 2, [1, 3, 2, 2, 3, 3])),
        0,
        3,
    ),
    case(
        "polygon translated",
        tr_json(kf("polygon", 0, [0, 0, 10, 0, 10, 10, 0, 10]), kf("polygon", 4, [10, 0, 20, 0, 20, 10, 10, 10])),
        0,
        4,
    ),
    case("polygon square to triangle", tr_json(kf("polygon", 0, SQUARE), kf("polygon", 10, TRIANGLE)), 0, 10),
    case("polygon triangle to square", tr_json(kf("polygon", 0, TRIANGLE), kf("polygon", 10, SQUARE)), 0, 10),
    case(
        "polygon heptagon to square",
        tr_json(kf("polygon", 0, HEPTAGON), kf("polygon", 8, [0, 0, 20, 0, 20, 20, 0, 20])),
        0,
        8,
    ),
    case(
        "polyline gains a vertex",
        tr_json(kf("polyline", 0, [0, 0, 10, 0]), kf("polyline", 2, [0, 10, 5, 10, 10, 10])),
        0,
        2,
    ),
    case(
        "polyline thinning and collapse",
        tr_json(kf("polyline", 0, [0, 0, 0.2, 0, 0.4, 0, 10, 0]), kf("polyline", 20, [0, 10, 10, 10])),
        0,
        20,
    ),
    case(
        "mutable attributes carry over",
        tr_json(
            kf("points", 0, [0, 0], attributes=[{"spec_id": 1, "value": "x"}, {"spec_id": 2, "value": "y"}]),
            kf("points", 2, [2, 2], attributes=[{"spec_id": 2, "value": "z"}], occluded=True, z_order=2),
            kf("points", 4, [4, 4]),
            attributes=[{"spec_id": 9, "value": "immutable"}],
        ),
        0,
        5,
    ),
    case(
        "outside stretch skipped",
        tr_json(
            kf("rectangle", 0, [0, 0, 2, 2]),
            kf("rectangle", 3, [3, 3, 5, 5], outside=True),
            kf("rectangle", 6, [6, 6, 8, 8]),
        ),
        0,
        8,
    ),
    case(
        "outside stretch included",
        tr_json(
            kf("rectangle", 0, [0, 0, 2, 2]),
            kf("rectangle", 3, [3, 3, 5, 5], outside=True),
            kf("rectangle", 6, [6, 6, 8, 8]),
        ),
        0,
        8,
        include_outside=True,
    ),
    case("propagation after the last keyframe", tr_json(kf("ellipse", 2, [5, 5, 8, 2], rotation=12.5)), 0, 5),
    case("keyframe after stop", tr_json(kf("rectangle", 0, [0, 0, 3, 3]), kf("rectangle", 7, [7, 0, 10, 3])), 2, 4),
    case(
        "track frame after the first keyframe",
        tr_json(kf("rectangle", 0, [0, 0, 3, 3]), kf("rectangle", 4, [4, 0, 7, 3]), frame=2),
        0,
        5,
    ),
    case(
        "keyframe on a deleted frame is ignored",
        tr_json(
            kf("rectangle", 0, [0, 0, 1, 1]),
            kf("rectangle", 1, [1, 1, 2, 2], outside=True),
            kf("rectangle", 2, [2, 2, 3, 3]),
        ),
        0,
        3,
        deleted_frames=[2],
    ),
    case(
        "deleted and included frames",
        tr_json(kf("rectangle", 0, [0, 0, 1, 1]), kf("rectangle", 3, [3, 3, 4, 4]), kf("rectangle", 6, [0, 0, 1, 1])),
        0,
        9,
        deleted_frames=[3, 4],
        included_frames=[1, 3, 5, 8],
    ),
]


def skeleton_json() -> Json:
    nose = tr_json(kf("points", 0, [0, 0]), kf("points", 3, [3, 3], outside=True), kf("points", 5, [5, 5]), label_id=2)
    tail = tr_json(kf("points", 0, [9, 9], occluded=True), kf("points", 2, [9, 9], outside=True), label_id=3)
    return tr_json(kf("skeleton", 0, []), kf("skeleton", 5, []), elements=[nose, tail], label_id=1, source="auto")


VECTOR_CASES += [
    case("skeleton drops frames with every element outside", skeleton_json(), 0, 6),
    case("skeleton keeps outside frames when asked", skeleton_json(), 0, 6, include_outside=True),
]

# Fractional data, so that every rounding step of the ports is exercised (the cases above are mostly
# exact in binary floating point).
VECTOR_CASES += [
    case(
        "fractional rectangle and rotation",
        tr_json(
            kf("rectangle", 0, [12.25, 7.1, 88.3, 40.05], rotation=123.456),
            kf("rectangle", 7, [15.5, 9.9, 91.1, 42.7], rotation=301.789),
        ),
        0,
        7,
    ),
    case(
        "3d cuboid angles wrap across minus pi",
        tr_json(
            kf("cuboid", 0, [0.5, 1.25, 2, -3.0, 2.9, -0.2, 1.5, 2.5, 3.5] + [0] * 7),
            kf("cuboid", 6, [3.3, -1.7, 2.2, 3.1, -2.8, 0.3, 1.1, 2.7, 3.9] + [0] * 7),
        ),
        0,
        6,
        is_3d=True,
    ),
    case(
        "polygon with irrational edge lengths",
        tr_json(
            kf("polygon", 0, [1.5, 2.25, 30.1, 4.7, 27.3, 25.9, 8.8, 31.4, 0.3, 17.6]),
            kf("polygon", 9, [3.3, 1.1, 29.9, 8.2, 15.5, 33.3]),
        ),
        0,
        9,
    ),
    case(
        "polyline fans out to many vertices",
        tr_json(
            kf("polyline", 0, [0, 0, 50.5, 3.3]),
            kf("polyline", 6, [0, 10, 5.5, 12.1, 11.3, 9.7, 17.9, 13.3, 25.1, 10.2, 33.7, 12.8, 50.5, 11.1]),
        ),
        0,
        6,
    ),
    case(
        "collapsed polygon grows back out",
        tr_json(kf("polygon", 0, [7.5, 7.5, 7.5, 7.5, 7.5, 7.5]), kf("polygon", 4, [2.2, 3.1, 14.9, 4.4, 8.6, 16.3])),
        0,
        4,
    ),
]


def track_from_json(data: Json) -> Track:
    return Track(
        frame=data["frame"],
        label_id=data["label_id"],
        group=data.get("group", 0),
        source=data.get("source", "manual"),
        attributes=[AttributeValue(a["spec_id"], a["value"]) for a in data.get("attributes", [])],
        shapes=[
            TrackedShape(
                type=s["type"],
                frame=s["frame"],
                points=[float(p) for p in s["points"]],
                rotation=float(s.get("rotation", 0.0)),
                occluded=s.get("occluded", False),
                outside=s.get("outside", False),
                z_order=s.get("z_order", 0),
                attributes=[AttributeValue(a["spec_id"], a["value"]) for a in s.get("attributes", [])],
            )
            for s in data["shapes"]
        ],
        elements=[track_from_json(e) for e in data.get("elements", [])],
    )


def shape_to_json(shape: TrackedShape) -> Json:
    return {
        "type": shape.type,
        "frame": shape.frame,
        "points": shape.points,
        "rotation": shape.rotation,
        "occluded": shape.occluded,
        "outside": shape.outside,
        "z_order": shape.z_order,
        "attributes": [{"spec_id": a.spec_id, "value": a.value} for a in shape.attributes],
        "keyframe": shape.keyframe,
    }


def expected_for(vector: Json) -> list[Json]:
    tr = track_from_json(vector["track"])
    options: dict[str, Any] = {
        "include_outside": vector["include_outside"],
        "deleted_frames": vector["deleted_frames"],
        "included_frames": vector["included_frames"],
        "is_3d": vector["is_3d"],
    }
    if tr.elements:
        return [
            {**shape_to_json(parent), "elements": [shape_to_json(e) for e in elements]}
            for parent, elements in expand_skeleton_track(tr, vector["start"], vector["stop"], **options)
        ]
    return [shape_to_json(s) for s in expand_track(tr, vector["start"], vector["stop"], **options)]


def load_vectors() -> list[Json]:
    vectors: list[Json] = json.loads(VECTORS_PATH.read_text())
    return vectors


@pytest.mark.parametrize("name", [vector["name"] for vector in VECTOR_CASES])
def test_the_implementation_reproduces_the_shared_vector_exactly(name: str) -> None:
    (vector,) = [vector for vector in load_vectors() if vector["name"] == name]
    assert expected_for(vector) == vector["expected"]


def test_the_vector_file_holds_exactly_the_defined_cases() -> None:
    assert [{k: v for k, v in vector.items() if k != "expected"} for vector in load_vectors()] == VECTOR_CASES


def test_vectors_agree_with_the_hand_computed_values() -> None:
    by_name = {vector["name"]: vector["expected"] for vector in load_vectors()}
    assert by_name["rectangle moves and turns"][5]["points"] == [5, 10, 20, 25]
    assert [s["rotation"] for s in by_name["rotation wraps through zero"]] == [350, 355, 0, 5, 10]
    assert by_name["polygon square to triangle"][5]["points"] == [0, 0, 4, 0, 4, 4, 2, 4]
    assert by_name["polyline gains a vertex"][1]["points"] == [0, 5, 2.5, 5, 10, 5]
    assert [s["frame"] for s in by_name["keyframe on a deleted frame is ignored"]] == [0, 1]
    assert [s["frame"] for s in by_name["deleted and included frames"]] == [1, 5, 8]


def write_vectors() -> None:
    cases = [{**vector, "expected": expected_for(vector)} for vector in VECTOR_CASES]
    VECTORS_PATH.parent.mkdir(exist_ok=True)
    VECTORS_PATH.write_text("[\n" + ",\n".join(json.dumps(c) for c in cases) + "\n]\n")


if __name__ == "__main__":
    write_vectors()
