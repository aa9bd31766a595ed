"""The permission matrix: every role × every action on projects, tasks and jobs, as CVAT documents.

Organization roles (owner, maintainer, supervisor, worker) combine with ties to an object (owner,
assignee of the project, task or job); admins may do everything; outsiders nothing.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest

from tests.conftest import _empty_tables
from tests.factories import ApiUser, Factory

ACTORS = ("admin", "org_owner", "maintainer", "supervisor", "worker", "creator", "project_assignee",
          "task_assignee", "job_assignee", "outsider")


@dataclass
class World:
    users: dict[str, ApiUser]
    org: dict[str, Any]
    project: dict[str, Any]
    task: dict[str, Any]
    job: dict[str, Any]


def build_world(factory: Factory, prefix: str = "") -> World:
    users = {name: factory.user(prefix + name, superuser=(name == "admin")) for name in ACTORS}
    org = factory.organization(users["org_owner"], prefix + "matrix")
    roles = {"maintainer": "maintainer", "supervisor": "supervisor", "worker": "worker", "creator": "supervisor",
             "project_assignee": "worker", "task_assignee": "worker", "job_assignee": "worker"}
    for name, role in roles.items():
        factory.member(org, users["org_owner"], users[name], role)
    creator = users["creator"]
    project = factory.project(creator, org=org["slug"])
    assert creator.patch(f"/api/projects/{project['id']}", json={"assignee_id": users["project_assignee"].id}).status_code == 200
    task = factory.task(creator, project_id=project["id"])
    assert creator.patch(f"/api/tasks/{task['id']}", json={"assignee_id": users["task_assignee"].id}).status_code == 200
    factory.split_task(task["id"], size=4)
    job = creator.get(f"/api/jobs?task_id={task['id']}").json()["results"][0]
    assert creator.patch(f"/api/jobs/{job['id']}", json={"assignee": users["job_assignee"].id}).status_code == 200
    return World(users, org, project, task, job)


def org_header(world: World) -> dict[str, str]:
    return {"X-Organization": world.org["slug"]}


@pytest.fixture(scope="module")
def world(app) -> Iterator[World]:  # type: ignore[no-untyped-def]
    """One shared world for read and idempotent-write checks (deletions build their own)."""
    yield build_world(Factory(app))
    _empty_tables()


@pytest.fixture
def clean_database() -> Iterator[None]:
    # The shared world must survive between tests of this module; it is emptied at module end.
    yield


_worlds = itertools.count(1)
Y, N = True, False
#                      admin org_owner maint super worker creator p_asg  t_asg  j_asg  outsider
EXPECTED = {
    ("project", "view"):   (Y, Y, Y, Y, N, Y, Y, Y, Y, N),
    ("project", "change"): (Y, Y, Y, N, N, Y, Y, N, N, N),
    ("project", "delete"): (Y, Y, Y, N, N, Y, N, N, N, N),
    ("task", "view"):      (Y, Y, Y, Y, N, Y, Y, Y, Y, N),
    ("task", "change"):    (Y, Y, Y, N, N, Y, Y, Y, N, N),
    ("task", "delete"):    (Y, Y, Y, N, N, Y, N, N, N, N),
    ("task", "create"):    (Y, Y, Y, N, N, Y, Y, N, N, N),
    ("job", "view"):       (Y, Y, Y, Y, N, Y, Y, Y, Y, N),
    ("job", "change"):     (Y, Y, Y, N, N, Y, Y, Y, Y, N),
    ("job", "assign"):     (Y, Y, Y, Y, N, Y, Y, Y, N, N),
    ("project", "create"): (Y, Y, Y, Y, N, Y, N, N, N, N),
}
CASES = [(resource, action, actor, EXPECTED[(resource, action)][i])
         for (resource, action) in EXPECTED for i, actor in enumerate(ACTORS)]


def attempt(world: World, resource: str, action: str, actor: str) -> int:
    user = world.users[actor]
    org = org_header(world)
    path = {"project": f"/api/projects/{world.project['id']}", "task": f"/api/tasks/{world.task['id']}",
            "job": f"/api/jobs/{world.job['id']}"}[resource]
    if action == "view":
        return user.get(path).status_code
    if action == "change":
        body = {"state": "in progress"} if resource == "job" else {"bug_tracker": "http://bugs/1"}
        return user.patch(path, json=body).status_code
    if action == "assign":
        status = user.patch(path, json={"assignee": world.users["task_assignee"].id}).status_code
        # Put the original assignee back so the shared world stays as built.
        restored = world.users["admin"].patch(path, json={"assignee": world.users["job_assignee"].id})
        assert restored.status_code == 200
        return status
    if action == "delete":
        return user.delete(path).status_code
    if action == "create" and resource == "project":
        return user.post("/api/projects", json={"name": "new", "labels": []}, headers=org).status_code
    if action == "create" and resource == "task":
        return user.post("/api/tasks", json={"name": "new", "project_id": world.project["id"]}, headers=org).status_code
    raise AssertionError((resource, action))


@pytest.mark.parametrize(("resource", "action", "actor", "allowed"), [c for c in CASES if c[1] != "delete"])
def test_org_matrix(world: World, resource: str, action: str, actor: str, allowed: bool) -> None:
    status = attempt(world, resource, action, actor)
    assert (status < 300) == allowed, f"{actor} {action} {resource}: HTTP {status}"
    if not allowed:
        assert status == 403, f"a denied action is a 403, got {status}"


@pytest.mark.parametrize(("resource", "action", "actor", "allowed"), [c for c in CASES if c[1] == "delete"])
def test_org_matrix_delete(app, resource: str, action: str, actor: str, allowed: bool) -> None:  # type: ignore[no-untyped-def]
    fresh = build_world(Factory(app), prefix=f"d{next(_worlds)}")
    status = attempt(fresh, resource, action, actor)
    assert (status < 300) == allowed, f"{actor} {action} {resource}: HTTP {status}"


def test_org_matrix_lists_match_the_view_column(world: World) -> None:
    """What a role may view is exactly what its lists contain."""
    for actor in ACTORS:
        if actor == "outsider":
            continue
        user = world.users[actor]
        seen = {
            "project": {p["id"] for p in user.get("/api/projects?page_size=1000").json()["results"]},
            "task": {t["id"] for t in user.get("/api/tasks?page_size=1000").json()["results"]},
            "job": {j["id"] for j in user.get("/api/jobs?page_size=1000").json()["results"]},
        }
        ids = {"project": world.project["id"], "task": world.task["id"], "job": world.job["id"]}
        for resource in ("project", "task", "job"):
            expected = EXPECTED[(resource, "view")][ACTORS.index(actor)]
            assert (ids[resource] in seen[resource]) == expected, f"{actor} lists {resource}"


# --- personal workspace (no organization) ----------------------------------------------------

SANDBOX_ACTORS = ("owner", "assignee", "stranger", "admin")
#                        owner assignee stranger admin
SANDBOX_EXPECTED = {
    ("project", "view"):   (Y, Y, N, Y),
    ("project", "change"): (Y, Y, N, Y),
    ("project", "delete"): (Y, N, N, Y),
    ("task", "view"):      (Y, Y, N, Y),
    ("task", "change"):    (Y, Y, N, Y),
    ("task", "delete"):    (Y, N, N, Y),
}


@pytest.mark.parametrize(("resource", "action"), list(SANDBOX_EXPECTED))
def test_sandbox_matrix(factory: Factory, resource: str, action: str) -> None:
    for index, actor in enumerate(SANDBOX_ACTORS):
        users = {name: factory.user(f"{name}{resource}{action}{index}", superuser=(name == "admin")) for name in SANDBOX_ACTORS}
        owner = users["owner"]
        obj = factory.project(owner) if resource == "project" else factory.task(owner)
        path = f"/api/{resource}s/{obj['id']}"
        assert owner.patch(path, json={"assignee_id": users["assignee"].id}).status_code == 200
        user = users[actor]
        if action == "view":
            status = user.get(path).status_code
        elif action == "change":
            status = user.patch(path, json={"name": "renamed"}).status_code
        else:
            status = user.delete(path).status_code
        allowed = SANDBOX_EXPECTED[(resource, action)][index]
        assert (status < 300) == allowed, f"{actor} {action} {resource}: HTTP {status}"


def test_privilege_group_worker_cannot_create_in_the_sandbox(factory: Factory) -> None:
    worker = factory.user("groupworker", groups=["worker"])
    assert worker.post("/api/projects", json={"name": "p", "labels": []}).status_code == 403
    assert worker.post("/api/tasks", json={"name": "t", "labels": [{"name": "a"}]}).status_code == 403
    assert worker.post("/api/organizations", json={"slug": "w"}).status_code == 403


def test_ordinary_user_creates_in_the_sandbox(factory: Factory) -> None:
    user = factory.user()
    assert user.post("/api/projects", json={"name": "p", "labels": []}).status_code == 201
