"""How a task's frames are cut into segments (one annotation job each), following CVAT's rules."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class SegmentRange:
    start_frame: int
    stop_frame: int  # inclusive

    @property
    def frame_count(self) -> int:
        return self.stop_frame - self.start_frame + 1


def effective_overlap(overlap: int | None, segment_size: int, interpolation: bool) -> int:
    """The overlap actually used: the given value, else 5 for video and 0 for images, capped at half a segment."""
    value = overlap if overlap is not None else (5 if interpolation else 0)
    return max(0, min(value, segment_size // 2))


def split_into_segments(size: int, segment_size: int, overlap: int | None, interpolation: bool = False) -> list[SegmentRange]:
    """Segments of `segment_size` frames (0 or larger than the task = one segment) overlapping by `overlap`."""
    if size <= 0:
        return []
    if segment_size <= 0 or segment_size > size:
        segment_size = size
    step_overlap = effective_overlap(overlap, segment_size, interpolation)
    step = segment_size - step_overlap
    return [
        SegmentRange(start, min(start + segment_size - 1, size - 1))
        for start in range(0, max(size - step_overlap, 1), step)
    ]


def segments_from_file_mapping(frames_per_job: Sequence[int]) -> list[SegmentRange]:
    """Consecutive segments of the given lengths (`job_file_mapping`)."""
    segments, start = [], 0
    for count in frames_per_job:
        if count <= 0:
            raise ValueError("every job in a file mapping needs at least one file")
        segments.append(SegmentRange(start, start + count - 1))
        start += count
    return segments
