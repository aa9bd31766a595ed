"""The editor's "Run actions" dialog (Menu → Run actions, Ctrl+E): remove filtered shapes over a frame range, and a
shapes converter; what they leave is checked through the API after saving.

Set-up goes through the API.
"""

from __future__ import annotations

from typing import Any

from playwright.sync_api import BrowserContext, Page, expect

from tests.e2e.conftest import Account
from tests.e2e.test_editor import _json, create_task_with_job, open_editor, save_with_ctrl_s
from tests.e2e.test_editor_topbar import add_annotations, choose, label_ids, rectangle


def stored_shapes(context: BrowserContext, job_id: int) -> list[dict[str, Any]]:
    return list(_json(context.request.get(f"/api/jobs/{job_id}/annotations"))["shapes"])


def test_ctrl_e_removes_the_filtered_shapes_of_a_frame_range(
    page: Page, context: BrowserContext, signed_in: Account, screenshot: Any
) -> None:
    task, job = create_task_with_job(context, images=4)
    labels = label_ids(context, job["id"])
    add_annotations(
        context,
        job["id"],
        [
            shape
            for frame in range(4)
            for shape in (rectangle(frame, labels["car"]), rectangle(frame, labels["person"]))
        ],
    )
    open_editor(page, task, job)
    count = page.get_by_test_id("objects-count")
    expect(count).to_have_text("2")

    # The filter "Label = person" picks what the action removes.
    page.get_by_test_id("editor-filters").click()
    rule = page.get_by_test_id("filter-builder").get_by_test_id("filter-rule").first
    choose(page, rule.get_by_label("Value", exact=True), "person")
    page.get_by_test_id("filter-apply").click()
    expect(count).to_have_text("1")

    page.keyboard.press("Control+e")
    dialog = page.get_by_test_id("annotation-actions")
    expect(dialog).to_be_visible()
    expect(page.get_by_test_id("annotation-action-select")).to_contain_text("Remove filtered shapes")
    expect(page.get_by_test_id("annotation-actions-targets")).to_contain_text("person")
    page.get_by_label("Starting from frame").fill("1")
    page.get_by_label("Up to frame").fill("2")
    screenshot("run-actions-remove")
    page.get_by_test_id("annotation-actions-run").click()
    expect(dialog).to_have_count(0)
    expect(page.locator(".ant-message")).to_contain_text("2 shapes removed on 2 frames")

    # Frame 0 is outside the range: its person stays.
    expect(count).to_have_text("1")
    save_with_ctrl_s(page)
    left = sorted((shape["frame"], shape["label_id"]) for shape in stored_shapes(context, job["id"]))
    car, person = labels["car"], labels["person"]
    assert left == sorted([(0, car), (0, person), (1, car), (2, car), (3, car), (3, person)])


def test_the_menu_runs_a_shapes_converter_over_the_job(
    page: Page, context: BrowserContext, signed_in: Account, screenshot: Any
) -> None:
    task, job = create_task_with_job(context, images=3)
    labels = label_ids(context, job["id"])
    add_annotations(
        context,
        job["id"],
        [
            rectangle(0, labels["car"], [50, 50, 200, 150]),
            rectangle(2, labels["person"], [10.2, 20.7, 15.9, 24.1]),
            {**rectangle(1, labels["car"]), "type": "polygon", "points": [10, 10, 60, 10, 35, 50]},
        ],
    )
    open_editor(page, task, job)
    page.get_by_test_id("editor-menu").click()
    page.get_by_role("menuitem", name="Run actions Ctrl+E").click()
    dialog = page.get_by_test_id("annotation-actions")
    expect(dialog).to_be_visible()
    choose(page, page.get_by_test_id("annotation-action-select"), "Shapes converter: rectangles to masks")
    expect(page.get_by_label("Starting from frame")).to_have_value("0")
    expect(page.get_by_label("Up to frame")).to_have_value("2")
    screenshot("run-actions-convert")
    page.get_by_test_id("annotation-actions-run").click()
    expect(dialog).to_have_count(0)
    expect(page.locator(".ant-message")).to_contain_text("2 shapes removed, 2 shapes created on 3 frames")

    # Undo takes the whole run back in one step; redo brings it again.
    page.keyboard.press("Control+z")
    expect(page.get_by_test_id("editor")).to_have_attribute("data-can-undo", "false")
    page.keyboard.press("Control+Shift+z")
    save_with_ctrl_s(page)
    shapes = {(shape["frame"], shape["type"]): shape for shape in stored_shapes(context, job["id"])}
    assert sorted(shapes) == [(0, "mask"), (1, "polygon"), (2, "mask")]
    # The pixels whose centres the rectangles cover: x 50…199, y 50…149; and x 10…15, y 21…23.
    assert shapes[(0, "mask")]["points"] == [0, 150 * 100, 50, 50, 199, 149]
    assert shapes[(2, "mask")]["points"] == [0, 6 * 3, 10, 21, 15, 23]
    assert shapes[(2, "mask")]["label_id"] == labels["person"]
