"""The label new objects get, in the editor's controls sidebar: a label's type limits the tools
that draw with it (a skeleton label is offered to none yet, and says why), a drawing that cannot
make its object says why instead of leaving a silent preview, and the label's name is readable in
the narrow sidebar (whole, or ending in an ellipsis with the whole name as its tooltip).

Set-up goes through the API; what is stored is checked through the API again.
"""

from __future__ import annotations

import re
from typing import Any

from playwright.sync_api import BrowserContext, Locator, Page, expect

from tests.e2e.conftest import Account
from tests.e2e.test_editor import _json, choose_tool, create_task_with_job, open_editor, save_with_ctrl_s
from tests.e2e.test_task_page import settled

LONG_NAME = "traffic light on a pole"
SKELETON = {
    "name": "person",
    "type": "skeleton",
    "sublabels": [{"name": "head", "type": "points"}, {"name": "foot", "type": "points"}],
    "svg": '<circle r="1.5" cx="50" cy="20" data-type="element node" data-element-id="1" data-node-id="1"'
    ' data-label-name="head"></circle><circle r="1.5" cx="50" cy="80" data-type="element node"'
    ' data-element-id="2" data-node-id="2" data-label-name="foot"></circle>',
}
TYPED_LABELS = [
    SKELETON,
    {"name": "car", "type": "any"},
    {"name": "road", "type": "polygon"},
    {"name": "weather", "type": "tag"},
]
SKELETON_WHY = '"person" is a skeleton label, and drawing skeletons is not available yet.'


def message(page: Page) -> Locator:
    return page.locator(".ant-message")


def label_option(page: Page, name: str) -> Locator:
    return page.locator(".ant-select-dropdown:visible .ant-select-item-option", has_text=name)


def labels_by_name(context: BrowserContext, job_id: int) -> dict[str, int]:
    results = _json(context.request.get(f"/api/labels?job_id={job_id}"))["results"]
    return {label["name"]: label["id"] for label in results}


def shown_name(page: Page) -> dict[str, Any]:
    """How the chosen label's name is laid out: whether its text is wider than its box, whether the
    box stays clear of the select's arrow, and its text-overflow."""
    return page.get_by_test_id("draw-label").evaluate(
        """select => {
            const name = select.querySelector('.editor-label-value-name');
            const arrow = select.querySelector('.ant-select-suffix');
            return {
                cut: name.scrollWidth > name.clientWidth,
                clear: name.getBoundingClientRect().right <= arrow.getBoundingClientRect().left,
                overflow: getComputedStyle(name).textOverflow,
            };
        }"""
    )


def test_the_chosen_label_shows_its_whole_name_or_an_ellipsis_with_a_tooltip(
    page: Page, context: BrowserContext, signed_in: Account, screenshot: Any
) -> None:
    task, job = create_task_with_job(context, images=1, labels=[{"name": "person"}, {"name": LONG_NAME}])
    open_editor(page, task, job)
    value = page.get_by_test_id("draw-label-value")
    expect(value).to_have_text("person")
    assert shown_name(page) == {"cut": False, "clear": True, "overflow": "ellipsis"}
    screenshot("short-name")

    page.get_by_test_id("draw-label").click()
    page.locator(".ant-select-dropdown:visible .ant-select-item-option", has_text=LONG_NAME).click()
    expect(value).to_have_attribute("title", LONG_NAME)
    assert shown_name(page) == {"cut": True, "clear": True, "overflow": "ellipsis"}
    settled(page)
    screenshot("long-name")


def test_a_skeleton_label_is_offered_to_no_drawing_tool_and_says_why(
    page: Page, context: BrowserContext, signed_in: Account, screenshot: Any
) -> None:
    task, job = create_task_with_job(context, images=1, labels=TYPED_LABELS)
    canvas = open_editor(page, task, job)
    value = page.get_by_test_id("draw-label-value")
    # The first label is the skeleton: the editor starts with the first one it can draw with.
    expect(value).to_have_text("car")

    # In the list the skeleton label is greyed out, its tooltip saying why.
    page.get_by_test_id("draw-label").click()
    person = label_option(page, "person")
    expect(person).to_have_class(re.compile("ant-select-item-option-disabled"))
    person.locator("span").first.hover()
    expect(page.locator(".ant-tooltip:visible")).to_have_text(SKELETON_WHY)
    settled(page)
    screenshot("skeleton-option")
    person.click(force=True)
    expect(value).to_have_text("car")
    page.keyboard.press("Escape")

    # Its number key says why too, and keeps the label.
    canvas.click(600, 400)  # the select keeps the focus, and with it the keys, until then
    page.keyboard.press("1")
    expect(message(page)).to_contain_text(SKELETON_WHY)
    expect(value).to_have_text("car")

    # The drawing options say it without hovering anything.
    page.get_by_test_id("drawing-options-button").click()
    expect(page.get_by_test_id("draw-options-note")).to_be_visible()
    expect(page.get_by_test_id("draw-options-note")).to_have_text(SKELETON_WHY)
    settled(page)
    screenshot("drawing-options-note")
    page.get_by_test_id("drawing-options-button").click()
    expect(page.get_by_test_id("drawing-options")).to_be_hidden()

    # A rectangle is drawn, and stored, with a label that may go on it.
    choose_tool(page, "rectangle")
    canvas.drag((20, 20), (120, 90))
    expect(page.get_by_test_id("objects-count")).to_have_text("1")
    save_with_ctrl_s(page)
    shapes = _json(context.request.get(f"/api/jobs/{job['id']}/annotations"))["shapes"]
    assert [(s["type"], s["label_id"]) for s in shapes] == [("rectangle", labels_by_name(context, job["id"])["car"])]


def test_a_tool_takes_a_label_of_its_type_and_a_tool_no_label_fits_is_greyed_out(
    page: Page, context: BrowserContext, signed_in: Account, screenshot: Any
) -> None:
    task, job = create_task_with_job(context, images=1, labels=[SKELETON, {"name": "road", "type": "polygon"}])
    canvas = open_editor(page, task, job)
    value = page.get_by_test_id("draw-label-value")
    expect(value).to_have_text("road")

    # No label of the job is for rectangles (nor tags): those tools are greyed out and say why.
    for tool in ("rectangle", "ellipse", "tag"):
        expect(page.get_by_test_id(f"tool-{tool}")).to_be_disabled()
    page.get_by_test_id("tool-rectangle").hover()
    expect(page.locator(".ant-tooltip:visible")).to_have_text("Rectangle: No label of this job is for rectangles.")
    settled(page)
    screenshot("rectangle-unavailable")

    # The polygon tool draws with the polygon label.
    choose_tool(page, "polygon")
    for point in [(100, 100), (200, 100), (150, 200)]:
        canvas.click(*point)
    page.keyboard.press("n")
    expect(page.get_by_test_id("objects-count")).to_have_text("1")
    save_with_ctrl_s(page)
    shapes = _json(context.request.get(f"/api/jobs/{job['id']}/annotations"))["shapes"]
    assert [(s["type"], s["label_id"]) for s in shapes] == [("polygon", labels_by_name(context, job["id"])["road"])]


def test_choosing_a_tool_the_label_does_not_fit_switches_to_one_that_does_and_says_so(
    page: Page, context: BrowserContext, signed_in: Account
) -> None:
    labels = [{"name": "road", "type": "polygon"}, {"name": "car", "type": "rectangle"}]
    task, job = create_task_with_job(context, images=1, labels=labels)
    open_editor(page, task, job)
    value = page.get_by_test_id("draw-label-value")
    expect(value).to_have_text("road")
    choose_tool(page, "rectangle")
    expect(value).to_have_text("car")
    expect(message(page)).to_contain_text('"road" is for polygons only. Drawing with "car".')


def test_a_finish_that_cannot_make_the_shape_says_why(
    page: Page, context: BrowserContext, signed_in: Account, screenshot: Any
) -> None:
    task, job = create_task_with_job(context, images=1)
    canvas = open_editor(page, task, job)
    choose_tool(page, "polygon")
    canvas.click(100, 100)
    page.mouse.dblclick(*canvas.screen(200, 100))
    expect(message(page)).to_contain_text("A polygon needs at least 3 points: click 1 more, or cancel it.")
    settled(page)
    screenshot("polygon-refused")
    canvas.click(150, 200)
    page.keyboard.press("n")
    expect(page.get_by_test_id("objects-count")).to_have_text("1")

    # A rectangle's first corner, then N: it says how a rectangle is finished.
    choose_tool(page, "rectangle")
    canvas.click(300, 300)
    page.keyboard.press("n")
    expect(message(page)).to_contain_text("Click or drag to the opposite corner to finish the rectangle.")
