"""The order of frames is the order the user gave the files in (sorting_method=predefined).

Listing the staged files by name would silently put every label on the wrong image: FiftyOne sends one
multipart request with `client_files[0..n]` in its samples' order and `sorting_method=predefined`.
"""

from __future__ import annotations

from typing import Any

from contour.config import get_settings
from tests.api.data_helpers import wait_request
from tests.factories import ApiUser, Factory
from tests.media_factory import image_bytes

NOT_BY_NAME = ["rocket.jpg", "astronaut.png", "coffee.png", "chelsea.png"]


def _files(names: list[str]) -> dict[str, bytes]:
    return {name: image_bytes(40 + i, 30 + i, fmt="PNG" if name.endswith(".png") else "JPEG")
            for i, name in enumerate(names)}


def _frames(user: ApiUser, task_id: int) -> list[dict[str, Any]]:
    frames: list[dict[str, Any]] = user.get(f"/api/tasks/{task_id}/data/meta").json()["frames"]
    return frames


def _finish(user: ApiUser, response: Any) -> None:
    assert response.status_code == 202, response.text
    assert wait_request(user, response.json()["rq_id"])["status"] == "finished"


def test_one_multipart_request_keeps_the_order_of_its_parts(factory: Factory, worker: None) -> None:
    user = factory.user()
    task = factory.task(user)
    files = _files(NOT_BY_NAME)
    parts = [(f"client_files[{i}]", (name, data)) for i, (name, data) in enumerate(files.items())]
    _finish(user, user.post(f"/api/tasks/{task['id']}/data", files=parts,
                            data={"image_quality": "75", "sorting_method": "predefined"}))
    frames = _frames(user, task["id"])
    assert [f["name"] for f in frames] == NOT_BY_NAME
    # Each frame is measured on its own image, so labels keep their size.
    assert [(f["width"], f["height"]) for f in frames] == [(40 + i, 30 + i) for i in range(len(NOT_BY_NAME))]


def test_part_indexes_give_the_order_when_parts_arrive_shuffled(factory: Factory, worker: None) -> None:
    user = factory.user()
    task = factory.task(user)
    files = list(_files(NOT_BY_NAME).items())
    parts = [(f"client_files[{i}]", files[i]) for i in (2, 0, 3, 1)]
    _finish(user, user.post(f"/api/tasks/{task['id']}/data", files=parts,
                            data={"image_quality": "75", "sorting_method": "predefined"}))
    assert [f["name"] for f in _frames(user, task["id"])] == NOT_BY_NAME


def test_batches_keep_the_order_they_were_sent_in(factory: Factory, worker: None) -> None:
    user = factory.user()
    task = factory.task(user)
    base = f"/api/tasks/{task['id']}/data"
    files = list(_files(NOT_BY_NAME).items())
    assert user.post(base, headers={"Upload-Start": ""}).status_code == 202
    for batch in (files[:2], files[2:]):
        parts = [(f"client_files[{i}]", item) for i, item in enumerate(batch)]
        assert user.post(base, headers={"Upload-Multiple": ""}, files=parts).status_code == 200
    _finish(user, user.post(base, headers={"Upload-Finish": ""}, json={"image_quality": 70, "sorting_method": "predefined"}))
    assert [f["name"] for f in _frames(user, task["id"])] == NOT_BY_NAME


def test_copied_share_files_keep_the_order_they_were_named_in(factory: Factory, worker: None) -> None:
    share = get_settings().resolved_share_dir
    for name, data in _files(NOT_BY_NAME).items():
        (share / "ordered").mkdir(parents=True, exist_ok=True)
        (share / "ordered" / name).write_bytes(data)
    user = factory.user()
    task = factory.task(user)
    _finish(user, user.post(f"/api/tasks/{task['id']}/data", json={
        "image_quality": 70, "sorting_method": "predefined", "copy_data": True,
        "server_files": [f"ordered/{name}" for name in NOT_BY_NAME]}))
    assert [f["name"] for f in _frames(user, task["id"])] == [f"ordered/{name}" for name in NOT_BY_NAME]


def test_lexicographical_sorting_still_sorts_by_name(factory: Factory, worker: None) -> None:
    user = factory.user()
    task = factory.task(user)
    parts = [(f"client_files[{i}]", item) for i, item in enumerate(_files(NOT_BY_NAME).items())]
    _finish(user, user.post(f"/api/tasks/{task['id']}/data", files=parts, data={"image_quality": "75"}))
    assert [f["name"] for f in _frames(user, task["id"])] == sorted(NOT_BY_NAME)
