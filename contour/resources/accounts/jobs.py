"""Background jobs of accounts: hourly removal of expired login sessions."""

from __future__ import annotations

import logging

from huey import crontab

from contour.db import transaction
from contour.queue import queue
from contour.resources.accounts.service import do_purge_expired_sessions

log = logging.getLogger(__name__)


def purge_expired_sessions() -> int:
    with transaction() as db:
        removed = do_purge_expired_sessions(db)
    log.info("removed %d expired session(s)", removed)
    return removed


purge_expired_sessions_task = queue.task(name="accounts.purge_expired_sessions")(purge_expired_sessions)
purge_expired_sessions_hourly = queue.periodic_task(crontab(minute="17"), name="accounts.purge_hourly")(
    purge_expired_sessions
)
