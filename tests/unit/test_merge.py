"""Merging overlapping jobs into task annotations follows CVAT (cvat-api.md §6.2)."""

from __future__ import annotations

from copy import deepcopy

from contour.core.annotations.merge import merge_job_annotations
from contour.core.annotations.model import Annotations, Shape, Tag, Track, TrackedShape

# Two jobs of a task with segment size 10 and overlap 3: frames 7, 8 and 9 belong to both.
OVERLAP = 3
FIRST = (0, 9)
SECOND = (7, 16)


def rect(frame: int, box: list[float], *, label: int = 1, id: int | None = None) -> Shape:
    return Shape(type="rectangle", frame=frame, label_id=label, points=box, id=id)


def key(frame: int, x: float, *, outside: bool = False, type: str = "rectangle") -> TrackedShape:
    points = [] if type == "skeleton" else [x, 0.0, x + 10.0, 10.0]
    return TrackedShape(type=type, frame=frame, points=points, outside=outside)


def track(*shapes: TrackedShape, label: int = 1, id: int | None = None, elements: list[Track] | None = None) -> Track:
    return Track(frame=shapes[0].frame, label_id=label, shapes=list(shapes), id=id, elements=elements or [])


def merge(first: Annotations, second: Annotations, *, is_3d: bool = False) -> Annotations:
    return merge_job_annotations([(*FIRST, first), (*SECOND, second)], OVERLAP, is_3d=is_3d)


def keyframes(t: Track) -> list[tuple[int, float, bool]]:
    return [(s.frame, s.points[0] if s.points else 0.0, s.outside) for s in t.shapes]


def test_a_single_job_is_taken_whole() -> None:
    data = Annotations(tags=[Tag(frame=1, label_id=1)], shapes=[rect(3, [0, 0, 5, 5])], tracks=[track(key(2, 0))])
    merged = merge_job_annotations([(0, 9, data)], OVERLAP)
    assert (merged.tags, merged.shapes, merged.tracks) == (data.tags, data.shapes, data.tracks)


def test_the_same_rectangle_on_an_overlap_frame_becomes_one_keeping_the_earlier_jobs_id() -> None:
    merged = merge(
        Annotations(shapes=[rect(8, [0, 0, 10, 10], id=1)]), Annotations(shapes=[rect(8, [0, 0, 10, 10], id=2)])
    )
    assert [s.id for s in merged.shapes] == [1]


def test_rectangles_with_iou_075_merge() -> None:
    merged = merge(
        Annotations(shapes=[rect(8, [0, 0, 10, 10], id=1)]), Annotations(shapes=[rect(8, [0, 0, 10, 7.5], id=2)])
    )
    assert [s.id for s in merged.shapes] == [1]


def test_rectangles_with_iou_07_are_both_kept() -> None:
    merged = merge(
        Annotations(shapes=[rect(8, [0, 0, 10, 10], id=1)]), Annotations(shapes=[rect(8, [0, 0, 10, 7], id=2)])
    )
    assert [s.id for s in merged.shapes] == [1, 2]


def test_shapes_with_different_labels_never_merge() -> None:
    merged = merge(
        Annotations(shapes=[rect(8, [0, 0, 10, 10], label=1, id=1)]),
        Annotations(shapes=[rect(8, [0, 0, 10, 10], label=2, id=2)]),
    )
    assert [s.id for s in merged.shapes] == [1, 2]


def test_shapes_of_different_types_never_merge() -> None:
    polygon = Shape(type="polygon", frame=8, label_id=1, points=[0, 0, 10, 0, 10, 10, 0, 10], id=2)
    merged = merge(Annotations(shapes=[rect(8, [0, 0, 10, 10], id=1)]), Annotations(shapes=[polygon]))
    assert [s.id for s in merged.shapes] == [1, 2]


def test_identical_polygons_merge() -> None:
    square = [0.0, 0.0, 10.0, 0.0, 10.0, 10.0, 0.0, 10.0]
    merged = merge(
        Annotations(shapes=[Shape(type="polygon", frame=8, label_id=1, points=square, id=1)]),
        Annotations(shapes=[Shape(type="polygon", frame=8, label_id=1, points=list(square), id=2)]),
    )
    assert [s.id for s in merged.shapes] == [1]


def test_polyline_and_points_duplicates_on_overlap_frames_remain() -> None:
    line = Shape(type="polyline", frame=8, label_id=1, points=[0, 0, 10, 10], id=1)
    dots = Shape(type="points", frame=8, label_id=1, points=[5, 5], id=2)
    merged = merge(
        Annotations(shapes=[line, dots]),
        Annotations(shapes=[deepcopy(line), deepcopy(dots)]),
    )
    assert [s.id for s in merged.shapes] == [1, 2, 1, 2]


def test_shapes_on_different_overlap_frames_do_not_merge() -> None:
    merged = merge(
        Annotations(shapes=[rect(8, [0, 0, 10, 10], id=1)]), Annotations(shapes=[rect(9, [0, 0, 10, 10], id=2)])
    )
    assert [s.id for s in merged.shapes] == [1, 2]


def test_objects_after_the_overlap_are_appended_unchanged() -> None:
    # The first job cannot reach frame 10; an identical object there is still not compared.
    merged = merge(
        Annotations(shapes=[rect(10, [0, 0, 10, 10], id=1)]), Annotations(shapes=[rect(10, [0, 0, 10, 10], id=2)])
    )
    assert [s.id for s in merged.shapes] == [1, 2]


def test_each_incoming_shape_merges_with_its_best_match() -> None:
    left, right = [0.0, 0.0, 10.0, 10.0], [100.0, 0.0, 110.0, 10.0]
    merged = merge(
        Annotations(shapes=[rect(8, left, id=1), rect(8, right, id=2)]),
        Annotations(shapes=[rect(8, right, id=3), rect(8, left, id=4), rect(8, [50, 50, 60, 60], id=5)]),
    )
    assert [s.id for s in merged.shapes] == [1, 2, 5]


def test_tags_with_the_same_label_on_the_same_frame_merge() -> None:
    merged = merge(
        Annotations(tags=[Tag(frame=8, label_id=1, id=1)]), Annotations(tags=[Tag(frame=8, label_id=1, id=2)])
    )
    assert [t.id for t in merged.tags] == [1]


def test_tags_with_different_labels_are_both_kept() -> None:
    merged = merge(
        Annotations(tags=[Tag(frame=8, label_id=1, id=1)]), Annotations(tags=[Tag(frame=8, label_id=2, id=2)])
    )
    assert [t.id for t in merged.tags] == [1, 2]


def test_a_track_crossing_the_overlap_is_joined_with_the_union_of_keyframes() -> None:
    # The task's track moves from x=0 on frame 2 to x=100 on frame 12; each job holds its cut.
    old = track(key(2, 0), key(9, 70), id=1)
    new = track(key(7, 50), key(12, 100), id=2)
    merged = merge(Annotations(tracks=[old]), Annotations(tracks=[new]))
    assert len(merged.tracks) == 1
    joined = merged.tracks[0]
    assert (joined.id, joined.frame) == (1, 2)
    assert keyframes(joined) == [(2, 0, False), (7, 50, False), (9, 70, False), (12, 100, False)]


def test_the_old_keyframe_wins_a_shared_frame() -> None:
    old = track(key(2, 0), key(8, 60), id=1)
    new = track(key(7, 50), key(8, 61), key(12, 61), id=2)
    merged = merge(Annotations(tracks=[old]), Annotations(tracks=[new]))
    assert keyframes(merged.tracks[0]) == [(2, 0, False), (7, 50, False), (8, 60, False), (12, 61, False)]


def test_a_united_track_starts_at_the_earlier_frame_and_keeps_that_tracks_id() -> None:
    old = track(key(8, 0), id=1)
    new = track(key(7, 0), key(12, 0), id=2)
    merged = merge(Annotations(tracks=[old]), Annotations(tracks=[new]))
    assert [(t.id, t.frame) for t in merged.tracks] == [(2, 7)]
    assert keyframes(merged.tracks[0]) == [(7, 0, False), (8, 0, False), (12, 0, False)]


def test_tracks_with_different_labels_never_merge() -> None:
    old = track(key(2, 0), id=1, label=1)
    new = track(key(7, 0), id=2, label=2)
    merged = merge(Annotations(tracks=[old]), Annotations(tracks=[new]))
    assert [t.id for t in merged.tracks] == [1, 2]


def test_an_unmatched_old_track_is_closed_after_the_overlap() -> None:
    old = track(key(2, 0), key(5, 30), id=1)
    merged = merge(Annotations(tracks=[old]), Annotations())
    assert keyframes(merged.tracks[0]) == [(2, 0, False), (5, 30, False), (10, 30, True)]
    assert merged.tracks[0].shapes[-1].id is None


def test_an_old_track_is_closed_when_the_incoming_tracks_do_not_match_it() -> None:
    old = track(key(2, 0), id=1)
    far = track(key(7, 500), id=2)
    merged = merge(Annotations(tracks=[old]), Annotations(tracks=[far]))
    assert [t.id for t in merged.tracks] == [1, 2]
    assert keyframes(merged.tracks[0]) == [(2, 0, False), (10, 0, True)]
    assert keyframes(merged.tracks[1]) == [(7, 500, False)]


def test_an_old_track_that_already_ends_is_not_closed_again() -> None:
    old = track(key(2, 0), key(8, 0, outside=True), id=1)
    merged = merge(Annotations(tracks=[old]), Annotations())
    assert keyframes(merged.tracks[0]) == [(2, 0, False), (8, 0, True)]


def test_an_old_track_that_ended_before_the_overlap_is_left_alone() -> None:
    old = track(key(1, 0), key(4, 0, outside=True), id=1)
    new = track(key(7, 0), id=2)
    merged = merge(Annotations(tracks=[old]), Annotations(tracks=[new]))
    assert [keyframes(t) for t in merged.tracks] == [[(1, 0, False), (4, 0, True)], [(7, 0, False)]]


def test_closing_a_skeleton_track_closes_its_elements() -> None:
    element = Track(frame=2, label_id=11, shapes=[TrackedShape(type="points", frame=2, points=[1.0, 1.0])])
    hidden = Track(frame=2, label_id=12, shapes=[TrackedShape(type="points", frame=2, points=[2.0, 2.0], outside=True)])
    skeleton = track(key(2, 0, type="skeleton"), label=10, elements=[element, hidden])
    merged = merge(Annotations(tracks=[skeleton]), Annotations())
    closed = merged.tracks[0]
    assert [(s.frame, s.outside) for s in closed.shapes] == [(2, False), (10, True)]
    assert [(s.frame, s.outside) for s in closed.elements[0].shapes] == [(2, False), (10, True)]
    assert [(s.frame, s.outside) for s in closed.elements[1].shapes] == [(2, True)]


def test_identical_skeleton_tracks_are_not_merged() -> None:
    skeleton = track(key(2, 0, type="skeleton"), label=10, id=1)
    copy = track(key(7, 0, type="skeleton"), label=10, id=2)
    merged = merge(Annotations(tracks=[skeleton]), Annotations(tracks=[copy]))
    assert [t.id for t in merged.tracks] == [1, 2]


def test_3d_cuboids_merge_by_their_top_and_side_views() -> None:
    cuboid = [0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 2.0, 2.0, 2.0] + [0.0] * 7
    first = Shape(type="cuboid", frame=8, label_id=1, points=cuboid, id=1)
    second = Shape(type="cuboid", frame=8, label_id=1, points=list(cuboid), id=2)
    assert [s.id for s in merge(Annotations(shapes=[first]), Annotations(shapes=[second]), is_3d=True).shapes] == [1]
    assert [s.id for s in merge(Annotations(shapes=[first]), Annotations(shapes=[second])).shapes] == [1, 2]


def test_merging_leaves_the_jobs_annotations_unchanged() -> None:
    first = Annotations(tracks=[track(key(2, 0), id=1)], shapes=[rect(8, [0, 0, 10, 10], id=1)])
    second = Annotations(tracks=[track(key(7, 500), id=2)], shapes=[rect(8, [0, 0, 10, 10], id=2)])
    before = deepcopy((first, second))
    merge(first, second)
    assert (first, second) == before


def test_the_version_is_the_highest_of_the_jobs() -> None:
    assert merge(Annotations(version=3), Annotations(version=5)).version == 5


def test_three_jobs_merge_one_after_another() -> None:
    jobs = [
        (0, 9, Annotations(shapes=[rect(8, [0, 0, 10, 10], id=1)], tracks=[track(key(0, 0), key(9, 90), id=1)])),
        (
            7,
            16,
            Annotations(
                shapes=[rect(8, [0, 0, 10, 10], id=2), rect(15, [0, 0, 10, 10], id=3)],
                tracks=[track(key(7, 70), key(16, 160), id=2)],
            ),
        ),
        (
            14,
            20,
            Annotations(shapes=[rect(15, [0, 0, 10, 10], id=4)], tracks=[track(key(14, 140), key(20, 200), id=3)]),
        ),
    ]
    merged = merge_job_annotations(jobs, OVERLAP)
    assert [s.id for s in merged.shapes] == [1, 3]
    assert [t.id for t in merged.tracks] == [1]
    assert [s.frame for s in merged.tracks[0].shapes] == [0, 7, 9, 14, 16, 20]
