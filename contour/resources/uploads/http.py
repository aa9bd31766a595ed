"""The HTTP side of TUS uploads, shared by every endpoint that takes files (task data, imports)."""

from __future__ import annotations

from pathlib import Path

from fastapi import Request, Response
from starlette.concurrency import run_in_threadpool

from contour.config import get_settings
from contour.errors import ValidationError
from contour.resources.uploads import tus


async def tus_create_response(request: Request, staging: Path, location_base: str, field: str = "client_files") -> Response:
    """Start a TUS upload; `field` is the form field the file stands for (named in errors about it)."""
    try:
        length = int(request.headers.get("upload-length", ""))
    except ValueError as exc:
        raise ValidationError("Upload-Length must be an integer.") from exc
    metadata = tus.parse_metadata(request.headers.get("upload-metadata", ""))
    if not metadata.get("filename"):
        raise ValidationError("Upload-Metadata must carry a filename.")
    upload = await run_in_threadpool(tus.create, staging, metadata["filename"], length,
                                     get_settings().upload_max_bytes, field)
    return Response(status_code=201, headers={
        "Location": f"{location_base}/{upload.file_id}",
        "Upload-Filename": upload.filename,
        "Tus-Resumable": tus.TUS_VERSION,
        "Tus-Version": tus.TUS_VERSION,
        "Tus-Max-Size": str(get_settings().upload_max_bytes),
        "Tus-Extension": "",
    })


def tus_status_response(staging: Path, file_id: str) -> Response:
    upload = tus.load(staging, file_id)
    return Response(status_code=200, headers={
        "Upload-Offset": str(upload.offset), "Upload-Length": str(upload.length),
        "Tus-Resumable": tus.TUS_VERSION, "Cache-Control": "no-store",
    })


async def tus_append_response(request: Request, staging: Path, file_id: str) -> Response:
    try:
        offset = int(request.headers.get("upload-offset", ""))
    except ValueError as exc:
        raise ValidationError("Upload-Offset must be an integer.") from exc
    upload = await tus.append(staging, file_id, offset, request.stream())
    return Response(status_code=204, headers={
        "Upload-Offset": str(upload.offset), "Upload-Filename": upload.filename, "Tus-Resumable": tus.TUS_VERSION,
    })
