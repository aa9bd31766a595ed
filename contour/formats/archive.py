"""Where exports are written: a streamed zip file, or a plain folder (tests, Datumaro checks).

Members are streamed into the zip one at a time, so an export never holds its output in memory;
media bytes are copied as they are (already-compressed images are stored, not deflated again).
"""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path, PurePosixPath
from typing import BinaryIO, cast

from contour.formats.model import MediaFile

_STORED_EXTENSIONS = frozenset({".jpg", ".jpeg", ".png", ".webp", ".gif", ".mp4", ".zip", ".jp2", ".tif", ".tiff", ".bmp"})
_COPY_BUFFER = 1 << 20


def _checked(name: str) -> str:
    path = PurePosixPath(name)
    if path.is_absolute() or ".." in path.parts or not path.parts or "\\" in name:
        raise ValueError(f"unsafe member name in export: {name!r}")
    return str(path)


class ZipArchiveWriter:
    """Writes members into a zip file; use as a context manager (closing finishes the archive)."""

    def __init__(self, path: Path) -> None:
        self._zip = zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=6, allowZip64=True)
        self._names: set[str] = set()

    def _info(self, name: str) -> zipfile.ZipInfo:
        name = _checked(name)
        if name in self._names:
            raise ValueError(f"member written twice in export: {name!r}")
        self._names.add(name)
        info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
        stored = PurePosixPath(name).suffix.lower() in _STORED_EXTENSIONS
        info.compress_type = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
        info.external_attr = 0o644 << 16
        return info

    def write_bytes(self, name: str, data: bytes) -> None:
        self._zip.writestr(self._info(name), data)

    def open(self, name: str) -> BinaryIO:
        return cast(BinaryIO, self._zip.open(self._info(name), "w", force_zip64=True))

    def write_media(self, name: str, media: MediaFile) -> None:
        with media.open() as source, self.open(name) as target:
            shutil.copyfileobj(source, target, _COPY_BUFFER)

    def close(self) -> None:
        self._zip.close()

    def __enter__(self) -> ZipArchiveWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class DirectoryWriter:
    """Writes members as files under a folder."""

    def __init__(self, root: Path) -> None:
        self.root = root
        root.mkdir(parents=True, exist_ok=True)

    def _path(self, name: str) -> Path:
        path = self.root / _checked(name)
        path.parent.mkdir(parents=True, exist_ok=True)
        return path

    def write_bytes(self, name: str, data: bytes) -> None:
        self._path(name).write_bytes(data)

    def open(self, name: str) -> BinaryIO:
        return self._path(name).open("wb")

    def write_media(self, name: str, media: MediaFile) -> None:
        with media.open() as source, self._path(name).open("wb") as target:
            shutil.copyfileobj(source, target, _COPY_BUFFER)
