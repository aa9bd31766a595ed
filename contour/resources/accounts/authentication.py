"""Who is calling: resolves sessions (with CSRF), API keys, personal access tokens and Basic auth."""

from __future__ import annotations

import base64
import binascii
import hmac
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

from sqlalchemy import select
from sqlalchemy.orm import Session

from contour.db import utcnow
from contour.errors import AuthenticationFailed, PermissionDenied
from contour.resources.accounts.models import AccessToken, ApiKey, User, UserSession
from contour.resources.accounts.security import digest_token, verify_password

SESSION_COOKIE = "sessionid"
CSRF_COOKIE = "csrftoken"
CSRF_HEADER = "x-csrftoken"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})

Method = Literal["session", "api_key", "access_token", "basic"]


@dataclass(frozen=True)
class Principal:
    user: User
    method: Method
    read_only: bool = False
    access_token_id: int | None = None
    # The session the caller came through, so a password change can keep that one and end the rest.
    session_key: str | None = None


def authenticate(
    db: Session, method: str, headers: Mapping[str, str], cookies: Mapping[str, str]
) -> Principal | None:
    """The caller, or None when no credentials were given. Bad credentials raise 401."""
    authorization = headers.get("authorization", "")
    if authorization:
        scheme, _, credential = authorization.partition(" ")
        principal = _from_authorization(db, scheme.lower(), credential.strip())
    elif SESSION_COOKIE in cookies:
        principal = _from_session(db, cookies[SESSION_COOKIE])
        if principal is not None and method not in SAFE_METHODS:
            _check_csrf(headers, cookies)
    else:
        return None
    if principal is not None:
        if not principal.user.is_active:
            raise AuthenticationFailed("User inactive or deleted.")
        if principal.read_only and method not in SAFE_METHODS:
            raise PermissionDenied("This access token is read-only.")
    return principal


def _from_authorization(db: Session, scheme: str, credential: str) -> Principal:
    if scheme == "token":
        key = db.get(ApiKey, credential)
        if key is None:
            raise AuthenticationFailed("Invalid token.")
        return Principal(_user(db, key.user_id), "api_key")
    if scheme == "bearer":
        token = db.scalar(select(AccessToken).where(AccessToken.digest == digest_token(credential)))
        now = utcnow()
        if token is None or (token.expiry_date is not None and token.expiry_date <= now):
            raise AuthenticationFailed("Invalid or expired access token.")
        token.last_used_date = now
        return Principal(_user(db, token.owner_id), "access_token", token.read_only, token.id)
    if scheme == "basic":
        try:
            username, _, password = base64.b64decode(credential).decode().partition(":")
        except (binascii.Error, UnicodeDecodeError) as exc:
            raise AuthenticationFailed("Invalid basic header.") from exc
        user = db.scalar(select(User).where(User.username == username))
        if user is None or not verify_password(user.password_hash, password):
            raise AuthenticationFailed("Invalid username/password.")
        return Principal(user, "basic")
    raise AuthenticationFailed(f"Unsupported authorization scheme '{scheme}'.")


def _from_session(db: Session, key: str) -> Principal | None:
    session = db.get(UserSession, key)
    if session is None or session.expiry_date <= utcnow():
        # A stale cookie is not an error: the caller is simply anonymous (as in Django).
        return None
    return Principal(_user(db, session.user_id), "session", session_key=session.key)


def _check_csrf(headers: Mapping[str, str], cookies: Mapping[str, str]) -> None:
    cookie = cookies.get(CSRF_COOKIE, "")
    header = headers.get(CSRF_HEADER, "")
    if not cookie or not header or not hmac.compare_digest(cookie, header):
        raise PermissionDenied("CSRF Failed: CSRF token missing or incorrect.")


def _user(db: Session, user_id: int) -> User:
    user = db.get(User, user_id)
    if user is None:
        raise AuthenticationFailed("User inactive or deleted.")
    return user
