"""The error hierarchy: every failure a user can cause has a stable code and an HTTP status.

One handler in app.py turns these into CVAT-style bodies: field errors become DRF-shaped
`{"field": ["message"]}`, everything else `{"detail": "message", "code": "..."}`. Messages name
files as the user gave them, never by their server path: `error_text` gives a foreign exception's
words without the path they may quote.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from pathlib import PurePath


class ContourError(Exception):
    status_code = 500
    code = "server_error"

    def __init__(self, detail: str) -> None:
        super().__init__(detail)
        self.detail = detail

    def body(self) -> dict[str, object]:
        return {"detail": self.detail, "code": self.code}


class ValidationError(ContourError):
    """Bad input. `fields` maps a field path (or "non_field_errors") to messages."""

    status_code = 400
    code = "invalid"

    def __init__(self, fields: Mapping[str, Sequence[str]] | str, field: str | None = None) -> None:
        if isinstance(fields, str):
            fields = {field or "non_field_errors": [fields]}
        self.fields = {k: list(v) for k, v in fields.items()}
        super().__init__(
            "; ".join(" ".join(v) if k == "non_field_errors" else f"{k}: {' '.join(v)}" for k, v in self.fields.items())
        )

    def body(self) -> dict[str, object]:
        return dict(self.fields)


class NotAuthenticated(ContourError):
    status_code = 401
    code = "not_authenticated"

    def __init__(self, detail: str = "Authentication credentials were not provided.") -> None:
        super().__init__(detail)


class AuthenticationFailed(NotAuthenticated):
    code = "authentication_failed"


class PermissionDenied(ContourError):
    status_code = 403
    code = "permission_denied"

    def __init__(self, detail: str = "You do not have permission to perform this action.") -> None:
        super().__init__(detail)


class NotFound(ContourError):
    status_code = 404
    code = "not_found"

    def __init__(self, detail: str = "Not found.") -> None:
        super().__init__(detail)


class Conflict(ContourError):
    status_code = 409
    code = "conflict"


def error_text(error: BaseException, path: str | os.PathLike[str] | None = None, name: str | None = None) -> str:
    """An exception's words for a user message, without the server path of the file it is about.

    OSError's str() (Pillow's and PyAV's errors derive from it) quotes the file's path; its strerror
    says the same without it. Any mention of `path` left is replaced by `name` (default: its last part).
    """
    if isinstance(error, OSError) and error.strerror:
        text = error.strerror
    else:
        text = str(error) or type(error).__name__
    if path is not None:
        server_path = os.fspath(path)
        if server_path:
            text = text.replace(server_path, name if name is not None else PurePath(server_path).name)
    return text
