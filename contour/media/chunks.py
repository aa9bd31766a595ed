"""Imageset chunks: ZIP archives (stored, not deflated) with one entry per frame, in frame order.

Entries are named `{position:06d}{ext}`; clients (cvat-sdk's auto-annotation) index them by
their position in the archive's directory, so every frame must be present exactly once. An entry
that is a file as it is (an original, a point cloud) is streamed from disk into the archive, never
read whole: an original can be hundreds of megabytes.
"""

from __future__ import annotations

import io
import os
import shutil
import time
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Literal

from contour.media import images, pointclouds

Quality = Literal["original", "compressed"]
_COPY_BUFFER = 1 << 20


@dataclass(frozen=True)
class StoredFile:
    """A chunk entry that is a file copied as it is; `extension` with its dot."""

    path: Path
    extension: str

    def read_bytes(self) -> bytes:
        return self.path.read_bytes()


Entry = tuple[bytes, str] | StoredFile


def encode_frame(path: str, quality: Quality, image_quality: int, max_pixels: int | None = None) -> Entry:
    """One frame's chunk entry. Module-level so process pools can run it (a StoredFile crosses the
    process boundary as a path, not as the file's bytes). `max_pixels` bounds compressed frames."""
    file = Path(path)
    if pointclouds.is_point_cloud(file):
        return StoredFile(file, file.suffix.lower())
    if quality == "compressed":
        return images.compress_to_jpeg(file, image_quality, max_pixels), ".jpeg"
    info = images.probe_image(file)
    if info.orientation == 1:
        return StoredFile(file, file.suffix)  # nothing to apply: the file is the original, undecoded
    return images.original_bytes(file, info)


def entry_bytes(entry: Entry) -> tuple[bytes, str]:
    """An entry as (bytes, extension), for a single-frame response."""
    return (entry.read_bytes(), entry.extension) if isinstance(entry, StoredFile) else entry


def write_zip_chunk(entries: Iterable[Entry], output: BinaryIO) -> None:
    with zipfile.ZipFile(output, "w", compression=zipfile.ZIP_STORED) as archive:
        for position, entry in enumerate(entries):
            extension = entry.extension if isinstance(entry, StoredFile) else entry[1]
            name = f"{position:06d}{extension if extension.startswith('.') else f'.{extension}'}"
            if isinstance(entry, StoredFile):
                with entry.path.open("rb") as source, archive.open(_stored_info(name, source), "w") as target:
                    shutil.copyfileobj(source, target, _COPY_BUFFER)
            else:
                archive.writestr(name, entry[0])


def _stored_info(name: str, source: BinaryIO) -> zipfile.ZipInfo:
    """The entry header writestr() would give the file's bytes: the size known up front decides zip64,
    so the archive has the same shape whichever way an entry was written."""
    info = zipfile.ZipInfo(name, date_time=time.localtime(time.time())[:6])
    info.compress_type = zipfile.ZIP_STORED
    info.external_attr = 0o600 << 16
    info.file_size = os.fstat(source.fileno()).st_size
    return info


def zip_chunk(entries: Iterable[Entry]) -> bytes:
    buffer = io.BytesIO()
    write_zip_chunk(entries, buffer)
    return buffer.getvalue()


def imageset_chunk(paths: Iterable[Path], quality: Quality, image_quality: int, max_pixels: int | None = None) -> bytes:
    return zip_chunk(encode_frame(str(p), quality, image_quality, max_pixels) for p in paths)
