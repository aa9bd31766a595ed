"""The error codecs raise for bad datasets: it names the file (and line) so users can fix it."""

from __future__ import annotations

from contour.errors import ValidationError


class DatasetError(ValidationError):
    """A dataset that cannot be read as its declared format (HTTP 400 when raised in a request)."""

    code = "invalid_dataset"

    def __init__(self, message: str, *, file: str | None = None, line: int | None = None) -> None:
        where = ""
        if file is not None:
            where = f"{file}:{line}: " if line is not None else f"{file}: "
        self.file = file
        self.line = line
        super().__init__(where + message)
