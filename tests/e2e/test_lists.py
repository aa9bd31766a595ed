"""The Projects, Tasks and Jobs lists: search, drag-to-order sorting, quick filters, the filter
builder (rules, Or groups, Not) kept in the URL across reloads, pagination with back/forward.

Setup goes through the API (each test's user is fresh, so it sees only its own objects);
what each test is about goes through the UI.
"""

from __future__ import annotations

import io
import json
import re
import time
from typing import Any
from urllib.parse import parse_qs, urlsplit

from PIL import Image
from playwright.sync_api import BrowserContext, Locator, Page, expect

from tests.e2e.conftest import Account, api_headers

LABELS = [{"name": "car"}]


# --- setup through the API ---------------------------------------------------------------------------


def _json(response: Any, status: int = 200) -> Any:
    assert response.status == status, f"{response.status}: {response.text()}"
    return response.json()


def create_project(context: BrowserContext, name: str) -> dict[str, Any]:
    body = {"name": name, "labels": LABELS}
    return _json(context.request.post("/api/projects", data=body, headers=api_headers(context)), 201)


def create_task(context: BrowserContext, name: str, **fields: Any) -> dict[str, Any]:
    body = {"name": name, **({} if "project_id" in fields else {"labels": LABELS}), **fields}
    return _json(context.request.post("/api/tasks", data=body, headers=api_headers(context)), 201)


def self_id(context: BrowserContext) -> int:
    return int(_json(context.request.get("/api/users/self"))["id"])


def _png(index: int) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (96, 64), (30 + 60 * index % 200, 140, 210)).save(buffer, format="PNG")
    return buffer.getvalue()


def attach_images(context: BrowserContext, task_id: int, count: int) -> None:
    files = {
        f"client_files[{i}]": {"name": f"frame{i}.png", "mimeType": "image/png", "buffer": _png(i)}
        for i in range(count)
    }
    started = _json(
        context.request.post(
            f"/api/tasks/{task_id}/data", multipart={"image_quality": "70", **files}, headers=api_headers(context)
        ),
        202,
    )
    deadline = time.monotonic() + 60
    while True:
        body = _json(context.request.get(f"/api/requests/{started['rq_id']}"))
        if body["status"] in ("finished", "failed"):
            assert body["status"] == "finished", body
            return
        assert time.monotonic() < deadline, body
        time.sleep(0.2)


# --- UI helpers --------------------------------------------------------------------------------------


def query_of(page: Page) -> dict[str, list[str]]:
    return parse_qs(urlsplit(page.url).query)


def task_names(page: Page) -> Locator:
    return page.get_by_test_id("task-name")


def expect_task_names(page: Page, names: list[str]) -> None:
    """The listed tasks, in order ("#12: name" shown; compared by name)."""
    expect(task_names(page)).to_have_text([re.compile(rf"^#\d+: {re.escape(name)}$") for name in names])


def choose(page: Page, select: Locator, option: str, multiple: bool = False) -> None:
    """Picks an option of an antd Select by its visible text and, unless it takes several values
    (its list stays open), waits for its list to close, so that the next Select's list is not
    mistaken for this one while it fades out (a loaded CI machine once clicked "between" into a
    list that was still closing)."""
    select.click()
    page.locator(".ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option").filter(
        has_text=re.compile(f"^{re.escape(option)}$")
    ).click()
    if not multiple:
        expect(page.locator(".ant-select-dropdown:not(.ant-select-dropdown-hidden)")).to_have_count(0)


def open_sort_panel(page: Page) -> Locator:
    """Opens the sort control and waits for its opening animation, so drags land where aimed."""
    page.get_by_test_id("sort-control").click()
    panel = page.get_by_test_id("sort-panel")
    expect(panel).to_be_visible()
    expect(page.locator(".ant-popover").filter(has=panel)).not_to_have_class(re.compile(r"-(appear|enter)"))
    return panel


def rule_value(rule: Locator) -> Locator:
    return rule.get_by_label("Value", exact=True)


# --- Projects ----------------------------------------------------------------------------------------


def test_projects_page_shows_cards_and_searches(page: Page, signed_in: Account, screenshot) -> None:  # type: ignore[no-untyped-def]
    for name in ("Streets", "Harbour", "Forest"):
        create_project(page.context, f"{name} survey")
    page.goto("/projects")
    cards = page.get_by_test_id("project-card")
    expect(cards).to_have_count(3)
    first = cards.first
    expect(first).to_contain_text(signed_in.username)
    expect(first.get_by_test_id("project-task-count")).to_have_text("0 tasks")
    # No media yet: a neutral placeholder instead of a broken image.
    expect(first.get_by_role("img", name="no preview")).to_be_visible()
    expect(first.get_by_test_id("project-actions")).to_be_visible()
    screenshot("projects-page")

    page.get_by_test_id("list-search").locator("input").fill("harb")
    page.get_by_test_id("list-search").locator("input").press("Enter")
    expect(cards).to_have_count(1)
    expect(cards.first).to_contain_text("Harbour survey")
    assert query_of(page)["search"] == ["harb"]
    expect(page.get_by_test_id("active-filters")).to_contain_text("Search: harb")

    cards.first.get_by_test_id("project-name").click()
    expect(page).to_have_url(f"/projects/{cards_project_id(page, 'Harbour survey')}")


def cards_project_id(page: Page, name: str) -> int:
    found = _json(page.context.request.get("/api/projects", params={"search": name}))["results"]
    return int(found[0]["id"])


def test_projects_page_empty_state_offers_to_create(page: Page, signed_in: Account, screenshot) -> None:  # type: ignore[no-untyped-def]
    page.goto("/projects")
    empty = page.get_by_test_id("list-empty")
    expect(empty).to_contain_text("No projects yet")
    screenshot("projects-empty")
    empty.get_by_role("link", name="Create a project").click()
    expect(page).to_have_url("/projects/create")


# --- Tasks: rows, sorting, quick filters, pagination --------------------------------------------------


def test_task_rows_show_project_owner_progress_and_actions(page: Page, signed_in: Account, screenshot) -> None:  # type: ignore[no-untyped-def]
    project = create_project(page.context, "Traffic")
    create_task(page.context, "empty task")
    task = create_task(page.context, "with images", project_id=project["id"], segment_size=2)
    attach_images(page.context, task["id"], 3)
    page.goto("/tasks")
    rows = page.get_by_test_id("task-row")
    expect(rows).to_have_count(2)
    row = rows.filter(has_text="with images")
    expect(row).to_contain_text(f"#{task['id']}: with images")
    expect(row).to_contain_text("Project: Traffic")
    expect(row).to_contain_text(f"Created by {signed_in.username}")
    expect(row.get_by_test_id("task-progress")).to_contain_text("0 of 2 jobs completed")
    expect(row.get_by_test_id("status-tag")).to_have_text("Annotation")
    expect(row.get_by_role("img", name="with images", exact=True)).to_be_visible()
    expect(rows.filter(has_text="empty task")).to_contain_text("No jobs yet")
    expect(row.get_by_test_id("task-actions")).to_be_visible()
    screenshot("tasks-page")
    row.get_by_test_id("task-open").click()
    expect(page).to_have_url(f"/tasks/{task['id']}")


def test_tasks_sort_by_dragging_name_first_and_flipping_it(page: Page, signed_in: Account, screenshot) -> None:  # type: ignore[no-untyped-def]
    for name in ("banana", "apple", "cherry"):
        create_task(page.context, name)
    page.goto("/tasks")
    expect_task_names(page, ["cherry", "apple", "banana"])  # default: newest first

    panel = open_sort_panel(page)
    expect(panel.get_by_test_id("sort-item-id")).to_contain_text("Descending")
    page.get_by_test_id("sort-field-name").drag_to(
        panel.get_by_test_id("sort-item-id"), target_position={"x": 40, "y": 2}
    )
    expect(panel.get_by_test_id("sort-active").locator(".sort-label")).to_have_text(["Name", "ID"])
    panel.get_by_test_id("sort-direction-name").click()
    expect(panel.get_by_test_id("sort-direction-name")).to_have_text("Descending")
    screenshot("sort-control")
    panel.get_by_test_id("sort-apply").click()

    expect_task_names(page, ["cherry", "banana", "apple"])
    assert query_of(page)["sort"] == ["-name,-id"]
    expect(page.get_by_test_id("sort-control")).to_contain_text("Name ↓, ID ↓")

    # Ascending again, by dragging ID away: the order is by name alone.
    open_sort_panel(page)
    panel.get_by_test_id("sort-item-id").drag_to(panel.get_by_test_id("sort-available"))
    panel.get_by_test_id("sort-direction-name").click()
    panel.get_by_test_id("sort-apply").click()
    expect_task_names(page, ["apple", "banana", "cherry"])
    assert query_of(page)["sort"] == ["name"]

    page.go_back()
    expect_task_names(page, ["cherry", "banana", "apple"])


def test_quick_filter_assigned_to_me_combines_with_search(page: Page, signed_in: Account, screenshot) -> None:  # type: ignore[no-untyped-def]
    me = self_id(page.context)
    create_task(page.context, "mine to do", assignee_id=me)
    create_task(page.context, "mine too", assignee_id=me)
    create_task(page.context, "unassigned")
    page.goto("/tasks")
    expect(task_names(page)).to_have_count(3)

    page.get_by_test_id("quick-filters").click()
    page.get_by_role("menuitem", name="Assigned to me").click()
    expect_task_names(page, ["mine too", "mine to do"])
    assert query_of(page)["quick"] == ["assigned_to_me"]
    expect(page.get_by_test_id("active-filters")).to_contain_text("Assigned to me")
    screenshot("quick-filter")

    page.get_by_test_id("list-search").locator("input").fill("do")
    page.get_by_test_id("list-search").locator("input").press("Enter")
    expect_task_names(page, ["mine to do"])

    page.get_by_test_id("clear-filters").click()
    expect(task_names(page)).to_have_count(3)
    assert "quick" not in query_of(page) and "search" not in query_of(page)


def test_tasks_pagination_is_in_the_url_and_back_returns(page: Page, signed_in: Account) -> None:
    for number in range(12):
        create_task(page.context, f"task {number:02d}")
    page.goto("/tasks")
    expect(task_names(page)).to_have_count(10)
    expect(page.get_by_test_id("list-pagination")).to_contain_text("1–10 of 12 tasks")
    page.get_by_test_id("list-pagination").get_by_title("2", exact=True).click()
    expect_task_names(page, ["task 01", "task 00"])
    assert query_of(page)["page"] == ["2"]
    page.reload()
    expect_task_names(page, ["task 01", "task 00"])
    page.go_back()
    expect(task_names(page)).to_have_count(10)
    expect(task_names(page).first).to_contain_text("task 11")


# --- Tasks: the filter builder ----------------------------------------------------------------------


def test_filter_builder_rule_and_or_group_survive_a_reload(page: Page, signed_in: Account, screenshot) -> None:  # type: ignore[no-untyped-def]
    for name in ("car-red", "car-blue", "bus-red", "truck-red"):
        create_task(page.context, name)
    page.goto("/tasks")
    expect(task_names(page)).to_have_count(4)

    # Name contains "red" And (Name contains "car" Or Name contains "truck").
    page.get_by_test_id("filter-button").click()
    builder = page.get_by_test_id("filter-builder")
    root_rule = builder.get_by_test_id("filter-rule").first
    expect(root_rule.get_by_label("Field", exact=True)).to_be_visible()
    rule_value(root_rule).fill("red")
    builder.get_by_role("button", name="Add group").click()
    group = builder.get_by_test_id("filter-group").nth(1)
    expect(group).to_have_attribute("data-conjunction", "or")
    rule_value(group.get_by_test_id("filter-rule").first).fill("car")
    group.get_by_role("button", name="Add rule").click()
    rule_value(group.get_by_test_id("filter-rule").nth(1)).fill("truck")
    expect(page.get_by_test_id("filter-summary")).to_contain_text(
        'Name contains "red" and (Name contains "car" or Name contains "truck")'
    )
    screenshot("filter-builder")
    page.get_by_test_id("filter-apply").click()

    expect_task_names(page, ["truck-red", "car-red"])
    sent = json.loads(query_of(page)["filter"][0])
    assert sent == {
        "and": [
            {"in": ["red", {"var": "name"}]},
            {"or": [{"in": ["car", {"var": "name"}]}, {"in": ["truck", {"var": "name"}]}]},
        ]
    }
    expect(page.get_by_test_id("filter-button")).to_have_text("Filter (3)")
    screenshot("tasks-filtered")

    page.reload()
    expect_task_names(page, ["truck-red", "car-red"])
    page.get_by_test_id("filter-button").click()
    rules = builder.get_by_test_id("filter-rule")
    expect(rules).to_have_count(3)
    assert [rule_value(rule).input_value() for rule in rules.all()] == ["red", "car", "truck"]
    expect(builder.get_by_test_id("filter-group").nth(1)).to_have_attribute("data-conjunction", "or")

    # Not on the group: red tasks that are neither cars nor trucks.
    builder.get_by_test_id("filter-group").nth(1).get_by_role("button", name="Not").click()
    page.get_by_test_id("filter-apply").click()
    expect_task_names(page, ["bus-red"])

    # The filters used are offered again under Recent.
    page.get_by_test_id("clear-filters").click()
    expect(task_names(page)).to_have_count(4)
    page.get_by_test_id("recent-filters").click()
    recent = page.locator(".ant-dropdown:not(.ant-dropdown-hidden)").get_by_role("menuitem")
    expect(recent).to_have_count(2)
    expect(recent.first).to_have_text('Name contains "red" and not (Name contains "car" or Name contains "truck")')
    recent.nth(1).click()
    expect_task_names(page, ["truck-red", "car-red"])


def test_filter_builder_select_field_any_of_and_operator_choice(page: Page, signed_in: Account) -> None:
    for name in ("alpha", "beta", "gamma"):
        create_task(page.context, name)
    ids = [t["id"] for t in _json(page.context.request.get("/api/tasks", params={"sort": "id"}))["results"]]
    page.goto("/tasks")
    page.get_by_test_id("filter-button").click()
    rule = page.get_by_test_id("filter-rule").first
    choose(page, rule.get_by_label("Field", exact=True), "ID")
    choose(page, rule.get_by_label("Operator", exact=True), "between")
    rule.get_by_label("From", exact=True).fill(str(ids[0]))
    rule.get_by_label("To", exact=True).fill(str(ids[1]))
    page.get_by_test_id("filter-builder").get_by_role("button", name="Add rule").first.click()
    second = page.get_by_test_id("filter-rule").nth(1)
    choose(page, second.get_by_label("Field", exact=True), "Status")
    choose(page, second.get_by_label("Operator", exact=True), "is any of")
    choose(page, second.get_by_label("Values", exact=True), "Annotation", multiple=True)
    page.keyboard.press("Escape")
    page.get_by_test_id("filter-apply").click()
    expect_task_names(page, ["beta", "alpha"])
    sent = json.loads(query_of(page)["filter"][0])
    assert sent == {
        "and": [
            {"<=": [ids[0], {"var": "id"}, ids[1]]},
            {"in": [{"var": "status"}, ["annotation"]]},
        ]
    }


def test_a_bad_filter_in_the_url_is_explained(page: Page, signed_in: Account) -> None:
    create_task(page.context, "anything")
    page.goto('/tasks?filter={"==":[{"var":"secret"},1]}')
    expect(page.get_by_test_id("list-error")).to_contain_text("unknown field 'secret'")


# --- Jobs --------------------------------------------------------------------------------------------


def test_jobs_page_empty_state_and_quick_filter(page: Page, signed_in: Account, screenshot) -> None:  # type: ignore[no-untyped-def]
    page.goto("/jobs")
    expect(page.get_by_test_id("list-empty")).to_contain_text("No jobs yet")
    screenshot("jobs-empty")
    page.get_by_test_id("quick-filters").click()
    expect(page.get_by_role("menuitem", name="Owned by me")).to_have_count(0)
    page.get_by_role("menuitem", name="Not completed").click()
    assert query_of(page)["quick"] == ["not_completed"]
    expect(page.get_by_test_id("list-empty")).to_contain_text("No jobs match these filters")


def test_jobs_page_lists_the_jobs_of_a_task_with_images(page: Page, signed_in: Account, screenshot) -> None:  # type: ignore[no-untyped-def]
    project = create_project(page.context, "Vehicles")
    task = create_task(page.context, "parking lot", project_id=project["id"], segment_size=2)
    attach_images(page.context, task["id"], 3)
    jobs = _json(page.context.request.get("/api/jobs", params={"task_id": task["id"], "sort": "id"}))["results"]
    assert len(jobs) == 2
    page.goto("/jobs")
    cards = page.get_by_test_id("job-card")
    expect(cards).to_have_count(2)
    first = cards.filter(has=page.get_by_text(f"Job #{jobs[0]['id']}", exact=True))
    expect(first.get_by_test_id("job-task")).to_have_text(f"#{task['id']}: parking lot")
    expect(first).to_contain_text("Vehicles")
    expect(first.get_by_test_id("job-frames")).to_contain_text("Frames 0–1 (2 frames)")
    expect(first.get_by_test_id("state-tag")).to_have_text("New")
    expect(first.get_by_test_id("stage-tag")).to_have_text("Annotation")
    expect(first.get_by_test_id("job-assignee")).to_have_text("Unassigned")
    for job in jobs:
        expect(page.get_by_role("img", name=f"Job #{job['id']}", exact=True)).to_be_visible()
    screenshot("jobs-page")

    # Sorted by ID ascending through the control, then a filter on the frame-2 job's id.
    page.get_by_test_id("sort-control").click()
    direction = page.get_by_test_id("sort-direction-id")
    expect(direction).to_have_text("Descending")  # the panel shows the applied sort before it is changed
    direction.click()
    expect(direction).to_have_text("Ascending")
    page.get_by_test_id("sort-apply").click()
    expect(page.get_by_test_id("sort-control")).to_contain_text("↑")
    expect(page.get_by_test_id("job-title")).to_have_text([f"Job #{jobs[0]['id']}", f"Job #{jobs[1]['id']}"])
    page.get_by_test_id("filter-button").click()
    rule = page.get_by_test_id("filter-rule").first
    choose(page, rule.get_by_label("Field", exact=True), "ID")
    rule.get_by_label("Value", exact=True).fill(str(jobs[1]["id"]))
    page.get_by_test_id("filter-apply").click()
    expect(cards).to_have_count(1)

    cards.first.click()
    expect(page).to_have_url(f"/tasks/{task['id']}/jobs/{jobs[1]['id']}")
