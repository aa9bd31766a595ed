"""CVAT's own XML: the "CVAT for images 1.1" and "CVAT for video 1.1" exports and the "CVAT 1.1" import.

Both layouts keep what CVAT annotations hold: labels (colour, type, attributes with mutability,
input type, default and values; skeletons with their SVG and points), every 2D shape type (box and
ellipse with rotation, polygon, polyline, points, cuboid, mask, skeleton), occluded, z_order, group,
source and attribute values; scores are lost (CVAT XML has none), numbers keep two decimals.
* CVAT for images: one <image> per frame with its shapes (by z_order) and tags. Tracks are split
  into per-frame shapes and lose their identity, as in CVAT. Project exports add each image's
  `subset` and `task_id`. Saved images go to `images/` (projects: `images/<subset>/`).
* CVAT for video: one <track> per track with every exported frame from its first keyframe on
  (interpolated frames with keyframe="0", outside keyframes included), then each plain shape as a
  track of its own: the shape, and an outside copy on the next exported frame when there is one.
  Tags are lost (CVAT for video has none).
Frame numbers in the XML are CVAT's absolute ones, `start_frame + index * step` (the step of the
frame filter; a job's meta shows its segment in those numbers); in a project, images are numbered
on from the previous task of the same subset. The import turns them back into task-relative frames
with the file's own meta (`contour.formats.cvat_xml_read` says what it reads).
"""

from __future__ import annotations

import itertools
import re
import shutil
import tempfile
from collections import defaultdict
from collections.abc import Generator, Iterator
from contextlib import closing
from dataclasses import replace
from pathlib import Path
from typing import BinaryIO, cast

from lxml import etree

from contour.formats.cvat_xml_read import XmlFile, name_of, parser
from contour.formats.cvat_xml_write import (
    DOCUMENT_CLOSE,
    IMAGE_CLOSE,
    TRACK_CLOSE,
    Escaper,
    TextSink,
    document_head,
    frame_step,
    image_open,
    image_shape,
    tag_text,
    track_open,
    tracked_shape,
)
from contour.formats.errors import DatasetError
from contour.formats.model import (
    DEFAULT_SUBSET,
    ArchiveWriter,
    DatasetMeta,
    ExportSource,
    Frame,
    ImportedDataset,
    ImportedItem,
    ImportOptions,
    LabelSpec,
    Shape,
    Track,
)
from contour.formats.registry import ExportOptions, FormatSpec, register_format
from contour.formats.tracks import expand_track

ANNOTATIONS = "annotations.xml"
# Shapes' tracks are spooled in memory up to this size, then on disk, while the real tracks wait for
# the frame range that only the end of the frame stream reveals.
_SPOOL_IN_MEMORY = 32 << 20


class FrameNumbers:
    """CVAT's absolute frame numbers of task-relative frames: `start_frame + index * step` (the meta's
    start frame being the task's first video or image frame, for a job too)."""

    def __init__(self, meta: DatasetMeta) -> None:
        self.step = frame_step(meta.frame_filter)
        self.start = meta.start_frame
        self.offsets: dict[int | None, int] = {}
        if meta.kind == "project":
            # Project tasks are numbered on within their subset, so that ids stay unique per subset.
            self.start, self.step = 0, 1
            totals: dict[str, int] = defaultdict(int)
            for task_id, _, size, subset in meta.tasks:
                self.offsets[task_id] = totals[subset or DEFAULT_SUBSET]
                totals[subset or DEFAULT_SUBSET] += size

    def number(self, index: int, task_id: int | None = None) -> int:
        return self.start + index * self.step + self.offsets.get(task_id, 0)


def _image_name(frame: Frame, meta: DatasetMeta) -> str:
    # CVAT names video frames without an extension (`frame_000012`), images by their path.
    return frame.stem if meta.is_video else frame.name


def _save_media(source: ExportSource, out: ArchiveWriter, frames: list[Frame]) -> None:
    project = source.meta.kind == "project"
    for frame in frames:
        media = source.media(frame)
        folder = f"images/{frame.subset}/" if project else "images/"
        out.write_media(f"{folder}{frame.stem}{media.extension}", media)


def _bare(frame: Frame) -> Frame:
    """The frame without its annotations, kept to save its image once annotations.xml is closed."""
    return replace(frame, tags=[], shapes=[])


def export_images(source: ExportSource, out: ArchiveWriter, options: ExportOptions) -> None:
    meta = source.meta
    esc = Escaper()
    numbers = FrameNumbers(meta)
    project = meta.kind == "project"
    saved: list[Frame] = []
    with out.open(ANNOTATIONS) as stream:
        sink = TextSink(stream)
        sink.write(document_head(meta, esc))
        for frame in source.frames():
            number = numbers.number(frame.index, frame.task_id)
            sink.write(image_open(frame, number, _image_name(frame, meta), project, esc))
            # CVAT lists a frame's shapes by z_order (stably), then its tags.
            for shape in sorted(frame.shapes, key=lambda s: s.z_order):
                sink.write(image_shape(shape, esc))
            for tag in frame.tags:
                sink.write(tag_text(tag, esc))
            sink.write(IMAGE_CLOSE)
            if options.save_images:
                saved.append(_bare(frame))
        sink.write(DOCUMENT_CLOSE)
        sink.flush()
    _save_media(source, out, saved)


# --- CVAT for video -----------------------------------------------------------------------------------------------


class _ShapeTracks:
    """Writes plain shapes as two-keyframe tracks. A frame's shapes wait for the next frame, whose
    number their outside copies take (none after the last frame)."""

    def __init__(self, sink: TextSink, numbers: FrameNumbers, esc: Escaper, first_id: int, project: bool) -> None:
        self.sink, self.numbers, self.esc, self.next_id, self.project = sink, numbers, esc, first_id, project
        self._pending: Frame | None = None

    def add(self, frame: Frame) -> None:
        self._flush(frame)
        plain = [shape for shape in frame.shapes if shape.track_id is None]
        self._pending = replace(frame, tags=[], shapes=plain) if plain else None

    def close(self) -> None:
        self._flush(None)

    def _flush(self, following: Frame | None) -> None:
        frame = self._pending
        if frame is None:
            return
        self._pending = None
        if following is not None and following.task_id != frame.task_id:
            following = None
        number = self.numbers.number(frame.index, frame.task_id)
        after = self.numbers.number(following.index, following.task_id) if following is not None else None
        task = (frame.task_id or 0, frame.subset) if self.project else None
        for shape in frame.shapes:
            parts = [track_open(self.next_id, shape.label, shape.source, shape.group, self.esc, task)]
            self.next_id += 1
            parts.append(tracked_shape(shape, number, self.esc, keyframe=True, outside=False))
            if after is not None:
                parts.append(tracked_shape(shape, after, self.esc, keyframe=True, outside=True))
            parts.append(TRACK_CLOSE)
            self.sink.write("".join(parts))


class _FrameRange:
    """Which frames of which task the export holds, and the task of each track, learnt from the frames."""

    def __init__(self) -> None:
        self.present: dict[int | None, set[int]] = defaultdict(set)
        self.track_tasks: dict[int, tuple[int | None, str]] = {}

    def add(self, frame: Frame) -> None:
        self.present[frame.task_id].add(frame.index)
        for shape in frame.shapes:
            if shape.track_id is not None:
                self.track_tasks.setdefault(shape.track_id, (frame.task_id, frame.subset))

    def task_of(self, track: Track) -> tuple[int | None, str] | None:
        found = self.track_tasks.get(track.id)
        if found is None and len(self.present) == 1:
            found = (next(iter(self.present)), DEFAULT_SUBSET)  # a task or job: the one task
        return found


def _track_frames(track: Track, present: set[int]) -> list[tuple[int, Shape]]:
    """The track on every exported frame from its first keyframe, outside keyframes included, with
    each point of a skeleton flagged with its own keyframes."""
    if not present:
        return []
    first, last = min(present), max(present)
    deleted = set(range(first, last + 1)) - present
    expanded = expand_track(track, last, deleted_frames=deleted, include_outside=True)
    clipped = [pair for pair in expanded if pair[0] >= first]
    forced: set[int] = set()
    if clipped and len(clipped) < len(expanded):
        # The track began before the exported frames (a job): its first frame here must be a keyframe.
        forced.add(clipped[0][0])
    if clipped and any(s.frame > last for s in track.shapes) and not clipped[-1][1].outside:
        # It goes on after them: keep where it is on the last one, or a reader would extend it unchanged.
        forced.add(clipped[-1][0])
    element_keyframes = {element.label: {s.frame for s in element.shapes} for element in track.elements}
    for frame, shape in clipped:
        shape.keyframe = shape.keyframe or frame in forced
        for point in shape.elements:
            point.keyframe = frame in forced or frame in element_keyframes.get(point.label, ())
            point.outside = point.outside or shape.outside
    return clipped


def _write_tracks(
    sink: TextSink, tracks: list[Track], frames: _FrameRange, numbers: FrameNumbers, esc: Escaper, project: bool
) -> None:
    for index, track in enumerate(tracks):
        task = frames.task_of(track)
        shapes = _track_frames(track, frames.present[task[0]]) if task is not None else []
        if not shapes:
            continue
        where = (task[0] or 0, task[1]) if project and task is not None else None
        sink.write(track_open(index, track.label, track.source, track.group, esc, where))
        for frame, shape in shapes:
            sink.write(tracked_shape(shape, numbers.number(frame, task[0] if task else None), esc))
        sink.write(TRACK_CLOSE)


def export_video(source: ExportSource, out: ArchiveWriter, options: ExportOptions) -> None:
    meta = source.meta
    esc = Escaper()
    numbers = FrameNumbers(meta)
    tracks = source.tracks()
    frames = _FrameRange()
    saved: list[Frame] = []
    with tempfile.SpooledTemporaryFile(max_size=_SPOOL_IN_MEMORY) as spool:
        spooled = TextSink(cast(BinaryIO, spool))
        shape_tracks = _ShapeTracks(spooled, numbers, esc, len(tracks), meta.kind == "project")
        for frame in source.frames():
            frames.add(frame)
            shape_tracks.add(frame)
            if options.save_images:
                saved.append(_bare(frame))
        shape_tracks.close()
        spooled.flush()
        with out.open(ANNOTATIONS) as stream:
            sink = TextSink(stream)
            sink.write(document_head(meta, esc))
            _write_tracks(sink, tracks, frames, numbers, esc, meta.kind == "project")
            sink.flush()
            spool.seek(0)
            shutil.copyfileobj(spool, stream, 1 << 20)
            stream.write(DOCUMENT_CLOSE.encode())
    _save_media(source, out, saved)


# --- CVAT 1.1 import ----------------------------------------------------------------------------------------------

_TOP_LEVEL = ("meta", "image", "track")
_VIDEO_FRAME = re.compile(r"frame_(\d+)$")


def _annotation_files(path: Path) -> list[tuple[Path, str]]:
    """The XML files of a dataset with their names relative to its root (a bare file: its own name)."""
    if path.is_file():
        return [(path, path.name)]
    if not path.is_dir():
        raise DatasetError("the dataset is neither a file nor a folder.", file=path.name)
    found = sorted(
        p for p in path.rglob("*")
        if p.suffix.lower() == ".xml" and p.is_file()
        and not any(part.startswith((".", "__MACOSX")) for part in p.relative_to(path).parts)
    )
    if not found:
        raise DatasetError("the dataset has no annotations.xml (nor any other .xml file).", file=ANNOTATIONS)
    return [(p, p.relative_to(path).as_posix()) for p in found]


def _check_document(file: XmlFile, stream: BinaryIO) -> None:
    """Refuse entity declarations and documents that are not <annotations> before parsing any further."""
    try:
        _, root = next(iter(parser(stream, events=("start",))))
    except etree.XMLSyntaxError as error:
        raise DatasetError(f"malformed XML: {error.msg}", file=file.name, line=error.lineno) from None
    except StopIteration:
        raise DatasetError("the file holds no XML element.", file=file.name) from None
    dtd = root.getroottree().docinfo.internalDTD
    if dtd is not None and any(True for _ in dtd.iterentities()):
        raise DatasetError("XML entities are not allowed (the DOCTYPE declares some).", file=file.name, line=1)
    if name_of(root) != "annotations":
        raise DatasetError(f"not a CVAT XML file: the root element is <{name_of(root)}>, not <annotations>.",
                           file=file.name, line=root.sourceline)


def _top_level(file: XmlFile) -> Generator[etree._Element, None, None]:
    """<meta>, <image> and <track> children of <annotations> as each ends; each is dropped (with any
    other elements before it) once the next one is asked for, so memory holds one at a time."""
    with file.path.open("rb") as stream:
        _check_document(file, stream)
        stream.seek(0)
        try:
            for _, element in parser(stream, events=("end",), tag=_TOP_LEVEL):
                parent = element.getparent()
                if parent is None or parent.getparent() is not None:
                    continue  # a nested <track> (older skeleton layout): read with its parent
                yield element
                element.clear()
                while element.getprevious() is not None:
                    del parent[0]
        except etree.XMLSyntaxError as error:
            raise DatasetError(f"malformed XML: {error.msg}", file=file.name, line=error.lineno) from None


def _read_head(file: XmlFile) -> None:
    with closing(_top_level(file)) as elements:
        for element in elements:
            if element.tag != "meta":
                file.head.layout = name_of(element)
                return
            file.meta(element)


def _stream_images(file: XmlFile) -> Iterator[ImportedItem]:
    with closing(_top_level(file)) as elements:
        for element in elements:
            if element.tag == "image":
                yield file.image(element)
            elif element.tag == "track":
                raise file.error("a <track> after <image> elements: a CVAT XML file holds images or tracks.", element)


def _read_tracks(file: XmlFile) -> tuple[list[ImportedItem], list[Track]]:
    items: list[ImportedItem] = []
    tracks: list[Track] = []
    with closing(_top_level(file)) as elements:
        for element in elements:
            if element.tag == "image":
                items.append(file.image(element))
            elif element.tag == "track":
                found = file.track(element)
                if isinstance(found, Track):
                    tracks.append(found)
                elif found is not None:
                    items.append(found)
    _add_video_frames(file, items)
    return items, tracks


def _add_video_frames(file: XmlFile, items: list[ImportedItem]) -> None:
    """Items for the saved frames of a video-layout export (`images/frame_000012.PNG`), which a project
    import creates tasks from."""
    if file.images is None:
        return
    by_frame = {item.frame: item for item in items if item.frame is not None}
    width, height = file.head.frame_size or (0, 0)
    for path in sorted(file.images.rglob("frame_*")):
        found = _VIDEO_FRAME.match(path.stem)
        frame = file.head.numbering.relative(int(found.group(1)), None) if found else None
        if frame is None or not path.is_file():
            continue
        item = by_frame.get(frame)
        if item is None:
            subset = path.parent.name if path.parent != file.images else file.head.subset
            item = by_frame[frame] = ImportedItem(name=path.stem, frame=frame, subset=subset)
            items.append(item)
        item.image, item.width, item.height = path, width or None, height or None


def _merged_labels(files: list[XmlFile]) -> list[LabelSpec]:
    labels: dict[str, LabelSpec] = {}
    for file in files:
        for label in file.head.labels:
            labels.setdefault(label.name, label)
    return list(labels.values())


def import_cvat(path: Path, options: ImportOptions) -> ImportedDataset:
    files = []
    for file_path, name in _annotation_files(path):
        images = file_path.parent / "images"
        file = XmlFile(file_path, name, images if path.is_dir() and images.is_dir() else None)
        _read_head(file)
        if file.head.subset is None and file_path.stem != "annotations":
            file.head.subset = file_path.stem  # Datumaro writes one <subset>.xml per subset
        files.append(file)
    eager: list[ImportedItem] = []
    tracks: list[Track] = []
    for file in files:
        if file.head.layout == "track":
            items, found = _read_tracks(file)
            eager += items
            tracks += found
    streamed = (_stream_images(file) for file in files if file.head.layout == "image")
    return ImportedDataset(_merged_labels(files), itertools.chain(eager, *streamed), tracks)


register_format(FormatSpec("CVAT for images", "1.1", "ZIP"), exporter=export_images)
register_format(FormatSpec("CVAT for video", "1.1", "ZIP"), exporter=export_video)
register_format(FormatSpec("CVAT", "1.1", "XML, ZIP"), importer=import_cvat)
