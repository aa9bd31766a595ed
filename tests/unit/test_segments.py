"""Segment arithmetic follows CVAT: sizes, overlap defaults and caps, coverage of every frame."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from contour.core.segments import effective_overlap, segments_from_file_mapping, split_into_segments


def test_zero_segment_size_makes_one_segment() -> None:
    assert [(s.start_frame, s.stop_frame) for s in split_into_segments(7, 0, None)] == [(0, 6)]


def test_segments_overlap_by_the_given_amount() -> None:
    assert [(s.start_frame, s.stop_frame) for s in split_into_segments(10, 4, 1)] == [(0, 3), (3, 6), (6, 9)]


def test_video_overlap_defaults_to_five_and_is_capped_at_half_a_segment() -> None:
    assert effective_overlap(None, 20, interpolation=True) == 5
    assert effective_overlap(None, 6, interpolation=True) == 3
    assert effective_overlap(None, 20, interpolation=False) == 0
    assert effective_overlap(9, 10, interpolation=False) == 5


def test_file_mapping_makes_consecutive_segments() -> None:
    assert [(s.start_frame, s.stop_frame) for s in segments_from_file_mapping([2, 3, 1])] == [(0, 1), (2, 4), (5, 5)]


@given(st.integers(1, 500), st.integers(0, 600), st.one_of(st.none(), st.integers(0, 50)), st.booleans())
def test_segments_cover_every_frame_in_order(size: int, segment_size: int, overlap: int | None, video: bool) -> None:
    segments = split_into_segments(size, segment_size, overlap, video)
    assert segments[0].start_frame == 0 and segments[-1].stop_frame == size - 1
    covered = set()
    for previous, current in zip(segments, segments[1:], strict=False):
        assert current.start_frame > previous.start_frame
        assert current.start_frame <= previous.stop_frame + 1
    for segment in segments:
        assert 0 <= segment.start_frame <= segment.stop_frame < size
        covered.update(range(segment.start_frame, segment.stop_frame + 1))
    assert covered == set(range(size))
