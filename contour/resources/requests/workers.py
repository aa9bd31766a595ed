"""Who runs a request: a worker identity that outlives nothing, and whether its process still lives.

An identity is `host/pid/start`, the start being the process's start time in clock ticks since boot (Linux's
/proc/<pid>/stat), so a pid reused by a new process after a crash is not taken for the old one. On another
host a worker's life cannot be seen from here: the request's lease (its heartbeat) decides there.
"""

from __future__ import annotations

import os
import socket
from functools import cache
from pathlib import Path


def _start_ticks(pid: int) -> str | None:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    # The command name (field 2) may hold spaces and parentheses: count fields after its closing one.
    fields = stat[stat.rindex(")") + 2:].split()
    return fields[19] if len(fields) > 19 else None


@cache
def this_worker() -> str:
    pid = os.getpid()
    return f"{socket.gethostname()}/{pid}/{_start_ticks(pid) or '?'}"


def is_alive(worker: str) -> bool | None:
    """False when `worker` ran on this host and its process is gone; True when it still runs; None when it
    ran elsewhere (or this system cannot tell)."""
    try:
        host, pid, start = worker.rsplit("/", 2)
    except ValueError:
        return None
    if host != socket.gethostname() or start == "?" or not pid.isdigit():
        return None
    return _start_ticks(int(pid)) == start
