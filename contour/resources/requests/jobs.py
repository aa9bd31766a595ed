"""Queue entry points of background requests, and the purge of expired ones (with a sweep of orphan files)."""

from __future__ import annotations

from huey import crontab
from sqlalchemy import delete, select

from contour.config import get_settings
from contour.db import transaction, utcnow
from contour.queue import queue
from contour.resources.requests.models import BackgroundRequest
from contour.resources.requests.runner import run_request


@queue.task(name="requests.run")
def run_request_task(request_id: str) -> None:
    run_request(request_id)


def enqueue(request_id: str) -> None:
    run_request_task(request_id)


@queue.periodic_task(crontab(minute="23", hour="*/6"), name="requests.purge_expired")
def purge_expired_requests() -> None:
    """Forget requests whose results expired, deleting the files they produced."""
    data_dir = get_settings().data_dir
    with transaction() as db:
        expired = BackgroundRequest.expiry_date <= utcnow()
        for relative in db.scalars(select(BackgroundRequest.result_file).where(expired, BackgroundRequest.result_file.is_not(None))):
            (data_dir / relative).unlink(missing_ok=True)
        db.execute(delete(BackgroundRequest).where(expired))
    from contour.resources.requests.watchdog import sweep_orphan_files

    sweep_orphan_files()
