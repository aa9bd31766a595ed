"""An export source held in memory: what codec tests (and the benchmark's oracle) export from."""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from typing import BinaryIO

from contour.formats.model import DatasetMeta, Frame, Track
from contour.formats.tracks import shapes_by_frame


@dataclass(frozen=True)
class BytesMedia:
    data: bytes
    extension: str

    def open(self) -> BinaryIO:
        return io.BytesIO(self.data)


@dataclass
class MemorySource:
    """`frames` hold tags and plain shapes; `tracks` are expanded into them by `frames()`.
    `images` maps a frame index to its media (missing frames get a blank PNG of the frame's size)."""

    meta: DatasetMeta
    frame_list: list[Frame]
    track_list: list[Track] = field(default_factory=list)
    images: dict[int, BytesMedia] = field(default_factory=dict)
    deleted_frames: frozenset[int] = frozenset()

    def frames(self) -> Iterator[Frame]:
        stop = max((f.index for f in self.frame_list), default=-1)
        tracked = shapes_by_frame(self.track_list, stop, deleted_frames=self.deleted_frames)
        for frame in self.frame_list:
            if frame.index in self.deleted_frames:
                continue
            yield replace(frame, tags=list(frame.tags), shapes=[*frame.shapes, *tracked.get(frame.index, [])])

    def tracks(self) -> list[Track]:
        return list(self.track_list)

    def media(self, frame: Frame) -> BytesMedia:
        found = self.images.get(frame.index)
        if found is not None:
            return found
        return BytesMedia(blank_png(frame.width, frame.height), ".png")


def blank_png(width: int, height: int, color: tuple[int, int, int] = (90, 90, 90)) -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (width, height), color).save(buffer, "PNG")
    return buffer.getvalue()
