"""A real `contour serve` process for tests that drive the server from outside (cvat-sdk, a browser).

The server gets a free port and its own data directory; on PostgreSQL when CONTOUR_TEST_DATABASE_URL
is set (it then shares the in-process tests' database, which is emptied when it stops).
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = ROOT / ".venv" / "bin"
CONTOUR = str(BIN / "contour")
STARTUP_TIMEOUT_S = 60
# Debian's Chromium and the flags every browser-driving test or bench launches it with.
CHROMIUM = os.environ.get("CONTOUR_TEST_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@dataclass(frozen=True)
class LiveServer:
    url: str
    data_dir: Path
    log_path: Path

    def log_tail(self, lines: int = 60) -> str:
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return ""


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def server_env(data_dir: Path, extra: Mapping[str, str] | None = None) -> dict[str, str]:
    # The root conftest points CONTOUR_* at the in-process test database; the server gets its own.
    env = {k: v for k, v in os.environ.items() if not k.startswith("CONTOUR_")}
    env["CONTOUR_DATA_DIR"] = str(data_dir)
    env["CONTOUR_ARGON2_TIME_COST"] = "1"
    env["CONTOUR_ARGON2_MEMORY_KIB"] = "1024"
    if os.environ.get("CONTOUR_TEST_DATABASE_URL"):
        env["CONTOUR_DATABASE_URL"] = os.environ["CONTOUR_TEST_DATABASE_URL"]
    env.update(extra or {})
    return env


def wait_until_serving(process: subprocess.Popen[bytes], server: LiveServer) -> None:
    deadline = time.monotonic() + STARTUP_TIMEOUT_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"contour serve exited with {process.returncode}:\n{server.log_tail()}")
        try:
            with urllib.request.urlopen(f"{server.url}/api/server/about", timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.1)
    raise RuntimeError(f"contour serve did not answer within {STARTUP_TIMEOUT_S} s:\n{server.log_tail()}")


def stop_process(process: subprocess.Popen[bytes], timeout_s: float = 20) -> None:
    """SIGTERM, then SIGKILL if it is still there after `timeout_s`."""
    if process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=timeout_s)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


@contextmanager
def serving(
    *, prefix: str, superuser: tuple[str, str, str] | None = None, extra_env: Mapping[str, str] | None = None
) -> Iterator[LiveServer]:
    """Runs `contour serve` until the block ends; `superuser` = (username, password, email)."""
    from tests.conftest import _empty_tables

    data_dir = Path(tempfile.mkdtemp(prefix=prefix))
    env = server_env(data_dir, extra_env)
    log_path = data_dir / "server.log"
    port = free_port()
    server = LiveServer(url=f"http://127.0.0.1:{port}", data_dir=data_dir, log_path=log_path)
    if superuser is not None:
        username, password, email = superuser
        created = subprocess.run(
            [CONTOUR, "createsuperuser", "--username", username, "--password", password, "--email", email],
            env=env, capture_output=True, text=True, timeout=120,
        )  # fmt: skip
        if created.returncode != 0:
            raise RuntimeError(f"contour createsuperuser failed:\n{created.stdout}{created.stderr}")
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            [CONTOUR, "serve", "--host", "127.0.0.1", "--port", str(port)],
            env=env, stdout=log, stderr=subprocess.STDOUT,
        )  # fmt: skip
    try:
        wait_until_serving(process, server)
        yield server
    finally:
        stop_process(process, timeout_s=15)
        shutil.rmtree(data_dir, ignore_errors=True)
        if "CONTOUR_DATABASE_URL" in env:
            # The server shared the in-process tests' PostgreSQL database: leave it empty for them.
            _empty_tables()
