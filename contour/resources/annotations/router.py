"""Routes of /api/jobs/{id}/annotations and /api/tasks/{id}/annotations (CVAT's LabeledData API)."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response
from starlette.concurrency import run_in_threadpool

from contour.resources.annotations import service
from contour.resources.common.deps import DB, CurrentActor
from contour.resources.common.gcpause import gc_paused
from contour.resources.common.responses import JSONResponse
from contour.resources.common.types import PathId
from contour.resources.jobs import access as job_access
from contour.resources.tasks import access as task_access

router = APIRouter(tags=["annotations"])


def _write_job(db: DB, job: object, action: service.Action, body: bytes) -> dict[str, object]:
    with gc_paused():
        return service.do_write_job(db, job, action, service.parse_labeled_data(body))  # type: ignore[arg-type]


def _write_task(db: DB, task: object, action: service.Action, body: bytes) -> dict[str, object]:
    with gc_paused():
        return service.do_write_task(db, task, action, service.parse_labeled_data(body))  # type: ignore[arg-type]


@router.get("/api/jobs/{job_id}/annotations")
def get_job_annotations(job_id: PathId, db: DB, actor: CurrentActor) -> Response:
    return JSONResponse(service.read_job(db, job_access.access_job(db, actor, job_id)))


@router.put("/api/jobs/{job_id}/annotations")
async def put_job_annotations(job_id: PathId, request: Request, db: DB, actor: CurrentActor) -> Response:
    body = await request.body()
    job = await run_in_threadpool(job_access.access_job, db, actor, job_id, "change")
    return JSONResponse(await run_in_threadpool(_write_job, db, job, "put", body))


@router.patch("/api/jobs/{job_id}/annotations")
async def patch_job_annotations(job_id: PathId, request: Request, db: DB, actor: CurrentActor) -> Response:
    action = service.parse_action(request.query_params.get("action"))
    body = await request.body()
    job = await run_in_threadpool(job_access.access_job, db, actor, job_id, "change")
    return JSONResponse(await run_in_threadpool(_write_job, db, job, action, body))


@router.delete("/api/jobs/{job_id}/annotations", status_code=204)
def delete_job_annotations(job_id: PathId, db: DB, actor: CurrentActor) -> Response:
    service.clear_job(db, job_access.access_job(db, actor, job_id, "change"))
    return Response(status_code=204)


@router.get("/api/tasks/{task_id}/annotations")
def get_task_annotations(task_id: PathId, db: DB, actor: CurrentActor) -> Response:
    return JSONResponse(service.read_task(db, task_access.access_task(db, actor, task_id)))


@router.put("/api/tasks/{task_id}/annotations")
async def put_task_annotations(task_id: PathId, request: Request, db: DB, actor: CurrentActor) -> Response:
    body = await request.body()
    task = await run_in_threadpool(task_access.access_task, db, actor, task_id, "change")
    return JSONResponse(await run_in_threadpool(_write_task, db, task, "put", body))


@router.patch("/api/tasks/{task_id}/annotations")
async def patch_task_annotations(task_id: PathId, request: Request, db: DB, actor: CurrentActor) -> Response:
    action = service.parse_action(request.query_params.get("action"))
    body = await request.body()
    task = await run_in_threadpool(task_access.access_task, db, actor, task_id, "change")
    return JSONResponse(await run_in_threadpool(_write_task, db, task, action, body))


@router.delete("/api/tasks/{task_id}/annotations", status_code=204)
def delete_task_annotations(task_id: PathId, db: DB, actor: CurrentActor) -> Response:
    task = task_access.access_task(db, actor, task_id, "change")
    for job in service.annotation_jobs(db, task):
        service.clear_job(db, job)
    return Response(status_code=204)
