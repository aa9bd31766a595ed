"""Ids are never handed out twice, even after their objects are deleted: clients remember ids
(FiftyOne loaded one run's labels from another run's task, then deleted that task)."""

from __future__ import annotations

from typing import Any

from tests.factories import ApiUser, Factory

LABELS = [
    {"name": "car"},
    {"name": "person", "type": "skeleton", "sublabels": [{"name": "head"}], "svg": '<circle data-label-name="head"></circle>'},
]


def _ok(response: Any, status: int = 200) -> Any:
    assert response.status_code == status, response.text
    return response.json() if status != 204 else None


def test_a_new_task_never_gets_the_id_of_a_deleted_task(factory: Factory) -> None:
    user = factory.user()
    given = [factory.task(user)["id"], factory.task(user)["id"]]
    _ok(user.delete(f"/api/tasks/{given[-1]}"), 204)
    assert factory.task(user)["id"] > max(given)


def test_a_new_project_never_gets_the_id_of_a_deleted_project(factory: Factory) -> None:
    user = factory.user()
    given = [factory.project(user)["id"], factory.project(user)["id"]]
    _ok(user.delete(f"/api/projects/{given[-1]}"), 204)
    assert factory.project(user)["id"] > max(given)


def _label_and_attribute_ids(user: ApiUser, task_id: int) -> tuple[set[int], set[int]]:
    labels = _ok(user.get(f"/api/labels?task_id={task_id}"))["results"]
    return {lb["id"] for lb in labels}, {a["id"] for lb in labels for a in lb["attributes"]}


def test_new_labels_and_attributes_never_get_ids_of_deleted_ones(factory: Factory) -> None:
    user = factory.user()
    attribute = {"name": "kind", "mutable": False, "input_type": "select", "values": ["a", "b"]}
    task = factory.task(user, labels=[{"name": "car", "attributes": [attribute]}, {"name": "bus", "attributes": [attribute]}])
    labels, attributes = _label_and_attribute_ids(user, task["id"])
    _ok(user.patch(f"/api/tasks/{task['id']}", json={"labels": [{"id": max(labels), "name": "bus", "deleted": True}]}))

    _ok(user.patch(f"/api/tasks/{task['id']}", json={"labels": [{"name": "van", "attributes": [attribute]}]}))

    now_labels, now_attributes = _label_and_attribute_ids(user, task["id"])
    assert min(now_labels - labels) > max(labels)
    assert min(now_attributes - attributes) > max(attributes)


def test_labels_of_a_new_task_never_get_ids_of_a_deleted_tasks_labels(factory: Factory) -> None:
    user = factory.user()
    old = factory.task(user, labels=[{"name": "car"}, {"name": "bus"}])
    labels, _ = _label_and_attribute_ids(user, old["id"])
    _ok(user.delete(f"/api/tasks/{old['id']}"), 204)

    new = factory.task(user, labels=[{"name": "car"}])

    assert min(_label_and_attribute_ids(user, new["id"])[0]) > max(labels)


def test_a_new_ground_truth_job_never_gets_the_id_of_a_deleted_job(factory: Factory) -> None:
    user = factory.user()
    task = factory.task(user)
    factory.split_task(task["id"], size=10)
    body = {"type": "ground_truth", "task_id": task["id"], "frame_selection_method": "manual", "frames": [1, 2]}
    jobs = {job["id"] for job in _ok(user.get(f"/api/jobs?task_id={task['id']}"))["results"]}
    ground_truth = _ok(user.post("/api/jobs", json=body), 201)["id"]
    _ok(user.delete(f"/api/jobs/{ground_truth}"), 204)

    assert _ok(user.post("/api/jobs", json=body), 201)["id"] > max(jobs | {ground_truth})


def test_jobs_of_a_new_task_never_get_ids_of_a_deleted_tasks_jobs(factory: Factory) -> None:
    user = factory.user()
    old = factory.task(user)
    factory.split_task(old["id"], size=10, segment_size=5)
    jobs = {job["id"] for job in _ok(user.get(f"/api/jobs?task_id={old['id']}"))["results"]}
    _ok(user.delete(f"/api/tasks/{old['id']}"), 204)

    new = factory.task(user)
    factory.split_task(new["id"], size=10, segment_size=5)

    new_jobs = {job["id"] for job in _ok(user.get(f"/api/jobs?task_id={new['id']}"))["results"]}
    assert len(new_jobs) == 2 and min(new_jobs) > max(jobs)


def _job_url_and_body(user: ApiUser, task_id: int) -> tuple[str, dict[str, Any]]:
    labels = _ok(user.get(f"/api/labels?task_id={task_id}"))["results"]
    car = next(lb for lb in labels if lb["name"] == "car")
    person = next(lb for lb in labels if lb["name"] == "person")
    head = person["sublabels"][0]["id"]
    [job] = _ok(user.get(f"/api/jobs?task_id={task_id}"))["results"]
    box = {"type": "rectangle", "frame": 0, "label_id": car["id"], "points": [1.0, 2.0, 3.0, 4.0]}
    body = {
        "tags": [{"frame": 0, "label_id": car["id"]}],
        "shapes": [box, box, {"type": "skeleton", "frame": 1, "label_id": person["id"], "points": [], "elements": [
            {"type": "points", "frame": 1, "label_id": head, "points": [3.0, 3.0]}]}],
        "tracks": [{"frame": 0, "label_id": car["id"], "shapes": [dict(box, outside=False), dict(box, frame=2, outside=True)]}],
    }
    return f"/api/jobs/{job['id']}/annotations", body


def _object_ids(data: dict[str, Any]) -> dict[str, set[int]]:
    return {
        "tags": {t["id"] for t in data["tags"]},
        "shapes": {s["id"] for s in data["shapes"]} | {e["id"] for s in data["shapes"] for e in s["elements"]},
        "tracks": {t["id"] for t in data["tracks"]},
        "keyframes": {k["id"] for t in data["tracks"] for k in t["shapes"]},
    }


def test_annotations_written_after_a_delete_never_get_ids_of_deleted_ones(factory: Factory) -> None:
    user = factory.user()
    task = factory.task(user, labels=LABELS)
    factory.split_task(task["id"], size=5)
    url, body = _job_url_and_body(user, task["id"])
    first = _object_ids(_ok(user.client.put(url, json=body)))
    _ok(user.delete(url), 204)

    second = _object_ids(_ok(user.client.put(url, json=body)))

    for kind, ids in first.items():
        assert ids and min(second[kind]) > max(ids), kind


def test_annotations_created_after_deleting_the_newest_never_get_its_id(factory: Factory) -> None:
    user = factory.user()
    task = factory.task(user, labels=LABELS)
    factory.split_task(task["id"], size=5)
    url, body = _job_url_and_body(user, task["id"])
    shapes = _ok(user.client.put(url, json={"shapes": body["shapes"][:2]}))["shapes"]
    newest = max(s["id"] for s in shapes)
    _ok(user.patch(f"{url}?action=delete", json={"shapes": [s for s in shapes if s["id"] == newest]}))

    created = _ok(user.patch(f"{url}?action=create", json={"shapes": body["shapes"][:1]}))["shapes"]

    assert [s["id"] for s in created] == [newest + 1]


def test_a_new_organization_never_gets_the_id_of_a_deleted_organization(factory: Factory) -> None:
    owner = factory.user()
    given = [factory.organization(owner)["id"], factory.organization(owner)["id"]]
    _ok(owner.delete(f"/api/organizations/{given[-1]}"), 204)
    assert factory.organization(owner)["id"] > max(given)


def test_a_new_membership_never_gets_the_id_of_a_removed_membership(factory: Factory) -> None:
    owner, worker = factory.user(), factory.user()
    org = factory.organization(owner)
    headers = {"X-Organization": org["slug"]}

    def membership_ids() -> set[int]:
        return {m["id"] for m in _ok(owner.get("/api/memberships", headers=headers))["results"]}

    factory.member(org, owner, worker, "worker")
    given = membership_ids()
    _ok(owner.delete(f"/api/memberships/{max(given)}", headers=headers), 204)

    factory.member(org, owner, worker, "worker")

    assert max(membership_ids()) > max(given)


def test_a_new_user_never_gets_the_id_of_a_deleted_user(factory: Factory) -> None:
    admin = factory.user(superuser=True)
    newest = factory.user()
    _ok(admin.delete(f"/api/users/{newest.id}"), 204)
    assert factory.user().id > max(admin.id, newest.id)


def test_a_new_access_token_never_gets_the_id_of_a_revoked_token(factory: Factory) -> None:
    user = factory.user()
    given = [_ok(user.post("/api/auth/access_tokens", json={"name": name}), 201)["id"] for name in ("a", "b")]
    _ok(user.delete(f"/api/auth/access_tokens/{given[-1]}"), 204)
    assert _ok(user.post("/api/auth/access_tokens", json={"name": "c"}), 201)["id"] > max(given)


def test_an_update_cannot_bring_back_the_id_of_a_deleted_object(factory: Factory) -> None:
    user = factory.user()
    task = factory.task(user, labels=LABELS)
    factory.split_task(task["id"], size=5)
    url, body = _job_url_and_body(user, task["id"])
    shapes = _ok(user.client.put(url, json={"shapes": body["shapes"][:2]}))["shapes"]
    newest = max(shapes, key=lambda s: s["id"])
    _ok(user.patch(f"{url}?action=delete", json={"shapes": [newest]}))

    response = user.patch(f"{url}?action=update", json={"shapes": [newest]})

    assert response.status_code == 400 and str(newest["id"]) in response.json()["shapes"][0]
    assert [s["id"] for s in _ok(user.get(url))["shapes"]] == [min(s["id"] for s in shapes)]


def test_ids_a_client_makes_up_in_an_update_are_refused_so_no_later_id_collides(factory: Factory) -> None:
    user = factory.user()
    task = factory.task(user, labels=LABELS)
    factory.split_task(task["id"], size=5)
    url, body = _job_url_and_body(user, task["id"])
    [given] = _ok(user.client.put(url, json={"shapes": body["shapes"][:1]}))["shapes"]
    made_up = dict(body["shapes"][0], id=given["id"] + 10)

    for target in (url, f"/api/tasks/{task['id']}/annotations"):
        response = user.patch(f"{target}?action=update", json={"shapes": [made_up, given]})
        assert response.status_code == 400 and str(made_up["id"]) in response.json()["shapes"][0]
    created = _ok(user.patch(f"{url}?action=create", json={"shapes": body["shapes"][:1]}))["shapes"]

    assert sorted(s["id"] for s in _ok(user.get(url))["shapes"]) == [given["id"], created[0]["id"]]
    assert created[0]["id"] > given["id"]

