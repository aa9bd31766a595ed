"""The editor's top bar: stepping by the player's frame step, searching frames with objects /
with filtered objects / empty, search by file name, go to frame, delete and restore a frame, copy
the frame link, job info, object filters, job state and "Finish the job", remove annotations,
export from the menu, the link's query parameters and the in-app navigation warning.

Set-up goes through the API; what changes data is checked through the API again.
"""

from __future__ import annotations

import re
from typing import Any

from playwright.sync_api import BrowserContext, Page, expect

from tests.e2e.conftest import Account, api_headers
from tests.e2e.test_editor import (
    Canvas,
    _json,
    choose_tool,
    create_task_with_job,
    open_editor,
    save_with_ctrl_s,
    wait_for_draft,
)

CVAT_XML = """<?xml version="1.0" encoding="utf-8"?>
<annotations>
  <version>1.1</version>
  <image id="0" name="frame0.png" width="640" height="480">
    <box label="car" occluded="0" source="manual" xtl="10" ytl="20" xbr="110" ybr="120" z_order="0"></box>
    <box label="person" occluded="0" source="manual" xtl="300" ytl="20" xbr="400" ybr="120" z_order="1"></box>
  </image>
</annotations>
"""


def label_ids(context: BrowserContext, job_id: int) -> dict[str, int]:
    labels = _json(context.request.get(f"/api/labels?job_id={job_id}"))["results"]
    return {label["name"]: label["id"] for label in labels}


def rectangle(frame: int, label_id: int, points: list[float] | None = None) -> dict[str, Any]:
    return {
        "type": "rectangle",
        "frame": frame,
        "label_id": label_id,
        "points": points or [50, 50, 200, 150],
        "occluded": False,
        "outside": False,
        "z_order": 0,
        "rotation": 0,
        "group": 0,
        "source": "manual",
        "attributes": [],
    }


def add_annotations(context: BrowserContext, job_id: int, shapes: list[dict[str, Any]], tags: list[dict[str, Any]] = ()) -> dict[str, Any]:  # type: ignore[assignment]
    body = {"version": 0, "shapes": shapes, "tags": list(tags), "tracks": []}
    return _json(
        context.request.patch(f"/api/jobs/{job_id}/annotations?action=create", data=body, headers=api_headers(context))
    )


def patch_settings(context: BrowserContext, player: dict[str, Any]) -> None:
    _json(context.request.patch("/api/users/self/settings", data={"player": player}, headers=api_headers(context)))


def deleted_frames(context: BrowserContext, job_id: int) -> list[int]:
    return _json(context.request.get(f"/api/jobs/{job_id}/data/meta"))["deleted_frames"]


def choose(page: Page, select: Any, option: str) -> None:
    select.click()
    page.locator(".ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option").filter(
        has_text=re.compile(f"^{re.escape(option)}$")
    ).click()


def open_menu_item(page: Page, test_id: str) -> None:
    page.get_by_test_id("editor-menu").click()
    page.get_by_test_id(test_id).click()


def test_the_menu_sections_have_headings_of_their_own(
    page: Page, context: BrowserContext, signed_in: Account, screenshot: Any
) -> None:
    task, job = create_task_with_job(context, images=1)
    open_editor(page, task, job)
    page.get_by_test_id("editor-menu").click()
    headings = page.locator(".ant-dropdown:visible .ant-dropdown-menu-item-group-title")
    expect(headings.first).to_be_visible()
    titles = headings.all_inner_texts()
    screenshot("menu")
    assert len(titles) == len(set(titles)), titles
    assert titles[:2] == ["Job", "Editor"], titles


def test_steps_searches_names_and_deletes_frames(
    page: Page, context: BrowserContext, signed_in: Account, screenshot: Any
) -> None:
    task, job = create_task_with_job(context, images=6)
    labels = label_ids(context, job["id"])
    # Objects on frames 1 and 3; frames 0, 2, 4 and 5 are empty.
    add_annotations(context, job["id"], [rectangle(1, labels["person"]), rectangle(3, labels["car"])])
    patch_settings(context, {"frameStep": 2, "showDeletedFrames": True})
    open_editor(page, task, job)
    editor = page.get_by_test_id("editor")

    def at(frame: int) -> None:
        expect(editor).to_have_attribute("data-frame", str(frame))

    # F/D by one, V/C by the frame step.
    page.keyboard.press("f")
    at(1)
    page.keyboard.press("d")
    at(0)
    page.keyboard.press("v")
    at(2)
    page.keyboard.press("v")
    at(4)
    page.keyboard.press("c")
    at(2)
    page.get_by_test_id("frame-step-back").click()
    at(0)

    # Left/Right search frames with objects; right-click on next picks "empty frames".
    page.keyboard.press("ArrowRight")
    at(1)
    page.keyboard.press("ArrowRight")
    at(3)
    page.keyboard.press("ArrowRight")
    at(3)
    page.get_by_test_id("frame-next").click(button="right")
    page.get_by_test_id("search-mode-empty-next").click()
    expect(page.get_by_test_id("frame-next")).to_have_attribute("data-mode", "empty")
    page.get_by_test_id("frame-next").click()
    at(4)
    page.keyboard.press("ArrowLeft")
    at(2)
    screenshot("search-empty")
    page.get_by_test_id("frame-previous").click(button="right")
    page.get_by_test_id("search-mode-frame-previous").click()
    expect(page.get_by_test_id("frame-next")).to_have_attribute("data-mode", "frame")

    # Search by file name; Enter goes to the match.
    search = page.get_by_test_id("frame-search-input")
    search.fill("frame5")
    expect(page.get_by_test_id("frame-search-option")).to_have_count(1)
    screenshot("filename-search")
    search.press("Enter")
    at(5)
    expect(page.get_by_test_id("frame-name")).to_have_text("frame5.png")

    # ` focuses the frame number.
    page.get_by_test_id("editor-canvas").hover()
    page.keyboard.press("`")
    expect(page.get_by_label("Frame number")).to_be_focused()
    page.keyboard.type("2")
    page.keyboard.press("Enter")
    at(2)

    # Delete the frame: the meta says so; shown deleted frames are marked; restore undoes it.
    page.get_by_test_id("delete-frame").click()
    expect(page.get_by_test_id("frame-deleted")).to_be_visible()
    expect(page.get_by_test_id("restore-frame")).to_be_visible()
    assert deleted_frames(context, job["id"]) == [2]
    screenshot("frame-deleted")
    page.get_by_test_id("restore-frame").click()
    expect(page.get_by_test_id("delete-frame")).to_be_visible()
    expect(page.get_by_test_id("frame-deleted")).to_have_count(0)
    assert deleted_frames(context, job["id"]) == []

    # Alt+Delete deletes it again; with deleted frames hidden, navigation skips it.
    page.keyboard.press("Alt+Delete")
    expect(page.get_by_test_id("frame-deleted")).to_be_visible()
    assert deleted_frames(context, job["id"]) == [2]
    patch_settings(context, {"showDeletedFrames": False})
    page.goto(f"/tasks/{task['id']}/jobs/{job['id']}?frame=1")
    at(1)
    page.keyboard.press("f")
    at(3)
    page.keyboard.press("d")
    at(1)

    # Copy frame link: the clipboard (or the message) has the link with ?frame=.
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.get_by_test_id("copy-frame-link").click()
    link = f"/tasks/{task['id']}/jobs/{job['id']}?frame=1"
    expect(page.locator(".ant-message")).to_contain_text(link)
    assert page.evaluate("navigator.clipboard.readText()").endswith(link)
    page.get_by_test_id("copy-frame-name").click()
    assert page.evaluate("navigator.clipboard.readText()") == "frame1.png"


def test_job_info_filters_and_remove_annotations(
    page: Page, context: BrowserContext, signed_in: Account, screenshot: Any
) -> None:
    task, job = create_task_with_job(context, images=3)
    labels = label_ids(context, job["id"])
    add_annotations(
        context,
        job["id"],
        [
            rectangle(0, labels["car"]),
            rectangle(0, labels["person"], [300, 200, 400, 300]),
            rectangle(1, labels["car"]),
            rectangle(2, labels["person"]),
        ],
        [{"frame": 0, "label_id": labels["car"], "group": 0, "source": "manual", "attributes": []}],
    )
    open_editor(page, task, job)
    count = page.get_by_test_id("objects-count")
    expect(count).to_have_text("3")

    # Job info: counts per label and in total.
    page.get_by_test_id("job-info-button").click()
    info = page.get_by_test_id("job-info")
    expect(info.get_by_test_id(f"job-info-row-{labels['car']}")).to_have_text(re.compile(r"car\s*2\s*0\s*1\s*3"))
    expect(info.get_by_test_id(f"job-info-row-{labels['person']}")).to_have_text(re.compile(r"person\s*2\s*0\s*0\s*2"))
    expect(info.get_by_test_id("job-info-row-total")).to_have_text(re.compile(r"Total\s*4\s*0\s*1\s*5"))
    expect(info.get_by_test_id("job-info-stage")).to_have_text("annotation")
    expect(info.get_by_test_id("job-info-frames")).to_contain_text("3 (0–2")
    screenshot("job-info")
    page.keyboard.press("Escape")
    expect(info).to_have_count(0)

    # A filter "Label = person" hides the car objects on the canvas and in the sidebar.
    page.get_by_test_id("editor-filters").click()
    rule = page.get_by_test_id("filter-builder").get_by_test_id("filter-rule").first
    choose(page, rule.get_by_label("Value", exact=True), "person")
    page.get_by_test_id("filter-apply").click()
    expect(count).to_have_text("1")
    expect(page.get_by_test_id("editor-filters")).to_have_attribute("data-active", "true")
    expect(page.get_by_test_id("object-item")).to_contain_text("person")
    screenshot("filtered")

    # "Frames with filtered objects" skips frame 1 (a car only).
    page.get_by_test_id("frame-next").click(button="right")
    page.get_by_test_id("search-mode-filtered-next").click()
    page.get_by_test_id("frame-next").click()
    expect(page.get_by_test_id("editor")).to_have_attribute("data-frame", "2")
    page.get_by_test_id("editor-filters-clear").click()
    expect(page.get_by_test_id("editor-filters")).to_have_attribute("data-active", "false")
    page.keyboard.press("ArrowLeft")
    expect(page.get_by_test_id("editor")).to_have_attribute("data-frame", "1")
    expect(count).to_have_text("1")

    # Remove annotations of frames 1..2, then save: only frame 0's objects stay.
    open_menu_item(page, "menu-remove-annotations")
    dialog = page.get_by_test_id("remove-annotations")
    dialog.get_by_text("Annotations of a frame range").click()
    page.get_by_label("From frame").fill("1")
    page.get_by_label("To frame").fill("2")
    screenshot("remove-annotations")
    page.get_by_test_id("remove-annotations-ok").click()
    expect(count).to_have_text("0")
    save_with_ctrl_s(page)
    stored = _json(context.request.get(f"/api/jobs/{job['id']}/annotations"))
    assert sorted(shape["frame"] for shape in stored["shapes"]) == [0, 0]
    assert [tag["frame"] for tag in stored["tags"]] == [0]

    # Upload annotations (CVAT 1.1 XML) from the menu: they replace the job's, and the editor reloads them.
    open_menu_item(page, "menu-upload-annotations")
    page.get_by_role("dialog").locator("input[type=file]").set_input_files(
        files=[{"name": "annotations.xml", "mimeType": "text/xml", "buffer": CVAT_XML.encode()}]
    )
    page.get_by_test_id("start-import").click()
    page.get_by_role("dialog").filter(has_text="Replace the job's annotations?").get_by_role("button", name="Replace").click()
    expect(page.locator(".ant-message")).to_contain_text("Annotations reloaded", timeout=30_000)
    page.get_by_role("dialog").filter(has_text="Upload annotations").locator(".ant-modal-close").click()
    page.keyboard.press("d")
    expect(page.get_by_test_id("editor")).to_have_attribute("data-frame", "0")
    expect(count).to_have_text("2")
    stored = _json(context.request.get(f"/api/jobs/{job['id']}/annotations"))
    assert sorted(shape["points"][0] for shape in stored["shapes"]) == [10, 300]
    assert stored["tags"] == []


def test_links_job_state_finish_export_and_leave_warning(
    page: Page, context: BrowserContext, signed_in: Account, screenshot: Any
) -> None:
    task, job = create_task_with_job(context, images=2)
    labels = label_ids(context, job["id"])
    created = add_annotations(context, job["id"], [rectangle(1, labels["car"]), rectangle(0, labels["car"])])
    target = next(shape for shape in created["shapes"] if shape["frame"] == 1)

    # ?frame=&object=&defaultLabel= open frame 1 with the object selected and "person" to draw with.
    page.goto(f"/tasks/{task['id']}/jobs/{job['id']}?frame=1&object={target['id']}&defaultLabel=person&defaultWorkspace=standard")
    canvas = Canvas(page)
    expect(canvas.element).to_have_attribute("data-frame-ready", "true")
    expect(page.get_by_test_id("editor")).to_have_attribute("data-frame", "1")
    expect(page.locator("[data-testid=object-item].editor-object-selected")).to_have_count(1)
    expect(page.get_by_test_id("draw-label")).to_contain_text("person")
    expect(page.get_by_test_id("workspace-select")).to_contain_text("Standard")
    screenshot("opened-from-link")

    # Change the job state from the menu.
    page.get_by_test_id("editor-menu").click()
    page.get_by_test_id("menu-job-state").click()
    page.get_by_test_id("menu-job-state-rejected").click()
    expect(page.locator(".ant-message")).to_contain_text("Job state changed")
    assert _json(context.request.get(f"/api/jobs/{job['id']}"))["state"] == "rejected"

    # Export from the menu starts an export request.
    open_menu_item(page, "menu-export-dataset")
    expect(page.get_by_test_id("start-export")).to_be_enabled()
    with page.expect_request(lambda r: r.method == "POST" and f"/api/jobs/{job['id']}/dataset/export" in r.url) as sent:
        page.get_by_test_id("start-export").click()
    assert "format=" in sent.value.url
    screenshot("export")
    page.get_by_role("dialog").locator(".ant-modal-close").click()
    expect(page.get_by_role("dialog")).to_have_count(0)

    # In-app navigation with unsaved changes asks first: Stay keeps the editor, Leave goes.
    page.keyboard.press("Delete")
    expect(page.get_by_test_id("save-status")).to_have_attribute("data-status", "unsaved")
    page.get_by_test_id("editor-topbar").get_by_role("link", name=f"Task #{task['id']}").click()
    warning = page.get_by_role("dialog").filter(has_text="Leave the job with unsaved changes?")
    expect(warning).to_be_visible()
    screenshot("leave-warning")
    warning.get_by_role("button", name="Stay").click()
    expect(page).to_have_url(re.compile(f"/tasks/{task['id']}/jobs/{job['id']}"))

    # Finish the job: saves first (the deletion), then the state is completed and the stage stays.
    open_menu_item(page, "menu-finish-job")
    page.get_by_test_id("finish-job-ok").click()
    expect(page.locator(".ant-message")).to_contain_text("The job is finished")
    stored = _json(context.request.get(f"/api/jobs/{job['id']}"))
    assert (stored["stage"], stored["state"]) == ("annotation", "completed")
    assert [shape["frame"] for shape in _json(context.request.get(f"/api/jobs/{job['id']}/annotations"))["shapes"]] == [0]

    # ?object= alone opens the object's frame with it selected.
    other = next(shape for shape in created["shapes"] if shape["frame"] == 0)
    wait_for_draft(page, job["id"], present=False)  # else reopening offers the saved work back
    page.goto(f"/tasks/{task['id']}/jobs/{job['id']}?object={other['id']}")
    expect(canvas.element).to_have_attribute("data-frame-ready", "true")
    expect(page.get_by_test_id("editor")).to_have_attribute("data-frame", "0")
    expect(page.locator("[data-testid=object-item].editor-object-selected")).to_have_count(1)

    # A new unsaved shape, then leave through the link and confirm.
    choose_tool(page, "rectangle")
    canvas.drag((100, 100), (200, 200))
    expect(page.get_by_test_id("save-status")).to_have_attribute("data-status", "unsaved")
    page.get_by_test_id("editor-topbar").get_by_role("link", name=f"Task #{task['id']}").click()
    warning.get_by_role("button", name="Leave").click()
    expect(page).to_have_url(re.compile(f"/tasks/{task['id']}$"))
