"""Routes of /api/requests: list, read, cancel background work."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response
from sqlalchemy import select, true

from contour.resources.common.deps import DB, BaseURL, CurrentActor, Scope
from contour.resources.common.listing import ListSpec, list_parameters, paginate
from contour.resources.common.read_models import Page, documented
from contour.resources.common.responses import JSONResponse
from contour.resources.requests import service
from contour.resources.requests.models import BackgroundRequest
from contour.resources.requests.schemas import RequestRead, serialize_request

router = APIRouter(tags=["requests"])

REQUEST_LIST = ListSpec(
    fields={
        "id": BackgroundRequest.id,
        "action": BackgroundRequest.action,
        "target": BackgroundRequest.target,
        "subresource": BackgroundRequest.subresource,
        "format": BackgroundRequest.format,
        "status": BackgroundRequest.status,
        "project_id": BackgroundRequest.project_id,
        "task_id": BackgroundRequest.task_id,
        "job_id": BackgroundRequest.job_id,
        "created_date": BackgroundRequest.created_date,
    },
    default_sort="-created_date",
)


@router.get("/api/requests", responses=documented(Page[RequestRead]), openapi_extra=list_parameters(REQUEST_LIST))
def list_requests(request: Request, db: DB, actor: CurrentActor, scope: Scope, base: BaseURL) -> Response:
    stmt = select(BackgroundRequest).where(true() if actor.is_admin else BackgroundRequest.owner_id == actor.id)
    if scope.kind == "org":
        stmt = stmt.where(BackgroundRequest.organization_id == scope.organization_id)
    elif scope.kind == "sandbox":
        stmt = stmt.where(BackgroundRequest.organization_id.is_(None))
    return JSONResponse(
        paginate(db, request.url, stmt, REQUEST_LIST, lambda rows: [serialize_request(r, base) for r in rows])
    )


@router.get("/api/requests/{request_id}", responses=documented(RequestRead))
def get_request(request_id: str, db: DB, actor: CurrentActor, base: BaseURL) -> Response:
    return JSONResponse(serialize_request(service.access_request(db, actor, request_id), base))


@router.post("/api/requests/{request_id}/cancel")
def cancel_request(request_id: str, db: DB, actor: CurrentActor) -> Response:
    service.do_cancel(service.access_request(db, actor, request_id))
    return Response(status_code=200)
