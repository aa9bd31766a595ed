"""Annotation use cases for jobs and tasks: read, replace, create/update/delete objects, clear.

Each write takes the job row lock (PostgreSQL; SQLite serialises writers anyway), checks the
client's `version` when it sends one, validates everything, then applies it in the request's
transaction: a rejected body leaves the stored annotations exactly as they were.
"""

from __future__ import annotations

import logging
from typing import Any, Literal

import orjson
from pydantic import ValidationError as PydanticError
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from contour.db import utcnow
from contour.errors import Conflict, ValidationError
from contour.resources.annotations import store
from contour.resources.annotations.convert import json_to_model, model_to_json, model_to_request, request_to_model
from contour.resources.annotations.schemas import LABELED_DATA, LabeledDataIn
from contour.resources.annotations.validation import FrameBounds, check_labeled_data, label_rules
from contour.resources.common import unknown_fields
from contour.resources.jobs.models import Job, JobType
from contour.resources.tasks.models import Task
from contour.resources.tasks.service import task_labels

Action = Literal["put", "create", "update", "delete"]
Json = dict[str, Any]


def parse_labeled_data(raw: bytes) -> LabeledDataIn:
    if unknown_fields.log.isEnabledFor(logging.DEBUG):
        _log_unknown_keys(raw)
    try:
        return LABELED_DATA.validate_json(raw or b"{}")
    except PydanticError as exc:
        fields: dict[str, list[str]] = {}
        for error in exc.errors()[:20]:
            where = ".".join(str(p) for p in error["loc"]) or "non_field_errors"
            fields.setdefault(where.split(".")[0], []).append(f"{where}: {error['msg']}")
        raise ValidationError(fields) from exc


def _log_unknown_keys(raw: bytes) -> None:
    try:
        body = orjson.loads(raw or b"{}")
    except orjson.JSONDecodeError:
        return  # validation reports it
    ignored = list(unknown_fields.unknown_keys(LabeledDataIn, body))
    if ignored:
        unknown_fields.log.debug("annotations: ignored unknown fields %s", ", ".join(ignored[:50]))


def parse_action(raw: str | None) -> Action:
    if raw not in ("create", "update", "delete"):
        raise ValidationError({"action": ["Use ?action=create, update or delete."]})
    return raw  # type: ignore[return-value]


def job_bounds(job: Job) -> FrameBounds:
    segment = job.segment
    return FrameBounds(segment.start_frame, segment.stop_frame, set(segment.frames) if segment.frames is not None else None)


def _lock(db: Session, job: Job) -> Job:
    """Serialise writers of one job, then read its current version inside the lock."""
    if db.get_bind().dialect.name == "postgresql":
        db.execute(select(Job.id).where(Job.id == job.id).with_for_update())
    else:
        # SQLite's driver opens the transaction at the first write: a no-op write takes the
        # database's write lock now, so the version read below cannot be stale.
        db.execute(update(Job).where(Job.id == job.id).values(annotation_version=Job.annotation_version))
    db.refresh(job, ["annotation_version"])
    return job


lock_job = _lock


def _check_version(job: Job, data: LabeledDataIn) -> None:
    if data.version is not None and data.version != 0 and data.version != job.annotation_version:
        raise Conflict(
            f"The job's annotations changed (version {job.annotation_version}, you sent {data.version}); reload them."
        )


def read_job(db: Session, job: Job) -> Json:
    data = store.load_annotations(db, [job.id])
    data["version"] = job.annotation_version
    return data


def do_write_job(db: Session, job: Job, action: Action, data: LabeledDataIn) -> Json:
    task = job.task
    _lock(db, job)
    _check_version(job, data)
    if action != "delete":
        check_labeled_data(data, label_rules(task_labels(db, task)), job_bounds(job), is_3d=task.dimension == "3d")
    result = _apply(db, [job.id], action, data, job.id)
    job.annotation_version += 1
    job.updated_date = utcnow()
    if job.state == "new" and action != "delete":
        job.state = "in progress"
    result["version"] = job.annotation_version
    return result


def _apply(db: Session, job_ids: list[int], action: Action, data: LabeledDataIn, target_job: int) -> Json:
    tag_ids, shape_ids, track_ids = store.ids_of(data)
    if action == "put":
        store.clear_jobs(db, job_ids)
        store.insert_annotations(db, target_job, data)
        return store.load_annotations(db, [target_job])
    if action == "delete":
        store.delete_objects(db, job_ids, tag_ids, shape_ids, track_ids)
        return model_to_json(request_to_model(data))
    if action == "update":
        check_updated_objects_exist(db, job_ids, data)
        store.delete_objects(db, job_ids, tag_ids, shape_ids, track_ids)
        store.insert_annotations(db, target_job, data, keep_ids=True)
        return model_to_json(request_to_model(data))
    before = _existing_ids(db, [target_job])
    store.insert_annotations(db, target_job, data)
    created = store.load_annotations(db, [target_job])
    for key in ("tags", "shapes", "tracks"):
        created[key] = [item for item in created[key] if item["id"] not in before[key]]
    return created


def check_updated_objects_exist(db: Session, job_ids: list[int], data: LabeledDataIn) -> None:
    """An update keeps the ids it names, so they must be objects of these jobs: an id a client made up (or one
    of a deleted object) would be handed out a second time, or collide with a later one."""
    missing = {key: sorted(set(ids) - found) for key, ids, found in
               zip(("tags", "shapes", "tracks"), store.ids_of(data), store.existing_ids(db, job_ids, *store.ids_of(data)),
                   strict=True)}
    problems = {key: [f"No such object to update: {', '.join(map(str, ids[:20]))}."] for key, ids in missing.items() if ids}
    if problems:
        raise ValidationError(problems)


def _existing_ids(db: Session, job_ids: list[int]) -> dict[str, set[int]]:
    data = store.load_annotations(db, job_ids)
    return {key: {item["id"] for item in data[key]} for key in ("tags", "shapes", "tracks")}


def clear_job(db: Session, job: Job) -> None:
    _lock(db, job)
    store.clear_jobs(db, [job.id])
    job.annotation_version += 1
    job.updated_date = utcnow()


# --- tasks: act on every annotation job ------------------------------------------------------


def annotation_jobs(db: Session, task: Task) -> list[Job]:
    jobs = db.scalars(select(Job).where(Job.task_id == task.id, Job.type == JobType.ANNOTATION)).all()
    return sorted(jobs, key=lambda j: (j.segment.start_frame, j.id))


def read_task(db: Session, task: Task) -> Json:
    jobs = annotation_jobs(db, task)
    if len(jobs) <= 1:
        return store.load_annotations(db, [j.id for j in jobs])
    from contour.core.annotations.merge import merge_job_annotations

    parts = [(j.segment.start_frame, j.segment.stop_frame, json_to_model(store.load_annotations(db, [j.id]))) for j in jobs]
    merged = merge_job_annotations(parts, task.overlap or 0, is_3d=task.dimension == "3d")
    return model_to_json(merged)


def do_write_task(db: Session, task: Task, action: Action, data: LabeledDataIn) -> Json:
    jobs = annotation_jobs(db, task)
    if not jobs:
        raise ValidationError("The task has no data (and so no jobs) yet.")
    is_3d = task.dimension == "3d"
    if action != "delete":
        bounds = FrameBounds(0, (task.size or 1) - 1)
        check_labeled_data(data, label_rules(task_labels(db, task)), bounds, is_3d=is_3d)
    for job in jobs:
        _lock(db, job)
    job_ids = [j.id for j in jobs]
    if action == "update":
        check_updated_objects_exist(db, job_ids, data)
    if action in ("delete", "update"):
        tag_ids, shape_ids, track_ids = store.ids_of(data)
        store.delete_objects(db, job_ids, tag_ids, shape_ids, track_ids)
    if action == "put":
        store.clear_jobs(db, job_ids)
    if action != "delete":
        if len(jobs) == 1:
            store.insert_annotations(db, jobs[0].id, data, keep_ids=action == "update")
        else:
            from contour.core.annotations.slicing import slice_annotations

            model = request_to_model(data)
            for job in jobs:
                part = slice_annotations(model, job.segment.start_frame, job.segment.stop_frame, is_3d=is_3d)
                store.insert_annotations(db, job.id, model_to_request(part), keep_ids=action == "update")
    for job in jobs:
        job.annotation_version += 1
        job.updated_date = utcnow()
    if action == "delete":
        return model_to_json(request_to_model(data))
    if action == "create":
        return read_task(db, task)
    return read_task(db, task)
