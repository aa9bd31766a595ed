"""Matching imported dataset items to task frames: by name (with or without folders and
extension), by CVAT's video frame names (`frame_000012`), or by the frame number a format gives."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from pathlib import PurePosixPath

_VIDEO_FRAME = re.compile(r"^(?:.*/)?frame_(\d+)$")


def _stem(name: str) -> str:
    path = PurePosixPath(name.replace("\\", "/"))
    return str(path.with_suffix("")) if path.suffix else str(path)


class FrameMatcher:
    """Built from the task's frame names (index = task frame number)."""

    def __init__(self, frame_names: Sequence[str], *, is_video: bool = False) -> None:
        self.size = len(frame_names)
        self.is_video = is_video
        self._exact: dict[str, int] = {}
        self._stem: dict[str, int] = {}
        self._base: dict[str, list[int]] = defaultdict(list)
        for index, name in enumerate(frame_names):
            name = name.replace("\\", "/").lstrip("/")
            self._exact.setdefault(name, index)
            self._stem.setdefault(_stem(name), index)
            self._base[PurePosixPath(_stem(name)).name].append(index)

    def by_name(self, name: str) -> int | None:
        name = name.replace("\\", "/").lstrip("/")
        for table, key in ((self._exact, name), (self._stem, name), (self._stem, _stem(name))):
            if key in table:
                return table[key]
        # A dataset exported from elsewhere may have dropped or added leading folders: accept a
        # path suffix match, and a bare file name when it is unambiguous.
        stem = _stem(name)
        suffix_hits = {i for s, i in self._stem.items() if s.endswith("/" + stem) or stem.endswith("/" + s)}
        if len(suffix_hits) == 1:
            return suffix_hits.pop()
        base = self._base.get(PurePosixPath(stem).name, [])
        if len(base) == 1:
            return base[0]
        video = _VIDEO_FRAME.match(stem)
        if video is not None and (self.is_video or not self._exact):
            number = int(video.group(1))
            return number if number < self.size else None
        return None

    def match(self, name: str | None, frame: int | None) -> int | None:
        """The task frame of an item, or None when nothing matches."""
        if name:
            found = self.by_name(name)
            if found is not None:
                return found
        if frame is not None and 0 <= frame < self.size:
            return frame
        return None
