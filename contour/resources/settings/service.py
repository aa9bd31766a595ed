"""User settings use cases: read them, apply a merge patch (one writer per user at a time)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from contour.resources.accounts.models import User
from contour.resources.settings.document import check_patch, check_size, merge_patch, sections_of
from contour.resources.settings.models import UserSettings


def settings_of(db: Session, user: User) -> dict[str, dict[str, Any]]:
    row = db.get(UserSettings, user.id)
    return sections_of(row.document if row is not None else {})


def _lock_settings_of(db: Session, user: User) -> None:
    """Serialise writers of one user's settings, so two tabs saving at once both keep their change."""
    if db.get_bind().dialect.name == "postgresql":
        db.execute(select(User.id).where(User.id == user.id).with_for_update())
    else:
        # SQLite's driver opens the transaction at the first write: a no-op write takes the
        # database's write lock now, so the document read next cannot be stale.
        db.execute(update(User).where(User.id == user.id).values(is_active=User.is_active))


def do_update_settings(db: Session, user: User, patch: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Merge `patch` (sections given in the request, explicit nulls kept) into `user`'s settings.

    Runs in the caller's transaction; raises ValidationError when the result would break the bounds.
    """
    check_patch(patch)
    _lock_settings_of(db, user)
    row = db.get(UserSettings, user.id, populate_existing=True)
    merged = merge_patch(row.document if row is not None else {}, patch)
    check_size(merged)
    if row is None:
        db.add(UserSettings(user_id=user.id, document=merged))
    elif merged != row.document:
        row.document = merged
    return sections_of(merged)
