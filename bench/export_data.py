"""Data for bench/export.py: a big annotated task written straight into the database, the Datumaro
twin of its frames, and a CVAT for images 1.1 XML file of a chosen size. Not a script of its own.

At scale 1 the export task has 5,000 frames of 1920x1080 (rows in `task_media` / `media_frames`
only: annotation exports never open media) and 500,000 shapes once its tracks are expanded:

- per frame 50 boxes, 25 polygons (10-20 points) and 5 small masks (CVAT's RLE then left, top,
  right, bottom), i.e. 400,000 plain shapes;
- 1,000 rectangle tracks of 100 frames, a keyframe every 10 frames, which export as 100,000 shapes;
- every object has 3 attribute values (its label's immutable attributes), track keyframes one
  mutable value more.

Users, tasks and labels are made through the services, jobs through `do_split_into_jobs` (as the
data pipeline does), plain shapes by chunked Core inserts, tracks through `store.insert_annotations`
(cut per job by the app's own slicing when the task has several jobs).
"""

from __future__ import annotations

import math
import random
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

WIDTH, HEIGHT = 1920, 1080
FRAMES = 5000  # at scale 1
TRACKS = 1000  # at scale 1
TRACK_LENGTH = 100  # frames a track shows on
KEY_STEP = 10
BOXES, POLYGONS, MASKS = 50, 25, 5  # plain shapes per frame
XML_BOXES, XML_POLYGONS = 60, 40  # objects per image of the generated XML
INSERT_CHUNK = 20_000
PASSWORD = "bench-password-123"

# (name, [(attribute, input_type, mutable, values)]); the first three attributes are immutable
# and every object carries a value for each of them.
LABELS: list[tuple[str, list[tuple[str, str, bool, list[str]]]]] = [
    ("car", [("color", "select", False, ["red", "blue", "green", "black", "white"]),
             ("model", "text", False, [""]),
             ("parked", "checkbox", False, ["false"]),
             ("moving", "checkbox", True, ["false"])]),
    ("person", [("pose", "select", False, ["standing", "sitting", "walking", "lying"]),
                ("age", "number", False, ["0", "100", "1"]),
                ("note", "text", False, [""])]),
    ("sign", [("kind", "select", False, ["stop", "yield", "speed", "parking"]),
              ("text", "text", False, [""]),
              ("lit", "checkbox", False, ["false"])]),
    ("road", [("surface", "select", False, ["asphalt", "gravel", "dirt"]),
              ("wet", "checkbox", False, ["false"]),
              ("lanes", "number", False, ["1", "8", "1"])]),
]
BOX_LABELS = ("car", "person", "sign")
POLYGON_LABELS = ("car", "person", "road")
MASK_LABELS = ("road",)
LABEL_ATTRS = dict(LABELS)


def frames_at(scale: float) -> int:
    return max(1, round(FRAMES * scale))


def tracks_at(scale: float) -> int:
    return round(TRACKS * scale)


@dataclass(frozen=True)
class Counts:
    frames: int
    boxes: int
    polygons: int
    masks: int
    tracks: int
    track_shapes: int  # what the tracks expand to

    @property
    def shapes(self) -> int:
        return self.boxes + self.polygons + self.masks + self.track_shapes

    def describe(self) -> str:
        return (f"{self.frames:,} frames, {self.shapes:,} shapes ({self.boxes:,} boxes, {self.polygons:,} polygons, "
                f"{self.masks:,} masks, {self.tracks:,} tracks -> {self.track_shapes:,} shapes)")


def expected_counts(scale: float) -> Counts:
    frames, tracks = frames_at(scale), tracks_at(scale)
    return Counts(frames, frames * BOXES, frames * POLYGONS, frames * MASKS, tracks,
                  tracks * min(TRACK_LENGTH, frames))


# --------------------------------------------------------------------------- values


def attribute_value(rng: random.Random, input_type: str, values: list[str]) -> str:
    if input_type == "select":
        return rng.choice(values)
    if input_type == "checkbox":
        return rng.choice(("true", "false"))
    if input_type == "number":
        low, high = int(values[0]), int(values[1])
        return str(rng.randint(low, high))
    return f"t{rng.randrange(10_000)}"


def _box(rng: random.Random) -> list[float]:
    w, h = rng.uniform(8, 300), rng.uniform(8, 300)
    x, y = rng.uniform(0, WIDTH - w), rng.uniform(0, HEIGHT - h)
    return [round(x, 2), round(y, 2), round(x + w, 2), round(y + h, 2)]


def _polygon(rng: random.Random) -> list[float]:
    n = rng.randint(10, 20)
    radius = rng.uniform(10, 150)
    cx, cy = rng.uniform(radius, WIDTH - radius), rng.uniform(radius, HEIGHT - radius)
    points = []
    for i in range(n):
        angle = 2 * math.pi * i / n
        r = radius * rng.uniform(0.6, 1.0)
        points += [round(cx + r * math.cos(angle), 2), round(cy + r * math.sin(angle), 2)]
    return points


def rle_counts(bitmap: np.ndarray) -> list[int]:
    """Row-major run lengths of a 2-D bool array, starting with a background run (maybe 0)."""
    flat = bitmap.reshape(-1)
    change = np.flatnonzero(flat[1:] != flat[:-1]) + 1
    runs = np.diff(np.concatenate(([0], change, [flat.size]))).tolist()
    return [0, *runs] if flat[0] else runs


def _mask_pool(rng: random.Random, size: int = 64) -> list[tuple[list[int], int, int]]:
    """Small elliptic blobs with a ragged edge: (CVAT RLE counts, width, height)."""
    pool = []
    for _ in range(size):
        w, h = rng.randint(8, 48), rng.randint(8, 48)
        ys, xs = np.mgrid[0:h, 0:w]
        noise = np.asarray([rng.uniform(0.8, 1.0) for _ in range(h * w)]).reshape(h, w)
        inside = ((xs + 0.5 - w / 2) / (w / 2)) ** 2 + ((ys + 0.5 - h / 2) / (h / 2)) ** 2 <= noise
        inside[h // 2, :] = True  # touches the left and right edges: the box is tight
        inside[:, w // 2] = True
        pool.append((rle_counts(inside), w, h))
    return pool


def _mask(rng: random.Random, pool: list[tuple[list[int], int, int]]) -> list[float]:
    counts, w, h = rng.choice(pool)
    left, top = rng.randrange(WIDTH - w), rng.randrange(HEIGHT - h)
    return [*map(float, counts), float(left), float(top), float(left + w - 1), float(top + h - 1)]


# --------------------------------------------------------------------------- the database


@dataclass
class LabelIds:
    labels: dict[str, int]
    attrs: dict[tuple[str, str], int]

    def immutable_values(self, rng: random.Random, label: str) -> list[list[object]]:
        spec = LABEL_ATTRS[label]
        return [[self.attrs[(label, a)], attribute_value(rng, kind, values)]
                for a, kind, mutable, values in spec if not mutable]


def ensure_user(db: Any) -> int:
    from sqlalchemy import select

    from contour.resources.accounts.models import User
    from contour.resources.accounts.service import do_create_user

    found = db.scalar(select(User.id).where(User.username == "bench"))
    if found is not None:
        return int(found)
    return int(do_create_user(db, "bench", PASSWORD).id)


def create_task(name: str, frames: int, segment_size: int, frame_name: str = "frame_{:06d}.jpg") -> tuple[int, LabelIds]:
    """A task with LABELS and `frames` 1920x1080 image frames (database rows only), split into jobs."""
    from sqlalchemy import insert, select

    from contour.core.segments import split_into_segments
    from contour.db import transaction
    from contour.resources.accounts.models import User
    from contour.resources.common.actor import Actor, OrgScope
    from contour.resources.data.models import MediaFrame, TaskMedia
    from contour.resources.jobs.service import do_split_into_jobs
    from contour.resources.labels.models import Label
    from contour.resources.tasks.schemas import TaskWriteRequest
    from contour.resources.tasks.service import do_create_task

    with transaction() as db:
        user = db.get(User, ensure_user(db))
        assert user is not None
        request = TaskWriteRequest.model_validate({
            "name": name, "segment_size": segment_size,
            "labels": [{"name": label, "attributes": [
                {"name": a, "input_type": kind, "mutable": mutable, "values": values} for a, kind, mutable, values in attrs
            ]} for label, attrs in LABELS],
        })
        task = do_create_task(db, Actor(user), OrgScope("sandbox"), request)
        task_id = task.id
        db.add(TaskMedia(task_id=task_id, kind="images", storage="local", storage_method="cache", start_frame=0,
                         stop_frame=frames - 1, sorting_method="predefined", deleted_frames=[],
                         root=f"/nonexistent/bench-media/{task_id}"))
        db.flush()
        db.execute(insert(MediaFrame), [{"task_id": task_id, "frame": i, "path": frame_name.format(i), "width": WIDTH,
                                         "height": HEIGHT, "related_files": []} for i in range(frames)])
        task.size = frames
        task.mode = "annotation"
        task.overlap = 0
        do_split_into_jobs(db, task, split_into_segments(frames, segment_size, 0))
        labels = list(db.scalars(select(Label).where(Label.task_id == task_id)))
        ids = LabelIds({label.name: label.id for label in labels},
                       {(label.name, a.name): a.id for label in labels for a in label.attributes})
    return task_id, ids


def _job_ranges(task_id: int) -> list[tuple[int, int, int]]:
    from contour.db import transaction
    from contour.resources.annotations.service import annotation_jobs
    from contour.resources.tasks.models import Task

    with transaction() as db:
        task = db.get(Task, task_id)
        assert task is not None
        return [(j.id, j.segment.start_frame, j.segment.stop_frame) for j in annotation_jobs(db, task)]


def _shape_row(job_id: int, shape_type: str, frame: int, label: str, ids: LabelIds, rng: random.Random,
               points: list[float]) -> dict[str, Any]:
    return {"job_id": job_id, "parent_id": None, "type": shape_type, "frame": frame, "label_id": ids.labels[label],
            "group": 0, "source": "manual", "occluded": rng.random() < 0.1, "outside": False,
            "z_order": rng.randint(0, 3), "rotation": 0.0, "score": 1.0, "points": points,
            "attributes": ids.immutable_values(rng, label)}


def plain_shapes(frames: int, ids: LabelIds, jobs: list[tuple[int, int, int]], rng: random.Random) -> Iterator[dict[str, Any]]:
    pool = _mask_pool(rng)
    for job_id, start, stop in jobs:
        for frame in range(start, min(stop, frames - 1) + 1):
            for i in range(BOXES):
                yield _shape_row(job_id, "rectangle", frame, BOX_LABELS[i % len(BOX_LABELS)], ids, rng, _box(rng))
            for i in range(POLYGONS):
                yield _shape_row(job_id, "polygon", frame, POLYGON_LABELS[i % len(POLYGON_LABELS)], ids, rng,
                                 _polygon(rng))
            for i in range(MASKS):
                yield _shape_row(job_id, "mask", frame, MASK_LABELS[i % len(MASK_LABELS)], ids, rng, _mask(rng, pool))


def track_bodies(frames: int, count: int, ids: LabelIds, rng: random.Random) -> list[dict[str, Any]]:
    """LabeledData tracks: `count` rectangle tracks of TRACK_LENGTH frames, a keyframe every KEY_STEP
    frames, closed by an outside keyframe when the task goes on after them."""
    length = min(TRACK_LENGTH, frames)
    moving = ids.attrs[("car", "moving")]
    tracks = []
    for _ in range(count):
        start = rng.randrange(frames - length + 1)
        x, y = rng.uniform(0, WIDTH - 300), rng.uniform(0, HEIGHT - 200)
        w, h = rng.uniform(40, 200), rng.uniform(30, 150)
        keyframes = []
        for frame in range(start, start + length, KEY_STEP):
            x, y = min(max(0.0, x + rng.uniform(-20, 20)), WIDTH - w), min(max(0.0, y + rng.uniform(-10, 10)), HEIGHT - h)
            keyframes.append({"type": "rectangle", "frame": frame, "occluded": False, "outside": False, "z_order": 0,
                              "rotation": 0.0, "points": [round(x, 2), round(y, 2), round(x + w, 2), round(y + h, 2)],
                              "attributes": [{"spec_id": moving, "value": rng.choice(("true", "false"))}]})
        if start + length < frames:
            keyframes.append(dict(keyframes[-1], frame=start + length, outside=True))
        tracks.append({"frame": start, "label_id": ids.labels["car"], "group": 0, "source": "manual",
                       "shapes": keyframes,
                       "attributes": [{"spec_id": s, "value": str(v)} for s, v in ids.immutable_values(rng, "car")]})
    return tracks


def fill_export_task(task_id: int, ids: LabelIds, scale: float, seed: int) -> Counts:
    """Write the plain shapes and tracks of `expected_counts(scale)` into the task's jobs."""
    from sqlalchemy import insert

    from contour.core.annotations.slicing import slice_annotations
    from contour.db import get_engine, transaction
    from contour.resources.annotations import store
    from contour.resources.annotations.convert import model_to_request, request_to_model
    from contour.resources.annotations.models import AnnotationShape
    from contour.resources.annotations.schemas import LABELED_DATA

    counts = expected_counts(scale)
    rng = random.Random(seed)
    jobs = _job_ranges(task_id)
    table = AnnotationShape.__table__
    with get_engine().begin() as conn:
        chunk: list[dict[str, Any]] = []
        for row in plain_shapes(counts.frames, ids, jobs, rng):
            chunk.append(row)
            if len(chunk) >= INSERT_CHUNK:
                conn.execute(insert(table), chunk)
                chunk = []
        if chunk:
            conn.execute(insert(table), chunk)
    data = LABELED_DATA.validate_python({"tags": [], "shapes": [],
                                         "tracks": track_bodies(counts.frames, counts.tracks, ids, rng)})
    with transaction() as db:
        if len(jobs) == 1:
            store.insert_annotations(db, jobs[0][0], data)
        else:
            model = request_to_model(data)
            for job_id, start, stop in jobs:
                store.insert_annotations(db, job_id, model_to_request(slice_annotations(model, start, stop)))
    return counts


# --------------------------------------------------------------------------- the XML file to import


def _xml_escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def _xml_meta(images: str) -> str:
    labels = []
    for name, attrs in LABELS:
        attr_xml = "".join(
            f"\n          <attribute>\n            <name>{a}</name>\n            <mutable>{mutable}</mutable>"
            f"\n            <input_type>{kind}</input_type>\n            <default_value>{_xml_escape(values[0])}"
            f"</default_value>\n            <values>{_xml_escape(chr(10).join(values))}</values>\n          </attribute>"
            for a, kind, mutable, values in attrs)
        labels.append(f"\n      <label>\n        <name>{name}</name>\n        <color>#33ddff</color>\n        <type>any</type>"
                      f"\n        <attributes>{attr_xml}\n        </attributes>\n      </label>")
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n<annotations>\n  <version>1.1</version>\n  <meta>\n    <task>\n'
        f"      <id>1</id>\n      <name>bench import</name>\n      <size>{images}</size>\n      <mode>annotation</mode>\n"
        "      <overlap>0</overlap>\n      <bugtracker></bugtracker>\n      <created>2024-01-01 00:00:00.000000+00:00</created>\n"
        "      <updated>2024-01-01 00:00:00.000000+00:00</updated>\n      <subset>default</subset>\n"
        f"      <start_frame>0</start_frame>\n      <stop_frame>{images}</stop_frame>\n      <frame_filter></frame_filter>\n"
        f"      <labels>{''.join(labels)}\n      </labels>\n    </task>\n"
        "    <dumped>2024-01-01 00:00:00.000000+00:00</dumped>\n  </meta>\n"
    )


def _xml_attributes(rng: random.Random, label: str) -> str:
    return "".join(f'\n      <attribute name="{a}">{_xml_escape(attribute_value(rng, kind, values))}</attribute>'
                   for a, kind, mutable, values in LABEL_ATTRS[label] if not mutable)


@dataclass(frozen=True)
class XmlFile:
    path: Path
    images: int
    objects: int
    bytes: int


IMPORT_FRAME_NAME = "img_{:06d}.jpg"


def write_cvat_xml(path: Path, target_bytes: int, seed: int) -> XmlFile:
    """CVAT for images 1.1 annotations: images of XML_BOXES boxes and XML_POLYGONS polygons, each with
    its label's 3 immutable attributes, until the file reaches `target_bytes`. The <size> of <meta> is
    a placeholder (importers match images by name)."""
    rng = random.Random(seed)
    images = objects = 0
    with path.open("w", encoding="utf-8", newline="\n") as out:
        out.write(_xml_meta("0"))
        while out.tell() < target_bytes:
            parts = [f'  <image id="{images}" name="{IMPORT_FRAME_NAME.format(images)}" width="{WIDTH}" height="{HEIGHT}">']
            for i in range(XML_BOXES):
                label = BOX_LABELS[i % len(BOX_LABELS)]
                x0, y0, x1, y1 = _box(rng)
                parts.append(f'\n    <box label="{label}" source="manual" occluded="{int(rng.random() < 0.1)}" '
                             f'xtl="{x0:.2f}" ytl="{y0:.2f}" xbr="{x1:.2f}" ybr="{y1:.2f}" z_order="{rng.randint(0, 3)}">'
                             f"{_xml_attributes(rng, label)}\n    </box>")
            for i in range(XML_POLYGONS):
                label = POLYGON_LABELS[i % len(POLYGON_LABELS)]
                flat = _polygon(rng)
                points = ";".join(f"{flat[j]:.2f},{flat[j + 1]:.2f}" for j in range(0, len(flat), 2))
                parts.append(f'\n    <polygon label="{label}" source="manual" occluded="{int(rng.random() < 0.1)}" '
                             f'points="{points}" z_order="{rng.randint(0, 3)}">{_xml_attributes(rng, label)}\n    </polygon>')
            parts.append("\n  </image>\n")
            out.write("".join(parts))
            images += 1
            objects += XML_BOXES + XML_POLYGONS
        out.write("</annotations>\n")
    return XmlFile(path, images, objects, path.stat().st_size)


# --------------------------------------------------------------------------- the Datumaro twin


def coco_rle_of_cvat_mask(points: list[float], width: int, height: int) -> dict[str, Any]:
    """Uncompressed COCO RLE (column-major over the whole frame) of a CVAT mask."""
    *runs, left, top, right, bottom = (int(v) for v in points)
    w, h = right - left + 1, bottom - top + 1
    local = np.repeat(np.arange(len(runs)) % 2 == 1, runs)[: w * h].reshape(h, w)
    cols, rows = np.nonzero(local.T)
    index = (cols + left).astype(np.int64) * height + rows + top
    if not index.size:
        return {"counts": [width * height], "size": [height, width]}
    breaks = np.flatnonzero(np.diff(index) != 1)
    starts = np.concatenate(([index[0]], index[breaks + 1]))
    ends = np.concatenate((index[breaks] + 1, [index[-1] + 1]))
    counts: list[int] = []
    position = 0
    for s, e in zip(starts.tolist(), ends.tolist(), strict=True):
        counts += [s - position, e - s]
        position = e
    counts.append(width * height - position)
    return {"counts": counts, "size": [height, width]}


def datumaro_dataset(frames: Iterable[Any], labels: Iterable[Any], limit: int | None = None) -> tuple[Any, int, int]:
    """A Datumaro dataset (in memory) of contour export frames: (dataset, items, annotations).
    `limit`: only the first so many frames."""
    import datumaro as dm
    from pycocotools import mask as mask_utils

    label_list = list(labels)
    names = [label.name for label in label_list]
    index = {name: i for i, name in enumerate(names)}
    categories = dm.LabelCategories()
    for label in label_list:
        categories.add(label.name, attributes={a.name for a in label.attributes} | {"occluded"})
    items = []
    annotations = 0
    for count, frame in enumerate(frames):
        if limit is not None and count >= limit:
            break
        anns: list[Any] = []
        for shape in frame.shapes:
            common = {"label": index[shape.label], "z_order": shape.z_order, "group": shape.group,
                      "attributes": {**shape.attributes, "occluded": shape.occluded}}
            p = shape.points
            if shape.type == "rectangle":
                anns.append(dm.Bbox(p[0], p[1], p[2] - p[0], p[3] - p[1], **common))
            elif shape.type == "polygon":
                anns.append(dm.Polygon(list(p), **common))
            elif shape.type == "polyline":
                anns.append(dm.PolyLine(list(p), **common))
            elif shape.type == "points":
                anns.append(dm.Points(list(p), **common))
            elif shape.type == "mask":
                rle = mask_utils.frPyObjects(coco_rle_of_cvat_mask(p, frame.width, frame.height), frame.height,
                                             frame.width)
                anns.append(dm.RleMask(rle=rle, **common))
        annotations += len(anns)
        items.append(dm.DatasetItem(id=frame.stem, subset="default", annotations=anns,
                                    media=dm.Image.from_file(path=frame.name, size=(frame.height, frame.width)),
                                    attributes={"frame": frame.index}))
    dataset = dm.Dataset.from_iterable(items, categories={dm.AnnotationType.label: categories})
    return dataset, len(items), annotations
