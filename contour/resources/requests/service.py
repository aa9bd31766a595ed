"""Request use cases: submit work (queued after the transaction commits), read, cancel."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy import ColumnElement, delete, event, or_, select
from sqlalchemy.orm import Session

from contour.config import get_settings
from contour.errors import Conflict, NotFound, PermissionDenied, ValidationError
from contour.resources.common.actor import Actor
from contour.resources.requests.models import BackgroundRequest, RequestStatus

_AFTER_COMMIT = "contour.after_commit"


def after_commit(db: Session, callback: Callable[[], None]) -> None:
    """Run `callback` once the session's transaction commits (dropped on rollback).

    Work must not be queued before its request row is committed, or a fast worker would not find it.
    """
    db.info.setdefault(_AFTER_COMMIT, []).append(callback)


@event.listens_for(Session, "after_commit")
def _run_after_commit(session: Session) -> None:
    for callback in session.info.pop(_AFTER_COMMIT, []):
        callback()


@event.listens_for(Session, "after_rollback")
def _drop_after_rollback(session: Session) -> None:
    session.info.pop(_AFTER_COMMIT, None)


def request_id_for(action: str, target: str, target_id: int | str, subresource: str | None = None, **extra: str) -> str:
    """CVAT's current id form: `&`-joined key=value pairs (clients treat it as opaque)."""
    parts = {"action": action, "target": target, "target_id": str(target_id)}
    if subresource:
        parts["subresource"] = subresource
    parts.update(extra)
    return "&".join(f"{k}={str(v).replace(' ', '_').replace('.', '~')}" for k, v in parts.items())


def do_submit(
    db: Session,
    *,
    request_id: str,
    action: str,
    target: str,
    owner_id: int,
    params: dict[str, Any],
    subresource: str | None = None,
    organization_id: int | None = None,
    project_id: int | None = None,
    task_id: int | None = None,
    job_id: int | None = None,
    format: str | None = None,
) -> BackgroundRequest:
    """Record a request and queue it once committed. A request still running with the same id is a 409."""
    existing = db.get(BackgroundRequest, request_id)
    if existing is not None:
        if not existing.is_done:
            raise Conflict(f"The same operation is already {existing.status} (request {request_id}).")
        db.delete(existing)
        db.flush()
    request = BackgroundRequest(
        id=request_id,
        action=action,
        target=target,
        subresource=subresource,
        owner_id=owner_id,
        organization_id=organization_id,
        project_id=project_id,
        task_id=task_id,
        job_id=job_id,
        format=format,
        params=params,
        status=RequestStatus.QUEUED,
        message="",
    )
    db.add(request)
    db.flush()
    from contour.resources.requests.jobs import enqueue

    after_commit(db, lambda: enqueue(request_id))
    return request


def do_forget_requests(db: Session, *conditions: ColumnElement[bool]) -> None:
    """Delete the requests matching any of `conditions` and, once that commits, the files they produced: a
    deleted object's exports and results go with it at once. A request still running stops at its next
    progress report and cleans up after itself."""
    if not conditions:
        return
    matching = or_(*conditions)
    files = [f for f in db.scalars(select(BackgroundRequest.result_file).where(matching)) if f]
    db.execute(delete(BackgroundRequest).where(matching))
    if files:
        data_dir = get_settings().data_dir
        after_commit(db, lambda: [(data_dir / f).unlink(missing_ok=True) for f in files])  # type: ignore[func-returns-value]


def access_request(db: Session, actor: Actor, request_id: str) -> BackgroundRequest:
    request = db.get(BackgroundRequest, request_id)
    if request is None:
        raise NotFound()
    if request.owner_id != actor.id and not actor.is_admin:
        raise PermissionDenied()
    return request


def do_cancel(request: BackgroundRequest) -> None:
    """Queued work is dropped; running work stops at its next progress report."""
    if request.is_done:
        raise ValidationError(f"The request has already {request.status}.")
    request.cancel_requested = True
    if request.status == RequestStatus.QUEUED:
        request.message = "Cancelling."
