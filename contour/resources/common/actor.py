"""The acting user with their organization roles, and the organization scope of a request."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from sqlalchemy import select
from sqlalchemy.orm import Session

from contour.errors import NotFound, PermissionDenied, ValidationError
from contour.resources.accounts.models import User
from contour.resources.common.types import MAX_DB_INT
from contour.resources.organizations.models import ROLE_RANK, Membership, Organization, Role


@dataclass(frozen=True)
class Actor:
    user: User
    # organization id -> role, active memberships only
    roles: dict[int, Role] = field(default_factory=dict)

    @property
    def id(self) -> int:
        return self.user.id

    @property
    def is_admin(self) -> bool:
        return self.user.is_admin

    @property
    def is_worker(self) -> bool:
        """CVAT's lowest privilege group: may annotate but not create projects or tasks."""
        return "worker" in self.user.groups and not self.is_admin

    def role_in(self, organization_id: int | None) -> Role | None:
        if organization_id is None:
            return None
        return self.roles.get(organization_id)

    def has_role(self, organization_id: int | None, at_least: Role) -> bool:
        role = self.role_in(organization_id)
        return role is not None and ROLE_RANK[role] >= ROLE_RANK[at_least]

    def orgs_with_role(self, at_least: Role) -> list[int]:
        return [org for org, role in self.roles.items() if ROLE_RANK[role] >= ROLE_RANK[at_least]]


def load_actor(db: Session, user: User) -> Actor:
    rows = db.execute(
        select(Membership.organization_id, Membership.role).where(
            Membership.user_id == user.id, Membership.is_active.is_(True)
        )
    )
    return Actor(user, {org_id: Role(role) for org_id, role in rows})


@dataclass(frozen=True)
class OrgScope:
    """Which workspace a request addresses.

    "all": no org given (everything visible); "sandbox": `org=` empty (personal objects only);
    "org": one organization.
    """

    kind: Literal["all", "sandbox", "org"]
    organization: Organization | None = None

    @property
    def organization_id(self) -> int | None:
        return self.organization.id if self.organization is not None else None

    @property
    def target_organization_id(self) -> int | None:
        """The organization that objects created in this scope belong to."""
        return self.organization_id


def resolve_org_scope(
    db: Session,
    actor: Actor,
    *,
    header: str | None,
    org: str | None,
    org_id: str | None,
) -> OrgScope:
    organization: Organization | None
    if org_id is not None and org_id != "":
        try:
            number = int(org_id)
            if not 0 <= number <= MAX_DB_INT:
                raise ValueError(org_id)
            organization = db.get(Organization, number)
        except ValueError as exc:
            raise ValidationError({"org_id": ["A valid integer is required."]}) from exc
        if organization is None:
            raise NotFound(f"Organization {org_id} not found.")
    else:
        slug = org if org is not None else header
        if slug is None:
            return OrgScope("all")
        if slug == "":
            return OrgScope("sandbox")
        organization = db.scalar(select(Organization).where(Organization.slug == slug))
        if organization is None:
            raise NotFound(f"Organization '{slug}' not found.")
    if not actor.is_admin and actor.role_in(organization.id) is None:
        raise PermissionDenied(f"You are not a member of organization '{organization.slug}'.")
    return OrgScope("org", organization)
