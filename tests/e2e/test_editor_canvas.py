"""Canvas drawing and editing in the annotation editor: every shape type drawn with the mouse
(rectangles by 2 and by 4 points, polygons by clicks and by Shift-drag, a polyline with a right
click taking back a point, points with a fixed count, an ellipse); the selected shape's vertex,
resize and rotation handles; deleting a point and setting the start point; Shift+click editing
of a polygon; group mode with G; zoom to a region; pinned objects that do not move; fullscreen.
Results are checked through the API.
"""

from __future__ import annotations

import math
from typing import Any

from playwright.sync_api import BrowserContext, Page, expect

from tests.e2e.conftest import Account
from tests.e2e.test_editor import (
    Canvas,
    _json,
    assert_points,
    choose_tool,
    create_task_with_job,
    open_editor,
    save_with_ctrl_s,
    stored_shapes,
)


def all_shapes(context: BrowserContext, job_id: int) -> list[dict[str, Any]]:
    """Stored shapes by type (in the order the tests draw them), then left to right."""
    order = ["rectangle", "polygon", "polyline", "points", "ellipse"]
    shapes = _json(context.request.get(f"/api/jobs/{job_id}/annotations"))["shapes"]
    return sorted(shapes, key=lambda s: (order.index(s["type"]), s["points"][0]))


def open_drawing_options(page: Page, tool: str) -> None:
    page.get_by_test_id("drawing-options-button").click()
    expect(page.get_by_test_id("drawing-options")).to_be_visible()
    page.get_by_test_id(f"draw-options-{tool}").click()


def start_from_options(page: Page) -> None:
    page.get_by_test_id("draw-shape").click()
    expect(page.get_by_test_id("drawing-options")).to_be_hidden()
    box = page.get_by_test_id("editor-canvas").bounding_box()
    assert box is not None
    page.mouse.move(box["x"] + box["width"] - 5, box["y"] + box["height"] - 5)


def select_at(canvas: Canvas, x: float, y: float) -> None:
    canvas.click(x, y)
    expect(canvas.page.locator("[data-testid=object-item].editor-object-selected")).to_have_count(1)


def test_draw_every_shape_type(page: Page, context: BrowserContext, signed_in: Account, screenshot: Any) -> None:
    task, job = create_task_with_job(context, images=1)
    canvas = open_editor(page, task, job)
    count = page.get_by_test_id("objects-count")

    # Rectangle by 2 points (a drag).
    choose_tool(page, "rectangle")
    canvas.drag((20, 20), (120, 90))
    expect(count).to_have_text("1")

    # Rectangle by 4 extreme points, chosen in the drawing options.
    open_drawing_options(page, "rectangle")
    page.get_by_test_id("draw-method-4").click()
    start_from_options(page)
    for point in [(200, 30), (260, 70), (220, 110)]:
        canvas.click(*point)
    expect(count).to_have_text("1")
    screenshot("extreme-points")
    canvas.click(180, 60)
    expect(count).to_have_text("2")

    # Polygon by clicks, finished with N; Alt+drag pans on the way without adding a point.
    choose_tool(page, "polygon")
    for point in [(320, 20), (420, 30)]:
        canvas.click(*point)
    origin = canvas.element.get_attribute("data-origin-x")
    page.keyboard.down("Alt")
    canvas.drag((300, 400), (330, 400))
    page.keyboard.up("Alt")
    expect(canvas.element).not_to_have_attribute("data-origin-x", origin or "")
    canvas.click(380, 110)
    page.keyboard.press("n")
    expect(count).to_have_text("3")

    # Polygon by Shift-drag: points follow the pointer while Shift is held.
    page.keyboard.down("Shift")
    page.mouse.move(*canvas.screen(450, 20))
    page.mouse.down()
    for corner in [(600, 20), (600, 120), (450, 120)]:
        page.mouse.move(*canvas.screen(*corner), steps=12)
    page.mouse.up()
    page.keyboard.up("Shift")
    page.keyboard.press("n")
    expect(count).to_have_text("4")

    # Polyline: a right click takes back the last point.
    choose_tool(page, "polyline")
    canvas.click(20, 200)
    canvas.click(100, 260)
    canvas.click(300, 300)
    page.mouse.click(*canvas.screen(300, 300), button="right")
    canvas.click(180, 200)
    page.keyboard.press("n")
    expect(count).to_have_text("5")

    # Points with a fixed count of 3: the third click finishes by itself.
    open_drawing_options(page, "points")
    page.locator("input[data-testid=draw-points-count], [data-testid=draw-points-count] input").fill("3")
    screenshot("drawing-options")
    start_from_options(page)
    for point in [(350, 200), (380, 220), (410, 200)]:
        canvas.click(*point)
    expect(count).to_have_text("6")

    # Ellipse by a drag of its box.
    choose_tool(page, "ellipse")
    canvas.drag((450, 300), (590, 400))
    expect(count).to_have_text("7")
    screenshot("every-shape")

    save_with_ctrl_s(page)
    shapes = all_shapes(context, job["id"])
    assert [s["type"] for s in shapes] == [
        "rectangle",
        "rectangle",
        "polygon",
        "polygon",
        "polyline",
        "points",
        "ellipse",
    ]
    assert_points(shapes[0]["points"], [20, 20, 120, 90])
    assert_points(shapes[1]["points"], [180, 30, 260, 110])
    assert_points(shapes[2]["points"], [320, 20, 420, 30, 380, 110])
    freehand = shapes[3]["points"]
    assert len(freehand) >= 12, freehand  # at least 6 points along the 400 px path
    xs, ys = freehand[0::2], freehand[1::2]
    assert min(xs) >= 445 and max(xs) <= 605 and min(ys) >= 15 and max(ys) <= 125, freehand
    assert_points(shapes[4]["points"], [20, 200, 100, 260, 180, 200])
    assert_points(shapes[5]["points"], [350, 200, 380, 220, 410, 200])
    assert_points(shapes[6]["points"], [520, 350, 590, 300])


def test_edit_with_handles_points_and_shift_click(
    page: Page, context: BrowserContext, signed_in: Account, screenshot: Any
) -> None:
    task, job = create_task_with_job(context, images=1)
    canvas = open_editor(page, task, job)
    count = page.get_by_test_id("objects-count")
    choose_tool(page, "rectangle")
    canvas.drag((100, 100), (300, 200))
    choose_tool(page, "polygon")
    for point in [(400, 100), (560, 120), (520, 200), (470, 240), (420, 200)]:
        canvas.click(*point)
    page.keyboard.press("n")
    for point in [(100, 300), (200, 300), (200, 400), (100, 400)]:
        canvas.click(*point)
    page.keyboard.press("n")
    choose_tool(page, "points")
    canvas.click(500, 400)
    page.keyboard.press("n")
    expect(count).to_have_text("4")
    choose_tool(page, "cursor")

    # Resize the rectangle by a corner and by an edge, then rotate it with Shift (15° steps).
    select_at(canvas, 200, 150)
    canvas.drag((300, 200), (340, 240))
    canvas.drag((220, 100), (220, 80))
    screenshot("resized")
    center = (220, 160)
    handle = (220, 80 - 30 / canvas.scale())
    page.keyboard.down("Shift")
    angle = math.radians(80)  # snaps to 75°
    canvas.drag(handle, (center[0] + 60 * math.sin(angle), center[1] - 60 * math.cos(angle)))
    page.keyboard.up("Shift")
    screenshot("rotated")

    # Drag a polygon vertex; Alt+click deletes one; the point menu sets the start point.
    select_at(canvas, 480, 170)
    canvas.drag((560, 120), (580, 110))
    page.keyboard.down("Alt")
    canvas.click(470, 240)
    page.keyboard.up("Alt")
    page.mouse.click(*canvas.screen(520, 200), button="right")
    expect(page.get_by_test_id("point-menu")).to_be_visible()
    screenshot("point-menu")
    page.get_by_test_id("point-menu-start").click()
    expect(page.get_by_test_id("point-menu")).to_be_hidden()
    # A vertex drag to undo: one Ctrl+Z takes the whole drag back.
    canvas.drag((400, 100), (380, 60))
    page.keyboard.press("Control+z")

    # Shift+click edit of the square: from vertex (100, 300) over (150, 260) to vertex (200, 300);
    # the cutting rules keep the longer part.
    select_at(canvas, 150, 350)
    page.keyboard.down("Shift")
    canvas.click(100, 300)
    page.keyboard.up("Shift")
    expect(canvas.element).to_have_attribute("data-mode", "pathEdit")
    canvas.click(150, 260)
    screenshot("shift-click-edit")
    canvas.click(200, 300)
    expect(canvas.element).to_have_attribute("data-mode", "idle")

    # The point menu deletes a vertex of the edited polygon (5 → 4 points).
    page.mouse.click(*canvas.screen(150, 260), button="right")
    page.get_by_test_id("point-menu-delete").click()

    # Shift+click on a points shape adds the clicked points; a click on one of its points ends it.
    select_at(canvas, 500, 400)
    page.keyboard.down("Shift")
    canvas.click(500, 400)
    page.keyboard.up("Shift")
    canvas.click(550, 420)
    canvas.click(580, 380)
    canvas.click(500, 400)
    expect(canvas.element).to_have_attribute("data-mode", "idle")
    # N ends an edit too, keeping what was added.
    page.keyboard.down("Shift")
    canvas.click(580, 380)
    page.keyboard.up("Shift")
    canvas.click(600, 430)
    page.keyboard.press("n")
    expect(canvas.element).to_have_attribute("data-mode", "idle")

    save_with_ctrl_s(page)
    shapes = all_shapes(context, job["id"])
    rectangle, points = shapes[0], shapes[-1]
    polygon, square = sorted(shapes[1:-1], key=lambda s: -max(s["points"][0::2]))
    assert_points(points["points"], [500, 400, 550, 420, 580, 380, 600, 430])
    assert_points(rectangle["points"], [100, 80, 340, 240])
    assert abs(rectangle["rotation"] - 75) < 1e-6, rectangle["rotation"]
    assert_points(polygon["points"], [520, 200, 420, 200, 400, 100, 580, 110])
    assert_points(square["points"], [100, 300, 200, 300, 200, 400, 100, 400])


def test_group_bordering_zoom_region_and_double_click(
    page: Page, context: BrowserContext, signed_in: Account, screenshot: Any
) -> None:
    task, job = create_task_with_job(context, images=1)
    canvas = open_editor(page, task, job)
    count = page.get_by_test_id("objects-count")
    choose_tool(page, "rectangle")
    canvas.drag((50, 50), (150, 150))
    canvas.drag((200, 50), (300, 150))
    canvas.drag((400, 50), (500, 150))
    expect(count).to_have_text("3")

    # Automatic bordering with Ctrl: from the first rectangle's corner, by its next corner, to the
    # one after (both added, exactly), then a free click.
    choose_tool(page, "polygon")
    page.keyboard.down("Control")
    canvas.click(51, 49)
    canvas.click(149, 51)
    page.mouse.move(*canvas.screen(150, 148))
    screenshot("bordering")
    canvas.click(151, 149)
    page.keyboard.up("Control")
    canvas.click(100, 220)
    page.keyboard.press("n")
    expect(count).to_have_text("4")
    choose_tool(page, "cursor")

    # G, click two shapes (a second click takes one out again), G groups them.
    page.keyboard.press("g")
    expect(canvas.element).to_have_attribute("data-mode", "group")
    canvas.click(60, 130)  # the first rectangle, beside the bordering polygon
    canvas.click(250, 100)
    canvas.click(450, 100)
    canvas.click(450, 100)
    expect(canvas.element).to_have_attribute("data-group-count", "2")
    screenshot("group-mode")
    page.keyboard.press("g")
    expect(canvas.element).to_have_attribute("data-mode", "idle")

    # A double click on a shape changes nothing.
    page.mouse.dblclick(*canvas.screen(450, 100))
    expect(count).to_have_text("4")

    # A moved shape stops at the image's edge.
    canvas.drag((450, 100), (450, -20))

    # Escape during a drag puts the shape back and keeps it selected.
    page.mouse.move(*canvas.screen(450, 50))
    page.mouse.down()
    page.mouse.move(*canvas.screen(450, 200), steps=5)
    page.keyboard.press("Escape")
    page.mouse.up()
    expect(page.locator("[data-testid=object-item].editor-object-selected")).to_have_count(1)

    # Zoom to a region: the box fills the canvas.
    fitted = canvas.scale()
    page.get_by_test_id("zoom-region").click()
    expect(canvas.element).to_have_attribute("data-mode", "zoomRegion")
    canvas.drag((200, 50), (300, 150))
    expect(canvas.element).to_have_attribute("data-mode", "idle")
    assert canvas.scale() > 2 * fitted
    screenshot("zoomed")

    save_with_ctrl_s(page)
    shapes = stored_shapes(context, job["id"])
    assert shapes[0]["type"] == "polygon"
    assert_points(shapes[0]["points"], [50, 50, 150, 50, 150, 150, 100, 220])
    by_x = sorted(shapes[1:], key=lambda s: s["points"][0])
    # The bordered part is the rectangle's corners exactly, not where the clicks were.
    xtl, ytl, xbr, ybr = by_x[0]["points"]
    assert all(abs(a - b) < 1e-6 for a, b in zip(shapes[0]["points"][:6], [xtl, ytl, xbr, ytl, xbr, ybr], strict=True))
    assert by_x[0]["group"] == by_x[1]["group"] != 0
    assert by_x[2]["group"] in (0, None)
    assert_points(by_x[2]["points"], [400, 0, 500, 100])


def test_default_points_count_from_the_link(page: Page, context: BrowserContext, signed_in: Account) -> None:
    """`?defaultPointsCount=3`: a polygon finishes itself on its third click (CVAT's link parameter)."""
    task, job = create_task_with_job(context, images=1)
    page.goto(f"/tasks/{task['id']}/jobs/{job['id']}?defaultPointsCount=3")
    canvas = Canvas(page)
    expect(canvas.element).to_have_attribute("data-frame-ready", "true")
    choose_tool(page, "polygon")
    for point in [(100, 100), (250, 120), (180, 260)]:
        canvas.click(*point)
    expect(page.get_by_test_id("objects-count")).to_have_text("1")
    save_with_ctrl_s(page)
    (polygon,) = stored_shapes(context, job["id"])
    assert polygon["type"] == "polygon"
    assert_points(polygon["points"], [100, 100, 250, 120, 180, 260])


def test_pinned_objects_stay_put_and_fullscreen_toggles(
    page: Page, context: BrowserContext, signed_in: Account, screenshot: Any
) -> None:
    task, job = create_task_with_job(context, images=1)
    canvas = open_editor(page, task, job)
    choose_tool(page, "rectangle")
    canvas.drag((100, 100), (200, 200))
    choose_tool(page, "cursor")
    save_with_ctrl_s(page)

    # Pinned: selectable, but neither a drag of its body nor of its corner moves it.
    select_at(canvas, 150, 150)
    item = page.locator("[data-testid=object-item].editor-object-selected")
    item.get_by_role("button", name="Pin").click()
    expect(item).to_have_attribute("data-pinned", "true")
    canvas.drag((150, 150), (250, 250))
    canvas.drag((200, 200), (300, 300))
    save_with_ctrl_s(page)
    [shape] = _json(context.request.get(f"/api/jobs/{job['id']}/annotations"))["shapes"]
    assert_points(shape["points"], [100, 100, 200, 200])
    # Unpinned, the same drag moves it.
    item.get_by_role("button", name="Unpin").click()
    expect(item).to_have_attribute("data-pinned", "false")
    canvas.drag((150, 150), (250, 250))
    save_with_ctrl_s(page)
    [shape] = _json(context.request.get(f"/api/jobs/{job['id']}/annotations"))["shapes"]
    assert_points(shape["points"], [200, 200, 300, 300])

    # Fullscreen from the top bar, and back.
    toggle = page.get_by_test_id("toggle-fullscreen")
    toggle.click()
    page.wait_for_function("document.fullscreenElement !== null")
    expect(toggle).to_have_attribute("aria-pressed", "true")
    screenshot("fullscreen")
    toggle.click()
    page.wait_for_function("document.fullscreenElement === null")
    expect(toggle).to_have_attribute("aria-pressed", "false")
