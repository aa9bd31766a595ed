"""Checks on users named by id in a request (owner_id, assignee_id, invitations)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from contour.errors import ValidationError
from contour.resources.accounts.models import User
from contour.resources.organizations.models import Membership


def check_user_ref(db: Session, user_id: int | None, field: str, organization_id: int | None) -> User | None:
    """The user behind `field`, who must exist and, for organization objects, be a member."""
    if user_id is None:
        return None
    user = db.get(User, user_id)
    if user is None:
        raise ValidationError({field: [f'Invalid pk "{user_id}" - object does not exist.']})
    if organization_id is not None and not user.is_superuser:
        member = db.scalar(
            select(Membership.id).where(
                Membership.user_id == user_id,
                Membership.organization_id == organization_id,
                Membership.is_active.is_(True),
            )
        )
        if member is None:
            raise ValidationError({field: [f"User {user.username} is not a member of the organization."]})
    return user
