"""Slow remote servers: task downloads have a deadline and a minimum rate, stop when cancelled, keep their lease,
and never hold the queue's workers, so other users' tasks go on meanwhile (with the one worker thread of the
`worker` fixture)."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

from contour.config import Settings, get_settings
from contour.db import transaction, utcnow
from contour.resources.data.files import task_dir
from contour.resources.requests import leases
from contour.resources.requests.models import BackgroundRequest
from contour.resources.requests.runner import clean_up_after
from tests.api.data_helpers import upload, wait_request
from tests.factories import ApiUser, Factory
from tests.media_factory import image_bytes

PICTURE = image_bytes(40, 30)
TRICKLE_EVERY_S = 0.2  # one byte each time: 5 bytes/s


class _SlowServer(ThreadingHTTPServer):
    daemon_threads = True
    release: threading.Event

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # the downloader hangs up on slow answers: that is the point


class _Slow(BaseHTTPRequestHandler):
    server: _SlowServer

    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        body = PICTURE if self.path.startswith("/fast") else b"x" * 100_000
        self.send_response(200)
        self.send_header("Content-Type", "image/jpeg")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.path.startswith("/fast"):
            self.wfile.write(body)
        elif self.path.startswith("/trickle"):
            for byte in range(len(body)):
                if self.server.release.wait(TRICKLE_EVERY_S):
                    return
                self.wfile.write(body[byte:byte + 1])
        else:  # /stall: the headers, then nothing
            self.server.release.wait(60)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def slow_server() -> Iterator[str]:
    server = _SlowServer(("127.0.0.1", 0), _Slow)
    server.release = threading.Event()
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.release.set()
    server.shutdown()
    server.server_close()


@pytest.fixture
def limits() -> Iterator[Settings]:
    """Settings the test may change (downloads from this host allowed), restored afterwards."""
    settings = get_settings()
    names = ("remote_allow_private", "remote_total_timeout_s", "remote_min_bytes_per_s", "remote_rate_window_s",
             "request_lease_s")
    saved = {name: getattr(settings, name) for name in names}
    settings.remote_allow_private = True
    settings.remote_min_bytes_per_s = 0.0
    yield settings
    for name, value in saved.items():
        setattr(settings, name, value)


def _start(user: ApiUser, factory: Factory, urls: list[str]) -> tuple[int, str]:
    task = factory.task(user)
    response = user.post(f"/api/tasks/{task['id']}/data", json={"image_quality": 70, "remote_files": urls})
    assert response.status_code == 202, response.text
    return task["id"], response.json()["rq_id"]


def _wait_downloading(user: ApiUser, rq_id: str, timeout: float = 10) -> dict[str, Any]:
    """Wait until the request reports bytes received (its download is under way)."""
    deadline = time.monotonic() + timeout
    while True:
        body = user.get(f"/api/requests/{rq_id}").json()
        if body["status"] == "started" and "received" in body["message"]:
            return body
        assert body["status"] in ("queued", "started") and time.monotonic() < deadline, body
        time.sleep(0.05)


def _cancel_and_wait(user: ApiUser, rq_id: str) -> dict[str, Any]:
    assert user.post(f"/api/requests/{rq_id}/cancel").status_code == 200
    return wait_request(user, rq_id, timeout=10)


def test_a_download_past_the_total_deadline_fails_the_task_within_the_bound(
    factory: Factory, worker: None, slow_server: str, limits: Settings
) -> None:
    limits.remote_total_timeout_s = 1.5
    user = factory.user()
    started = time.monotonic()
    task_id, rq_id = _start(user, factory, [f"{slow_server}/fast.jpg", f"{slow_server}/trickle.jpg"])

    request = wait_request(user, rq_id, timeout=15)

    assert time.monotonic() - started < 1.5 + 3.0  # the bound, and the queue's polling
    assert request["status"] == "failed"
    assert f"'{slow_server}/trickle.jpg'" in request["message"] and "limit of 1.5 s" in request["message"]
    assert not task_dir(task_id).exists()  # the file that did arrive went too
    assert "size" not in user.get(f"/api/tasks/{task_id}").json()  # no data


def test_a_trickle_below_the_minimum_rate_fails_the_task(
    factory: Factory, worker: None, slow_server: str, limits: Settings
) -> None:
    limits.remote_min_bytes_per_s, limits.remote_rate_window_s = 100.0, 1.0
    user = factory.user()
    started = time.monotonic()
    task_id, rq_id = _start(user, factory, [f"{slow_server}/trickle.jpg"])

    request = wait_request(user, rq_id, timeout=15)

    assert time.monotonic() - started < 1.0 + 3.0
    assert request["status"] == "failed"
    assert f"'{slow_server}/trickle.jpg'" in request["message"]
    assert "below the minimum rate of 100 bytes/s" in request["message"]
    assert not task_dir(task_id).exists()


def test_a_download_within_the_limits_creates_the_task(
    factory: Factory, worker: None, slow_server: str, limits: Settings
) -> None:
    limits.remote_total_timeout_s, limits.remote_min_bytes_per_s, limits.remote_rate_window_s = 10.0, 1000.0, 0.5
    user = factory.user()
    task_id, rq_id = _start(user, factory, [f"{slow_server}/fast.jpg", f"{slow_server}/fast2.jpg"])

    assert wait_request(user, rq_id)["status"] == "finished"
    meta = user.get(f"/api/tasks/{task_id}/data/meta").json()
    assert [f["name"] for f in meta["frames"]] == ["fast.jpg", "fast2.jpg"]


@pytest.mark.parametrize("path", ["/trickle.jpg", "/stall.jpg"])
def test_cancelling_stops_a_slow_download_promptly(
    factory: Factory, worker: None, slow_server: str, limits: Settings, path: str
) -> None:
    user = factory.user()
    task_id, rq_id = _start(user, factory, [f"{slow_server}{path}"])
    _wait_downloading(user, rq_id)

    cancelled_at = time.monotonic()
    request = _cancel_and_wait(user, rq_id)

    assert time.monotonic() - cancelled_at < 3.0
    assert request["status"] == "failed" and request["message"] == "Cancelled by the user."
    assert not task_dir(task_id).exists()


def test_a_long_download_keeps_its_lease_and_reports_progress(
    factory: Factory, worker: None, slow_server: str, limits: Settings
) -> None:
    limits.request_lease_s = 2.0
    user = factory.user()
    _task_id, rq_id = _start(user, factory, [f"{slow_server}/trickle.jpg"])
    first = _wait_downloading(user, rq_id)["message"]
    time.sleep(2 * limits.request_lease_s)

    assert leases.reap_abandoned(clean_up_after) == []  # what every watchdog does
    body = user.get(f"/api/requests/{rq_id}").json()
    assert body["status"] == "started" and "received" in body["message"] and body["message"] != first
    with transaction() as db:
        request = db.get(BackgroundRequest, rq_id)
        assert request is not None and request.heartbeat_date is not None
        assert utcnow() - request.heartbeat_date < timedelta(seconds=limits.request_lease_s)
    assert _cancel_and_wait(user, rq_id)["status"] == "failed"


def test_a_local_task_finishes_while_two_slow_downloads_are_in_progress(
    factory: Factory, worker: None, slow_server: str, limits: Settings
) -> None:
    user = factory.user()
    slow = [_start(user, factory, [f"{slow_server}/{path}.jpg"])[1] for path in ("trickle", "stall")]
    for rq_id in slow:
        _wait_downloading(user, rq_id)
    small = factory.task(user)

    started = time.monotonic()
    request = upload(user, small["id"], {"a.jpg": PICTURE}, image_quality=70)

    assert request["status"] == "finished" and time.monotonic() - started < 5.0
    assert [user.get(f"/api/requests/{rq_id}").json()["status"] for rq_id in slow] == ["started", "started"]
    for rq_id in slow:
        assert _cancel_and_wait(user, rq_id)["status"] == "failed"
