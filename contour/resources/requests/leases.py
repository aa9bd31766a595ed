"""Leases of started requests: a heartbeat while a worker runs one, and the reaping of those whose worker died.

A worker claims a request (its identity is stored on the row) and a thread of its process renews the claim
every `request_heartbeat_s`. Every serving and worker process runs a watchdog: a started request whose lease ran
out (no heartbeat for `request_lease_s`), or whose worker process on this host is gone, is marked failed and its
operation's cleanup removes what it wrote, so the same operation can be started again. Queued requests the queue
lost (a Redis restarted without persistence, a worker killed between taking a message and claiming it) are
queued again. Every step is a conditional update, so any number of processes may reap at once.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from datetime import datetime, timedelta

from sqlalchemy import select, update

from contour.config import get_settings
from contour.db import transaction, utcnow
from contour.resources.requests.models import BackgroundRequest, RequestStatus
from contour.resources.requests.workers import is_alive, this_worker

log = logging.getLogger(__name__)

INTERRUPTED = ("The request was interrupted: the worker running it stopped (it was killed, crashed or restarted). "
               "Start the operation again.")
CANCELLED = "Cancelled by the user."
# A request is queued in the database before its message reaches the queue (after the commit).
REQUEUE_GRACE = timedelta(seconds=15)

_running: set[str] = set()
_running_lock = threading.Lock()
_heartbeat: threading.Thread | None = None


# --- the running worker's side ----------------------------------------------------------------------------


def hold(request_id: str) -> None:
    """This process runs `request_id` now: keep its lease renewed until `release`."""
    global _heartbeat
    with _running_lock:
        _running.add(request_id)
        if _heartbeat is None or not _heartbeat.is_alive():
            _heartbeat = threading.Thread(target=_beat_forever, name="contour-request-heartbeat", daemon=True)
            _heartbeat.start()


def release(request_id: str) -> None:
    with _running_lock:
        _running.discard(request_id)


def _beat_forever() -> None:
    while True:
        time.sleep(get_settings().request_heartbeat_s)
        with _running_lock:
            running = list(_running)
        if not running:
            continue
        try:
            renew(running)
        except Exception:  # noqa: BLE001 - a missed beat is retried; the lease has room for several
            log.warning("could not renew the leases of %s", running, exc_info=True)


def renew(request_ids: list[str]) -> None:
    with transaction() as db:
        db.execute(
            update(BackgroundRequest)
            .where(BackgroundRequest.id.in_(request_ids), BackgroundRequest.worker == this_worker(),
                   BackgroundRequest.status == RequestStatus.STARTED)
            .values(heartbeat_date=utcnow())
        )


# --- any process's side ------------------------------------------------------------------------------------


def reap_abandoned(cleanup: Callable[[BackgroundRequest], None], now: datetime | None = None) -> list[str]:
    """Fail the started requests whose worker is gone, run `cleanup` for each; returns their ids."""
    now = now or utcnow()
    expired_before = now - timedelta(seconds=get_settings().request_lease_s)
    reaped: list[str] = []
    with transaction() as db:
        started = list(db.scalars(select(BackgroundRequest).where(BackgroundRequest.status == RequestStatus.STARTED)))
        for request in started:
            heard = request.heartbeat_date or request.started_date
            gone = (heard is not None and heard < expired_before) or (
                request.worker is not None and is_alive(request.worker) is False)
            if gone:
                reaped.append(request.id)
        db.expunge_all()
    for request in started:
        if request.id in reaped and _mark_failed(request, now):
            try:
                cleanup(request)
            except Exception:
                log.exception("cleanup of the interrupted request %s failed", request.id)
    return [r.id for r in started if r.id in reaped]


def _mark_failed(request: BackgroundRequest, now: datetime) -> bool:
    """Fail `request` unless it changed since it was read (finished, or claimed again)."""
    same_claim = (BackgroundRequest.worker == request.worker if request.worker is not None
                  else BackgroundRequest.worker.is_(None))
    with transaction() as db:
        result = db.execute(
            update(BackgroundRequest)
            .where(BackgroundRequest.id == request.id, BackgroundRequest.status == RequestStatus.STARTED, same_claim)
            .values(status=RequestStatus.FAILED, message=CANCELLED if request.cancel_requested else INTERRUPTED,
                    finished_date=now, expiry_date=now + timedelta(days=1))
        )
    changed = bool(result.rowcount)  # type: ignore[attr-defined]
    if changed:
        log.warning("request %s was interrupted (worker %s); marked failed", request.id, request.worker)
    return changed


def requeue_lost(pending_ids: set[str], enqueue: Callable[[str], None], now: datetime | None = None) -> list[str]:
    """Queue again the queued requests that the queue does not hold (`pending_ids` are those it does)."""
    now = now or utcnow()
    with transaction() as db:
        queued = list(db.scalars(
            select(BackgroundRequest.id).where(BackgroundRequest.status == RequestStatus.QUEUED,
                                               BackgroundRequest.created_date < now - REQUEUE_GRACE)
        ))
    lost = [request_id for request_id in queued if request_id not in pending_ids]
    for request_id in lost:
        log.warning("request %s was queued but the queue had lost it; queued again", request_id)
        enqueue(request_id)
    return lost
