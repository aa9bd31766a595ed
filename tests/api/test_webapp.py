"""Serving the built web app: client routes fall back to index.html, caching, precompressed files."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest
from starlette.applications import Starlette
from starlette.responses import JSONResponse
from starlette.routing import Mount, Route
from starlette.testclient import TestClient

from contour.webapp import IMMUTABLE, REVALIDATE, WebAppFiles

INDEX = b"<!doctype html><title>Contour</title><script src='/assets/index-abc123.js'></script>"
SCRIPT = b"console.log('contour');" * 100


@pytest.fixture
def client(tmp_path: Path) -> TestClient:
    (tmp_path / "assets").mkdir()
    (tmp_path / "index.html").write_bytes(INDEX)
    (tmp_path / "favicon.svg").write_bytes(b"<svg/>")
    (tmp_path / "assets" / "index-abc123.js").write_bytes(SCRIPT)
    (tmp_path / "assets" / "index-abc123.js.gz").write_bytes(gzip.compress(SCRIPT))
    (tmp_path / "assets" / "index-abc123.js.br").write_bytes(b"brotli bytes stand-in")
    (tmp_path.parent / "secret.txt").write_text("outside")

    async def about(_request: object) -> JSONResponse:
        return JSONResponse({"name": "Contour"})

    app = Starlette(routes=[Route("/api/server/about", about), Mount("/", WebAppFiles(tmp_path))])
    return TestClient(app)


def test_hashed_assets_are_cached_for_a_year_and_index_is_revalidated(client: TestClient) -> None:
    asset = client.get("/assets/index-abc123.js", headers={"Accept-Encoding": "identity"})
    assert asset.status_code == 200
    assert asset.headers["cache-control"] == IMMUTABLE
    assert asset.content == SCRIPT
    index = client.get("/")
    assert index.headers["cache-control"] == REVALIDATE
    assert index.content == INDEX


def test_brotli_is_preferred_then_gzip(client: TestClient) -> None:
    brotli = client.get("/assets/index-abc123.js", headers={"Accept-Encoding": "gzip, deflate, br"})
    assert brotli.headers["content-encoding"] == "br"
    assert brotli.headers["content-type"].startswith(("text/javascript", "application/javascript"))
    assert brotli.headers["vary"] == "Accept-Encoding"
    assert brotli.content == b"brotli bytes stand-in"  # sent as stored, not re-encoded
    gzipped = client.get("/assets/index-abc123.js", headers={"Accept-Encoding": "gzip"})
    assert gzipped.headers["content-encoding"] == "gzip"
    assert gzipped.content == SCRIPT  # the client decodes it


def test_client_side_routes_get_the_app(client: TestClient) -> None:
    for path in ("/tasks", "/tasks/12", "/projects/3?page=2", "/auth/login"):
        response = client.get(path)
        assert response.status_code == 200, path
        assert response.content == INDEX
        assert response.headers["cache-control"] == REVALIDATE


def test_missing_files_and_api_paths_are_404_not_the_app(client: TestClient) -> None:
    assert client.get("/assets/missing-123.js").status_code == 404
    assert client.get("/logo.png").status_code == 404
    assert client.get("/api/no-such-endpoint").status_code == 404
    assert client.get("/api/server/about").json() == {"name": "Contour"}


def test_paths_outside_the_build_are_not_served(client: TestClient) -> None:
    for path in ("/../secret.txt", "/%2e%2e/secret.txt", "/assets/../../secret.txt"):
        response = client.get(path)
        assert b"outside" not in response.content, path
