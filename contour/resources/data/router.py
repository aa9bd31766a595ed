"""Routes of task data: uploads (batches and TUS), creation, chunks, frames, meta, previews."""

from __future__ import annotations

import json
import re
import shutil
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query, Request, Response
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData, UploadFile

from contour.errors import NotFound, ValidationError
from contour.resources.common.actor import Actor
from contour.resources.common.deps import DB, BaseURL, CurrentActor
from contour.resources.common.read_models import documented
from contour.resources.common.responses import JSONResponse
from contour.resources.common.types import PathId
from contour.resources.data import frames as reading
from contour.resources.data import service
from contour.resources.data.schemas import DataMetaPatch, DataMetaRead, DataRequest
from contour.resources.jobs import access as job_access
from contour.resources.projects import access as project_access
from contour.resources.tasks import access as task_access
from contour.resources.tasks.models import Task
from contour.resources.uploads.http import tus_append_response, tus_create_response, tus_status_response
from contour.resources.uploads.staging import record_arrival, reset_staging, safe_name

router = APIRouter(tags=["data"])

DataType = Literal["chunk", "frame", "preview", "context_image"]
QualityParam = Literal["compressed", "original"]
CLIENT_FILE_INDEX = re.compile(r"client_files\[(\d{1,9})\]")
LIST_FIELDS = ("server_files", "remote_files", "server_files_exclude", "upload_file_order", "client_files")


def _rq(request_id: str) -> JSONResponse:
    return JSONResponse({"rq_id": request_id}, status_code=202)


def _form_params(form: FormData) -> dict[str, Any]:
    """Data parameters sent as multipart fields (`server_files[0]`, `use_cache=true`, ...)."""
    params: dict[str, Any] = {}
    for key, value in form.multi_items():
        if isinstance(value, UploadFile):
            continue
        name = key.split("[", 1)[0]
        if name in LIST_FIELDS:
            params.setdefault(name, []).append(value)
        elif name == "job_file_mapping":
            try:
                params[name] = json.loads(value)
            except json.JSONDecodeError as exc:
                raise ValidationError({"job_file_mapping": ["Send the mapping as a JSON list of lists."]}) from exc
        else:
            params[name] = value
    params.pop("client_files", None)
    return params


def _client_files(form: FormData) -> list[UploadFile]:
    """The `client_files[i]` parts in the user's order: by index i, else in the order the parts came."""
    parts = [(key, value) for key, value in form.multi_items()
             if isinstance(value, UploadFile) and key.startswith("client_files")]

    def index(item: tuple[int, tuple[str, UploadFile]]) -> tuple[int, int]:
        match = CLIENT_FILE_INDEX.fullmatch(item[1][0])
        return (int(match.group(1)) if match else len(parts), item[0])

    return [upload for _, (_, upload) in sorted(enumerate(parts), key=index)]


def _checked_uploads(form: FormData) -> list[tuple[str, UploadFile]]:
    """The client files with their stored names; every name is checked before any file is written."""
    return [(safe_name(upload.filename or ""), upload) for upload in _client_files(form)]


def _save_uploads(uploads: list[tuple[str, UploadFile]], staging: Any) -> int:
    for name, upload in uploads:
        with (staging / name).open("wb") as handle:
            shutil.copyfileobj(upload.file, handle, length=1 << 20)
        record_arrival(staging, name)
    return len(uploads)


async def _json_body(request: Request) -> dict[str, Any]:
    raw = await request.body()
    if not raw.strip():
        return {}
    try:
        body = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise ValidationError({"detail": [f"JSON parse error - {exc}"]}) from exc
    if not isinstance(body, dict):
        raise ValidationError("Expected a JSON object.")
    return body


def _access_task_receiving_data(db: DB, actor: Actor, task_id: int) -> Task:
    task = task_access.access_task(db, actor, task_id, "change")
    service.check_can_receive_data(db, task)
    return task


@router.post("/api/tasks/{task_id}/data")
async def post_task_data(task_id: PathId, request: Request, db: DB, actor: CurrentActor, base: BaseURL) -> Response:
    """CVAT's upload protocol: Upload-Start, Upload-Multiple batches, TUS files, Upload-Finish."""
    task = await run_in_threadpool(_access_task_receiving_data, db, actor, task_id)
    staging = service.task_staging(task.id)
    headers = request.headers
    if "upload-start" in headers:
        await run_in_threadpool(reset_staging, staging)
        return Response(status_code=202)
    if "upload-multiple" in headers:
        form = await request.form(max_files=1_000_000, max_fields=10_000)
        try:
            await run_in_threadpool(_save_uploads, _checked_uploads(form), staging)
        finally:
            await form.close()
        return Response(status_code=200)
    if "upload-finish" in headers:
        params = await _json_body(request)
        return await run_in_threadpool(_start, db, actor, task, params)
    if "upload-length" in headers:
        return await tus_create_response(request, staging, f"{base}/api/tasks/{task.id}/data")
    content_type = headers.get("content-type", "")
    if content_type.startswith("multipart/form-data"):
        form = await request.form(max_files=1_000_000, max_fields=10_000)
        try:
            uploads = _checked_uploads(form)
            await run_in_threadpool(reset_staging, staging)
            saved = await run_in_threadpool(_save_uploads, uploads, staging)
            params = _form_params(form)
        finally:
            await form.close()
        if not saved:
            shutil.rmtree(staging, ignore_errors=True)
        return await run_in_threadpool(_start, db, actor, task, params)
    params = await _json_body(request)
    shutil.rmtree(staging, ignore_errors=True)
    return await run_in_threadpool(_start, db, actor, task, params)


def _start(db: DB, actor: Actor, task: Task, params: dict[str, Any]) -> Response:
    from pydantic import ValidationError as PydanticError

    try:
        data = DataRequest.model_validate(params)
    except PydanticError as exc:
        raise ValidationError({".".join(str(p) for p in e["loc"]) or "non_field_errors": [e["msg"]] for e in exc.errors()}) from exc
    return _rq(service.do_start_creation(db, actor, task, data).id)


# --- meta (declared before the TUS file routes so `meta` is not taken for a file id) ---------


@router.get("/api/tasks/{task_id}/data/meta", responses=documented(DataMetaRead))
def get_task_meta(task_id: PathId, db: DB, actor: CurrentActor) -> Response:
    task = task_access.access_task(db, actor, task_id)
    return JSONResponse(service.serialize_meta(service.require_media(db, task), task))


@router.patch("/api/tasks/{task_id}/data/meta", responses=documented(DataMetaRead))
def patch_task_meta(task_id: PathId, body: DataMetaPatch, db: DB, actor: CurrentActor) -> Response:
    task = task_access.access_task(db, actor, task_id, "change")
    if body.deleted_frames is not None:
        service.do_set_deleted_frames(db, task, body.deleted_frames)
        db.flush()
    return JSONResponse(service.serialize_meta(service.require_media(db, task), task))


@router.head("/api/tasks/{task_id}/data/{file_id}")
def tus_status(task_id: PathId, file_id: str, db: DB, actor: CurrentActor) -> Response:
    task = task_access.access_task(db, actor, task_id, "change")
    return tus_status_response(service.task_staging(task.id), file_id)


@router.patch("/api/tasks/{task_id}/data/{file_id}")
async def tus_append(task_id: PathId, file_id: str, request: Request, db: DB, actor: CurrentActor) -> Response:
    task = await run_in_threadpool(_access_task_receiving_data, db, actor, task_id)
    return await tus_append_response(request, service.task_staging(task.id), file_id)


# --- reading media ------------------------------------------------------------------------


def _binary(data: bytes, media_type: str) -> Response:
    return Response(content=data, media_type=media_type)


def _read(view: reading.MediaView, task: Task, kind: DataType, number: int | None, quality: QualityParam) -> Response:
    if kind == "preview":
        return _preview_response(reading.get_preview(task, view))
    if number is None:
        raise ValidationError({"number": ["This field is required."]})
    if kind == "chunk":
        data = reading.get_chunk(view, number, quality)
        response = _binary(data, reading.chunk_media_type(view, quality))
        response.headers["X-Updated-Date"] = view.media.chunks_updated_date.isoformat()
        return response
    if kind == "frame":
        data, media_type = reading.get_frame(view, number, quality)
        return _binary(data, media_type)
    return _binary(reading.get_context_images(view, number), "application/zip")


@router.get("/api/tasks/{task_id}/data")
def get_task_data(
    task_id: PathId,
    db: DB,
    actor: CurrentActor,
    type: Annotated[DataType, Query()],
    number: Annotated[int | None, Query(ge=0, le=2**31 - 1)] = None,
    quality: Annotated[QualityParam, Query()] = "compressed",
) -> Response:
    task = task_access.access_task(db, actor, task_id)
    return _read(service.require_media(db, task, _frames_needed(task, type, number)), task, type, number, quality)


def _frames_needed(task: Task, kind: DataType, number: int | None) -> list[int]:
    """The frame rows a data request reads (never the whole task)."""
    if kind == "preview" or number is None:
        return [0]
    if kind == "chunk":
        size = task.data_chunk_size or 1
        return list(range(number * size, min((number + 1) * size, task.size or 0)))
    return [number]


@router.get("/api/tasks/{task_id}/status")
def get_task_status(task_id: PathId, db: DB, actor: CurrentActor) -> Response:
    from contour.resources.requests.models import BackgroundRequest
    from contour.resources.requests.service import request_id_for

    task = task_access.access_task(db, actor, task_id)
    request = db.get(BackgroundRequest, request_id_for("create", "task", task.id))
    if request is None:
        state = "Finished" if task.size is not None else "Unknown"
        return JSONResponse({"state": state, "message": "", "progress": 1.0 if task.size is not None else 0.0})
    state = {"queued": "Queued", "started": "Started", "finished": "Finished", "failed": "Failed"}[request.status]
    return JSONResponse({"state": state, "message": request.message, "progress": request.progress or 0.0})


def _preview_response(data: bytes | None, prefer: str | None = None) -> Response:
    if data is None:
        if prefer and "handling=empty" in prefer:
            return Response(status_code=204)
        raise NotFound("No preview: the object has no media yet.")
    return _binary(data, "image/jpeg")


@router.get("/api/tasks/{task_id}/preview")
def get_task_preview(task_id: PathId, request: Request, db: DB, actor: CurrentActor) -> Response:
    task = task_access.access_task(db, actor, task_id)
    return _preview_response(reading.get_preview(task, service.media_view(db, task, [0])), request.headers.get("prefer"))


@router.get("/api/projects/{project_id}/preview")
def get_project_preview(project_id: PathId, request: Request, db: DB, actor: CurrentActor) -> Response:
    project = project_access.access_project(db, actor, project_id)
    from sqlalchemy import select

    tasks = db.scalars(select(Task).where(Task.project_id == project.id, Task.size.is_not(None)).order_by(Task.id).limit(1))
    task = next(iter(tasks), None)
    data = reading.get_preview(task, service.media_view(db, task, [0])) if task is not None else None
    return _preview_response(data, request.headers.get("prefer"))


# --- jobs ------------------------------------------------------------------------------------


@router.get("/api/jobs/{job_id}/data/meta", responses=documented(DataMetaRead))
def get_job_meta(job_id: PathId, db: DB, actor: CurrentActor) -> Response:
    job = job_access.access_job(db, actor, job_id)
    first, last = service.job_frame_range(job)
    view = service.require_media(db, job.task, range(first, last + 1))
    included = list(job.segment.frames) if job.segment.frames is not None else None
    return JSONResponse(service.serialize_meta(view, job.task, frames_range=(first, last), included=included,
                                               deleted_scope=(first, last)))


@router.patch("/api/jobs/{job_id}/data/meta", responses=documented(DataMetaRead))
def patch_job_meta(job_id: PathId, body: DataMetaPatch, db: DB, actor: CurrentActor) -> Response:
    job = job_access.access_job(db, actor, job_id, "change")
    first, last = service.job_frame_range(job)
    if body.deleted_frames is not None:
        service.do_set_deleted_frames(db, job.task, body.deleted_frames, scope=(first, last))
        db.flush()
    view = service.require_media(db, job.task, range(first, last + 1))
    included = list(job.segment.frames) if job.segment.frames is not None else None
    return JSONResponse(service.serialize_meta(view, job.task, frames_range=(first, last), included=included,
                                               deleted_scope=(first, last)))


@router.get("/api/jobs/{job_id}/data")
def get_job_data(
    job_id: PathId,
    db: DB,
    actor: CurrentActor,
    type: Annotated[DataType, Query()],
    number: Annotated[int | None, Query(ge=0, le=2**31 - 1)] = None,
    index: Annotated[int | None, Query(ge=0, le=2**31 - 1)] = None,
    quality: Annotated[QualityParam, Query()] = "compressed",
) -> Response:
    job = job_access.access_job(db, actor, job_id)
    task = job.task
    frames = service.job_frames(job)
    chunk_size = task.data_chunk_size or 1
    if type == "chunk":
        if (number is None) == (index is None):
            raise ValidationError("Give exactly one of 'number' (task chunk) or 'index' (job chunk).")
        if index is not None:
            selected = frames[index * chunk_size : (index + 1) * chunk_size]
            key = f"{task.id}:job{job.id}:{quality}:{index}"
        else:
            assert number is not None
            members = set(frames)
            task_chunk_frames = range(number * chunk_size, min((number + 1) * chunk_size, task.size or 0))
            selected = [f for f in task_chunk_frames if f in members]
            key = f"{task.id}:job{job.id}:{quality}:n{number}"
        if not selected:
            raise ValidationError({"index" if index is not None else "number": ["The chunk is outside this job."]})
        view = service.require_media(db, task, selected)
        task_chunk = selected[0] // view.chunk_size
        if selected == reading.chunk_frames(view, task_chunk):
            data = reading.get_chunk(view, task_chunk, quality)
        else:
            data = reading.frames_chunk(view, selected, quality, cache_key=key)
        return _binary(data, reading.chunk_media_type(view, quality))
    if type in ("frame", "context_image") and number is not None and number not in set(frames):
        raise ValidationError({"number": [f"Frame {number} is not in job {job.id}."]})
    view = service.require_media(db, task, _frames_needed(task, type, number))
    return _read(view, job.task, type, number, quality)


@router.get("/api/jobs/{job_id}/preview")
def get_job_preview(job_id: PathId, request: Request, db: DB, actor: CurrentActor) -> Response:
    job = job_access.access_job(db, actor, job_id)
    return _preview_response(reading.get_preview(job.task, service.media_view(db, job.task, [0])), request.headers.get("prefer"))


# --- the server share ------------------------------------------------------------------------


@router.get("/api/server/share")
def list_share(db: DB, actor: CurrentActor, directory: str = "/", search: str = "") -> Response:
    from contour.media import archives, images, pointclouds, video
    from contour.resources.data.sources import resolve_share_path, share_root

    root = share_root()
    root.mkdir(parents=True, exist_ok=True)
    folder = resolve_share_path(directory) if directory.strip("/") else root
    if not folder.is_dir():
        raise ValidationError({"directory": [f"'{directory}' is not a directory on the share."]})
    entries = []
    for path in sorted(folder.iterdir(), key=lambda p: (not p.is_dir(), p.name)):
        if search and search.lower() not in path.name.lower():
            continue
        if path.is_dir():
            entries.append({"name": path.name, "type": "DIR", "mime_type": "DIR"})
            continue
        mime = ("image" if images.is_image(path) else "video" if video.is_video(path)
                else "pcd" if pointclouds.is_point_cloud(path) else "archive" if archives.is_archive(path) else "unknown")
        entries.append({"name": path.name, "type": "REG", "mime_type": mime})
    return JSONResponse(entries)
