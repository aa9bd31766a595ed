"""Organization use cases: create (the creator becomes owner), invite, accept, change roles, leave."""

from __future__ import annotations

import secrets
from datetime import timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from contour.db import utcnow
from contour.errors import NotFound, PermissionDenied, ValidationError
from contour.resources.accounts.models import User
from contour.resources.common.actor import Actor, OrgScope
from contour.resources.organizations import access
from contour.resources.organizations.models import Invitation, Membership, Organization, Role
from contour.resources.organizations.schemas import (
    InvitationWriteRequest,
    OrganizationPatchRequest,
    OrganizationWriteRequest,
)

INVITATION_LIFETIME = timedelta(days=7)


def _check_slug_free(db: Session, slug: str, exclude_id: int | None = None) -> None:
    stmt = select(Organization.id).where(func.lower(Organization.slug) == slug.lower())
    if exclude_id is not None:
        stmt = stmt.where(Organization.id != exclude_id)
    if db.scalar(stmt) is not None:
        raise ValidationError({"slug": ["organization with this slug already exists."]})


def do_create_organization(db: Session, actor: Actor, request: OrganizationWriteRequest) -> Organization:
    if actor.is_worker:
        raise PermissionDenied("Workers may not create organizations.")
    _check_slug_free(db, request.slug)
    now = utcnow()
    org = Organization(
        slug=request.slug,
        name=request.name,
        description=request.description,
        contact=request.contact,
        owner_id=actor.id,
        created_date=now,
        updated_date=now,
    )
    db.add(org)
    db.flush()
    db.add(Membership(user_id=actor.id, organization_id=org.id, role=Role.OWNER, is_active=True, joined_date=now))
    db.flush()
    return org


def access_organization(db: Session, actor: Actor, org_id: int, action: str = "view") -> Organization:
    org = db.get(Organization, org_id)
    if org is None:
        raise NotFound()
    check = {
        "view": access.can_view_organization,
        "change": access.can_change_organization,
        "delete": access.can_delete_organization,
    }[action]
    if not check(actor, org):
        raise PermissionDenied(f"You may not {action} organization {org.slug}.")
    return org


def do_delete_organization(db: Session, org: Organization) -> None:
    from contour.resources.requests.models import BackgroundRequest
    from contour.resources.requests.service import do_forget_requests
    from contour.resources.tasks.models import Task
    from contour.resources.tasks.service import forget_media_after_commit

    task_ids = list(db.scalars(select(Task.id).where(Task.organization_id == org.id)))
    do_forget_requests(db, BackgroundRequest.organization_id == org.id, BackgroundRequest.task_id.in_(task_ids))
    forget_media_after_commit(db, task_ids)
    db.delete(org)


def do_update_organization(db: Session, org: Organization, request: OrganizationPatchRequest) -> Organization:
    if request.slug is not None and request.slug != org.slug:
        _check_slug_free(db, request.slug, exclude_id=org.id)
        org.slug = request.slug
    if request.name is not None:
        org.name = request.name
    if request.description is not None:
        org.description = request.description
    if request.contact is not None:
        org.contact = request.contact
    org.updated_date = utcnow()
    return org


def access_membership(db: Session, actor: Actor, membership_id: int) -> Membership:
    membership = db.get(Membership, membership_id)
    if membership is None:
        raise NotFound()
    if not (actor.is_admin or actor.role_in(membership.organization_id) is not None or membership.user_id == actor.id):
        raise PermissionDenied()
    return membership


def do_change_role(actor: Actor, membership: Membership, role: Role) -> Membership:
    if not access.can_change_membership(actor, membership) or not access.can_grant(actor, membership.organization_id, role):
        raise PermissionDenied(f"You may not make {membership.user.username} a {role}.")
    membership.role = role
    return membership


def do_delete_membership(db: Session, actor: Actor, membership: Membership) -> None:
    if membership.role == Role.OWNER:
        raise PermissionDenied("The owner cannot leave or be removed from the organization.")
    if not access.can_delete_membership(actor, membership):
        raise PermissionDenied(f"You may not remove {membership.user.username} from the organization.")
    db.delete(membership)


def is_expired(invitation: Invitation) -> bool:
    return not invitation.accepted and invitation.sent_date + INVITATION_LIFETIME <= utcnow()


def do_invite(db: Session, actor: Actor, scope: OrgScope, request: InvitationWriteRequest) -> Invitation:
    if scope.organization is None:
        raise ValidationError("Invitations are sent from an organization: pass org or X-Organization.")
    org = scope.organization
    if not access.can_grant(actor, org.id, request.role):
        raise PermissionDenied(f"You may not invite members as {request.role}.")
    user = db.scalar(select(User).where(func.lower(User.email) == request.email.lower()))
    if user is None:
        raise ValidationError({"email": [f"No user is registered with the e-mail address {request.email}."]})
    existing = db.scalar(select(Membership).where(Membership.user_id == user.id, Membership.organization_id == org.id))
    if existing is not None and existing.is_active:
        raise ValidationError({"email": [f"{user.username} is already a member of the organization."]})
    if existing is not None:
        db.delete(existing)  # a pending invitation is replaced by the new one
        db.flush()
    membership = Membership(user_id=user.id, organization_id=org.id, role=request.role, is_active=False)
    db.add(membership)
    db.flush()
    invitation = Invitation(key=secrets.token_urlsafe(32), membership_id=membership.id, owner_id=actor.id)
    db.add(invitation)
    db.flush()
    return invitation


def access_invitation(db: Session, actor: Actor, key: str) -> Invitation:
    invitation = db.get(Invitation, key)
    if invitation is None:
        raise NotFound()
    if not (access.is_invitee(actor, invitation) or access.can_manage_invitation(actor, invitation)):
        raise PermissionDenied()
    return invitation


def do_accept(actor: Actor, invitation: Invitation) -> Organization:
    if not access.is_invitee(actor, invitation):
        raise PermissionDenied("Only the invited user may accept an invitation.")
    if invitation.accepted:
        raise ValidationError("The invitation has already been accepted.")
    if is_expired(invitation):
        raise ValidationError("The invitation has expired; ask for a new one.")
    invitation.accepted = True
    invitation.membership.is_active = True
    invitation.membership.joined_date = utcnow()
    return invitation.membership.organization


def do_decline(db: Session, actor: Actor, invitation: Invitation) -> None:
    if not access.is_invitee(actor, invitation):
        raise PermissionDenied("Only the invited user may decline an invitation.")
    if invitation.accepted:
        raise ValidationError("The invitation has already been accepted.")
    db.delete(invitation.membership)


def do_resend(actor: Actor, invitation: Invitation) -> None:
    if not access.can_manage_invitation(actor, invitation):
        raise PermissionDenied()
    if invitation.accepted:
        raise ValidationError("The invitation has already been accepted.")
    invitation.sent_date = utcnow()


def do_delete_invitation(db: Session, actor: Actor, invitation: Invitation) -> None:
    if not access.can_manage_invitation(actor, invitation):
        raise PermissionDenied()
    if invitation.accepted:
        db.delete(invitation)
    else:
        db.delete(invitation.membership)


def invitation_keys(db: Session, membership_ids: list[int]) -> dict[int, str]:
    if not membership_ids:
        return {}
    rows = db.execute(select(Invitation.membership_id, Invitation.key).where(Invitation.membership_id.in_(membership_ids)))
    return dict(rows.all())
