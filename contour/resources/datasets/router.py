"""Routes of dataset export and import for projects, tasks and jobs (CVAT's paths and protocol).

Export: `POST …/dataset/export?format=&save_images=&filename=` → 202 `{"rq_id"}`; the request's
`result_url` is `…/dataset/download?rq_id=`. Import: `POST …/annotations?format=` (tasks, jobs) or
`POST /api/projects/{id}/dataset?format=` with cvat-sdk's Upload-Start / TUS / Upload-Finish
dance, or one multipart body carrying `annotation_file` / `dataset_file`.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, Query, Request, Response
from fastapi.responses import FileResponse
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile

from contour.errors import ValidationError
from contour.resources.common.actor import Actor
from contour.resources.common.deps import DB, BaseURL, CurrentActor
from contour.resources.common.responses import JSONResponse
from contour.resources.common.types import PathId
from contour.resources.datasets import (
    import_jobs,  # noqa: F401 - registers the import handlers
    service,
)
from contour.resources.datasets.naming import attachment_header
from contour.resources.jobs import access as job_access
from contour.resources.projects import access as project_access
from contour.resources.tasks import access as task_access
from contour.resources.uploads.http import tus_append_response, tus_create_response, tus_status_response
from contour.resources.uploads.staging import reset_staging, safe_name, staging_dir

router = APIRouter(tags=["datasets"])

Flag = Annotated[str | None, Query()]
Loader = Callable[[DB, Actor, int, str], service.Target]
LOADERS: dict[str, Loader] = {
    "tasks": task_access.access_task,  # type: ignore[dict-item]
    "jobs": job_access.access_job,  # type: ignore[dict-item]
    "projects": project_access.access_project,  # type: ignore[dict-item]
}


def parse_flag(value: str | None, default: bool, name: str) -> bool:
    """Query booleans arrive Python-style (`True`), JSON-style (`true`) or as 1/0."""
    if value is None or value == "":
        return default
    lowered = value.strip().lower()
    if lowered in ("true", "1", "yes", "on"):
        return True
    if lowered in ("false", "0", "no", "off"):
        return False
    raise ValidationError({name: [f"'{value}' is not a boolean (use true or false)."]})


def _check_location(location: str | None) -> None:
    if location not in (None, "", "local"):
        raise ValidationError({"location": ["Only location=local is supported (cloud storages are not yet)."]})


# --- export -----------------------------------------------------------------------------------------


def _export(kind: str, object_id: int, db: DB, actor: Actor, format: str | None, save_images: str | None,
            filename: str | None, location: str | None) -> Response:
    _check_location(location)
    obj = LOADERS[kind](db, actor, object_id, "view")
    request = service.do_start_export(db, actor, obj, format, parse_flag(save_images, False, "save_images"), filename)
    return JSONResponse({"rq_id": request.id}, status_code=202)


def _download(kind: str, object_id: int, db: DB, actor: Actor, rq_id: str | None) -> Response:
    if not rq_id:
        raise ValidationError({"rq_id": ["Give the rq_id of a finished export."]})
    obj = LOADERS[kind](db, actor, object_id, "view")
    path, name = service.access_export_result(db, actor, rq_id, obj)
    return FileResponse(path, media_type="application/zip", headers={"Content-Disposition": attachment_header(name)})


@router.post("/api/tasks/{task_id}/dataset/export", status_code=202)
def export_task(task_id: PathId, db: DB, actor: CurrentActor, format: str | None = None, save_images: Flag = None,
                filename: str | None = None, location: str | None = None) -> Response:
    return _export("tasks", task_id, db, actor, format, save_images, filename, location)


@router.post("/api/jobs/{job_id}/dataset/export", status_code=202)
def export_job(job_id: PathId, db: DB, actor: CurrentActor, format: str | None = None, save_images: Flag = None,
               filename: str | None = None, location: str | None = None) -> Response:
    return _export("jobs", job_id, db, actor, format, save_images, filename, location)


@router.post("/api/projects/{project_id}/dataset/export", status_code=202)
def export_project(project_id: PathId, db: DB, actor: CurrentActor, format: str | None = None,
                   save_images: Flag = None, filename: str | None = None, location: str | None = None) -> Response:
    return _export("projects", project_id, db, actor, format, save_images, filename, location)


@router.get("/api/tasks/{task_id}/dataset/download")
def download_task(task_id: PathId, db: DB, actor: CurrentActor, rq_id: str | None = None) -> Response:
    return _download("tasks", task_id, db, actor, rq_id)


@router.get("/api/jobs/{job_id}/dataset/download")
def download_job(job_id: PathId, db: DB, actor: CurrentActor, rq_id: str | None = None) -> Response:
    return _download("jobs", job_id, db, actor, rq_id)


@router.get("/api/projects/{project_id}/dataset/download")
def download_project(project_id: PathId, db: DB, actor: CurrentActor, rq_id: str | None = None) -> Response:
    return _download("projects", project_id, db, actor, rq_id)


# --- import -----------------------------------------------------------------------------------------

FILE_FIELDS = ("annotation_file", "dataset_file", "file")


def _staging(kind: str, object_id: int, actor: Actor) -> Path:
    return staging_dir(f"import-{kind}", f"{object_id}-u{actor.id}")


def _save_form_file(upload: UploadFile, staging: Path, field: str) -> Path:
    name = safe_name(upload.filename or "upload.zip", field)  # before reset_staging: a refusal writes nothing
    reset_staging(staging)
    target = staging / name
    with target.open("wb") as handle:
        shutil.copyfileobj(upload.file, handle, length=1 << 20)
    return target


async def _import(kind: str, object_id: int, request: Request, db: DB, actor: Actor, base: str, path: str) -> Response:
    """cvat-sdk's upload protocol for one file, then the import request."""
    params = request.query_params
    obj = await run_in_threadpool(LOADERS[kind], db, actor, object_id, "change")
    staging = _staging(kind, object_id, actor)
    headers = request.headers
    if "upload-start" in headers:
        await run_in_threadpool(service.check_import_format, params.get("format"), obj)
        await run_in_threadpool(reset_staging, staging)
        return Response(status_code=202)
    if "upload-length" in headers:
        return await tus_create_response(request, staging, f"{base}{path}",
                                         "dataset_file" if kind == "projects" else "annotation_file")
    _check_location(params.get("location"))
    uploaded: Path | None = None
    if "upload-finish" in headers:
        name = params.get("filename")
        if not name:
            raise ValidationError({"filename": ["Upload-Finish needs ?filename= of the uploaded file."]})
        uploaded = staging / safe_name(name, "filename")
        if not uploaded.is_file():
            raise ValidationError({"filename": [f"No uploaded file named '{name}'."]})
    elif headers.get("content-type", "").startswith("multipart/form-data"):
        form = await request.form(max_files=4, max_fields=100)
        try:
            field = next((f for f in FILE_FIELDS if isinstance(form.get(f), UploadFile)), None)
            upload = form.get(field) if field else None
            if field is None or not isinstance(upload, UploadFile):
                raise ValidationError({"annotation_file": ["Send the file as annotation_file (or dataset_file)."]})
            uploaded = await run_in_threadpool(_save_form_file, upload, staging, field)
        finally:
            await form.close()
    else:
        raise ValidationError("Upload the dataset file: a multipart body with annotation_file, or cvat-sdk's "
                              "Upload-Start / TUS / Upload-Finish requests.")
    conv = parse_flag(params.get("conv_mask_to_poly"), True, "conv_mask_to_poly")
    mode = params.get("import_mode") or "replace"
    if mode not in ("replace", "append"):
        raise ValidationError({"import_mode": ["Use import_mode=replace or append."]})
    started = await run_in_threadpool(service.do_start_import, db, actor, obj, params.get("format"), uploaded,
                                      conv_mask_to_poly=conv, replace=mode == "replace")
    await run_in_threadpool(shutil.rmtree, staging, True)
    return JSONResponse({"rq_id": started.id}, status_code=202)


@router.post("/api/tasks/{task_id}/annotations", status_code=202)
async def import_task_annotations(task_id: PathId, request: Request, db: DB, actor: CurrentActor, base: BaseURL) -> Response:
    return await _import("tasks", task_id, request, db, actor, base, f"/api/tasks/{task_id}/annotations")


@router.post("/api/jobs/{job_id}/annotations", status_code=202)
async def import_job_annotations(job_id: PathId, request: Request, db: DB, actor: CurrentActor, base: BaseURL) -> Response:
    return await _import("jobs", job_id, request, db, actor, base, f"/api/jobs/{job_id}/annotations")


@router.post("/api/projects/{project_id}/dataset", status_code=202)
async def import_project_dataset(project_id: PathId, request: Request, db: DB, actor: CurrentActor,
                                 base: BaseURL) -> Response:
    return await _import("projects", project_id, request, db, actor, base, f"/api/projects/{project_id}/dataset")


def _tus_routes(kind: str, prefix: str, name: str) -> None:
    path = f"/api/{kind}/{{object_id}}/{prefix}/{{file_id}}"

    async def head(object_id: PathId, file_id: str, db: DB, actor: CurrentActor) -> Response:
        await run_in_threadpool(LOADERS[kind], db, actor, object_id, "change")
        return tus_status_response(_staging(kind, object_id, actor), file_id)

    async def patch(object_id: PathId, file_id: str, request: Request, db: DB, actor: CurrentActor) -> Response:
        await run_in_threadpool(LOADERS[kind], db, actor, object_id, "change")
        return await tus_append_response(request, _staging(kind, object_id, actor), file_id)

    router.add_api_route(path, head, methods=["HEAD"], name=f"tus_status_{name}")
    router.add_api_route(path, patch, methods=["PATCH"], name=f"tus_append_{name}")


_tus_routes("tasks", "annotations", "task_annotations")
_tus_routes("jobs", "annotations", "job_annotations")
_tus_routes("projects", "dataset", "project_dataset")
