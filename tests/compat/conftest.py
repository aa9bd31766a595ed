"""A live `contour serve` for the compatibility suite, and cvat-sdk / cvat-cli clients of it.

One server process for the package (on a free port, with its own data directory; on PostgreSQL when
CONTOUR_TEST_DATABASE_URL is set). Every test registers its own users through the API, so tests
share the server without seeing each other's objects and need no cleanup in between.
"""

from __future__ import annotations

import itertools
import json
import os
import subprocess
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from cvat_sdk.api_client import models
from cvat_sdk.core.client import Client, Config

from tests.live_server import BIN, LiveServer, serving

CVAT_CLI = str(BIN / "cvat-cli")
ADMIN_USERNAME = "compat-admin"
PASSWORD = "compat-password-1"

_user_numbers = itertools.count(1)


@dataclass(frozen=True)
class Account:
    username: str
    password: str
    email: str


Register = Callable[[], Account]
Login = Callable[[Account], Client]


@pytest.fixture(autouse=True)
def clean_database() -> Iterator[None]:
    """No-op override of the root conftest's fixture: the live server owns its database."""
    yield


# Package scope: the server stops when the last compat test is done, before other packages run.
@pytest.fixture(scope="package")
def live_server() -> Iterator[LiveServer]:
    with serving(prefix="contour-compat-", superuser=(ADMIN_USERNAME, PASSWORD, "admin@example.com")) as server:
        yield server


def _config(tmp_dir: Path) -> Config:
    return Config(status_check_period=0.1, cache_dir=tmp_dir / "sdk-cache")


@pytest.fixture
def anonymous_client(live_server: LiveServer, tmp_path: Path) -> Iterator[Client]:
    with Client(live_server.url, config=_config(tmp_path)) as client:
        yield client


@pytest.fixture
def register_user(live_server: LiveServer, tmp_path: Path) -> Register:
    """Registers a fresh user through `POST /api/auth/register`, as the web app's sign-up does."""

    def register() -> Account:
        number = next(_user_numbers)
        account = Account(f"compat-user-{os.getpid()}-{number}", PASSWORD, f"user{number}-{os.getpid()}@example.com")
        with Client(live_server.url, config=_config(tmp_path), check_server_version=False) as client:
            registered, _ = client.api_client.auth_api.create_register(
                models.RegisterSerializerExRequest(
                    username=account.username,
                    email=account.email,
                    password1=account.password,
                    password2=account.password,
                )
            )
        assert registered.username == account.username
        return account

    return register


@pytest.fixture
def login(live_server: LiveServer, tmp_path: Path) -> Iterator[Login]:
    """Opens SDK clients logged in with username and password; closes them after the test."""
    clients: list[Client] = []

    def open_client(account: Account) -> Client:
        client = Client(live_server.url, config=_config(tmp_path))
        client.login((account.username, account.password))
        clients.append(client)
        return client

    yield open_client
    for client in clients:
        client.close()


@pytest.fixture
def user(register_user: Register) -> Account:
    return register_user()


@pytest.fixture
def client(login: Login, user: Account) -> Client:
    """An SDK client of a freshly registered (non-admin) user."""
    return login(user)


@pytest.fixture
def admin_client(login: Login) -> Client:
    return login(Account(ADMIN_USERNAME, PASSWORD, "admin@example.com"))


@dataclass(frozen=True)
class Cli:
    server: LiveServer
    home: Path

    def run(self, account: Account, *args: str, password_in_env: bool = False) -> str:
        """`cvat-cli --server-host http://... --auth user:password ARGS` (or `--auth user` with PASS set)."""
        if password_in_env:
            return self._invoke(["--auth", account.username, *args], {"PASS": account.password})
        return self._invoke(["--auth", f"{account.username}:{account.password}", *args], {})

    def run_with_access_token(self, token: str, *args: str) -> str:
        """`cvat-cli --server-host http://... ARGS` authenticated by CVAT_ACCESS_TOKEN."""
        return self._invoke(list(args), {"CVAT_ACCESS_TOKEN": token})

    def run_json(self, account: Account, *args: str) -> list[dict[str, Any]]:
        return json.loads(self.run(account, *args, "--json"))  # type: ignore[no-any-return]

    def _invoke(self, args: list[str], extra_env: dict[str, str]) -> str:
        env = {k: v for k, v in os.environ.items() if k not in {"CVAT_ACCESS_TOKEN", "PASS"}}
        # A saved profile in the real user's config must not leak in.
        env |= {
            "HOME": str(self.home),
            "XDG_CONFIG_HOME": str(self.home / "config"),
            "XDG_CACHE_HOME": str(self.home / "cache"),
            **extra_env,
        }
        result = subprocess.run(
            [CVAT_CLI, "--server-host", self.server.url, *args],
            env=env, capture_output=True, text=True, timeout=60, stdin=subprocess.DEVNULL,
        )  # fmt: skip
        if result.returncode != 0:
            raise AssertionError(f"cvat-cli {' '.join(args)} failed ({result.returncode}):\n{result.stderr}")
        return result.stdout


@pytest.fixture
def cli(live_server: LiveServer, tmp_path: Path) -> Cli:
    return Cli(live_server, tmp_path / "cli-home")


# Module-scoped counterparts, for modules that build one expensive object (a task with data) and
# only read it in many tests.


@pytest.fixture(scope="module")
def module_tmp_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("module")


@pytest.fixture(scope="module")
def module_user(live_server: LiveServer, module_tmp_path: Path) -> Account:
    number = next(_user_numbers)
    account = Account(f"compat-module-{os.getpid()}-{number}", PASSWORD, f"module{number}-{os.getpid()}@example.com")
    with Client(live_server.url, config=_config(module_tmp_path), check_server_version=False) as client:
        client.api_client.auth_api.create_register(
            models.RegisterSerializerExRequest(
                username=account.username, email=account.email, password1=account.password, password2=account.password
            )
        )
    return account


@pytest.fixture(scope="module")
def module_client(live_server: LiveServer, module_user: Account, module_tmp_path: Path) -> Iterator[Client]:
    with Client(live_server.url, config=_config(module_tmp_path)) as client:
        client.login((module_user.username, module_user.password))
        yield client


@pytest.fixture(scope="module")
def module_cli(live_server: LiveServer, module_tmp_path: Path) -> Cli:
    return Cli(live_server, module_tmp_path / "cli-home")
