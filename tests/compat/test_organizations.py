"""Organizations through cvat-sdk: the X-Organization context, invitations and memberships."""

from __future__ import annotations

import itertools
import os

import pytest
from cvat_sdk.api_client import exceptions, models
from cvat_sdk.core.client import Client

from tests.compat.conftest import Account, Login, Register

pytestmark = pytest.mark.compat

_slugs = itertools.count(1)


@pytest.fixture
def organization(client: Client) -> models.OrganizationRead:
    slug = f"org{os.getpid()}x{next(_slugs)}"
    org, response = client.api_client.organizations_api.create(
        models.OrganizationWriteRequest(slug=slug, name=f"Org {slug}", description="compat suite")
    )
    assert response.status == 201
    return org


@pytest.fixture
def invitee(register_user: Register) -> Account:
    return register_user()


def invite(client: Client, organization: models.OrganizationRead, account: Account, role: str = "worker") -> models.InvitationRead:
    client.organization_slug = organization.slug
    invitation, response = client.api_client.invitations_api.create(
        models.InvitationWriteRequest(role=role, email=account.email)
    )
    assert response.status == 201
    return invitation


def test_created_organization_deserializes_with_its_owner(organization: models.OrganizationRead, user: Account) -> None:
    assert organization.owner.username == user.username
    assert organization.name == f"Org {organization.slug}"
    assert organization.description == "compat suite"


def test_organization_list_shows_the_owners_organization(client: Client, organization: models.OrganizationRead) -> None:
    assert [o.id for o in client.organizations.list()] == [organization.id]


def test_project_created_in_organization_context_belongs_to_it(client: Client, organization: models.OrganizationRead) -> None:
    client.organization_slug = organization.slug
    project = client.projects.create({"name": "org-project"})
    assert project.organization == organization.id
    assert project.organization_id == organization.id


def test_task_created_in_organization_context_lists_its_labels_there(
    client: Client, organization: models.OrganizationRead
) -> None:
    client.organization_slug = organization.slug
    task = client.tasks.create({"name": "org-task", "labels": [{"name": "tree"}]})
    assert task.organization == organization.id
    # Task.get_labels passes org_id=<task.organization>, as the SDK does for org objects.
    client.organization_slug = None
    assert [label.name for label in task.get_labels()] == ["tree"]


def test_project_lists_are_split_between_organization_and_sandbox(
    client: Client, organization: models.OrganizationRead
) -> None:
    client.organization_slug = organization.slug
    in_org = client.projects.create({"name": "in-org"})
    client.organization_slug = ""
    in_sandbox = client.projects.create({"name": "in-sandbox"})
    assert in_sandbox.organization is None

    assert [p.id for p in client.projects.list()] == [in_sandbox.id]
    client.organization_slug = organization.slug
    assert [p.id for p in client.projects.list()] == [in_org.id]
    client.organization_slug = None
    assert sorted(p.id for p in client.projects.list()) == sorted([in_org.id, in_sandbox.id])


def test_invitation_names_the_invited_user_and_organization(
    client: Client, organization: models.OrganizationRead, invitee: Account, user: Account
) -> None:
    invitation = invite(client, organization, invitee)
    assert invitation.user.username == invitee.username
    assert invitation.owner.username == user.username
    assert invitation.organization == organization.id
    assert invitation.organization_info.slug == organization.slug
    assert str(invitation.role) == "worker"
    assert invitation.key


def test_invited_user_accepts_and_becomes_a_member(
    client: Client, organization: models.OrganizationRead, invitee: Account, login: Login
) -> None:
    key = invite(client, organization, invitee).key
    invitee_client = login(invitee)
    accepted, _ = invitee_client.api_client.invitations_api.accept(key)
    assert accepted.organization_slug == organization.slug

    invitee_client.organization_slug = organization.slug
    memberships, _ = invitee_client.api_client.memberships_api.list()
    members = {m.user.username: m for m in memberships.results}
    assert str(members[invitee.username].role) == "worker"
    assert members[invitee.username].is_active is True
    assert members[invitee.username].joined_date is not None
    assert [o.slug for o in invitee_client.organizations.list()] == [organization.slug]


def test_owner_sees_owner_and_pending_member_in_memberships(
    client: Client, organization: models.OrganizationRead, invitee: Account, user: Account
) -> None:
    invitation = invite(client, organization, invitee)
    memberships, _ = client.api_client.memberships_api.list()
    roles = {m.user.username: (str(m.role), m.is_active, m.invitation) for m in memberships.results}
    assert roles == {user.username: ("owner", True, None), invitee.username: ("worker", False, invitation.key)}


def test_member_sees_organization_projects(
    client: Client, organization: models.OrganizationRead, invitee: Account, login: Login
) -> None:
    key = invite(client, organization, invitee, role="supervisor").key
    project = client.projects.create({"name": "shared"})
    invitee_client = login(invitee)
    invitee_client.api_client.invitations_api.accept(key)
    invitee_client.organization_slug = organization.slug
    assert [p.id for p in invitee_client.projects.list()] == [project.id]


def test_outsider_cannot_use_the_organization_context(
    organization: models.OrganizationRead, invitee: Account, login: Login
) -> None:
    outsider = login(invitee)
    outsider.organization_slug = organization.slug
    with pytest.raises((exceptions.ForbiddenException, exceptions.NotFoundException)):
        outsider.projects.create({"name": "intrusion"})
