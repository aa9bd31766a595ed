"""Threads where a request waits on other servers (remote downloads) without holding one of the queue's workers.

Why: a queue worker that waits on a slow server does nothing for minutes while other users' work queues
behind it; with two workers, two slow downloads stopped every small task. So a handler whose next step is
such a wait returns `StepAside(work)` (contour.resources.requests.runner), the runner starts a thread here
for it and its worker takes the next message at once. The request stays started and claimed by this
process, its lease renewed by the heartbeat thread (leases.py), so the watchdog treats it as any running
request; `work` reports progress and stops when cancelled as handlers do. When it ends, the runner queues
the request again with what `work` found added to its params, and whichever worker is free carries on.
This holds alike for the embedded consumer threads and for `contour worker` processes on Redis: whatever
the number of workers, waits on servers never occupy them.

At most `remote_download_threads` steps run at once in a process (each holds a socket and a buffer); the
others wait for a slot in their own threads, checking for cancellation. The threads are daemons: a process
that stops leaves their requests to the watchdog, which fails and cleans them up as interrupted.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from contour.config import get_settings

# How often a step waiting for a slot checks whether it should stop waiting (its request was cancelled).
SLOT_CHECK_S = 1.0

_slots: threading.BoundedSemaphore | None = None
_slots_lock = threading.Lock()


def start(request_id: str, run: Callable[[], None]) -> None:
    """Run `run` on a new daemon thread of this process."""
    threading.Thread(target=run, name=f"contour-aside {request_id}", daemon=True).start()


@contextmanager
def slot(keep_waiting: Callable[[], None]) -> Iterator[None]:
    """Hold one of the process's slots for a step; `keep_waiting` runs every SLOT_CHECK_S of the wait for one
    and may raise to give up."""
    slots = _semaphore()
    while not slots.acquire(timeout=SLOT_CHECK_S):
        keep_waiting()
    try:
        yield
    finally:
        slots.release()


def _semaphore() -> threading.BoundedSemaphore:
    global _slots
    with _slots_lock:
        if _slots is None:
            _slots = threading.BoundedSemaphore(get_settings().remote_download_threads)
        return _slots
