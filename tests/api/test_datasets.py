"""Dataset export and import through the API: the requests flow, downloads, replacing imports,
project imports, and bad input that leaves stored annotations untouched."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from tests.api.data_helpers import task_with_files, wait_request
from tests.factories import ApiUser, Factory
from tests.media_factory import image_bytes, zip_of

pytestmark = pytest.mark.usefixtures("worker")

LABELS = [
    {"name": "car", "attributes": [
        {"name": "model", "mutable": False, "input_type": "select", "values": ["sedan", "suv"]},
        {"name": "parked", "mutable": True, "input_type": "checkbox", "values": ["false"]},
    ]},
    {"name": "person"},
    {"name": "weather", "type": "tag"},
]
IMAGES = {f"img{i}.jpg": image_bytes(64, 48, (i * 50, 90, 120)) for i in range(4)}
CVAT_IMAGES = "CVAT for images 1.1"
CVAT_IMPORT = "CVAT 1.1"


class World:
    def __init__(self, factory: Factory) -> None:
        self.factory = factory
        self.user: ApiUser = factory.user()
        self.task = task_with_files(factory, self.user, IMAGES, {"labels": LABELS, "segment_size": 2}, image_quality=70)
        labels = self.user.get(f"/api/labels?task_id={self.task['id']}").json()["results"]
        self.label = {lb["name"]: lb for lb in labels}
        self.attr = {a["name"]: a["id"] for a in self.label["car"]["attributes"]}

    @property
    def url(self) -> str:
        return f"/api/tasks/{self.task['id']}"

    def sample(self, *, tracks: bool = True) -> dict[str, Any]:
        car, person = self.label["car"]["id"], self.label["person"]["id"]
        data: dict[str, Any] = {
            "tags": [{"frame": 0, "label_id": self.label["weather"]["id"], "attributes": []}],
            "shapes": [
                {"type": "rectangle", "frame": 0, "label_id": car, "points": [1.0, 2.0, 30.0, 40.0],
                 "attributes": [{"spec_id": self.attr["model"], "value": "suv"},
                                {"spec_id": self.attr["parked"], "value": "true"}]},
                {"type": "polygon", "frame": 1, "label_id": person, "points": [5.0, 5.0, 30.0, 5.0, 20.0, 30.0],
                 "occluded": True, "z_order": 2},
                {"type": "points", "frame": 3, "label_id": person, "points": [3.0, 4.0], "group": 1},
            ],
            "tracks": [{"frame": 0, "label_id": car, "attributes": [{"spec_id": self.attr["model"], "value": "sedan"}],
                        "shapes": [
                            {"type": "rectangle", "frame": 0, "points": [10.0, 10.0, 20.0, 20.0],
                             "attributes": [{"spec_id": self.attr["parked"], "value": "false"}]},
                            {"type": "rectangle", "frame": 2, "points": [14.0, 14.0, 24.0, 24.0], "outside": True,
                             "attributes": [{"spec_id": self.attr["parked"], "value": "false"}]},
                        ]}],
        }
        if not tracks:
            data["tracks"] = []
        return data

    def put(self, data: dict[str, Any]) -> None:
        response = self.user.client.put(f"{self.url}/annotations", json=data)
        assert response.status_code == 200, response.text

    def annotations(self) -> dict[str, Any]:
        return self.user.get(f"{self.url}/annotations").json()

    def export(self, fmt: str, *, save_images: bool = False, url: str | None = None, **params: str) -> tuple[dict[str, Any], bytes, str]:
        query = {"format": fmt, "save_images": str(save_images), **params}
        response = self.user.post(f"{url or self.url}/dataset/export", params=query)
        assert response.status_code == 202, response.text
        request = wait_request(self.user, response.json()["rq_id"])
        assert request["status"] == "finished", request
        parts = urlsplit(request["result_url"])
        assert parts.scheme == "http" and parts.netloc, request["result_url"]
        download = self.user.get(f"{parts.path}?{parts.query}")
        assert download.status_code == 200, download.text
        disposition = download.headers["content-disposition"]
        return request, download.content, disposition

    def import_file(self, fmt: str, data: bytes, name: str = "annotations.zip", url: str | None = None,
                    **params: str) -> dict[str, Any]:
        target = url or f"{self.url}/annotations"
        response = self.user.post(target, params={"format": fmt, **params}, files={"annotation_file": (name, data)})
        assert response.status_code == 202, response.text
        return wait_request(self.user, response.json()["rq_id"])


@pytest.fixture
def world(factory: Factory) -> World:
    return World(factory)


def comparable(data: dict[str, Any]) -> dict[str, Any]:
    """Annotations without ids and ordering noise, for before/after comparisons."""

    def clean(obj: Any) -> Any:
        if isinstance(obj, dict):
            return {k: clean(v) for k, v in sorted(obj.items()) if k not in ("id", "version", "source")}
        if isinstance(obj, list):
            cleaned = [clean(v) for v in obj]
            return sorted(cleaned, key=repr) if cleaned and isinstance(cleaned[0], dict) else cleaned
        if isinstance(obj, float):
            return round(obj, 2)
        return obj

    return clean({k: data[k] for k in ("tags", "shapes", "tracks")})


def test_the_formats_endpoint_lists_the_issue_formats(world: World) -> None:
    body = world.user.get("/api/server/annotation/formats").json()
    exporters = {f["name"]: f for f in body["exporters"]}
    importers = {f["name"]: f for f in body["importers"]}
    for name in ("CVAT for images 1.1", "CVAT for video 1.1", "COCO 1.0", "COCO Keypoints 1.0", "Datumaro 1.0",
                 "PASCAL VOC 1.1", "Segmentation mask 1.1", "YOLO 1.1", "MOT 1.1",
                 "Ultralytics YOLO Detection 1.0", "Ultralytics YOLO Detection Track 1.0",
                 "Ultralytics YOLO Segmentation 1.0", "Ultralytics YOLO Pose 1.0",
                 "Ultralytics YOLO Oriented Bounding Boxes 1.0", "Ultralytics YOLO Classification 1.0"):
        assert name in exporters, name
        assert set(exporters[name]) == {"name", "ext", "version", "enabled", "dimension"}
    assert "CVAT 1.1" in importers and importers["CVAT 1.1"]["ext"] == "XML, ZIP"
    assert "Ultralytics YOLO Detection Track 1.0" not in importers
    assert importers["COCO 1.0"]["ext"] == "JSON, ZIP"


def test_export_runs_as_a_request_and_downloads_with_cvats_file_name(world: World) -> None:
    world.put(world.sample())
    request, data, disposition = world.export(CVAT_IMAGES)
    assert request["operation"]["type"] == "export:annotations"
    assert request["operation"]["format"] == CVAT_IMAGES
    name = re.search(r'filename="([^"]+)"', disposition)
    assert name is not None
    assert re.fullmatch(r"task_task \d+_annotations_\d{4}(_\d\d){5}_cvat for images 1\.1\.zip", name.group(1)), name.group(1)
    names = zipfile.ZipFile(io.BytesIO(data)).namelist()
    assert names == ["annotations.xml"]


def test_save_images_copies_the_uploaded_bytes(world: World) -> None:
    request, data, _ = world.export(CVAT_IMAGES, save_images=True)
    assert request["operation"]["type"] == "export:dataset"
    archive = zipfile.ZipFile(io.BytesIO(data))
    for name, original in IMAGES.items():
        assert archive.read(f"images/{name}") == original


def test_a_custom_filename_is_used_for_the_download(world: World) -> None:
    _, _, disposition = world.export("COCO 1.0", filename="my export.zip")
    assert 'filename="my export.zip"' in disposition


PLAIN_DISPOSITION = re.compile(r'attachment; filename="[A-Za-z0-9_\-. ]{1,251}\.zip"')


@pytest.mark.parametrize(("filename", "size"), [("a" * 256, 256), ("a" * 5000, 5000), ("é" * 128, 256)])
@pytest.mark.parametrize("kind", ["tasks", "jobs", "projects"])
def test_an_export_filename_over_255_bytes_is_refused_naming_the_limit(
    world: World, kind: str, filename: str, size: int
) -> None:
    if kind == "jobs":
        job = world.user.get("/api/jobs", params={"task_id": world.task["id"]}).json()["results"][0]
        url = f"/api/jobs/{job['id']}"
    elif kind == "projects":
        url = f"/api/projects/{world.factory.project(world.user)['id']}"
    else:
        url = world.url
    response = world.user.post(f"{url}/dataset/export", params={"format": "COCO 1.0", "filename": filename})
    assert response.status_code == 400, response.text
    assert response.json() == {"filename": [f"Ensure this file name has at most 255 bytes in UTF-8 (it has {size})."]}
    exports = world.user.get("/api/requests", params={"action": "export"}).json()
    assert exports["count"] == 0


def test_an_export_filename_of_255_bytes_downloads_under_a_name_of_255(world: World) -> None:
    _, _, disposition = world.export("COCO 1.0", filename="a" * 255)
    assert disposition == f'attachment; filename="{"a" * 251}.zip"'


def test_the_download_header_stays_plain_whatever_the_filename_holds(world: World) -> None:
    _, _, disposition = world.export("COCO 1.0", filename='re"port\r\nSet-Cookie: x=1;\\..\\é/../"q".zip')
    assert disposition == 'attachment; filename="_q_.zip"'
    _, _, disposition = world.export("COCO 1.0", filename='a"b;c\\d é.zip')
    assert PLAIN_DISPOSITION.fullmatch(disposition) and disposition == 'attachment; filename="a_b_c_d _.zip"'


def test_a_stored_download_name_of_any_length_is_bounded_in_the_header(world: World) -> None:
    """Exports requested before the limit kept their `filename`, however long; the header is bounded anyway."""
    from contour.db import transaction
    from contour.resources.requests.models import BackgroundRequest

    request, _, _ = world.export("COCO 1.0")
    with transaction() as db:
        row = db.get(BackgroundRequest, request["id"])
        assert row is not None
        row.params = {**row.params, "download_name": 'x"\r\n' * 2000 + ".zip"}
    parts = urlsplit(request["result_url"])
    disposition = world.user.get(f"{parts.path}?{parts.query}").headers["content-disposition"]
    assert PLAIN_DISPOSITION.fullmatch(disposition) and len(disposition) == len('attachment; filename=""') + 255


def test_import_replaces_the_annotations_with_the_exported_ones(world: World) -> None:
    world.put(world.sample(tracks=False))
    before = world.annotations()
    _, data, _ = world.export(CVAT_IMAGES)
    world.put({"shapes": [{"type": "rectangle", "frame": 2, "label_id": world.label["person"]["id"],
                           "points": [0.0, 0.0, 5.0, 5.0]}]})
    request = world.import_file(CVAT_IMPORT, data)
    assert request["status"] == "finished", request
    assert request["operation"]["type"] == "import:annotations"
    assert comparable(world.annotations()) == comparable(before)


def test_tracks_survive_a_cvat_for_video_round_trip(world: World) -> None:
    world.put(world.sample())
    _, data, _ = world.export("CVAT for video 1.1")
    world.user.client.delete(f"{world.url}/annotations")
    request = world.import_file(CVAT_IMPORT, data)
    assert request["status"] == "finished", request
    tracks = [t for t in world.annotations()["tracks"] if {a["value"] for a in t["attributes"]} == {"sedan"}]
    assert len(tracks) == 1
    visible = [(s["frame"], s["outside"]) for s in tracks[0]["shapes"]]
    assert visible[0] == (0, False) and visible[-1] == (2, True)
    # Plain shapes come back as tracks too (CVAT for video holds nothing else).
    assert len(world.annotations()["tracks"]) == 1 + len(world.sample()["shapes"])


def test_import_mode_append_keeps_what_is_there(world: World) -> None:
    world.put(world.sample(tracks=False))
    _, data, _ = world.export(CVAT_IMAGES)
    request = world.import_file(CVAT_IMPORT, data, import_mode="append")
    assert request["status"] == "finished", request
    assert len(world.annotations()["shapes"]) == 2 * len(world.sample()["shapes"])


def test_a_job_exports_and_imports_only_its_frames(world: World) -> None:
    world.put(world.sample())
    jobs = world.user.get(f"/api/jobs?task_id={world.task['id']}&sort=id").json()["results"]
    second = jobs[1]  # frames 2..3
    _, data, _ = world.export(CVAT_IMAGES, url=f"/api/jobs/{second['id']}")
    xml = zipfile.ZipFile(io.BytesIO(data)).read("annotations.xml").decode()
    assert "<job>" in xml and 'name="img0.jpg"' not in xml and 'name="img3.jpg"' in xml
    world.user.client.delete(f"{world.url}/annotations")
    request = world.import_file(CVAT_IMPORT, data, url=f"/api/jobs/{second['id']}/annotations")
    assert request["status"] == "finished", request
    frames = sorted(s["frame"] for s in world.annotations()["shapes"])
    assert frames == [3]


def test_unknown_formats_are_400s(world: World) -> None:
    response = world.user.post(f"{world.url}/dataset/export", params={"format": "Nope 9.9"})
    assert response.status_code == 400
    assert "Nope 9.9" in response.text
    response = world.user.post(f"{world.url}/annotations", params={"format": "Nope 9.9"},
                               files={"annotation_file": ("a.zip", b"x")})
    assert response.status_code == 400


def _deflated(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return buffer.getvalue()


@pytest.mark.parametrize(("case", "payload", "words"), [
    ("malformed xml", zip_of({"annotations.xml": b"<annotations><image id='0' name='img0.jpg'"}), "annotations.xml"),
    ("unknown label", zip_of({"annotations.xml": b"<annotations><version>1.1</version><image id='0' name='img0.jpg' "
                                                 b"width='64' height='48'><box label='tree' xtl='1' ytl='1' xbr='5' "
                                                 b"ybr='5' occluded='0'/></image></annotations>"}), "tree"),
    ("unmatched frame", zip_of({"annotations.xml": b"<annotations><version>1.1</version><image id='99' name='zzz.jpg' "
                                                   b"width='64' height='48'><box label='car' xtl='1' ytl='1' xbr='5' "
                                                   b"ybr='5' occluded='0'/></image></annotations>"}), "zzz"),
    ("broken archive", b"PK\x03\x04 not really a zip", "zip"),
    ("path traversal", zip_of({"../evil.xml": b"<annotations/>"}), "evil.xml"),
    ("zip bomb", _deflated({"annotations.xml": b"<annotations>" + b" " * (16 << 20) + b"</annotations>"}), "zip bomb"),
    ("xml entities", zip_of({"annotations.xml": b'<?xml version="1.0"?><!DOCTYPE a [<!ENTITY x "y">]>'
                                                b"<annotations>&x;</annotations>"}), "entit"),
])
def test_bad_imports_fail_with_a_message_and_keep_the_annotations(world: World, case: str, payload: bytes, words: str) -> None:
    world.put(world.sample())
    before = world.annotations()
    request = world.import_file(CVAT_IMPORT, payload)
    assert request["status"] == "failed", (case, request)
    assert words.lower() in request["message"].lower(), (case, request["message"])
    assert comparable(world.annotations()) == comparable(before)


def test_a_wrong_format_fails_without_touching_annotations(world: World) -> None:
    world.put(world.sample())
    before = world.annotations()
    _, coco, _ = world.export("COCO 1.0")
    request = world.import_file(CVAT_IMPORT, coco)
    assert request["status"] == "failed"
    assert comparable(world.annotations()) == comparable(before)


def test_project_dataset_import_creates_labels_and_a_task_per_subset(world: World) -> None:
    world.put(world.sample(tracks=False))
    _, data, _ = world.export(CVAT_IMAGES, save_images=True)
    project = world.user.post("/api/projects", json={"name": "imported"}).json()
    response = world.user.post(f"/api/projects/{project['id']}/dataset", params={"format": CVAT_IMPORT},
                               files={"dataset_file": ("dataset.zip", data)})
    assert response.status_code == 202, response.text
    request = wait_request(world.user, response.json()["rq_id"], timeout=120)
    assert request["status"] == "finished", request
    assert request["operation"]["type"] == "import:dataset"
    labels = {lb["name"] for lb in world.user.get(f"/api/labels?project_id={project['id']}").json()["results"]}
    assert {"car", "person", "weather"} <= labels
    tasks = world.user.get(f"/api/tasks?project_id={project['id']}").json()["results"]
    assert len(tasks) == 1 and tasks[0]["size"] == len(IMAGES)
    imported = world.user.get(f"/api/tasks/{tasks[0]['id']}/annotations").json()
    assert len(imported["shapes"]) == len(world.sample()["shapes"])
    assert len(imported["tags"]) == 1


def test_an_export_result_expires_and_its_file_is_removed(world: World) -> None:
    from contour.config import get_settings
    from contour.db import transaction, utcnow
    from contour.resources.requests.jobs import purge_expired_requests
    from contour.resources.requests.models import BackgroundRequest

    request, _, _ = world.export(CVAT_IMAGES)
    with transaction() as db:
        row = db.get(BackgroundRequest, request["id"])
        assert row is not None and row.result_file
        path = get_settings().data_dir / row.result_file
        row.expiry_date = utcnow()
    assert path.exists()
    purge_expired_requests.call_local()
    assert not path.exists()
    assert world.user.get(f"/api/requests/{request['id']}").status_code == 404


def test_a_project_export_with_subsets_imports_as_one_task_per_subset(world: World) -> None:
    project = world.factory.project(world.user, labels=[{"name": "car"}])
    for subset in ("train", "val"):
        task = task_with_files(world.factory, world.user, {f"{subset}{i}.jpg": image_bytes() for i in range(2)},
                               {"project_id": project["id"], "subset": subset})
        label = world.user.get(f"/api/labels?project_id={project['id']}").json()["results"][0]
        world.user.client.put(f"/api/tasks/{task['id']}/annotations", json={"shapes": [
            {"type": "rectangle", "frame": 1, "label_id": label["id"], "points": [1.0, 1.0, 9.0, 9.0]}]})
    _, data, _ = world.export("Datumaro 1.0", save_images=True, url=f"/api/projects/{project['id']}")
    target = world.user.post("/api/projects", json={"name": "copy"}).json()
    response = world.user.post(f"/api/projects/{target['id']}/dataset", params={"format": "Datumaro 1.0"},
                               files={"dataset_file": ("dataset.zip", data)})
    request = wait_request(world.user, response.json()["rq_id"], timeout=120)
    assert request["status"] == "finished", request
    tasks = world.user.get(f"/api/tasks?project_id={target['id']}&sort=name").json()["results"]
    assert [(t["name"], t["subset"], t["size"]) for t in tasks] == [("train", "train", 2), ("val", "val", 2)]
    for task in tasks:
        shapes = world.user.get(f"/api/tasks/{task['id']}/annotations").json()["shapes"]
        assert [(s["frame"], s["points"]) for s in shapes] == [(1, [1.0, 1.0, 9.0, 9.0])]


SAMPLES = Path(__file__).resolve().parents[3] / "shared" / "samples" / "formats"


def _zip_folder(folder: Path) -> bytes:
    return zip_of({str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()})


@pytest.mark.parametrize(("fmt", "folder", "expected"), [
    ("COCO 1.0", "coco_dataset/coco_instances", {"train": 1, "val": 2}),
    ("YOLO 1.1", "yolo_dataset/yolo", {"train": 2}),
    ("PASCAL VOC 1.1", "voc_dataset/voc_dataset1", {"test": 0, "train": 4}),
])
def test_real_sample_datasets_import_into_a_project(world: World, fmt: str, folder: str,
                                                    expected: dict[str, int]) -> None:
    project = world.user.post("/api/projects", json={"name": folder}).json()
    response = world.user.post(f"/api/projects/{project['id']}/dataset", params={"format": fmt},
                               files={"dataset_file": ("sample.zip", _zip_folder(SAMPLES / folder))})
    assert response.status_code == 202, response.text
    request = wait_request(world.user, response.json()["rq_id"], timeout=120)
    assert request["status"] == "finished", request
    tasks = world.user.get(f"/api/tasks?project_id={project['id']}").json()["results"]
    counts = {t["name"]: len(world.user.get(f"/api/tasks/{t['id']}/annotations").json()["shapes"]) for t in tasks}
    assert counts == expected


def test_a_video_task_exports_frames_named_by_video_number_and_imports_them_back(world: World, tmp_path: Path) -> None:
    from tests.media_factory import write_video

    video = write_video(tmp_path / "clip.mp4", frames=12).read_bytes()
    task = task_with_files(world.factory, world.user, {"clip.mp4": video}, {"labels": [{"name": "car"}]},
                           start_frame=2, frame_filter="step=2")
    assert task["size"] == 5
    label = world.user.get(f"/api/labels?task_id={task['id']}").json()["results"][0]["id"]
    track = {"frame": 0, "label_id": label, "shapes": [
        {"type": "rectangle", "frame": 0, "points": [1.0, 1.0, 9.0, 9.0]},
        {"type": "rectangle", "frame": 4, "points": [5.0, 5.0, 13.0, 13.0]}]}
    world.user.client.put(f"/api/tasks/{task['id']}/annotations", json={"tracks": [track]})
    _, data, _ = world.export("Datumaro 1.0", save_images=True, url=f"/api/tasks/{task['id']}")
    archive = zipfile.ZipFile(io.BytesIO(data))
    images = sorted(n for n in archive.namelist() if n.startswith("images/"))
    assert images == [f"images/default/frame_{n:06d}.PNG" for n in (2, 4, 6, 8, 10)]
    assert archive.read(images[0]).startswith(b"\x89PNG")
    world.user.client.delete(f"/api/tasks/{task['id']}/annotations")
    request = world.import_file("Datumaro 1.0", data, url=f"/api/tasks/{task['id']}/annotations")
    assert request["status"] == "finished", request
    tracks = world.user.get(f"/api/tasks/{task['id']}/annotations").json()["tracks"]
    assert len(tracks) == 1
    assert [s["frame"] for s in tracks[0]["shapes"] if not s["outside"]] == [0, 1, 2, 3, 4]
    assert tracks[0]["shapes"][2]["points"] == [3.0, 3.0, 11.0, 11.0]


# --- MOT: frames numbered as CVAT numbers them -------------------------------------------------------------------


def read_with_datumaro(data: bytes, folder: Path, fmt: str) -> Any:
    """The export unpacked under `folder` and read by Datumaro, the reference library CVAT uses."""
    import datumaro as dm

    zipfile.ZipFile(io.BytesIO(data)).extractall(folder)
    return dm.Dataset.import_from(str(folder), fmt)


def mot_summary(dataset: Any) -> tuple[dict[int, str], list[tuple[int, list[float], Any]]]:
    """Datumaro's MOT items: frame id -> image file, and (frame id, x/y/w/h, track id) of every box."""
    images = {int(item.id): Path(item.media.path).name for item in dataset if item.media is not None
              and item.media.has_data}
    boxes = sorted((int(item.id), [round(v, 1) for v in b.get_bbox()], b.attributes.get("track_id"))
                   for item in dataset for b in item.annotations)
    return images, boxes


def test_mot_numbers_a_video_tasks_frames_from_one_and_datumaro_reads_them(world: World, tmp_path: Path) -> None:
    from tests.media_factory import write_video

    video = write_video(tmp_path / "clip.mp4", frames=4).read_bytes()
    task = task_with_files(world.factory, world.user, {"clip.mp4": video}, {"labels": [{"name": "car"}]})
    label = world.user.get(f"/api/labels?task_id={task['id']}").json()["results"][0]["id"]
    world.user.client.put(f"/api/tasks/{task['id']}/annotations", json={
        "shapes": [{"type": "rectangle", "frame": 3, "label_id": label, "points": [1.0, 2.0, 11.0, 22.0]}],
        "tracks": [{"frame": 0, "label_id": label, "shapes": [
            {"type": "rectangle", "frame": 0, "points": [1.0, 1.0, 9.0, 9.0]},
            {"type": "rectangle", "frame": 2, "points": [5.0, 5.0, 13.0, 13.0], "outside": True}]}]})
    _, data, _ = world.export("MOT 1.1", save_images=True, url=f"/api/tasks/{task['id']}")
    images, boxes = mot_summary(read_with_datumaro(data, tmp_path / "mot", "mot_seq"))
    # Video frames (`frame_000000`) are numbered by position from 1, six digits (lossless PNG, as our other formats).
    assert images == {n: f"{n:06d}.PNG" for n in (1, 2, 3, 4)}
    assert boxes == [(1, [1.0, 1.0, 8.0, 8.0], 1), (2, [3.0, 3.0, 8.0, 8.0], 1), (4, [1.0, 2.0, 10.0, 20.0], None)]


def test_mot_numbers_an_image_tasks_frames_from_one_and_saves_the_uploaded_images(world: World, tmp_path: Path) -> None:
    world.put(world.sample())
    _, data, _ = world.export("MOT 1.1", save_images=True)
    archive = zipfile.ZipFile(io.BytesIO(data))
    for number, name in enumerate(IMAGES, start=1):
        assert archive.read(f"img1/{number:06d}.jpg") == IMAGES[name]
    images, boxes = mot_summary(read_with_datumaro(data, tmp_path / "mot", "mot_seq"))
    assert images == {n: f"{n:06d}.jpg" for n in (1, 2, 3, 4)}
    assert boxes == [(1, [1.0, 2.0, 29.0, 38.0], None), (1, [10.0, 10.0, 10.0, 10.0], 1),
                     (2, [12.0, 12.0, 10.0, 10.0], 1)]


def test_mot_numbers_a_later_jobs_frames_from_one_and_imports_them_back_into_the_job(world: World,
                                                                                     tmp_path: Path) -> None:
    car = world.label["car"]["id"]
    world.put({"shapes": [{"type": "rectangle", "frame": 3, "label_id": car, "points": [1.0, 2.0, 11.0, 22.0]}],
               "tracks": [{"frame": 2, "label_id": car, "shapes": [
                   {"type": "rectangle", "frame": 2, "points": [1.0, 1.0, 9.0, 9.0]},
                   {"type": "rectangle", "frame": 3, "points": [3.0, 3.0, 11.0, 11.0]}]}]})
    before = world.annotations()
    second = world.user.get(f"/api/jobs?task_id={world.task['id']}&sort=id").json()["results"][1]  # frames 2..3
    _, data, _ = world.export("MOT 1.1", save_images=True, url=f"/api/jobs/{second['id']}")
    archive = zipfile.ZipFile(io.BytesIO(data))
    assert archive.read("img1/000001.jpg") == IMAGES["img2.jpg"] and archive.read("img1/000002.jpg") == IMAGES["img3.jpg"]
    images, boxes = mot_summary(read_with_datumaro(data, tmp_path / "mot", "mot_seq"))
    assert images == {1: "000001.jpg", 2: "000002.jpg"}
    assert boxes == [(1, [1.0, 1.0, 8.0, 8.0], 1), (2, [1.0, 2.0, 10.0, 20.0], None), (2, [3.0, 3.0, 8.0, 8.0], 1)]
    world.user.client.delete(f"{world.url}/annotations")
    request = world.import_file("MOT 1.1", data, url=f"/api/jobs/{second['id']}/annotations")
    assert request["status"] == "finished", request
    after = world.annotations()
    assert [(s["frame"], s["points"]) for s in after["shapes"]] == [(3, [1.0, 2.0, 11.0, 22.0])]
    assert [[(s["frame"], s["points"]) for s in t["shapes"] if not s["outside"]] for t in after["tracks"]] == [
        [(s["frame"], s["points"]) for s in t["shapes"]] for t in before["tracks"]]


# --- projects: two tasks of one subset with the same file name ---------------------------------------------------

RED, BLUE = image_bytes(64, 48, (220, 20, 20)), image_bytes(64, 48, (20, 20, 220))
RED_BOX, BLUE_BOX = [2.0, 3.0, 20.0, 30.0], [30.0, 6.0, 60.0, 40.0]


@pytest.fixture
def twin_project(world: World) -> dict[str, Any]:
    """A project whose two `train` tasks both hold `a.jpg` (red, then blue), each with a box and a same-sized polygon."""
    project = world.factory.project(world.user, labels=[{"name": "car"}])
    car = world.user.get(f"/api/labels?project_id={project['id']}").json()["results"][0]["id"]
    for image, (x1, y1, x2, y2) in ((RED, RED_BOX), (BLUE, BLUE_BOX)):
        task = task_with_files(world.factory, world.user, {"a.jpg": image}, {"project_id": project["id"],
                                                                              "subset": "train"})
        response = world.user.client.put(f"/api/tasks/{task['id']}/annotations", json={"shapes": [
            {"type": "rectangle", "frame": 0, "label_id": car, "points": [x1, y1, x2, y2]},
            {"type": "polygon", "frame": 0, "label_id": car, "points": [x1, y1, x2, y1, x2, y2, x1, y2]}]})
        assert response.status_code == 200, response.text
    return project


@pytest.mark.parametrize(("fmt", "reader", "images"), [
    ("CVAT for images 1.1", "cvat", ["images/train/a.jpg", "images/train/a_1.jpg"]),
    ("COCO 1.0", "coco_instances", ["images/train/a.jpg", "images/train/a_1.jpg"]),
    ("Datumaro 1.0", "datumaro", ["images/train/a.jpg", "images/train/a_1.jpg"]),
    ("PASCAL VOC 1.1", "voc", ["JPEGImages/a.jpg", "JPEGImages/a_1.jpg"]),
    ("Segmentation mask 1.1", "voc_segmentation", ["JPEGImages/a.jpg", "JPEGImages/a_1.jpg"]),
    ("YOLO 1.1", "yolo", ["obj_train_data/a.jpg", "obj_train_data/a_1.jpg"]),
    ("Ultralytics YOLO Detection 1.0", "yolo", ["images/train/a.jpg", "images/train/a_1.jpg"]),
    ("MOT 1.1", "mot_seq", ["img1/000001.jpg", "img1/000002.jpg"]),
])
def test_a_project_export_renames_a_repeated_file_name_as_cvat_does(world: World, twin_project: dict[str, Any],
                                                                    tmp_path: Path, fmt: str, reader: str,
                                                                    images: list[str]) -> None:
    _, data, _ = world.export(fmt, save_images=True, url=f"/api/projects/{twin_project['id']}")
    archive = zipfile.ZipFile(io.BytesIO(data))
    # The first task's a.jpg keeps its name, the second's is a_1.jpg (MOT numbers frames instead).
    assert [archive.read(name) for name in images] == [RED, BLUE]
    dataset = read_with_datumaro(data, tmp_path / "export", reader)
    assert len(dataset) == 2
    expected = {RED: RED_BOX, BLUE: BLUE_BOX}
    for item in dataset:
        # Each item's annotations are its own task's: their extent is that task's box (masks: to a pixel).
        x1, y1, x2, y2 = expected[Path(item.media.path).read_bytes()]
        assert item.annotations, item.id
        for annotation in item.annotations:
            x, y, w, h = annotation.get_bbox()
            assert [x, y, x + w, y + h] == pytest.approx([x1, y1, x2, y2], abs=1.01), (item.id, annotation)


def test_a_projects_video_frames_are_numbered_on_through_the_subset(world: World, tmp_path: Path) -> None:
    from tests.media_factory import write_video

    project = world.factory.project(world.user, labels=[{"name": "car"}])
    video = write_video(tmp_path / "clip.mp4", frames=3).read_bytes()
    for _ in range(2):
        task_with_files(world.factory, world.user, {"clip.mp4": video}, {"project_id": project["id"], "subset": "train"})
    _, data, _ = world.export("Datumaro 1.0", save_images=True, url=f"/api/projects/{project['id']}")
    images = sorted(n for n in zipfile.ZipFile(io.BytesIO(data)).namelist() if n.startswith("images/"))
    # CVAT names a subset's video frames by one running number: the second task's start after the first's.
    assert images == [f"images/train/frame_{n:06d}.PNG" for n in range(6)]
    assert len(read_with_datumaro(data, tmp_path / "export", "datumaro")) == 6


def test_a_deleted_frame_keeps_its_project_name_taken(world: World) -> None:
    # CVAT names a project's images before leaving deleted frames out, so names do not shift when frames are deleted.
    project = world.factory.project(world.user, labels=[{"name": "car"}])
    first = task_with_files(world.factory, world.user, {"a.jpg": RED, "b.jpg": RED}, {"project_id": project["id"]})
    task_with_files(world.factory, world.user, {"a.jpg": BLUE}, {"project_id": project["id"]})
    world.user.patch(f"/api/tasks/{first['id']}/data/meta", json={"deleted_frames": [0]})
    _, data, _ = world.export("Datumaro 1.0", save_images=True, url=f"/api/projects/{project['id']}")
    archive = zipfile.ZipFile(io.BytesIO(data))
    assert sorted(n for n in archive.namelist() if n.startswith("images/")) == [
        "images/default/a_1.jpg", "images/default/b.jpg"]
    assert archive.read("images/default/a_1.jpg") == BLUE
