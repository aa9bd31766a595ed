"""Response shapes for the OpenAPI schema (clients generate types from it).

Routes build plain dicts (fast, explicit about omitted keys); these models document them, and
tests/api/test_contract.py validates real responses against them so the two cannot drift.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Generic, TypeVar

from pydantic import BaseModel, ConfigDict

T = TypeVar("T")


class ReadModel(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=False)


class Page(ReadModel, Generic[T]):
    count: int
    next: str | None
    previous: str | None
    results: list[T]


class BasicUserRead(ReadModel):
    url: str
    id: int
    username: str
    first_name: str
    last_name: str


class UserRead(BasicUserRead):
    email: str
    groups: list[str]
    is_staff: bool
    is_superuser: bool
    is_active: bool
    last_login: datetime | None
    date_joined: datetime
    has_analytics_access: bool


class StorageRead(ReadModel):
    id: int
    location: str
    cloud_storage_id: int | None


class UrlRead(ReadModel):
    url: str


class CountedUrlRead(ReadModel):
    count: int
    url: str


class JobsSummaryRead(ReadModel):
    count: int
    completed: int | None
    validation: int | None
    url: str


def documented(model: Any, status: int = 200) -> dict[int | str, dict[str, Any]]:
    """`responses=` argument documenting a route's body without validating it at run time."""
    return {status: {"model": model}}
