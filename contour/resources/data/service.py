"""Task-data use cases: start creation, read meta, delete/restore frames, remove a task's media."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from contour.db import utcnow
from contour.errors import Conflict, ValidationError
from contour.resources.common.actor import Actor
from contour.resources.data.cache import get_chunk_cache
from contour.resources.data.files import remove_task_files, task_staging
from contour.resources.data.frames import MediaView
from contour.resources.data.models import MediaFrame, TaskMedia
from contour.resources.data.schemas import DataRequest
from contour.resources.jobs.models import Job
from contour.resources.requests.models import BackgroundRequest
from contour.resources.requests.service import do_submit, request_id_for
from contour.resources.tasks.models import Task

UNSUPPORTED = {
    "cloud_storage_id": "Cloud storages are not supported yet.",
    "filename_pattern": "filename_pattern is not supported yet.",
    "validation_params": "Validation frame pools are not supported yet.",
}


def check_data_request(request: DataRequest) -> None:
    for field, message in UNSUPPORTED.items():
        if getattr(request, field):
            raise ValidationError({field: [message]})
    if request.server_files and request.remote_files:
        raise ValidationError("Give either server_files or remote_files, not both.")
    if request.job_file_mapping is not None and any(not group for group in request.job_file_mapping):
        raise ValidationError({"job_file_mapping": ["Every job needs at least one file."]})


def check_can_receive_data(db: Session, task: Task) -> None:
    """Refuse uploads to a task that has data or whose creation is under way, before a byte is written:
    a refused retry must leave nothing behind."""
    if task.size is not None or db.get(TaskMedia, task.id) is not None:
        raise ValidationError("The task already has data.")
    running = db.get(BackgroundRequest, request_id_for("create", "task", task.id))
    if running is not None and not running.is_done:
        raise Conflict(f"The task's data is already being created (request {running.id} is {running.status}).")


def do_start_creation(db: Session, actor: Actor, task: Task, request: DataRequest) -> BackgroundRequest:
    """Queue `create:task` for a task that has no data yet."""
    check_data_request(request)
    check_can_receive_data(db, task)
    has_upload = task_staging(task.id).is_dir()
    if not (request.server_files or request.remote_files or has_upload):
        raise ValidationError("No media files were given.")
    return do_submit(
        db,
        request_id=request_id_for("create", "task", task.id),
        action="create",
        target="task",
        owner_id=actor.id,
        params={"data": request.model_dump(mode="json")},
        organization_id=task.organization_id,
        project_id=task.project_id,
        task_id=task.id,
    )


def media_view(db: Session, task: Task, frames: Iterable[int] | None = None) -> MediaView | None:
    """The task's media, with the rows of `frames` only (all when None): a chunk request must not
    load every frame of a 100,000-frame task (bench/chunk_serve.py)."""
    media = db.get(TaskMedia, task.id)
    if media is None or task.size is None:
        return None
    rows: list[MediaFrame] = []
    if media.kind != "video":
        stmt = select(MediaFrame).where(MediaFrame.task_id == task.id)
        if frames is not None:
            wanted = sorted(set(frames))
            if wanted and wanted == list(range(wanted[0], wanted[-1] + 1)):
                stmt = stmt.where(MediaFrame.frame.between(wanted[0], wanted[-1]))
            else:
                stmt = stmt.where(MediaFrame.frame.in_(wanted))
        rows = list(db.scalars(stmt.order_by(MediaFrame.frame)))
    db.expunge(media)
    for row in rows:
        db.expunge(row)
    return MediaView(task.id, task.size, task.data_chunk_size or 1, task.image_quality or 70, media,
                     {row.frame: row for row in rows})


def require_media(db: Session, task: Task, frames: Iterable[int] | None = None) -> MediaView:
    view = media_view(db, task, frames)
    if view is None:
        raise ValidationError("The task has no data yet.")
    return view


def serialize_meta(view: MediaView, task: Task, *, frames_range: tuple[int, int] | None = None,
                   included: list[int] | None = None, deleted_scope: tuple[int, int] | None = None) -> dict[str, Any]:
    media = view.media
    if media.kind == "video":
        frames = [{
            "width": media.video_width, "height": media.video_height, "name": media.video_path,
            "related_files": 0, "has_related_context": False,
        }]
    else:
        frames = [
            {"width": f.width, "height": f.height, "name": f.path, "related_files": len(f.related_files),
             "has_related_context": bool(f.related_files)}
            for f in view.frames.values()
        ]
    deleted = sorted(media.deleted_frames)
    start, stop = media.start_frame, media.stop_frame
    size = view.size
    if frames_range is not None:
        first, last = frames_range
        start = media.start_frame + first * media.frame_step
        stop = min(media.stop_frame, media.start_frame + last * media.frame_step)
        size = last - first + 1 if included is None else len(included)
    if deleted_scope is not None:
        deleted = [f for f in deleted if deleted_scope[0] <= f <= deleted_scope[1]]
    return {
        "chunk_size": view.chunk_size,
        "size": size,
        "image_quality": view.image_quality,
        "start_frame": start,
        "stop_frame": stop,
        "frame_filter": media.frame_filter,
        "frames": frames,
        "deleted_frames": deleted,
        "included_frames": included,
        "chunks_updated_date": media.chunks_updated_date,
        "chapters": None,
        "storage": media.storage,
        "cloud_storage_id": None,
    }


def do_set_deleted_frames(db: Session, task: Task, deleted: list[int], scope: tuple[int, int] | None = None) -> None:
    """Replace the deleted-frame set (within `scope` for a job's PATCH); frames stay in chunks."""
    media = db.get(TaskMedia, task.id)
    if media is None or task.size is None:
        raise ValidationError("The task has no data yet.")
    low, high = scope if scope is not None else (0, task.size - 1)
    outside = [f for f in deleted if not low <= f <= high]
    if outside:
        raise ValidationError({"deleted_frames": [f"Frames {outside[:10]} are outside {low}..{high}."]})
    kept = [f for f in media.deleted_frames if not low <= f <= high]
    media.deleted_frames = sorted(set(kept) | set(deleted))
    task.updated_date = utcnow()


def job_frame_range(job: Job) -> tuple[int, int]:
    return job.segment.start_frame, job.segment.stop_frame


def job_frames(job: Job) -> list[int]:
    if job.segment.frames is not None:
        return list(job.segment.frames)
    return list(range(job.segment.start_frame, job.segment.stop_frame + 1))


def do_forget_task_media(task_id: int) -> None:
    """Remove a deleted task's files and cached chunks (its rows go with the task)."""
    remove_task_files(task_id)
    get_chunk_cache().evict_task(task_id)
