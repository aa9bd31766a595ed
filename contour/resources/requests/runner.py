"""Runs one background request: status transitions, progress, cancellation and failure messages.

Handlers register per operation ("create:task", "export:dataset", ...). They receive a
RequestContext, report progress through it (each report commits on its own, so users see it),
and return the id of the object they produced, if any — or StepAside, to wait on other servers
off the queue's workers (contour.resources.requests.aside) and be run again afterwards.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from functools import partial
from typing import Any

from sqlalchemy import update
from sqlalchemy.orm import Session

from contour.db import transaction, utcnow
from contour.errors import ContourError, error_text
from contour.resources.common.server_paths import hide_server_paths
from contour.resources.requests import aside, leases
from contour.resources.requests.models import BackgroundRequest, RequestStatus
from contour.resources.requests.workers import this_worker

log = logging.getLogger(__name__)

RESULT_TTL = timedelta(days=1)


class Cancelled(Exception):
    """Raised inside a handler when its user cancelled the request."""


@dataclass
class RequestContext:
    request_id: str
    params: dict[str, Any]
    owner_id: int | None
    task_id: int | None
    project_id: int | None
    job_id: int | None
    organization_id: int | None

    def progress(self, fraction: float | None, message: str) -> None:
        """Publish progress (0..1) and a status line (renewing the lease); raises Cancelled if the user
        cancelled, or if this worker no longer holds the request (it was reaped as interrupted)."""
        with transaction() as db:
            request = _held(db, self.request_id)
            request.progress = None if fraction is None else max(0.0, min(1.0, fraction))
            request.message = message
            request.heartbeat_date = utcnow()

    def check_cancelled(self) -> None:
        with transaction() as db:
            _held(db, self.request_id)


def _held(db: Session, request_id: str) -> BackgroundRequest:
    request = db.get(BackgroundRequest, request_id)
    if request is None or request.cancel_requested:
        raise Cancelled()
    if request.status != RequestStatus.STARTED or request.worker != this_worker():
        raise Cancelled("The request was taken from this worker.")
    return request


@dataclass(frozen=True)
class StepAside:
    """A handler's answer when its next step waits on other servers: `work` runs on a thread of this process
    (aside.py) while the request stays started; the params `work` returns are added to the request's, which is
    then queued again, so that a worker runs the handler once more and it carries on from them."""

    work: Callable[[RequestContext], dict[str, Any]]


Handler = Callable[[RequestContext], int | StepAside | None]
# Called after a failure or cancellation, to leave no half-made objects behind.
Cleanup = Callable[[RequestContext], None]

_HANDLERS: dict[str, tuple[Handler, Cleanup | None]] = {}


def register_handler(operation: str, cleanup: Cleanup | None = None) -> Callable[[Handler], Handler]:
    def decorate(handler: Handler) -> Handler:
        _HANDLERS[operation] = (handler, cleanup)
        return handler

    return decorate


def operation_of(request: BackgroundRequest) -> str:
    return f"{request.action}:{request.subresource or request.target}"


def _context(request: BackgroundRequest) -> RequestContext:
    return RequestContext(request.id, dict(request.params), request.owner_id, request.task_id,
                          request.project_id, request.job_id, request.organization_id)


def _claim(db: Session, request_id: str) -> bool:
    """Take a queued request for this worker; False when another worker took it first."""
    now = utcnow()
    result = db.execute(
        update(BackgroundRequest)
        .where(BackgroundRequest.id == request_id, BackgroundRequest.status == RequestStatus.QUEUED)
        .values(status=RequestStatus.STARTED, started_date=now, heartbeat_date=now, progress=0.0,
                worker=this_worker())
    )
    return bool(result.rowcount)  # type: ignore[attr-defined]


def run_request(request_id: str) -> None:
    with transaction() as db:
        request = db.get(BackgroundRequest, request_id)
        if request is None or request.status != RequestStatus.QUEUED:
            return  # done already, or a copy of a message that was queued again
        operation = operation_of(request)
        context = _context(request)
        cancelled = request.cancel_requested
        if not cancelled and not _claim(db, request_id):
            return
    handler, cleanup = _HANDLERS[operation]
    leases.hold(request_id)
    stepped_aside = False
    try:
        if cancelled:
            raise Cancelled()
        outcome = handler(context)
        if isinstance(outcome, StepAside):
            aside.start(request_id, partial(_run_aside, context, cleanup, outcome.work))
            stepped_aside = True  # the lease goes with the request: the aside thread releases it
            return
    except BaseException as error:  # noqa: BLE001 - every failure must reach the user
        _fail(context, cleanup, error, never_started=cancelled)
        if not isinstance(error, Exception):
            raise
        return
    finally:
        if not stepped_aside:
            leases.release(request_id)
    with transaction() as db:
        request = db.get(BackgroundRequest, request_id)
        if request is not None and _still_ours(request, cancelled):
            request.result_id = outcome
            request.progress = 1.0
            _finish(request, RequestStatus.FINISHED, "")


def _fail(context: RequestContext, cleanup: Cleanup | None, error: BaseException, *, never_started: bool) -> None:
    message = _failure_message(error)
    if cleanup is not None:
        try:
            cleanup(context)
        except Exception:
            log.exception("cleanup after %s failed", context.request_id)
    with transaction() as db:
        request = db.get(BackgroundRequest, context.request_id)
        if request is not None and _still_ours(request, never_started):
            _finish(request, RequestStatus.FAILED, message)


def _run_aside(context: RequestContext, cleanup: Cleanup | None,
               work: Callable[[RequestContext], dict[str, Any]]) -> None:
    """A step's thread: wait for a slot, do the work, then hand the request back to the queue."""
    try:
        try:
            with aside.slot(context.check_cancelled):
                found = work(context)
        finally:
            # Released before the request is queued again: a worker of this process may hold it next, and
            # holding is per request id. Progress reports renewed the heartbeat just now, so the lease has room.
            leases.release(context.request_id)
        _queue_again(context, found)
    except BaseException as error:  # noqa: BLE001 - every failure must reach the user
        _fail(context, cleanup, error, never_started=False)
        if not isinstance(error, Exception):
            raise
        return
    from contour.resources.requests.jobs import enqueue

    try:
        enqueue(context.request_id)
    except Exception:  # noqa: BLE001 - the request is queued in the database: the watchdog queues it again
        log.exception("could not queue %s again after its step aside", context.request_id)


def _queue_again(context: RequestContext, found: dict[str, Any]) -> None:
    """Queued once more, with `found` in its params; raises Cancelled when this worker no longer holds it.
    A cancellation that comes meanwhile stays on the row: the next worker sees it."""
    with transaction() as db:
        result = db.execute(
            update(BackgroundRequest)
            .where(BackgroundRequest.id == context.request_id, BackgroundRequest.status == RequestStatus.STARTED,
                   BackgroundRequest.worker == this_worker())
            .values(status=RequestStatus.QUEUED, worker=None, params={**context.params, **found},
                    message="Waiting for a worker")
        )
    if not result.rowcount:  # type: ignore[attr-defined]
        raise Cancelled("The request was taken from this worker.")


def _still_ours(request: BackgroundRequest, never_started: bool) -> bool:
    """A request reaped as interrupted while this worker still ran it keeps the reaper's verdict."""
    if never_started:
        return request.status == RequestStatus.QUEUED
    return request.status == RequestStatus.STARTED and request.worker == this_worker()


def clean_up_after(request: BackgroundRequest) -> None:
    """Run the cleanup of `request`'s operation (the reaper's call for an interrupted request)."""
    _handler, cleanup = _HANDLERS.get(operation_of(request), (None, None))
    if cleanup is not None:
        cleanup(_context(request))


def _failure_message(error: BaseException) -> str:
    """What the request's owner reads: never a server path, even from a library's error."""
    if isinstance(error, Cancelled):
        return "Cancelled by the user."
    if isinstance(error, ContourError):
        return hide_server_paths(error.detail)
    log.error("background request failed", exc_info=error)
    return hide_server_paths(f"Internal error: {type(error).__name__}: {error_text(error)}")


def _finish(request: BackgroundRequest, status: RequestStatus, message: str) -> None:
    now = utcnow()
    request.status = status
    request.message = message
    request.finished_date = now
    request.expiry_date = now + RESULT_TTL
