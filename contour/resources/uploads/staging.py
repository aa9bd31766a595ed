"""A staging directory per upload target: files land here until the background job takes them."""

from __future__ import annotations

import json
import shutil
from pathlib import Path, PurePosixPath

from contour.config import get_settings
from contour.errors import ValidationError

TUS_DIR = ".tus"
# The journal of completed files (a dot name: safe_name() never lets a client file be called that).
ARRIVALS = ".arrivals.jsonl"


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


def record_arrival(directory: Path, name: str) -> None:
    """Note that the file `name` has arrived complete: files keep the order the user sent them in.

    One JSON line per arrival, appended (atomic for lines this short, so concurrent uploads are safe).
    """
    with (directory / ARRIVALS).open("a", encoding="utf-8") as journal:
        journal.write(json.dumps(name) + "\n")


def staged_in_arrival_order(directory: Path) -> list[str]:
    """The completed files of a staging directory in the order they arrived (a re-sent name keeps its
    first place); files the journal does not know, if any, follow by name. TUS partials are excluded."""
    if not directory.is_dir():
        return []
    present = {path.name for path in directory.iterdir() if path.is_file() and path.name != ARRIVALS}
    ordered: list[str] = []
    journal = directory / ARRIVALS
    if journal.is_file():
        for line in journal.read_text(encoding="utf-8").splitlines():
            name = json.loads(line)
            if name in present and name not in ordered:
                ordered.append(name)
    return ordered + sorted(present.difference(ordered))
