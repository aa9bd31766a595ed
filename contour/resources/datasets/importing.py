"""Applying an imported dataset to a task or job: names to ids, items to frames, shapes to tracks.

Objects are validated and written in batches inside the caller's transaction, so a dataset of
any size streams through, and any error (an unknown label, a bad value, unmatched frames) rolls
the whole import back: the task keeps the annotations it had.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from contour.core.annotations.slicing import slice_annotations
from contour.core.masks import bitmap_to_polygons, cvat_mask_to_bitmap
from contour.db import utcnow
from contour.errors import ValidationError
from contour.formats import model as fm
from contour.formats.errors import DatasetError
from contour.formats.matching import FrameMatcher
from contour.formats.tracks import close_gaps, tracks_from_shapes
from contour.resources.annotations import store
from contour.resources.annotations.convert import model_to_request, request_to_model
from contour.resources.annotations.schemas import LABELED_DATA, LabeledDataIn
from contour.resources.annotations.service import annotation_jobs, lock_job
from contour.resources.annotations.validation import FrameBounds, check_labeled_data, label_rules
from contour.resources.data.models import MediaFrame, TaskMedia
from contour.resources.datasets.labels import LabelEntry, LabelIndex
from contour.resources.datasets.source import video_frame_name, video_frame_size
from contour.resources.jobs.models import Job
from contour.resources.tasks.models import Task
from contour.resources.tasks.service import task_labels

BATCH_OBJECTS = 5000
Json = dict[str, Any]


@dataclass
class ImportReport:
    items: int = 0
    matched: int = 0
    shapes: int = 0
    tags: int = 0
    tracks: int = 0
    skipped_outside_job: int = 0
    unmatched: list[str] = field(default_factory=list)


def task_frame_names(db: Session, task: Task) -> list[str]:
    media = db.get(TaskMedia, task.id)
    if media is None or not task.size:
        return []
    if media.kind == "video":
        return [video_frame_name(media, i) for i in range(task.size)]
    rows = db.execute(select(MediaFrame.frame, MediaFrame.path).where(MediaFrame.task_id == task.id).order_by(MediaFrame.frame))
    return [path for _, path in rows]


def frame_sizes(db: Session, task: Task) -> dict[int, tuple[int, int]]:
    media = db.get(TaskMedia, task.id)
    if media is None:
        return {}
    if media.kind == "video":
        return dict.fromkeys(range(task.size or 0), video_frame_size(media))
    rows = db.execute(select(MediaFrame.frame, MediaFrame.width, MediaFrame.height).where(MediaFrame.task_id == task.id))
    return {f: (w, h) for f, w, h in rows}


class _Converter:
    """Codec objects (names) to LabeledData dicts (ids) for one label set."""

    def __init__(self, index: LabelIndex, conv_mask_to_poly: bool) -> None:
        self.index = index
        self.conv_mask_to_poly = conv_mask_to_poly

    def label(self, name: str, where: str, parent: LabelEntry | None = None) -> LabelEntry:
        table = parent.sublabels if parent is not None else self.index.by_name
        entry = table.get(name)
        if entry is None:
            owner = f" of skeleton '{parent.name}'" if parent is not None else ""
            known = ", ".join(sorted(table)) or "none"
            raise DatasetError(f"{where}: label '{name}'{owner} is not among the task's labels ({known}).")
        return entry

    @staticmethod
    def attributes(entry: LabelEntry, values: dict[str, str], mutable: bool | None = None) -> list[Json]:
        result = []
        for name, value in values.items():
            spec = entry.attributes.get(name)
            if spec is not None and (mutable is None or spec[1] == mutable):
                result.append({"spec_id": spec[0], "value": str(value)})
        return result

    def shapes(self, shape: fm.Shape, frame: int, where: str, scale: tuple[float, float] | None) -> list[Json]:
        entry = self.label(shape.label, where)
        points = _scaled(shape.points, scale) if scale else list(shape.points)
        base = {"frame": frame, "label_id": entry.id, "occluded": shape.occluded, "outside": False,
                "z_order": int(shape.z_order), "rotation": float(shape.rotation) % 360, "group": max(0, int(shape.group)),
                "source": shape.source or "file", "attributes": self.attributes(entry, shape.attributes),
                "score": min(1.0, max(0.0, float(shape.score)))}
        if shape.type == "mask" and self.conv_mask_to_poly:
            return [dict(base, type="polygon", points=polygon) for polygon in _mask_polygons(points, where)]
        elements = []
        for e in shape.elements:
            sublabel = self.label(e.label, where, entry)
            elements.append({**base, "type": e.type, "label_id": sublabel.id,
                             "points": _scaled(e.points, scale) if scale else list(e.points), "occluded": e.occluded,
                             "outside": e.outside, "rotation": 0.0, "attributes": self.attributes(sublabel, e.attributes)})
        return [dict(base, type=shape.type, points=points, elements=elements)]

    def tag(self, tag: fm.Tag, frame: int, where: str) -> Json:
        entry = self.label(tag.label, where)
        return {"frame": frame, "label_id": entry.id, "group": max(0, int(tag.group)), "source": tag.source or "file",
                "attributes": self.attributes(entry, tag.attributes)}

    def track(self, track: fm.Track, frame_of: Any, where: str, parent: LabelEntry | None = None) -> Json | None:
        entry = self.label(track.label, where, parent)
        shapes = []
        for s in sorted(track.shapes, key=lambda s: s.frame):
            frame = frame_of(s.frame)
            if frame is None:
                continue
            values = {**track.attributes, **s.attributes}
            shapes.append({"type": s.type, "frame": frame, "points": list(s.points), "occluded": s.occluded,
                           "outside": s.outside, "z_order": int(s.z_order), "rotation": float(s.rotation) % 360,
                           "attributes": self.attributes(entry, values, mutable=True)})
        if not shapes:
            return None
        values = dict(track.attributes)
        for s in track.shapes:
            for name, value in s.attributes.items():
                values.setdefault(name, value)
        elements = [self.track(e, frame_of, where, entry) for e in track.elements]
        return {"frame": shapes[0]["frame"], "label_id": entry.id, "group": max(0, int(track.group)),
                "source": track.source or "file", "attributes": self.attributes(entry, values, mutable=False),
                "shapes": shapes, "elements": [e for e in elements if e is not None]}


def _scaled(points: list[float], scale: tuple[float, float]) -> list[float]:
    width, height = scale
    return [value * (width if i % 2 == 0 else height) for i, value in enumerate(points)]


def _mask_polygons(points: list[float], where: str) -> list[list[float]]:
    try:
        bitmap, (left, top, _, _) = cvat_mask_to_bitmap(points)
    except ValueError as exc:
        raise DatasetError(f"{where}: the mask is not valid ({exc}).") from exc
    polygons = []
    for polygon in bitmap_to_polygons(bitmap):
        if len(polygon) >= 6:
            polygons.append([v + (left if i % 2 == 0 else top) for i, v in enumerate(polygon)])
    return polygons


class _JobWriter:
    """Sends validated batches to the jobs whose frames they touch."""

    def __init__(self, db: Session, task: Task, jobs: list[Job], bounds: FrameBounds) -> None:
        self.db = db
        self.jobs = jobs
        self.bounds = bounds
        self.rules = label_rules(task_labels(db, task))
        self.is_3d = task.dimension == "3d"

    def write(self, body: Json) -> None:
        try:
            data = LABELED_DATA.validate_python(body)
        except Exception as exc:  # pydantic's error names the field; keep it readable
            raise ValidationError(f"An imported object is not valid: {exc}") from exc
        check_labeled_data(data, self.rules, self.bounds, is_3d=self.is_3d)
        if len(self.jobs) == 1:
            store.insert_annotations(self.db, self.jobs[0].id, data)
            return
        if data.tracks:
            model = request_to_model(data)
            for job in self.jobs:
                part = slice_annotations(model, job.segment.start_frame, job.segment.stop_frame, is_3d=self.is_3d)
                store.insert_annotations(self.db, job.id, model_to_request(part))
            return
        for job in self.jobs:
            start, stop = job.segment.start_frame, job.segment.stop_frame
            part = LabeledDataIn(tags=[t for t in data.tags if start <= t.frame <= stop],
                                 shapes=[s for s in data.shapes if start <= s.frame <= stop])
            if part.tags or part.shapes:
                store.insert_annotations(self.db, job.id, part)


def do_import_annotations(
    db: Session, task: Task, dataset: fm.ImportedDataset, *, job: Job | None = None, replace: bool = True,
    conv_mask_to_poly: bool = True,
) -> ImportReport:
    """Write `dataset` into the task (or one of its jobs), replacing what is there unless `replace` is False."""
    jobs = [job] if job is not None else annotation_jobs(db, task)
    if not jobs:
        raise ValidationError("The task has no data (and so no jobs) yet.")
    for each in jobs:
        lock_job(db, each)
    if job is not None:
        segment = job.segment
        bounds = FrameBounds(segment.start_frame, segment.stop_frame,
                             set(segment.frames) if segment.frames is not None else None)
    else:
        bounds = FrameBounds(0, (task.size or 1) - 1)
    if replace:
        store.clear_jobs(db, [j.id for j in jobs])
    converter = _Converter(LabelIndex.of(task_labels(db, task)), conv_mask_to_poly)
    media = db.get(TaskMedia, task.id)
    matcher = FrameMatcher(task_frame_names(db, task), is_video=media is not None and media.kind == "video")
    sizes = frame_sizes(db, task)
    writer = _JobWriter(db, task, jobs, bounds)
    report = ImportReport()
    batch: Json = {"tags": [], "shapes": [], "tracks": []}
    tracked: list[tuple[int, fm.Shape]] = []
    pending = 0
    for item in dataset.items:
        report.items += 1
        where = _item_name(item)
        frame = matcher.match(item.name, item.frame)
        if frame is None:
            if item.shapes or item.tags:
                report.unmatched.append(where)
            continue
        if not bounds.contains(frame):
            report.skipped_outside_job += 1
            continue
        report.matched += 1
        scale = sizes.get(frame) if item.normalized else None
        for tag in item.tags:
            batch["tags"].append(converter.tag(tag, frame, where))
            report.tags += 1
        for shape in item.shapes:
            if shape.track_id is not None:
                tracked.append((frame, shape if scale is None else _scaled_shape(shape, scale)))
                continue
            if shape.outside:
                continue
            converted = converter.shapes(shape, frame, where, scale)
            batch["shapes"].extend(converted)
            report.shapes += len(converted)
        pending = len(batch["tags"]) + len(batch["shapes"])
        if pending >= BATCH_OBJECTS:
            writer.write(batch)
            batch = {"tags": [], "shapes": [], "tracks": []}
    if report.unmatched:
        shown = ", ".join(report.unmatched[:5]) + (" …" if len(report.unmatched) > 5 else "")
        raise DatasetError(f"{len(report.unmatched)} dataset item(s) match no frame of the task: {shown}.")
    if report.items and not report.matched and not report.skipped_outside_job:
        raise DatasetError("No item of the dataset matches a frame of the task.")

    def task_frame(number: int) -> int | None:
        return number if bounds.contains(number) else None

    # Per-frame formats list a track's visible frames: a frame it is missing from is one it is not on.
    from_shapes = [close_gaps(track) for track in tracks_from_shapes(tracked)]
    for track in [*dataset.tracks, *from_shapes]:
        converted_track = converter.track(track, task_frame, f"track {track.id}")
        if converted_track is not None:
            batch["tracks"].append(converted_track)
            report.tracks += 1
    if batch["tags"] or batch["shapes"] or batch["tracks"]:
        writer.write(batch)
    now = utcnow()
    for each in jobs:
        each.annotation_version += 1
        each.updated_date = now
        if each.state == "new":
            each.state = "in progress"
    return report


def _scaled_shape(shape: fm.Shape, scale: tuple[float, float]) -> fm.Shape:
    shape.points = _scaled(shape.points, scale)
    for element in shape.elements:
        element.points = _scaled(element.points, scale)
    return shape


def _item_name(item: fm.ImportedItem) -> str:
    if item.name:
        return f"item '{item.name}'"
    return f"item for frame {item.frame}"

