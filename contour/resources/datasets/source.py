"""The export source of a task, job or project: stored annotations streamed frame by frame, by name.

Tags and shapes are read in windows of frames (one indexed query per window), so an export's
memory does not grow with the task; tracks (keyframes only) are loaded once and expanded per
window. A task whose jobs overlap is the exception: its shapes must be merged across jobs (CVAT's
rules, `contour.core.annotations.merge`), which needs them all in memory. A project's frames are
named as CVAT names them (`contour.formats.names.ProjectItemNames`), unique within each subset.
"""

from __future__ import annotations

import io
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

import orjson
from sqlalchemy import Text, cast, or_, select
from sqlalchemy.orm import Session

from contour.core.annotations.merge import merge_job_annotations
from contour.db import utcnow
from contour.formats import model as fm
from contour.formats.names import ProjectItemNames
from contour.formats.tracks import TrackExpander
from contour.media import video
from contour.resources.annotations import store
from contour.resources.annotations.convert import json_to_model, model_to_json
from contour.resources.annotations.models import AnnotationShape, AnnotationTag
from contour.resources.annotations.service import annotation_jobs, read_task
from contour.resources.data.models import MediaFrame, TaskMedia
from contour.resources.datasets.labels import LabelIndex, label_spec
from contour.resources.jobs.models import Job
from contour.resources.labels.models import Label
from contour.resources.labels.service import LabelOwner, labels_of
from contour.resources.projects.models import Project
from contour.resources.tasks.models import Task
from contour.resources.tasks.service import task_labels

WINDOW_FRAMES = 256
Json = dict[str, Any]


@dataclass(frozen=True)
class FileMedia:
    path: Path

    @property
    def extension(self) -> str:
        return self.path.suffix

    def open(self) -> BinaryIO:
        return self.path.open("rb")


@dataclass(frozen=True)
class PngMedia:
    data: bytes
    extension: str = ".PNG"

    def open(self) -> BinaryIO:
        return io.BytesIO(self.data)


@dataclass(frozen=True)
class ReadHint:
    """What the exporter will use (`FormatSpec.shape_types` / `reads_attributes`): the rest is not read."""

    shape_types: frozenset[str] | None = None
    attributes: bool = True


@dataclass
class _TaskPart:
    """One task's frames `start..stop` inside an export (a job exports a part of its task)."""

    task: Task
    media: TaskMedia | None
    start: int
    stop: int
    job_ids: list[int]
    subset: str
    merged: Json | None = None  # overlapping jobs: the whole merged annotations
    # Project exports: where the task's frame numbers start within its subset (CVAT numbers a subset's
    # video frames on from task to task, which keeps their names `frame_…` apart).
    frame_offset: int = 0
    tracks: list[fm.Track] = field(default_factory=list)
    expanders: list[TrackExpander] | None = None


class _VideoFrames:
    """Decodes a video's frames in one forward pass when asked in order (exports ask in order)."""

    def __init__(self, media: TaskMedia, wanted: list[int]) -> None:
        self.media = media
        self._iterator: Iterator[tuple[int, Any]] | None = None
        self._wanted = wanted

    def _source(self, frame: int) -> int:
        return self.media.start_frame + frame * self.media.frame_step

    def png(self, frame: int) -> bytes:
        assert self.media.video_path is not None
        path = Path(self.media.root) / self.media.video_path
        if self._iterator is None:
            self._iterator = video.iter_frames(path, [self._source(f) for f in self._wanted])
        target = self._source(frame)
        for number, image in self._iterator:
            if number == target:
                buffer = io.BytesIO()
                image.save(buffer, format="PNG", compress_level=1)
                return buffer.getvalue()
            if number > target:
                break
        self._iterator = None
        return video.frame_as_png(path, target)


def video_frame_name(media: TaskMedia, frame: int, offset: int = 0) -> str:
    return f"frame_{offset + media.start_frame + frame * media.frame_step:06d}"


def video_frame_size(media: TaskMedia) -> tuple[int, int]:
    """Width and height of the video's frames as shown (upright)."""
    size = (media.video_width or 0, media.video_height or 0)
    return (size[1], size[0]) if media.video_rotation in (90, 270) else size


class DatabaseSource:
    """An `ExportSource` over stored data. Holds `db` for as long as the export runs."""

    def __init__(self, db: Session, meta: fm.DatasetMeta, parts: list[_TaskPart], index: LabelIndex,
                 progress: Callable[[float], None] | None = None, hint: ReadHint | None = None) -> None:
        self.db = db
        # A project's tasks may hold the same file names: frames get CVAT's project names instead.
        self._names = ProjectItemNames() if meta.kind == "project" else None
        self._hint = hint or ReadHint()
        if self._hint.shape_types is not None:
            for part in parts:
                part.tracks = [t for t in part.tracks if t.shapes and t.shapes[0].type in self._hint.shape_types]
        self.meta = meta
        self._parts = parts
        self._index = index
        self._progress = progress
        self._frame_rows: dict[tuple[int, int], MediaFrame] = {}
        self._videos: dict[int, _VideoFrames] = {}
        self._total = sum(p.stop - p.start + 1 for p in parts) or 1
        self._assign_track_ids()

    # --- ExportSource ---------------------------------------------------------------------------

    def tracks(self) -> list[fm.Track]:
        return [track for part in self._parts for track in part.tracks]

    def frames(self) -> Iterator[fm.Frame]:
        done = 0
        for part in self._parts:
            for window_start in range(part.start, part.stop + 1, WINDOW_FRAMES):
                window_stop = min(window_start + WINDOW_FRAMES - 1, part.stop)
                yield from self._window(part, window_start, window_stop)
                done += window_stop - window_start + 1
                if self._progress is not None:
                    self._progress(done / self._total)

    def media(self, frame: fm.Frame) -> fm.MediaFile:
        part = next(p for p in self._parts if p.task.id == frame.task_id)
        assert part.media is not None
        if part.media.kind == "video":
            reader = self._videos.get(part.task.id)
            if reader is None:
                deleted = set(part.media.deleted_frames or [])
                wanted = [f for f in range(part.start, part.stop + 1) if f not in deleted]
                reader = self._videos[part.task.id] = _VideoFrames(part.media, wanted)
            return PngMedia(reader.png(frame.index))
        row = self._frame_rows.get((part.task.id, frame.index))
        if row is None:
            row = self.db.scalars(select(MediaFrame).where(MediaFrame.task_id == part.task.id,
                                                           MediaFrame.frame == frame.index)).one()
        return FileMedia(Path(part.media.root) / row.path)

    # --- reading --------------------------------------------------------------------------------

    def _assign_track_ids(self) -> None:
        next_id = 0
        for part in self._parts:
            for track in part.tracks:
                track.id = next_id
                next_id += 1

    def _window(self, part: _TaskPart, start: int, stop: int) -> Iterator[fm.Frame]:
        media = part.media
        deleted = set(media.deleted_frames or []) if media is not None else set()
        names, sizes = self._frame_facts(part, start, stop)
        tags: dict[int, list[fm.Tag]] = defaultdict(list)
        shapes: dict[int, list[fm.Shape]] = defaultdict(list)
        if part.merged is not None:
            self._merged_objects(part.merged, start, stop, tags, shapes)
        elif part.job_ids:
            self._stored_objects(part.job_ids, start, stop, tags, shapes)
        if part.expanders is None:
            part.expanders = [TrackExpander(track, deleted_frames=deleted) for track in part.tracks]
        for expander in part.expanders:
            if expander.shows_within(start, stop):
                for frame, shape in expander.expand(start, stop):
                    shapes[frame].append(shape)
        for index in range(start, stop + 1):
            name = names.get(index, f"frame_{index:06d}.PNG")
            if self._names is not None:  # deleted frames take their names too, as in CVAT
                name = self._names.name(part.subset, name)
            if index in deleted:
                continue
            width, height = sizes.get(index, (0, 0))
            yield fm.Frame(index, name, width, height, part.subset, tags.get(index, []), shapes.get(index, []),
                           part.task.id)

    def _frame_facts(self, part: _TaskPart, start: int, stop: int) -> tuple[dict[int, str], dict[int, tuple[int, int]]]:
        media = part.media
        if media is None:
            return {}, {}
        if media.kind == "video":
            size = video_frame_size(media)
            # CVAT names video frames by their number in the video, not in the task.
            return ({i: video_frame_name(media, i, part.frame_offset) + ".PNG" for i in range(start, stop + 1)},
                    dict.fromkeys(range(start, stop + 1), size))
        rows = self.db.scalars(select(MediaFrame).where(
            MediaFrame.task_id == part.task.id, MediaFrame.frame.between(start, stop)))
        self._frame_rows = {(part.task.id, r.frame): r for r in rows}
        return ({f: r.path for (_, f), r in self._frame_rows.items()},
                {f: (r.width, r.height) for (_, f), r in self._frame_rows.items()})

    def _shape(self, row: Json) -> fm.Shape:
        """A shape of merged (JSON) annotations."""
        score = row.get("score")
        return fm.Shape(
            row["type"], self._index.names.get(row["label_id"], ""), list(row.get("points") or []),
            bool(row.get("occluded")), bool(row.get("outside")), row.get("z_order") or 0, row.get("rotation") or 0.0,
            row.get("group") or 0, row.get("source") or "manual", 1.0 if score is None else score,
            named_attributes(row.get("attributes") or [], self._index.attribute_names),
        )

    def _driver_rows(self, query: Any) -> Iterator[tuple[Any, ...]]:
        """Plain tuples straight from the database driver: SQLAlchemy's row objects cost more than
        everything else per shape (bench/export.py). Columns come back as the driver gives them
        (SQLite: booleans as 0/1), so callers convert."""
        connection = self.db.connection()
        compiled = query.compile(dialect=connection.dialect, compile_kwargs={"render_postcompile": True})
        params = compiled.params
        arguments = tuple(params[name] for name in compiled.positiontup or ()) if compiled.positional else params
        cursor = connection.connection.cursor()
        try:
            cursor.execute(str(compiled), arguments)
            while rows := cursor.fetchmany(2000):
                yield from rows
        finally:
            cursor.close()

    def _stored_objects(self, job_ids: list[int], start: int, stop: int,
                        tags: dict[int, list[fm.Tag]], shapes: dict[int, list[fm.Shape]]) -> None:
        # The hot path of every export (500,000 rows in bench/export.py): explicit columns unpacked
        # as tuples, JSON read as text and decoded here with orjson, positional dataclass
        # construction: about 2x faster than mapped rows.
        label_names, names = self._index.names, self._index.attribute_names
        loads, hint = orjson.loads, self._hint
        t = AnnotationTag.__table__.c
        tag_rows = self.db.execute(
            select(t.frame, t.label_id, t.group, t.source, cast(t.attributes, Text))
            .where(t.job_id.in_(job_ids), t.frame.between(start, stop)).order_by(t.frame, t.id))
        for frame, label_id, group, source, attributes in tag_rows:
            values = {names[a]: v for a, v in loads(attributes) if a in names} if hint.attributes else {}
            tags[frame].append(fm.Tag(label_names.get(label_id, ""), group or 0, source, values))
        if hint.shape_types is not None and not hint.shape_types:
            return
        c = AnnotationShape.__table__.c
        query = (select(c.id, c.parent_id, c.frame, c.type, c.label_id, c.occluded, c.outside, c.z_order, c.rotation,
                        c.group, c.source, c.score, cast(c.points, Text), cast(c.attributes, Text))
                 .where(c.job_id.in_(job_ids), c.frame.between(start, stop)).order_by(c.frame, c.id))
        if hint.shape_types is not None:
            query = query.where(or_(c.parent_id.is_not(None), c.type.in_(sorted(hint.shape_types))))
        parents: dict[int, fm.Shape] = {}
        elements: list[tuple[int, fm.Shape]] = []
        for (shape_id, parent_id, frame, kind, label_id, occluded, outside, z_order, rotation, group, source, score,
             points, attributes) in self._driver_rows(query):
            if outside and parent_id is None:
                continue
            values = ({names[a]: v for a, v in loads(attributes) if a in names}
                      if hint.attributes and attributes != "[]" else {})
            shape = fm.Shape(kind, label_names.get(label_id, ""), loads(points), bool(occluded), bool(outside),
                             z_order, rotation, group or 0, source, score, values)
            if parent_id is not None:
                elements.append((parent_id, shape))
                continue
            parents[shape_id] = shape
            shapes[frame].append(shape)
        for parent_id, element in elements:
            parent = parents.get(parent_id)
            if parent is not None:
                parent.elements.append(element)

    def _merged_objects(self, merged: Json, start: int, stop: int,
                        tags: dict[int, list[fm.Tag]], shapes: dict[int, list[fm.Shape]]) -> None:
        for t in merged["tags"]:
            if start <= t["frame"] <= stop:
                tags[t["frame"]].append(fm.Tag(self._index.names.get(t["label_id"], ""), t.get("group") or 0,
                                               t.get("source", "manual"), named_attributes(t.get("attributes", []), self._index.attribute_names)))
        for s in merged["shapes"]:
            if start <= s["frame"] <= stop and not s.get("outside"):
                shape = self._shape(s)
                shape.elements = [self._shape(e) for e in s.get("elements", [])]
                shapes[s["frame"]].append(shape)


# --- building sources -------------------------------------------------------------------------------


def named_attributes(values: list[Json], names: dict[int, str]) -> dict[str, str]:
    """LabeledData attribute values (`spec_id`, `value`) by attribute name; unknown specs are dropped."""
    return {names[v["spec_id"]]: str(v["value"]) for v in values if v["spec_id"] in names}


def _format_track(raw: Json, index: LabelIndex) -> fm.Track:
    def attrs(values: list[Json]) -> dict[str, str]:
        return named_attributes(values, index.attribute_names)

    return fm.Track(
        label=index.names.get(raw["label_id"], ""),
        shapes=[fm.TrackedShape(s["type"], s["frame"], list(s["points"]), bool(s["occluded"]), bool(s["outside"]),
                                s.get("z_order") or 0, s.get("rotation") or 0.0, True, attrs(s.get("attributes", [])))
                for s in raw["shapes"]],
        group=raw.get("group") or 0, source=raw.get("source", "manual"), attributes=attrs(raw.get("attributes", [])),
        elements=[_format_track(e, index) for e in raw.get("elements", [])],
    )


def _task_part(db: Session, task: Task, index: LabelIndex, start: int | None = None, stop: int | None = None,
               jobs: list[Job] | None = None) -> _TaskPart:
    media = db.get(TaskMedia, task.id)
    size = task.size or 0
    first, last = (0 if start is None else start), (size - 1 if stop is None else stop)
    jobs = annotation_jobs(db, task) if jobs is None else jobs
    job_ids = [j.id for j in jobs]
    part = _TaskPart(task, media, first, last, job_ids, task.subset or fm.DEFAULT_SUBSET)
    if len(jobs) > 1 and (task.overlap or 0) > 0:
        part.merged = read_task(db, task)
        raw_tracks = part.merged["tracks"]
    elif len(jobs) > 1:
        # Tracks crossing job boundaries are stored cut per job: join them back (tracks only).
        pieces = [(j.segment.start_frame, j.segment.stop_frame,
                   json_to_model({"tags": [], "shapes": [], "tracks": store.load_tracks(db, [j.id])})) for j in jobs]
        raw_tracks = model_to_json(merge_job_annotations(pieces, 0, is_3d=task.dimension == "3d"))["tracks"]
    else:
        raw_tracks = store.load_tracks(db, job_ids) if job_ids else []
    part.tracks = [_format_track(t, index) for t in raw_tracks]
    return part


def _meta(kind: str, obj_id: int, name: str, labels: list[Label], task: Task | None, **extra: Any) -> fm.DatasetMeta:
    media_kind = None
    fields: dict[str, Any] = {}
    if task is not None:
        fields = {
            "size": task.size or 0, "mode": task.mode or "annotation", "overlap": task.overlap or 0, "bugtracker": task.bug_tracker,
            "created": task.created_date, "updated": task.updated_date, "subset": task.subset,
            "owner": task.owner.username if task.owner else "", "assignee": task.assignee.username if task.assignee else "",
        }
        media_kind = task.mode
    fields.update(extra)
    return fm.DatasetMeta(kind=kind, id=obj_id, name=name, labels=tuple(label_spec(label) for label in labels),
                          dumped=utcnow(), is_video=media_kind == "interpolation", **fields)


def _segments(db: Session, task: Task) -> tuple[fm.Segment, ...]:
    return tuple(fm.Segment(j.id, j.segment.start_frame, j.segment.stop_frame) for j in annotation_jobs(db, task))


def _media_facts(db: Session, task: Task) -> dict[str, Any]:
    media = db.get(TaskMedia, task.id)
    if media is None:
        return {}
    facts: dict[str, Any] = {"start_frame": media.start_frame, "stop_frame": media.stop_frame,
                             "frame_filter": media.frame_filter}
    if media.kind == "video":
        facts["original_size"] = (media.video_width or 0, media.video_height or 0)
    return facts


def task_source(db: Session, task: Task, progress: Callable[[float], None] | None = None,
                hint: ReadHint | None = None) -> DatabaseSource:
    labels = task_labels(db, task)
    index = LabelIndex.of(labels)
    meta = _meta("task", task.id, task.name, labels, task, segments=_segments(db, task), **_media_facts(db, task))
    return DatabaseSource(db, meta, [_task_part(db, task, index)] if task.size else [], index, progress, hint)


def job_source(db: Session, job: Job, progress: Callable[[float], None] | None = None,
               hint: ReadHint | None = None) -> DatabaseSource:
    task = job.task
    labels = task_labels(db, task)
    index = LabelIndex.of(labels)
    segment = job.segment
    meta = _meta("job", job.id, task.name, labels, task, segments=(fm.Segment(job.id, segment.start_frame, segment.stop_frame),),
                 **_media_facts(db, task))
    part = _task_part(db, task, index, segment.start_frame, segment.stop_frame, [job])
    return DatabaseSource(db, meta, [part], index, progress, hint)


def project_source(db: Session, project: Project, progress: Callable[[float], None] | None = None,
                   hint: ReadHint | None = None) -> DatabaseSource:
    labels = labels_of(db, LabelOwner(project_id=project.id))
    index = LabelIndex.of(labels)
    tasks = list(db.scalars(select(Task).where(Task.project_id == project.id).order_by(Task.id)))
    parts = [_task_part(db, task, index) for task in tasks if task.size]
    # CVAT's project numbering: each task of a subset starts where the previous one's frames end.
    ends: dict[str, int] = defaultdict(int)
    for part in parts:
        part.frame_offset = ends[part.subset]
        start, step = (part.media.start_frame, part.media.frame_step) if part.media is not None else (0, 1)
        ends[part.subset] += start + step * (part.task.size or 0)
    meta = _meta("project", project.id, project.name, labels, None, created=project.created_date,
                 updated=project.updated_date, bugtracker=project.bug_tracker,
                 owner=project.owner.username if project.owner else "",
                 size=sum(p.stop - p.start + 1 for p in parts),
                 tasks=tuple((p.task.id, p.task.name, p.task.size or 0, p.subset) for p in parts))
    return DatabaseSource(db, meta, parts, index, progress, hint)
