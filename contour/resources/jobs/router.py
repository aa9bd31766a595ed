"""Routes of /api/jobs."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response
from sqlalchemy import select
from sqlalchemy.orm import aliased

from contour.resources.accounts.models import User
from contour.resources.common.deps import DB, BaseURL, CurrentActor, Scope
from contour.resources.common.listing import ListSpec, list_parameters, paginate
from contour.resources.common.read_models import Page, documented
from contour.resources.common.responses import JSONResponse, created
from contour.resources.common.types import PathId
from contour.resources.jobs import access, service
from contour.resources.jobs.models import Job
from contour.resources.jobs.schemas import JobPatchRequest, JobRead, JobWriteRequest, serialize_job
from contour.resources.projects.models import Project
from contour.resources.tasks.models import Task

router = APIRouter(tags=["jobs"])

Assignee = aliased(User)
JobTask = aliased(Task)
JobProject = aliased(Project)

JOB_LIST = ListSpec(
    fields={
        "id": Job.id,
        "assignee": Assignee.username,
        "stage": Job.stage,
        "state": Job.state,
        "type": Job.type,
        "task_id": Job.task_id,
        "task_name": JobTask.name,
        "project_id": JobTask.project_id,
        "project_name": JobProject.name,
        "dimension": JobTask.dimension,
        "mode": JobTask.mode,
        "parent_job_id": Job.parent_job_id,
        "updated_date": Job.updated_date,
        "created_date": Job.created_date,
    },
    search=[Assignee.username, JobProject.name, JobTask.name],
)


@router.get("/api/jobs", responses=documented(Page[JobRead], 200), openapi_extra=list_parameters(JOB_LIST))
def list_jobs(request: Request, db: DB, actor: CurrentActor, scope: Scope, base: BaseURL) -> Response:
    stmt = (
        select(Job)
        .join(JobTask, Job.task_id == JobTask.id)
        .outerjoin(JobProject, JobTask.project_id == JobProject.id)
        .outerjoin(Assignee, Job.assignee_id == Assignee.id)
        .where(access.visible(actor, scope, JobTask))
    )
    return JSONResponse(paginate(db, request.url, stmt, JOB_LIST, lambda rows: [serialize_job(j, base) for j in rows]))


@router.post("/api/jobs", responses=documented(JobRead, 201))
def create_job(body: JobWriteRequest, db: DB, actor: CurrentActor, base: BaseURL) -> Response:
    return created(serialize_job(service.do_create_ground_truth_job(db, actor, body), base))


@router.get("/api/jobs/{job_id}", responses=documented(JobRead, 200))
def get_job(job_id: PathId, db: DB, actor: CurrentActor, base: BaseURL) -> Response:
    return JSONResponse(serialize_job(access.access_job(db, actor, job_id), base))


@router.patch("/api/jobs/{job_id}", responses=documented(JobRead, 200))
def update_job(job_id: PathId, body: JobPatchRequest, db: DB, actor: CurrentActor, base: BaseURL) -> Response:
    job = service.do_update_job(db, actor, access.access_job(db, actor, job_id), body)
    return JSONResponse(serialize_job(job, base))


@router.delete("/api/jobs/{job_id}", status_code=204)
def delete_job(job_id: PathId, db: DB, actor: CurrentActor) -> Response:
    service.do_delete_job(db, access.access_job(db, actor, job_id, "delete"))
    return Response(status_code=204)
