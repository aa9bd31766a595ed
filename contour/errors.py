"""The error hierarchy: every failure a user can cause has a stable code and an HTTP status.

One handler in app.py turns these into CVAT-style bodies: field errors become DRF-shaped
`{"field": ["message"]}`, everything else `{"detail": "message", "code": "..."}`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence


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
