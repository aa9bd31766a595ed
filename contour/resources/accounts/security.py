"""Password hashing (argon2) and the random secrets behind sessions, API keys and access tokens."""

from __future__ import annotations

import hashlib
import secrets
from functools import lru_cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from contour.config import get_settings

ACCESS_TOKEN_PREFIX = "ctp_"


@lru_cache
def _hasher() -> PasswordHasher:
    settings = get_settings()
    return PasswordHasher(
        time_cost=settings.argon2_time_cost, memory_cost=settings.argon2_memory_kib
    )


def hash_password(password: str) -> str:
    return _hasher().hash(password)


def verify_password(password_hash: str, password: str) -> bool:
    if not password_hash:
        return False
    try:
        return _hasher().verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def new_session_key() -> str:
    return secrets.token_urlsafe(32)


def new_csrf_token() -> str:
    return secrets.token_hex(32)


def new_api_key() -> str:
    # 40 hex characters, the shape of the DRF token CVAT returns (the SDK caps `key` at 40).
    return secrets.token_hex(20)


def new_access_token_value() -> str:
    return ACCESS_TOKEN_PREFIX + secrets.token_urlsafe(32)


def digest_token(value: str) -> str:
    return hashlib.sha256(value.encode()).hexdigest()
