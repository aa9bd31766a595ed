"""Organization, membership and invitation request shapes and serializers."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from pydantic import Field

from contour.resources.accounts.schemas import serialize_basic_user
from contour.resources.common.read_models import BasicUserRead, ReadModel
from contour.resources.common.requests import RequestModel
from contour.resources.organizations.models import Invitation, Membership, Organization, Role

Slug = Annotated[str, Field(min_length=1, max_length=16, pattern=r"^[-a-zA-Z0-9_]+$")]


class OrganizationWriteRequest(RequestModel):
    slug: Slug
    name: Annotated[str, Field(max_length=64)] = ""
    description: str = ""
    contact: dict[str, Annotated[str, Field(max_length=1024)]] = Field(default_factory=dict)


class OrganizationPatchRequest(RequestModel):
    slug: Slug | None = None
    name: Annotated[str, Field(max_length=64)] | None = None
    description: str | None = None
    contact: dict[str, Annotated[str, Field(max_length=1024)]] | None = None


class MembershipPatchRequest(RequestModel):
    role: Role


class InvitationWriteRequest(RequestModel):
    role: Role
    email: Annotated[str, Field(min_length=1)]


class InvitationPatchRequest(RequestModel):
    role: Role


def serialize_organization(org: Organization, base: str) -> dict[str, Any]:
    return {
        "id": org.id,
        "slug": org.slug,
        "name": org.name,
        "description": org.description,
        "created_date": org.created_date,
        "updated_date": org.updated_date,
        "contact": org.contact,
        "owner": serialize_basic_user(org.owner, base),
    }


def serialize_membership(membership: Membership, base: str, invitation_key: str | None) -> dict[str, Any]:
    return {
        "id": membership.id,
        "user": serialize_basic_user(membership.user, base),
        "organization": membership.organization_id,
        "is_active": membership.is_active,
        "joined_date": membership.joined_date,
        "role": membership.role,
        "invitation": invitation_key,
    }


def serialize_invitation(invitation: Invitation, base: str, expired: bool) -> dict[str, Any]:
    membership = invitation.membership
    org = membership.organization
    return {
        "key": invitation.key,
        "created_date": invitation.created_date,
        "owner": serialize_basic_user(invitation.owner, base),
        "role": membership.role,
        "user": serialize_basic_user(membership.user, base),
        "organization": org.id,
        "organization_info": {
            "id": org.id,
            "slug": org.slug,
            "name": org.name,
            "owner": serialize_basic_user(org.owner, base),
        },
        "expired": expired,
        "accepted": invitation.accepted,
    }


class OrganizationRead(ReadModel):
    id: int
    slug: str
    name: str
    description: str
    created_date: datetime
    updated_date: datetime
    contact: dict[str, Any]
    owner: BasicUserRead | None


class MembershipRead(ReadModel):
    id: int
    user: BasicUserRead
    organization: int
    is_active: bool
    joined_date: datetime | None
    role: str
    invitation: str | None


class OrganizationInfoRead(ReadModel):
    id: int
    slug: str
    name: str
    owner: BasicUserRead | None


class InvitationRead(ReadModel):
    key: str
    created_date: datetime
    owner: BasicUserRead | None
    role: str
    user: BasicUserRead
    organization: int
    organization_info: OrganizationInfoRead
    expired: bool
    accepted: bool


class AcceptedInvitationRead(ReadModel):
    organization_slug: str
