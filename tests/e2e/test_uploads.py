"""Large uploads from the browser: task data and dataset imports go by Upload-Start, Upload-Multiple
batches for small files, TUS chunks for big ones and Upload-Finish, with progress and Cancel upload.

The big files are PNGs of random noise (incompressible, so they stay over the 5 MiB TUS threshold).
"Midway" is made deterministic by holding TUS chunk requests with `page.route`: the browser waits on
them as it would on a slow link, until the test lets them go or the user cancels.
"""

from __future__ import annotations

import io
import re
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import numpy as np
from PIL import Image
from playwright.sync_api import BrowserContext, Page, Request, Route, expect

from tests.e2e.conftest import Account, api_headers
from tests.e2e.test_task_page import (
    _json,
    create_project,
    export_via_api,
    footer_button,
    open_action,
    put_rectangle,
    shapes_of,
    snap,
    toast,
    wait_for_request,
)
from tests.live_server import LiveServer

MiB = 1024 * 1024
TUS_THRESHOLD = 5 * MiB
WAIT_MS = 90_000
STEP_HEADERS = (
    ("upload-start", "start"),
    ("upload-multiple", "multiple"),
    ("upload-length", "tus-create"),
    ("upload-finish", "finish"),
)


def noise_png(width: int = 1450, height: int = 1400, seed: int = 0) -> bytes:
    """About 6 MB: three incompressible bytes a pixel."""
    pixels = np.random.default_rng(seed).integers(0, 256, (height, width, 3), dtype=np.uint8)
    buffer = io.BytesIO()
    Image.fromarray(pixels).save(buffer, format="PNG", compress_level=1)
    data = buffer.getvalue()
    assert len(data) > TUS_THRESHOLD
    return data


def small_png(index: int) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), (30 * index % 256, 100, 180)).save(buffer, format="PNG")
    return buffer.getvalue()


def image_set(folder: Path, big: int, small: int) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for index in range(big):
        path = folder / f"big_{index}.png"
        path.write_bytes(noise_png(seed=index))
        paths.append(path)
    for index in range(small):
        path = folder / f"small_{index}.png"
        path.write_bytes(small_png(index))
        paths.append(path)
    return paths


def record_requests(page: Page) -> list[Request]:
    seen: list[Request] = []
    page.on("request", lambda request: seen.append(request))
    return seen


def steps_of(requests: list[Request], path: str) -> list[str]:
    """The upload protocol steps the browser sent to `path` (and its TUS file URLs), in order."""
    chunk_url = re.compile(re.escape(path) + r"/[0-9a-f]{32}$")
    steps = []
    for request in requests:
        url = urlsplit(request.url).path
        if request.method == "PATCH" and chunk_url.search(url):
            steps.append("tus-patch")
        elif request.method == "POST" and url.endswith(path):
            steps.extend(step for header, step in STEP_HEADERS if header in request.headers)
    return steps


def hold_tus_chunks(page: Page, pattern: str, let_through: int) -> list[Route]:
    """Lets the first `let_through` TUS chunks pass and holds the rest (a link that stalled)."""
    held: list[Route] = []
    passed = 0

    def handle(route: Route) -> None:
        nonlocal passed
        if route.request.method != "PATCH":
            route.continue_()
        elif passed < let_through:
            passed += 1
            route.continue_()
        else:
            held.append(route)

    page.route(pattern, handle)
    return held


def wait_until(page: Page, condition: Callable[[], bool], what: str, timeout_ms: int = WAIT_MS) -> None:
    """Polls while Playwright keeps dispatching (route handlers run while the page waits)."""
    waited = 0
    while not condition():
        assert waited < timeout_ms, f"timed out waiting for {what}"
        page.wait_for_timeout(100)
        waited += 100


def fill_task_form(page: Page, name: str, files: list[Path]) -> None:
    page.goto("/tasks/create")
    page.locator("#task-name").fill(name)
    page.get_by_role("button", name="Add label").click()
    page.get_by_placeholder("Label name").fill("cell")
    page.get_by_test_id("label-form").get_by_role("button", name="Done").click()
    page.get_by_test_id("local-files-input").set_input_files([str(p) for p in files])
    expect(page.get_by_test_id("local-files-summary")).to_contain_text(f"{len(files)} files")


def task_named(context: BrowserContext, name: str) -> dict[str, Any]:
    tasks = _json(context.request.get(f"/api/tasks?search={name}"))["results"]
    [task] = [t for t in tasks if t["name"] == name]
    return task


# --- task data ----------------------------------------------------------------------------------------


def test_big_images_go_by_tus_and_small_ones_in_a_batch_and_every_frame_arrives(
    page: Page, context: BrowserContext, signed_in: Account, tmp_path: Path, screenshot: Any
) -> None:
    files = image_set(tmp_path / "images", big=2, small=3)
    requests = record_requests(page)
    fill_task_form(page, "Microscopy scans", files)
    screenshot("01-filled-form")

    page.get_by_role("button", name="Submit & Open").click()
    expect(page).to_have_url(re.compile(r"/tasks/\d+$"), timeout=WAIT_MS)
    task_id = int(page.url.rsplit("/", 1)[1])
    expect(page.get_by_test_id("task-name")).to_contain_text("Microscopy scans")
    snap(page, screenshot, "02-task-page")

    steps = steps_of(requests, f"/api/tasks/{task_id}/data")
    assert steps == ["start", "multiple", "tus-create", "tus-patch", "tus-create", "tus-patch", "finish"], steps
    meta = _json(context.request.get(f"/api/tasks/{task_id}/data/meta"))
    assert sorted(frame["name"] for frame in meta["frames"]) == sorted(p.name for p in files)
    sizes = {frame["name"]: (frame["width"], frame["height"]) for frame in meta["frames"]}
    assert sizes["big_0.png"] == (1450, 1400)
    assert sizes["small_2.png"] == (64, 48)
    assert _json(context.request.get(f"/api/tasks/{task_id}"))["size"] == 5


def test_cancelling_an_upload_midway_deletes_the_half_made_task(
    page: Page, context: BrowserContext, signed_in: Account, live_server: LiveServer, tmp_path: Path, screenshot: Any
) -> None:
    files = image_set(tmp_path / "images", big=2, small=2)
    held = hold_tus_chunks(page, "**/api/tasks/*/data/*", let_through=1)
    name = f"Cancelled scans {uuid.uuid4().hex[:6]}"
    fill_task_form(page, name, files)
    page.get_by_role("button", name="Submit & Open").click()

    wait_until(page, lambda: len(held) == 1, "the second big file's chunk")
    status = page.get_by_test_id("task-creation-status")
    expect(status).to_contain_text(re.compile(r"Uploading… [1-9]\d%"))
    expect(status).to_contain_text(re.compile(r"\d MiB of 1\d\.\d MiB"))
    task = task_named(context, name)
    staging = live_server.data_dir / "uploads" / "tasks" / str(task["id"])
    assert (staging / "big_0.png").is_file()
    snap(page, screenshot, "01-uploading")

    page.get_by_test_id("cancel-upload").click()
    confirm = page.get_by_role("dialog").filter(has_text="Cancel the upload?")
    expect(confirm).to_contain_text(f"task #{task['id']} is deleted")
    snap(page, screenshot, "02-confirm-cancel")
    confirm.get_by_role("button", name="Keep uploading").click()
    expect(confirm).to_have_count(0)
    expect(page.get_by_test_id("cancel-upload")).to_be_visible()

    page.get_by_test_id("cancel-upload").click()
    page.get_by_role("dialog").filter(has_text="Cancel the upload?").get_by_role("button", name="Cancel upload").click()
    expect(toast(page, f"Upload cancelled; task #{task['id']} was deleted.")).to_be_visible()
    expect(page.get_by_test_id("task-creation-progress")).to_have_count(0)
    expect(page.get_by_role("button", name="Submit & Open")).to_be_enabled()
    snap(page, screenshot, "03-after-cancel")

    assert context.request.get(f"/api/tasks/{task['id']}").status == 404
    assert not staging.exists()
    page.unroute_all(behavior="ignoreErrors")


def test_a_refused_tus_upload_is_shown_in_the_servers_words(
    page: Page, context: BrowserContext, signed_in: Account, tmp_path: Path, screenshot: Any
) -> None:
    # Stands in for a server run with a lower CONTOUR_UPLOAD_MAX_BYTES: its 413, in its body shape.
    refusal = "'big_0.png' is 6099101 bytes; the limit is 4194304."

    def refuse_tus_creation(route: Route) -> None:
        if route.request.method == "POST" and "upload-length" in route.request.headers:
            route.fulfill(status=413, json={"detail": refusal, "code": "too_large"})
        else:
            route.continue_()

    page.route("**/api/tasks/*/data", refuse_tus_creation)
    files = image_set(tmp_path / "images", big=1, small=1)
    fill_task_form(page, "Too big", files)
    page.get_by_role("button", name="Submit & Open").click()
    progress = page.get_by_test_id("task-creation-progress")
    expect(progress).to_contain_text("The task could not be created", timeout=WAIT_MS)
    expect(progress).to_contain_text(refusal)
    snap(page, screenshot, "01-refused")
    page.get_by_role("button", name="Delete the task").click()
    expect(toast(page, "The unfinished task was deleted.")).to_be_visible()
    assert [
        t for t in _json(context.request.get("/api/tasks?search=Too big"))["results"] if t["name"] == "Too big"
    ] == []


# --- dataset import -------------------------------------------------------------------------------------


def big_project_dataset(context: BrowserContext, tmp_path: Path) -> Path:
    """A project export with images, one of them noise, so the archive passes the TUS threshold."""
    source = create_project(context, "Source scans")
    headers = api_headers(context)
    task = _json(
        context.request.post("/api/tasks", data={"name": "scans", "project_id": source["id"]}, headers=headers),
        201,
    )
    files = {
        "client_files[0]": {"name": "big.png", "mimeType": "image/png", "buffer": noise_png()},
        "client_files[1]": {"name": "small.png", "mimeType": "image/png", "buffer": small_png(1)},
    }
    started = _json(
        context.request.post(
            f"/api/tasks/{task['id']}/data", multipart={"image_quality": "70", **files}, headers=headers
        ),
        202,
    )
    assert wait_for_request(context, started["rq_id"])["status"] == "finished"
    put_rectangle(context, task["id"])
    archive = export_via_api(context, "project", source["id"], tmp_path / "scans-dataset.zip")
    assert archive.stat().st_size > TUS_THRESHOLD
    return archive


def test_a_big_dataset_is_imported_into_a_project_by_tus(
    page: Page, context: BrowserContext, signed_in: Account, tmp_path: Path, screenshot: Any
) -> None:
    archive = big_project_dataset(context, tmp_path)
    target = create_project(context, "Imported scans", labels=[])
    requests = record_requests(page)

    page.goto(f"/projects/{target['id']}")
    dialog = open_action(page, "project-actions", "Import dataset")
    dialog.locator("input[type=file]").set_input_files(str(archive))
    expect(dialog.get_by_text("scans-dataset.zip")).to_be_visible()
    snap(page, screenshot, "01-import-dialog")
    dialog.get_by_test_id("start-import").click()
    expect(toast(page, "Dataset imported")).to_be_visible(timeout=WAIT_MS)
    expect(dialog.get_by_text("Done.")).to_be_visible()
    snap(page, screenshot, "02-imported")
    footer_button(dialog, "Close").click()

    path = f"/api/projects/{target['id']}/dataset"
    steps = steps_of(requests, path)
    assert steps[:2] == ["start", "tus-create"] and steps[-1] == "finish", steps
    assert set(steps[2:-1]) == {"tus-patch"}, steps
    finish = next(r for r in requests if "upload-finish" in r.headers)
    assert "filename=scans-dataset.zip" in finish.url and "format=" in finish.url
    tasks = _json(context.request.get(f"/api/tasks?project_id={target['id']}"))["results"]
    assert len(tasks) == 1 and tasks[0]["size"] == 2
    assert len(shapes_of(context, tasks[0]["id"])) == 1
    expect(page.get_by_test_id(f"project-task-{tasks[0]['id']}")).to_be_visible()


def test_cancelling_a_dataset_upload_leaves_the_project_untouched(
    page: Page, context: BrowserContext, signed_in: Account, tmp_path: Path, screenshot: Any
) -> None:
    archive = big_project_dataset(context, tmp_path)
    target = create_project(context, "Not imported", labels=[])
    held = hold_tus_chunks(page, "**/api/projects/*/dataset/*", let_through=0)

    page.goto(f"/projects/{target['id']}")
    dialog = open_action(page, "project-actions", "Import dataset")
    dialog.locator("input[type=file]").set_input_files(str(archive))
    dialog.get_by_test_id("start-import").click()
    wait_until(page, lambda: len(held) == 1, "the first chunk")
    expect(dialog.get_by_test_id("request-progress")).to_contain_text("Uploading…")
    snap(page, screenshot, "01-uploading")

    footer_button(dialog, "Cancel upload").click()
    expect(toast(page, "The upload was cancelled.")).to_be_visible()
    expect(dialog.get_by_test_id("request-progress")).to_have_count(0)
    expect(footer_button(dialog, "Import")).to_be_enabled()
    expect(dialog.get_by_text("scans-dataset.zip")).to_be_visible()
    snap(page, screenshot, "02-cancelled")

    assert _json(context.request.get(f"/api/tasks?project_id={target['id']}"))["count"] == 0
    page.unroute_all(behavior="ignoreErrors")
