"""Imageset chunks: ZIP archives (stored, not deflated) with one entry per frame, in frame order.

Entries are named `{position:06d}{ext}`; clients (cvat-sdk's auto-annotation) index them by
their position in the archive's directory, so every frame must be present exactly once.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable
from pathlib import Path
from typing import Literal

from contour.media import images, pointclouds

Quality = Literal["original", "compressed"]


def encode_frame(path: str, quality: Quality, image_quality: int) -> tuple[bytes, str]:
    """One frame's chunk entry: (bytes, extension). Module-level so process pools can run it."""
    file = Path(path)
    if pointclouds.is_point_cloud(file):
        return file.read_bytes(), file.suffix.lower()
    if quality == "compressed":
        return images.compress_to_jpeg(file, image_quality), ".jpeg"
    return images.original_bytes(file, images.probe_image(file))


def zip_chunk(entries: Iterable[tuple[bytes, str]]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_STORED) as archive:
        for position, (data, extension) in enumerate(entries):
            ext = extension if extension.startswith(".") else f".{extension}"
            archive.writestr(f"{position:06d}{ext}", data)
    return buffer.getvalue()


def imageset_chunk(paths: Iterable[Path], quality: Quality, image_quality: int) -> bytes:
    return zip_chunk(encode_frame(str(p), quality, image_quality) for p in paths)
