"""Routes of /api/tasks (the task resource itself; data and annotations live in their own packages)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from fastapi import APIRouter, Request, Response
from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from contour.resources.accounts.models import User
from contour.resources.common.deps import DB, BaseURL, CurrentActor, Scope
from contour.resources.common.listing import ListSpec, list_parameters, paginate
from contour.resources.common.read_models import Page, documented
from contour.resources.common.responses import JSONResponse, created
from contour.resources.common.types import PathId
from contour.resources.projects.models import Project
from contour.resources.tasks import access, service
from contour.resources.tasks.models import Task
from contour.resources.tasks.schemas import TaskPatchRequest, TaskRead, TaskWriteRequest, serialize_task

router = APIRouter(tags=["tasks"])

Owner = aliased(User)
Assignee = aliased(User)
TaskProject = aliased(Project)

TASK_LIST = ListSpec(
    fields={
        "id": Task.id,
        "name": Task.name,
        "owner": Owner.username,
        "assignee": Assignee.username,
        "project_id": Task.project_id,
        "project_name": TaskProject.name,
        "status": Task.status,
        "subset": Task.subset,
        "mode": Task.mode,
        "dimension": Task.dimension,
        "tracker_link": Task.bug_tracker,
        "created_date": Task.created_date,
        "updated_date": Task.updated_date,
        "organization_id": Task.organization_id,
    },
    search=[Task.name, Owner.username, Assignee.username, TaskProject.name, Task.subset, Task.bug_tracker],
)


def _serialize_many(db: Session, base: str, tasks: Sequence[Task]) -> list[dict[str, Any]]:
    counts = service.job_counts(db, [t.id for t in tasks])
    return [serialize_task(t, base, counts.get(t.id, (0, 0, 0))) for t in tasks]


@router.get("/api/tasks", responses=documented(Page[TaskRead], 200), openapi_extra=list_parameters(TASK_LIST))
def list_tasks(request: Request, db: DB, actor: CurrentActor, scope: Scope, base: BaseURL) -> Response:
    stmt = (
        select(Task)
        .outerjoin(Owner, Task.owner_id == Owner.id)
        .outerjoin(Assignee, Task.assignee_id == Assignee.id)
        .outerjoin(TaskProject, Task.project_id == TaskProject.id)
        .where(access.visible(actor, scope))
    )
    return JSONResponse(paginate(db, request.url, stmt, TASK_LIST, lambda rows: _serialize_many(db, base, rows)))


@router.post("/api/tasks", responses=documented(TaskRead, 201))
def create_task(body: TaskWriteRequest, db: DB, actor: CurrentActor, scope: Scope, base: BaseURL) -> Response:
    task = service.do_create_task(db, actor, scope, body)
    return created(_serialize_many(db, base, [task])[0])


@router.get("/api/tasks/{task_id}", responses=documented(TaskRead, 200))
def get_task(task_id: PathId, db: DB, actor: CurrentActor, base: BaseURL) -> Response:
    return JSONResponse(_serialize_many(db, base, [access.access_task(db, actor, task_id)])[0])


@router.patch("/api/tasks/{task_id}", responses=documented(TaskRead, 200))
def update_task(task_id: PathId, body: TaskPatchRequest, db: DB, actor: CurrentActor, base: BaseURL) -> Response:
    task = service.do_update_task(db, actor, access.access_task(db, actor, task_id, "change"), body)
    return JSONResponse(_serialize_many(db, base, [task])[0])


@router.delete("/api/tasks/{task_id}", status_code=204)
def delete_task(task_id: PathId, db: DB, actor: CurrentActor) -> Response:
    service.do_delete_task(db, access.access_task(db, actor, task_id, "delete"))
    return Response(status_code=204)
