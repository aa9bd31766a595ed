"""Files in the data directory that nothing in the database owns, and the sweep that removes them.

What a failed or interrupted request wrote is removed by its cleanup when it is marked failed; this catches the
rest (a process killed between a commit and the file removal that should follow it, uploads abandoned for a
day). Owners: a task's folder belongs to the task (only its media and finished files while no request builds
it); an upload staging folder to a task still waiting for data or to an object still there, for a day; an
export file to the request that recorded it or is writing it; an import folder to the request that reads it.
The database, the queue, the share and the size-bounded chunk cache are not looked at.
"""

from __future__ import annotations

import logging
import shutil
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from contour.resources.data.models import TaskMedia
from contour.resources.jobs.models import Job
from contour.resources.projects.models import Project
from contour.resources.requests.models import BackgroundRequest, RequestStatus
from contour.resources.tasks.models import Task

log = logging.getLogger(__name__)

ABANDONED_UPLOAD_S = 24 * 3600
ACTIVE = (RequestStatus.QUEUED, RequestStatus.STARTED)
# Files a task keeps while finished; anything else under tasks/<id>/ is work in progress.
PARTIAL_SUFFIXES = (".part", ".tmp")


@dataclass(frozen=True)
class _Owners:
    tasks_with_media: set[int]
    tasks_without_media: set[int]
    tasks_being_created: set[int]
    imports_targets: dict[str, set[int]]  # "task"/"job"/"project" -> ids that exist
    result_files: set[str]
    active_export_prefixes: set[str]
    active_import_folders: set[str]


def _owners(db: Session) -> _Owners:
    from contour.resources.datasets.service import export_file_prefix

    with_media = set(db.scalars(select(TaskMedia.task_id)))
    all_tasks = set(db.scalars(select(Task.id)))
    active = list(db.execute(select(BackgroundRequest.id, BackgroundRequest.action, BackgroundRequest.subresource,
                                    BackgroundRequest.target, BackgroundRequest.task_id, BackgroundRequest.params)
                             .where(BackgroundRequest.status.in_(ACTIVE))))
    return _Owners(
        tasks_with_media=with_media,
        tasks_without_media=all_tasks - with_media,
        tasks_being_created={r.task_id for r in active if r.action == "create" and r.task_id is not None},
        imports_targets={"task": all_tasks, "job": set(db.scalars(select(Job.id))),
                         "project": set(db.scalars(select(Project.id)))},
        result_files={f for f in db.scalars(select(BackgroundRequest.result_file)) if f},
        active_export_prefixes={export_file_prefix(r.id) for r in active if r.action == "export"},
        active_import_folders={str(Path(r.params["file"]).parent) for r in active
                               if r.action == "import" and isinstance(r.params, dict) and r.params.get("file")},
    )


def find_orphans(db: Session, data_dir: Path, *, now: float | None = None) -> list[Path]:
    """Every file or folder under `data_dir` that nothing owns (folders are listed whole)."""
    owners = _owners(db)
    now = time.time() if now is None else now
    return sorted([
        *_task_orphans(data_dir / "tasks", owners),
        *_upload_orphans(data_dir / "uploads", owners, now),
        *(p for p in _children(data_dir / "exports") if not _export_owned(p, data_dir, owners)),
        *(p for p in _children(data_dir / "imports")
          if str(p.relative_to(data_dir)) not in owners.active_import_folders),
    ])


def _children(folder: Path) -> Iterator[Path]:
    return iter(sorted(folder.iterdir())) if folder.is_dir() else iter(())


def _task_id(path: Path) -> int | None:
    return int(path.name) if path.name.isdigit() else None


def _task_orphans(tasks: Path, owners: _Owners) -> Iterator[Path]:
    for folder in _children(tasks):
        task_id = _task_id(folder)
        if task_id in owners.tasks_being_created:
            continue
        if task_id not in owners.tasks_with_media:
            yield folder  # no such task, or one whose creation failed: nothing here is its media
            continue
        yield from (p for p in folder.rglob("*") if p.is_file() and p.name.endswith(PARTIAL_SUFFIXES))


def _upload_orphans(uploads: Path, owners: _Owners, now: float) -> Iterator[Path]:
    for kind in _children(uploads):
        for folder in _children(kind):
            if kind.name == "tasks":
                task_id = _task_id(folder)
                waiting = task_id in owners.tasks_without_media or task_id in owners.tasks_being_created
            else:  # import-<task|job|project>/<id>-u<user>: kept while its target may still receive the file
                target = owners.imports_targets.get(kind.name.removeprefix("import-"), set())
                object_id = folder.name.split("-", 1)[0]
                waiting = object_id.isdigit() and int(object_id) in target
            if not waiting or now - _last_change(folder) > ABANDONED_UPLOAD_S:
                yield folder


def _last_change(folder: Path) -> float:
    times = [folder.stat().st_mtime, *(p.stat().st_mtime for p in folder.rglob("*"))]
    return max(times)


def _export_owned(path: Path, data_dir: Path, owners: _Owners) -> bool:
    if str(path.relative_to(data_dir)) in owners.result_files:
        return True
    return any(path.name.startswith(prefix) for prefix in owners.active_export_prefixes)


def remove(paths: list[Path]) -> None:
    for path in paths:
        if path.is_dir():
            shutil.rmtree(path, ignore_errors=True)
        else:
            path.unlink(missing_ok=True)


def sweep(db: Session, data_dir: Path, *, min_age_s: float = 300.0) -> list[Path]:
    """Remove the orphans last changed at least `min_age_s` ago (younger ones may belong to work that began
    after the owners were read); returns what was removed."""
    now = time.time()
    found = [p for p in find_orphans(db, data_dir, now=now) if now - _age_reference(p) >= min_age_s]
    remove(found)
    if found:
        log.warning("removed %d orphan file(s) or folder(s) from %s: %s", len(found), data_dir,
                    ", ".join(str(p.relative_to(data_dir)) for p in found[:20]))
    return found


def _age_reference(path: Path) -> float:
    return _last_change(path) if path.is_dir() else path.stat().st_mtime
