"""The time limits of remote downloads, and sockets read in short waits so that the limits hold.

Time is bounded three ways: `timeout_s` bounds each network operation (connect, every wait for bytes), as
in requests; `total_timeout_s` bounds all of a call's downloads, however the server paces its bytes; and a
file's body must bring `min_bytes_per_s` on average over each `rate_window_s` of its transfer (the first
window is the grace period, so a file that arrives within it is never judged). Socket timeouts alone cannot
do the last two — a server sending a byte a second never lets one expire — so responses read their socket
after waits (poll) of a fraction of a second at most, checking the limits between them and calling
`on_transfer`, which may raise to stop the download (a cancelled request) even while the server is silent.
"""

from __future__ import annotations

import http.client
import io
import math
import select
import socket
import ssl
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from _typeshed import WriteableBuffer

# Longest wait on a silent socket between checks of the limits: how promptly a stop or a limit takes effect.
_TICK_S = 0.25
# How often `on_transfer` hears of the bytes received (a request's progress report writes to the database).
_REPORT_EVERY_S = 1.0


class TooSlow(Exception):
    """A download passed one of its time limits; the message says which (the caller names the URL)."""


class DownloadClock:
    """The time limits of one call's downloads, checked at every wait for bytes and every arrival.

    The rate is judged over consecutive windows of a body's transfer: each must bring its share of bytes.
    """

    def __init__(self, timeout_s: float, total_timeout_s: float | None, min_bytes_per_s: float,
                 rate_window_s: float, on_transfer: Callable[[int], None] | None) -> None:
        now = time.monotonic()
        self.timeout_s = timeout_s
        self.total_timeout_s = total_timeout_s
        self.deadline = None if total_timeout_s is None else now + total_timeout_s
        self.min_bytes_per_s = min_bytes_per_s
        self.rate_window_s = rate_window_s
        self.on_transfer = on_transfer
        self.last_activity = now
        self.next_report = now + _REPORT_EVERY_S
        self.body_bytes = 0  # of every file so far: what on_transfer hears
        self.window_end: float | None = None  # None outside a body: the rate is a body's only
        self.window_bytes = 0

    def touch(self) -> None:
        """Something happened on the connection (it was opened, a request sent): the silence starts now."""
        self.last_activity = time.monotonic()

    def begin_body(self) -> None:
        self.touch()
        if self.min_bytes_per_s > 0:
            self.window_end, self.window_bytes = self.last_activity + self.rate_window_s, 0

    def end_body(self) -> None:
        self.window_end = None

    def operation_timeout(self) -> float:
        """The socket timeout of the next operation: the per-operation limit, cut short by the deadline."""
        if self.deadline is None:
            return self.timeout_s
        return max(0.001, min(self.timeout_s, self.deadline - time.monotonic()))

    def wait_s(self) -> float:
        """How long the next wait on a silent socket may last before the limits must be checked again."""
        now = time.monotonic()
        until = [now + _TICK_S, self.last_activity + self.timeout_s]
        if self.deadline is not None:
            until.append(self.deadline)
        if self.window_end is not None:
            until.append(self.window_end)
        if self.on_transfer is not None:
            until.append(self.next_report)
        return max(0.0, min(until) - now)

    def heard(self) -> None:
        """Bytes (or the end) came from the socket."""
        self.last_activity = time.monotonic()
        self.check()

    def body_received(self, count: int) -> None:
        self._check_rate(time.monotonic())  # the bytes count in the window they arrived in, not one that ended
        self.body_bytes += count
        self.window_bytes += count

    def check(self) -> None:
        """Raise TooSlow once a limit is passed; report progress when it is due (the report may raise too)."""
        now = time.monotonic()
        if self.deadline is not None and now >= self.deadline:
            raise self.past_deadline()
        if now - self.last_activity >= self.timeout_s:
            raise TooSlow(f"the server did not answer within {self.timeout_s:g} s.")
        self._check_rate(now)
        if self.on_transfer is not None and now >= self.next_report:
            self.next_report = now + _REPORT_EVERY_S
            self.on_transfer(self.body_bytes)

    def timed_out(self) -> TooSlow:
        """The reason a socket operation timed out: the deadline cut it short, or the server was silent."""
        if self.deadline is not None and time.monotonic() >= self.deadline - 0.01:
            return self.past_deadline()
        return TooSlow(f"the server did not answer within {self.timeout_s:g} s.")

    def past_deadline(self) -> TooSlow:
        return TooSlow(f"the downloads took longer than the limit of {self.total_timeout_s:g} s.")

    def _check_rate(self, now: float) -> None:
        while self.window_end is not None and now >= self.window_end:
            if self.window_bytes < self.min_bytes_per_s * self.rate_window_s:
                raise TooSlow(
                    f"the server sent {self.window_bytes} bytes in {self.rate_window_s:g} s, below the minimum "
                    f"rate of {self.min_bytes_per_s:g} bytes/s."
                )
            self.window_end += self.rate_window_s
            self.window_bytes = 0


class _PacedSocketIO(io.RawIOBase):
    """A socket's bytes, read after waits of a fraction of a second at most, so that the clock's limits (and
    `on_transfer`'s stop) are checked while a server is silent; a socket timeout could not tell a trickle."""

    def __init__(self, sock: socket.socket, clock: DownloadClock) -> None:
        super().__init__()
        self._sock = sock
        # A file of the socket, as http.client's own: it keeps the socket open until the response is closed.
        self._file = sock.makefile("rb", buffering=0)
        self._clock = clock
        self._poll = select.poll()
        self._poll.register(sock.fileno(), select.POLLIN)
        clock.touch()

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: WriteableBuffer) -> int:
        while not self._ready():
            self._clock.check()
        self._sock.settimeout(self._clock.operation_timeout())
        try:
            count = self._file.readinto(buffer) or 0
        except TimeoutError as error:  # TLS: a record that stays incomplete
            raise self._clock.timed_out() from error
        self._clock.heard()
        return count

    def _ready(self) -> bool:
        if isinstance(self._sock, ssl.SSLSocket) and self._sock.pending():
            return True  # decrypted bytes wait inside the TLS layer, where poll cannot see them
        return bool(self._poll.poll(math.ceil(self._clock.wait_s() * 1000)))

    def close(self) -> None:
        if not self.closed:
            self._file.close()
        super().close()


def paced_response(clock: DownloadClock) -> type[http.client.HTTPResponse]:
    """A response class whose reads go through _PacedSocketIO (http.client builds responses from a class)."""

    class PacedResponse(http.client.HTTPResponse):
        def __init__(self, sock: socket.socket, *args: Any, **kwargs: Any) -> None:
            super().__init__(sock, *args, **kwargs)
            self.fp.close()
            self.fp = io.BufferedReader(_PacedSocketIO(sock, clock))

    return PacedResponse
