"""Routes of /api/labels: the labels of a project, task or job, and single-label edits."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response
from sqlalchemy import ColumnElement, or_, select
from sqlalchemy.orm import Session, aliased

from contour.errors import NotFound, PermissionDenied, ValidationError
from contour.resources.common.actor import Actor
from contour.resources.common.deps import DB, CurrentActor, Scope
from contour.resources.common.listing import ListSpec, list_parameters, paginate
from contour.resources.common.read_models import Page, documented
from contour.resources.common.responses import JSONResponse
from contour.resources.common.types import MAX_DB_INT, PathId
from contour.resources.jobs import access as job_access
from contour.resources.labels.models import Label
from contour.resources.labels.schemas import LabelRead, LabelRequest, serialize_label
from contour.resources.labels.service import do_update_label
from contour.resources.projects import access as project_access
from contour.resources.projects.models import Project
from contour.resources.tasks import access as task_access
from contour.resources.tasks.models import Task

router = APIRouter(tags=["labels"])

Parent = aliased(Label)

LABEL_LIST = ListSpec(
    fields={
        "id": Label.id,
        "name": Label.name,
        "color": Label.color,
        "type": Label.type,
        "parent_id": Label.parent_id,
        "parent": Parent.name,
    },
    search=[Label.name, Parent.name],
    simple={"name": Label.name, "color": Label.color, "type": Label.type, "parent_id": Label.parent_id, "parent": Parent.name},
    default_sort="id",
)


def _owner_condition(db: Session, actor: Actor, params: dict[str, str]) -> ColumnElement[bool]:
    """Labels of the object named by task_id / project_id / job_id (checking the caller may see it)."""
    try:
        if params.get("job_id"):
            task = job_access.access_job(db, actor, _id(params["job_id"])).task
            return _task_condition(task)
        if params.get("task_id"):
            return _task_condition(task_access.access_task(db, actor, _id(params["task_id"])))
        if params.get("project_id"):
            project = project_access.access_project(db, actor, _id(params["project_id"]))
            return Label.project_id == project.id
    except ValueError as exc:
        raise ValidationError("task_id, project_id and job_id must be integers.") from exc
    raise LookupError


def _id(raw: str) -> int:
    value = int(raw)
    if not 0 <= value <= MAX_DB_INT:
        raise ValueError(raw)
    return value


def _task_condition(task: Task) -> ColumnElement[bool]:
    if task.project_id is not None:
        return Label.project_id == task.project_id
    return Label.task_id == task.id


def _visible(actor: Actor, scope: Scope) -> ColumnElement[bool]:
    return or_(
        Label.project_id.in_(select(Project.id).where(project_access.visible(actor, scope))),
        Label.task_id.in_(select(Task.id).where(task_access.visible(actor, scope))),
    )


@router.get(
    "/api/labels",
    responses=documented(Page[LabelRead], 200),
    openapi_extra=list_parameters(LABEL_LIST, {"task_id": "integer", "project_id": "integer", "job_id": "integer"}),
)
def list_labels(request: Request, db: DB, actor: CurrentActor, scope: Scope) -> Response:
    params = dict(request.query_params)
    try:
        condition = _owner_condition(db, actor, params)
    except LookupError:
        condition = _visible(actor, scope)
    stmt = select(Label).outerjoin(Parent, Label.parent_id == Parent.id).where(condition)
    # Sublabels are listed inside their skeleton unless the caller asks for them by parent.
    if not any(key in params for key in ("parent_id", "parent")) and "filter" not in params:
        stmt = stmt.where(Label.parent_id.is_(None))
    return JSONResponse(paginate(db, request.url, stmt, LABEL_LIST, lambda rows: [serialize_label(r) for r in rows]))


def _access_label(db: Session, actor: Actor, label_id: PathId, change: bool) -> Label:
    label = db.get(Label, label_id)
    if label is None:
        raise NotFound()
    action = "change" if change else "view"
    if label.project_id is not None:
        project_access.access_project(db, actor, label.project_id, action)
    elif label.task_id is not None:
        task_access.access_task(db, actor, label.task_id, action)
    else:
        raise PermissionDenied()
    return label


@router.get("/api/labels/{label_id}", responses=documented(LabelRead, 200))
def get_label(label_id: PathId, db: DB, actor: CurrentActor) -> Response:
    return JSONResponse(serialize_label(_access_label(db, actor, label_id, change=False)))


@router.patch("/api/labels/{label_id}", responses=documented(LabelRead, 200))
def update_label(label_id: PathId, body: LabelRequest, db: DB, actor: CurrentActor) -> Response:
    label = _access_label(db, actor, label_id, change=True)
    if body.id is not None and body.id != label.id:
        raise ValidationError({"id": ["The id in the body differs from the label being changed."]})
    if body.deleted:
        raise ValidationError({"deleted": ["Use DELETE to remove a label."]})
    return JSONResponse(serialize_label(do_update_label(db, label, body)))


@router.delete("/api/labels/{label_id}", status_code=204)
def delete_label(label_id: PathId, db: DB, actor: CurrentActor) -> Response:
    label = _access_label(db, actor, label_id, change=True)
    if label.parent_id is not None:
        raise ValidationError("Sublabels cannot be deleted this way; change the skeleton instead.")
    db.delete(label)
    return Response(status_code=204)
