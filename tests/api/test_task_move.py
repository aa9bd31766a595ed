"""Moving a task into a project: labels matched by name (or renamed on the way), annotations and
their attribute values rewritten to the project's labels, and every refusal leaving things as they were.

Annotations are compared "by name": each label id becomes its name ("person/head" for a skeleton
element) and each spec id its attribute name, so the same objects can be compared across label sets.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import event

from contour.db import get_engine, transaction
from contour.resources.projects.models import Project
from contour.resources.tasks.models import Task
from tests.factories import ApiUser, Factory

Json = dict[str, Any]
ANNOTATION_TABLES = {"annotation_tags", "annotation_shapes", "annotation_tracks", "track_keyframes"}

CAR_ATTRIBUTES = [
    {"name": "model", "mutable": False, "input_type": "select", "values": ["sedan", "suv"]},
    {"name": "speed", "mutable": True, "input_type": "number", "values": ["0", "100", "1"]},
]
SKELETON = {
    "name": "person",
    "type": "skeleton",
    "sublabels": [
        {
            "name": "head",
            "attributes": [{"name": "visible", "mutable": True, "input_type": "checkbox", "values": ["true"]}],
        },
        {"name": "foot"},
    ],
    "svg": '<circle data-label-name="head"></circle><circle data-label-name="foot"></circle>',
}
TASK_LABELS = [{"name": "car", "attributes": CAR_ATTRIBUTES}, {"name": "weather", "type": "tag"}, SKELETON]
# The same names in another order, other colors and an extra label, so ids cannot match by chance.
PROJECT_LABELS = [
    {"name": "bike"},
    {"name": "weather", "type": "tag", "color": "#123456"},
    {"name": "car", "attributes": list(reversed(CAR_ATTRIBUTES))},
    SKELETON,
]


# --- helpers ---------------------------------------------------------------------------------------


def labels_of(user: ApiUser, **owner: int) -> list[Json]:
    query = "&".join(f"{key}={value}" for key, value in owner.items())
    response = user.get(f"/api/labels?{query}&page_size=100")
    assert response.status_code == 200, response.text
    return response.json()["results"]


def by_name(labels: list[Json]) -> dict[str, Json]:
    return {label["name"]: label for label in labels}


class Names:
    """Label and attribute names by id, for a label set as /api/labels returns it."""

    def __init__(self, labels: list[Json]) -> None:
        self.labels: dict[int, str] = {}
        self.specs: dict[int, str] = {}
        for label in labels:
            self._add(label, label["name"])
            for sub in label["sublabels"]:
                self._add(sub, f"{label['name']}/{sub['name']}")

    def _add(self, label: Json, name: str) -> None:
        self.labels[label["id"]] = name
        self.specs.update({spec["id"]: spec["name"] for spec in label["attributes"]})

    def of(self, value: Any) -> Any:
        """`value` with ids dropped, label ids turned into label names and spec ids into attribute names."""
        if isinstance(value, list):
            return [self.of(item) for item in value]
        if not isinstance(value, dict):
            return value
        out: dict[str, Any] = {}
        for key, item in value.items():
            if key == "id":
                continue
            if key == "label_id":
                out["label"] = self.labels[item]
            elif key == "spec_id":
                out["spec"] = self.specs[item]
            else:
                out[key] = self.of(item)
        return out


def annotations(user: ApiUser, task_id: int) -> Json:
    response = user.get(f"/api/tasks/{task_id}/annotations")
    assert response.status_code == 200, response.text
    return {key: response.json()[key] for key in ("tags", "shapes", "tracks")}


def sample(labels: list[Json]) -> Json:
    """One object of every kind, with attribute values on shapes, tracks, keyframes and elements."""
    label = by_name(labels)
    car, person = label["car"], label["person"]
    spec = {a["name"]: a["id"] for a in car["attributes"]}
    sub = by_name(person["sublabels"])
    visible = sub["head"]["attributes"][0]["id"]
    return {
        "tags": [{"frame": 1, "label_id": label["weather"]["id"]}],
        "shapes": [
            {
                "type": "rectangle",
                "frame": 0,
                "label_id": car["id"],
                "points": [1.0, 2.0, 30.0, 40.0],
                "attributes": [{"spec_id": spec["model"], "value": "suv"}, {"spec_id": spec["speed"], "value": "40"}],
            },
            {"type": "polygon", "frame": 6, "label_id": car["id"], "points": [0.0, 0.0, 10.0, 0.0, 5.0, 8.0]},
            {
                "type": "skeleton",
                "frame": 2,
                "label_id": person["id"],
                "points": [],
                "elements": [
                    {
                        "type": "points",
                        "frame": 2,
                        "label_id": sub["head"]["id"],
                        "points": [3.0, 3.0],
                        "attributes": [{"spec_id": visible, "value": "false"}],
                    },
                    {"type": "points", "frame": 2, "label_id": sub["foot"]["id"], "points": [3.0, 9.0]},
                ],
            },
        ],
        "tracks": [
            {
                "frame": 0,
                "label_id": car["id"],
                "attributes": [{"spec_id": spec["model"], "value": "sedan"}],
                "shapes": [
                    {
                        "type": "rectangle",
                        "frame": 0,
                        "points": [0.0, 0.0, 5.0, 5.0],
                        "attributes": [{"spec_id": spec["speed"], "value": "10"}],
                    },
                    {"type": "rectangle", "frame": 3, "points": [3.0, 3.0, 8.0, 8.0], "outside": True},
                ],
            },
            {
                "frame": 1,
                "label_id": person["id"],
                "shapes": [{"type": "skeleton", "frame": 1, "points": []}],
                "elements": [
                    {
                        "frame": 1,
                        "label_id": sub["head"]["id"],
                        "shapes": [
                            {
                                "type": "points",
                                "frame": 1,
                                "points": [1.0, 1.0],
                                "attributes": [{"spec_id": visible, "value": "true"}],
                            }
                        ],
                    },
                    {
                        "frame": 1,
                        "label_id": sub["foot"]["id"],
                        "shapes": [{"type": "points", "frame": 1, "points": [1.0, 5.0]}],
                    },
                ],
            },
        ],
    }


def annotated_task(factory: Factory, user: ApiUser, org: str | None = None, **fields: Any) -> Json:
    """A task of 10 frames in two jobs, holding `sample` annotations."""
    if "project_id" not in fields:
        fields.setdefault("labels", TASK_LABELS)
    task = factory.task(user, org=org, segment_size=5, **fields)
    factory.split_task(task["id"], size=10, segment_size=5)
    body = sample(labels_of(user, task_id=task["id"]))
    put = user.client.put(f"/api/tasks/{task['id']}/annotations", json=body)
    assert put.status_code == 200, put.text
    return task


def named_annotations(user: ApiUser, task_id: int) -> Json:
    return Names(labels_of(user, task_id=task_id)).of(annotations(user, task_id))


def used_label_ids(data: Json) -> set[int]:
    found: set[int] = set()

    def walk(value: Any) -> None:
        if isinstance(value, dict):
            if "label_id" in value:
                found.add(value["label_id"])
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    walk(data)
    return found


def label_ids(labels: list[Json]) -> set[int]:
    return {label["id"] for label in labels} | {sub["id"] for label in labels for sub in label["sublabels"]}


def move(user: ApiUser, task_id: int, project_id: int | None, **extra: Any) -> Any:
    return user.patch(f"/api/tasks/{task_id}", json={"project_id": project_id, **extra})


# --- standalone task into a project -----------------------------------------------------------------


def test_a_standalone_task_keeps_its_annotations_under_the_project_labels(factory: Factory) -> None:
    user = factory.user()
    project = factory.project(user, labels=PROJECT_LABELS)
    task = annotated_task(factory, user)
    before = named_annotations(user, task["id"])

    moved = move(user, task["id"], project["id"])

    assert moved.status_code == 200, moved.text
    assert moved.json()["project_id"] == project["id"]
    assert named_annotations(user, task["id"]) == before
    project_labels = labels_of(user, project_id=project["id"])
    assert used_label_ids(annotations(user, task["id"])) <= label_ids(project_labels)


def test_a_standalone_task_loses_its_own_labels(factory: Factory) -> None:
    user = factory.user()
    project = factory.project(user, labels=PROJECT_LABELS)
    task = annotated_task(factory, user)
    assert move(user, task["id"], project["id"]).status_code == 200
    assert all(label.get("project_id") == project["id"] for label in labels_of(user, task_id=task["id"]))
    assert user.get("/api/labels?page_size=100").json()["count"] == len(PROJECT_LABELS)


def test_every_job_of_the_task_is_rewritten(factory: Factory) -> None:
    user = factory.user()
    project = factory.project(user, labels=PROJECT_LABELS)
    task = annotated_task(factory, user)
    jobs = user.get(f"/api/jobs?task_id={task['id']}&sort=id").json()["results"]
    assert len(jobs) == 2
    assert move(user, task["id"], project["id"]).status_code == 200
    allowed = label_ids(labels_of(user, project_id=project["id"]))
    for job in jobs:
        data = user.get(f"/api/jobs/{job['id']}/annotations").json()
        assert data["shapes"] or data["tracks"], job["id"]
        assert used_label_ids(data) <= allowed


def test_jobs_get_a_new_annotation_version_so_stale_editors_reload(factory: Factory) -> None:
    user = factory.user()
    project = factory.project(user, labels=PROJECT_LABELS)
    task = annotated_task(factory, user)
    job = user.get(f"/api/jobs?task_id={task['id']}&sort=id").json()["results"][0]
    version = user.get(f"/api/jobs/{job['id']}/annotations").json()["version"]
    assert move(user, task["id"], project["id"]).status_code == 200
    assert user.get(f"/api/jobs/{job['id']}/annotations").json()["version"] > version


def test_a_moved_task_takes_new_annotations_under_the_project_labels(factory: Factory) -> None:
    user = factory.user()
    project = factory.project(user, labels=PROJECT_LABELS)
    task = annotated_task(factory, user)
    assert move(user, task["id"], project["id"]).status_code == 200
    bike = by_name(labels_of(user, project_id=project["id"]))["bike"]["id"]
    new = {"shapes": [{"type": "rectangle", "frame": 1, "label_id": bike, "points": [0, 0, 1, 1]}]}
    created = user.patch(f"/api/tasks/{task['id']}/annotations", params={"action": "create"}, json=new)
    assert created.status_code == 200, created.text


# --- renames, attributes, skeletons -----------------------------------------------------------------


def test_a_label_can_be_mapped_to_a_differently_named_project_label(factory: Factory) -> None:
    user = factory.user()
    project = factory.project(
        user,
        labels=[{"name": "automobile", "attributes": CAR_ATTRIBUTES}, {"name": "weather", "type": "tag"}, SKELETON],
    )
    task = annotated_task(factory, user)
    before = named_annotations(user, task["id"])
    car = by_name(labels_of(user, task_id=task["id"]))["car"]

    moved = move(user, task["id"], project["id"], labels=[{"id": car["id"], "name": "automobile"}])

    assert moved.status_code == 200, moved.text
    after = named_annotations(user, task["id"])
    assert after["shapes"][0]["label"] == "automobile"
    assert after["tracks"][0]["label"] == "automobile"
    assert after == _rename(before, "car", "automobile")


def _rename(data: Any, old: str, new: str) -> Any:
    if isinstance(data, list):
        return [_rename(item, old, new) for item in data]
    if isinstance(data, dict):
        return {k: (new if k == "label" and v == old else _rename(v, old, new)) for k, v in data.items()}
    return data


def test_attributes_match_by_name_and_values_without_a_namesake_are_dropped(factory: Factory) -> None:
    user = factory.user()
    project_car = {
        "name": "car",
        "attributes": [
            {"name": "color", "mutable": False, "input_type": "text"},
            {"name": "model", "mutable": False, "input_type": "select", "values": ["sedan", "suv", "van"]},
        ],
    }
    project = factory.project(user, labels=[project_car, {"name": "weather", "type": "tag"}, SKELETON])
    task = annotated_task(factory, user)

    assert move(user, task["id"], project["id"]).status_code == 200

    after = named_annotations(user, task["id"])
    rectangle = next(shape for shape in after["shapes"] if shape["type"] == "rectangle")
    assert rectangle["attributes"] == [{"spec": "model", "value": "suv"}]
    assert after["tracks"][0]["attributes"] == [{"spec": "model", "value": "sedan"}]
    assert [shape["attributes"] for shape in after["tracks"][0]["shapes"]] == [[], []]
    # Sublabel attributes follow their namesakes too.
    skeleton = next(shape for shape in after["shapes"] if shape["type"] == "skeleton")
    assert skeleton["elements"][0]["attributes"] == [{"spec": "visible", "value": "false"}]
    person_track = next(track for track in after["tracks"] if track["label"] == "person")
    assert person_track["elements"][0]["shapes"][0]["attributes"] == [{"spec": "visible", "value": "true"}]


def test_a_skeleton_without_a_namesake_sublabel_is_a_400(factory: Factory) -> None:
    user = factory.user()
    other_skeleton = {**SKELETON, "sublabels": [{"name": "head"}], "svg": '<circle data-label-name="head"></circle>'}
    project = factory.project(user, labels=[{"name": "car"}, {"name": "weather", "type": "tag"}, other_skeleton])
    task = annotated_task(factory, user)
    response = move(user, task["id"], project["id"])
    assert response.status_code == 400
    assert "person/foot" in str(response.json())


def test_a_skeleton_cannot_become_a_plain_label(factory: Factory) -> None:
    user = factory.user()
    project = factory.project(user, labels=[{"name": "car"}, {"name": "weather", "type": "tag"}, {"name": "person"}])
    task = annotated_task(factory, user)
    response = move(user, task["id"], project["id"])
    assert response.status_code == 400
    assert "person" in str(response.json())


# --- refusals leave everything as it was ------------------------------------------------------------


def test_a_label_without_a_namesake_is_a_400_and_nothing_changes(factory: Factory) -> None:
    user = factory.user()
    project = factory.project(user, labels=[{"name": "car"}])
    task = annotated_task(factory, user)
    labels_before = labels_of(user, task_id=task["id"])
    annotations_before = annotations(user, task["id"])

    response = move(user, task["id"], project["id"])

    assert response.status_code == 400
    message = str(response.json())
    assert "person" in message and "weather" in message
    assert user.get(f"/api/tasks/{task['id']}").json()["project_id"] is None
    assert labels_of(user, task_id=task["id"]) == labels_before
    assert annotations(user, task["id"]) == annotations_before


def test_a_mapping_entry_as_generated_clients_send_it_is_accepted(factory: Factory) -> None:
    user = factory.user()
    project = factory.project(user, labels=[{"name": "vehicle"}, {"name": "weather", "type": "tag"}, SKELETON])
    task = annotated_task(factory, user)
    car = by_name(labels_of(user, task_id=task["id"]))["car"]
    mapping = [{"id": car["id"], "name": "vehicle", "deleted": False}]
    assert move(user, task["id"], project["id"], labels=mapping).status_code == 200


def test_a_mapping_entry_that_edits_a_label_is_a_400(factory: Factory) -> None:
    user = factory.user()
    project = factory.project(user, labels=PROJECT_LABELS)
    task = annotated_task(factory, user)
    car = by_name(labels_of(user, task_id=task["id"]))["car"]
    response = move(user, task["id"], project["id"], labels=[{"id": car["id"], "name": "car", "color": "#000000"}])
    assert response.status_code == 400
    assert "labels" in response.json()
    assert user.get(f"/api/tasks/{task['id']}").json()["project_id"] is None


def test_a_mapping_to_a_label_the_project_lacks_is_a_400(factory: Factory) -> None:
    user = factory.user()
    project = factory.project(user, labels=PROJECT_LABELS)
    task = annotated_task(factory, user)
    car = by_name(labels_of(user, task_id=task["id"]))["car"]
    response = move(user, task["id"], project["id"], labels=[{"id": car["id"], "name": "lorry"}])
    assert response.status_code == 400
    assert "lorry" in str(response.json())
    assert user.get(f"/api/tasks/{task['id']}").json()["project_id"] is None


def test_a_mapping_of_a_label_the_task_does_not_have_is_a_400(factory: Factory) -> None:
    user = factory.user()
    project = factory.project(user, labels=PROJECT_LABELS)
    task = annotated_task(factory, user)
    bike = by_name(labels_of(user, project_id=project["id"]))["bike"]
    response = move(user, task["id"], project["id"], labels=[{"id": bike["id"], "name": "car"}])
    assert response.status_code == 400
    assert str(bike["id"]) in str(response.json())


def test_moving_out_of_a_project_is_refused(factory: Factory) -> None:
    user = factory.user()
    project = factory.project(user, labels=PROJECT_LABELS)
    task = annotated_task(factory, user, project_id=project["id"])
    response = move(user, task["id"], None)
    assert response.status_code == 400
    assert "out of" in str(response.json())
    assert user.get(f"/api/tasks/{task['id']}").json()["project_id"] == project["id"]


def test_a_project_of_another_organization_is_a_400(factory: Factory) -> None:
    user = factory.user()
    org = factory.organization(user)
    project = factory.project(user, org=org["slug"], labels=PROJECT_LABELS)
    task = annotated_task(factory, user)
    response = move(user, task["id"], project["id"])
    assert response.status_code == 400
    assert "workspace" in str(response.json())


def test_a_task_of_another_dimension_is_a_400(factory: Factory) -> None:
    user = factory.user()
    project = factory.project(user, labels=PROJECT_LABELS)
    with transaction() as db:
        row = db.get(Project, project["id"])
        assert row is not None
        row.dimension = "3d"
    task = annotated_task(factory, user)
    response = move(user, task["id"], project["id"])
    assert response.status_code == 400
    assert "3d" in str(response.json())


def test_a_task_of_another_dimension_than_the_projects_tasks_is_a_400(factory: Factory) -> None:
    user = factory.user()
    project = factory.project(user, labels=PROJECT_LABELS)
    inside = factory.task(user, project_id=project["id"])
    with transaction() as db:
        row = db.get(Task, inside["id"])
        assert row is not None
        row.dimension, row.mode, row.size = "3d", "annotation", 1
    task = annotated_task(factory, user)
    response = move(user, task["id"], project["id"])
    assert response.status_code == 400


def test_the_first_task_with_data_gives_the_project_its_dimension(factory: Factory) -> None:
    user = factory.user()
    project = factory.project(user, labels=PROJECT_LABELS)
    task = annotated_task(factory, user)
    assert move(user, task["id"], project["id"]).status_code == 200
    assert user.get(f"/api/projects/{project['id']}").json()["dimension"] == "2d"


def test_moving_needs_the_right_to_change_the_project(factory: Factory) -> None:
    owner, supervisor = factory.user(), factory.user()
    org = factory.organization(owner)
    factory.member(org, owner, supervisor, "supervisor")
    project = factory.project(owner, org=org["slug"], labels=PROJECT_LABELS)
    task = annotated_task(factory, supervisor, org=org["slug"])
    headers = {"X-Organization": org["slug"]}
    before = annotations(supervisor, task["id"])

    refused = supervisor.patch(f"/api/tasks/{task['id']}", json={"project_id": project["id"]}, headers=headers)

    assert refused.status_code == 403
    assert annotations(supervisor, task["id"]) == before
    allowed = owner.patch(f"/api/tasks/{task['id']}", json={"project_id": project["id"]}, headers=headers)
    assert allowed.status_code == 200, allowed.text


def test_moving_needs_the_right_to_change_the_task(factory: Factory) -> None:
    owner, supervisor = factory.user(), factory.user()
    org = factory.organization(owner)
    factory.member(org, owner, supervisor, "supervisor")
    project = factory.project(supervisor, org=org["slug"], labels=PROJECT_LABELS)
    task = annotated_task(factory, owner, org=org["slug"])
    headers = {"X-Organization": org["slug"]}
    response = supervisor.patch(f"/api/tasks/{task['id']}", json={"project_id": project["id"]}, headers=headers)
    assert response.status_code == 403


# --- from one project to another -------------------------------------------------------------------


def test_a_task_moves_between_projects_keeping_its_annotations(factory: Factory) -> None:
    user = factory.user()
    source = factory.project(user, labels=TASK_LABELS)
    target = factory.project(user, labels=PROJECT_LABELS)
    task = annotated_task(factory, user, project_id=source["id"])
    before = named_annotations(user, task["id"])
    source_labels = labels_of(user, project_id=source["id"])

    moved = move(user, task["id"], target["id"])

    assert moved.status_code == 200, moved.text
    assert moved.json()["project_id"] == target["id"]
    assert named_annotations(user, task["id"]) == before
    assert used_label_ids(annotations(user, task["id"])) <= label_ids(labels_of(user, project_id=target["id"]))
    assert labels_of(user, project_id=source["id"]) == source_labels
    assert user.get(f"/api/projects/{source['id']}").json()["tasks"]["count"] == 0
    assert user.get(f"/api/projects/{target['id']}").json()["tasks"]["count"] == 1


def test_between_projects_the_old_project_labels_can_be_renamed_on_the_way(factory: Factory) -> None:
    user = factory.user()
    source = factory.project(user, labels=TASK_LABELS)
    target = factory.project(
        user, labels=[{"name": "vehicle", "attributes": CAR_ATTRIBUTES}, {"name": "sky", "type": "tag"}, SKELETON]
    )
    task = annotated_task(factory, user, project_id=source["id"])
    before = named_annotations(user, task["id"])
    old = by_name(labels_of(user, project_id=source["id"]))
    mapping = [{"id": old["car"]["id"], "name": "vehicle"}, {"id": old["weather"]["id"], "name": "sky"}]

    moved = move(user, task["id"], target["id"], labels=mapping)

    assert moved.status_code == 200, moved.text
    expected = _rename(_rename(before, "car", "vehicle"), "weather", "sky")
    assert named_annotations(user, task["id"]) == expected
    assert {label["name"] for label in labels_of(user, project_id=source["id"])} == {"car", "weather", "person"}


def test_a_task_moved_to_its_own_project_is_left_alone(factory: Factory) -> None:
    user = factory.user()
    project = factory.project(user, labels=PROJECT_LABELS)
    task = annotated_task(factory, user, project_id=project["id"])
    before = annotations(user, task["id"])
    assert move(user, task["id"], project["id"]).status_code == 200
    assert annotations(user, task["id"]) == before


def test_the_rewrite_is_a_few_set_based_updates_however_many_annotations(factory: Factory) -> None:
    user = factory.user()
    project = factory.project(user, labels=[{"name": "car", "attributes": CAR_ATTRIBUTES}])
    task = factory.task(user, labels=[{"name": "car", "attributes": CAR_ATTRIBUTES}])
    factory.split_task(task["id"], size=10)
    [car] = labels_of(user, task_id=task["id"])
    speed = by_name(car["attributes"])["speed"]["id"]
    shapes = [
        {
            "type": "rectangle",
            "frame": n % 10,
            "label_id": car["id"],
            "points": [n, 0, n + 1, 1],
            "attributes": [{"spec_id": speed, "value": str(n % 100)}],
        }
        for n in range(300)
    ]
    assert user.client.put(f"/api/tasks/{task['id']}/annotations", json={"shapes": shapes}).status_code == 200
    statements: list[tuple[str, bool]] = []

    def record(conn: Any, cursor: Any, statement: str, parameters: Any, context: Any, executemany: bool) -> None:
        target = statement.split("SET")[0].split()
        if target[:1] == ["UPDATE"] and target[1] in ANNOTATION_TABLES:
            statements.append((target[1], executemany))

    event.listen(get_engine(), "before_cursor_execute", record)
    try:
        assert move(user, task["id"], project["id"]).status_code == 200
    finally:
        event.remove(get_engine(), "before_cursor_execute", record)

    # Keyframes, tags, shapes, tracks: one statement each for the one label.
    assert len(statements) == 4 and not any(many for _, many in statements), statements
    moved = annotations(user, task["id"])["shapes"]
    assert len(moved) == 300
    assert {a["value"] for shape in moved for a in shape["attributes"]} == {str(n) for n in range(100)}
