"""Frame tags in the editor: the "Tag annotation" workspace of the top bar's switcher (a button
and a number key per tag label, "Automatically go to the next frame", removing a frame's tag,
giving a label another key) and "Show tags on frame" (Settings → Workspace), the chips in the
canvas's corner in every workspace.

Set-up goes through the API; what is saved is checked through the API again.
"""

from __future__ import annotations

from typing import Any

from playwright.sync_api import BrowserContext, Page, expect

from tests.e2e.conftest import Account
from tests.e2e.test_editor import _json, create_task_with_job, open_editor, save_with_ctrl_s
from tests.e2e.test_editor_topbar import add_annotations, choose, label_ids

LABELS = [
    {"name": "car", "type": "rectangle"},
    {"name": "sunny", "type": "tag"},
    {"name": "night", "type": "any"},
]


def tag(frame: int, label_id: int) -> dict[str, Any]:
    return {"frame": frame, "label_id": label_id, "group": 0, "source": "manual", "attributes": []}


def stored_tags(context: BrowserContext, job_id: int) -> list[tuple[int, int]]:
    tags = _json(context.request.get(f"/api/jobs/{job_id}/annotations"))["tags"]
    return sorted((t["frame"], t["label_id"]) for t in tags)


def expect_frame(page: Page, frame: int) -> None:
    expect(page.get_by_test_id("editor")).to_have_attribute("data-frame", str(frame))
    expect(page.get_by_test_id("editor-canvas")).to_have_attribute("data-frame-ready", "true")


def test_tag_annotation_adds_tags_by_button_and_key_goes_on_removes_and_saves(
    page: Page, context: BrowserContext, signed_in: Account, screenshot: Any
) -> None:
    task, job = create_task_with_job(context, images=4, labels=LABELS)
    ids = label_ids(context, job["id"])
    open_editor(page, task, job)

    choose(page, page.get_by_test_id("workspace-select"), "Tag annotation")
    panel = page.get_by_test_id("tag-panel")
    expect(panel).to_be_visible()
    # Only labels a tag may have get a button (tag and any), with the keys 1 and 2 in order; the
    # drawing tools and the objects sidebar give way.
    buttons = panel.get_by_test_id("tag-add")
    expect(buttons).to_have_count(2)
    expect(buttons.nth(0)).to_have_attribute("data-label-name", "sunny")
    expect(buttons.nth(0)).to_contain_text("1")
    expect(buttons.nth(1)).to_have_attribute("data-label-name", "night")
    expect(page.get_by_test_id("tool-rectangle")).to_have_count(0)
    expect(page.get_by_test_id("objects-sidebar")).to_have_count(0)
    expect(panel.get_by_test_id("frame-tags-empty")).to_be_visible()
    screenshot("tag-workspace")

    # The number keys work at once: 1 tags the frame with "sunny", which stays the frame.
    page.keyboard.press("1")
    expect(panel.get_by_test_id("frame-tag")).to_have_text(["sunny"])
    expect_frame(page, 0)

    # With the automatic next frame: a button, then a key, each tag the frame and move on.
    panel.get_by_role("checkbox", name="Automatically go to the next frame").check()
    buttons.filter(has_text="night").click()
    expect_frame(page, 1)
    page.keyboard.press("2")
    expect_frame(page, 2)
    expect(panel.get_by_test_id("frame-tags-empty")).to_be_visible()

    # Without it the frame stays; a second tag of one label is not added.
    panel.get_by_role("checkbox", name="Automatically go to the next frame").uncheck()
    page.keyboard.press("1")
    page.keyboard.press("2")
    expect_frame(page, 2)
    expect(panel.get_by_test_id("frame-tag")).to_have_count(2)
    page.keyboard.press("2")
    expect(page.locator(".ant-message")).to_contain_text('Frame 2 already has the tag "night"')
    expect(panel.get_by_test_id("frame-tag")).to_have_count(2)
    expect(page.get_by_test_id("canvas-frame-tag")).to_have_count(2)
    screenshot("two-tags-on-frame-2")

    # Remove one; undo brings it back, redo removes it again.
    panel.locator("[data-testid=frame-tag][data-label-name=sunny]").get_by_test_id("frame-tag-remove").click()
    expect(panel.get_by_test_id("frame-tag")).to_have_count(1)
    page.keyboard.press("Control+z")
    expect(panel.get_by_test_id("frame-tag")).to_have_count(2)
    page.keyboard.press("Control+Shift+z")
    expect(panel.get_by_test_id("frame-tag")).to_have_count(1)
    expect(page.get_by_test_id("canvas-frame-tag")).to_have_text(["night"])

    save_with_ctrl_s(page)
    assert stored_tags(context, job["id"]) == sorted([(0, ids["sunny"]), (0, ids["night"]), (1, ids["night"]), (2, ids["night"])])

    # Give "sunny" the key 5: 5 tags with it, and 1 adds nothing any more.
    choose(page, panel.locator("[data-testid=tag-hotkey][data-label-name=sunny]"), "5")
    expect(buttons.filter(has_text="sunny")).to_contain_text("5")
    page.keyboard.press("F")
    expect_frame(page, 3)
    page.keyboard.press("1")
    expect(page.locator(".ant-message")).to_contain_text("No tag label has key 1")
    page.keyboard.press("5")
    expect(panel.get_by_test_id("frame-tag")).to_have_text(["sunny"])
    screenshot("key-5-for-sunny")

    # The keys are kept in this browser, per task: a reload still has 5 for "sunny".
    save_with_ctrl_s(page)
    page.goto(f"/tasks/{task['id']}/jobs/{job['id']}?defaultWorkspace=tags&frame=3")
    expect(page.get_by_test_id("tag-panel")).to_be_visible()
    expect(page.get_by_test_id("workspace-select")).to_contain_text("Tag annotation")
    expect(page.get_by_test_id("tag-panel").get_by_test_id("tag-add").filter(has_text="sunny")).to_contain_text("5")
    assert stored_tags(context, job["id"]) == sorted(
        [(0, ids["sunny"]), (0, ids["night"]), (1, ids["night"]), (2, ids["night"]), (3, ids["sunny"])]
    )

    # Back in the standard workspace the tools and the objects sidebar return.
    choose(page, page.get_by_test_id("workspace-select"), "Standard")
    expect(page.get_by_test_id("tag-panel")).to_have_count(0)
    expect(page.get_by_test_id("tool-rectangle")).to_be_visible()


def test_show_tags_on_frame_shows_and_hides_the_chips(
    page: Page, context: BrowserContext, signed_in: Account, screenshot: Any
) -> None:
    task, job = create_task_with_job(context, images=2, labels=LABELS)
    ids = label_ids(context, job["id"])
    add_annotations(context, job["id"], [], [tag(0, ids["sunny"]), tag(0, ids["night"]), tag(1, ids["night"])])
    open_editor(page, task, job)

    # On by default, in the standard workspace: the frame's tags as chips over the canvas's corner.
    chips = page.get_by_test_id("canvas-frame-tag")
    expect(chips).to_have_text(["sunny", "night"])
    canvas_box = page.get_by_test_id("editor-canvas").bounding_box()
    chips_box = page.get_by_test_id("canvas-frame-tags").bounding_box()
    assert canvas_box is not None and chips_box is not None
    assert 0 <= chips_box["x"] - canvas_box["x"] <= 16 and 0 <= chips_box["y"] - canvas_box["y"] <= 16
    screenshot("chips-shown")
    page.keyboard.press("F")
    expect(page.get_by_test_id("editor")).to_have_attribute("data-frame", "1")
    expect(chips).to_have_text(["night"])

    # Off in Settings → Workspace: no chips, in any workspace.
    page.keyboard.press("F2")
    dialog = page.get_by_role("dialog", name="Settings")
    dialog.get_by_role("tab", name="Workspace").click()
    dialog.get_by_role("checkbox", name="Show tags on frame").uncheck()
    dialog.get_by_role("button", name="Save").click()
    expect(dialog).to_be_hidden()
    assert _json(context.request.get("/api/users/self/settings"))["workspace"] == {"showTagsOnFrame": False}
    expect(page.get_by_test_id("canvas-frame-tags")).to_have_count(0)
    choose(page, page.get_by_test_id("workspace-select"), "Tag annotation")
    expect(page.get_by_test_id("tag-panel").get_by_test_id("frame-tag")).to_have_count(1)
    expect(page.get_by_test_id("canvas-frame-tags")).to_have_count(0)
    screenshot("chips-hidden")

    # On again: the chips come back.
    page.keyboard.press("F2")
    dialog.get_by_role("tab", name="Workspace").click()
    dialog.get_by_role("checkbox", name="Show tags on frame").check()
    dialog.get_by_role("button", name="Save").click()
    expect(dialog).to_be_hidden()
    expect(chips).to_have_text(["night"])
