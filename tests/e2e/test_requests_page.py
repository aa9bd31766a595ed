"""The Requests page: background operations with live status, result downloads, failures in words,
and cancelling work that is still queued (on a server of its own whose queue runs nothing)."""

from __future__ import annotations

import re
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from playwright.sync_api import APIRequestContext, Browser, BrowserContext, Page, expect

from tests.e2e.conftest import OUTPUT, PASSWORD, TIMEOUT_MS, WEB_DIST, Account, api_headers
from tests.live_server import LiveServer, serving
from tests.media_factory import image_bytes

EXPORT_FORMAT = quote("CVAT for images 1.1")
LABELS = [{"name": "car"}, {"name": "person"}]


def _settle(page: Page) -> None:
    page.wait_for_timeout(400)


def _wait_request(api: APIRequestContext, rq_id: str, timeout_s: float = 60) -> dict[str, Any]:
    deadline = time.monotonic() + timeout_s
    while True:
        body: dict[str, Any] = api.get(f"/api/requests/{quote(rq_id, safe='')}").json()
        if body["status"] in ("finished", "failed"):
            return body
        assert time.monotonic() < deadline, body
        time.sleep(0.2)


def _task_with_images(context: BrowserContext, frames: int = 3) -> dict[str, Any]:
    """A task with labels and a few generated JPEGs, made through the API as the create form does."""
    headers = api_headers(context)
    task = context.request.post("/api/tasks", data={"name": "exported task", "labels": LABELS}, headers=headers)
    assert task.status == 201, task.text()
    files: dict[str, Any] = {
        f"client_files[{i}]": {
            "name": f"frame_{i:02d}.jpg",
            "mimeType": "image/jpeg",
            "buffer": image_bytes(96, 64, color=(40 * i, 120, 200), label=str(i)),
        }
        for i in range(frames)
    }
    upload = context.request.post(
        f"/api/tasks/{task.json()['id']}/data", multipart=files | {"image_quality": "70"}, headers=headers
    )
    assert upload.status == 202, upload.text()
    created = _wait_request(context.request, upload.json()["rq_id"])
    assert created["status"] == "finished", created
    return task.json()


def _row(page: Page, *texts: str):  # type: ignore[no-untyped-def]
    rows = page.get_by_test_id("request-row")
    for text in texts:
        rows = rows.filter(has_text=text)
    return rows


def test_a_new_user_sees_an_empty_list(page: Page, signed_in: Account, screenshot) -> None:  # type: ignore[no-untyped-def]
    page.goto("/requests")
    expect(page.get_by_text("No background requests yet.")).to_be_visible()
    screenshot("empty")


def test_a_finished_export_is_listed_and_downloads_its_file(  # type: ignore[no-untyped-def]
    page: Page, context: BrowserContext, signed_in: Account, screenshot, tmp_path: Path
) -> None:
    task = _task_with_images(context)
    exported = context.request.post(
        f"/api/tasks/{task['id']}/dataset/export?format={EXPORT_FORMAT}&save_images=true", headers=api_headers(context)
    )
    assert exported.status == 202, exported.text()

    page.goto("/requests")
    row = _row(page, "Export dataset", f"Task #{task['id']}")
    expect(row).to_contain_text("CVAT for images 1.1")
    expect(row.get_by_test_id("request-status")).to_have_text("Finished", timeout=60_000)
    expect(row).to_contain_text("took")
    creation = _row(page, "Create task", f"Task #{task['id']}")
    expect(creation.get_by_test_id("request-status")).to_have_text("Finished")
    _settle(page)
    screenshot("finished-export")

    with page.expect_download() as download_info:
        row.get_by_role("link", name="Download").click()
    download = download_info.value
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    assert saved.suffix == ".zip"
    with zipfile.ZipFile(saved) as archive:
        names = archive.namelist()
    assert "annotations.xml" in names, names
    assert any(name.endswith(".jpg") for name in names), names

    # The task link opens the task the export came from.
    row.get_by_role("link", name=f"Task #{task['id']}").click()
    expect(page).to_have_url(f"/tasks/{task['id']}")


def test_a_failed_import_is_explained_and_the_failed_filter_keeps_it(  # type: ignore[no-untyped-def]
    page: Page, context: BrowserContext, signed_in: Account, screenshot
) -> None:
    headers = api_headers(context)
    project = context.request.post("/api/projects", data={"name": "import target", "labels": LABELS}, headers=headers)
    assert project.status == 201, project.text()
    project_id = project.json()["id"]
    imported = context.request.post(
        f"/api/projects/{project_id}/dataset?format={quote('CVAT 1.1')}",
        multipart={
            "dataset_file": {"name": "broken.zip", "mimeType": "application/zip", "buffer": b"not a zip at all"}
        },
        headers=headers,
    )
    assert imported.status == 202, imported.text()
    failure = _wait_request(context.request, imported.json()["rq_id"])
    assert failure["status"] == "failed" and failure["message"], failure
    exported = context.request.post(
        f"/api/projects/{project_id}/dataset/export?format={EXPORT_FORMAT}", headers=headers
    )
    assert _wait_request(context.request, exported.json()["rq_id"])["status"] == "finished"

    page.goto("/requests")
    failed_row = _row(page, "Import dataset", f"Project #{project_id}")
    expect(failed_row.get_by_test_id("request-status")).to_have_text("Failed")
    expect(failed_row).to_contain_text(failure["message"][:40])
    expect(_row(page, "Export annotations")).to_have_count(1)
    _settle(page)
    screenshot("failed-import")

    page.get_by_test_id("requests-status-filter").get_by_text("Failed").click()
    expect(page).to_have_url("/requests?status=failed")
    expect(_row(page, "Export annotations")).to_have_count(0)
    expect(failed_row).to_be_visible()
    page.reload()
    expect(failed_row).to_be_visible()
    expect(page.get_by_test_id("request-row")).to_have_count(1)


# --- cancelling needs work that stays queued: a server whose queue has no workers ----------------


@pytest.fixture(scope="module")
def idle_server() -> Iterator[LiveServer]:
    env = {"CONTOUR_WEB_DIST": str(WEB_DIST), "CONTOUR_EMBEDDED_WORKERS": "0"}
    with serving(prefix="contour-e2e-idle-", extra_env=env) as server:
        yield server


@pytest.fixture
def idle_screenshot(request: pytest.FixtureRequest):  # type: ignore[no-untyped-def]
    """The `screenshot` fixture's folders, for a page of the idle server."""
    folder = OUTPUT / re.sub(r"[^\w.-]+", "_", request.node.name)
    folder.mkdir(parents=True, exist_ok=True)

    def take(page: Page, name: str) -> None:
        page.screenshot(path=str(folder / f"{name}.png"), full_page=True)

    return take


@pytest.fixture
def idle_context(browser: Browser, idle_server: LiveServer) -> Iterator[BrowserContext]:
    context = browser.new_context(base_url=idle_server.url, viewport={"width": 1440, "height": 900})
    context.set_default_timeout(TIMEOUT_MS)
    yield context
    context.close()


def test_cancelling_a_queued_export_asks_the_server_to_drop_it(  # type: ignore[no-untyped-def]
    idle_context: BrowserContext, idle_screenshot
) -> None:
    api = idle_context.request
    username = "queue-watcher"
    registered = api.post(
        "/api/auth/register",
        data={"username": username, "email": "watcher@example.com", "password1": PASSWORD, "password2": PASSWORD},
    )
    assert registered.status == 201, registered.text()
    assert api.post("/api/auth/login", data={"username": username, "password": PASSWORD}).status == 200
    headers = api_headers(idle_context)
    task = api.post("/api/tasks", data={"name": "waits forever", "labels": LABELS}, headers=headers).json()
    rq_id = api.post(f"/api/tasks/{task['id']}/dataset/export?format={EXPORT_FORMAT}", headers=headers).json()["rq_id"]

    page = idle_context.new_page()
    page.goto("/requests")
    row = _row(page, "Export annotations", f"Task #{task['id']}")
    expect(row.get_by_test_id("request-status")).to_have_text("Queued")
    expect(row).to_contain_text("Waiting in the queue")
    expect(page.get_by_test_id("requests-live")).to_be_visible()
    _settle(page)
    idle_screenshot(page, "queued")
    row.get_by_role("button", name="Cancel").click()
    _settle(page)
    idle_screenshot(page, "cancel-confirm")
    with page.expect_response(lambda r: r.url.endswith("/cancel") and r.request.method == "POST") as cancelled:
        page.get_by_role("button", name="Cancel request").click()
    assert cancelled.value.status == 200
    expect(page.get_by_text("Cancellation requested.")).to_be_visible()
    expect(row.get_by_role("button", name="Cancelling…")).to_be_disabled()
    expect(row).to_contain_text("Cancelling.")
    idle_screenshot(page, "cancelling")
    assert api.get(f"/api/requests/{quote(rq_id, safe='')}").json()["message"] == "Cancelling."
