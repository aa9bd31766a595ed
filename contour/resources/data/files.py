"""Where a task's files live on disk: its media, prebuilt chunks, manifest and preview."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

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


def write_atomically(path: Path, data: bytes) -> None:
    """Readers see the old file or the whole new one, never a part, even with concurrent writers."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
