"""A staging directory per upload target: files land here until the background job takes them."""

from __future__ import annotations

import shutil
from pathlib import Path, PurePosixPath

from contour.config import get_settings
from contour.errors import ValidationError

TUS_DIR = ".tus"


def staging_dir(kind: str, object_id: int | str) -> Path:
    return get_settings().data_dir / "uploads" / kind / str(object_id)


def reset_staging(directory: Path) -> None:
    """Start a fresh upload: whatever an earlier, unfinished upload left is discarded."""
    shutil.rmtree(directory, ignore_errors=True)
    directory.mkdir(parents=True, exist_ok=True)


def safe_name(name: str) -> str:
    """The base name of a client-given file name; clients send absolute local paths (cvat-sdk)."""
    base = PurePosixPath(name.replace("\\", "/")).name
    if base in ("", ".", "..") or base.startswith(".") or "\x00" in base:
        raise ValidationError({"client_files": [f"'{name}' is not a usable file name."]})
    return base


def staged_files(directory: Path) -> list[str]:
    """Completed files of a staging directory, relative to it (TUS partials excluded)."""
    if not directory.is_dir():
        return []
    return sorted(
        str(path.relative_to(directory))
        for path in directory.rglob("*")
        if path.is_file() and TUS_DIR not in path.relative_to(directory).parts
    )
