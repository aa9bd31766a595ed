"""Export and import use cases: start them as background requests, run them, serve the results.

Exports write a zip under `<data dir>/exports/`, named after the request; the request row
remembers it until the result expires (then the purge deletes both). Imports move the uploaded
file under `<data dir>/imports/` first, so that any worker can find it, and delete it when done.
"""

from __future__ import annotations

import hashlib
import shutil
import uuid
from pathlib import Path

from sqlalchemy.orm import Session

from contour.config import get_settings
from contour.db import get_sessionmaker, transaction
from contour.errors import NotFound, ValidationError
from contour.formats.archive import ZipArchiveWriter
from contour.formats.registry import ExportOptions, RegisteredFormat, find_exporter, find_importer
from contour.resources.common.actor import Actor
from contour.resources.common.gcpause import gc_paused
from contour.resources.datasets import source as sources
from contour.resources.datasets.naming import check_export_filename, download_name
from contour.resources.jobs.models import Job
from contour.resources.projects.models import Project
from contour.resources.requests.models import BackgroundRequest, RequestStatus
from contour.resources.requests.runner import RequestContext, register_handler
from contour.resources.requests.service import do_submit, request_id_for
from contour.resources.tasks.models import Task

Target = Task | Job | Project


def exports_dir() -> Path:
    return get_settings().data_dir / "exports"


def imports_dir() -> Path:
    return get_settings().data_dir / "imports"


def target_kind(obj: Target) -> str:
    return "task" if isinstance(obj, Task) else "job" if isinstance(obj, Job) else "project"


def _ids(obj: Target) -> dict[str, int | None]:
    if isinstance(obj, Task):
        return {"project_id": obj.project_id, "task_id": obj.id, "job_id": None, "organization_id": obj.organization_id}
    if isinstance(obj, Job):
        return {"project_id": obj.task.project_id, "task_id": obj.task_id, "job_id": obj.id,
                "organization_id": obj.task.organization_id}
    return {"project_id": obj.id, "task_id": None, "job_id": None, "organization_id": obj.organization_id}


def _dimension(obj: Target) -> str:
    if isinstance(obj, Task):
        return obj.dimension
    if isinstance(obj, Job):
        return obj.task.dimension
    return "2d"


def _check_format(entry: RegisteredFormat | None, side: str, name: str | None, obj: Target) -> RegisteredFormat:
    if entry is None:
        raise ValidationError({"format": [f"Unknown {side} format '{name}'. See /api/server/annotation/formats."]})
    if not entry.spec.enabled:
        raise ValidationError({"format": [f"The format '{name}' is disabled on this server."]})
    if entry.spec.dimension != _dimension(obj):
        raise ValidationError({"format": [f"The format '{name}' is for {entry.spec.dimension} data; this is {_dimension(obj)}."]})
    return entry


def check_export_format(name: str | None, obj: Target) -> RegisteredFormat:
    return _check_format(find_exporter(name or ""), "export", name, obj)


def check_import_format(name: str | None, obj: Target) -> RegisteredFormat:
    return _check_format(find_importer(name or ""), "import", name, obj)


# --- export -----------------------------------------------------------------------------------------


def do_start_export(db: Session, actor: Actor, obj: Target, format_name: str | None, save_images: bool,
                    filename: str | None) -> BackgroundRequest:
    entry = check_export_format(format_name, obj)
    check_export_filename(filename)
    kind = target_kind(obj)
    subresource = "dataset" if save_images else "annotations"
    request_id = request_id_for("export", kind, obj.id, subresource, format=entry.spec.display_name, user_id=str(actor.id))
    existing = db.get(BackgroundRequest, request_id)
    if existing is not None and not existing.is_done and existing.params.get("filename") == filename:
        return existing  # the same export is already under way: hand out its id again
    if existing is not None and existing.result_file:
        _remove_result(existing.result_file)
    return do_submit(
        db, request_id=request_id, action="export", target=kind, subresource=subresource, owner_id=actor.id,
        params={"format": entry.spec.display_name, "save_images": save_images, "filename": filename},
        format=entry.spec.display_name, **_ids(obj),
    )


def _remove_result(relative: str) -> None:
    path = get_settings().data_dir / relative
    path.unlink(missing_ok=True)


def _load_target(db: Session, context: RequestContext, kind: str) -> Target:
    obj: Target | None
    if kind == "job":
        obj = db.get(Job, context.job_id)
    elif kind == "task":
        obj = db.get(Task, context.task_id)
    else:
        obj = db.get(Project, context.project_id)
    if obj is None:
        raise NotFound(f"The {kind} was deleted.")
    return obj


def _target_of(context: RequestContext) -> str:
    if context.job_id is not None:
        return "job"
    if context.task_id is not None:
        return "task"
    return "project"


def run_export(context: RequestContext) -> None:
    entry = find_exporter(context.params["format"])
    assert entry is not None and entry.exporter is not None
    kind = _target_of(context)
    directory = exports_dir()
    directory.mkdir(parents=True, exist_ok=True)
    final = directory / f"{export_file_prefix(context.request_id)}{uuid.uuid4().hex[:8]}.zip"
    partial = final.with_suffix(".part")
    context.progress(0.0, "Collecting annotations")

    def report(fraction: float) -> None:
        context.progress(0.95 * fraction, "Writing the dataset")

    try:
        with get_sessionmaker()() as db:
            obj = _load_target(db, context, kind)
            hint = sources.ReadHint(entry.spec.shape_types, entry.spec.reads_attributes)
            if isinstance(obj, Task):
                source = sources.task_source(db, obj, report, hint)
            elif isinstance(obj, Job):
                source = sources.job_source(db, obj, report, hint)
            else:
                source = sources.project_source(db, obj, report, hint)
            # Half of a big export's time went to cyclic GC passes over the objects it streams
            # (bench/export.py); none of them form cycles.
            with gc_paused(), ZipArchiveWriter(partial) as writer:
                entry.exporter(source, writer, ExportOptions(save_images=bool(context.params.get("save_images"))))
            name = download_name(kind, obj, context.params)
        partial.rename(final)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    with transaction() as db:
        request = db.get(BackgroundRequest, context.request_id)
        if request is None:
            final.unlink(missing_ok=True)
            return
        request.result_file = str(final.relative_to(get_settings().data_dir))
        request.params = {**request.params, "download_name": name}


def export_file_prefix(request_id: str) -> str:
    """Every file an export request writes starts with this (its partial and its result)."""
    return f"{hashlib.sha256(request_id.encode()).hexdigest()[:24]}-"


def remove_export_files(context: RequestContext) -> None:
    """After a failed or interrupted export: its partial file, and a result it wrote but did not record."""
    with transaction() as db:
        request = db.get(BackgroundRequest, context.request_id)
        kept = request.result_file if request is not None else None
    data_dir = get_settings().data_dir
    for path in exports_dir().glob(f"{export_file_prefix(context.request_id)}*"):
        if str(path.relative_to(data_dir)) != kept:
            path.unlink(missing_ok=True)


@register_handler("export:dataset", cleanup=remove_export_files)
def export_dataset(context: RequestContext) -> None:
    run_export(context)


@register_handler("export:annotations", cleanup=remove_export_files)
def export_annotations(context: RequestContext) -> None:
    run_export(context)


def access_export_result(db: Session, actor: Actor, request_id: str, obj: Target) -> tuple[Path, str]:
    request = db.get(BackgroundRequest, request_id)
    if request is None or (request.owner_id != actor.id and not actor.is_admin):
        raise NotFound("No such export.")
    ids = _ids(obj)
    kind = target_kind(obj)
    if request.action != "export" or request.target != kind or getattr(request, f"{kind}_id") != ids[f"{kind}_id"]:
        raise NotFound("No such export of this object.")
    return result_of(request)


def result_of(request: BackgroundRequest) -> tuple[Path, str]:
    if request.status != RequestStatus.FINISHED or not request.result_file:
        raise ValidationError(f"The export is {request.status}; its file is not ready.")
    path = get_settings().data_dir / request.result_file
    if not path.exists():
        raise NotFound("The export's file has expired.")
    return path, str(request.params.get("download_name") or path.name)


# --- import -----------------------------------------------------------------------------------------


def do_start_import(db: Session, actor: Actor, obj: Target, format_name: str | None, uploaded: Path,
                    *, conv_mask_to_poly: bool, replace: bool) -> BackgroundRequest:
    """Queue the import of an uploaded file (moved out of the staging area right away)."""
    entry = check_import_format(format_name, obj)
    if not uploaded.is_file():
        raise ValidationError("No file was uploaded for the import.")
    kind = target_kind(obj)
    subresource = "dataset" if kind == "project" else "annotations"
    token = uuid.uuid4().hex
    directory = imports_dir() / token
    directory.mkdir(parents=True)
    moved = directory / uploaded.name
    shutil.move(str(uploaded), moved)
    request_id = request_id_for("import", kind, obj.id, subresource, id=token)
    return do_submit(
        db, request_id=request_id, action="import", target=kind, subresource=subresource, owner_id=actor.id,
        params={"format": entry.spec.display_name, "file": str(moved.relative_to(get_settings().data_dir)),
                "conv_mask_to_poly": conv_mask_to_poly, "replace": replace},
        format=entry.spec.display_name, **_ids(obj),
    )


def remove_import_file(context: RequestContext) -> None:
    relative = context.params.get("file")
    if relative:
        shutil.rmtree((get_settings().data_dir / relative).parent, ignore_errors=True)
