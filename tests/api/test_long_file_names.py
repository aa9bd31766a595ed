"""File names over 255 bytes (UTF-8) are refused with a 400 naming the limit on every upload path, before
anything is written, and the connection goes on serving; names inside archives fail their request."""

from __future__ import annotations

import base64
from pathlib import Path

import pytest

from contour.config import get_settings
from tests.api.data_helpers import task_with_files, upload, wait_request
from tests.factories import ApiUser, Factory
from tests.media_factory import image_bytes, zip_of

# 256 ASCII bytes, and 255 characters that take 510 bytes (plus the extension): both one byte or more
# over what ext4 & co. hold, although the second is only 259 characters.
LONG_NAMES = {"256 ascii bytes": "a" * 252 + ".jpg", "255 e-acute": "é" * 255 + ".jpg"}
LONGEST_NAME = "b" * 251 + ".jpg"  # exactly 255 bytes: still fine


def _staged_files() -> list[Path]:
    """Every file in the upload staging area (all tasks and imports)."""
    root = get_settings().data_dir / "uploads"
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []


def _assert_names_the_limit(response, field: str, name: str) -> None:  # type: ignore[no-untyped-def]
    assert response.status_code == 400, response.text
    [message] = response.json()[field]
    assert "255 bytes" in message and f"{len(name.encode())} bytes" in message, message
    assert name[:20] in message, message


@pytest.fixture(params=list(LONG_NAMES), ids=list(LONG_NAMES))
def long_name(request: pytest.FixtureRequest) -> str:
    return LONG_NAMES[request.param]


def test_a_long_client_file_name_is_a_400_that_writes_nothing(factory: Factory, worker: None, long_name: str) -> None:
    user = factory.user()
    task = factory.task(user)
    parts = [("client_files[0]", ("fine.jpg", image_bytes())), ("client_files[1]", (long_name, image_bytes()))]
    response = user.post(f"/api/tasks/{task['id']}/data", data={"image_quality": "70"}, files=parts)
    _assert_names_the_limit(response, "client_files", long_name)
    assert _staged_files() == []
    # The same client (and connection) goes on: the task still takes its data.
    assert upload(user, task["id"], {"fine.jpg": image_bytes()})["status"] == "finished"


def test_a_long_name_in_an_upload_multiple_batch_writes_none_of_the_batch(factory: Factory, long_name: str) -> None:
    user = factory.user()
    task = factory.task(user)
    base = f"/api/tasks/{task['id']}/data"
    assert user.post(base, headers={"Upload-Start": ""}).status_code == 202
    batch = [("client_files[0]", ("fine.jpg", image_bytes())), ("client_files[1]", (f"/home/me/{long_name}", image_bytes()))]
    response = user.post(base, headers={"Upload-Multiple": ""}, files=batch)
    _assert_names_the_limit(response, "client_files", long_name)
    assert _staged_files() == []
    assert user.post(base, headers={"Upload-Multiple": ""}, files=batch[:1]).status_code == 200


def test_a_long_tus_file_name_is_a_400_that_writes_nothing(factory: Factory, long_name: str) -> None:
    user = factory.user()
    task = factory.task(user)
    base = f"/api/tasks/{task['id']}/data/"
    assert user.post(base, headers={"Upload-Start": ""}).status_code == 202
    response = user.post(base, headers={"Tus-Resumable": "1.0.0", "Upload-Length": "10",
                                        "Upload-Metadata": "filename " + base64.b64encode(long_name.encode()).decode()})
    _assert_names_the_limit(response, "client_files", long_name)
    assert _staged_files() == []
    fine = user.post(base, headers={"Tus-Resumable": "1.0.0", "Upload-Length": "10",
                                    "Upload-Metadata": "filename " + base64.b64encode(b"fine.jpg").decode()})
    assert fine.status_code == 201


def test_a_name_of_exactly_255_bytes_is_kept_as_the_frame_name(factory: Factory, worker: None) -> None:
    user = factory.user()
    task = task_with_files(factory, user, {LONGEST_NAME: image_bytes()})
    frames = user.get(f"/api/tasks/{task['id']}/data/meta").json()["frames"]
    assert [frame["name"] for frame in frames] == [LONGEST_NAME]


def test_a_long_name_on_the_share_is_a_400_not_a_lookup(factory: Factory, worker: None) -> None:
    user = factory.user()
    response = user.get("/api/server/share", params={"directory": "photos/" + "é" * 130})
    assert response.status_code == 400 and "at most 255 bytes" in response.text, response.text
    task = factory.task(user)
    created = user.post(f"/api/tasks/{task['id']}/data", json={"server_files": ["a" * 300 + ".jpg"], "image_quality": 70})
    request = wait_request(user, created.json()["rq_id"])
    assert request["status"] == "failed" and "at most 255 bytes" in request["message"], request


# --- imports ------------------------------------------------------------------------------------------


@pytest.fixture
def owner(factory: Factory) -> ApiUser:
    return factory.user()


@pytest.fixture
def targets(factory: Factory, owner: ApiUser, worker: None) -> dict[str, tuple[str, str]]:
    """Import URL and file field of a task, a job and a project."""
    task = task_with_files(factory, owner, {"a.jpg": image_bytes()})
    job_id = owner.get(f"/api/jobs?task_id={task['id']}").json()["results"][0]["id"]
    project = factory.project(owner)
    return {
        "task": (f"/api/tasks/{task['id']}/annotations", "annotation_file"),
        "job": (f"/api/jobs/{job_id}/annotations", "annotation_file"),
        "project": (f"/api/projects/{project['id']}/dataset", "dataset_file"),
    }


@pytest.mark.parametrize("target", ["task", "job", "project"])
def test_a_long_import_file_name_is_a_400_that_writes_nothing(
    owner: ApiUser, targets: dict[str, tuple[str, str]], target: str, long_name: str
) -> None:
    url, field = targets[target]
    name = long_name.removesuffix(".jpg") + ".zip"
    params = {"format": "CVAT 1.1"}
    response = owner.post(url, params=params, files={field: (name, zip_of({"annotations.xml": b"<annotations/>"}))})
    _assert_names_the_limit(response, field, name)
    assert _staged_files() == []
    tus = owner.post(url, params=params, headers={"Upload-Length": "10", "Tus-Resumable": "1.0.0",
                                                  "Upload-Metadata": "filename " + base64.b64encode(name.encode()).decode()})
    _assert_names_the_limit(tus, field, name)
    finish = owner.post(url, params={**params, "filename": name}, headers={"Upload-Finish": ""})
    _assert_names_the_limit(finish, "filename", name)
    assert _staged_files() == []
    # The connection still serves: a good import goes through.
    good = owner.post(url, params=params, files={field: ("fine.zip", zip_of({"annotations.xml": b"<annotations/>"}))})
    assert good.status_code == 202, good.text
    wait_request(owner, good.json()["rq_id"])


# --- names inside archives ------------------------------------------------------------------------------


@pytest.mark.parametrize("member", ["a" * 252 + ".jpg", "é" * 200 + "/a.jpg"], ids=["file", "folder"])
def test_a_long_name_inside_an_uploaded_archive_fails_the_creation_clearly(
    factory: Factory, worker: None, member: str
) -> None:
    user = factory.user()
    task = factory.task(user)
    archive = zip_of({"fine.jpg": image_bytes(), member: image_bytes()})
    request = upload(user, task["id"], {"photos.zip": archive})
    assert request["status"] == "failed", request
    assert "photos.zip" in request["message"] and "at most 255 bytes" in request["message"], request["message"]
    task_dir = get_settings().data_dir / "tasks" / str(task["id"])
    assert not (task_dir / "raw").exists() and _staged_files() == []
    assert upload(user, task["id"], {"fine.jpg": image_bytes()})["status"] == "finished"


def test_a_long_name_inside_an_imported_archive_fails_the_import_clearly(
    owner: ApiUser, targets: dict[str, tuple[str, str]]
) -> None:
    url, field = targets["task"]
    archive = zip_of({"annotations.xml": b"<annotations/>", "x" * 300 + ".xml": b"<annotations/>"})
    response = owner.post(url, params={"format": "CVAT 1.1"}, files={field: ("a.zip", archive)})
    assert response.status_code == 202, response.text
    request = wait_request(owner, response.json()["rq_id"])
    assert request["status"] == "failed", request
    assert "at most 255 bytes" in request["message"], request["message"]


# --- a real server: the connection survives the refusal --------------------------------------------------


def _multipart(name: str, data: bytes) -> tuple[bytes, str]:
    boundary = "contour-test-boundary"
    disposition = f'form-data; name="client_files[0]"; filename="{name}"'.encode()
    body = (f"--{boundary}\r\n".encode() + b"Content-Disposition: " + disposition + b"\r\n"
            b"Content-Type: image/jpeg\r\n\r\n" + data + f"\r\n--{boundary}--\r\n".encode())
    return body, f"multipart/form-data; boundary={boundary}"


def test_a_live_server_keeps_the_connection_after_refusing_a_long_name() -> None:
    import http.client
    import json
    from urllib.parse import urlsplit

    from tests.live_server import serving

    with serving(prefix="contour-long-names-", superuser=("admin", "long-names-pass-1", "a@example.com")) as server:
        address = urlsplit(server.url)
        connection = http.client.HTTPConnection(address.hostname or "", address.port, timeout=60)

        def call(method: str, path: str, body: bytes = b"", headers: dict[str, str] | None = None) -> tuple[int, bytes]:
            connection.request(method, path, body=body, headers=headers or {})
            response = connection.getresponse()
            return response.status, response.read()

        try:
            status, raw = call("POST", "/api/auth/login", json.dumps({"username": "admin", "password": "long-names-pass-1"}).encode(),
                               {"Content-Type": "application/json"})
            assert status == 200, raw
            auth = {"Authorization": f"Token {json.loads(raw)['key']}"}
            status, raw = call("POST", "/api/tasks", json.dumps({"name": "t", "labels": [{"name": "car"}]}).encode(),
                               {**auth, "Content-Type": "application/json"})
            assert status == 201, raw
            task_id = json.loads(raw)["id"]
            socket_before = connection.sock
            assert socket_before is not None

            body, content_type = _multipart("é" * 255 + ".jpg", image_bytes())
            status, raw = call("POST", f"/api/tasks/{task_id}/data", body, {**auth, "Content-Type": content_type})
            assert status == 400 and b"255 bytes" in raw, raw
            tus = {**auth, "Upload-Length": "10", "Tus-Resumable": "1.0.0",
                   "Upload-Metadata": "filename " + base64.b64encode(b"a" * 256).decode()}
            status, raw = call("POST", f"/api/tasks/{task_id}/data", b"", tus)
            assert status == 400 and b"255 bytes" in raw, raw

            # The next request travels on the very same connection, and is answered.
            status, raw = call("GET", f"/api/tasks/{task_id}", headers=auth)
            assert status == 200, raw
            assert connection.sock is socket_before
            assert not list((server.data_dir / "uploads").rglob("*.jpg"))
        finally:
            connection.close()
