"""Child processes that die with their parent: the chunk-building pool workers and their fork server.

A server killed outright (kill -9, the OOM killer) runs no clean-up of its own, and pool workers blocked on
their queues would wait forever; Linux's PR_SET_PDEATHSIG has the kernel kill them when their parent goes.
"""

from __future__ import annotations

import ctypes
import os
import signal
import sys

PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>


def die_with_parent() -> None:
    """Have the kernel SIGKILL this process when its parent exits (a no-op off Linux)."""
    if not sys.platform.startswith("linux"):
        return
    parent = os.getppid()
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) != 0:
        return  # not fatal: the process still ends with its work, only not on a kill of its parent
    if os.getppid() != parent:  # the parent died before the request took effect: nobody will signal us
        os._exit(1)
