"""A staging directory per upload target: files land here until the background job takes them."""

from __future__ import annotations

import json
import shutil
from pathlib import Path, PurePosixPath

from contour.config import get_settings
from contour.errors import ValidationError
from contour.media.filenames import is_too_long, shown_name, too_long_reason

TUS_DIR = ".tus"
# The journal of completed files (a dot name: safe_name() never lets a client file be called that).
ARRIVALS = ".arrivals.jsonl"


def staging_dir(kind: str, object_id: int | str) -> Path:
    return get_settings().data_dir / "uploads" / kind / str(object_id)


def reset_staging(directory: Path) -> None:
    """Start a fresh upload: whatever an earlier, unfinished upload left is discarded."""
    shutil.rmtree(directory, ignore_errors=True)
    directory.mkdir(parents=True, exist_ok=True)


def safe_name(name: str, field: str = "client_files") -> str:
    """The base name of a client-given file name; clients send absolute local paths (cvat-sdk).

    A name the file system cannot hold is refused (400, naming the limit) rather than stored under a
    made-up name: the file's name is its frame name, what exports write and what imports match on,
    so a stand-in would surface everywhere the user meets the file again, and exports would hand
    their tools a name they cannot write either. Every upload path (multipart, TUS, Upload-Finish)
    comes through here, before anything is written.
    """
    base = PurePosixPath(name.replace("\\", "/")).name
    if base in ("", ".", "..") or base.startswith(".") or "\x00" in base:
        raise ValidationError({field: [f"'{shown_name(name)}' is not a usable file name."]})
    if is_too_long(base):
        raise ValidationError({field: [f"The file name '{shown_name(base)}' {too_long_reason(base)}: rename the file."]})
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
