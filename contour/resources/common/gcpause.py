"""Pausing Python's cyclic garbage collector around bulk work that builds millions of objects.

Parsing a 100,000-shape body creates millions of small containers; each allocation burst
triggers full collections over the growing heap, ~65% of the request (bench/annotations.py).
Nothing in that work creates reference cycles, so collecting afterwards loses nothing.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_depth = 0


@contextmanager
def gc_paused() -> Iterator[None]:
    """Thread-safe: the collector resumes when the last concurrent user leaves."""
    global _depth
    with _lock:
        _depth += 1
        if _depth == 1:
            gc.disable()
    try:
        yield
    finally:
        with _lock:
            _depth -= 1
            if _depth == 0:
                gc.enable()
