"""The name an export downloads under: CVAT's pattern or the user's `filename`, always plain and bounded.

The name travels in a `Content-Disposition` header, which cvat-sdk reads with a plain
`filename="…"` match, so it is reduced to [A-Za-z0-9_-. ]: no quote, CR/LF, slash, backslash
or non-ASCII character reaches the header, and its length is bounded.
"""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path
from typing import Any

from contour.db import utcnow
from contour.errors import ValidationError
from contour.resources.jobs.models import Job
from contour.resources.projects.models import Project
from contour.resources.tasks.models import Task

# The longest file name that ext4, XFS, Btrfs and APFS store (NTFS: 255 UTF-16 units, never fewer
# characters than this allows): a longer name could not be saved under itself where it is downloaded,
# and it would only inflate the header (a 5,000-character name made a 5 KB header).
MAX_FILENAME_BYTES = 255
# CVAT's own names: the object's name is cut so that the whole stays well inside the bound.
_MAX_GENERATED_CHARS = 240
_ZIP = ".zip"
_UNSAFE = re.compile(r"[^A-Za-z0-9_\-. ]+")


def check_export_filename(filename: str | None) -> None:
    """Refuse a `filename` longer than file systems store, before the export is queued."""
    if filename is None:
        return
    # Query strings are decoded leniently; a lone surrogate still counts, as the 3 bytes it was sent as.
    size = len(filename.encode("utf-8", "surrogatepass"))
    if size > MAX_FILENAME_BYTES:
        raise ValidationError(
            {"filename": [f"Ensure this file name has at most {MAX_FILENAME_BYTES} bytes in UTF-8 (it has {size})."]}
        )


def download_name(kind: str, obj: Task | Job | Project, params: dict[str, Any], now: datetime | None = None) -> str:
    """CVAT's naming, `<kind>_<name>_<dataset|annotations>_<timestamp>_<format>.zip`, lower-cased and
    reduced to the characters cvat-sdk accepts; a `filename` the user gave wins (its folders dropped)."""
    given = params.get("filename")
    if given:
        return plain_zip_name(Path(str(given)).name)
    name = obj.task.name if isinstance(obj, Job) else obj.name
    what = "dataset" if params.get("save_images") else "annotations"
    stamp = (now or utcnow()).strftime("%Y_%m_%d_%H_%M_%S")
    label = _UNSAFE.sub("_", f"{kind}_{name}_{what}_{stamp}_{params['format']}").lower().strip(" ._")
    return plain_zip_name(label[:_MAX_GENERATED_CHARS])


def plain_zip_name(name: str) -> str:
    """`name` with every character outside [A-Za-z0-9_-. ] made `_`, ending in .zip, at most 255 bytes."""
    cleaned = _UNSAFE.sub("_", name).strip(" .") or "export"
    has_suffix = cleaned.lower().endswith(_ZIP)
    suffix = cleaned[-len(_ZIP) :] if has_suffix else _ZIP
    stem = cleaned[: -len(_ZIP)] if has_suffix else cleaned
    # Only ASCII is left, so characters are bytes.
    stem = stem[: MAX_FILENAME_BYTES - len(suffix)].rstrip(" .") or "export"
    return stem + suffix


def attachment_header(name: str) -> str:
    """The `Content-Disposition` of a download. The name is made plain again here: requests stored
    by earlier versions kept whatever `filename` they were given, however long."""
    return f'attachment; filename="{plain_zip_name(name)}"'
