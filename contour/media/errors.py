"""The error media decoders raise for a file they cannot use: it keeps the file's name apart from
the reason, so the task-data code can name the file as the user gave it (its path within the
upload or the share, or its URL) instead of the name on the server's disk."""

from __future__ import annotations

from typing import Any

from contour.errors import ValidationError


class MediaError(ValidationError):
    """An unusable media file (HTTP 400 when raised in a request): "`file`: `reason`"."""

    def __init__(self, reason: str, *, file: str | None = None) -> None:
        self.reason = reason
        self.file = file
        super().__init__(f"{file}: {reason}" if file else reason)

    def naming(self, file: str) -> MediaError:
        """The same error naming the file as `file`."""
        return MediaError(self.reason, file=file)

    def __reduce__(self) -> tuple[Any, ...]:
        # Chunks are built in worker processes: the error must cross back whole, not as one string.
        return (_rebuild, (self.reason, self.file))


def _rebuild(reason: str, file: str | None) -> MediaError:
    return MediaError(reason, file=file)
