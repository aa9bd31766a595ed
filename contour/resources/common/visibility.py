"""Organization-aware visibility: the SQL skeleton every resource's access rules are built from."""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, and_, false, or_, true

from contour.resources.common.actor import Actor, OrgScope
from contour.resources.organizations.models import Role


def scoped_visibility(
    actor: Actor,
    scope: OrgScope,
    organization_column: ColumnElement[Any],
    personal: ColumnElement[bool],
) -> ColumnElement[bool]:
    """Rows the actor may see within the scope.

    `personal` says how the actor is tied to a row (owner, assignee...). Sandbox rows need that
    tie; organization rows need membership plus the tie, or a supervisor-or-higher role.
    """
    if scope.kind == "sandbox":
        in_scope = organization_column.is_(None)
    elif scope.kind == "org":
        in_scope = organization_column == scope.organization_id
    else:
        in_scope = true()
    if actor.is_admin:
        return in_scope
    member_orgs = list(actor.roles)
    staff_orgs = actor.orgs_with_role(Role.SUPERVISOR)
    sandbox_rows = and_(organization_column.is_(None), personal)
    org_rows = and_(
        organization_column.in_(member_orgs) if member_orgs else false(),
        or_(personal, organization_column.in_(staff_orgs) if staff_orgs else false()),
    )
    return and_(in_scope, or_(sandbox_rows, org_rows))


def can_create_in_scope(actor: Actor, scope: OrgScope) -> bool:
    """Projects and tasks: workers (privilege group or org role) may not create."""
    if actor.is_admin:
        return True
    if scope.kind == "org":
        return actor.has_role(scope.organization_id, Role.SUPERVISOR)
    return not actor.is_worker
