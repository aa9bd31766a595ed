"""Changes shared by projects and tasks: owner, assignee (with its date) and storage locations."""

from __future__ import annotations

from typing import Any, Protocol

from sqlalchemy.orm import Session

from contour.db import utcnow
from contour.errors import ValidationError
from contour.resources.common.storage import StorageLocation, update_storage
from contour.resources.common.users import check_user_ref


class Owned(Protocol):
    owner_id: Any
    assignee_id: Any
    assignee_updated_date: Any
    organization_id: Any
    source_storage: StorageLocation | None
    target_storage: StorageLocation | None


def do_apply_ownership_changes(db: Session, target: Owned, request: Any, kind: str) -> None:
    """Apply `owner_id`, `assignee_id`, `source_storage`, `target_storage` of a PATCH body.

    Precondition: the caller has checked the actor may transfer ownership when `owner_id` is set.
    """
    fields = request.model_fields_set
    if "owner_id" in fields:
        owner = check_user_ref(db, request.owner_id, "owner_id", target.organization_id)
        if owner is None:
            raise ValidationError({"owner_id": [f"A {kind} must have an owner."]})
        target.owner_id = owner.id
    if "assignee_id" in fields and request.assignee_id != target.assignee_id:
        check_user_ref(db, request.assignee_id, "assignee_id", target.organization_id)
        target.assignee_id = request.assignee_id
        target.assignee_updated_date = utcnow()
    if request.source_storage is not None:
        target.source_storage = update_storage(target.source_storage, request.source_storage)
    if request.target_storage is not None:
        target.target_storage = update_storage(target.target_storage, request.target_storage)
