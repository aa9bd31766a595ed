"""The label new objects get, in the editor's controls sidebar: its name is readable in the narrow
sidebar (whole, or ending in an ellipsis with the whole name as its tooltip).

Set-up goes through the API; the checks look at what the page shows.
"""

from __future__ import annotations

from typing import Any

from playwright.sync_api import BrowserContext, Page, expect

from tests.e2e.conftest import Account
from tests.e2e.test_editor import create_task_with_job, open_editor

LONG_NAME = "traffic light on a pole"


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
    screenshot("long-name")
