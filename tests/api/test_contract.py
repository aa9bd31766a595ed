"""Real responses match the models /api/schema documents (extra keys or wrong types fail)."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient

from contour.resources.accounts.schemas import AccessTokenRead, RegisterRead, TokenRead
from contour.resources.common.read_models import BasicUserRead, Page, UserRead
from contour.resources.jobs.schemas import JobRead
from contour.resources.labels.schemas import LabelRead
from contour.resources.organizations.schemas import InvitationRead, MembershipRead, OrganizationRead
from contour.resources.projects.schemas import ProjectRead
from contour.resources.tasks.schemas import TaskRead
from tests.api.test_projects_tasks import SKELETON
from tests.factories import PASSWORD, Factory


def _page(model: Any, body: dict[str, Any]) -> None:
    Page[model].model_validate(body)  # type: ignore[valid-type]
    assert body["results"], "the contract check needs at least one row"


def test_project_task_job_and_label_responses_match_their_models(factory: Factory) -> None:
    user = factory.user()
    project = factory.project(user, labels=[SKELETON, {"name": "car", "attributes": [{"name": "a", "mutable": True, "input_type": "text", "values": []}]}])
    ProjectRead.model_validate(project)
    bare = factory.task(user)
    TaskRead.model_validate(bare)
    task = factory.task(user, project_id=project["id"])
    factory.split_task(task["id"], size=6, segment_size=3)
    TaskRead.model_validate(user.get(f"/api/tasks/{task['id']}").json())
    _page(TaskRead, user.get("/api/tasks").json())
    _page(ProjectRead, user.get("/api/projects").json())
    _page(JobRead, user.get("/api/jobs").json())
    _page(LabelRead, user.get(f"/api/labels?project_id={project['id']}").json())
    _page(LabelRead, user.get(f"/api/labels?task_id={bare['id']}").json())


def test_account_responses_match_their_models(client: TestClient, factory: Factory) -> None:
    registered = client.post("/api/auth/register", json={"username": "carla", "email": "c@x.io", "password1": PASSWORD, "password2": PASSWORD})
    RegisterRead.model_validate(registered.json())
    TokenRead.model_validate(client.post("/api/auth/login", json={"username": "carla", "password": PASSWORD}).json())
    user = factory.user()
    UserRead.model_validate(user.get("/api/users/self").json())
    for row in user.get("/api/users").json()["results"]:
        (UserRead if "email" in row else BasicUserRead).model_validate(row)
    created = user.post("/api/auth/access_tokens", json={"name": "t"}).json()
    AccessTokenRead.model_validate(created)
    _page(AccessTokenRead, user.get("/api/auth/access_tokens").json())


def test_organization_responses_match_their_models(factory: Factory) -> None:
    owner, invitee = factory.user(), factory.user()
    org = factory.organization(owner)
    OrganizationRead.model_validate(org)
    invitation = owner.post("/api/invitations", json={"role": "worker", "email": invitee.email}, headers={"X-Organization": org["slug"]}).json()
    InvitationRead.model_validate(invitation)
    _page(InvitationRead, owner.get("/api/invitations").json())
    _page(MembershipRead, owner.get("/api/memberships").json())
    _page(OrganizationRead, owner.get("/api/organizations").json())
