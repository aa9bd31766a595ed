"""Bad task data: each gets a clear error, the task stays without data, and no files are left."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from contour.resources.data.files import task_dir, task_staging
from tests.api.data_helpers import upload, wait_request
from tests.factories import ApiUser, Factory
from tests.media_factory import image_bytes, zip_of


def _assert_failed_cleanly(user: ApiUser, task_id: int, request: dict, words: str) -> None:
    assert request["status"] == "failed", request
    assert words.lower() in request["message"].lower(), request["message"]
    task = user.get(f"/api/tasks/{task_id}").json()
    assert "size" not in task and task["jobs"]["count"] == 0
    assert not (task_dir(task_id) / "raw").exists() and not task_staging(task_id).exists()
    assert user.get(f"/api/tasks/{task_id}/data/meta").status_code == 400


def test_a_corrupt_image_is_named(factory: Factory, worker: None) -> None:
    user = factory.user()
    task = factory.task(user)
    broken = image_bytes()[:60]
    request = upload(user, task["id"], {"good.jpg": image_bytes(), "broken.jpg": broken})
    _assert_failed_cleanly(user, task["id"], request, "broken.jpg")


def test_an_unsupported_file_type_is_named(factory: Factory, worker: None) -> None:
    user = factory.user()
    task = factory.task(user)
    request = upload(user, task["id"], {"a.jpg": image_bytes(), "notes.docx": b"hello"})
    _assert_failed_cleanly(user, task["id"], request, "notes.docx")


def test_archive_with_parent_paths_is_refused(factory: Factory, worker: None) -> None:
    user = factory.user()
    task = factory.task(user)
    request = upload(user, task["id"], {"evil.zip": zip_of({"../escape.jpg": image_bytes()})})
    _assert_failed_cleanly(user, task["id"], request, "evil.zip")
    assert not (task_dir(task["id"]) / "escape.jpg").exists()


def test_zip_bomb_is_refused(factory: Factory, worker: None) -> None:
    user = factory.user()
    task = factory.task(user)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("zeros.jpg", b"\0" * (30 * 2**20))
    request = upload(user, task["id"], {"bomb.zip": buffer.getvalue()})
    _assert_failed_cleanly(user, task["id"], request, "bomb.zip")


def test_video_with_no_frames_is_refused(factory: Factory, worker: None, tmp_path: Path) -> None:
    user = factory.user()
    task = factory.task(user)
    request = upload(user, task["id"], {"empty.mp4": b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom"})
    _assert_failed_cleanly(user, task["id"], request, "empty.mp4")


def test_manifest_that_does_not_match_the_files_is_refused(factory: Factory, worker: None) -> None:
    user = factory.user()
    task = factory.task(user)
    manifest = (
        b'{"version":"1.1"}\n{"type":"images"}\n'
        b'{"name":"a","extension":".jpg","width":64,"height":48}\n'
        b'{"name":"zzz","extension":".jpg","width":64,"height":48}\n'
    )
    request = upload(user, task["id"], {"a.jpg": image_bytes(), "b.jpg": image_bytes(), "manifest.jsonl": manifest})
    _assert_failed_cleanly(user, task["id"], request, "zzz")


def test_a_video_cannot_be_mixed_with_images(factory: Factory, worker: None, tmp_path: Path) -> None:
    from tests.media_factory import write_video

    user = factory.user()
    task = factory.task(user)
    video = write_video(tmp_path / "v.mp4", frames=3).read_bytes()
    request = upload(user, task["id"], {"v.mp4": video, "a.jpg": image_bytes()})
    _assert_failed_cleanly(user, task["id"], request, "only media")


def test_start_frame_past_the_end_is_refused(factory: Factory, worker: None) -> None:
    user = factory.user()
    task = factory.task(user)
    request = upload(user, task["id"], {"a.jpg": image_bytes()}, start_frame=5)
    _assert_failed_cleanly(user, task["id"], request, "start_frame")


def test_predefined_order_of_an_archive_needs_a_manifest(factory: Factory, worker: None) -> None:
    user = factory.user()
    task = factory.task(user)
    request = upload(user, task["id"], {"set.zip": zip_of({"a.jpg": image_bytes()})}, sorting_method="predefined")
    _assert_failed_cleanly(user, task["id"], request, "manifest")


def test_a_task_with_data_refuses_more(factory: Factory, worker: None) -> None:
    user = factory.user()
    task = factory.task(user)
    assert upload(user, task["id"], {"a.jpg": image_bytes()})["status"] == "finished"
    response = user.post(f"/api/tasks/{task['id']}/data", data={"image_quality": "70"},
                         files=[("client_files[0]", ("b.jpg", image_bytes()))])
    assert response.status_code == 400 and "already has data" in str(response.json())


def test_a_refused_upload_to_a_task_with_data_writes_nothing(factory: Factory, worker: None) -> None:
    user = factory.user()
    task = factory.task(user)
    assert upload(user, task["id"], {"a.jpg": image_bytes()})["status"] == "finished"
    base = f"/api/tasks/{task['id']}/data"
    parts = [("client_files[0]", ("b.jpg", image_bytes()))]
    assert user.post(base, data={"image_quality": "70"}, files=parts).status_code == 400
    assert user.post(base, headers={"Upload-Start": ""}).status_code == 400
    assert user.post(base, headers={"Upload-Multiple": ""}, files=parts).status_code == 400
    assert user.post(base, headers={"Upload-Length": "10", "Upload-Metadata": "filename Yi5qcGc="}).status_code == 400
    assert not task_staging(task["id"]).exists()


def test_an_upload_while_the_data_is_being_created_is_a_conflict_and_writes_nothing(factory: Factory) -> None:
    from contour.db import transaction
    from contour.resources.requests.models import BackgroundRequest, RequestStatus
    from contour.resources.requests.service import request_id_for

    user = factory.user()
    task = factory.task(user)
    with transaction() as db:  # a creation under way (no worker runs in this test)
        db.add(BackgroundRequest(id=request_id_for("create", "task", task["id"]), action="create", target="task",
                                 owner_id=user.id, task_id=task["id"], params={}, status=RequestStatus.STARTED))
    parts = [("client_files[0]", ("b.jpg", image_bytes()))]
    response = user.post(f"/api/tasks/{task['id']}/data", data={"image_quality": "70"}, files=parts)
    assert response.status_code == 409 and "being created" in response.text
    assert not task_staging(task["id"]).exists()


def test_bad_parameters_are_400_before_any_work(factory: Factory) -> None:
    user = factory.user()
    task = factory.task(user)
    for body, field in (({"image_quality": 101, "remote_files": ["http://x/a.jpg"]}, "image_quality"),
                        ({"frame_filter": "every=2", "remote_files": ["http://x/a.jpg"]}, "frame_filter"),
                        ({"cloud_storage_id": 3, "server_files": ["a.jpg"]}, "cloud_storage_id"),
                        ({}, "non_field_errors")):
        response = user.post(f"/api/tasks/{task['id']}/data", json=body)
        assert response.status_code == 400, body
        assert field in response.json() or field in str(response.json()), (body, response.json())


def test_only_task_editors_may_upload(factory: Factory) -> None:
    owner, stranger = factory.user(), factory.user()
    task = factory.task(owner)
    assert stranger.post(f"/api/tasks/{task['id']}/data", headers={"Upload-Start": ""}).status_code == 403


def test_cancelling_a_queued_creation_leaves_the_task_clean(factory: Factory) -> None:
    """No consumer runs here, so the request stays queued until cancelled."""
    from contour.queue import load_job_modules, queue
    from contour.resources.requests.runner import run_request

    load_job_modules()
    user = factory.user()
    task = factory.task(user)
    response = user.post(f"/api/tasks/{task['id']}/data", data={"image_quality": "70"},
                         files=[("client_files[0]", ("a.jpg", image_bytes()))])
    rq_id = response.json()["rq_id"]
    assert user.post(f"/api/requests/{rq_id}/cancel").status_code == 200
    run_request(rq_id)  # what the worker would do when it reaches the message
    queue.flush()
    request = wait_request(user, rq_id)
    assert request["status"] == "failed" and "Cancelled" in request["message"]
    assert user.post(f"/api/requests/{rq_id}/cancel").status_code == 400
