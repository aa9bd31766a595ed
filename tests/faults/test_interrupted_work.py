"""Background work cut short by SIGKILL ends as failed, leaves no process or file behind, and runs again.

Each test starts a real server (or a `contour worker` on the Redis queue), starts some work, kills the process
doing it once the work has reached a given point, and starts a new one on the same data: the request must read
failed within the lease's bound, the same operation must then succeed, no descendant of the killed process may
live on, and the data directory must hold nothing the database does not own.
"""

from __future__ import annotations

import io
import os
import threading
import time
import zipfile
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
import requests

from contour.orphan_files import find_orphans
from tests.faults.harness import Installation, Server, kill, wait_until_gone
from tests.media_factory import image_bytes

pytestmark = pytest.mark.faults

LEASE_S = 4.0
# The reaper runs every lease/3 s, a restarted server at once: the bound leaves room for a loaded machine.
FAILED_WITHIN_S = LEASE_S + 8.0
ADMIN = ("faults-admin", "faults-password-1")
FRAMES = 160


# --- the installation and its API -------------------------------------------------------------------------


class Api:
    def __init__(self, url: str) -> None:
        self.url = url
        self.session = requests.Session()
        login = self.session.post(f"{url}/api/auth/login", json={"username": ADMIN[0], "password": ADMIN[1]},
                                  timeout=60)
        assert login.status_code == 200, login.text
        self.session.headers["Authorization"] = f"Token {login.json()['key']}"

    def call(self, method: str, path: str, **kwargs: Any) -> requests.Response:
        return self.session.request(method, f"{self.url}{path}", timeout=120, **kwargs)

    def request(self, rq_id: str) -> dict[str, Any]:
        response = self.call("GET", f"/api/requests/{rq_id}")
        assert response.status_code == 200, response.text
        body: dict[str, Any] = response.json()
        return body

    def wait(self, rq_id: str, done: Callable[[dict[str, Any]], bool], timeout_s: float) -> dict[str, Any]:
        deadline = time.monotonic() + timeout_s
        while True:
            body = self.request(rq_id)
            if done(body) or time.monotonic() > deadline:
                return body
            time.sleep(0.05)

    def finish(self, rq_id: str) -> dict[str, Any]:
        body = self.wait(rq_id, lambda b: b["status"] in ("finished", "failed"), 300)
        assert body["status"] == "finished", body
        return body


def _database_url() -> str | None:
    return os.environ.get("CONTOUR_TEST_DATABASE_URL")


@pytest.fixture
def installation(tmp_path: Path) -> Iterator[Installation]:
    env = {"CONTOUR_REQUEST_LEASE_S": str(LEASE_S), "CONTOUR_REQUEST_HEARTBEAT_S": "0.5",
           "CONTOUR_CHUNK_WORKERS": "2", "CONTOUR_EMBEDDED_WORKERS": "1"}
    place = Installation(tmp_path / "data", env)
    place.data_dir.mkdir()
    created = place.start("createsuperuser", "--username", ADMIN[0], "--password", ADMIN[1], "--email",
                          "faults@example.com", name="createsuperuser")
    assert created.wait(timeout=120) == 0, place.log_tail()
    yield place
    if _database_url():
        from tests.conftest import _empty_tables

        _empty_tables()  # the servers shared the in-process tests' PostgreSQL database


def _orphans(place: Installation) -> list[str]:
    from sqlalchemy.orm import Session

    from contour.db import make_engine

    engine = make_engine(_database_url() or f"sqlite:///{place.data_dir / 'contour.db'}")
    try:
        with Session(engine) as db:
            return [str(p.relative_to(place.data_dir)) for p in find_orphans(db, place.data_dir)]
    finally:
        engine.dispose()


def _kill_when(api: Api, rq_id: str, progress: float, process: Any, place: Installation) -> set[int]:
    """SIGKILL `process` once the request is started with at least `progress` done; its descendants."""
    body = api.wait(rq_id, lambda b: b["status"] != "queued" and (b["status"] != "started"
                                                                  or (b["progress"] or 0) >= progress), 120)
    assert body["status"] == "started", f"the work ended before the kill point: {body}\n{place.log_tail()}"
    return kill(process)


def _assert_interrupted(api: Api, rq_id: str, place: Installation) -> None:
    started = time.monotonic()
    body = api.wait(rq_id, lambda b: b["status"] != "started", FAILED_WITHIN_S)
    assert body["status"] == "failed", f"still {body} after {time.monotonic() - started:.1f} s\n{place.log_tail()}"
    assert "interrupted" in body["message"]


# --- the work ------------------------------------------------------------------------------------------------


def _photos_zip(count: int = FRAMES) -> bytes:
    photo = image_bytes(1600, 1200, (120, 80, 200), label="frame")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        for number in range(count):
            archive.writestr(f"frame_{number:04d}.jpg", photo)
    return buffer.getvalue()


def _new_task(api: Api) -> int:
    response = api.call("POST", "/api/tasks", json={"name": "interrupted", "labels": [{"name": "car"}]})
    assert response.status_code == 201, response.text
    return int(response.json()["id"])


def _start_creation(api: Api, task_id: int, archive: bytes) -> str:
    response = api.call("POST", f"/api/tasks/{task_id}/data", data={"image_quality": "90"},
                        files=[("client_files[0]", ("frames.zip", archive))])
    assert response.status_code == 202, response.text
    return str(response.json()["rq_id"])


def _task_with_data(api: Api, archive: bytes) -> int:
    task_id = _new_task(api)
    api.finish(_start_creation(api, task_id, archive))
    return task_id


def _exportable_task(api: Api) -> int:
    """A task whose export takes seconds: images to copy and boxes to write on every frame."""
    task_id = _task_with_data(api, _photos_zip(FRAMES * 2))
    label = api.call("GET", "/api/labels", params={"task_id": task_id}).json()["results"][0]["id"]
    shapes = [{"type": "rectangle", "frame": frame, "label_id": label, "points": [i, i, i + 50.5, i + 40.25]}
              for frame in range(FRAMES * 2) for i in range(100)]
    response = api.call("PUT", f"/api/tasks/{task_id}/annotations", json={"shapes": shapes})
    assert response.status_code == 200, response.text[:500]
    return task_id


def _start_export(api: Api, task_id: int) -> str:
    response = api.call("POST", f"/api/tasks/{task_id}/dataset/export",
                        params={"format": "CVAT for images 1.1", "save_images": "true"})
    assert response.status_code == 202, response.text
    return str(response.json()["rq_id"])


def _annotations_xml(task_id: int, api: Api, boxes_per_frame: int) -> bytes:
    frames = api.call("GET", f"/api/tasks/{task_id}/data/meta").json()["frames"]
    lines = ['<?xml version="1.0" encoding="utf-8"?>', "<annotations>", "<version>1.1</version>"]
    for number, frame in enumerate(frames):
        lines.append(f'<image id="{number}" name="{frame["name"]}" width="{frame["width"]}" '
                     f'height="{frame["height"]}">')
        lines.extend(f'<box label="car" occluded="0" source="manual" xtl="{i % 700}.5" ytl="{i % 500}.25" '
                     f'xbr="{i % 700 + 40}.5" ybr="{i % 500 + 30}.25" z_order="0"></box>'
                     for i in range(boxes_per_frame))
        lines.append("</image>")
    lines.append("</annotations>")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("annotations.xml", "\n".join(lines))
    return buffer.getvalue()


def _start_import(api: Api, task_id: int, archive: bytes) -> str:
    response = api.call("POST", f"/api/tasks/{task_id}/annotations", params={"format": "CVAT 1.1"},
                        files={"annotation_file": ("annotations.zip", archive)})
    assert response.status_code == 202, response.text
    return str(response.json()["rq_id"])


# --- embedded queue: the server itself is killed -------------------------------------------------------------


def _skip_on_postgresql() -> None:
    if _database_url():
        pytest.skip("run once, on the SQLite pass (the Redis worker tests cover PostgreSQL)")


@pytest.mark.parametrize("progress", [0.1, 0.5], ids=["analysing", "compressing"])
def test_task_creation_cut_short_by_a_killed_server(installation: Installation, progress: float) -> None:
    _skip_on_postgresql()
    server = installation.serve()
    api = Api(server.url)
    task_id = _new_task(api)
    archive = _photos_zip()
    rq_id = _start_creation(api, task_id, archive)
    below = _kill_when(api, rq_id, progress, server.process, installation)
    assert wait_until_gone(below) == set(), "processes outlived the killed server"

    server = installation.serve()
    api = Api(server.url)
    try:
        _assert_interrupted(api, rq_id, installation)
        task = api.call("GET", f"/api/tasks/{task_id}").json()
        assert "size" not in task and task["jobs"]["count"] == 0
        assert _orphans(installation) == []

        assert api.finish(_start_creation(api, task_id, archive))["id"] == rq_id
        assert api.call("GET", f"/api/tasks/{task_id}").json()["size"] == FRAMES
        assert _orphans(installation) == []
    finally:
        server.stop()


@pytest.mark.parametrize("progress", [0.05, 0.6], ids=["early", "late"])
def test_an_export_cut_short_by_a_killed_server(installation: Installation, progress: float) -> None:
    _skip_on_postgresql()
    server = installation.serve()
    api = Api(server.url)
    task_id = _exportable_task(api)
    rq_id = _start_export(api, task_id)
    _kill_when(api, rq_id, progress, server.process, installation)

    server = installation.serve()
    api = Api(server.url)
    try:
        _assert_interrupted(api, rq_id, installation)
        assert _orphans(installation) == []
        again = api.finish(_start_export(api, task_id))
        download = api.call("GET", again["result_url"].replace(api.url, ""))
        assert download.status_code == 200 and len(zipfile.ZipFile(io.BytesIO(download.content)).namelist()) > FRAMES
        assert _orphans(installation) == []
    finally:
        server.stop()


@pytest.mark.parametrize("progress", [0.05, 0.3], ids=["reading", "importing"])
def test_an_import_cut_short_by_a_killed_server(installation: Installation, progress: float) -> None:
    _skip_on_postgresql()
    server = installation.serve()
    api = Api(server.url)
    task_id = _task_with_data(api, _photos_zip(20))
    annotations = _annotations_xml(task_id, api, boxes_per_frame=4000)
    rq_id = _start_import(api, task_id, annotations)
    _kill_when(api, rq_id, progress, server.process, installation)

    server = installation.serve()
    api = Api(server.url)
    try:
        _assert_interrupted(api, rq_id, installation)
        assert api.call("GET", f"/api/tasks/{task_id}/annotations").json()["shapes"] == []
        assert _orphans(installation) == []
        api.finish(_start_import(api, task_id, annotations))
        assert len(api.call("GET", f"/api/tasks/{task_id}/annotations").json()["shapes"]) == 20 * 4000
        assert _orphans(installation) == []
    finally:
        server.stop()


# --- Redis queue: a `contour worker` is killed, the server stays -----------------------------------------------


@pytest.fixture
def redis_installation(installation: Installation) -> Iterator[Installation]:
    url = os.environ.get("CONTOUR_TEST_REDIS_URL")
    if not url:
        pytest.skip("CONTOUR_TEST_REDIS_URL is not set (no Redis reachable)")
    import redis

    # Messages of earlier tests name requests of other databases: drop them, but not the test runner's claim
    # on this Redis database (scripts/run_tests.py), which the runner checks before emptying it at the end.
    client = redis.Redis.from_url(url)
    client.delete(*[key for key in client.scan_iter() if not key.startswith(b"contour-test:")] or [b"-"])
    installation.extra_env = {**installation.extra_env, "CONTOUR_REDIS_URL": url}
    yield installation


@pytest.mark.redis
@pytest.mark.parametrize("operation", ["creation", "export"])
def test_work_of_a_killed_redis_worker_fails_and_runs_again_on_another(redis_installation: Installation,
                                                                       operation: str) -> None:
    place = redis_installation
    server: Server = place.serve()
    worker = place.worker()
    api = Api(server.url)
    try:
        archive = _photos_zip()
        if operation == "creation":
            task_id = _new_task(api)
            rq_id = _start_creation(api, task_id, archive)
        else:
            task_id = _exportable_task(api)
            rq_id = _start_export(api, task_id)
        below = _kill_when(api, rq_id, 0.3, worker, place)
        assert wait_until_gone(below) == set(), "processes outlived the killed worker"

        _assert_interrupted(api, rq_id, place)  # the server's watchdog sees the worker gone
        assert _orphans(place) == []
        worker = place.worker()
        if operation == "creation":
            api.finish(_start_creation(api, task_id, archive))
            assert api.call("GET", f"/api/tasks/{task_id}").json()["size"] == FRAMES
        else:
            api.finish(_start_export(api, task_id))
        assert _orphans(place) == []
    finally:
        worker.kill()
        worker.wait()
        server.stop()


# --- slow remote downloads: off the queue's workers, yet leased like any work ------------------------------------


class _StallingServer(ThreadingHTTPServer):
    daemon_threads = True
    release: threading.Event

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # the downloader hangs up: that is expected


class _Stall(BaseHTTPRequestHandler):
    """Headers and a few bytes, then nothing (a server that keeps a download going without sending it)."""

    server: _StallingServer

    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        self.send_response(200)
        self.send_header("Content-Length", "1000000")
        self.end_headers()
        self.wfile.write(b"x" * 10)
        self.server.release.wait(60)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def stalling_url() -> Iterator[str]:
    server = _StallingServer(("127.0.0.1", 0), _Stall)
    server.release = threading.Event()
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.release.set()
    server.shutdown()
    server.server_close()


def _start_download(api: Api, url: str) -> str:
    task_id = _new_task(api)
    response = api.call("POST", f"/api/tasks/{task_id}/data", json={"image_quality": 70, "remote_files": [url]})
    assert response.status_code == 202, response.text
    rq_id = str(response.json()["rq_id"])
    body = api.wait(rq_id, lambda b: b["status"] == "started" and "received" in b["message"], 60)
    assert "received" in body["message"], body
    return rq_id


def test_a_download_cut_short_by_a_killed_server(installation: Installation, stalling_url: str) -> None:
    _skip_on_postgresql()
    installation.extra_env = {**installation.extra_env, "CONTOUR_REMOTE_ALLOW_PRIVATE": "true"}
    server = installation.serve()
    rq_id = _start_download(Api(server.url), f"{stalling_url}/a.jpg")
    kill(server.process)

    server = installation.serve()
    try:
        _assert_interrupted(Api(server.url), rq_id, installation)
        assert _orphans(installation) == []
    finally:
        server.stop()


@pytest.mark.redis
def test_a_redis_worker_runs_a_local_task_while_it_downloads_slowly(redis_installation: Installation,
                                                                    stalling_url: str) -> None:
    place = redis_installation
    place.extra_env = {**place.extra_env, "CONTOUR_REMOTE_ALLOW_PRIVATE": "true"}
    server = place.serve()
    worker = place.worker()  # one thread
    api = Api(server.url)
    try:
        slow = [_start_download(api, f"{stalling_url}/{name}.jpg") for name in ("a", "b")]
        started = time.monotonic()
        api.finish(_start_creation(api, _new_task(api), _photos_zip(2)))
        assert time.monotonic() - started < 15.0, place.log_tail()
        for rq_id in slow:
            assert api.request(rq_id)["status"] == "started"
            assert api.call("POST", f"/api/requests/{rq_id}/cancel").status_code == 200
            assert api.wait(rq_id, lambda b: b["status"] == "failed", 10)["status"] == "failed"
    finally:
        worker.kill()
        worker.wait()
        server.stop()
