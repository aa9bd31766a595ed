"""The `contour` command: migrate, createsuperuser, and serve's first-run hint."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest


def _env(data_dir: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("CONTOUR_")}
    env.update(CONTOUR_DATA_DIR=str(data_dir), CONTOUR_ARGON2_TIME_COST="1", CONTOUR_ARGON2_MEMORY_KIB="1024")
    if os.environ.get("CONTOUR_TEST_DATABASE_URL"):
        pytest.skip("the CLI is exercised on the embedded SQLite default")
    return env


def _contour(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "contour", *args], env=env, capture_output=True, text=True, timeout=120)


def test_migrate_creates_the_database_in_the_data_dir(tmp_path: Path) -> None:
    result = _contour("migrate", env=_env(tmp_path))
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "contour.db").exists()


def test_createsuperuser_then_login(tmp_path: Path) -> None:
    env = _env(tmp_path)
    created = _contour("createsuperuser", "--username", "root", "--password", "s3cret-pass", "--email", "r@x.io", env=env)
    assert created.returncode == 0, created.stderr
    again = _contour("createsuperuser", "--username", "root", "--password", "s3cret-pass", env=env)
    assert again.returncode == 2 and "already exists" in again.stderr


def test_createsuperuser_refuses_a_short_password(tmp_path: Path) -> None:
    result = _contour("createsuperuser", "--username", "root", "--password", "short", env=_env(tmp_path))
    assert result.returncode == 2


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_serve_tells_a_fresh_install_how_to_get_in(tmp_path: Path) -> None:
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "contour", "serve", "--host", "127.0.0.1", "--port", str(port)],
        env=_env(tmp_path), stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/server/about", timeout=2) as response:
                    assert response.status == 200
                    break
            except OSError:
                assert server.poll() is None, "server exited early"
                assert time.monotonic() < deadline, "server did not start"
                time.sleep(0.3)
    finally:
        server.terminate()
        output, _ = server.communicate(timeout=30)
    assert "contour createsuperuser" in output
    assert (tmp_path / "contour.db").exists()
