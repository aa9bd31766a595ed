"""The watchdog thread of every serving and worker process: reaps interrupted requests, requeues lost ones.

It runs once at start-up (a restarted embedded server fails its own interrupted requests before it serves)
and then every few seconds; see contour.resources.requests.leases for the rules.
"""

from __future__ import annotations

import logging
import threading

from contour.config import get_settings
from contour.db import get_sessionmaker
from contour.queue import queue
from contour.resources.requests import leases
from contour.resources.requests.jobs import enqueue
from contour.resources.requests.runner import clean_up_after

log = logging.getLogger(__name__)

MAX_PERIOD_S = 10.0


def pending_request_ids() -> set[str]:
    """Ids of the requests whose message waits in the queue."""
    return {str(task.args[0]) for task in queue.pending() if task.name == "requests.run" and task.args}


def watch_once() -> None:
    leases.reap_abandoned(clean_up_after)
    leases.requeue_lost(pending_request_ids(), enqueue)


def period_s() -> float:
    return max(0.5, min(get_settings().request_lease_s / 3, MAX_PERIOD_S))


def sweep_orphan_files() -> None:
    from contour.orphan_files import sweep

    with get_sessionmaker()() as db:
        sweep(db, get_settings().data_dir)


def start_watchdog() -> threading.Event:
    """Start the thread (after a first pass in the caller's thread, which also sweeps orphan files left by an
    earlier run); set the returned event to stop it."""
    stop = threading.Event()
    try:
        watch_once()
        sweep_orphan_files()
    except Exception:  # noqa: BLE001 - a database still starting must not keep the server from serving
        log.exception("the request watchdog's first pass failed")

    def loop() -> None:
        while not stop.wait(period_s()):
            try:
                watch_once()
            except Exception:  # noqa: BLE001 - try again at the next pass
                log.exception("the request watchdog's pass failed")

    threading.Thread(target=loop, name="contour-request-watchdog", daemon=True).start()
    return stop
