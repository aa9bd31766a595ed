"""Failure messages name files as the user gave them and never show a server path."""

from __future__ import annotations

import os

from contour.config import get_settings
from contour.db import transaction
from contour.resources.requests.runner import RequestContext, register_handler, run_request
from contour.resources.requests.service import do_submit
from tests.api.data_helpers import upload, wait_request
from tests.api.test_datasets import World
from tests.factories import ApiUser, Factory
from tests.media_factory import image_bytes, zip_of

NOT_AN_IMAGE = b"these bytes are not an image"


def server_paths() -> list[str]:
    settings = get_settings()
    paths = {"/tmp"}
    for root in (settings.data_dir, settings.resolved_share_dir):
        paths |= {os.path.abspath(root), os.path.realpath(root)}
    return sorted(paths)


def assert_no_server_path(message: str) -> None:
    for path in server_paths():
        assert path not in message, (path, message)


def _failed(request: dict[str, object]) -> str:
    assert request["status"] == "failed", request
    message = request["message"]
    assert isinstance(message, str)
    assert_no_server_path(message)
    return message


def test_a_task_from_a_corrupt_image_names_x_jpg_and_no_server_path(factory: Factory, worker: None) -> None:
    user = factory.user()
    task = factory.task(user)
    message = _failed(upload(user, task["id"], {"x.jpg": NOT_AN_IMAGE}))
    assert message.startswith("x.jpg: not a readable image"), message


def test_a_corrupt_image_in_an_archive_is_named_by_its_path_in_the_archive(factory: Factory, worker: None) -> None:
    user = factory.user()
    task = factory.task(user)
    archive = zip_of({"photos/good.jpg": image_bytes(), "photos/x.jpg": NOT_AN_IMAGE})
    message = _failed(upload(user, task["id"], {"set.zip": archive}))
    assert message.startswith("photos/x.jpg: "), message


def test_a_corrupt_image_on_the_share_is_named_by_its_share_path(factory: Factory, worker: None) -> None:
    folder = get_settings().resolved_share_dir / "broken-set"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "x.jpg").write_bytes(NOT_AN_IMAGE)
    user = factory.user()
    task = factory.task(user)
    response = user.post(f"/api/tasks/{task['id']}/data", json={"image_quality": 70, "server_files": ["broken-set/"]})
    message = _failed(wait_request(user, response.json()["rq_id"]))
    assert message.startswith("broken-set/x.jpg: "), message


def test_a_truncated_image_found_while_building_chunks_is_named_by_its_path(factory: Factory, worker: None) -> None:
    user = factory.user()
    task = factory.task(user)
    truncated = image_bytes(64, 48)[:-200]  # the header reads, the pixels do not
    archive = zip_of({"photos/good.jpg": image_bytes(), "photos/cut.jpg": truncated})
    message = _failed(upload(user, task["id"], {"set.zip": archive}, use_cache=False))
    assert message.startswith("photos/cut.jpg: not a readable image"), message


def test_a_broken_dataset_file_is_named_by_its_path_in_the_dataset(factory: Factory, worker: None) -> None:
    world = World(factory)
    dataset = zip_of({
        "labelmap.txt": b"# label:color_rgb:parts:actions\ncar:255,0,0::\n",
        "ImageSets/Segmentation/default.txt": b"img0\n",
        "SegmentationClass/img0.png": NOT_AN_IMAGE,
    })
    message = _failed(world.import_file("Segmentation mask 1.1", dataset, name="masks.zip"))
    assert message.startswith("SegmentationClass/img0.png: not a readable PNG image"), message


@register_handler("test:oserror")
def _fails_with_a_server_path(context: RequestContext) -> int:
    missing = get_settings().data_dir / "tasks" / "1" / "raw" / "gone.jpg"
    raise OSError(f"cannot stat '{missing.resolve()}' (a library's words)")


def test_an_unexpected_error_quoting_a_server_path_hides_it(factory: Factory) -> None:
    user = factory.user()
    with transaction() as db:
        rq_id = do_submit(db, request_id="action=test&target=oserror&target_id=1", action="test", target="oserror",
                          owner_id=user.id, params={}).id
    run_request(rq_id)
    message = _failed(_request(user, rq_id))
    assert message == "Internal error: OSError: cannot stat '[server path]/gone.jpg' (a library's words)"


def _request(user: ApiUser, rq_id: str) -> dict[str, object]:
    body = user.get(f"/api/requests/{rq_id}").json()
    assert isinstance(body, dict)
    return body

