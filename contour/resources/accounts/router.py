"""Routes of /api/auth (login, logout, register, password, access tokens) and /api/users."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fastapi import APIRouter, Request, Response
from sqlalchemy import select

from contour.config import get_settings
from contour.db import utcnow
from contour.errors import ValidationError
from contour.resources.accounts import service
from contour.resources.accounts.authentication import CSRF_COOKIE, SESSION_COOKIE
from contour.resources.accounts.models import AccessToken, User
from contour.resources.accounts.schemas import (
    AccessTokenPatchRequest,
    AccessTokenRead,
    AccessTokenWriteRequest,
    DetailRead,
    LoginRequest,
    PasswordChangeRequest,
    RegisterRead,
    RegisterRequest,
    TokenRead,
    UserPatchRequest,
    serialize_access_token,
    serialize_basic_user,
    serialize_user,
)
from contour.resources.common.deps import DB, BaseURL, CurrentActor, CurrentPrincipal, Scope
from contour.resources.common.listing import ListSpec, list_parameters, paginate
from contour.resources.common.read_models import BasicUserRead, Page, UserRead, documented
from contour.resources.common.responses import JSONResponse, created
from contour.resources.common.types import PathId
from contour.resources.organizations.models import Membership

router = APIRouter(tags=["auth", "users"])


@router.post("/api/auth/login", responses=documented(TokenRead, 200))
def login(body: LoginRequest, db: DB) -> Response:
    identifier = body.username or body.email
    if not identifier:
        raise ValidationError({"non_field_errors": ['Must include "username" and "password".']})
    result = service.do_login(db, identifier, body.password)
    response = JSONResponse({"key": result.api_key})
    max_age = get_settings().session_days * 24 * 3600
    _set_session_cookie(response, result.session_key, max_age)
    # Readable by the web app, which echoes it in X-CSRFToken.
    response.set_cookie(CSRF_COOKIE, result.csrf_token, max_age=max_age, samesite="lax")
    return response


def _set_session_cookie(response: Response, key: str, max_age: int) -> None:
    response.set_cookie(SESSION_COOKIE, key, max_age=max_age, httponly=True, samesite="lax")


@router.post("/api/auth/logout", responses=documented(DetailRead, 200))
def logout(request: Request, db: DB, principal: CurrentPrincipal) -> Response:
    service.do_logout(db, principal.user, request.cookies.get(SESSION_COOKIE))
    response = JSONResponse({"detail": "Successfully logged out."})
    response.delete_cookie(SESSION_COOKIE)
    response.delete_cookie(CSRF_COOKIE)
    return response


@router.post("/api/auth/register", responses=documented(RegisterRead, 201))
def register(body: RegisterRequest, db: DB) -> Response:
    user, key = service.do_register(db, body)
    return created(
        {
            "username": user.username,
            "email": user.email,
            "first_name": user.first_name,
            "last_name": user.last_name,
            "email_verification_required": False,
            "key": key,
        }
    )


@router.post("/api/auth/password/change", responses=documented(DetailRead, 200))
def change_password(body: PasswordChangeRequest, db: DB, principal: CurrentPrincipal) -> Response:
    kept = service.do_change_password(db, principal.user, body, keep_session=principal.session_key)
    response = JSONResponse({"detail": "New password has been saved."})
    if kept is not None:
        # The calling session lives on under a new key: the browser or SDK takes the new cookie.
        remaining = int((kept.expiry_date - utcnow()).total_seconds())
        _set_session_cookie(response, kept.key, max(remaining, 0))
    return response


# --- personal access tokens -------------------------------------------------------------


ACCESS_TOKEN_LIST = ListSpec(
    fields={
        "id": AccessToken.id,
        "name": AccessToken.name,
        "created_date": AccessToken.created_date,
        "updated_date": AccessToken.updated_date,
        "expiry_date": AccessToken.expiry_date,
        "last_used_date": AccessToken.last_used_date,
        "read_only": AccessToken.read_only,
    },
    search=[AccessToken.name],
)


@router.get(
    "/api/auth/access_tokens",
    responses=documented(Page[AccessTokenRead], 200),
    openapi_extra=list_parameters(ACCESS_TOKEN_LIST),
)
def list_access_tokens(request: Request, db: DB, principal: CurrentPrincipal, base: BaseURL) -> Response:
    user = principal.user
    stmt = select(AccessToken).where(AccessToken.owner_id == user.id)
    return JSONResponse(
        paginate(db, request.url, stmt, ACCESS_TOKEN_LIST, lambda rows: [serialize_access_token(t, user, base) for t in rows])
    )


@router.post("/api/auth/access_tokens", responses=documented(AccessTokenRead, 201))
def create_access_token(body: AccessTokenWriteRequest, db: DB, principal: CurrentPrincipal, base: BaseURL) -> Response:
    token, value = service.do_create_access_token(db, principal.user, body)
    return created(serialize_access_token(token, principal.user, base) | {"value": value})


@router.get("/api/auth/access_tokens/self", responses=documented(AccessTokenRead, 200))
def current_access_token(db: DB, principal: CurrentPrincipal, base: BaseURL) -> Response:
    if principal.access_token_id is None:
        raise ValidationError("This request is not authenticated with an access token.")
    token = service.access_token_of(db, principal.user, principal.access_token_id)
    return JSONResponse(serialize_access_token(token, principal.user, base))


@router.get("/api/auth/access_tokens/{token_id}", responses=documented(AccessTokenRead, 200))
def get_access_token(token_id: PathId, db: DB, principal: CurrentPrincipal, base: BaseURL) -> Response:
    token = service.access_token_of(db, principal.user, token_id)
    return JSONResponse(serialize_access_token(token, principal.user, base))


@router.patch("/api/auth/access_tokens/{token_id}", responses=documented(AccessTokenRead, 200))
def update_access_token(
    token_id: PathId, body: AccessTokenPatchRequest, db: DB, principal: CurrentPrincipal, base: BaseURL
) -> Response:
    token = service.do_update_access_token(service.access_token_of(db, principal.user, token_id), body)
    return JSONResponse(serialize_access_token(token, principal.user, base))


@router.delete("/api/auth/access_tokens/{token_id}", status_code=204)
def delete_access_token(token_id: PathId, db: DB, principal: CurrentPrincipal) -> Response:
    db.delete(service.access_token_of(db, principal.user, token_id))
    return Response(status_code=204)


# --- users ---------------------------------------------------------------------------------


def _serialize_for(actor_id: int, is_admin: bool, base: str) -> Callable[[User], dict[str, Any]]:
    """Full records for oneself (and for admins), public fields of everyone else."""

    def serialize(user: User) -> dict[str, Any]:
        if is_admin or user.id == actor_id:
            return serialize_user(user, base)
        return serialize_basic_user(user, base) or {}

    return serialize


USER_LIST = ListSpec(
    fields={
        "id": User.id,
        "username": User.username,
        "first_name": User.first_name,
        "last_name": User.last_name,
        "is_active": User.is_active,
    },
    search=[User.username, User.first_name, User.last_name],
    default_sort="id",
)


@router.get("/api/users/self", responses=documented(UserRead, 200))
def get_self(actor: CurrentActor, base: BaseURL) -> Response:
    return JSONResponse(serialize_user(actor.user, base))


@router.get(
    "/api/users", responses=documented(Page[UserRead | BasicUserRead], 200), openapi_extra=list_parameters(USER_LIST)
)
def list_users(request: Request, db: DB, actor: CurrentActor, scope: Scope, base: BaseURL) -> Response:
    stmt = select(User)
    if scope.organization is not None:
        stmt = stmt.where(
            User.id.in_(
                select(Membership.user_id).where(Membership.organization_id == scope.organization.id)
            )
        )
    serialize = _serialize_for(actor.id, actor.is_admin, base)
    return JSONResponse(paginate(db, request.url, stmt, USER_LIST, lambda rows: [serialize(u) for u in rows]))


@router.get("/api/users/{user_id}", responses=documented(UserRead | BasicUserRead, 200))
def get_user(user_id: PathId, db: DB, actor: CurrentActor, base: BaseURL) -> Response:
    user = service.access_user(db, actor, user_id)
    return JSONResponse(_serialize_for(actor.id, actor.is_admin, base)(user))


@router.patch("/api/users/{user_id}", responses=documented(UserRead, 200))
def update_user(user_id: PathId, body: UserPatchRequest, db: DB, actor: CurrentActor, base: BaseURL) -> Response:
    user = service.do_update_user(db, actor, service.access_user(db, actor, user_id), body)
    return JSONResponse(serialize_user(user, base))


@router.delete("/api/users/{user_id}", status_code=204)
def delete_user(user_id: PathId, db: DB, actor: CurrentActor) -> Response:
    service.do_delete_user(db, actor, service.access_user(db, actor, user_id))
    return Response(status_code=204)
