"""Create project / create task forms: the label constructor, raw editor, skeleton configurator,
the media sources and the creation progress, driven through the browser against a live server."""

from __future__ import annotations

import json
import re
import uuid
from pathlib import Path
from typing import Any

from PIL import Image
from playwright.sync_api import BrowserContext, Locator, Page, expect

from tests.e2e.conftest import Account, api_headers
from tests.live_server import LiveServer


def make_images(folder: Path, count: int, prefix: str = "frame") -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for index in range(count):
        path = folder / f"{prefix}_{index:02d}.png"
        Image.new("RGB", (64, 48), (40 * index % 256, 90, 160)).save(path)
        paths.append(path)
    return paths


def labels_of(context: BrowserContext, owner: str) -> list[dict[str, Any]]:
    response = context.request.get(f"/api/labels?{owner}&page_size=100")
    assert response.ok, response.text()
    return [label for label in response.json()["results"] if not label["has_parent"]]


def create_project(context: BrowserContext, name: str, labels: list[dict[str, Any]]) -> int:
    response = context.request.post(
        "/api/projects", data={"name": name, "labels": labels}, headers=api_headers(context)
    )
    assert response.status == 201, response.text()
    return int(response.json()["id"])


def label_form(page: Page) -> Locator:
    return page.get_by_test_id("label-form")


def add_label(page: Page, name: str) -> None:
    page.get_by_placeholder("Label name").fill(name)


def add_select_attribute(page: Page, name: str, values: list[str]) -> None:
    page.get_by_role("button", name="Add an attribute").click()
    row = page.get_by_test_id("label-form").locator(".lbl-attr").last
    row.get_by_placeholder("Attribute name").fill(name)
    values_input = row.get_by_role("combobox", name="Attribute values")
    for value in values:
        values_input.fill(value)
        values_input.press("Enter")


def click_canvas(page: Page, x: float, y: float) -> None:
    """Clicks the skeleton drawing area at (x, y) of its 100 × 100 space."""
    canvas = page.get_by_test_id("skeleton-canvas")
    box = canvas.bounding_box()
    assert box is not None
    canvas.click(position={"x": box["width"] * x / 100, "y": box["height"] * y / 100})


def test_create_project_with_constructor_labels_and_a_skeleton(
    page: Page, context: BrowserContext, signed_in: Account, screenshot
) -> None:  # type: ignore[no-untyped-def]
    name = f"Vehicles {uuid.uuid4().hex[:6]}"
    page.goto("/projects/create")
    expect(page.get_by_role("heading", name="Create a new project")).to_be_visible()
    screenshot("01-empty-form")
    page.locator("#project-name").fill(name)

    page.get_by_role("button", name="Add label").click()
    add_label(page, "car")
    add_select_attribute(page, "model", ["sedan", "truck"])
    screenshot("02-label-form")
    label_form(page).get_by_role("button", name="Continue").click()
    add_label(page, "person")
    label_form(page).get_by_role("button", name="Done").click()
    expect(page.get_by_test_id("label-item-car")).to_contain_text("1 attribute")
    expect(page.get_by_test_id("label-item-person")).to_be_visible()

    page.get_by_role("button", name="Setup skeleton").click()
    add_label(page, "body")
    click_canvas(page, 20, 30)
    click_canvas(page, 50, 60)
    click_canvas(page, 80, 30)
    expect(page.get_by_test_id("skeleton-points")).to_contain_text("Points (3)")
    page.get_by_text("Join", exact=True).click()
    page.get_by_test_id("skeleton-point-1").click()
    page.get_by_test_id("skeleton-point-2").click()
    page.get_by_test_id("skeleton-point-3").click()
    expect(page.get_by_test_id("skeleton-points")).to_contain_text("Edges (2)")
    page.get_by_label("Name of point 3").fill("tail")
    screenshot("03-skeleton-configurator")
    label_form(page).get_by_role("button", name="Done").click()
    expect(page.get_by_test_id("label-item-body")).to_contain_text("3 points")
    screenshot("04-labels-ready")

    page.get_by_role("button", name="Submit & Open").click()
    expect(page).to_have_url(re.compile(r"/projects/\d+$"))
    project_id = int(page.url.rsplit("/", 1)[1])
    expect(page.get_by_test_id("labels-section").get_by_test_id("label-item-body")).to_be_visible()
    screenshot("05-project-page")

    labels = {label["name"]: label for label in labels_of(context, f"project_id={project_id}")}
    assert set(labels) == {"car", "person", "body"}
    [model] = labels["car"]["attributes"]
    assert model["name"] == "model"
    assert model["input_type"] == "select"
    assert model["values"] == ["sedan", "truck"]
    assert model["default_value"] == "sedan"
    body = labels["body"]
    assert body["type"] == "skeleton"
    sublabels = {s["name"]: s["id"] for s in body["sublabels"]}
    assert set(sublabels) == {"1", "2", "tail"}
    assert body["svg"].count('data-type="edge"') == 2
    assert body["svg"].count("<circle") == 3
    for sublabel_id in sublabels.values():
        assert f'data-label-id="{sublabel_id}"' in body["svg"]


def test_raw_editor_applies_pasted_labels_and_explains_bad_ones(page: Page, signed_in: Account, screenshot) -> None:  # type: ignore[no-untyped-def]
    page.goto("/projects/create")
    page.get_by_role("tab", name="Raw").click()
    raw = page.get_by_test_id("raw-labels-input")
    raw.fill('[{"name": "cat", "attributes": [{"name": "age", "input_type": "number"}]}]')
    page.get_by_role("button", name="Done").click()
    errors = page.get_by_test_id("raw-labels-errors")
    expect(errors).to_contain_text("min;max;step")
    screenshot("01-raw-error")

    raw.fill("[{")
    page.get_by_role("button", name="Done").click()
    expect(errors).to_contain_text("This is not valid JSON")

    pasted = [
        {"name": "cat", "color": "#ff8800", "type": "rectangle"},
        {
            "name": "dog",
            "attributes": [
                {"name": "age", "input_type": "number", "values": ["0", "20", "1"], "default_value": "3"},
                {"name": "collar", "input_type": "checkbox", "values": ["false"]},
            ],
        },
    ]
    raw.fill(json.dumps(pasted))
    page.get_by_role("button", name="Done").click()
    expect(errors).to_have_count(0)
    expect(page.get_by_text("Labels updated from the raw text.")).to_be_visible()
    page.get_by_role("tab", name="Constructor").click()
    expect(page.get_by_test_id("label-item-cat")).to_contain_text("rectangle")
    expect(page.get_by_test_id("label-item-dog")).to_contain_text("2 attributes")
    screenshot("02-raw-applied")


def test_constructor_shows_validation_errors_in_place(page: Page, signed_in: Account, screenshot) -> None:  # type: ignore[no-untyped-def]
    page.goto("/projects/create")
    page.get_by_role("button", name="Add label").click()
    label_form(page).get_by_role("button", name="Done").click()
    issues = page.get_by_test_id("label-issues")
    expect(issues).to_contain_text("Give the label a name.")

    add_label(page, "car")
    add_select_attribute(page, "model", [])
    label_form(page).get_by_role("button", name="Done").click()
    expect(issues).to_contain_text("A select attribute needs at least one value.")
    screenshot("01-attribute-error")
    page.get_by_role("button", name="Remove attribute").click()
    label_form(page).get_by_role("button", name="Continue").click()

    add_label(page, "car")
    label_form(page).get_by_role("button", name="Done").click()
    expect(issues).to_contain_text('A label named "car" already exists.')

    label_form(page).get_by_role("button", name="Cancel").click()
    page.get_by_role("button", name="Setup skeleton").click()
    add_label(page, "hand")
    label_form(page).get_by_role("button", name="Done").click()
    expect(issues).to_contain_text("A skeleton needs at least one point")
    screenshot("02-skeleton-error")


def test_create_task_from_uploaded_images_with_segment_size(
    page: Page, context: BrowserContext, signed_in: Account, tmp_path: Path, screenshot
) -> None:  # type: ignore[no-untyped-def]
    project_name = f"Street {uuid.uuid4().hex[:6]}"
    project_id = create_project(context, project_name, [{"name": "car"}, {"name": "person"}])
    images = make_images(tmp_path / "images", 5)

    page.goto("/tasks/create")
    screenshot("01-empty-form")
    page.locator("#task-name").fill("Street frames")
    project = page.get_by_role("combobox", name="Project")
    project.click()
    project.fill(project_name)
    page.locator(".ant-select-item-option", has_text=project_name).click()
    expect(page.get_by_test_id("label-item-person")).to_be_visible()
    page.locator("#task-subset").fill("Train")

    page.get_by_test_id("local-files-input").set_input_files([str(p) for p in images])
    expect(page.get_by_test_id("local-files-summary")).to_contain_text("5 files")
    page.get_by_text("Advanced configuration").click()
    page.get_by_label("Segment size").fill("2")
    page.get_by_label("Image quality").fill("80")
    screenshot("02-filled-form")

    page.get_by_role("button", name="Submit & Open").click()
    expect(page).to_have_url(re.compile(r"/tasks/\d+$"), timeout=60_000)
    task_id = int(page.url.rsplit("/", 1)[1])
    screenshot("03-task-page")

    task = context.request.get(f"/api/tasks/{task_id}").json()
    assert task["name"] == "Street frames"
    assert task["project_id"] == project_id
    assert task["segment_size"] == 2
    assert task["subset"] == "Train"
    meta = context.request.get(f"/api/tasks/{task_id}/data/meta").json()
    assert [frame["name"] for frame in meta["frames"]] == [p.name for p in images]
    assert meta["image_quality"] == 80
    jobs = context.request.get(f"/api/jobs?task_id={task_id}").json()
    assert jobs["count"] == 3


def test_submit_and_continue_keeps_labels_and_settings(
    page: Page, context: BrowserContext, signed_in: Account, tmp_path: Path, screenshot
) -> None:  # type: ignore[no-untyped-def]
    images = make_images(tmp_path / "images", 2)
    page.goto("/tasks/create")
    page.locator("#task-name").fill("First")
    page.get_by_role("button", name="Add label").click()
    add_label(page, "tree")
    label_form(page).get_by_role("button", name="Done").click()
    page.get_by_test_id("local-files-input").set_input_files([str(p) for p in images])
    page.get_by_text("Advanced configuration").click()
    page.get_by_label("Segment size").fill("1")

    page.get_by_role("button", name="Submit & Continue").click()
    expect(page.get_by_text('Task "First" created')).to_be_visible(timeout=60_000)
    expect(page.locator("#task-name")).to_have_value("")
    expect(page.get_by_test_id("local-files-summary")).to_have_count(0)
    expect(page.get_by_test_id("label-item-tree")).to_be_visible()
    expect(page.get_by_label("Segment size")).to_have_value("1")
    screenshot("01-form-after-continue")

    tasks = context.request.get("/api/tasks?search=First").json()["results"]
    [task] = [t for t in tasks if t["name"] == "First"]
    assert task["segment_size"] == 1
    assert [label["name"] for label in labels_of(context, f"task_id={task['id']}")] == ["tree"]


def test_a_failed_creation_is_explained_and_the_task_can_be_deleted(
    page: Page, context: BrowserContext, signed_in: Account, tmp_path: Path, screenshot
) -> None:  # type: ignore[no-untyped-def]
    notes = tmp_path / "notes.txt"
    notes.write_text("not an image")
    page.goto("/tasks/create")
    page.locator("#task-name").fill("Broken upload")
    page.get_by_role("button", name="Add label").click()
    add_label(page, "thing")
    label_form(page).get_by_role("button", name="Done").click()
    page.get_by_test_id("local-files-input").set_input_files(str(notes))
    page.get_by_role("button", name="Submit & Open").click()

    progress = page.get_by_test_id("task-creation-progress")
    expect(progress).to_contain_text("The task could not be created", timeout=60_000)
    expect(progress).to_contain_text("Unsupported file type: notes.txt")
    screenshot("01-failure")
    page.get_by_role("button", name="Delete the task").click()
    expect(page.get_by_text("The unfinished task was deleted.")).to_be_visible()
    tasks = context.request.get("/api/tasks?search=Broken").json()["results"]
    assert [t for t in tasks if t["name"] == "Broken upload"] == []


def test_create_task_from_the_connected_file_share(
    page: Page, context: BrowserContext, signed_in: Account, live_server: LiveServer, screenshot
) -> None:  # type: ignore[no-untyped-def]
    folder = f"shots-{uuid.uuid4().hex[:6]}"
    make_images(live_server.data_dir / "share" / folder, 3, prefix="shot")
    page.goto("/tasks/create")
    page.locator("#task-name").fill("From the share")
    page.get_by_role("tab", name="Raw").click()
    page.get_by_test_id("raw-labels-input").fill('[{"name": "boat"}]')
    page.get_by_role("button", name="Done").click()
    page.get_by_role("tab", name="Connected file share").click()
    tree = page.get_by_test_id("share-tree")
    tree.get_by_title(folder).locator("xpath=..").locator(".ant-tree-checkbox").click()
    expect(tree).to_contain_text(f"Chosen: {folder}/")
    screenshot("01-share-tree")
    page.get_by_role("button", name="Submit & Open").click()
    expect(page).to_have_url(re.compile(r"/tasks/\d+$"), timeout=60_000)
    task_id = int(page.url.rsplit("/", 1)[1])
    meta = context.request.get(f"/api/tasks/{task_id}/data/meta").json()
    assert [frame["name"] for frame in meta["frames"]] == [f"{folder}/shot_{i:02d}.png" for i in range(3)]


def test_labels_are_edited_in_place_on_the_project_page(
    page: Page, context: BrowserContext, signed_in: Account, screenshot
) -> None:  # type: ignore[no-untyped-def]
    project_id = create_project(context, f"Edit labels {uuid.uuid4().hex[:6]}", [{"name": "car"}, {"name": "bus"}])
    page.goto(f"/projects/{project_id}")
    section = page.get_by_test_id("labels-section")
    expect(section.get_by_test_id("label-item-car")).to_be_visible()

    section.get_by_role("button", name="Edit car").click()
    page.get_by_placeholder("Label name").fill("automobile")
    add_select_attribute(page, "color", ["red", "green"])
    label_form(page).get_by_role("button", name="Done").click()
    expect(section.get_by_test_id("label-item-automobile")).to_contain_text("1 attribute")

    section.get_by_role("button", name="Delete bus").click()
    dialog = page.get_by_role("dialog")
    expect(dialog).to_contain_text("Every annotation made with these labels is deleted")
    screenshot("01-delete-confirm")
    dialog.get_by_role("button", name="Delete").click()
    expect(section.get_by_test_id("label-item-bus")).to_have_count(0)
    screenshot("02-after-edits")

    labels = labels_of(context, f"project_id={project_id}")
    assert [label["name"] for label in labels] == ["automobile"]
    assert labels[0]["attributes"][0]["values"] == ["red", "green"]


SKELETON_SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100">'
    '<line x1="10" y1="10" x2="50" y2="50" data-type="edge" data-node-from="1" data-node-to="2"/>'
    '<line x1="50" y1="50" x2="90" y2="10" data-type="edge" data-node-from="2" data-node-to="3"/>'
    '<circle r="1.5" cx="10" cy="10" data-type="element node" data-element-id="1" data-node-id="1" data-label-name="left"/>'
    '<circle r="1.5" cx="50" cy="50" data-type="element node" data-element-id="2" data-node-id="2" data-label-name="mid"/>'
    '<circle r="1.5" cx="90" cy="10" data-type="element node" data-element-id="3" data-node-id="3" data-label-name="right"/>'
    "</svg>"
)


def test_skeleton_svg_upload_and_download(page: Page, signed_in: Account, tmp_path: Path, screenshot) -> None:  # type: ignore[no-untyped-def]
    uploaded = tmp_path / "wing.svg"
    uploaded.write_text(SKELETON_SVG)
    page.goto("/projects/create")
    page.get_by_role("button", name="Setup skeleton").click()
    add_label(page, "wing")
    page.get_by_test_id("skeleton-svg-input").set_input_files(str(uploaded))
    points = page.get_by_test_id("skeleton-points")
    expect(points).to_contain_text("Points (3) · Edges (2)")
    expect(page.get_by_label("Name of point 2")).to_have_value("mid")
    screenshot("01-uploaded-svg")

    page.get_by_text("Move", exact=True).click()
    canvas = page.get_by_test_id("skeleton-canvas").bounding_box()
    point = page.get_by_test_id("skeleton-point-1").bounding_box()
    assert canvas is not None and point is not None
    page.mouse.move(point["x"] + point["width"] / 2, point["y"] + point["height"] / 2)
    page.mouse.down()
    page.mouse.move(canvas["x"] + canvas["width"] * 0.3, canvas["y"] + canvas["height"] * 0.7, steps=5)
    page.mouse.up()

    with page.expect_download() as download_info:
        page.get_by_role("button", name="Download SVG").click()
    download = download_info.value
    assert download.suggested_filename == "wing.svg"
    text = Path(download.path()).read_text()
    assert text.startswith('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100">')
    assert text.count('data-type="edge"') == 2
    assert 'data-label-name="right"' in text
    moved = re.search(r'<circle[^>]*cx="([\d.]+)" cy="([\d.]+)"[^>]*data-node-id="1"', text)
    assert moved, text
    assert abs(float(moved.group(1)) - 30) < 2 and abs(float(moved.group(2)) - 70) < 2


def test_a_saved_skeleton_keeps_its_points_and_renames_them_in_place(
    page: Page, context: BrowserContext, signed_in: Account, screenshot
) -> None:  # type: ignore[no-untyped-def]
    svg = SKELETON_SVG.removeprefix('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100">').removesuffix(
        "</svg>"
    )
    skeleton = {
        "name": "wing",
        "type": "skeleton",
        "sublabels": [{"name": "left"}, {"name": "mid"}, {"name": "right"}],
        "svg": svg,
    }
    project_id = create_project(context, f"Birds {uuid.uuid4().hex[:6]}", [skeleton])
    page.goto(f"/projects/{project_id}")
    section = page.get_by_test_id("labels-section")
    section.get_by_role("button", name="Edit wing").click()
    points = page.get_by_test_id("skeleton-points")
    expect(points).to_contain_text("Points (3) · Edges (2)")
    expect(page.get_by_text("Add points", exact=True)).to_be_disabled()
    page.get_by_label("Name of point 2").fill("center")
    screenshot("01-saved-skeleton")
    label_form(page).get_by_role("button", name="Done").click()
    expect(page.get_by_text("Labels saved.")).to_be_visible()

    [wing] = labels_of(context, f"project_id={project_id}")
    names = {s["name"]: s["id"] for s in wing["sublabels"]}
    assert set(names) == {"left", "center", "right"}
    assert f'data-label-id="{names["center"]}"' in wing["svg"]
    assert wing["svg"].count('data-type="edge"') == 2
