"""Who may see and manage organizations, memberships and invitations."""

from __future__ import annotations

from sqlalchemy import ColumnElement, or_, true

from contour.resources.common.actor import Actor
from contour.resources.organizations.models import ROLE_RANK, Invitation, Membership, Organization, Role


def can_view_organization(actor: Actor, org: Organization) -> bool:
    return actor.is_admin or actor.role_in(org.id) is not None


def can_change_organization(actor: Actor, org: Organization) -> bool:
    return actor.is_admin or actor.has_role(org.id, Role.MAINTAINER)


def can_delete_organization(actor: Actor, org: Organization) -> bool:
    return actor.is_admin or actor.has_role(org.id, Role.OWNER)


def organizations_visible(actor: Actor) -> ColumnElement[bool]:
    if actor.is_admin:
        return true()
    return Organization.id.in_(list(actor.roles))


def memberships_visible(actor: Actor) -> ColumnElement[bool]:
    if actor.is_admin:
        return true()
    return or_(Membership.organization_id.in_(list(actor.roles)), Membership.user_id == actor.id)


def _outranks(actor: Actor, org_id: int, role: str) -> bool:
    mine = actor.role_in(org_id)
    return mine is not None and ROLE_RANK[mine] > ROLE_RANK[Role(role)]


def can_grant(actor: Actor, org_id: int, role: Role) -> bool:
    """Owners grant any role but owner; maintainers grant supervisor and worker."""
    if role == Role.OWNER:
        return False
    if actor.is_admin:
        return True
    return actor.has_role(org_id, Role.MAINTAINER) and _outranks(actor, org_id, role)


def can_change_membership(actor: Actor, membership: Membership) -> bool:
    if membership.role == Role.OWNER or membership.user_id == actor.id:
        return actor.is_admin and membership.role != Role.OWNER
    if actor.is_admin:
        return True
    return actor.has_role(membership.organization_id, Role.MAINTAINER) and _outranks(
        actor, membership.organization_id, membership.role
    )


def can_delete_membership(actor: Actor, membership: Membership) -> bool:
    if membership.role == Role.OWNER:
        return False
    if membership.user_id == actor.id:
        return True  # leaving the organization
    return can_change_membership(actor, membership)


def invitations_visible(actor: Actor) -> ColumnElement[bool]:
    if actor.is_admin:
        return true()
    managed = actor.orgs_with_role(Role.MAINTAINER)
    received = Invitation.membership_id.in_(
        Membership.__table__.select().with_only_columns(Membership.id).where(Membership.user_id == actor.id)
    )
    if not managed:
        return received
    in_managed = Invitation.membership_id.in_(
        Membership.__table__.select().with_only_columns(Membership.id).where(Membership.organization_id.in_(managed))
    )
    return or_(received, in_managed)


def can_manage_invitation(actor: Actor, invitation: Invitation) -> bool:
    return actor.is_admin or actor.has_role(invitation.membership.organization_id, Role.MAINTAINER)


def is_invitee(actor: Actor, invitation: Invitation) -> bool:
    return invitation.membership.user_id == actor.id
