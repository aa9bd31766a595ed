"""The annotation editor's first slice: open a job from the task page, see the frame, draw a
rectangle and a polygon with the mouse, navigate with F/D, move a shape, undo/redo, save with
Ctrl+S, and check through the API that exactly those shapes are stored.

Setup (a task with generated images in one job) goes through the API; the editing goes through the
UI with `page.mouse`, mapping image coordinates to the screen with the viewport the canvas exposes.
"""

from __future__ import annotations

import io
import time
from typing import Any

from PIL import Image, ImageDraw
from playwright.sync_api import BrowserContext, Locator, Page, expect

from tests.e2e.conftest import Account, api_headers

LABELS = [{"name": "car", "color": "#ff6600"}, {"name": "person", "color": "#3366ff"}]
IMAGE_SIZE = (640, 480)


def _json(response: Any, status: int = 200) -> Any:
    assert response.status == status, f"{response.status}: {response.text()}"
    return response.json() if response.text() else None


def _png(index: int) -> bytes:
    image = Image.new("RGB", IMAGE_SIZE, (30 + 60 * index, 110, 160))
    ImageDraw.Draw(image).rectangle((200, 150, 440, 330), outline=(255, 255, 255), width=4)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def create_task_with_job(
    context: BrowserContext, images: int = 3, labels: list[dict[str, Any]] | None = None
) -> tuple[dict[str, Any], dict[str, Any]]:
    """A task of `images` generated PNGs in one job (with LABELS unless `labels`); returns (task, job)."""
    headers = api_headers(context)
    body = {"name": "editor task", "labels": LABELS if labels is None else labels, "segment_size": images}
    task = _json(context.request.post("/api/tasks", data=body, headers=headers), 201)
    files = {
        f"client_files[{i}]": {"name": f"frame{i}.png", "mimeType": "image/png", "buffer": _png(i)}
        for i in range(images)
    }
    started = _json(
        context.request.post(
            f"/api/tasks/{task['id']}/data", multipart={"image_quality": "90", **files}, headers=headers
        ),
        202,
    )
    deadline = time.monotonic() + 60
    while True:
        status = _json(context.request.get(f"/api/requests/{started['rq_id']}"))["status"]
        if status in ("finished", "failed"):
            break
        assert time.monotonic() < deadline
        time.sleep(0.2)
    assert status == "finished"
    jobs = _json(context.request.get(f"/api/jobs?task_id={task['id']}"))["results"]
    assert len(jobs) == 1
    return task, jobs[0]


class Canvas:
    """The editor canvas, with image-space points turned into page coordinates."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.element: Locator = page.get_by_test_id("editor-canvas")

    def screen(self, x: float, y: float) -> tuple[float, float]:
        box = self.element.bounding_box()
        assert box is not None
        scale = float(self.element.get_attribute("data-scale") or "nan")
        origin_x = float(self.element.get_attribute("data-origin-x") or "nan")
        origin_y = float(self.element.get_attribute("data-origin-y") or "nan")
        return box["x"] + origin_x + x * scale, box["y"] + origin_y + y * scale

    def scale(self) -> float:
        return float(self.element.get_attribute("data-scale") or "nan")

    def drag(self, start: tuple[float, float], end: tuple[float, float]) -> None:
        self.page.mouse.move(*self.screen(*start))
        self.page.mouse.down()
        self.page.mouse.move(*self.screen(*end), steps=8)
        self.page.mouse.up()

    def click(self, x: float, y: float) -> None:
        self.page.mouse.click(*self.screen(x, y))


def stored_shapes(context: BrowserContext, job_id: int) -> list[dict[str, Any]]:
    return sorted(_json(context.request.get(f"/api/jobs/{job_id}/annotations"))["shapes"], key=lambda s: s["type"])


def assert_points(actual: list[float], expected: list[float]) -> None:
    assert len(actual) == len(expected), (actual, expected)
    for got, want in zip(actual, expected, strict=True):
        assert abs(got - want) <= 1, (actual, expected)


def open_editor(page: Page, task: dict[str, Any], job: dict[str, Any]) -> Canvas:
    page.goto(f"/tasks/{task['id']}")
    page.get_by_test_id(f"job-link-{job['id']}").click()
    expect(page).to_have_url(f"/tasks/{task['id']}/jobs/{job['id']}")
    canvas = Canvas(page)
    expect(canvas.element).to_have_attribute("data-frame-ready", "true")
    return canvas


def choose_tool(page: Page, tool: str) -> None:
    """Clicks a tool and moves the pointer off it, so its tooltip no longer covers the canvas."""
    page.get_by_test_id(f"tool-{tool}").click()
    box = page.get_by_test_id("editor-canvas").bounding_box()
    assert box is not None
    page.mouse.move(box["x"] + box["width"] - 5, box["y"] + box["height"] - 5)
    expect(page.locator(".ant-tooltip:visible")).to_have_count(0)


def save_with_ctrl_s(page: Page) -> None:
    page.keyboard.press("Control+s")
    expect(page.get_by_test_id("save-status")).to_have_attribute("data-status", "saved")


def test_draw_move_undo_save_and_reload(
    page: Page, context: BrowserContext, signed_in: Account, screenshot: Any
) -> None:
    task, job = create_task_with_job(context)
    canvas = open_editor(page, task, job)
    editor = page.get_by_test_id("editor")
    count = page.get_by_test_id("objects-count")
    expect(editor).to_have_attribute("data-frame", "0")
    expect(page.get_by_test_id("frame-name")).to_have_text("frame0.png")
    expect(count).to_have_text("0")
    screenshot("editor-opened")

    # A rectangle by dragging, with the first label.
    choose_tool(page, "rectangle")
    canvas.drag((100, 100), (300, 250))
    expect(count).to_have_text("1")

    # A polygon by clicks, finished with N.
    choose_tool(page, "polygon")
    for point in [(400, 100), (560, 120), (500, 300)]:
        canvas.click(*point)
    page.keyboard.press("n")
    expect(count).to_have_text("2")
    expect(page.get_by_test_id("save-status")).to_have_attribute("data-status", "unsaved")
    screenshot("editor-drawn")

    # F and D move between frames; the shapes belong to frame 0.
    page.keyboard.press("f")
    expect(editor).to_have_attribute("data-frame", "1")
    expect(canvas.element).to_have_attribute("data-frame-ready", "true")
    expect(count).to_have_text("0")
    expect(page.get_by_test_id("frame-name")).to_have_text("frame1.png")
    page.keyboard.press("d")
    expect(editor).to_have_attribute("data-frame", "0")
    expect(count).to_have_text("2")

    # Move the rectangle by dragging its inside with the cursor tool.
    choose_tool(page, "cursor")
    canvas.drag((150, 175), (170, 195))
    expect(page.locator("[data-testid=object-item].editor-object-selected")).to_have_count(1)
    screenshot("editor-moved")

    # Undo takes the whole drag back in one step; save stores the unmoved rectangle.
    page.keyboard.press("Control+z")
    save_with_ctrl_s(page)
    shapes = stored_shapes(context, job["id"])
    assert [s["type"] for s in shapes] == ["polygon", "rectangle"]
    assert_points(shapes[1]["points"], [100, 100, 300, 250])
    assert_points(shapes[0]["points"], [400, 100, 560, 120, 500, 300])
    label_ids = {
        label["name"]: label["id"] for label in _json(context.request.get(f"/api/labels?job_id={job['id']}"))["results"]
    }
    assert {s["label_id"] for s in shapes} == {label_ids["car"]}

    # Redo brings the move back; the save updates the stored rectangle only.
    page.keyboard.press("Control+Shift+z")
    expect(page.get_by_test_id("save-status")).to_have_attribute("data-status", "unsaved")
    save_with_ctrl_s(page)
    screenshot("editor-saved")

    page.reload()
    expect(canvas.element).to_have_attribute("data-frame-ready", "true")
    expect(count).to_have_text("2")
    shapes = stored_shapes(context, job["id"])
    assert len(shapes) == 2
    assert_points(shapes[1]["points"], [120, 120, 320, 270])
    assert_points(shapes[0]["points"], [400, 100, 560, 120, 500, 300])
    screenshot("editor-reloaded")


def test_two_click_rectangle_delete_and_buttons(
    page: Page, context: BrowserContext, signed_in: Account, screenshot: Any
) -> None:
    task, job = create_task_with_job(context, images=2)
    canvas = open_editor(page, task, job)
    count = page.get_by_test_id("objects-count")

    choose_tool(page, "rectangle")
    canvas.click(50, 60)
    canvas.click(150, 160)
    expect(count).to_have_text("1")

    # Selected from the sidebar, removed with Delete; undo and redo from the top bar.
    choose_tool(page, "cursor")
    page.get_by_test_id("object-item").first.locator(".editor-object-title").click()
    expect(page.locator("[data-testid=object-item].editor-object-selected")).to_have_count(1)
    page.keyboard.press("Delete")
    expect(count).to_have_text("0")
    page.get_by_test_id("editor-undo").click()
    expect(count).to_have_text("1")
    page.get_by_test_id("editor-save").click()
    expect(page.get_by_test_id("save-status")).to_have_attribute("data-status", "saved")
    shapes = stored_shapes(context, job["id"])
    assert len(shapes) == 1
    assert_points(shapes[0]["points"], [50, 60, 150, 160])

    # The wheel zooms around the cursor; a double click on empty space fits again.
    fitted = canvas.scale()
    page.mouse.move(*canvas.screen(500, 400))
    page.mouse.wheel(0, -300)
    expect(canvas.element).not_to_have_attribute("data-scale", str(fitted))
    assert canvas.scale() > fitted
    page.mouse.dblclick(*canvas.screen(500, 400))
    expect(canvas.element).to_have_attribute("data-scale", str(fitted))

    # The menu lists the registered actions with their keys.
    page.get_by_test_id("editor-menu").click()
    expect(page.get_by_role("menuitem", name="Save Ctrl+S")).to_be_visible()
    page.wait_for_timeout(400)  # the dropdown's opening animation
    screenshot("editor-menu")
    page.keyboard.press("Escape")

    # The top bar's next button and the frame number agree.
    page.get_by_test_id("frame-next").click()
    expect(page.get_by_test_id("editor")).to_have_attribute("data-frame", "1")
    screenshot("editor-frame-1")


# Whether the browser keeps a draft for the job (the editor opened the database already).
HAS_DRAFT_JS = """(jobId) => new Promise((resolve) => {
  const opening = indexedDB.open("contour-editor-drafts");
  opening.onerror = () => resolve(false);
  opening.onsuccess = () => {
    const db = opening.result;
    const read = db.transaction("drafts").objectStore("drafts").get(jobId);
    read.onsuccess = () => { db.close(); resolve(read.result !== undefined && read.result !== null); };
    read.onerror = () => { db.close(); resolve(false); };
  };
})"""


def wait_for_draft(page: Page, job_id: int, present: bool) -> None:
    deadline = time.monotonic() + 15
    while page.evaluate(HAS_DRAFT_JS, job_id) is not present:
        assert time.monotonic() < deadline, f"the draft of job {job_id} is {'missing' if present else 'still there'}"
        time.sleep(0.1)


def test_unsaved_changes_warn_on_leaving_and_are_restored_after_reload(
    page: Page, context: BrowserContext, signed_in: Account, screenshot: Any
) -> None:
    task, job = create_task_with_job(context, images=2)
    canvas = open_editor(page, task, job)
    count = page.get_by_test_id("objects-count")
    choose_tool(page, "ellipse")
    canvas.drag((100, 100), (300, 200))
    expect(count).to_have_text("1")
    # The draft is written once the edits settle.
    wait_for_draft(page, job["id"], present=True)

    dialogs: list[str] = []

    def leave_anyway(dialog: Any) -> None:
        dialogs.append(dialog.type)
        dialog.accept()

    page.on("dialog", leave_anyway)
    page.reload()
    assert dialogs == ["beforeunload"]
    prompt = page.get_by_role("dialog").filter(has_text="Restore unsaved changes?")
    expect(prompt).to_be_visible()
    screenshot("restore-prompt")
    page.get_by_role("button", name="Restore").click()
    expect(count).to_have_text("1")
    assert stored_shapes(context, job["id"]) == []

    save_with_ctrl_s(page)
    shapes = stored_shapes(context, job["id"])
    assert [s["type"] for s in shapes] == ["ellipse"]
    assert_points(shapes[0]["points"], [200, 150, 300, 100])

    # Once saved there is nothing to restore.
    wait_for_draft(page, job["id"], present=False)
    page.reload()
    expect(canvas.element).to_have_attribute("data-frame-ready", "true")
    expect(count).to_have_text("1")
    page.wait_for_timeout(500)
    expect(prompt).to_have_count(0)


def test_objects_sidebar_relabels_locks_hides_and_the_frame_input_navigates(
    page: Page, context: BrowserContext, signed_in: Account, screenshot: Any
) -> None:
    task, job = create_task_with_job(context)
    canvas = open_editor(page, task, job)
    count = page.get_by_test_id("objects-count")
    choose_tool(page, "rectangle")
    canvas.drag((100, 100), (250, 220))
    expect(count).to_have_text("1")
    choose_tool(page, "cursor")

    item = page.get_by_test_id("object-item").first
    item.get_by_label("Label").click()
    page.locator(".ant-select-dropdown:visible").get_by_text("person", exact=True).click()
    expect(item).to_contain_text("person")

    # Locked: no deleting from the row, and a drag on the canvas does not move it.
    item.get_by_role("button", name="Lock (L)").click()
    expect(item.get_by_role("button", name="Delete (Del)")).to_be_disabled()
    canvas.drag((150, 150), (200, 200))
    item.get_by_role("button", name="Unlock (L)").click()

    # Hidden: the row says so and H brings it back once selected.
    item.get_by_role("button", name="Hide (H)").click()
    expect(item.get_by_role("button", name="Show (H)")).to_be_visible()
    item.locator(".editor-object-title").click()
    page.keyboard.press("h")
    expect(item.get_by_role("button", name="Hide (H)")).to_be_visible()
    screenshot("sidebar-edited")

    save_with_ctrl_s(page)
    labels = {
        label["name"]: label["id"] for label in _json(context.request.get(f"/api/labels?job_id={job['id']}"))["results"]
    }
    shapes = stored_shapes(context, job["id"])
    assert [s["label_id"] for s in shapes] == [labels["person"]]
    assert_points(shapes[0]["points"], [100, 100, 250, 220])

    frame_input = page.get_by_label("Frame number")
    frame_input.fill("2")
    frame_input.press("Enter")
    expect(page.get_by_test_id("editor")).to_have_attribute("data-frame", "2")
    expect(page.get_by_test_id("frame-name")).to_have_text("frame2.png")
    expect(count).to_have_text("0")
