"""How the editor shows a frame: image settings (adjustments change the canvas pixels, a grid,
reset), rotation by quarter turns with drawing still landing on the right image pixels, the
z-layer slider, Settings (F2) and the shortcut list (F1), Tab through objects, and object text.

Canvas pixels are read from the frame layer's <canvas>; Konva's own scene graph (window.Konva)
tells which texts are drawn. Stored results are checked through the API.
"""

from __future__ import annotations

import re
from typing import Any

from playwright.sync_api import Page, expect

from tests.e2e.conftest import api_headers
from tests.e2e.test_editor import (
    Canvas,
    _json,
    assert_points,
    choose_tool,
    create_task_with_job,
    open_editor,
    save_with_ctrl_s,
    stored_shapes,
    wait_for_draft,
)

# The RGB of the frame layer's pixel under an image point (device pixels, so the ratio counts).
FRAME_PIXEL_JS = """([x, y]) => {
  const canvas = document.querySelector('[data-testid=editor-canvas] canvas');
  const ratio = canvas.width / canvas.getBoundingClientRect().width;
  const box = canvas.getBoundingClientRect();
  const data = canvas.getContext('2d').getImageData(Math.round((x - box.left) * ratio), Math.round((y - box.top) * ratio), 1, 1).data;
  return [data[0], data[1], data[2]];
}"""

# The brightest pixel of a short horizontal run of the frame layer, around a page point.
BRIGHTEST_JS = """([x, y, half]) => {
  const canvas = document.querySelector('[data-testid=editor-canvas] canvas');
  const box = canvas.getBoundingClientRect();
  const ratio = canvas.width / box.width;
  const data = canvas.getContext('2d').getImageData(Math.round((x - half - box.left) * ratio), Math.round((y - box.top) * ratio), Math.round(2 * half * ratio), 1).data;
  let best = 0;
  for (let i = 0; i < data.length; i += 4) best = Math.max(best, data[i] + data[i + 1] + data[i + 2]);
  return best;
}"""

SELECTED = re.compile("editor-object-selected")
COPY_SHOWN_JS = "() => window.Konva.stages[0].getLayers()[0].find('Image').some((node) => node.image() instanceof HTMLCanvasElement)"
SMOOTHING_JS = "() => window.Konva.stages[0].getLayers()[0].imageSmoothingEnabled()"
OBJECT_TEXTS_JS = "() => window.Konva.stages[0].find('.object-text').map((node) => node.text())"


class RotatedCanvas(Canvas):
    """Image points to page points under the canvas's quarter-turn rotation."""

    def screen(self, x: float, y: float) -> tuple[float, float]:
        box = self.element.bounding_box()
        assert box is not None
        scale = self.scale()
        origin_x = float(self.element.get_attribute("data-origin-x") or "nan")
        origin_y = float(self.element.get_attribute("data-origin-y") or "nan")
        rotation = int(self.page.get_by_test_id("editor-canvas-area").get_attribute("data-rotation") or "0")
        dx, dy = x * scale, y * scale
        turned = {0: (dx, dy), 90: (-dy, dx), 180: (-dx, -dy), 270: (dy, -dx)}[rotation]
        return box["x"] + origin_x + turned[0], box["y"] + origin_y + turned[1]


def frame_pixel(page: Page, canvas: Canvas, x: float, y: float) -> list[int]:
    return page.evaluate(FRAME_PIXEL_JS, list(canvas.screen(x, y)))


def wait_for_pixel(page: Page, canvas: Canvas, point: tuple[float, float], differs_from: list[int] | None = None, equals: list[int] | None = None) -> list[int]:
    for _ in range(50):
        pixel = frame_pixel(page, canvas, *point)
        if differs_from is not None and max(abs(a - b) for a, b in zip(pixel, differs_from, strict=True)) > 20:
            return pixel
        if equals is not None and max(abs(a - b) for a, b in zip(pixel, equals, strict=True)) <= 2:
            return pixel
        page.wait_for_timeout(100)
    raise AssertionError(f"pixel at {point} stayed {pixel}")


def slider_to(page: Page, test_id: str, key: str) -> None:
    handle = page.get_by_test_id(test_id).locator(".ant-slider-handle")
    handle.focus()
    handle.press(key)


def test_image_settings_change_pixels_show_a_grid_and_reset(page: Page, context: Any, signed_in: Any, screenshot: Any) -> None:
    task, job = create_task_with_job(context, images=1)
    canvas = open_editor(page, task, job)
    point = (60.0, 60.0)
    original = frame_pixel(page, canvas, *point)

    page.get_by_test_id("image-settings-button").click()
    panel = page.get_by_test_id("image-settings")
    expect(panel).to_be_visible()
    slider_to(page, "image-brightness", "End")
    brighter = wait_for_pixel(page, canvas, point, differs_from=original)
    assert sum(brighter) > sum(original) + 60, (original, brighter)

    slider_to(page, "image-contrast", "Home")
    flat = wait_for_pixel(page, canvas, point, differs_from=brighter)
    assert max(flat) - min(flat) <= 4, flat  # no contrast: one grey

    slider_to(page, "image-gamma", "End")
    lifted = wait_for_pixel(page, canvas, point, differs_from=flat)
    # Shown at once by filtering while drawing; then the adjusted copy of the frame takes over.
    page.wait_for_function(COPY_SHOWN_JS)
    # The copy and the live filter may round differently by a unit or two.
    assert max(abs(a - b) for a, b in zip(frame_pixel(page, canvas, *point), lifted, strict=True)) <= 3
    screenshot("adjusted")

    page.get_by_test_id("image-reset").click()
    wait_for_pixel(page, canvas, point, equals=original)

    # The grid: a bright line on the dark frame every 100 image pixels.
    page.get_by_test_id("image-grid-show").check()
    line_x, line_y = canvas.screen(100, 60)
    off_x, _ = canvas.screen(50, 60)
    plain = page.evaluate(BRIGHTEST_JS, [off_x, line_y, 3])
    for _ in range(30):
        if page.evaluate(BRIGHTEST_JS, [line_x, line_y, 3]) > plain + 200:
            break
        page.wait_for_timeout(100)
    assert page.evaluate(BRIGHTEST_JS, [line_x, line_y, 3]) > plain + 200
    assert plain <= sum(original) + 10  # between the lines the frame is untouched
    screenshot("grid")

    # Kept for the session: a reload brings the grid back; Reset takes it away.
    page.reload()
    expect(canvas.element).to_have_attribute("data-frame-ready", "true")
    page.get_by_test_id("image-settings-button").click()
    expect(page.get_by_test_id("image-grid-show")).to_be_checked()
    page.get_by_test_id("image-reset").click()
    expect(page.get_by_test_id("image-grid-show")).not_to_be_checked()


def test_rotation_per_frame_and_drawing_on_a_rotated_frame(page: Page, context: Any, signed_in: Any, screenshot: Any) -> None:
    task, job = create_task_with_job(context, images=2)
    open_editor(page, task, job)
    canvas = RotatedCanvas(page)
    area = page.get_by_test_id("editor-canvas-area")
    editor = page.get_by_test_id("editor")

    page.keyboard.press("Control+r")
    expect(area).to_have_attribute("data-rotation", "90")
    page.keyboard.press("Control+Shift+r")
    expect(area).to_have_attribute("data-rotation", "0")
    page.get_by_test_id("rotate-clockwise").click()
    expect(area).to_have_attribute("data-rotation", "90")

    # Per frame (rotate-all is off): the next frame is upright, coming back turns again.
    page.keyboard.press("f")
    expect(editor).to_have_attribute("data-frame", "1")
    expect(area).to_have_attribute("data-rotation", "0")
    page.keyboard.press("d")
    expect(editor).to_have_attribute("data-frame", "0")
    expect(area).to_have_attribute("data-rotation", "90")

    choose_tool(page, "rectangle")
    canvas.drag((100, 120), (300, 260))
    expect(page.get_by_test_id("objects-count")).to_have_text("1")
    screenshot("rotated-drawn")
    save_with_ctrl_s(page)
    shapes = stored_shapes(context, job["id"])
    assert len(shapes) == 1
    assert_points(shapes[0]["points"], [100, 120, 300, 260])

    # Picking maps through the rotation too: a click inside selects it.
    choose_tool(page, "cursor")
    canvas.click(150, 150)
    expect(page.locator("[data-testid=object-item].editor-object-selected")).to_have_count(1)

    # "Rotate all images": one turn for every frame of the job.
    headers = api_headers(context)
    _json(context.request.patch("/api/users/self/settings", data={"player": {"rotateAll": True}}, headers=headers))
    wait_for_draft(page, job["id"], present=False)
    page.reload()
    expect(canvas.element).to_have_attribute("data-frame-ready", "true")
    expect(area).to_have_attribute("data-rotation", "0")
    page.keyboard.press("Control+Shift+r")
    expect(area).to_have_attribute("data-rotation", "270")
    page.keyboard.press("f")
    expect(editor).to_have_attribute("data-frame", "1")
    expect(area).to_have_attribute("data-rotation", "270")
    screenshot("rotate-all")


def test_z_layer_slider_hides_upper_shapes_and_new_layer(page: Page, context: Any, signed_in: Any, screenshot: Any) -> None:
    task, job = create_task_with_job(context, images=1)
    canvas = open_editor(page, task, job)
    selected = page.locator("[data-testid=object-item].editor-object-selected")
    z_layer = page.get_by_test_id("z-layer")

    choose_tool(page, "rectangle")
    canvas.drag((50, 50), (150, 150))
    canvas.drag((300, 50), (400, 150))
    choose_tool(page, "cursor")
    expect(z_layer).to_have_attribute("data-max", "1")
    expect(z_layer).to_have_attribute("data-layer", "1")

    # The lower layer: the upper rectangle can no longer be picked (nor is it drawn).
    slider_to(page, "z-layer-slider", "Home")
    expect(z_layer).to_have_attribute("data-layer", "0")
    canvas.click(350, 100)
    expect(selected).to_have_count(0)
    canvas.click(100, 100)
    expect(selected).to_have_count(1)
    screenshot("lower-layer")

    # "+" opens layer 2 on top; a shape drawn now lands in it.
    page.get_by_test_id("z-layer-add").click()
    expect(z_layer).to_have_attribute("data-layer", "2")
    choose_tool(page, "rectangle")
    canvas.drag((200, 250), (300, 350))
    expect(page.get_by_test_id("objects-count")).to_have_text("3")
    save_with_ctrl_s(page)
    orders = sorted(shape["z_order"] for shape in stored_shapes(context, job["id"]))
    assert orders == [0, 1, 2]


def test_settings_shortcuts_tab_cycling_and_object_text(page: Page, context: Any, signed_in: Any, screenshot: Any) -> None:
    task, job = create_task_with_job(context, images=1)
    canvas = open_editor(page, task, job)
    choose_tool(page, "rectangle")
    canvas.drag((50, 50), (150, 150))
    canvas.drag((300, 50), (400, 150))
    choose_tool(page, "cursor")
    page.keyboard.press("Escape")
    items = page.get_by_test_id("object-item")

    # Tab and Shift+Tab walk through the frame's objects, selecting each.
    page.keyboard.press("Tab")
    expect(items.nth(0)).to_have_class(SELECTED)
    page.keyboard.press("Tab")
    expect(items.nth(1)).to_have_class(SELECTED)
    page.keyboard.press("Shift+Tab")
    expect(items.nth(0)).to_have_class(SELECTED)

    # The selected object's text names its label.
    texts = page.evaluate(OBJECT_TEXTS_JS)
    assert len(texts) == 1 and texts[0].startswith("car"), texts
    screenshot("object-text")

    # F1 lists every action with its keys.
    page.keyboard.press("F1")
    shortcuts = page.get_by_role("dialog", name="Keyboard shortcuts")
    expect(shortcuts).to_be_visible()
    expect(shortcuts.get_by_test_id("shortcut-canvas.rotateClockwise")).to_contain_text("Ctrl+R")
    expect(shortcuts.get_by_test_id("shortcut-object.activateNext")).to_contain_text("Tab")
    screenshot("shortcuts")
    page.keyboard.press("Escape")
    expect(shortcuts).to_be_hidden()

    # F2 opens Settings; "always show object details" is saved and honoured at once.
    page.keyboard.press("F2")
    dialog = page.get_by_role("dialog", name="Settings")
    expect(dialog).to_be_visible()
    assert page.evaluate(SMOOTHING_JS) is True
    dialog.get_by_role("checkbox", name="Smooth image").uncheck()
    dialog.get_by_role("tab", name="Workspace").click()
    dialog.get_by_role("checkbox", name="Always show object details").check()
    dialog.get_by_role("button", name="Save").click()
    expect(dialog).to_be_hidden()
    stored = _json(context.request.get("/api/users/self/settings"))
    assert stored["workspace"] == {"showObjectsTextAlways": True}
    assert stored["player"] == {"smoothImage": False}
    page.wait_for_timeout(200)
    assert len(page.evaluate(OBJECT_TEXTS_JS)) == 2
    assert page.evaluate(SMOOTHING_JS) is False

    save_with_ctrl_s(page)
    wait_for_draft(page, job["id"], present=False)
    page.reload()
    expect(canvas.element).to_have_attribute("data-frame-ready", "true")
    for _ in range(30):
        if len(page.evaluate(OBJECT_TEXTS_JS)) == 2:
            break
        page.wait_for_timeout(100)
    assert len(page.evaluate(OBJECT_TEXTS_JS)) == 2
    screenshot("texts-always")
    page.keyboard.press("F2")
    dialog.get_by_role("tab", name="Workspace").click()
    expect(dialog.get_by_role("checkbox", name="Always show object details")).to_be_checked()


# The highest alpha of the resting shapes' layer (the second canvas) in the 5 x 5 device pixels
# around a page point (a 1 px line drawn through the point need not cover its very pixel).
SHAPES_ALPHA_JS = """([x, y]) => {
  const canvas = document.querySelectorAll('[data-testid=editor-canvas] canvas')[1];
  const box = canvas.getBoundingClientRect();
  const ratio = canvas.width / box.width;
  const data = canvas.getContext('2d').getImageData(Math.round((x - box.left) * ratio) - 2, Math.round((y - box.top) * ratio) - 2, 5, 5).data;
  let best = 0;
  for (let i = 3; i < data.length; i += 4) best = Math.max(best, data[i]);
  return best;
}"""


def test_cuboids_are_drawn_with_projections_on_request(page: Page, context: Any, signed_in: Any, screenshot: Any) -> None:
    task, job = create_task_with_job(context, images=1)
    label_id = _json(context.request.get(f"/api/labels?job_id={job['id']}"))["results"][0]["id"]
    # The front face's top and bottom edges meet at (600, 250): right of the cuboid, in the image.
    points = [100, 150, 100, 350, 200, 170, 200, 330, 260, 190, 260, 310, 340, 200, 340, 300]
    cuboid = {"type": "cuboid", "frame": 0, "label_id": label_id, "points": points, "occluded": False, "outside": False,
              "z_order": 0, "rotation": 0, "attributes": [], "group": 0, "source": "manual"}  # fmt: skip
    body = {"version": 0, "tags": [], "tracks": [], "shapes": [cuboid]}
    _json(context.request.put(f"/api/jobs/{job['id']}/annotations", data=body, headers=api_headers(context)))
    canvas = open_editor(page, task, job)
    expect(page.get_by_test_id("objects-count")).to_have_text("1")

    # Its front face is drawn (and picks it); the top edge's extension beyond the cuboid is empty.
    extension = canvas.screen(420, 214)  # on the line from (200, 170) to (600, 250)
    inside = canvas.screen(150, 250)
    page.wait_for_function(f"({SHAPES_ALPHA_JS})([{inside[0]}, {inside[1]}]) > 0")
    assert page.evaluate(SHAPES_ALPHA_JS, list(extension)) == 0
    canvas.click(150, 250)
    expect(page.locator("[data-testid=object-item].editor-object-selected")).to_have_count(1)
    page.keyboard.press("Escape")

    # Show projections (Appearance): the extension is drawn; off again, it is gone.
    page.get_by_test_id("appearance").get_by_text("Appearance").click()
    page.get_by_test_id("appearance-projections").click()
    page.wait_for_function(f"({SHAPES_ALPHA_JS})([{extension[0]}, {extension[1]}]) > 0")
    screenshot("cuboid-projections")
    page.get_by_test_id("appearance-projections").click()
    page.wait_for_function(f"({SHAPES_ALPHA_JS})([{extension[0]}, {extension[1]}]) === 0")
