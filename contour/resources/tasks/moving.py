"""Moving a task into a project (from standalone or from another project), as CVAT does.

Labels are matched by name, after the caller's renames (`labels: [{"id", "name"}]` in the PATCH);
the task's annotations are then rewritten to the project's label and attribute ids in the request's
transaction, with one set-based UPDATE per table and label: a task may hold hundreds of thousands
of shapes, and neither the ORM nor Python sees them. Attribute values live in JSON columns as
`[[spec_id, value], ...]`, so their rewrite is a JSON expression, one per database.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import ColumnElement, Integer, Table, case, cast, func, select, update
from sqlalchemy.dialects.postgresql import aggregate_order_by
from sqlalchemy.orm import Session

from contour.db import Base, utcnow
from contour.errors import PermissionDenied, ValidationError
from contour.resources.annotations.models import AnnotationShape, AnnotationTag, AnnotationTrack, TrackKeyframe
from contour.resources.common.actor import Actor
from contour.resources.jobs.models import Job
from contour.resources.labels.models import Label
from contour.resources.labels.schemas import LabelRequest
from contour.resources.labels.service import LabelOwner, labels_of
from contour.resources.projects import access as project_access
from contour.resources.projects.models import Project
from contour.resources.tasks.label_matching import LabelTranslation, match_labels, mismatch_messages
from contour.resources.tasks.models import Task


def do_move_task_to_project(
    db: Session, actor: Actor, task: Task, project_id: int | None, label_renames: Sequence[LabelRequest]
) -> None:
    """Move `task` (which the actor may change) into project `project_id`.

    Every check runs before anything is written; a refusal leaves labels and annotations as they
    were. Locks the task's jobs (as annotation writers do) before rewriting their annotations.
    """
    if project_id is None:
        raise ValidationError(
            {"project_id": ["A task cannot be moved out of its project (CVAT does not allow it either)."]}
        )
    project = db.get(Project, project_id)
    if project is None or not project_access.can_view(db, actor, project):
        raise ValidationError({"project_id": [f'Invalid pk "{project_id}" - object does not exist.']})
    if not project_access.can_change(actor, project):
        raise PermissionDenied(f"You may not add tasks to project {project_id}.")
    if project.organization_id != task.organization_id:
        raise ValidationError({"project_id": ["The task and the project belong to different workspaces."]})
    dimension = _project_dimension(db, task, project)
    _check_dimension(task, dimension)

    was_standalone = task.project_id is None
    old_owner = LabelOwner(task_id=task.id) if was_standalone else LabelOwner(project_id=task.project_id)
    old_labels = labels_of(db, old_owner)
    matching = match_labels(
        old_labels, labels_of(db, LabelOwner(project_id=project.id)), check_renames(label_renames, old_labels)
    )
    if not matching.fits:
        raise ValidationError({"project_id": mismatch_messages(matching)})

    _lock_and_bump_jobs(db, task)
    for translation in matching.translations:
        do_translate_annotations(db, task.id, translation)
    if was_standalone:
        for label in old_labels:
            db.delete(label)
    else:
        previous = db.get(Project, task.project_id)
        if previous is not None:
            previous.updated_date = utcnow()
    _adopt_dimension(task, project, dimension)
    task.project_id = project.id
    project.updated_date = utcnow()
    db.flush()


def check_renames(requests: Sequence[LabelRequest], old_labels: Sequence[Label]) -> dict[int, str]:
    """The PATCH's `labels` while moving: old label id → the project label name it becomes."""
    known = {label.id for label in old_labels}
    renames: dict[int, str] = {}
    for request in requests:
        # Generated clients send `deleted: false` with every label; anything more is not a mapping.
        extra = {field for field in request.model_fields_set - {"id", "name"} if getattr(request, field)}
        if request.id is None or request.name is None or extra:
            raise ValidationError(
                {
                    "labels": [
                        "While moving a task, each entry of 'labels' maps a label: {\"id\": <task label id>, "
                        '"name": <project label name>}.'
                    ]
                }
            )
        if request.id not in known:
            raise ValidationError({"labels": [f"Label id {request.id} is not one of the task's labels."]})
        renames[request.id] = request.name
    return renames


def _has_data(task: Task) -> bool:
    return task.mode != ""


def _project_dimension(db: Session, task: Task, project: Project) -> str | None:
    """The project's own dimension, else that of its other tasks with data (None: any fits)."""
    if project.dimension is not None:
        return project.dimension
    others = select(Task.dimension).where(Task.project_id == project.id, Task.id != task.id, Task.mode != "")
    return db.scalar(others.limit(1))


def _check_dimension(task: Task, expected: str | None) -> None:
    if expected is not None and _has_data(task) and task.dimension != expected:
        raise ValidationError(
            {
                "project_id": [
                    f"The task is {task.dimension} and the project's tasks are {expected}; a project holds one dimension."
                ]
            }
        )


def _adopt_dimension(task: Task, project: Project, expected: str | None) -> None:
    if not _has_data(task):
        # A task without data has no dimension of its own yet: it takes the project's.
        task.dimension = expected or task.dimension
    elif project.dimension is None:
        project.dimension = task.dimension


def _lock_and_bump_jobs(db: Session, task: Task) -> None:
    """Wait for the jobs' annotation writers (their row locks) and make stale clients reload."""
    db.execute(
        update(Job).where(Job.task_id == task.id).values(annotation_version=Job.annotation_version + 1),
        execution_options={"synchronize_session": "fetch"},
    )


# --- the set-based rewrite ---------------------------------------------------------------------------


def do_translate_annotations(db: Session, task_id: int, translation: LabelTranslation) -> None:
    """Give every annotation of `translation.old_id` in the task's jobs the new label and specs."""
    jobs = select(Job.id).where(Job.task_id == task_id).scalar_subquery()
    dialect = db.get_bind().dialect.name
    tracks, keyframes = _table(AnnotationTrack), _table(TrackKeyframe)
    if translation.had_specs:
        # Keyframes carry no label: find them through their track while it still has the old one.
        old_tracks = select(tracks.c.id).where(tracks.c.job_id.in_(jobs), tracks.c.label_id == translation.old_id)
        db.execute(
            update(keyframes)
            .where(keyframes.c.track_id.in_(old_tracks))
            .values(attributes=_translated_attributes(keyframes, translation.specs, dialect))
        )
    for table in (_table(AnnotationTag), _table(AnnotationShape), tracks):
        values: dict[str, Any] = {"label_id": translation.new_id}
        if translation.had_specs:
            values["attributes"] = _translated_attributes(table, translation.specs, dialect)
        db.execute(update(table).where(table.c.job_id.in_(jobs), table.c.label_id == translation.old_id).values(values))


def _table(model: type[Base]) -> Table:
    table = model.__table__
    assert isinstance(table, Table)
    return table


def _translated_attributes(table: Table, specs: Mapping[int, int], dialect: str) -> ColumnElement[Any]:
    """The row's `[[spec_id, value], ...]` with spec ids mapped by `specs`, others dropped, order kept."""
    if not specs:
        return func.json_array() if dialect == "sqlite" else func.json_build_array()
    if dialect == "postgresql":
        return _postgres_translated(table, specs)
    return _sqlite_translated(table, specs)


def _sqlite_translated(table: Table, specs: Mapping[int, int]) -> ColumnElement[Any]:
    item = func.json_each(table.c.attributes).table_valued("value").alias("attribute")
    spec_id = func.json_extract(item.c.value, "$[0]")
    pair = func.json_array(case(dict(specs), value=spec_id), func.json_extract(item.c.value, "$[1]"))
    kept = select(func.coalesce(func.json_group_array(pair), func.json_array())).where(spec_id.in_(list(specs)))
    return kept.scalar_subquery()


def _postgres_translated(table: Table, specs: Mapping[int, int]) -> ColumnElement[Any]:
    item = (
        func.json_array_elements(table.c.attributes)
        .table_valued("value", with_ordinality="position")
        .render_derived(name="attribute")
    )
    spec_id = cast(item.c.value.op("->>")(0), Integer)
    pair = func.json_build_array(case(dict(specs), value=spec_id), item.c.value.op("->")(1))
    in_order = func.json_agg(aggregate_order_by(pair, item.c.position))
    kept = select(func.coalesce(in_order, func.json_build_array())).where(spec_id.in_(list(specs)))
    return kept.scalar_subquery()
