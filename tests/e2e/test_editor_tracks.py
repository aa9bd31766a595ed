"""Tracks in the annotation editor, on a generated video task (30 frames of 320x240, one job): a
track drawn with the drawing options' Track button, moved on a later frame (a keyframe there) and
interpolated in between exactly as the server interpolates it; O ending a track's visible stretch;
and tracks imported from a CVAT 1.1 video XML shown on every frame where they are visible.

Geometry on the canvas is read from Konva's scene graph (window.Konva): the selected object is drawn
as its own node on the top layer. Stored results are checked through the API, the server's
interpolation through a "CVAT for images 1.1" export (one box per frame).
"""

from __future__ import annotations

import io
import re
import time
import zipfile
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit
from xml.etree import ElementTree

from playwright.sync_api import BrowserContext, Page, expect

from tests.e2e.conftest import Account, api_headers
from tests.e2e.test_editor import LABELS, Canvas, _json, assert_points, choose_tool, open_editor, save_with_ctrl_s
from tests.media_factory import write_video

FRAMES = 30
SIZE = (320, 240)
SELECTED = re.compile("editor-object-selected")

# The selected object's rectangle on the top layer: [xtl, ytl, xbr, ybr] in image pixels. Resize
# handles are Rects too, but small: the object's is the largest.
SELECTED_BOX_JS = """() => {
  const layer = window.Konva.stages[0].getLayers()[2];
  const boxes = layer.find('Rect').map((r) => [r.x() - r.offsetX(), r.y() - r.offsetY(), r.x() - r.offsetX() + r.width(), r.y() - r.offsetY() + r.height()]);
  boxes.sort((a, b) => (b[2] - b[0]) * (b[3] - b[1]) - (a[2] - a[0]) * (a[3] - a[1]));
  return boxes[0] ?? null;
}"""


def wait_request(context: BrowserContext, rq_id: str) -> dict[str, Any]:
    deadline = time.monotonic() + 60
    while True:
        request = _json(context.request.get(f"/api/requests/{quote(rq_id, safe='')}"))
        if request["status"] in ("finished", "failed"):
            return request
        assert time.monotonic() < deadline, request
        time.sleep(0.2)


def create_video_task(context: BrowserContext, tmp_path: Path) -> tuple[dict[str, Any], dict[str, Any]]:
    """A task of one generated video (FRAMES frames of SIZE) in one job; returns (task, job)."""
    headers = api_headers(context)
    video = write_video(tmp_path / "clip.mp4", frames=FRAMES, width=SIZE[0], height=SIZE[1]).read_bytes()
    body = {"name": "video task", "labels": LABELS, "segment_size": FRAMES}
    task = _json(context.request.post("/api/tasks", data=body, headers=headers), 201)
    started = _json(
        context.request.post(
            f"/api/tasks/{task['id']}/data",
            multipart={
                "image_quality": "90",
                "client_files[0]": {"name": "clip.mp4", "mimeType": "video/mp4", "buffer": video},
            },
            headers=headers,
        ),
        202,
    )
    assert wait_request(context, started["rq_id"])["status"] == "finished"
    jobs = _json(context.request.get(f"/api/jobs?task_id={task['id']}"))["results"]
    assert len(jobs) == 1
    return _json(context.request.get(f"/api/tasks/{task['id']}")), jobs[0]


def go_to_frame(page: Page, canvas: Canvas, frame: int) -> None:
    frame_input = page.get_by_label("Frame number")
    frame_input.fill(str(frame))
    frame_input.press("Enter")
    expect(page.get_by_test_id("editor")).to_have_attribute("data-frame", str(frame))
    expect(canvas.element).to_have_attribute("data-frame-ready", "true")
    # Keys go to the canvas again, not to the frame input.
    box = canvas.element.bounding_box()
    assert box is not None
    page.mouse.move(box["x"] + box["width"] - 5, box["y"] + box["height"] - 5)
    frame_input.blur()


def track_card(page: Page) -> Any:
    return page.locator("[data-testid=object-item][data-kind=track]")


def selected_box(page: Page) -> list[float]:
    box = page.evaluate(SELECTED_BOX_JS)
    assert box is not None, "no selected box on the canvas"
    return [float(value) for value in box]


def exported_boxes(context: BrowserContext, task_id: int) -> dict[int, list[float]]:
    """The server's per-frame boxes: a "CVAT for images 1.1" export, by frame."""
    response = context.request.post(
        f"/api/tasks/{task_id}/dataset/export?format={quote('CVAT for images 1.1')}&save_images=false",
        headers=api_headers(context),
    )
    request = wait_request(context, _json(response, 202)["rq_id"])
    assert request["status"] == "finished", request
    parts = urlsplit(request["result_url"])
    download = context.request.get(f"{parts.path}?{parts.query}")
    assert download.status == 200, download.text()
    archive = zipfile.ZipFile(io.BytesIO(download.body()))
    root = ElementTree.fromstring(archive.read("annotations.xml"))
    boxes: dict[int, list[float]] = {}
    for image in root.iter("image"):
        for box in image.iter("box"):
            boxes[int(image.get("id", "-1"))] = [float(box.get(key, "nan")) for key in ("xtl", "ytl", "xbr", "ybr")]
    return boxes


def test_a_track_drawn_and_moved_later_is_interpolated_between_and_saves_its_two_keyframes(
    page: Page, context: BrowserContext, signed_in: Account, screenshot: Any, tmp_path: Path
) -> None:
    task, job = create_video_task(context, tmp_path)
    canvas = open_editor(page, task, job)
    count = page.get_by_test_id("objects-count")

    # Track mode from the drawing options: the rectangle drawn on frame 0 is a track's first keyframe.
    page.get_by_test_id("drawing-options-button").click()
    page.get_by_test_id("draw-options-rectangle").click()
    page.get_by_test_id("draw-track").click()
    expect(page.get_by_test_id("drawing-options")).to_be_hidden()
    expect(page.get_by_test_id("editor")).to_have_attribute("data-draw-as", "track")
    canvas.drag((40, 40), (120, 100))
    expect(count).to_have_text("1")
    expect(track_card(page)).to_have_attribute("data-track-state", "keyframe")
    expect(track_card(page).get_by_test_id("object-track")).to_contain_text("TRACK")
    screenshot("track-drawn")

    # Frame 20 shows it where it was drawn (one keyframe repeats); moving it makes a keyframe there.
    choose_tool(page, "cursor")
    go_to_frame(page, canvas, 20)
    expect(count).to_have_text("1")
    expect(track_card(page)).to_have_attribute("data-track-state", "interpolated")
    canvas.drag((80, 70), (180, 130))
    expect(track_card(page)).to_have_attribute("data-track-state", "keyframe")
    assert_points(selected_box(page), [140, 100, 220, 160])
    screenshot("moved-on-frame-20")

    # Frame 10 is halfway: the canvas draws (and picks) the interpolated box.
    go_to_frame(page, canvas, 10)
    expect(track_card(page)).to_have_attribute("data-track-state", "interpolated")
    canvas.click(130, 100)
    expect(track_card(page)).to_have_class(SELECTED)
    shown = selected_box(page)
    assert_points(shown, [90, 70, 170, 130])
    screenshot("interpolated-on-frame-10")

    # The keyframe buttons walk the track's keyframes.
    track_card(page).get_by_test_id("object-keyframe-next").click()
    expect(page.get_by_test_id("editor")).to_have_attribute("data-frame", "20")
    track_card(page).get_by_test_id("object-keyframe-first").click()
    expect(page.get_by_test_id("editor")).to_have_attribute("data-frame", "0")

    save_with_ctrl_s(page)
    tracks = _json(context.request.get(f"/api/jobs/{job['id']}/annotations"))["tracks"]
    assert len(tracks) == 1
    assert tracks[0]["frame"] == 0
    assert [s["frame"] for s in tracks[0]["shapes"]] == [0, 20]
    assert not any(s["outside"] for s in tracks[0]["shapes"])
    assert_points(tracks[0]["shapes"][0]["points"], [40, 40, 120, 100])
    assert_points(tracks[0]["shapes"][1]["points"], [140, 100, 220, 160])

    # The server's interpolation agrees with the canvas on frame 10, to rounding.
    server = exported_boxes(context, task["id"])
    assert sorted(server) == list(range(FRAMES))
    assert max(abs(a - b) for a, b in zip(server[10], shown, strict=True)) < 0.01, (server[10], shown)


def put_track(context: BrowserContext, job: dict[str, Any], shapes: list[dict[str, Any]]) -> None:
    labels = _json(context.request.get(f"/api/labels?job_id={job['id']}"))["results"]
    track = {"frame": shapes[0]["frame"], "label_id": labels[0]["id"], "attributes": [], "shapes": shapes}
    _json(context.request.put(f"/api/jobs/{job['id']}/annotations", data={"tracks": [track]}, headers=api_headers(context)))


def rectangle(frame: int, points: list[float], outside: bool = False) -> dict[str, Any]:
    return {"type": "rectangle", "frame": frame, "points": points, "outside": outside, "occluded": False, "z_order": 0, "attributes": []}


def test_o_ends_a_tracks_visible_stretch_on_its_frame(
    page: Page, context: BrowserContext, signed_in: Account, screenshot: Any, tmp_path: Path
) -> None:
    task, job = create_video_task(context, tmp_path)
    put_track(context, job, [rectangle(0, [20, 20, 80, 80]), rectangle(10, [120, 20, 180, 80])])
    canvas = open_editor(page, task, job)
    count = page.get_by_test_id("objects-count")

    go_to_frame(page, canvas, 25)
    expect(count).to_have_text("1")
    track_card(page).get_by_test_id("object-id").click()
    page.keyboard.press("o")
    expect(track_card(page)).to_have_attribute("data-track-state", "outside")
    expect(track_card(page).get_by_test_id("object-outside")).to_have_attribute("aria-pressed", "true")
    screenshot("outside-on-frame-25")

    go_to_frame(page, canvas, 27)
    expect(count).to_have_text("0")
    go_to_frame(page, canvas, 22)
    expect(count).to_have_text("1")
    canvas.click(150, 50)
    expect(track_card(page)).to_have_class(SELECTED)
    assert_points(selected_box(page), [120, 20, 180, 80])
    screenshot("still-shown-on-frame-22")

    # One undo step takes the outside keyframe back; redo and save store it.
    page.keyboard.press("Control+z")
    go_to_frame(page, canvas, 27)
    expect(count).to_have_text("1")
    page.keyboard.press("Control+Shift+z")
    expect(count).to_have_text("0")
    save_with_ctrl_s(page)
    shapes = _json(context.request.get(f"/api/jobs/{job['id']}/annotations"))["tracks"][0]["shapes"]
    assert [(s["frame"], s["outside"]) for s in shapes] == [(0, False), (10, False), (25, True)]
    assert_points(shapes[2]["points"], [120, 20, 180, 80])


CVAT_VIDEO_XML = """<?xml version="1.0" encoding="utf-8"?>
<annotations>
  <version>1.1</version>
  <track id="0" label="car" source="manual">
    <box frame="0" keyframe="1" outside="0" occluded="0" xtl="10.00" ytl="10.00" xbr="60.00" ybr="50.00" z_order="0"/>
    <box frame="15" keyframe="1" outside="0" occluded="0" xtl="110.00" ytl="60.00" xbr="160.00" ybr="100.00" z_order="0"/>
    <box frame="20" keyframe="1" outside="1" occluded="0" xtl="110.00" ytl="60.00" xbr="160.00" ybr="100.00" z_order="0"/>
  </track>
  <track id="1" label="person" source="manual">
    <polygon frame="5" keyframe="1" outside="0" occluded="0" points="200.00,150.00;250.00,150.00;225.00,200.00" z_order="1"/>
    <polygon frame="29" keyframe="1" outside="0" occluded="0" points="220.00,150.00;270.00,150.00;245.00,200.00" z_order="1"/>
  </track>
</annotations>
"""


def test_tracks_imported_from_a_cvat_video_xml_show_on_every_frame_where_they_are_visible(
    page: Page, context: BrowserContext, signed_in: Account, screenshot: Any, tmp_path: Path
) -> None:
    task, job = create_video_task(context, tmp_path)
    started = _json(
        context.request.post(
            f"/api/tasks/{task['id']}/annotations?format={quote('CVAT 1.1')}",
            multipart={"annotation_file": {"name": "annotations.xml", "mimeType": "application/xml", "buffer": CVAT_VIDEO_XML.encode()}},
            headers=api_headers(context),
        ),
        202,
    )
    assert wait_request(context, started["rq_id"])["status"] == "finished"
    assert len(_json(context.request.get(f"/api/jobs/{job['id']}/annotations"))["tracks"]) == 2

    canvas = open_editor(page, task, job)
    count = page.get_by_test_id("objects-count")
    # The car shows 0-19 (its outside keyframe on 20 is listed, not drawn), the person 5-29.
    expected = {0: 1, 4: 1, 5: 2, 12: 2, 19: 2, 20: 2, 21: 1, 29: 1}
    for frame, objects in expected.items():
        go_to_frame(page, canvas, frame)
        expect(count).to_have_text(str(objects))
        expect(track_card(page)).to_have_count(objects)
        if frame == 12:
            screenshot("both-tracks-on-frame-12")
    go_to_frame(page, canvas, 20)
    car = page.locator("[data-testid=object-item][data-track-state=outside]")
    expect(car).to_have_count(1)

    # The car halfway between its keyframes 0 and 15, on frame 6: drawn (and picked) where the server puts it.
    go_to_frame(page, canvas, 6)
    canvas.click(75, 50)
    expect(page.locator("[data-testid=object-item].editor-object-selected")).to_have_count(1)
    assert_points(selected_box(page), [50, 30, 100, 70])
