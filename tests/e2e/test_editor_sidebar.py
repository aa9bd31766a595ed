"""The editor's objects sidebar: cards (relabel, attributes of every input type, lock/hide all,
pin, instance colour, z-order, object URL), copy/paste and propagation from the keyboard, the
Labels tab, sorting and the Appearance panel; one undo; then the stored annotations through the API.

Shapes are created through the API on a task whose label has checkbox, select, number, text and
radio attributes; everything else goes through the UI.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import BrowserContext, Locator, Page, expect

from tests.e2e import test_editor
from tests.e2e.conftest import Account, api_headers
from tests.e2e.test_editor import _json, create_task_with_job, open_editor, save_with_ctrl_s, wait_for_draft

LABELS = [
    {
        "name": "car",
        "color": "#ff6600",
        "attributes": [
            {"name": "parked", "input_type": "checkbox", "mutable": False, "values": ["false"], "default_value": "false"},
            {"name": "paint", "input_type": "select", "mutable": False, "values": ["red", "green", "blue"], "default_value": "red"},
            {"name": "doors", "input_type": "number", "mutable": False, "values": ["2", "6", "1"], "default_value": "4"},
            {"name": "plate", "input_type": "text", "mutable": False, "values": [""], "default_value": ""},
            {"name": "body", "input_type": "radio", "mutable": False, "values": ["sedan", "van"], "default_value": "sedan"},
        ],
    },
    {
        "name": "person",
        "color": "#3366ff",
        "attributes": [
            {"name": "pose", "input_type": "select", "mutable": False, "values": ["standing", "sitting"], "default_value": "sitting"},
        ],
    },
]


SELECTED = re.compile(r"\beditor-card-selected\b")


def rectangle(label_id: int, x: float, z_order: int) -> dict[str, Any]:
    return {
        "type": "rectangle",
        "frame": 0,
        "label_id": label_id,
        "points": [x, 100, x + 120, 220],
        "z_order": z_order,
        "occluded": False,
        "outside": False,
        "rotation": 0,
        "group": 0,
        "source": "manual",
        "attributes": [],
    }


def card(page: Page, server_id: int) -> Locator:
    return page.locator(f'[data-testid="object-item"][data-server-id="{server_id}"]')


def select_card(page: Page, server_id: int) -> None:
    """Clicks the card's title (not one of its controls), so the keyboard acts on the object."""
    card(page, server_id).get_by_test_id("object-id").click()
    expect(card(page, server_id)).to_have_class(SELECTED)


def choose(page: Page, field: Locator, option: str) -> None:
    field.click()
    page.locator(".ant-select-dropdown:visible").get_by_text(option, exact=True).click()


def test_objects_sidebar_edits_copies_propagates_and_saves(
    page: Page, context: BrowserContext, signed_in: Account, screenshot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(test_editor, "LABELS", LABELS)
    task, job = create_task_with_job(context, images=4)
    labels = {label["name"]: label for label in _json(context.request.get(f"/api/labels?job_id={job['id']}"))["results"]}
    car, person = labels["car"], labels["person"]
    spec = {attribute["name"]: attribute["id"] for attribute in car["attributes"]}
    body = {"version": 0, "tags": [], "tracks": [], "shapes": [rectangle(car["id"], 40, 0), rectangle(car["id"], 220, 1), rectangle(person["id"], 400, 2)]}
    _json(context.request.put(f"/api/jobs/{job['id']}/annotations", data=body, headers=api_headers(context)))
    first, second, third = sorted(shape["id"] for shape in _json(context.request.get(f"/api/jobs/{job['id']}/annotations"))["shapes"])
    context.grant_permissions(["clipboard-read", "clipboard-write"])

    open_editor(page, task, job)
    count = page.get_by_test_id("objects-count")
    expect(count).to_have_text("3")

    # Sorting: by id both ways, and by z-order (topmost first).
    server_ids = page.get_by_test_id("object-item")
    expect(server_ids.first).to_have_attribute("data-server-id", str(first))
    choose(page, page.get_by_test_id("objects-sort"), "ID – descending")
    expect(server_ids.first).to_have_attribute("data-server-id", str(third))
    choose(page, page.get_by_test_id("objects-sort"), "Z-order")
    expect(server_ids.first).to_have_attribute("data-server-id", str(third))
    choose(page, page.get_by_test_id("objects-sort"), "ID – ascending")
    expect(server_ids.first).to_have_attribute("data-server-id", str(first))

    # Attributes of the first car, one input type each; a number out of range is refused.
    one = card(page, first)
    one.get_by_test_id("object-details-toggle").click()
    details = one.get_by_test_id("object-details")
    details.get_by_test_id("attribute-parked").click()
    choose(page, details.get_by_label("paint"), "blue")
    doors = details.get_by_label("doors")
    doors.fill("9")
    doors.press("Enter")
    expect(details.get_by_test_id("attribute-doors-problem")).to_contain_text("between 2 and 6")
    doors.fill("5")
    doors.press("Enter")
    expect(details.get_by_test_id("attribute-doors-problem")).to_have_count(0)
    plate = details.get_by_label("plate")
    plate.fill("AB 123")
    plate.press("Enter")
    details.get_by_text("van", exact=True).click()
    screenshot("attributes")

    # Relabel the second car from its card: it takes the person label's default attributes.
    choose(page, card(page, second).get_by_label("Label"), "person")
    expect(card(page, second)).to_contain_text("person")

    # Ctrl+1 relabels the selection to the first label (the person becomes a car, with its defaults).
    select_card(page, third)
    page.keyboard.press("Control+1")
    expect(card(page, third)).to_contain_text("car")

    # Lock all from the header, unlock all with T L; hide all with T H, show all from the header.
    page.get_by_test_id("objects-lock-all").click()
    expect(page.get_by_role("button", name="Unlock (L)")).to_have_count(3)
    select_card(page, first)
    page.keyboard.press("t")
    page.keyboard.press("l")
    expect(page.get_by_role("button", name="Lock (L)")).to_have_count(3)
    page.keyboard.press("t")
    page.keyboard.press("h")
    expect(page.get_by_role("button", name="Show (H)")).to_have_count(3)
    page.get_by_test_id("objects-hide-all").click()
    expect(page.get_by_role("button", name="Hide (H)")).to_have_count(3)

    # Pin, and an instance colour with Enter (the first colour of the palette).
    one.get_by_role("button", name="Pin").click()
    expect(one).to_have_attribute("data-pinned", "true")
    select_card(page, first)
    page.keyboard.press("Enter")
    expect(one).to_have_attribute("data-color", "#e6194b")

    # The menu's "Change instance colour" opens the picker; a typed hex colour is applied.
    card(page, second).get_by_test_id("object-menu").click()
    page.get_by_role("menuitem", name="Change instance colour (Enter)").click()
    expect(card(page, second).get_by_test_id("object-color-picker")).to_be_visible()
    hex_input = page.locator(".ant-color-picker-input input:visible").first
    hex_input.fill("00ff00")
    hex_input.press("Enter")
    expect(card(page, second)).to_have_attribute("data-color", "#00ff00")
    page.keyboard.press("Escape")
    page.mouse.click(5, 5)

    # Create object URL (right-click menu) copies CVAT's object link.
    one.get_by_test_id("object-id").click(button="right")
    page.get_by_role("menuitem", name="Create object URL").click()
    link = page.evaluate("navigator.clipboard.readText()")
    assert link.endswith(f"/tasks/{task['id']}/jobs/{job['id']}?frame=0&type=shape&serverID={first}"), link

    # Ctrl+C / Ctrl+V: a copy on the same frame, selected; an unsaved object has no URL.
    select_card(page, first)
    page.keyboard.press("Control+c")
    page.keyboard.press("Control+v")
    expect(count).to_have_text("4")
    pasted = page.locator('[data-testid="object-item"][data-server-id=""]')
    expect(pasted).to_have_class(SELECTED)
    pasted.get_by_test_id("object-menu").click()
    expect(page.get_by_role("menuitem", name="Create object URL")).to_have_attribute("aria-disabled", "true")
    page.keyboard.press("Escape")

    # Ctrl+B propagates the first car 2 frames forward.
    select_card(page, first)
    page.keyboard.press("Control+b")
    dialog = page.get_by_test_id("propagate-dialog")
    expect(dialog).to_be_visible()
    dialog.get_by_label("Number of frames").fill("2")
    screenshot("propagate")
    page.get_by_test_id("propagate-ok").click()
    expect(dialog).to_have_count(0)

    # Z-order: + brings the first car to the top; - sends the person to the bottom, then undo.
    page.keyboard.press("+")
    expect(one).to_have_attribute("data-z-order", "3")
    select_card(page, third)
    page.keyboard.press("-")
    expect(card(page, third)).to_have_attribute("data-z-order", "-1")
    page.keyboard.press("Control+z")
    expect(card(page, third)).to_have_attribute("data-z-order", "2")

    # Sorted by updated time, the object just changed (and changed back) comes first.
    choose(page, page.get_by_test_id("objects-sort"), "Updated time")
    expect(server_ids.first).to_have_attribute("data-server-id", str(third))
    choose(page, page.get_by_test_id("objects-sort"), "ID – ascending")

    # Labels tab: hiding "person" hides its objects (in the job); a click makes it the drawing label.
    page.get_by_test_id("sidebar-tab-labels").click()
    person_row = page.locator(f'[data-testid="label-item"][data-label-id="{person["id"]}"]')
    person_row.get_by_test_id("label-hide").click()
    expect(person_row.get_by_test_id("label-hide")).to_have_attribute("aria-pressed", "true")
    person_row.click()
    expect(person_row).to_have_class("editor-label editor-label-current")
    screenshot("labels-tab")
    page.get_by_test_id("sidebar-tab-objects").click()
    expect(card(page, second).get_by_role("button", name="Show (H)")).to_be_visible()
    expect(card(page, third).get_by_role("button", name="Hide (H)")).to_be_visible()
    expect(one.get_by_role("button", name="Hide (H)")).to_be_visible()

    # Appearance: opacity to 100 %, kept over a reload.
    page.get_by_test_id("appearance").get_by_text("Appearance").click()
    handle = page.get_by_role("slider", name="Opacity", exact=True)
    handle.focus()
    handle.press("End")
    expect(handle).to_have_attribute("aria-valuenow", "100")
    screenshot("appearance")
    page.get_by_test_id("appearance-bitmap").click()
    frame_layer = page.locator(".editor-canvas .konvajs-content > canvas").first
    expect(frame_layer).to_have_css("visibility", "hidden")
    expect(page.get_by_test_id("editor-canvas")).to_have_css("background-color", "rgb(0, 0, 0)")
    screenshot("bitmap")
    page.get_by_test_id("appearance-bitmap").click()
    expect(frame_layer).to_have_css("visibility", "visible")

    save_with_ctrl_s(page)
    shapes = _json(context.request.get(f"/api/jobs/{job['id']}/annotations"))["shapes"]
    assert sorted(shape["frame"] for shape in shapes) == [0, 0, 0, 0, 1, 2]
    by_id = {shape["id"]: shape for shape in shapes}
    values = {a["spec_id"]: a["value"] for a in by_id[first]["attributes"]}
    assert values[spec["parked"]] == "true"
    assert values[spec["paint"]] == "blue"
    assert values[spec["doors"]] == "5"
    assert values[spec["plate"]] == "AB 123"
    assert values[spec["body"]] == "van"
    assert by_id[first]["z_order"] == 3
    assert by_id[second]["label_id"] == person["id"]
    assert [(a["spec_id"], a["value"]) for a in by_id[second]["attributes"]] == [(person["attributes"][0]["id"], "sitting")]
    assert by_id[third]["z_order"] == 2
    assert by_id[third]["label_id"] == car["id"]
    assert {a["spec_id"]: a["value"] for a in by_id[third]["attributes"]} == {
        spec["parked"]: "false", spec["paint"]: "red", spec["doors"]: "4", spec["plate"]: "", spec["body"]: "sedan"
    }
    copies = [shape for shape in shapes if shape["id"] not in (first, second, third)]
    assert len(copies) == 3
    for copy in copies:
        assert copy["label_id"] == car["id"]
        assert copy["points"] == by_id[first]["points"]
        assert {a["spec_id"]: a["value"] for a in copy["attributes"]} == values

    wait_for_draft(page, job["id"], present=False)
    page.reload()
    expect(page.get_by_test_id("editor-canvas")).to_have_attribute("data-frame-ready", "true")
    page.get_by_test_id("appearance").get_by_text("Appearance").click()
    expect(page.get_by_role("slider", name="Opacity", exact=True)).to_have_attribute("aria-valuenow", "100")


def test_objects_list_mounts_only_cards_in_view_and_scrolls_to_the_selected_object(
    page: Page, context: BrowserContext, signed_in: Account, screenshot: Any
) -> None:
    task, job = create_task_with_job(context, images=1)
    label_id = _json(context.request.get(f"/api/labels?job_id={job['id']}"))["results"][0]["id"]
    shapes = []
    for i in range(40):
        shape = rectangle(label_id, 10 + (i % 8) * 75, i)
        shape["points"] = [10 + (i % 8) * 75, 10 + (i // 8) * 90, 70 + (i % 8) * 75, 70 + (i // 8) * 90]
        shapes.append(shape)
    body = {"version": 0, "tags": [], "tracks": [], "shapes": shapes}
    _json(context.request.put(f"/api/jobs/{job['id']}/annotations", data=body, headers=api_headers(context)))
    last = max(shape["id"] for shape in _json(context.request.get(f"/api/jobs/{job['id']}/annotations"))["shapes"])

    canvas = open_editor(page, task, job)
    expect(page.get_by_test_id("objects-count")).to_have_text("40")
    mounted = page.get_by_test_id("object-item").count()
    assert 0 < mounted < 20, mounted
    expect(card(page, last)).to_have_count(0)

    canvas.click(10 + 7 * 75 + 30, 10 + 4 * 90 + 30)
    expect(card(page, last)).to_be_in_viewport()
    expect(card(page, last)).to_have_class(SELECTED)
    screenshot("scrolled-to-selected")
