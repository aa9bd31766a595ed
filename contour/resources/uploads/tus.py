"""The TUS 1.0 subset cvat-sdk uses for files over 100 MiB: create, PATCH chunks, HEAD for the offset.

State lives on disk beside the staging directory, so any server replica sharing the data
directory can continue an upload.
"""

from __future__ import annotations

import base64
import json
import os
import uuid
from collections.abc import AsyncIterator
from dataclasses import asdict, dataclass
from pathlib import Path

from contour.errors import Conflict, ContourError, NotFound, ValidationError
from contour.resources.uploads.staging import TUS_DIR, record_arrival, safe_name

TUS_VERSION = "1.0.0"
MAX_CHUNK_BYTES = 100 * 2**20


class PayloadTooLarge(ContourError):
    status_code = 413
    code = "too_large"


@dataclass
class TusUpload:
    file_id: str
    filename: str
    length: int
    offset: int


def parse_metadata(header: str) -> dict[str, str]:
    """`Upload-Metadata: key b64value, key2 b64value2`."""
    metadata: dict[str, str] = {}
    for pair in filter(None, (part.strip() for part in header.split(","))):
        key, _, value = pair.partition(" ")
        try:
            metadata[key] = base64.b64decode(value).decode() if value else ""
        except (ValueError, UnicodeDecodeError) as exc:
            raise ValidationError(f"Upload-Metadata: '{key}' is not base64-encoded text.") from exc
    return metadata


def _state_path(staging: Path, file_id: str) -> Path:
    try:
        uuid.UUID(hex=file_id)
    except ValueError as exc:
        raise NotFound("No such upload.") from exc
    return staging / TUS_DIR / f"{file_id}.json"


def _save(staging: Path, upload: TusUpload) -> None:
    path = _state_path(staging, upload.file_id)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(asdict(upload)))
    os.replace(tmp, path)


def load(staging: Path, file_id: str) -> TusUpload:
    path = _state_path(staging, file_id)
    if not path.exists():
        raise NotFound("No such upload.")
    return TusUpload(**json.loads(path.read_text()))


def create(staging: Path, filename: str, length: int, max_bytes: int, field: str = "client_files") -> TusUpload:
    name = safe_name(filename, field)
    if length < 0:
        raise ValidationError("Upload-Length must not be negative.")
    if length > max_bytes:
        raise PayloadTooLarge(f"'{name}' is {length} bytes; the limit is {max_bytes}.")
    if (staging / name).exists():
        raise Conflict(f"A file named '{name}' was already uploaded.")
    (staging / TUS_DIR).mkdir(parents=True, exist_ok=True)
    upload = TusUpload(uuid.uuid4().hex, name, length, 0)
    (staging / TUS_DIR / f"{upload.file_id}.part").touch()
    _save(staging, upload)
    if length == 0:
        _complete(staging, upload)
    return upload


async def append(staging: Path, file_id: str, offset: int, body: AsyncIterator[bytes]) -> TusUpload:
    """Write one PATCH body at `offset`; the file moves to its final name when complete."""
    upload = load(staging, file_id)
    if offset != upload.offset:
        raise Conflict(f"Upload-Offset {offset} does not match the current offset {upload.offset}.")
    part = staging / TUS_DIR / f"{file_id}.part"
    written = 0
    with part.open("r+b") as handle:
        handle.seek(offset)
        async for piece in body:
            written += len(piece)
            if written > MAX_CHUNK_BYTES or offset + written > upload.length:
                handle.truncate(offset)
                raise PayloadTooLarge("The chunk runs past the declared Upload-Length.")
            handle.write(piece)
    upload.offset = offset + written
    _save(staging, upload)
    if upload.offset == upload.length:
        _complete(staging, upload)
    return upload


def _complete(staging: Path, upload: TusUpload) -> None:
    os.replace(staging / TUS_DIR / f"{upload.file_id}.part", staging / upload.filename)
    record_arrival(staging, upload.filename)
