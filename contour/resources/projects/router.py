"""Routes of /api/projects."""

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
from contour.resources.projects import access, service
from contour.resources.projects.models import Project
from contour.resources.projects.schemas import (
    ProjectPatchRequest,
    ProjectRead,
    ProjectWriteRequest,
    serialize_project,
    serialize_projects,
)

router = APIRouter(tags=["projects"])

Owner = aliased(User)
Assignee = aliased(User)

PROJECT_LIST = ListSpec(
    fields={
        "id": Project.id,
        "name": Project.name,
        "owner": Owner.username,
        "assignee": Assignee.username,
        "status": Project.status,
        "updated_date": Project.updated_date,
        "created_date": Project.created_date,
        "dimension": Project.dimension,
        "organization_id": Project.organization_id,
    },
    search=[Project.name, Owner.username, Assignee.username],
)


def _serialize_many(db: Session, base: str, projects: Sequence[Project]) -> list[dict[str, Any]]:
    ids = [p.id for p in projects]
    return serialize_projects(list(projects), base, service.task_counts(db, ids), service.task_subsets(db, ids))


def _serialize_one(db: Session, base: str, project: Project) -> dict[str, Any]:
    return serialize_project(
        project,
        base,
        service.task_counts(db, [project.id]).get(project.id, 0),
        service.task_subsets(db, [project.id]).get(project.id, []),
    )


@router.get("/api/projects", responses=documented(Page[ProjectRead], 200), openapi_extra=list_parameters(PROJECT_LIST))
def list_projects(request: Request, db: DB, actor: CurrentActor, scope: Scope, base: BaseURL) -> Response:
    stmt = (
        select(Project)
        .outerjoin(Owner, Project.owner_id == Owner.id)
        .outerjoin(Assignee, Project.assignee_id == Assignee.id)
        .where(access.visible(actor, scope))
    )
    return JSONResponse(paginate(db, request.url, stmt, PROJECT_LIST, lambda rows: _serialize_many(db, base, rows)))


@router.post("/api/projects", responses=documented(ProjectRead, 201))
def create_project(body: ProjectWriteRequest, db: DB, actor: CurrentActor, scope: Scope, base: BaseURL) -> Response:
    project = service.do_create_project(db, actor, scope, body)
    return created(_serialize_one(db, base, project))


@router.get("/api/projects/{project_id}", responses=documented(ProjectRead, 200))
def get_project(project_id: PathId, db: DB, actor: CurrentActor, base: BaseURL) -> Response:
    return JSONResponse(_serialize_one(db, base, access.access_project(db, actor, project_id)))


@router.patch("/api/projects/{project_id}", responses=documented(ProjectRead, 200))
def update_project(
    project_id: PathId, body: ProjectPatchRequest, db: DB, actor: CurrentActor, base: BaseURL
) -> Response:
    project = access.access_project(db, actor, project_id, "change")
    project = service.do_update_project(db, actor, project, body)
    return JSONResponse(_serialize_one(db, base, project))


@router.delete("/api/projects/{project_id}", status_code=204)
def delete_project(project_id: PathId, db: DB, actor: CurrentActor) -> Response:
    service.do_delete_project(db, access.access_project(db, actor, project_id, "delete"))
    return Response(status_code=204)
