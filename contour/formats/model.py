"""The plain data that dataset codecs read and write: labels, frames and objects by name.

Codecs never see database ids. Labels and attributes are referred to by name; frames by their
task-relative number and media name. The server builds these values from a task, job or project
(export) and maps them back to ids, frames and tracks (import); `contour.formats.memory` builds
them in memory for codec tests. Field meanings follow CVAT's LabeledData.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import BinaryIO, Protocol

DEFAULT_SUBSET = "default"


@dataclass(frozen=True, slots=True)
class AttributeSpec:
    name: str
    input_type: str = "text"  # "select", "radio", "checkbox", "number", "text"
    mutable: bool = False
    values: tuple[str, ...] = ()
    default_value: str = ""


@dataclass(frozen=True, slots=True)
class LabelSpec:
    name: str
    color: str = ""
    type: str = "any"  # "any", "rectangle", "polygon", ..., "skeleton", "tag"
    attributes: tuple[AttributeSpec, ...] = ()
    # Skeleton points, in the skeleton's order (their names are unique within the skeleton).
    sublabels: tuple[LabelSpec, ...] = ()
    # Skeleton layout: CVAT's SVG with `data-label-name` on each point and edge end.
    svg: str = ""

    def attribute(self, name: str) -> AttributeSpec | None:
        return next((a for a in self.attributes if a.name == name), None)

    def sublabel(self, name: str) -> LabelSpec | None:
        return next((s for s in self.sublabels if s.name == name), None)


@dataclass(slots=True)
class Tag:
    label: str
    group: int = 0
    source: str = "manual"
    attributes: dict[str, str] = field(default_factory=dict)


@dataclass(slots=True)
class Shape:
    """One object on one frame. `points` are flat floats as in CVAT's API; masks hold CVAT's RLE
    followed by left, top, right, bottom (inclusive), see `contour.core.masks`.

    On export, shapes generated from tracks carry `track_id` (the track's 0-based index in the
    dataset) and `keyframe`. On import, shapes with the same `track_id` become one track whose
    keyframes they are; `outside` closes the track on that frame.
    """

    type: str  # "rectangle", "polygon", "polyline", "points", "ellipse", "cuboid", "mask", "skeleton"
    label: str
    points: list[float]
    occluded: bool = False
    outside: bool = False
    z_order: int = 0
    rotation: float = 0.0
    group: int = 0
    source: str = "manual"
    score: float = 1.0
    attributes: dict[str, str] = field(default_factory=dict)
    # Skeleton points: shapes of type "points" whose `label` is the sublabel's name.
    elements: list[Shape] = field(default_factory=list)
    track_id: int | None = None
    keyframe: bool = False


@dataclass(slots=True)
class TrackedShape:
    """A keyframe of a track (CVAT for video's <box keyframe="1" .../> and friends)."""

    type: str
    frame: int
    points: list[float]
    occluded: bool = False
    outside: bool = False
    z_order: int = 0
    rotation: float = 0.0
    keyframe: bool = True
    # Mutable attribute values of this keyframe.
    attributes: dict[str, str] = field(default_factory=dict)


@dataclass(slots=True)
class Track:
    label: str
    shapes: list[TrackedShape]
    group: int = 0
    source: str = "manual"
    # Immutable attributes of the whole track.
    attributes: dict[str, str] = field(default_factory=dict)
    # Skeleton tracks: one track per point, `label` being the sublabel's name.
    elements: list[Track] = field(default_factory=list)
    id: int = 0  # 0-based index within the dataset (matches Shape.track_id on export)


@dataclass(slots=True)
class Frame:
    """A frame with its annotations, as exporters receive it (every frame, annotated or not)."""

    index: int  # task-relative frame number
    # Media path relative to the task's data, with extension ("a/b.jpg"; video: "frame_000007.PNG"); in a
    # project export, CVAT's project name for it, unique within the subset (`contour.formats.names`).
    name: str
    width: int
    height: int
    subset: str = DEFAULT_SUBSET
    tags: list[Tag] = field(default_factory=list)
    # Visible shapes only: tracks are expanded to every frame and their outside shapes dropped.
    shapes: list[Shape] = field(default_factory=list)
    task_id: int | None = None

    @property
    def stem(self) -> str:
        """The item id most formats use: the name without its extension, folders kept."""
        dot = self.name.rfind(".")
        return self.name[:dot] if dot > self.name.rfind("/") else self.name


@dataclass(frozen=True, slots=True)
class Segment:
    id: int
    start: int
    stop: int
    url: str = ""


@dataclass(frozen=True, slots=True)
class DatasetMeta:
    """What exporters may say about the exported object (CVAT XML's <meta>)."""

    kind: str  # "task", "job" or "project"
    id: int
    name: str
    labels: tuple[LabelSpec, ...]
    size: int = 0
    mode: str = "annotation"  # "annotation" (images) or "interpolation" (video)
    overlap: int = 0
    bugtracker: str = ""
    created: datetime | None = None
    updated: datetime | None = None
    subset: str = ""
    start_frame: int = 0
    stop_frame: int = 0
    frame_filter: str = ""
    segments: tuple[Segment, ...] = ()
    owner: str = ""
    assignee: str = ""
    original_size: tuple[int, int] | None = None  # video tasks: (width, height)
    dumped: datetime | None = None
    is_video: bool = False
    # Project exports: one entry per task (id, name, size, subset), in task order.
    tasks: tuple[tuple[int, str, int, str], ...] = ()

    def label(self, name: str) -> LabelSpec | None:
        return next((label for label in self.labels if label.name == name), None)


class MediaFile(Protocol):
    """The image of a frame as it should be saved (its bytes as uploaded whenever possible)."""

    @property
    def extension(self) -> str: ...  # with the dot: ".jpg", ".png", ".PNG"

    def open(self) -> BinaryIO: ...


class ExportSource(Protocol):
    """What an exporter reads. `frames()` streams in frame order and may be called once. Treat
    what it yields as read-only: sources may share attribute dicts between objects."""

    meta: DatasetMeta

    def frames(self) -> Iterator[Frame]: ...

    # Every track with its keyframes (shapes are not included). Loaded whole: keyframes are few.
    def tracks(self) -> list[Track]: ...

    # Frames' media for "save images". The name of a frame's image inside an export is normally
    # `frame.stem + media.extension`.
    def media(self, frame: Frame) -> MediaFile: ...


class ArchiveWriter(Protocol):
    """The export's output: files by relative posix path, written once each, streamed."""

    def write_bytes(self, name: str, data: bytes) -> None: ...

    # A writable binary stream for a large member; must be closed before the next member.
    def open(self, name: str) -> BinaryIO: ...

    def write_media(self, name: str, media: MediaFile) -> None: ...


@dataclass(slots=True)
class ImportedItem:
    """One dataset item as an importer found it. The server matches it to a task frame by
    `frame` (when given) or by `name` (an item id: path without or with extension)."""

    name: str | None = None
    frame: int | None = None
    subset: str | None = None
    width: int | None = None
    height: int | None = None
    # The item's image inside the extracted dataset (used when a project import creates tasks).
    image: Path | None = None
    tags: list[Tag] = field(default_factory=list)
    shapes: list[Shape] = field(default_factory=list)
    # Points are fractions of the image's width and height (YOLO without images): the server
    # scales them by the matched frame's size.
    normalized: bool = False


@dataclass(slots=True)
class ImportedDataset:
    # Labels the dataset declares, in its order (empty when it declares none: the server then
    # takes the label names found on objects).
    labels: list[LabelSpec]
    items: Iterable[ImportedItem]
    # Explicit tracks (CVAT for video); TrackedShape.frame is the dataset's frame number.
    tracks: list[Track] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class ImportOptions:
    conv_mask_to_poly: bool = True
    # Each skeleton label of the target task with its point names in order, for formats that store
    # skeleton points by position only (Ultralytics Pose, COCO Keypoints without names).
    skeleton_sublabels: Mapping[str, Sequence[str]] = field(default_factory=dict)
    # The task frame that the import target starts at (a job's first frame; 0 for a task), for formats whose
    # frame numbers count from the exported object's first frame rather than the task's (MOT, as in CVAT).
    first_frame: int = 0
