"""The browser suite: Debian's Chromium, driven by Playwright, against a live `contour serve`.

One server for the package, serving the built web app (web/dist, or CONTOUR_TEST_WEB_DIST).
Each test gets a fresh browser context; `signed_in` registers a new user through the API and
signs the context in, so tests share the server without seeing each other's objects.
Screenshots go to `test-output/e2e/` (or CONTOUR_TEST_OUTPUT/e2e).
"""

from __future__ import annotations

import itertools
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, Playwright, expect, sync_playwright

from tests.live_server import CHROMIUM, CHROMIUM_FLAGS, ROOT, LiveServer, serving

WEB_DIST = Path(os.environ.get("CONTOUR_TEST_WEB_DIST", ROOT / "web" / "dist"))
OUTPUT = Path(os.environ.get("CONTOUR_TEST_OUTPUT", ROOT / "test-output")) / "e2e"
PASSWORD = "e2e-password-1"
ADMIN = ("e2e-admin", PASSWORD, "e2e-admin@example.com")
TIMEOUT_MS = 15_000

_numbers = itertools.count(1)
expect.set_options(timeout=TIMEOUT_MS)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/e2e/" in str(item.path).replace(os.sep, "/"):
            item.add_marker(pytest.mark.e2e)


@dataclass(frozen=True)
class Account:
    username: str
    password: str
    email: str


@pytest.fixture(autouse=True)
def clean_database() -> Iterator[None]:
    """No-op override of the root conftest's fixture: the live server owns its database."""
    yield


@pytest.fixture(scope="package")
def live_server() -> Iterator[LiveServer]:
    if not (WEB_DIST / "index.html").is_file():
        pytest.fail(f"the web app is not built ({WEB_DIST}/index.html missing): run `make setup`")
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run `make setup` as root, or `apt-get install chromium`")
    with serving(prefix="contour-e2e-", superuser=ADMIN, extra_env={"CONTOUR_WEB_DIST": str(WEB_DIST)}) as server:
        yield server


@pytest.fixture(scope="package")
def playwright_instance() -> Iterator[Playwright]:
    with sync_playwright() as playwright:
        yield playwright


@pytest.fixture(scope="package")
def browser(playwright_instance: Playwright) -> Iterator[Browser]:
    browser = playwright_instance.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS, headless=True)
    yield browser
    browser.close()


@pytest.fixture
def context(browser: Browser, live_server: LiveServer, tmp_path: Path) -> Iterator[BrowserContext]:
    context = browser.new_context(
        base_url=live_server.url, viewport={"width": 1440, "height": 900}, accept_downloads=True
    )
    context.set_default_timeout(TIMEOUT_MS)
    yield context
    context.close()


@pytest.fixture
def page(context: BrowserContext) -> Page:
    return context.new_page()


@pytest.fixture
def new_account(live_server: LiveServer, context: BrowserContext):  # type: ignore[no-untyped-def]
    """Registers a fresh user through the API (not the form) and returns its Account."""

    def register(prefix: str = "e2e-user") -> Account:
        number = next(_numbers)
        account = Account(f"{prefix}-{os.getpid()}-{number}", PASSWORD, f"{prefix}{number}-{os.getpid()}@example.com")
        response = context.request.post(
            "/api/auth/register",
            data={
                "username": account.username,
                "email": account.email,
                "password1": PASSWORD,
                "password2": PASSWORD,
            },
        )
        assert response.status == 201, response.text()
        return account

    return register


@pytest.fixture
def signed_in(new_account, context: BrowserContext, page: Page) -> Account:  # type: ignore[no-untyped-def]
    """A fresh user, signed in in this test's browser context (session and CSRF cookies set)."""
    account: Account = new_account()
    response = context.request.post("/api/auth/login", data={"username": account.username, "password": PASSWORD})
    assert response.status == 200, response.text()
    return account


def api_headers(context: BrowserContext) -> dict[str, str]:
    """Headers for unsafe API calls from the test through the signed-in context."""
    token = next((c["value"] for c in context.cookies() if c["name"] == "csrftoken"), "")
    return {"X-CSRFToken": token}


@pytest.fixture
def screenshot(page: Page, request: pytest.FixtureRequest):  # type: ignore[no-untyped-def]
    """screenshot("tasks-page") writes test-output/e2e/<test name>/<name>.png (the whole page)."""
    folder = OUTPUT / re.sub(r"[^\w.-]+", "_", request.node.name)
    folder.mkdir(parents=True, exist_ok=True)

    def take(name: str) -> Path:
        path = folder / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take
