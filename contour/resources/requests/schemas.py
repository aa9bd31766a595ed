"""The Request read shape (CVAT's /api/requests objects)."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from urllib.parse import quote

from contour.resources.common.read_models import ReadModel
from contour.resources.requests.models import BackgroundRequest


class RequestOwnerRead(ReadModel):
    id: int
    username: str


class RequestOperationRead(ReadModel):
    type: str
    target: str
    project_id: int | None
    task_id: int | None
    job_id: int | None
    org_id: int | None
    format: str | None
    function_id: str | None
    lightweight: bool | None


class RequestRead(ReadModel):
    id: str
    status: str
    message: str
    progress: float | None
    operation: RequestOperationRead
    created_date: datetime
    started_date: datetime | None
    finished_date: datetime | None
    expiry_date: datetime | None
    owner: RequestOwnerRead | None
    result_url: str | None
    result_id: int | None


def serialize_request(request: BackgroundRequest, base: str) -> dict[str, Any]:
    operation_type = f"{request.action}:{request.subresource or request.target}"
    result_url = None
    if request.result_file and request.status == "finished":
        target_id = {"project": request.project_id, "task": request.task_id, "job": request.job_id}.get(request.target)
        result_url = f"{base}/api/{request.target}s/{target_id}/dataset/download?rq_id={quote(request.id, safe='')}"
    data: dict[str, Any] = {
        "id": request.id,
        "status": request.status,
        "message": request.message,
        "progress": request.progress,
        "operation": {
            "type": operation_type,
            "target": request.target,
            "project_id": request.project_id,
            "task_id": request.task_id,
            "job_id": request.job_id,
            "org_id": request.organization_id,
            "format": request.format,
            "function_id": request.function_id,
            "lightweight": request.lightweight,
        },
        "created_date": request.created_date,
        "started_date": request.started_date,
        "finished_date": request.finished_date,
        "expiry_date": request.expiry_date,
        "owner": {"id": request.owner.id, "username": request.owner.username} if request.owner else None,
        "result_url": result_url,
        "result_id": request.result_id,
    }
    return data
