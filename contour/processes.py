"""Child processes that die with their parent: the chunk-building pool workers and their fork server.

A server killed outright (kill -9, the OOM killer) runs no clean-up of its own, and pool workers blocked on
their queues would wait forever; Linux's PR_SET_PDEATHSIG has the kernel kill them when their parent goes.
The request must name the parent it expects: a child whose parent died before it asked would otherwise
watch its new parent (init) instead. multiprocessing gives the fork server no arguments of its own, so the
expected pids travel in the environment the fork server and its workers inherit.
"""

from __future__ import annotations

import ctypes
import os
import signal
import sys

PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>
POOL_OWNER = "_CONTOUR_POOL_OWNER_PID"  # the process that starts the fork server
FORK_SERVER = "_CONTOUR_FORK_SERVER_PID"  # the fork server, parent of the pool workers


def die_with_parent(expected_parent: int) -> None:
    """Have the kernel SIGKILL this process when its parent exits; exit now if it already has."""
    if os.getppid() != expected_parent:
        os._exit(1)
    if not sys.platform.startswith("linux"):
        return
    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if os.getppid() != expected_parent:  # the parent died between the check and the request
        os._exit(1)


def prepare_pool_owner() -> None:
    """Called by a process before it starts a pool: its fork server will die with it."""
    os.environ[POOL_OWNER] = str(os.getpid())


def fork_server_started() -> None:
    """Run by the fork server as it starts (its preload module)."""
    die_with_parent(int(os.environ[POOL_OWNER]))
    os.environ[FORK_SERVER] = str(os.getpid())


def pool_worker_started() -> None:
    """The pool's initializer, run by each worker as it starts."""
    die_with_parent(int(os.environ[FORK_SERVER]))
