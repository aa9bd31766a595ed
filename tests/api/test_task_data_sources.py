"""Remote URLs as task data (through the API), and the chunk caches' size bounds."""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from contour.config import get_settings
from contour.resources.data.cache import DiskChunkCache, RedisChunkCache
from tests.api.data_helpers import wait_request
from tests.factories import Factory
from tests.media_factory import image_bytes

PICTURES = {"/a.jpg": image_bytes(40, 30), "/b.jpg": image_bytes(50, 30), "/bad.jpg": b"not a picture at all"}


class _Pictures(BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        body = PICTURES.get(self.path)
        if body is None:
            self.send_error(404)
            return
        self.send_response(200)
        self.send_header("Content-Type", "image/jpeg")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def picture_server() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Pictures)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture
def allow_private_downloads() -> Iterator[None]:
    settings = get_settings()
    settings.remote_allow_private = True
    yield
    settings.remote_allow_private = False


def test_remote_files_are_downloaded(factory: Factory, worker: None, picture_server: str,
                                     allow_private_downloads: None) -> None:
    user = factory.user()
    task = factory.task(user)
    urls = [f"{picture_server}/b.jpg", f"{picture_server}/a.jpg"]
    response = user.post(f"/api/tasks/{task['id']}/data", json={"image_quality": 70, "remote_files": urls})
    assert wait_request(user, response.json()["rq_id"])["status"] == "finished"
    meta = user.get(f"/api/tasks/{task['id']}/data/meta").json()
    assert [(f["name"], f["width"]) for f in meta["frames"]] == [("a.jpg", 40), ("b.jpg", 50)]


def test_private_addresses_are_refused_by_default(factory: Factory, worker: None, picture_server: str) -> None:
    user = factory.user()
    task = factory.task(user)
    response = user.post(f"/api/tasks/{task['id']}/data", json={"remote_files": [f"{picture_server}/a.jpg"]})
    request = wait_request(user, response.json()["rq_id"])
    assert request["status"] == "failed" and "127.0.0.1" in request["message"]


def test_a_missing_remote_file_is_named(factory: Factory, worker: None, picture_server: str,
                                        allow_private_downloads: None) -> None:
    user = factory.user()
    task = factory.task(user)
    response = user.post(f"/api/tasks/{task['id']}/data", json={"remote_files": [f"{picture_server}/nope.jpg"]})
    request = wait_request(user, response.json()["rq_id"])
    assert request["status"] == "failed" and "nope.jpg" in request["message"]


def test_a_corrupt_remote_image_is_named_by_its_url_not_its_server_path(
    factory: Factory, worker: None, picture_server: str, allow_private_downloads: None
) -> None:
    user = factory.user()
    task = factory.task(user)
    url = f"{picture_server}/bad.jpg"
    response = user.post(f"/api/tasks/{task['id']}/data", json={"remote_files": [f"{picture_server}/a.jpg", url]})
    request = wait_request(user, response.json()["rq_id"])
    assert request["status"] == "failed" and request["message"].startswith(f"{url}: not a readable image")
    assert str(get_settings().data_dir) not in request["message"] and "/tmp" not in request["message"]


def test_disk_cache_stays_under_its_size_limit(tmp_path) -> None:  # type: ignore[no-untyped-def]
    limit = 40 * 2**20
    cache = DiskChunkCache(str(tmp_path / "cache"), size_limit=limit)
    for number in range(400):
        cache.set(f"chunk{number}", os.urandom(200 * 1024), task_id=1)
    files = sum(p.stat().st_size for p in (tmp_path / "cache").rglob("*") if p.is_file())
    assert files <= limit, "values, index and its write-ahead log all fit in the limit"
    assert cache.get("chunk399") is not None and cache.get("chunk0") is None


def test_disk_cache_evicts_one_task(tmp_path) -> None:  # type: ignore[no-untyped-def]
    cache = DiskChunkCache(str(tmp_path / "cache"), size_limit=2**30)
    cache.set("a", b"x" * 100_000, task_id=1)
    cache.set("b", b"y" * 100_000, task_id=2)
    cache.evict_task(1)
    assert cache.get("a") is None and cache.get("b") is not None


@pytest.mark.redis
def test_redis_cache_trims_least_recently_used_and_evicts_tasks() -> None:
    url = os.environ.get("CONTOUR_TEST_REDIS_URL")
    if not url:
        pytest.skip("CONTOUR_TEST_REDIS_URL is not set (no Redis reachable)")
    cache = RedisChunkCache(url, size_limit=1_000_000)
    cache.clear()
    try:
        for number in range(8):
            cache.set(f"c{number}", bytes(200_000), task_id=number % 2)
            cache.get("c0")  # keep c0 recently used
        assert cache.volume() <= 1_000_000
        assert cache.get("c0") is not None and cache.get("c1") is None
        cache.evict_task(0)
        assert cache.get("c0") is None
        assert all(cache.get(f"c{n}") is None for n in range(0, 8, 2))
    finally:
        cache.clear()
