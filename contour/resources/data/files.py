"""Where a task's files live on disk: its media, prebuilt chunks, manifest and preview."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from contour.config import get_settings
from contour.resources.uploads.staging import staging_dir


def task_dir(task_id: int) -> Path:
    return get_settings().data_dir / "tasks" / str(task_id)


def raw_dir(task_id: int) -> Path:
    return task_dir(task_id) / "raw"


def chunks_dir(task_id: int) -> Path:
    return task_dir(task_id) / "chunks"


def manifest_path(task_id: int) -> Path:
    return task_dir(task_id) / "manifest.jsonl"


def preview_path(task_id: int) -> Path:
    return task_dir(task_id) / "preview.jpeg"


def task_staging(task_id: int) -> Path:
    return staging_dir("tasks", task_id)


def remove_task_files(task_id: int) -> None:
    shutil.rmtree(task_dir(task_id), ignore_errors=True)
    shutil.rmtree(task_staging(task_id), ignore_errors=True)


@contextmanager
def atomic_output(path: Path) -> Iterator[BinaryIO]:
    """A file to write `path` through: readers see the old file or the whole new one, never a part,
    even with concurrent writers; nothing is left when the block fails."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as out:
            yield out
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_atomically(path: Path, data: bytes) -> None:
    with atomic_output(path) as out:
        out.write(data)
