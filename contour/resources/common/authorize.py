"""Load an object and check one action on it: 404 when it does not exist, 403 when denied."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TypeVar

from contour.errors import NotFound, PermissionDenied

T = TypeVar("T")


def authorize(obj: T | None, kind: str, action: str, rules: Mapping[str, Callable[[T], bool]]) -> T:
    if obj is None:
        raise NotFound()
    if not rules[action](obj):
        raise PermissionDenied(f"You may not {action} {kind} {getattr(obj, 'id', '')}.".replace(" .", "."))
    return obj
