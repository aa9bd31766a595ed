"""Tasks without data through cvat-sdk: create, list with filters, update, delete."""

from __future__ import annotations

import json

import pytest
from cvat_sdk.api_client import exceptions, models
from cvat_sdk.core.client import Client
from cvat_sdk.core.filters import F
from cvat_sdk.core.proxies.projects import Project
from cvat_sdk.core.proxies.tasks import Task

from tests.compat.conftest import Account

pytestmark = pytest.mark.compat

# CVAT refuses a task that has neither labels nor a project.
LABELS = [{"name": "thing"}]


@pytest.fixture
def task(client: Client) -> Task:
    return client.tasks.create(
        models.TaskWriteRequest(
            name="street",
            labels=[
                models.PatchedLabelRequest(name="person", color="#ff00ff"),
                models.PatchedLabelRequest(
                    name="car",
                    attributes=[
                        models.AttributeRequest(
                            name="color", mutable=False, input_type="select", values=["red", "blue"], default_value="red"
                        )
                    ],
                ),
            ],
            subset="train",
        )
    )


@pytest.fixture
def project(client: Client) -> Project:
    return client.projects.create(
        {"name": "zoo", "labels": [{"name": "cat"}, {"name": "dog", "type": "polygon"}]}
    )


def test_task_without_data_deserializes(task: Task, user: Account) -> None:
    assert task.name == "street"
    assert task.owner.username == user.username
    assert task.project_id is None
    assert task.organization is None
    assert task.mode == ""
    assert task.segment_size == 0
    assert task.subset == "train"
    assert task.status == "annotation"
    assert task.jobs.count == 0
    assert task.labels.url.endswith(f"/api/labels?task_id={task.id}")
    # CVAT omits what a task has no data for, rather than sending nulls for non-nullable fields.
    assert "size" not in task._model
    assert "image_quality" not in task._model


def test_standalone_task_has_its_own_labels(task: Task) -> None:
    labels = {label.name: label for label in task.get_labels()}
    assert set(labels) == {"person", "car"}
    assert labels["person"].color == "#ff00ff"
    assert labels["person"].task_id == task.id
    assert [a.values for a in labels["car"].attributes] == [["red", "blue"]]


def test_task_in_project_takes_the_project_labels(client: Client, project: Project) -> None:
    task = client.tasks.create({"name": "enclosure-1", "project_id": project.id})
    assert (task.project_id, task.project_name) == (project.id, "zoo")
    assert {label.name for label in task.get_labels()} == {"cat", "dog"}
    assert client.projects.retrieve(project.id).tasks.count == 1


def test_project_lists_its_tasks(client: Client, project: Project) -> None:
    inside = client.tasks.create({"name": "inside", "project_id": project.id})
    client.tasks.create({"name": "outside", "labels": LABELS})
    assert [t.id for t in project.get_tasks()] == [inside.id]


def test_task_list_contains_created_tasks(client: Client) -> None:
    created = [client.tasks.create({"name": f"listed-{i}", "labels": LABELS}).id for i in range(3)]
    assert sorted(t.id for t in client.tasks.list()) == sorted(created)


def test_task_list_pages_through_many_tasks(client: Client) -> None:
    created = [client.tasks.create({"name": f"paged-{i}", "labels": LABELS}).id for i in range(12)]
    # The SDK's paginated helpers follow `next` until it is empty; the default page size is 10.
    assert sorted(t.id for t in client.tasks.list()) == sorted(created)
    page, _ = client.api_client.tasks_api.list(page_size=5, page=3)
    assert (page.count, len(page.results), page.next) == (12, 2, None)
    assert page.previous


def test_task_list_filters_with_json_logic(client: Client) -> None:
    alpha = client.tasks.create({"name": "alpha", "subset": "train", "labels": LABELS})
    client.tasks.create({"name": "beta", "subset": "val", "labels": LABELS})
    page, _ = client.api_client.tasks_api.list(filter=json.dumps({"and": [{"==": [{"var": "subset"}, "train"]}]}))
    assert [t.id for t in page.results] == [alpha.id]


def test_task_list_sorts_by_name_descending(client: Client) -> None:
    for name in ("b-task", "c-task", "a-task"):
        client.tasks.create({"name": name, "labels": LABELS})
    page, _ = client.api_client.tasks_api.list(sort="-name")
    assert [t.name for t in page.results] == ["c-task", "b-task", "a-task"]


def test_task_list_searches_names(client: Client) -> None:
    wanted = client.tasks.create({"name": "Needle in haystack", "labels": LABELS})
    client.tasks.create({"name": "hay", "labels": LABELS})
    page, _ = client.api_client.tasks_api.list(search="needle")
    assert [t.id for t in page.results] == [wanted.id]


def test_task_list_applies_sdk_filter_expressions(client: Client, project: Project) -> None:
    inside = client.tasks.create({"name": "kept", "project_id": project.id})
    client.tasks.create({"name": "kept-too", "labels": LABELS})
    client.tasks.create({"name": "other", "project_id": project.id})
    found = client.tasks.list(filter=F.project_id == project.id, name__contains="kept")
    assert [t.id for t in found] == [inside.id]


def test_task_list_applies_simple_equality_filters(client: Client, project: Project) -> None:
    inside = client.tasks.create({"name": "in-project", "project_id": project.id})
    client.tasks.create({"name": "standalone", "labels": LABELS})
    page, _ = client.api_client.tasks_api.list(project_id=project.id)
    assert [t.id for t in page.results] == [inside.id]


def test_task_is_renamed_and_moved_to_another_subset(client: Client, task: Task) -> None:
    task.update(models.PatchedTaskWriteRequest(name="avenue", subset="val", bug_tracker="https://bugs.example.com/7"))
    fetched = client.tasks.retrieve(task.id)
    assert (fetched.name, fetched.subset, fetched.bug_tracker) == ("avenue", "val", "https://bugs.example.com/7")


def test_task_label_is_added_by_patch(client: Client, task: Task) -> None:
    task.update({"labels": [{"name": "bicycle", "type": "polyline"}]})
    assert {label.name for label in task.get_labels()} == {"person", "car", "bicycle"}


def test_task_is_assigned_to_its_owner(client: Client, task: Task, user: Account) -> None:
    me, _ = client.api_client.users_api.retrieve_self()
    task.update({"assignee_id": me.id})
    assert task.assignee.username == user.username
    assert task.assignee_updated_date is not None


def test_task_is_deleted(client: Client, task: Task) -> None:
    task.remove()
    with pytest.raises(exceptions.NotFoundException):
        client.tasks.retrieve(task.id)


def test_tasks_are_deleted_in_batch_ignoring_missing_ones(client: Client) -> None:
    ids = [client.tasks.create({"name": f"doomed-{i}", "labels": LABELS}).id for i in range(2)]
    client.tasks.remove_by_ids([*ids, 10**9])
    assert client.tasks.list() == []


def test_task_labels_cannot_be_given_inside_a_project(client: Client, project: Project) -> None:
    with pytest.raises(exceptions.ApiException) as raised:
        client.tasks.create({"name": "conflict", "project_id": project.id, "labels": [{"name": "x"}]})
    assert raised.value.status == 400
