"""Request and response shapes of accounts, sessions and tokens (CVAT field names)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from pydantic import Field, StringConstraints

from contour.resources.accounts.models import AccessToken, User
from contour.resources.common.read_models import BasicUserRead, ReadModel
from contour.resources.common.requests import RequestModel

Username = Annotated[str, StringConstraints(min_length=1, max_length=150, pattern=r"^[\w.@+-]+$")]


class LoginRequest(RequestModel):
    username: str | None = None
    email: str | None = None
    password: Annotated[str, Field(min_length=1)]


class RegisterRequest(RequestModel):
    username: Annotated[str, StringConstraints(min_length=5, max_length=150, pattern=r"^[\w.@+-]+$")]
    password1: Annotated[str, Field(min_length=8, max_length=256)]
    password2: Annotated[str, Field(min_length=8, max_length=256)]
    email: Annotated[str, Field(max_length=254)] = ""
    first_name: Annotated[str, Field(max_length=150)] = ""
    last_name: Annotated[str, Field(max_length=150)] = ""
    # The CVAT web app's sign-up form sends these; they are accepted and ignored.
    confirmations: list[Any] | None = None


class PasswordChangeRequest(RequestModel):
    old_password: Annotated[str, Field(min_length=1)]
    new_password1: Annotated[str, Field(min_length=8, max_length=256)]
    new_password2: Annotated[str, Field(min_length=8, max_length=256)]


class UserPatchRequest(RequestModel):
    username: Username | None = None
    first_name: Annotated[str, Field(max_length=150)] | None = None
    last_name: Annotated[str, Field(max_length=150)] | None = None
    email: Annotated[str, Field(max_length=254)] | None = None
    groups: list[str] | None = None
    is_staff: bool | None = None
    is_superuser: bool | None = None
    is_active: bool | None = None


class AccessTokenWriteRequest(RequestModel):
    name: Annotated[str, Field(min_length=1, max_length=50)]
    expiry_date: datetime | None = None
    read_only: bool = False


class AccessTokenPatchRequest(RequestModel):
    name: Annotated[str, Field(min_length=1, max_length=50)] | None = None
    expiry_date: datetime | None = None
    read_only: bool | None = None


def user_url(base: str, user_id: int) -> str:
    return f"{base}/api/users/{user_id}"


def serialize_basic_user(user: User | None, base: str) -> dict[str, Any] | None:
    if user is None:
        return None
    return {
        "url": user_url(base, user.id),
        "id": user.id,
        "username": user.username,
        "first_name": user.first_name,
        "last_name": user.last_name,
    }


def serialize_user(user: User, base: str) -> dict[str, Any]:
    return {
        "url": user_url(base, user.id),
        "id": user.id,
        "username": user.username,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "email": user.email,
        "groups": list(user.groups),
        "is_staff": user.is_staff,
        "is_superuser": user.is_superuser,
        "is_active": user.is_active,
        "last_login": user.last_login,
        "date_joined": user.date_joined,
        "has_analytics_access": False,
    }


def serialize_access_token(token: AccessToken, owner: User, base: str) -> dict[str, Any]:
    return {
        "id": token.id,
        "name": token.name,
        "created_date": token.created_date,
        "updated_date": token.updated_date,
        "expiry_date": token.expiry_date,
        "last_used_date": token.last_used_date,
        "read_only": token.read_only,
        "owner": serialize_basic_user(owner, base),
    }


class AccessTokenRead(ReadModel):
    id: int
    name: str
    created_date: datetime
    updated_date: datetime
    expiry_date: datetime | None
    last_used_date: datetime | None
    read_only: bool
    owner: BasicUserRead | None
    # Only in the creation response: the secret itself.
    value: str | None = None


class TokenRead(ReadModel):
    key: str


class DetailRead(ReadModel):
    detail: str


class RegisterRead(ReadModel):
    username: str
    email: str
    first_name: str
    last_name: str
    email_verification_required: bool
    key: str | None
