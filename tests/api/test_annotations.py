"""Annotations through the API: round trips of every object kind, PATCH actions, versions, validation."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from tests.factories import ApiUser, Factory

LABELS = [
    {"name": "car", "attributes": [
        {"name": "model", "mutable": False, "input_type": "select", "values": ["sedan", "suv"]},
        {"name": "speed", "mutable": True, "input_type": "number", "values": ["0", "100", "1"]},
    ]},
    {"name": "box", "type": "rectangle"},
    {"name": "weather", "type": "tag"},
    {"name": "person", "type": "skeleton", "sublabels": [{"name": "head"}, {"name": "foot"}],
     "svg": '<circle data-label-name="head"></circle><circle data-label-name="foot"></circle>'},
]


class World:
    def __init__(self, factory: Factory) -> None:
        self.user: ApiUser = factory.user()
        task = factory.task(self.user, labels=LABELS, segment_size=6)
        factory.split_task(task["id"], size=10, segment_size=6, overlap=2)
        self.task = task
        labels = self.user.get(f"/api/labels?task_id={task['id']}").json()["results"]
        self.label = {lb["name"]: lb for lb in labels}
        self.attr = {a["name"]: a["id"] for a in self.label["car"]["attributes"]}
        self.sub = {s["name"]: s["id"] for s in self.label["person"]["sublabels"]}
        self.jobs = self.user.get(f"/api/jobs?task_id={task['id']}&sort=id").json()["results"]

    def job_url(self, index: int = 0) -> str:
        return f"/api/jobs/{self.jobs[index]['id']}/annotations"


@pytest.fixture
def world(factory: Factory) -> World:
    return World(factory)


def sample(w: World) -> dict[str, Any]:
    car, box, person = w.label["car"]["id"], w.label["box"]["id"], w.label["person"]["id"]
    return {
        "tags": [{"frame": 1, "label_id": w.label["weather"]["id"], "group": 0, "source": "manual", "attributes": []}],
        "shapes": [
            {"type": "rectangle", "frame": 0, "label_id": box, "points": [1.0, 2.0, 30.0, 40.0], "rotation": 15.0,
             "z_order": 2, "occluded": True, "group": 1, "source": "auto", "score": 0.5, "attributes": []},
            {"type": "polygon", "frame": 2, "label_id": car, "points": [0.0, 0.0, 10.0, 0.0, 5.0, 8.0],
             "attributes": [{"spec_id": w.attr["model"], "value": "suv"}, {"spec_id": w.attr["speed"], "value": "40"}]},
            {"type": "polyline", "frame": 3, "label_id": car, "points": [0.0, 0.0, 4.0, 4.0]},
            {"type": "points", "frame": 3, "label_id": car, "points": [5.0, 5.0]},
            {"type": "ellipse", "frame": 4, "label_id": car, "points": [10.0, 10.0, 14.0, 7.0]},
            {"type": "cuboid", "frame": 4, "label_id": car, "points": [float(i) for i in range(16)]},
            {"type": "mask", "frame": 5, "label_id": car, "points": [0.0, 2.0, 1.0, 1.0, 10.0, 10.0, 11.0, 11.0]},
            {"type": "skeleton", "frame": 5, "label_id": person, "points": [], "elements": [
                {"type": "points", "frame": 5, "label_id": w.sub["head"], "points": [3.0, 3.0]},
                {"type": "points", "frame": 5, "label_id": w.sub["foot"], "points": [3.0, 9.0], "outside": True},
            ]},
        ],
        "tracks": [
            {"frame": 0, "label_id": car, "group": 0, "source": "manual",
             "attributes": [{"spec_id": w.attr["model"], "value": "sedan"}],
             "shapes": [
                 {"type": "rectangle", "frame": 0, "points": [0.0, 0.0, 5.0, 5.0],
                  "attributes": [{"spec_id": w.attr["speed"], "value": "10"}]},
                 {"type": "rectangle", "frame": 3, "points": [3.0, 3.0, 8.0, 8.0], "outside": True},
             ]},
            {"frame": 1, "label_id": person, "shapes": [{"type": "skeleton", "frame": 1, "points": []}], "elements": [
                {"frame": 1, "label_id": w.sub["head"], "shapes": [{"type": "points", "frame": 1, "points": [1.0, 1.0]}]},
                {"frame": 1, "label_id": w.sub["foot"], "shapes": [{"type": "points", "frame": 1, "points": [1.0, 5.0]}]},
            ]},
        ],
    }


def _without_ids(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _without_ids(v) for k, v in value.items() if k != "id"}
    if isinstance(value, list):
        return [_without_ids(v) for v in value]
    return value


DEFAULTS = {"occluded": False, "outside": False, "z_order": 0, "rotation": 0.0, "group": 0, "source": "manual",
            "score": 1.0, "attributes": [], "elements": []}


def _normalized(data: dict[str, Any]) -> dict[str, Any]:
    """The sample as the server returns it: every optional field present with its default."""
    out = copy.deepcopy(data)
    for shape in out["shapes"]:
        for key, value in DEFAULTS.items():
            shape.setdefault(key, value)
        for element in shape["elements"]:
            for key, value in DEFAULTS.items():
                if key != "elements":
                    element.setdefault(key, value)
    for track in out["tracks"]:
        track.setdefault("group", 0)
        track.setdefault("source", "manual")
        track.setdefault("attributes", [])
        track.setdefault("elements", [])
        for part in [track, *track["elements"]]:
            part.setdefault("group", 0)
            part.setdefault("source", "manual")
            part.setdefault("attributes", [])
            for key in ("occluded", "outside", "z_order", "rotation", "attributes"):
                for shape in part["shapes"]:
                    shape.setdefault(key, DEFAULTS[key])
        for element in track["elements"]:
            element.pop("elements", None)
    return out


def test_every_object_kind_round_trips(world: World) -> None:
    body = sample(world)
    put = world.user.client.put(world.job_url(), json=body)
    assert put.status_code == 200, put.text
    got = world.user.get(world.job_url()).json()
    expected = _normalized(body)
    for key in ("tags", "shapes", "tracks"):
        assert _without_ids(got[key]) == _without_ids(expected[key]), key
    assert got["version"] == 1


def test_patch_create_returns_only_new_objects_with_ids(world: World) -> None:
    world.user.client.put(world.job_url(), json=sample(world))
    new = {"shapes": [{"type": "rectangle", "frame": 1, "label_id": world.label["box"]["id"], "points": [0, 0, 1, 1]}]}
    created = world.user.patch(world.job_url(), params={"action": "create"}, json=new).json()
    assert len(created["shapes"]) == 1 and created["shapes"][0]["id"] is not None
    assert created["tags"] == [] and created["tracks"] == []
    assert len(world.user.get(world.job_url()).json()["shapes"]) == 9


def test_patch_update_keeps_the_id(world: World) -> None:
    world.user.client.put(world.job_url(), json=sample(world))
    shape = world.user.get(world.job_url()).json()["shapes"][0]
    shape["points"] = [5.0, 5.0, 6.0, 6.0]
    world.user.patch(world.job_url(), params={"action": "update"}, json={"shapes": [shape]})
    after = {s["id"]: s for s in world.user.get(world.job_url()).json()["shapes"]}
    assert after[shape["id"]]["points"] == [5.0, 5.0, 6.0, 6.0]


def test_patch_delete_removes_by_id_and_ignores_unknown_ids(world: World) -> None:
    world.user.client.put(world.job_url(), json=sample(world))
    data = world.user.get(world.job_url()).json()
    body = {"shapes": [data["shapes"][0], {**data["shapes"][1], "id": 999999}], "tracks": data["tracks"][:1]}
    assert world.user.patch(world.job_url(), params={"action": "delete"}, json=body).status_code == 200
    after = world.user.get(world.job_url()).json()
    assert len(after["shapes"]) == 7 and len(after["tracks"]) == 1


def test_missing_action_is_400(world: World) -> None:
    assert world.user.patch(world.job_url(), json={}).status_code == 400


def test_delete_clears_the_job(world: World) -> None:
    world.user.client.put(world.job_url(), json=sample(world))
    assert world.user.delete(world.job_url()).status_code == 204
    data = world.user.get(world.job_url()).json()
    assert data["shapes"] == [] and data["tracks"] == [] and data["tags"] == []


def test_a_stale_version_is_a_conflict(world: World) -> None:
    world.user.client.put(world.job_url(), json=sample(world))
    current = world.user.get(world.job_url()).json()["version"]
    body = {"version": current, "shapes": []}
    assert world.user.client.put(world.job_url(), json=body).status_code == 200
    stale = world.user.client.put(world.job_url(), json=body)
    assert stale.status_code == 409 and "version" in stale.json()["detail"]


def test_saving_moves_a_new_job_into_progress(world: World) -> None:
    world.user.client.put(world.job_url(), json=sample(world))
    assert world.user.get(f"/api/jobs/{world.jobs[0]['id']}").json()["state"] == "in progress"


BAD = [
    ("unknown label", lambda w: {"shapes": [{"type": "rectangle", "frame": 0, "label_id": 999, "points": [0, 0, 1, 1]}]}, "label 999"),
    ("unknown attribute", lambda w: {"tags": [{"frame": 0, "label_id": w.label["car"]["id"], "attributes": [{"spec_id": 999, "value": "x"}]}]}, "attribute 999"),
    ("value not allowed", lambda w: {"shapes": [{"type": "points", "frame": 0, "label_id": w.label["car"]["id"], "points": [1, 1],
                                                 "attributes": [{"spec_id": w.attr["model"], "value": "truck"}]}]}, "truck"),
    ("label for another type", lambda w: {"shapes": [{"type": "polygon", "frame": 0, "label_id": w.label["box"]["id"], "points": [0, 0, 1, 0, 1, 1]}]}, "rectangle"),
    ("tag with a shape label", lambda w: {"tags": [{"frame": 0, "label_id": w.label["box"]["id"]}]}, "not tags"),
    ("rectangle point count", lambda w: {"shapes": [{"type": "rectangle", "frame": 0, "label_id": w.label["box"]["id"], "points": [0, 0, 1]}]}, "shapes[0]"),
    ("polygon too short", lambda w: {"shapes": [{"type": "polygon", "frame": 0, "label_id": w.label["car"]["id"], "points": [0, 0, 1, 1]}]}, "shapes[0]"),
    ("frame outside the job", lambda w: {"shapes": [{"type": "rectangle", "frame": 8, "label_id": w.label["box"]["id"], "points": [0, 0, 1, 1]}]}, "outside the job"),
    ("skeleton element of another label", lambda w: {"shapes": [{"type": "skeleton", "frame": 0, "label_id": w.label["person"]["id"], "points": [],
                                                                  "elements": [{"type": "points", "frame": 0, "label_id": w.label["car"]["id"], "points": [1, 1]}]}]}, "not a sublabel"),
    ("keyframes out of order", lambda w: {"tracks": [{"frame": 0, "label_id": w.label["box"]["id"], "shapes": [
        {"type": "rectangle", "frame": 3, "points": [0, 0, 1, 1]}, {"type": "rectangle", "frame": 1, "points": [0, 0, 1, 1]}]}]}, "increasing"),
    ("mutable attribute on a track", lambda w: {"tracks": [{"frame": 0, "label_id": w.label["car"]["id"],
        "attributes": [{"spec_id": w.attr["speed"], "value": "5"}], "shapes": [{"type": "points", "frame": 0, "points": [1, 1]}]}]}, "mutable"),
]


@pytest.mark.parametrize(("case", "make", "words"), BAD, ids=[b[0] for b in BAD])
def test_bad_objects_are_400s_naming_them_and_nothing_changes(world: World, case: str, make: Any, words: str) -> None:
    world.user.client.put(world.job_url(), json=sample(world))
    before = world.user.get(world.job_url()).json()
    response = world.user.patch(world.job_url(), params={"action": "create"}, json=make(world))
    assert response.status_code == 400, response.text
    assert words in str(response.json()), response.json()
    assert world.user.get(world.job_url()).json() == before


def test_nan_coordinates_are_refused(world: World) -> None:
    label = world.label["box"]["id"]
    raw = '{"shapes": [{"type": "rectangle", "frame": 0, "label_id": ' + str(label) + ', "points": [NaN, 0, 1, 1]}]}'
    response = world.user.client.put(world.job_url(), content=raw, headers={"Content-Type": "application/json"})
    assert response.status_code == 400


def test_task_level_put_splits_across_jobs_and_get_merges_them(world: World) -> None:
    box = world.label["box"]["id"]
    body = {"shapes": [
        {"type": "rectangle", "frame": 1, "label_id": box, "points": [0, 0, 5, 5]},
        {"type": "rectangle", "frame": 4, "label_id": box, "points": [0, 0, 5, 5]},  # on the overlap (frames 4-5)
        {"type": "rectangle", "frame": 8, "label_id": box, "points": [0, 0, 5, 5]},
    ]}
    url = f"/api/tasks/{world.task['id']}/annotations"
    assert world.user.client.put(url, json=body).status_code == 200
    first = world.user.get(world.job_url(0)).json()["shapes"]
    second = world.user.get(world.job_url(1)).json()["shapes"]
    assert sorted(s["frame"] for s in first) == [1, 4] and sorted(s["frame"] for s in second) == [4, 8]
    merged = world.user.get(url).json()["shapes"]
    assert sorted(s["frame"] for s in merged) == [1, 4, 8]


def test_task_level_delete_clears_every_job(world: World) -> None:
    world.user.client.put(world.job_url(0), json=sample(world))
    assert world.user.delete(f"/api/tasks/{world.task['id']}/annotations").status_code == 204
    assert world.user.get(world.job_url(0)).json()["shapes"] == []


def test_only_job_editors_may_write(world: World, factory: Factory) -> None:
    stranger = factory.user()
    assert stranger.client.put(world.job_url(), json={}).status_code == 403
    assert stranger.get(world.job_url()).status_code == 403


def test_concurrent_saves_never_mix(world: World, app) -> None:  # type: ignore[no-untyped-def]
    """Two clients replacing the same job at once: the result is exactly one of their bodies."""
    import threading

    from fastapi.testclient import TestClient

    box = world.label["box"]["id"]
    bodies = [
        {"shapes": [{"type": "rectangle", "frame": f, "label_id": box, "points": [who, who, 9, 9]} for f in range(5)]}
        for who in (1, 2)
    ]
    headers = {"Authorization": world.user.client.headers["Authorization"]}
    errors: list[str] = []

    def save(body: dict[str, Any]) -> None:
        with TestClient(app, headers=headers) as client:
            for _ in range(8):
                response = client.put(world.job_url(), json=body)
                if response.status_code != 200:
                    errors.append(response.text)

    threads = [threading.Thread(target=save, args=(body,)) for body in bodies]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    shapes = world.user.get(world.job_url()).json()["shapes"]
    owners = {shape["points"][0] for shape in shapes}
    assert len(shapes) == 5 and len(owners) == 1
    assert world.user.get(world.job_url()).json()["version"] == 16


def test_a_track_across_jobs_is_split_on_write_and_joined_on_read(world: World) -> None:
    box = world.label["box"]["id"]
    track = {"frame": 0, "label_id": box, "shapes": [
        {"type": "rectangle", "frame": 0, "points": [0.0, 0.0, 10.0, 10.0]},
        {"type": "rectangle", "frame": 9, "points": [9.0, 9.0, 19.0, 19.0]},
    ]}
    url = f"/api/tasks/{world.task['id']}/annotations"
    assert world.user.client.put(url, json={"tracks": [track]}).status_code == 200
    first = world.user.get(world.job_url(0)).json()["tracks"]
    second = world.user.get(world.job_url(1)).json()["tracks"]
    assert len(first) == 1 and len(second) == 1, "each job holds its slice of the track"
    assert first[0]["shapes"][0]["frame"] == 0 and second[0]["shapes"][-1]["frame"] == 9
    [merged] = world.user.get(url).json()["tracks"]
    from contour.core.annotations.interpolation import expand_track
    from contour.resources.annotations.convert import json_to_model

    original = json_to_model({"tracks": [track]}).tracks[0]
    joined = json_to_model({"tracks": [merged]}).tracks[0]
    expected = [(s.frame, [round(p, 6) for p in s.points]) for s in expand_track(original, 0, 9)]
    actual = [(s.frame, [round(p, 6) for p in s.points]) for s in expand_track(joined, 0, 9)]
    assert actual == expected
