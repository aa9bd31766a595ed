"""Routes of /api/organizations, /api/memberships and /api/invitations."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from fastapi import APIRouter, Request, Response
from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from contour.errors import PermissionDenied
from contour.resources.accounts.models import User
from contour.resources.common.deps import DB, BaseURL, CurrentActor, Scope
from contour.resources.common.listing import ListSpec, list_parameters, paginate
from contour.resources.common.read_models import Page, documented
from contour.resources.common.responses import JSONResponse, created
from contour.resources.common.types import PathId
from contour.resources.organizations import access, service
from contour.resources.organizations.models import Invitation, Membership, Organization
from contour.resources.organizations.schemas import (
    AcceptedInvitationRead,
    InvitationPatchRequest,
    InvitationRead,
    InvitationWriteRequest,
    MembershipPatchRequest,
    MembershipRead,
    OrganizationPatchRequest,
    OrganizationRead,
    OrganizationWriteRequest,
    serialize_invitation,
    serialize_membership,
    serialize_organization,
)

router = APIRouter(tags=["organizations"])

Owner = aliased(User)
Member = aliased(User)
InvitedMembership = aliased(Membership)
InvitationOrg = aliased(Organization)

ORGANIZATION_LIST = ListSpec(
    fields={"id": Organization.id, "name": Organization.name, "slug": Organization.slug, "owner": Owner.username},
    search=[Organization.name, Organization.slug, Owner.username],
)
MEMBERSHIP_LIST = ListSpec(
    fields={"id": Membership.id, "user": Member.username, "role": Membership.role, "is_active": Membership.is_active},
    search=[Member.username, Membership.role],
)
INVITATION_LIST = ListSpec(
    fields={
        "created_date": Invitation.created_date,
        "owner": Owner.username,
        "user_id": InvitedMembership.user_id,
        "accepted": Invitation.accepted,
    },
    search=[Owner.username],
    default_sort="-created_date",
    id_column=Invitation.key,
)


# --- organizations -----------------------------------------------------------------------


@router.get(
    "/api/organizations", responses=documented(Page[OrganizationRead], 200), openapi_extra=list_parameters(ORGANIZATION_LIST)
)
def list_organizations(request: Request, db: DB, actor: CurrentActor, base: BaseURL) -> Response:
    stmt = select(Organization).outerjoin(Owner, Organization.owner_id == Owner.id).where(access.organizations_visible(actor))
    return JSONResponse(
        paginate(db, request.url, stmt, ORGANIZATION_LIST, lambda rows: [serialize_organization(o, base) for o in rows])
    )


@router.post("/api/organizations", responses=documented(OrganizationRead, 201))
def create_organization(body: OrganizationWriteRequest, db: DB, actor: CurrentActor, base: BaseURL) -> Response:
    return created(serialize_organization(service.do_create_organization(db, actor, body), base))


@router.get("/api/organizations/{org_id}", responses=documented(OrganizationRead, 200))
def get_organization(org_id: PathId, db: DB, actor: CurrentActor, base: BaseURL) -> Response:
    return JSONResponse(serialize_organization(service.access_organization(db, actor, org_id), base))


@router.patch("/api/organizations/{org_id}", responses=documented(OrganizationRead, 200))
def update_organization(
    org_id: PathId, body: OrganizationPatchRequest, db: DB, actor: CurrentActor, base: BaseURL
) -> Response:
    org = service.do_update_organization(db, service.access_organization(db, actor, org_id, "change"), body)
    return JSONResponse(serialize_organization(org, base))


@router.delete("/api/organizations/{org_id}", status_code=204)
def delete_organization(org_id: PathId, db: DB, actor: CurrentActor) -> Response:
    service.do_delete_organization(db, service.access_organization(db, actor, org_id, "delete"))
    return Response(status_code=204)


# --- memberships -------------------------------------------------------------------------


def _serialize_memberships(db: Session, base: str, rows: Sequence[Membership]) -> list[dict[str, Any]]:
    keys = service.invitation_keys(db, [m.id for m in rows])
    return [serialize_membership(m, base, keys.get(m.id)) for m in rows]


@router.get(
    "/api/memberships", responses=documented(Page[MembershipRead], 200), openapi_extra=list_parameters(MEMBERSHIP_LIST)
)
def list_memberships(request: Request, db: DB, actor: CurrentActor, scope: Scope, base: BaseURL) -> Response:
    stmt = select(Membership).join(Member, Membership.user_id == Member.id).where(access.memberships_visible(actor))
    if scope.kind == "org":
        stmt = stmt.where(Membership.organization_id == scope.organization_id)
    elif scope.kind == "sandbox":
        stmt = stmt.where(Membership.id.is_(None))
    return JSONResponse(paginate(db, request.url, stmt, MEMBERSHIP_LIST, lambda rows: _serialize_memberships(db, base, rows)))


@router.get("/api/memberships/{membership_id}", responses=documented(MembershipRead, 200))
def get_membership(membership_id: PathId, db: DB, actor: CurrentActor, base: BaseURL) -> Response:
    membership = service.access_membership(db, actor, membership_id)
    return JSONResponse(_serialize_memberships(db, base, [membership])[0])


@router.patch("/api/memberships/{membership_id}", responses=documented(MembershipRead, 200))
def update_membership(
    membership_id: PathId, body: MembershipPatchRequest, db: DB, actor: CurrentActor, base: BaseURL
) -> Response:
    membership = service.do_change_role(actor, service.access_membership(db, actor, membership_id), body.role)
    return JSONResponse(_serialize_memberships(db, base, [membership])[0])


@router.delete("/api/memberships/{membership_id}", status_code=204)
def delete_membership(membership_id: PathId, db: DB, actor: CurrentActor) -> Response:
    service.do_delete_membership(db, actor, service.access_membership(db, actor, membership_id))
    return Response(status_code=204)


# --- invitations -------------------------------------------------------------------------


def _serialize_invitation(invitation: Invitation, base: str) -> dict[str, Any]:
    return serialize_invitation(invitation, base, service.is_expired(invitation))


@router.get(
    "/api/invitations", responses=documented(Page[InvitationRead], 200), openapi_extra=list_parameters(INVITATION_LIST)
)
def list_invitations(request: Request, db: DB, actor: CurrentActor, scope: Scope, base: BaseURL) -> Response:
    stmt = (
        select(Invitation)
        .join(InvitedMembership, Invitation.membership_id == InvitedMembership.id)
        .outerjoin(Owner, Invitation.owner_id == Owner.id)
        .where(access.invitations_visible(actor))
    )
    if scope.kind == "org":
        stmt = stmt.where(InvitedMembership.organization_id == scope.organization_id)
    return JSONResponse(
        paginate(db, request.url, stmt, INVITATION_LIST, lambda rows: [_serialize_invitation(i, base) for i in rows])
    )


@router.post("/api/invitations", responses=documented(InvitationRead, 201))
def create_invitation(body: InvitationWriteRequest, db: DB, actor: CurrentActor, scope: Scope, base: BaseURL) -> Response:
    return created(_serialize_invitation(service.do_invite(db, actor, scope, body), base))


@router.get("/api/invitations/{key}", responses=documented(InvitationRead, 200))
def get_invitation(key: str, db: DB, actor: CurrentActor, base: BaseURL) -> Response:
    return JSONResponse(_serialize_invitation(service.access_invitation(db, actor, key), base))


@router.patch("/api/invitations/{key}", responses=documented(InvitationRead, 200))
def update_invitation(key: str, body: InvitationPatchRequest, db: DB, actor: CurrentActor, base: BaseURL) -> Response:
    invitation = service.access_invitation(db, actor, key)
    if not access.can_grant(actor, invitation.membership.organization_id, body.role):
        raise PermissionDenied(f"You may not invite members as {body.role}.")
    invitation.membership.role = body.role
    return JSONResponse(_serialize_invitation(invitation, base))


@router.post("/api/invitations/{key}/accept", responses=documented(AcceptedInvitationRead, 200))
def accept_invitation(key: str, db: DB, actor: CurrentActor) -> Response:
    org = service.do_accept(actor, service.access_invitation(db, actor, key))
    return JSONResponse({"organization_slug": org.slug})


@router.post("/api/invitations/{key}/decline", status_code=204)
def decline_invitation(key: str, db: DB, actor: CurrentActor) -> Response:
    service.do_decline(db, actor, service.access_invitation(db, actor, key))
    return Response(status_code=204)


@router.post("/api/invitations/{key}/resend", status_code=204)
def resend_invitation(key: str, db: DB, actor: CurrentActor) -> Response:
    service.do_resend(actor, service.access_invitation(db, actor, key))
    return Response(status_code=204)


@router.delete("/api/invitations/{key}", status_code=204)
def delete_invitation(key: str, db: DB, actor: CurrentActor) -> Response:
    service.do_delete_invitation(db, actor, service.access_invitation(db, actor, key))
    return Response(status_code=204)
