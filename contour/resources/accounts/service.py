"""Account use cases: register, log in and out, change passwords, manage users and access tokens.

A password change ends every other way into the account that the old password opened, as Django's
`update_session_auth_hash` does for sessions: all of the user's sessions but the one that made the
change end, and the legacy API key (`Authorization: Token`, one per user and shared by all of the
user's clients) is deleted. The session that made the change stays signed in under a new key (Django
cycles the key too), so a copy of its old cookie is worth nothing. A change made with the API key
succeeds but ends that key as well: the client signs in again with the new password for a new one.
Personal access tokens are kept: they are credentials of their own, made for scripts that must not
break when the password changes (CVAT made them for that reason), which the user revokes one by one;
the web app says so, and lists them, where the password is changed (docs/operating.md).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from contour.config import get_settings
from contour.db import utcnow
from contour.errors import NotFound, PermissionDenied, ValidationError
from contour.resources.accounts import security
from contour.resources.accounts.models import AccessToken, ApiKey, User, UserSession
from contour.resources.accounts.schemas import (
    AccessTokenPatchRequest,
    AccessTokenWriteRequest,
    PasswordChangeRequest,
    RegisterRequest,
    UserPatchRequest,
)
from contour.resources.common.actor import Actor

VALID_GROUPS = frozenset({"admin", "user", "worker"})


@dataclass(frozen=True)
class KeptSession:
    """The session that changed the password, under its new key; its expiry is unchanged."""

    key: str
    expiry_date: datetime


@dataclass(frozen=True)
class LoginResult:
    user: User
    session_key: str
    csrf_token: str
    api_key: str


def check_username_free(db: Session, username: str, exclude_id: int | None = None) -> None:
    stmt = select(User.id).where(func.lower(User.username) == username.lower())
    if exclude_id is not None:
        stmt = stmt.where(User.id != exclude_id)
    if db.scalar(stmt) is not None:
        raise ValidationError({"username": ["A user with that username already exists."]})


def check_email_free(db: Session, email: str, exclude_id: int | None = None) -> None:
    if not email:
        return
    stmt = select(User.id).where(func.lower(User.email) == email.lower())
    if exclude_id is not None:
        stmt = stmt.where(User.id != exclude_id)
    if db.scalar(stmt) is not None:
        raise ValidationError({"email": ["A user is already registered with this e-mail address."]})


def check_email_format(email: str) -> None:
    local, at, domain = email.partition("@")
    if email and (not at or not local or "." not in domain or " " in email):
        raise ValidationError({"email": ["Enter a valid email address."]})


def do_create_user(
    db: Session,
    username: str,
    password: str,
    *,
    email: str = "",
    first_name: str = "",
    last_name: str = "",
    is_superuser: bool = False,
) -> User:
    """Create an active user; the first argument checks run here so every path shares them."""
    check_username_free(db, username)
    check_email_format(email)
    check_email_free(db, email)
    user = User(
        username=username,
        email=email,
        first_name=first_name,
        last_name=last_name,
        password_hash=security.hash_password(password),
        is_superuser=is_superuser,
        is_staff=is_superuser,
        groups=["admin"] if is_superuser else ["user"],
    )
    db.add(user)
    db.flush()
    return user


def do_register(db: Session, request: RegisterRequest) -> tuple[User, str]:
    if request.password1 != request.password2:
        raise ValidationError({"password2": ["The two password fields didn't match."]})
    user = do_create_user(
        db,
        request.username,
        request.password1,
        email=request.email,
        first_name=request.first_name,
        last_name=request.last_name,
    )
    return user, _api_key_for(db, user)


def do_login(db: Session, identifier: str, password: str) -> LoginResult:
    column = User.email if "@" in identifier and not _username_exists(db, identifier) else User.username
    user = db.scalar(select(User).where(func.lower(column) == identifier.lower()))
    if user is None or not user.is_active or not security.verify_password(user.password_hash, password):
        raise ValidationError({"non_field_errors": ["Unable to log in with provided credentials."]})
    now = utcnow()
    user.last_login = now
    session = UserSession(
        key=security.new_session_key(),
        user_id=user.id,
        expiry_date=now + timedelta(days=get_settings().session_days),
    )
    db.add(session)
    return LoginResult(user, session.key, security.new_csrf_token(), _api_key_for(db, user))


def _username_exists(db: Session, username: str) -> bool:
    return db.scalar(select(User.id).where(User.username == username)) is not None


def _api_key_for(db: Session, user: User) -> str:
    key = db.scalar(select(ApiKey).where(ApiKey.user_id == user.id))
    if key is None:
        key = ApiKey(key=security.new_api_key(), user_id=user.id)
        db.add(key)
        db.flush()
    return key.key


def do_logout(db: Session, user: User, session_key: str | None) -> None:
    """End the session and revoke the API key, as CVAT's logout does."""
    if session_key:
        db.execute(delete(UserSession).where(UserSession.key == session_key))
    db.execute(delete(ApiKey).where(ApiKey.user_id == user.id))


def do_change_password(
    db: Session, user: User, request: PasswordChangeRequest, *, keep_session: str | None = None
) -> KeptSession | None:
    """Set the new password and end the user's other sessions and API key (see the module docstring).

    `keep_session` is the key of the session the request came through, if any; it is returned under
    its new key, which the caller must hand back as the session cookie.
    """
    if not security.verify_password(user.password_hash, request.old_password):
        raise ValidationError({"old_password": ["Your old password was entered incorrectly."]})
    if request.new_password1 != request.new_password2:
        raise ValidationError({"new_password2": ["The two password fields didn't match."]})
    user.password_hash = security.hash_password(request.new_password1)
    return do_end_sign_ins(db, user, keep_session=keep_session)


def do_end_sign_ins(db: Session, user: User, *, keep_session: str | None = None) -> KeptSession | None:
    """End all of the user's sessions and delete the API key; `keep_session` (if it is the user's)
    lives on under a new key. Personal access tokens are left alone."""
    kept = db.get(UserSession, keep_session) if keep_session else None
    expiry = kept.expiry_date if kept is not None and kept.user_id == user.id else None
    db.execute(delete(UserSession).where(UserSession.user_id == user.id))
    db.execute(delete(ApiKey).where(ApiKey.user_id == user.id))
    if expiry is None or expiry <= utcnow():
        return None
    renewed = UserSession(key=security.new_session_key(), user_id=user.id, expiry_date=expiry)
    db.add(renewed)
    return KeptSession(renewed.key, expiry)


def do_purge_expired_sessions(db: Session) -> int:
    """Delete sessions past their expiry date; returns how many were removed."""
    result = db.execute(delete(UserSession).where(UserSession.expiry_date <= utcnow()))
    return int(result.rowcount or 0)  # type: ignore[attr-defined]


def access_user(db: Session, actor: Actor, user_id: int) -> User:
    user = db.get(User, user_id)
    if user is None:
        raise NotFound()
    return user


def do_update_user(db: Session, actor: Actor, user: User, request: UserPatchRequest) -> User:
    if user.id != actor.id and not actor.is_admin:
        raise PermissionDenied("You can change only your own profile.")
    privileged = {"groups", "is_staff", "is_superuser", "is_active"} & request.model_fields_set
    if privileged and not actor.is_admin:
        raise PermissionDenied(f"Only an administrator can change {', '.join(sorted(privileged))}.")
    if request.username is not None and request.username != user.username:
        check_username_free(db, request.username, exclude_id=user.id)
        user.username = request.username
    if request.email is not None and request.email != user.email:
        check_email_format(request.email)
        check_email_free(db, request.email, exclude_id=user.id)
        user.email = request.email
    if request.first_name is not None:
        user.first_name = request.first_name
    if request.last_name is not None:
        user.last_name = request.last_name
    if request.groups is not None:
        unknown = set(request.groups) - VALID_GROUPS
        if unknown:
            raise ValidationError({"groups": [f"Unknown group(s): {', '.join(sorted(unknown))}."]})
        user.groups = list(request.groups)
    for flag in ("is_staff", "is_superuser", "is_active"):
        value = getattr(request, flag)
        if value is not None:
            setattr(user, flag, value)
    return user


def do_delete_user(db: Session, actor: Actor, user: User) -> None:
    if user.id != actor.id and not actor.is_admin:
        raise PermissionDenied("You can delete only your own account.")
    from contour.resources.requests.models import BackgroundRequest
    from contour.resources.requests.service import do_forget_requests

    do_forget_requests(db, BackgroundRequest.owner_id == user.id)
    db.delete(user)


def do_create_access_token(
    db: Session, user: User, request: AccessTokenWriteRequest
) -> tuple[AccessToken, str]:
    if request.expiry_date is not None and request.expiry_date <= utcnow():
        raise ValidationError({"expiry_date": ["The expiration date must be in the future."]})
    value = security.new_access_token_value()
    token = AccessToken(
        name=request.name,
        owner_id=user.id,
        digest=security.digest_token(value),
        read_only=request.read_only,
        expiry_date=request.expiry_date,
    )
    db.add(token)
    db.flush()
    return token, value


def access_token_of(db: Session, user: User, token_id: int) -> AccessToken:
    token = db.get(AccessToken, token_id)
    if token is None or token.owner_id != user.id:
        raise NotFound()
    return token


def do_update_access_token(token: AccessToken, request: AccessTokenPatchRequest) -> AccessToken:
    if request.name is not None:
        token.name = request.name
    if "expiry_date" in request.model_fields_set:
        if request.expiry_date is not None and request.expiry_date <= utcnow():
            raise ValidationError({"expiry_date": ["The expiration date must be in the future."]})
        token.expiry_date = request.expiry_date
    if request.read_only is not None:
        token.read_only = request.read_only
    token.updated_date = utcnow()
    return token

