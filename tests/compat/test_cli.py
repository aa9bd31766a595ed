"""The official cvat-cli drives the live server: listing, creating and deleting tasks and projects."""

from __future__ import annotations

import os

import pytest
from cvat_sdk.api_client import models
from cvat_sdk.core.client import Client

from tests.compat.conftest import Account, Cli

pytestmark = pytest.mark.compat

LABELS = [{"name": "car"}]


def printed_ids(output: str) -> list[int]:
    return [int(line) for line in output.split()]


def test_task_ls_prints_the_ids_of_the_users_tasks(cli: Cli, client: Client, user: Account) -> None:
    ids = [client.tasks.create({"name": f"cli-{i}", "labels": LABELS}).id for i in range(3)]
    assert sorted(printed_ids(cli.run(user, "task", "ls"))) == sorted(ids)


def test_task_ls_json_dumps_task_objects(cli: Cli, client: Client, user: Account) -> None:
    task = client.tasks.create({"name": "as-json", "labels": LABELS})
    [listed] = cli.run_json(user, "task", "ls")
    assert (listed["id"], listed["name"], listed["owner"]["username"]) == (task.id, "as-json", user.username)


def test_task_ls_pages_through_more_than_one_page(cli: Cli, client: Client, user: Account) -> None:
    ids = [client.tasks.create({"name": f"many-{i}", "labels": LABELS}).id for i in range(11)]
    assert sorted(printed_ids(cli.run(user, "task", "ls"))) == sorted(ids)


def test_task_delete_removes_the_task(cli: Cli, client: Client, user: Account) -> None:
    kept = client.tasks.create({"name": "kept", "labels": LABELS})
    doomed = client.tasks.create({"name": "doomed", "labels": LABELS})
    cli.run(user, "task", "delete", str(doomed.id))
    assert [t.id for t in client.tasks.list()] == [kept.id]


def test_task_delete_ignores_missing_tasks(cli: Cli, user: Account) -> None:
    cli.run(user, "task", "delete", str(10**9))


def test_password_can_come_from_the_pass_variable(cli: Cli, client: Client, user: Account) -> None:
    task = client.tasks.create({"name": "via-pass", "labels": LABELS})
    assert printed_ids(cli.run(user, "task", "ls", password_in_env=True)) == [task.id]


def test_access_token_can_come_from_the_environment(cli: Cli, client: Client) -> None:
    task = client.tasks.create({"name": "via-pat", "labels": LABELS})
    token, _ = client.api_client.auth_api.create_access_tokens(models.AccessTokenWriteRequest(name="cli"))
    assert printed_ids(cli.run_with_access_token(token.value, "task", "ls")) == [task.id]


def test_project_create_prints_the_new_id(cli: Cli, client: Client, user: Account) -> None:
    [project_id] = printed_ids(cli.run(user, "project", "create", "from-cli", "--labels", '[{"name": "car"}]'))
    project = client.projects.retrieve(project_id)
    assert project.name == "from-cli"
    assert [label.name for label in project.get_labels()] == ["car"]


def test_project_ls_prints_the_ids_of_the_users_projects(cli: Cli, client: Client, user: Account) -> None:
    ids = [client.projects.create({"name": f"cli-project-{i}"}).id for i in range(2)]
    assert sorted(printed_ids(cli.run(user, "project", "ls"))) == sorted(ids)


def test_project_ls_json_dumps_project_objects(cli: Cli, client: Client, user: Account) -> None:
    project = client.projects.create({"name": "json-project"})
    [listed] = cli.run_json(user, "project", "ls")
    assert (listed["id"], listed["name"]) == (project.id, "json-project")


def test_project_delete_removes_the_project(cli: Cli, client: Client, user: Account) -> None:
    project = client.projects.create({"name": "doomed-project"})
    cli.run(user, "project", "delete", str(project.id))
    assert client.projects.list() == []


def test_organization_option_scopes_the_listing(cli: Cli, client: Client, user: Account) -> None:
    slug = f"cli{os.getpid()}"
    org, _ = client.api_client.organizations_api.create(models.OrganizationWriteRequest(slug=slug))
    client.organization_slug = org.slug
    in_org = client.tasks.create({"name": "org-task", "labels": LABELS})
    client.organization_slug = ""
    in_sandbox = client.tasks.create({"name": "sandbox-task", "labels": LABELS})
    assert printed_ids(cli.run(user, "--org", org.slug, "task", "ls")) == [in_org.id]
    assert printed_ids(cli.run(user, "--org", "", "task", "ls")) == [in_sandbox.id]
