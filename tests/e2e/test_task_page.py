"""The task page, the project page and their Actions: rename, assignees, job stage and state, job
links, dataset export and download, annotation upload, project dataset import, move and delete.

Setup goes through the API (a project, a task with a few generated images in two-frame jobs);
what each test is about goes through the UI, and its outcome is checked through the API again.
"""

from __future__ import annotations

import io
import time
import zipfile
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from PIL import Image
from playwright.sync_api import BrowserContext, Locator, Page, expect

from tests.e2e.conftest import Account, api_headers

LABELS = [{"name": "car", "color": "#ff6600"}, {"name": "person", "color": "#3366ff"}]
EXPORT_FORMAT = "CVAT for images 1.1"
IMPORT_FORMAT = "CVAT 1.1"
WAIT_MS = 60_000


# --- setup through the API ---------------------------------------------------------------------------


def _json(response: Any, status: int = 200) -> Any:
    assert response.status == status, f"{response.status}: {response.text()}"
    return response.json() if response.text() else None


def _png(index: int) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), (40 * index % 255, 120, 200)).save(buffer, format="PNG")
    return buffer.getvalue()


def create_project(context: BrowserContext, name: str, labels: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    body: dict[str, Any] = {"name": name, "labels": labels if labels is not None else LABELS}
    return _json(context.request.post("/api/projects", data=body, headers=api_headers(context)), 201)


def wait_for_request(context: BrowserContext, rq_id: str) -> dict[str, Any]:
    deadline = time.monotonic() + 60
    while True:
        body = _json(context.request.get(f"/api/requests/{rq_id}"))
        if body["status"] in ("finished", "failed"):
            return body
        assert time.monotonic() < deadline, body
        time.sleep(0.2)


def create_task(
    context: BrowserContext, name: str, *, project_id: int | None = None, images: int = 4
) -> dict[str, Any]:
    """A task with `images` generated PNGs in jobs of two frames."""
    body: dict[str, Any] = {"name": name, "segment_size": 2}
    if project_id is not None:
        body["project_id"] = project_id
    else:
        body["labels"] = LABELS
    headers = api_headers(context)
    task = _json(context.request.post("/api/tasks", data=body, headers=headers), 201)
    files: dict[str, Any] = {
        f"client_files[{i}]": {"name": f"frame{i}.png", "mimeType": "image/png", "buffer": _png(i)}
        for i in range(images)
    }
    started = _json(
        context.request.post(
            f"/api/tasks/{task['id']}/data", multipart={"image_quality": "70", **files}, headers=headers
        ),
        202,
    )
    assert wait_for_request(context, started["rq_id"])["status"] == "finished"
    return _json(context.request.get(f"/api/tasks/{task['id']}"))


def jobs_of(context: BrowserContext, task_id: int) -> list[dict[str, Any]]:
    return _json(context.request.get(f"/api/jobs?task_id={task_id}&sort=id"))["results"]


def put_rectangle(context: BrowserContext, task_id: int) -> None:
    label = _json(context.request.get(f"/api/labels?task_id={task_id}"))["results"][0]
    shape = {"type": "rectangle", "frame": 1, "label_id": label["id"], "points": [2.0, 3.0, 20.0, 30.0]}
    _json(
        context.request.put(
            f"/api/tasks/{task_id}/annotations",
            data={"version": 0, "tags": [], "shapes": [shape], "tracks": []},
            headers=api_headers(context),
        )
    )


def shapes_of(context: BrowserContext, task_id: int) -> list[dict[str, Any]]:
    return _json(context.request.get(f"/api/tasks/{task_id}/annotations"))["shapes"]


def export_via_api(context: BrowserContext, kind: str, object_id: int, target: Path) -> Path:
    started = _json(
        context.request.post(
            f"/api/{kind}s/{object_id}/dataset/export?format={EXPORT_FORMAT}&save_images=true",
            headers=api_headers(context),
        ),
        202,
    )
    done = wait_for_request(context, started["rq_id"])
    assert done["status"] == "finished", done
    parts = urlsplit(done["result_url"])
    response = context.request.get(f"{parts.path}?{parts.query}")
    assert response.status == 200
    target.write_bytes(response.body())
    return target


# --- UI helpers --------------------------------------------------------------------------------------


def choose_option(page: Page, select: Locator, text: str, search: str | None = None) -> None:
    """Opens an antd Select, optionally types into its search, and picks the option showing `text`."""
    select.click()
    if search is not None:
        select.locator("input").fill(search)
    page.locator(".ant-select-dropdown:visible .ant-select-item-option", has_text=text).first.click()


MOTION = ", ".join(
    f".ant-{kind}-{phase}" for kind in ("zoom", "fade", "move-up") for phase in ("appear", "enter", "leave")
)


def settled(page: Page) -> None:
    """Waits until antd's open/close animations are over (for screenshots that show dialogs whole)."""
    expect(page.locator(MOTION)).to_have_count(0)


def snap(page: Page, screenshot: Any, name: str) -> None:
    settled(page)
    screenshot(name)


def open_action(page: Page, menu_test_id: str, item: str) -> Locator:
    page.get_by_test_id(menu_test_id).first.click()
    page.get_by_role("menuitem", name=item).click()
    dialog = page.get_by_role("dialog").filter(has=page.locator(".ant-modal-title"))
    expect(dialog).to_be_visible()
    settled(page)
    return dialog


def footer_button(dialog: Locator, name: str) -> Locator:
    return dialog.locator(".ant-modal-footer").get_by_role("button", name=name)


def toast(page: Page, text: str) -> Locator:
    return page.locator(".ant-message, .ant-notification").get_by_text(text).first


# --- tests -------------------------------------------------------------------------------------------


def test_the_task_page_renames_assigns_and_changes_jobs(
    page: Page, context: BrowserContext, signed_in: Account, screenshot: Any
) -> None:
    project = create_project(context, "Streets")
    task = create_task(context, "crossing", project_id=project["id"])
    first, second = jobs_of(context, task["id"])[:2]

    page.goto(f"/tasks/{task['id']}")
    expect(page.get_by_test_id("task-name")).to_contain_text("crossing")
    expect(page.get_by_test_id("task-project-link")).to_have_text("Streets")
    expect(page.get_by_role("link", name=f"Job #{second['id']}")).to_be_visible()
    expect(page.get_by_test_id("jobs-table")).to_contain_text("0–1")
    expect(page.get_by_test_id("jobs-table")).to_contain_text("2–3")
    snap(page, screenshot, "task-page")

    # Rename in place.
    page.get_by_test_id("task-name").get_by_role("button").click()
    editor = page.get_by_test_id("task-name").locator("textarea")
    if not editor.count():
        editor = page.locator(".ant-typography-edit-content textarea")
    editor.fill("crossing, north side")
    editor.press("Enter")
    expect(toast(page, "Task renamed")).to_be_visible()
    assert _json(context.request.get(f"/api/tasks/{task['id']}"))["name"] == "crossing, north side"

    # The job's assignee, searched by name.
    choose_option(
        page, page.get_by_test_id(f"job-assignee-{first['id']}"), signed_in.username, search=signed_in.username
    )
    expect(toast(page, f"Job #{first['id']} assigned to {signed_in.username}")).to_be_visible()
    job = _json(context.request.get(f"/api/jobs/{first['id']}"))
    assert job["assignee"]["username"] == signed_in.username

    # Its state and stage.
    choose_option(page, page.get_by_test_id(f"job-state-{first['id']}"), "Completed")
    expect(toast(page, f"Job #{first['id']} is completed now")).to_be_visible()
    choose_option(page, page.get_by_test_id(f"job-stage-{second['id']}"), "Validation")
    expect(toast(page, f"Job #{second['id']} moved to the validation stage")).to_be_visible()
    assert _json(context.request.get(f"/api/jobs/{first['id']}"))["state"] == "completed"
    assert _json(context.request.get(f"/api/jobs/{second['id']}"))["stage"] == "validation"
    # The task's progress follows its jobs.
    expect(page.get_by_text("1 of 2 jobs completed")).to_be_visible()

    # The task's assignee and issue tracker.
    choose_option(page, page.get_by_test_id("task-assignee"), signed_in.username, search=signed_in.username)
    expect(toast(page, f"Task assigned to {signed_in.username}")).to_be_visible()
    page.get_by_test_id("issue-tracker-edit").click()
    page.get_by_test_id("issue-tracker-input").fill("not a url")
    expect(page.get_by_text("Enter a full address")).to_be_visible()
    page.get_by_test_id("issue-tracker-input").fill("https://tracker.example.com/issues/7")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("link", name="https://tracker.example.com/issues/7")).to_be_visible()
    # The subset, offered because the task is in a project.
    page.get_by_test_id("task-subset").click()
    page.locator(".ant-select-dropdown:visible .ant-select-item-option", has_text="Validation").click()
    expect(toast(page, "Subset set to Validation")).to_be_visible()
    stored = _json(context.request.get(f"/api/tasks/{task['id']}"))
    assert stored["subset"] == "Validation"
    assert stored["assignee"]["username"] == signed_in.username
    assert stored["bug_tracker"] == "https://tracker.example.com/issues/7"

    # A job's link goes to the clipboard.
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.get_by_test_id(f"copy-job-link-{second['id']}").click()
    link = f"{page.url.split('/tasks/')[0]}/tasks/{task['id']}/jobs/{second['id']}"
    expect(toast(page, f"Copied {link}")).to_be_visible()
    assert page.evaluate("navigator.clipboard.readText()") == link

    # Filtering the jobs table by state.
    page.get_by_role("columnheader", name="State").locator(".ant-table-filter-trigger").click()
    page.locator(".ant-table-filter-dropdown:visible").get_by_text("Completed").click()
    page.locator(".ant-table-filter-dropdown:visible").get_by_role("button", name="OK").click()
    expect(page.get_by_role("link", name=f"Job #{second['id']}")).to_have_count(0)
    expect(page.get_by_role("link", name=f"Job #{first['id']}")).to_be_visible()
    expect(page.locator(".ant-table-filter-dropdown:visible")).to_have_count(0)
    expect(page.locator(".ant-message-notice")).to_have_count(0, timeout=WAIT_MS)  # toasts gone
    snap(page, screenshot, "task-page-edited")


def test_export_a_task_dataset_download_it_and_upload_it_back(
    page: Page, context: BrowserContext, signed_in: Account, screenshot: Any, tmp_path: Path
) -> None:
    task = create_task(context, "export me")
    put_rectangle(context, task["id"])

    page.goto(f"/tasks/{task['id']}")
    dialog = open_action(page, "task-actions", "Export task dataset")
    expect(dialog.get_by_text("Export task dataset")).to_be_visible()
    expect(dialog.locator(".ant-select-content, .ant-select-selection-item").first).to_contain_text(EXPORT_FORMAT)
    dialog.get_by_test_id("export-save-images").click()
    dialog.get_by_test_id("export-file-name").fill("my street dataset")
    snap(page, screenshot, "export-dialog")
    with page.expect_download(timeout=WAIT_MS) as download_info:
        dialog.get_by_test_id("start-export").click()
    download = download_info.value
    assert download.suggested_filename == "my street dataset.zip"
    archive = tmp_path / "exported.zip"
    download.save_as(archive)
    with zipfile.ZipFile(archive) as opened:
        names = opened.namelist()
    assert "annotations.xml" in names
    assert any(name.startswith("images/") for name in names), names
    expect(toast(page, "Dataset exported")).to_be_visible()
    expect(dialog.get_by_text("Done.")).to_be_visible()
    snap(page, screenshot, "export-finished")
    footer_button(dialog, "Close").click()

    # The task loses its annotations, then gets them back from the exported file.
    _json(context.request.delete(f"/api/tasks/{task['id']}/annotations", headers=api_headers(context)), 204)
    assert shapes_of(context, task["id"]) == []
    dialog = open_action(page, "task-actions", "Upload annotations")
    expect(dialog.locator(".ant-select-content, .ant-select-selection-item").first).to_contain_text(IMPORT_FORMAT)
    dialog.locator("input[type=file]").set_input_files(str(archive))
    expect(dialog.get_by_text("exported.zip")).to_be_visible()
    snap(page, screenshot, "upload-dialog")
    dialog.get_by_test_id("start-import").click()
    confirm = page.get_by_role("dialog").filter(has_text="Replace the task's annotations?")
    snap(page, screenshot, "upload-confirm")
    confirm.get_by_role("button", name="Replace").click()
    expect(toast(page, "Annotations uploaded")).to_be_visible(timeout=WAIT_MS)
    shapes = shapes_of(context, task["id"])
    assert [(s["frame"], s["points"]) for s in shapes] == [(1, [2.0, 3.0, 20.0, 30.0])]


def _names_in(download: Any, target: Path) -> list[str]:
    download.save_as(target)
    with zipfile.ZipFile(target) as opened:
        return opened.namelist()


def test_changing_the_export_options_after_an_export_offers_a_new_export(
    page: Page, context: BrowserContext, signed_in: Account, screenshot: Any, tmp_path: Path
) -> None:
    task = create_task(context, "export twice", images=2)
    put_rectangle(context, task["id"])
    page.goto(f"/tasks/{task['id']}")
    dialog = open_action(page, "task-actions", "Export task dataset")
    with page.expect_download(timeout=WAIT_MS) as first:
        dialog.get_by_test_id("start-export").click()
    assert "annotations.xml" in _names_in(first.value, tmp_path / "first.zip")
    expect(dialog.get_by_test_id("download-again")).to_be_visible()

    # Another format: the dialog offers an export in it, not the CVAT file again.
    choose_option(page, dialog.get_by_test_id("export-format"), "COCO 1.0", search="COCO")
    expect(dialog.get_by_test_id("download-again")).to_have_count(0)
    expect(dialog.get_by_text("Done.")).to_have_count(0)
    snap(page, screenshot, "format-changed")
    with page.expect_download(timeout=WAIT_MS) as second:
        dialog.get_by_test_id("start-export").click()
    assert "annotations/instances_default.json" in _names_in(second.value, tmp_path / "second.zip")

    # "Download again" is that COCO file; switching "Save images" on asks for a new export too.
    with page.expect_download(timeout=WAIT_MS) as again:
        dialog.get_by_test_id("download-again").click()
    assert "annotations/instances_default.json" in _names_in(again.value, tmp_path / "again.zip")
    dialog.get_by_test_id("export-save-images").click()
    expect(dialog.get_by_test_id("download-again")).to_have_count(0)
    expect(dialog.get_by_test_id("start-export")).to_have_text("Export")


def test_an_upload_the_server_refuses_is_explained(
    page: Page, context: BrowserContext, signed_in: Account, screenshot: Any, tmp_path: Path
) -> None:
    task = create_task(context, "bad upload", images=2)
    broken = tmp_path / "broken.zip"
    broken.write_bytes(b"this is not a zip archive")

    page.goto(f"/tasks/{task['id']}")
    dialog = open_action(page, "task-actions", "Upload annotations")
    dialog.get_by_text("Keep them and add the uploaded ones").click()
    dialog.locator("input[type=file]").set_input_files(str(broken))
    dialog.get_by_test_id("start-import").click()
    expect(dialog.get_by_test_id("request-error")).to_contain_text("not a zip archive", timeout=WAIT_MS)
    expect(dialog.get_by_role("button", name="Try again")).to_be_visible()
    snap(page, screenshot, "upload-failed")


def test_import_a_dataset_into_a_new_project(
    page: Page, context: BrowserContext, signed_in: Account, screenshot: Any, tmp_path: Path
) -> None:
    source = create_project(context, "Source")
    task = create_task(context, "source task", project_id=source["id"])
    put_rectangle(context, task["id"])
    archive = export_via_api(context, "project", source["id"], tmp_path / "source-dataset.zip")
    target = create_project(context, "Imported", labels=[])

    page.goto(f"/projects/{target['id']}")
    expect(page.get_by_test_id("project-name")).to_contain_text("Imported")
    expect(page.get_by_text("No tasks in this project yet.")).to_be_visible()
    snap(page, screenshot, "empty-project-page")
    dialog = open_action(page, "project-actions", "Import dataset")
    dialog.locator("input[type=file]").set_input_files(str(archive))
    snap(page, screenshot, "import-dialog")
    dialog.get_by_test_id("start-import").click()
    expect(toast(page, "Dataset imported")).to_be_visible(timeout=WAIT_MS)
    footer_button(dialog, "Close").click()

    labels = {lb["name"] for lb in _json(context.request.get(f"/api/labels?project_id={target['id']}"))["results"]}
    assert {"car", "person"} <= labels
    tasks = _json(context.request.get(f"/api/tasks?project_id={target['id']}"))["results"]
    assert len(tasks) == 1 and tasks[0]["size"] == 4
    assert len(shapes_of(context, tasks[0]["id"])) == 1
    # The page shows what the import made.
    expect(page.get_by_test_id(f"project-task-{tasks[0]['id']}")).to_be_visible()
    expect(page.get_by_text("Tasks (1)")).to_be_visible()
    expect(page.get_by_role("dialog")).to_have_count(0)
    snap(page, screenshot, "project-page-imported")


def test_the_project_page_lists_its_tasks_and_exports_the_project(
    page: Page, context: BrowserContext, signed_in: Account, screenshot: Any
) -> None:
    project = create_project(context, "Harbour")
    tasks = [create_task(context, f"pier {n}", project_id=project["id"], images=2) for n in (1, 2)]

    page.goto(f"/projects/{project['id']}")
    for task in tasks:
        expect(page.get_by_test_id(f"project-task-{task['id']}")).to_contain_text(task["name"])
    snap(page, screenshot, "project-page")

    page.get_by_test_id("project-name").get_by_role("button").click()
    editor = page.locator(".ant-typography-edit-content textarea")
    editor.fill("Harbour east")
    editor.press("Enter")
    expect(toast(page, "Project renamed")).to_be_visible()
    assert _json(context.request.get(f"/api/projects/{project['id']}"))["name"] == "Harbour east"

    dialog = open_action(page, "project-actions", "Export dataset")
    with page.expect_download(timeout=WAIT_MS) as download_info:
        dialog.get_by_test_id("start-export").click()
    assert download_info.value.suggested_filename.endswith(".zip")
    footer_button(dialog, "Close").click()

    page.get_by_role("button", name="Create task").first.click()
    expect(page).to_have_url(f"/tasks/create?projectId={project['id']}")


def test_move_a_task_to_a_project_then_delete_it(
    page: Page, context: BrowserContext, signed_in: Account, screenshot: Any
) -> None:
    task = create_task(context, "loose task", images=2)
    own = {lb["name"]: lb["id"] for lb in _json(context.request.get(f"/api/labels?task_id={task['id']}"))["results"]}
    shapes = [
        {"type": "rectangle", "frame": 0, "label_id": own["car"], "points": [1.0, 1.0, 9.0, 9.0]},
        {"type": "rectangle", "frame": 1, "label_id": own["person"], "points": [2.0, 3.0, 20.0, 30.0]},
    ]
    _json(context.request.put(f"/api/tasks/{task['id']}/annotations", data={"shapes": shapes}, headers=api_headers(context)))
    lacking = create_project(context, "Only cars", labels=[{"name": "car"}])
    vehicles = create_project(context, "Vehicles and pedestrians", labels=[{"name": "car"}, {"name": "pedestrian"}])

    page.goto(f"/tasks/{task['id']}")
    dialog = open_action(page, "task-actions", "Move to project")
    select = dialog.get_by_test_id("move-project-select")
    choose_option(page, select, lacking["name"], search="Only")
    expect(dialog.get_by_test_id("move-blocker")).to_contain_text("“person”")
    expect(footer_button(dialog, "Move")).to_be_disabled()
    choose_option(page, select, vehicles["name"], search="pedestrians")
    # "car" finds its namesake; "person" has none and waits for a pick.
    expect(dialog.get_by_test_id("move-label-car")).to_contain_text("car")
    expect(dialog.get_by_test_id("move-blocker")).to_contain_text("“person”")
    expect(footer_button(dialog, "Move")).to_be_disabled()
    expect(page.locator(".ant-select-dropdown:visible")).to_have_count(0)
    snap(page, screenshot, "move-dialog-unmatched")
    choose_option(page, dialog.get_by_test_id("move-label-person"), "pedestrian")
    expect(dialog.get_by_test_id("move-blocker")).to_have_count(0)
    expect(footer_button(dialog, "Move")).to_be_enabled()
    expect(page.locator(".ant-select-dropdown:visible")).to_have_count(0)
    snap(page, screenshot, "move-dialog")
    footer_button(dialog, "Move").click()
    expect(toast(page, f"Task #{task['id']} moved to the project")).to_be_visible()
    assert _json(context.request.get(f"/api/tasks/{task['id']}"))["project_id"] == vehicles["id"]
    expect(page.get_by_test_id("task-project-link")).to_have_text(vehicles["name"])

    # The annotations now use the project's labels: "person" became "pedestrian".
    theirs = {lb["name"]: lb["id"] for lb in _json(context.request.get(f"/api/labels?project_id={vehicles['id']}"))["results"]}
    moved = sorted(shapes_of(context, task["id"]), key=lambda shape: shape["frame"])
    assert [shape["label_id"] for shape in moved] == [theirs["car"], theirs["pedestrian"]]
    assert [shape["points"] for shape in moved] == [shape["points"] for shape in shapes]

    # On to another project: the current one is not offered, labels match by name again.
    streets = create_project(context, "Streets", labels=[{"name": "car"}, {"name": "pedestrian"}])
    dialog = open_action(page, "task-actions", "Move to project")
    select = dialog.get_by_test_id("move-project-select")
    select.click()
    expect(page.locator(".ant-select-dropdown:visible").get_by_text(vehicles["name"])).to_have_count(0)
    page.keyboard.press("Escape")
    choose_option(page, select, streets["name"], search="Streets")
    expect(dialog.get_by_test_id("move-blocker")).to_have_count(0)
    footer_button(dialog, "Move").click()
    expect(page.get_by_test_id("task-project-link")).to_have_text(streets["name"])
    theirs = {lb["name"]: lb["id"] for lb in _json(context.request.get(f"/api/labels?project_id={streets['id']}"))["results"]}
    moved = sorted(shapes_of(context, task["id"]), key=lambda shape: shape["frame"])
    assert [shape["label_id"] for shape in moved] == [theirs["car"], theirs["pedestrian"]]

    dialog = open_action(page, "task-actions", "Delete")
    expect(dialog.get_by_text(f"#{task['id']} “loose task”")).to_be_visible()
    snap(page, screenshot, "delete-dialog")
    footer_button(dialog, "Delete").click()
    expect(page).to_have_url("/tasks")
    assert context.request.get(f"/api/tasks/{task['id']}").status == 404


def test_a_missing_task_says_so(page: Page, signed_in: Account, screenshot: Any) -> None:
    page.goto("/tasks/987654")
    expect(page.get_by_text("Task not found")).to_be_visible()
    snap(page, screenshot, "task-not-found")
