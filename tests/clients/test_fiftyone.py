"""FiftyOne's CVAT backend (`dataset.annotate(..., backend="cvat")`, `load_annotations`, `cleanup`) works unchanged.

Each test builds a FiftyOne dataset of real photos (scikit-image's samples) or a generated video, sends it to
Contour with annotate(), checks on the server what a CVAT user would see, edits there like an annotator, and
loads the labels back. FiftyOne rounds uploaded coordinates to whole pixels, so labels it sent come back within
half a pixel, while labels edited on the server come back exactly.
"""

from __future__ import annotations

import itertools
import os
from pathlib import Path

import pytest
from PIL import Image

from tests.clients.conftest import FiftyOne, Json, Server, photos
from tests.media_factory import write_video

pytestmark = pytest.mark.clients

# Not in name order: listing the files by name would put every label on another photo.
PHOTOS = ["rocket.jpg", "astronaut.png", "coffee.png", "chelsea.png", "camera.png"]
DETECTION_ATTRIBUTES = {
    "note": {"type": "text", "values": []},
    "kind": {"type": "select", "values": ["wild", "pet"]},
    "pose": {"type": "radio", "values": ["left", "right"]},
    "truncated": {"type": "checkbox", "values": [True, False]},
}
_run = itertools.count(1)


def _name(prefix: str) -> str:
    return f"{prefix}-{os.getpid()}-{next(_run)}"


def _size(path: Path) -> tuple[int, int]:
    with Image.open(path) as image:
        return image.size


def _image_samples(paths: list[Path]) -> list[Json]:
    samples = []
    for i, path in enumerate(paths):
        samples.append({
            "path": str(path),
            "detections": [
                {"label": "cat" if i % 2 else "dog", "box": [0.1 + 0.05 * i, 0.2, 0.3, 0.25 + 0.02 * i],
                 "attributes": {"note": f"seen {i}", "kind": "pet" if i % 2 else "wild", "pose": "right",
                                "truncated": bool(i % 2)}},
                {"label": "dog", "box": [0.55, 0.5, 0.2, 0.3],
                 "attributes": {"note": "", "kind": "wild", "pose": "left", "truncated": False}},
            ],
            "classification": "sunny" if i % 3 else "rainy",
            "polylines": [
                {"label": "road", "points": [[0.1, 0.1], [0.5, 0.12], [0.3, 0.6 + 0.01 * i]], "closed": True},
                {"label": "lane", "points": [[0.2, 0.2], [0.8, 0.9 - 0.02 * i]], "closed": False},
            ],
            "keypoints": [{"label": "eyes", "points": [[0.3, 0.3 + 0.01 * i], [0.4, 0.3]]}],
        })
    return samples


IMAGE_SCHEMA = {
    "ground_truth": {"type": "detections", "classes": ["cat", "dog"], "attributes": DETECTION_ATTRIBUTES},
    "weather": {"type": "classification", "classes": ["sunny", "rainy"]},
    "outlines": {"type": "polylines", "classes": ["road", "lane"]},
    "landmarks": {"type": "keypoints", "classes": ["eyes"]},
}


def _close(actual: list[float], expected: list[float], size: tuple[int, int], pixels: float = 0.5) -> bool:
    """Within `pixels` of the expected normalised coordinates, on an image of `size`."""
    scale = [size[i % 2] for i in range(len(expected))]
    return len(actual) == len(expected) and all(
        abs(a - e) * s <= pixels + 1e-6 for a, e, s in zip(actual, expected, scale, strict=True))


def _box_as_pixels(box: list[float], size: tuple[int, int]) -> list[float]:
    x, y, w, h = box
    return [x, y, x + w, y + h]


# --- images ------------------------------------------------------------------------------------------------


def test_images_go_to_tasks_of_the_right_size_with_their_frames_in_sample_order(
    fiftyone: FiftyOne, server: Server, tmp_path: Path
) -> None:
    paths = photos(fiftyone.python, PHOTOS, tmp_path / "photos")
    dataset, alice, bob = _name("images"), _name("alice"), _name("bob")
    server.register(alice)
    server.register(bob)
    _, run = fiftyone.steps(
        ("build_images", {"dataset": dataset, "samples": _image_samples(paths)}),
        ("annotate", {"dataset": dataset, "anno_key": "first", "kwargs": {
            "label_schema": IMAGE_SCHEMA, "segment_size": 2, "task_size": 3, "task_assignee": alice,
            "job_assignees": [alice, bob], "occluded_attr": "is_occluded", "group_id_attr": "group_id"}}))

    assert len(run["task_ids"]) == 2
    for task_id, sizes in zip(run["task_ids"], ([2, 1], [2]), strict=True):
        task = server.get(f"/api/tasks/{task_id}")
        assert task["assignee"]["username"] == alice and task["segment_size"] == 2
        meta = server.get(f"/api/tasks/{task_id}/data/meta")
        expected_names = [run["frame_id_map"][str(task_id)][str(i)] for i in range(len(meta["frames"]))]
        assert [f["name"] for f in meta["frames"]] == expected_names
        by_name = {p.name: _size(p) for p in paths}
        assert [(f["width"], f["height"]) for f in meta["frames"]] == [by_name[n] for n in expected_names]
        jobs = server.get("/api/jobs", task_id=task_id, sort="id")["results"]
        assert [j["stop_frame"] - j["start_frame"] + 1 for j in jobs] == sizes
    assert [n for t in run["task_ids"] for n in run["frame_id_map"][str(t)].values()] == PHOTOS
    job_assignees = [j["assignee"]["username"] for t in run["task_ids"] for j in
                     sorted(server.get("/api/jobs", task_id=t)["results"], key=lambda j: -j["id"])]
    assert job_assignees == [alice, bob, alice]  # FiftyOne assigns round robin in the order it lists jobs

    labels = server.labels(run["task_ids"][0])
    assert set(labels) == {"cat", "dog", "sunny", "rainy", "road", "lane", "eyes"}
    attributes = {a["name"]: a for a in labels["cat"]["attributes"]}
    assert attributes["truncated"]["input_type"] == "checkbox" and attributes["truncated"]["values"] == ["true", "false"]
    assert attributes["kind"]["values"] == ["wild", "pet"] and attributes["pose"]["input_type"] == "radio"


def test_labels_sent_with_the_images_come_back_on_their_own_images(
    fiftyone: FiftyOne, server: Server, tmp_path: Path
) -> None:
    paths = photos(fiftyone.python, PHOTOS, tmp_path / "photos")
    samples = _image_samples(paths)
    dataset = _name("roundtrip")
    _, _, result = fiftyone.steps(
        ("build_images", {"dataset": dataset, "samples": samples}),
        ("annotate", {"dataset": dataset, "anno_key": "trip",
                      "kwargs": {"label_schema": IMAGE_SCHEMA, "segment_size": 2, "occluded_attr": "is_occluded"}}),
        ("load", {"dataset": dataset, "anno_key": "trip", "cleanup": True}))
    loaded = result["samples"]

    assert [s["name"] for s in loaded] == PHOTOS
    for sample, sent, path in zip(loaded, samples, paths, strict=True):
        size = _size(path)
        got = sorted(sample["ground_truth"], key=lambda d: d["bounding_box"][0])
        want = sorted(sent["detections"], key=lambda d: d["box"][0])
        assert [d["label"] for d in got] == [d["label"] for d in want]
        for detection, original in zip(got, want, strict=True):
            assert _close(_box_as_pixels(detection["bounding_box"], size), _box_as_pixels(original["box"], size), size)
            for name, value in original["attributes"].items():
                assert detection.get(name, None) == (value if value != "" else None), (name, detection)
            assert detection["is_occluded"] is False
        assert sample["weather"]["label"] == sent["classification"]
        for polyline, original in zip(sample["outlines"], sent["polylines"], strict=True):
            assert polyline["label"] == original["label"] and polyline["closed"] == original["closed"]
            assert _close([c for p in polyline["points"][0] for c in p], [c for p in original["points"] for c in p], size)
        (keypoint,) = sample["landmarks"]
        assert _close([c for p in keypoint["points"] for c in p], [c for p in sent["keypoints"][0]["points"] for c in p],
                      size)
    for task_id in server.get("/api/tasks", search=dataset)["results"]:
        pytest.fail(f"cleanup=True left task {task_id['id']}")


def test_edits_made_on_the_server_are_loaded_back_exactly(fiftyone: FiftyOne, server: Server, tmp_path: Path) -> None:
    paths = photos(fiftyone.python, PHOTOS[:3], tmp_path / "photos")
    samples = _image_samples(paths)
    dataset = _name("edits")
    schema = {key: IMAGE_SCHEMA[key] for key in ("ground_truth", "weather")}
    _, run = fiftyone.steps(
        ("build_images", {"dataset": dataset, "samples": samples}),
        ("annotate", {"dataset": dataset, "anno_key": "edit", "kwargs": {
            "label_schema": schema, "occluded_attr": "is_occluded", "group_id_attr": "group_id"}}))
    (task_id,) = run["task_ids"]
    labels = server.labels(task_id)
    spec = {a["name"]: a["id"] for a in labels["cat"]["attributes"]}
    data = server.get(f"/api/tasks/{task_id}/annotations")
    shapes = sorted(data["shapes"], key=lambda s: (s["frame"], s["points"][0]))
    assert [s["frame"] for s in shapes] == [0, 0, 1, 1, 2, 2]

    # Frame 0 (rocket): move its first box and make it occluded, change two attributes; delete its second box.
    moved = dict(shapes[0], points=[11.0, 22.5, 200.25, 300.0], occluded=True, group=7)
    assert moved["label_id"] == labels["dog"]["id"]
    dog = {a["name"]: a["id"] for a in labels["dog"]["attributes"]}
    moved["attributes"] = [dict(a, value={dog["kind"]: "pet", dog["note"]: "edited"}.get(a["spec_id"], a["value"]))
                           for a in moved["attributes"]]
    assert server.send("PATCH", f"/api/tasks/{task_id}/annotations", {"shapes": [moved]}, action="update").ok
    assert server.send("PATCH", f"/api/tasks/{task_id}/annotations", {"shapes": [shapes[1]]}, action="delete").ok
    # Frame 2 (coffee): a new box drawn by the annotator; frame 1's tag changes from sunny to rainy.
    new_box = {"type": "rectangle", "frame": 2, "label_id": labels["cat"]["id"], "points": [5.0, 6.0, 50.5, 60.0],
               "group": 7,
               "attributes": [{"spec_id": spec["kind"], "value": "wild"}, {"spec_id": spec["pose"], "value": "left"},
                              {"spec_id": spec["note"], "value": "new one"},
                              {"spec_id": spec["truncated"], "value": "true"}]}
    assert server.send("PATCH", f"/api/tasks/{task_id}/annotations", {"shapes": [new_box]}, action="create").ok
    (tag,) = [t for t in data["tags"] if t["frame"] == 1]
    # A new label has its own attribute specs: carry the values over by name, as the editor does.
    names = {a["id"]: a["name"] for a in labels["sunny"]["attributes"]}
    rainy_specs = {a["name"]: a["id"] for a in labels["rainy"]["attributes"]}
    relabelled = dict(tag, label_id=labels["rainy"]["id"], attributes=[
        {"spec_id": rainy_specs[names[a["spec_id"]]], "value": a["value"]} for a in tag["attributes"]])
    response = server.send("PATCH", f"/api/tasks/{task_id}/annotations", {"tags": [relabelled]}, action="update")
    assert response.ok, response.text

    result, _ = fiftyone.steps(("load", {"dataset": dataset, "anno_key": "edit"}),
                               ("cleanup", {"dataset": dataset, "anno_key": "edit"}))
    loaded = {s["name"]: s for s in result["samples"]}
    width, height = _size(paths[0])
    (rocket_box,) = loaded["rocket.jpg"]["ground_truth"]
    assert rocket_box["bounding_box"] == [11.0 / width, 22.5 / height, (200.25 - 11.0) / width, (300.0 - 22.5) / height]
    assert rocket_box["kind"] == "pet" and rocket_box["note"] == "edited" and rocket_box["is_occluded"] is True
    assert rocket_box["group_id"] == 7
    width, height = _size(paths[2])
    added = [d for d in loaded["coffee.png"]["ground_truth"] if d.get("note") == "new one"]
    assert len(added) == 1 and len(loaded["coffee.png"]["ground_truth"]) == 3
    assert added[0]["label"] == "cat" and added[0]["truncated"] is True and added[0]["kind"] == "wild"
    assert added[0]["group_id"] == 7 and added[0]["is_occluded"] is False
    assert added[0]["bounding_box"] == [5.0 / width, 6.0 / height, (50.5 - 5.0) / width, (60.0 - 6.0) / height]
    assert loaded["astronaut.png"]["weather"]["label"] == "rainy"
    assert len(loaded["astronaut.png"]["ground_truth"]) == 2

    assert server.send("GET", f"/api/tasks/{task_id}").status_code == 404


def test_a_new_project_then_an_existing_one_receive_the_tasks(fiftyone: FiftyOne, server: Server, tmp_path: Path) -> None:
    paths = photos(fiftyone.python, PHOTOS[:2], tmp_path / "photos")
    dataset, project_name = _name("projects"), _name("FiftyOne project")
    schema = {"ground_truth": IMAGE_SCHEMA["ground_truth"]}
    _, first = fiftyone.steps(
        ("build_images", {"dataset": dataset, "samples": _image_samples(paths)}),
        ("annotate", {"dataset": dataset, "anno_key": "p1",
                      "kwargs": {"label_schema": schema, "project_name": project_name}}))
    (project_id,) = first["project_ids"]
    project = server.get(f"/api/projects/{project_id}")
    assert project["name"] == project_name and project["tasks"]["count"] == 1
    second = fiftyone("annotate", dataset=dataset, anno_key="p2", kwargs={
        "label_schema": {"ground_truth": {"type": "detections"}}, "project_id": project_id})
    assert second["project_ids"] == []
    (task_id,) = second["task_ids"]
    assert server.get(f"/api/tasks/{task_id}")["project_id"] == project_id
    loaded, _ = fiftyone.steps(("load", {"dataset": dataset, "anno_key": "p2", "cleanup": True}),
                               ("cleanup", {"dataset": dataset, "anno_key": "p1"}))
    assert [len(s["ground_truth"]) for s in loaded["samples"]] == [2, 2]
    assert server.send("GET", f"/api/tasks/{first['task_ids'][0]}").status_code == 404
    # FiftyOne deletes a project it made only when `tasks` reads empty; CVAT 2.x answers {count, url}, so the
    # project stays there too.
    assert server.get(f"/api/projects/{project_id}")["tasks"]["count"] == 0


# --- video -------------------------------------------------------------------------------------------------

VIDEO = {"width": 320, "height": 240, "fps": 25, "frames": 24}


def _video(tmp_path: Path) -> Path:
    return write_video(tmp_path / "clip.mp4", frames=VIDEO["frames"], width=VIDEO["width"], height=VIDEO["height"],
                       fps=VIDEO["fps"])


def _car_box(frame: int) -> list[float]:
    return [0.1 + 0.01 * frame, 0.2, 0.25, 0.2]


def _tracked_frames() -> dict[str, list[Json]]:
    """FiftyOne numbers video frames from 1; `index` makes frame-level detections one track."""
    frames: dict[str, list[Json]] = {}
    for number in range(1, VIDEO["frames"] + 1):
        detections = [{"label": "car", "box": _car_box(number), "index": 1}]
        if 6 <= number <= 12:
            detections.append({"label": "person", "box": [0.5, 0.6 - 0.01 * number, 0.1, 0.3], "index": 2})
        frames[str(number)] = detections
    return frames


def test_video_detections_become_tracks_in_a_frame_range_and_come_back(
    fiftyone: FiftyOne, server: Server, tmp_path: Path
) -> None:
    dataset = _name("video")
    _, run = fiftyone.steps(
        ("build_video", {"dataset": dataset, "path": str(_video(tmp_path)), "frames": _tracked_frames(),
                         "video": VIDEO}),
        ("annotate", {"dataset": dataset, "anno_key": "vid", "kwargs": {
            "label_schema": {"frames.detections": {"type": "detections", "classes": ["car", "person"]}},
            "frame_start": 2, "frame_stop": 17}}))
    (task_id,) = run["task_ids"]
    meta = server.get(f"/api/tasks/{task_id}/data/meta")
    assert (meta["start_frame"], meta["stop_frame"], meta["size"]) == (2, 17, 16)
    labels = {label_id: name for name, label_id in ((n, lb["id"]) for n, lb in server.labels(task_id).items())}
    tracks = {labels[t["label_id"]]: t for t in server.get(f"/api/tasks/{task_id}/annotations")["tracks"]}
    assert set(tracks) == {"car", "person"}
    car = tracks["car"]
    # Task frame f shows video frame f + 2, which FiftyOne numbers f + 3.
    visible = [s for s in car["shapes"] if not s["outside"]]
    assert visible[0]["frame"] == 0 and visible[-1]["frame"] == 15
    x = _car_box(3)[0] * VIDEO["width"]
    assert abs(visible[0]["points"][0] - x) <= 0.5
    person_frames = [s["frame"] for s in tracks["person"]["shapes"] if not s["outside"]]
    assert person_frames[0] == 6 - 3 and person_frames[-1] == 12 - 3

    # The annotator moves the car on task frame 4 (a keyframe) to an exact place.
    car_frame_4 = next(s for s in car["shapes"] if s["frame"] == 4)
    car_frame_4["points"] = [100.0, 50.0, 180.5, 98.0]
    assert server.send("PATCH", f"/api/tasks/{task_id}/annotations", {"tracks": [car]}, action="update").ok

    frames = fiftyone("load", dataset=dataset, anno_key="vid", cleanup=True)["samples"][0]["frames"]
    (moved,) = [d for d in frames["7"] if d["label"] == "car"]
    assert moved["bounding_box"] == [100.0 / 320, 50.0 / 240, 80.5 / 320, 48.0 / 240]
    for number in (3, 10, 17):
        (car_box,) = [d for d in frames[str(number)] if d["label"] == "car"]
        assert _close(_box_as_pixels(car_box["bounding_box"], (320, 240)),
                      _box_as_pixels(_car_box(number), (320, 240)), (320, 240))
    assert {d["label"] for d in frames["8"]} == {"car", "person"}
    assert {d["label"] for d in frames["14"]} == {"car"}
    # Frames outside the range were not sent, and keep what they had.
    assert [d["bounding_box"] for d in frames["1"]] == [_car_box(1)]


def test_a_subsampled_video_maps_server_tracks_back_to_video_frames(
    fiftyone: FiftyOne, server: Server, tmp_path: Path
) -> None:
    dataset = _name("stepped")
    _, run = fiftyone.steps(
        ("build_video", {"dataset": dataset, "path": str(_video(tmp_path)), "frames": {}, "video": VIDEO}),
        ("annotate", {"dataset": dataset, "anno_key": "step", "kwargs": {
            "label_schema": {"frames.detections": {"type": "detections", "classes": ["car"]}},
            "frame_start": 1, "frame_stop": 20, "frame_step": 3}}))
    (task_id,) = run["task_ids"]
    meta = server.get(f"/api/tasks/{task_id}/data/meta")
    assert (meta["start_frame"], meta["frame_filter"], meta["size"]) == (1, "step=3", 7)
    car = server.labels(task_id)["car"]["id"]
    track = {"frame": 1, "label_id": car, "attributes": [], "shapes": [
        {"type": "rectangle", "frame": 1, "points": [10.0, 20.0, 110.0, 120.0], "attributes": []},
        {"type": "rectangle", "frame": 3, "points": [40.0, 20.0, 140.0, 120.0], "attributes": []},
        {"type": "rectangle", "frame": 5, "points": [40.0, 20.0, 140.0, 120.0], "outside": True, "attributes": []}]}
    assert server.send("PATCH", f"/api/tasks/{task_id}/annotations", {"tracks": [track]}, action="create").ok

    frames = fiftyone("load", dataset=dataset, anno_key="step", cleanup=True)["samples"][0]["frames"]
    boxes = {int(number): [d["bounding_box"] for d in detections or []] for number, detections in frames.items()}
    # Task frame f is video frame 1 + 3f, which FiftyOne numbers 2 + 3f.
    assert boxes[5] == [[10.0 / 320, 20.0 / 240, 100.0 / 320, 100.0 / 240]]
    assert boxes[11] == [[40.0 / 320, 20.0 / 240, 100.0 / 320, 100.0 / 240]]
    assert all(not boxes.get(n) for n in (2, 17, 20))
