"""FastAPI dependencies shared by every router: the request transaction, the caller, the org scope."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, Request
from sqlalchemy.orm import Session

from contour.db import transaction
from contour.errors import NotAuthenticated
from contour.resources.accounts.authentication import Principal, authenticate
from contour.resources.accounts.models import User
from contour.resources.common.actor import Actor, OrgScope, load_actor, resolve_org_scope


def get_db() -> Iterator[Session]:
    """One transaction per request: committed when the handler returns, rolled back on error."""
    with transaction() as session:
        yield session


# scope="function": commit before the response is sent, so a client never reads its own write
# before it is committed (and a failed commit is an error, not a 2xx followed by a rollback).
DB = Annotated[Session, Depends(get_db, scope="function")]


def get_principal(request: Request, db: DB) -> Principal:
    principal = authenticate(db, request.method, request.headers, request.cookies)
    if principal is None:
        raise NotAuthenticated()
    return principal


CurrentPrincipal = Annotated[Principal, Depends(get_principal)]


def get_current_user(principal: CurrentPrincipal) -> User:
    return principal.user


CurrentUser = Annotated[User, Depends(get_current_user)]


def get_actor(db: DB, user: CurrentUser) -> Actor:
    return load_actor(db, user)


CurrentActor = Annotated[Actor, Depends(get_actor)]


def get_org_scope(request: Request, db: DB, actor: CurrentActor) -> OrgScope:
    return resolve_org_scope(
        db,
        actor,
        header=request.headers.get("x-organization"),
        org=request.query_params.get("org"),
        org_id=request.query_params.get("org_id"),
    )


Scope = Annotated[OrgScope, Depends(get_org_scope)]


def base_url(request: Request) -> str:
    """Absolute server URL without trailing slash; the SDK fetches the URLs we hand back."""
    return str(request.base_url).rstrip("/")


BaseURL = Annotated[str, Depends(base_url)]
