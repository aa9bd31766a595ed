"""Projects and their labels through cvat-sdk's typed models."""

from __future__ import annotations

import re

import pytest
from cvat_sdk.api_client import exceptions, models
from cvat_sdk.core.client import Client
from cvat_sdk.core.proxies.projects import Project

from tests.compat.conftest import Account, Login, Register

pytestmark = pytest.mark.compat

SKELETON_SVG = (
    '<line x1="20" y1="20" x2="60" y2="60" data-type="edge" data-node-from="1" data-node-to="2"></line>'
    '<circle r="1.5" cx="20" cy="20" data-type="element node" data-element-id="1" data-node-id="1"'
    ' data-label-name="head"></circle>'
    '<circle r="1.5" cx="60" cy="60" data-type="element node" data-element-id="2" data-node-id="2"'
    ' data-label-name="tail"></circle>'
)


def attribute(name: str, input_type: str, values: list[str], default: str, *, mutable: bool = False) -> models.AttributeRequest:
    return models.AttributeRequest(
        name=name, mutable=mutable, input_type=input_type, values=values, default_value=default
    )


def car_label() -> models.PatchedLabelRequest:
    return models.PatchedLabelRequest(
        name="car",
        color="#00ff00",
        type="rectangle",
        attributes=[
            attribute("model", "select", ["sedan", "suv"], "sedan"),
            attribute("side", "radio", ["left", "right"], "left"),
            attribute("parked", "checkbox", ["false"], "false", mutable=True),
            attribute("doors", "number", ["2", "5", "1"], "4"),
            attribute("plate", "text", [""], "", mutable=True),
        ],
    )


def skeleton_label() -> models.PatchedLabelRequest:
    return models.PatchedLabelRequest(
        name="animal",
        type="skeleton",
        sublabels=[
            models.SublabelRequest(name="head", type="points"),
            models.SublabelRequest(name="tail", type="points", attributes=[attribute("wag", "checkbox", ["false"], "false")]),
        ],
        svg=SKELETON_SVG,
    )


@pytest.fixture
def project(client: Client) -> Project:
    return client.projects.create(
        models.ProjectWriteRequest(name="vehicles", labels=[car_label(), skeleton_label()], bug_tracker="https://bugs.example.com/1")
    )


def labels_by_name(project: Project) -> dict[str, models.Label]:
    return {label.name: label for label in project.get_labels()}


def test_created_project_deserializes_with_owner_and_summaries(project: Project, user: Account) -> None:
    assert project.name == "vehicles"
    assert project.owner.username == user.username
    assert project.assignee is None
    assert project.organization is None
    assert project.bug_tracker == "https://bugs.example.com/1"
    assert project.tasks.count == 0
    assert project.tasks.url.endswith(f"/api/tasks?project_id={project.id}")
    assert project.labels.url.endswith(f"/api/labels?project_id={project.id}")
    assert project.task_subsets == []


def test_project_labels_keep_every_attribute_type(project: Project) -> None:
    car = labels_by_name(project)["car"]
    assert (car.color, car.type, car.project_id, car.has_parent) == ("#00ff00", "rectangle", project.id, False)
    attributes = {a.name: a for a in car.attributes}
    assert {name: str(a.input_type) for name, a in attributes.items()} == {
        "model": "select",
        "side": "radio",
        "parked": "checkbox",
        "doors": "number",
        "plate": "text",
    }
    assert attributes["model"].values == ["sedan", "suv"]
    assert attributes["doors"].values == ["2", "5", "1"]
    assert attributes["doors"].default_value == "4"
    assert attributes["parked"].mutable is True


def test_skeleton_svg_refers_to_sublabels_by_id(project: Project) -> None:
    animal = labels_by_name(project)["animal"]
    assert animal.type == "skeleton"
    sublabels = {s.name: s for s in animal.sublabels}
    assert set(sublabels) == {"head", "tail"}
    assert all(s.has_parent for s in sublabels.values())
    assert [a.name for a in sublabels["tail"].attributes] == ["wag"]
    referenced = set(re.findall(r'data-label-id="(\d+)"', animal.svg))
    assert referenced == {str(s.id) for s in sublabels.values()}
    assert "data-label-name" not in animal.svg


def test_skeleton_points_are_listed_as_children(client: Client, project: Project) -> None:
    animal = labels_by_name(project)["animal"]
    page, _ = client.api_client.labels_api.list(parent_id=animal.id)
    assert {label.name for label in page.results} == {"head", "tail"}
    assert all(label.parent_id == animal.id for label in page.results)


def test_project_list_shows_own_projects_only(client: Client, project: Project, login: Login, register_user: Register) -> None:
    other = login(register_user()).projects.create({"name": "someone-elses"})
    ids = [p.id for p in client.projects.list()]
    assert project.id in ids
    assert other.id not in ids


def test_project_is_retrieved_by_id(client: Client, project: Project) -> None:
    fetched = client.projects.retrieve(project.id)
    assert (fetched.id, fetched.name, fetched.owner.id) == (project.id, project.name, project.owner.id)


def test_missing_project_is_not_found(client: Client) -> None:
    with pytest.raises(exceptions.NotFoundException):
        client.projects.retrieve(10**9)


def test_project_is_renamed(client: Client, project: Project) -> None:
    project.update({"name": "cars"})
    assert project.name == "cars"
    assert client.projects.retrieve(project.id).name == "cars"


def test_label_is_added_by_project_patch(client: Client, project: Project) -> None:
    updated, _ = client.api_client.projects_api.partial_update(
        project.id,
        patched_project_write_request=models.PatchedProjectWriteRequest(
            labels=[models.PatchedLabelRequest(name="bus", type="polygon")]
        ),
    )
    assert updated.id == project.id
    bus = labels_by_name(project)["bus"]
    assert bus.type == "polygon"
    assert re.fullmatch(r"#[0-9a-f]{6}", bus.color)


def test_label_is_recolored_by_project_patch(client: Client, project: Project) -> None:
    car = labels_by_name(project)["car"]
    client.api_client.projects_api.partial_update(
        project.id,
        patched_project_write_request=models.PatchedProjectWriteRequest(
            labels=[models.PatchedLabelRequest(id=car.id, name="car", color="#123456")]
        ),
    )
    recolored = labels_by_name(project)["car"]
    assert (recolored.id, recolored.color) == (car.id, "#123456")
    assert len(recolored.attributes) == 5


def test_label_is_deleted_by_project_patch(client: Client, project: Project) -> None:
    car = labels_by_name(project)["car"]
    client.api_client.projects_api.partial_update(
        project.id,
        patched_project_write_request=models.PatchedProjectWriteRequest(
            labels=[models.PatchedLabelRequest(id=car.id, deleted=True)]
        ),
    )
    assert set(labels_by_name(project)) == {"animal"}


def test_project_is_deleted(client: Client, project: Project) -> None:
    project.remove()
    with pytest.raises(exceptions.NotFoundException):
        client.projects.retrieve(project.id)
