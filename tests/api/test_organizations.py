"""Organizations: creation, invitations and memberships, roles, and the org scope of lists."""

from __future__ import annotations

from tests.factories import Factory


def test_creator_becomes_owner(factory: Factory) -> None:
    owner = factory.user("olga")
    org = factory.organization(owner, "acme")
    assert org["owner"]["username"] == "olga" and org["slug"] == "acme"
    [membership] = owner.get("/api/memberships?org=acme").json()["results"]
    assert membership["role"] == "owner" and membership["is_active"]


def test_slug_must_be_unique_and_well_formed(factory: Factory) -> None:
    owner = factory.user()
    factory.organization(owner, "acme")
    assert owner.post("/api/organizations", json={"slug": "ACME"}).status_code == 400
    assert owner.post("/api/organizations", json={"slug": "bad slug!"}).status_code == 400


def test_invitation_accept_activates_membership(factory: Factory) -> None:
    owner, worker = factory.user(), factory.user()
    org = factory.organization(owner)
    invitation = owner.post("/api/invitations", json={"role": "worker", "email": worker.email}, headers={"X-Organization": org["slug"]})
    assert invitation.status_code == 201
    body = invitation.json()
    assert body["user"]["id"] == worker.id and body["organization_info"]["slug"] == org["slug"]
    assert body["expired"] is False and body["accepted"] is False
    assert worker.get("/api/organizations").json()["count"] == 0, "not a member before accepting"
    accepted = worker.post(f"/api/invitations/{body['key']}/accept")
    assert accepted.json() == {"organization_slug": org["slug"]}
    assert worker.get("/api/organizations").json()["count"] == 1


def test_declined_invitation_leaves_no_membership(factory: Factory) -> None:
    owner, user = factory.user(), factory.user()
    org = factory.organization(owner)
    key = owner.post("/api/invitations", json={"role": "worker", "email": user.email}, headers={"X-Organization": org["slug"]}).json()["key"]
    assert user.post(f"/api/invitations/{key}/decline").status_code == 204
    assert owner.get(f"/api/memberships?org={org['slug']}").json()["count"] == 1


def test_only_the_invitee_accepts(factory: Factory) -> None:
    owner, user, stranger = factory.user(), factory.user(), factory.user()
    org = factory.organization(owner)
    key = owner.post("/api/invitations", json={"role": "worker", "email": user.email}, headers={"X-Organization": org["slug"]}).json()["key"]
    assert stranger.post(f"/api/invitations/{key}/accept").status_code == 403


def test_invitation_needs_a_registered_email(factory: Factory) -> None:
    owner = factory.user()
    org = factory.organization(owner)
    response = owner.post("/api/invitations", json={"role": "worker", "email": "nobody@example.com"}, headers={"X-Organization": org["slug"]})
    assert response.status_code == 400 and "email" in response.json()


def test_maintainer_cannot_invite_maintainers_and_worker_cannot_invite(factory: Factory) -> None:
    owner, maintainer, worker, newcomer = factory.user(), factory.user(), factory.user(), factory.user()
    org = factory.organization(owner)
    factory.member(org, owner, maintainer, "maintainer")
    factory.member(org, owner, worker, "worker")
    headers = {"X-Organization": org["slug"]}
    assert maintainer.post("/api/invitations", json={"role": "maintainer", "email": newcomer.email}, headers=headers).status_code == 403
    assert worker.post("/api/invitations", json={"role": "worker", "email": newcomer.email}, headers=headers).status_code == 403
    assert maintainer.post("/api/invitations", json={"role": "supervisor", "email": newcomer.email}, headers=headers).status_code == 201


def test_role_changes_follow_rank(factory: Factory) -> None:
    owner, maintainer, worker = factory.user(), factory.user(), factory.user()
    org = factory.organization(owner)
    factory.member(org, owner, maintainer, "maintainer")
    factory.member(org, owner, worker, "worker")
    members = {m["user"]["id"]: m for m in owner.get(f"/api/memberships?org={org['slug']}").json()["results"]}
    assert maintainer.patch(f"/api/memberships/{members[worker.id]['id']}", json={"role": "supervisor"}).status_code == 200
    assert maintainer.patch(f"/api/memberships/{members[owner.id]['id']}", json={"role": "worker"}).status_code == 403
    assert worker.patch(f"/api/memberships/{members[maintainer.id]['id']}", json={"role": "worker"}).status_code == 403
    assert owner.patch(f"/api/memberships/{members[worker.id]['id']}", json={"role": "owner"}).status_code == 403


def test_members_can_leave_but_the_owner_cannot(factory: Factory) -> None:
    owner, worker = factory.user(), factory.user()
    org = factory.organization(owner)
    factory.member(org, owner, worker, "worker")
    members = {m["user"]["id"]: m for m in owner.get(f"/api/memberships?org={org['slug']}").json()["results"]}
    assert owner.delete(f"/api/memberships/{members[owner.id]['id']}").status_code == 403
    assert worker.delete(f"/api/memberships/{members[worker.id]['id']}").status_code == 204
    assert worker.get("/api/organizations").json()["count"] == 0


def test_objects_created_in_an_org_belong_to_it(factory: Factory) -> None:
    owner = factory.user()
    org = factory.organization(owner)
    project = factory.project(owner, org=org["slug"])
    task = factory.task(owner, project_id=project["id"])
    assert project["organization"] == org["id"]
    assert task["organization"] == org["id"]


def test_org_scope_narrows_lists(factory: Factory) -> None:
    owner = factory.user()
    org = factory.organization(owner)
    factory.project(owner, org=org["slug"], name="in-org")
    factory.project(owner, name="personal")

    def names(**params: str) -> set[str]:
        return {p["name"] for p in owner.get("/api/projects", params=params).json()["results"]}

    assert names() == {"in-org", "personal"}
    assert names(org="") == {"personal"}
    assert names(org=org["slug"]) == {"in-org"}
    assert names(org_id=str(org["id"])) == {"in-org"}
    header_scoped = owner.get("/api/projects", headers={"X-Organization": org["slug"]}).json()["results"]
    assert [p["name"] for p in header_scoped] == ["in-org"]


def test_non_members_cannot_use_an_org_scope(factory: Factory) -> None:
    owner, stranger = factory.user(), factory.user()
    org = factory.organization(owner)
    assert stranger.get("/api/projects", params={"org": org["slug"]}).status_code == 403
    assert stranger.get("/api/projects", params={"org": "no-such-org"}).status_code == 404
    assert stranger.get(f"/api/organizations/{org['id']}").status_code == 403


def test_supervisor_sees_all_org_projects_worker_sees_none(factory: Factory) -> None:
    owner, supervisor, worker = factory.user(), factory.user(), factory.user()
    org = factory.organization(owner)
    factory.member(org, owner, supervisor, "supervisor")
    factory.member(org, owner, worker, "worker")
    factory.project(owner, org=org["slug"])
    assert supervisor.get("/api/projects").json()["count"] == 1
    assert worker.get("/api/projects").json()["count"] == 0


def test_assignee_must_be_an_org_member(factory: Factory) -> None:
    owner, outsider = factory.user(), factory.user()
    org = factory.organization(owner)
    project = factory.project(owner, org=org["slug"])
    response = owner.patch(f"/api/projects/{project['id']}", json={"assignee_id": outsider.id})
    assert response.status_code == 400 and "member" in str(response.json())


def test_deleting_an_org_deletes_its_projects(factory: Factory) -> None:
    owner = factory.user()
    org = factory.organization(owner)
    project = factory.project(owner, org=org["slug"])
    assert owner.delete(f"/api/organizations/{org['id']}").status_code == 204
    assert owner.get(f"/api/projects/{project['id']}").status_code == 404
