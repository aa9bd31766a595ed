"""What CVAT accepts from clients other than cvat-sdk: unknown keys in bodies, both checkbox states.

FiftyOne's CVAT backend sends these requests unchanged; each is refused by a stricter server.
"""

from __future__ import annotations

import logging

import pytest

from tests.factories import Factory

CHECKBOX_BOTH_STATES = {"name": "flag", "input_type": "checkbox", "mutable": True, "values": ["true", "false"]}


def test_task_creation_ignores_keys_cvat_has_no_field_for(factory: Factory, caplog: pytest.LogCaptureFixture) -> None:
    user = factory.user()
    body = {"name": "from fiftyone", "image_quality": 75,
            "labels": [{"name": "cat", "attributes": [], "hotkey": "c"}]}
    with caplog.at_level(logging.DEBUG, logger="contour.requests"):
        response = user.post("/api/tasks", json=body)
    assert response.status_code == 201, response.text
    task = response.json()
    assert task["name"] == "from fiftyone" and "image_quality" not in task
    labels = user.get(f"/api/labels?task_id={task['id']}").json()["results"]
    assert [label["name"] for label in labels] == ["cat"]
    logged = " ".join(record.getMessage() for record in caplog.records)
    assert "image_quality" in logged and "hotkey" in logged


def test_known_fields_stay_strictly_validated_beside_unknown_ones(factory: Factory) -> None:
    user = factory.user()
    response = user.post("/api/tasks", json={"name": "", "image_quality": 75, "labels": []})
    assert response.status_code == 400
    assert set(response.json()) == {"name"}


def test_checkbox_attribute_with_both_states_is_accepted_and_kept(factory: Factory) -> None:
    user = factory.user()
    task = factory.task(user, labels=[{"name": "cat", "attributes": [CHECKBOX_BOTH_STATES]}])
    (label,) = user.get(f"/api/labels?task_id={task['id']}").json()["results"]
    (attribute,) = label["attributes"]
    assert attribute["values"] == ["true", "false"]
    assert attribute["default_value"] == "false"


def test_tracked_shapes_may_carry_group_and_source_as_fiftyone_sends(factory: Factory) -> None:
    user = factory.user()
    task = factory.task(user, labels=[{"name": "car"}])
    factory.split_task(task["id"], size=5)
    (label,) = user.get(f"/api/labels?task_id={task['id']}").json()["results"]
    shape = {"type": "rectangle", "occluded": False, "outside": False, "z_order": 0, "points": [1, 2, 3, 4],
             "attributes": [], "group": 0, "source": "manual", "keyframe": True}
    track = {"frame": 0, "label_id": label["id"], "group": 0, "source": "manual", "attributes": [],
             "shapes": [shape | {"frame": 0}, shape | {"frame": 3, "outside": True}]}
    response = user.client.put(f"/api/tasks/{task['id']}/annotations", json={"tracks": [track], "shapes": [], "tags": []})
    assert response.status_code == 200, response.text
    (stored,) = user.get(f"/api/tasks/{task['id']}/annotations").json()["tracks"]
    assert [s["frame"] for s in stored["shapes"]] == [0, 3]
    assert all("group" not in s and "source" not in s for s in stored["shapes"])
