"""Reading CVAT XML 1.1, both layouts (<image> and <track>), with lxml's iterparse one top-level element
at a time, so a 500 MB file is read in bounded memory.

Accepts a bare XML file or a folder holding `.xml` files at any depth (CVAT's `annotations.xml` or
Datumaro's `<subset>.xml`) with images under `images/` beside each. Items of the images layout
stream; a file of tracks is read whole but keeps only keyframes (keyframe="1", and outside shapes
that end a visible stretch; interpolated frames are dropped), and a track with no keyframe flag at
all (Datumaro writes keyframe="0" everywhere) keeps every shape and has its gaps closed. Mask tracks become one mask
shape on their first frame, as in CVAT. Skeleton tracks are read as <skeleton> frames with their
points inside and in the older layout of one nested <track> per point. Attributes go on every
keyframe (the server splits mutable from immutable by the label spec). Frames come back
task-relative, from CVAT's absolute numbers with the file's own start frame and step (a job's
segment, a project's task list).
"""

from __future__ import annotations

import itertools
import math
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from sys import intern
from typing import BinaryIO, Literal, cast

from lxml import etree

from contour.core.geometry import MaskError, parse_cvat_mask
from contour.formats.cvat_xml_write import CUBOID_ATTRIBUTES, SHAPE_ELEMENTS, frame_step
from contour.formats.errors import DatasetError
from contour.formats.model import (
    AttributeSpec,
    ImportedItem,
    LabelSpec,
    Shape,
    Tag,
    Track,
    TrackedShape,
)
from contour.formats.tracks import close_gaps

__all__ = ["SHAPE_TYPES", "Numbering", "XmlFile", "parser"]

Element = etree._Element
SHAPE_TYPES = {element: shape_type for shape_type, element in SHAPE_ELEMENTS.items()}
_TRUE = frozenset({"1", "true", "True"})
# Written as XML attributes by CVAT; as <attribute> children (other tools) they still mean the shape's fields.
_FIELD_ATTRIBUTES = frozenset({"occluded", "outside", "keyframe", "rotation", "z_order", "track_id"})
_POINT_ELEMENTS = frozenset(SHAPE_TYPES) - {"skeleton"}
_INTEGERS = frozenset({"z_order", "group_id", "track_id", "frame", "left", "top", "width", "height", "id"})
_KINDS = {"points": "a list of x,y;x,y numbers", "rle": "a list of integers"}
# The XML attributes holding each shape type's coordinates, and the fewest numbers a poly-shape needs.
_GEOMETRY: dict[str, tuple[str, ...]] = {
    "rectangle": ("xtl", "ytl", "xbr", "ybr"), "ellipse": ("cx", "cy", "rx", "ry"), "cuboid": CUBOID_ATTRIBUTES,
    "mask": ("rle", "left", "top", "width", "height"), "polygon": ("points",), "polyline": ("points",),
    "points": ("points",), "skeleton": (),
}
_LEAST_NUMBERS = {"polygon": 6, "polyline": 4, "points": 2}


def _keep(keyframes: list[TrackedShape], shape: TrackedShape) -> None:
    if shape.keyframe or (shape.outside and keyframes and not keyframes[-1].outside):
        keyframes.append(shape)


def _geometry(shape_type: str, values: dict[str, str]) -> list[float]:
    """The points of a shape element; KeyError or ValueError when its numbers are missing or malformed."""
    if shape_type == "rectangle":
        return [float(values["xtl"]), float(values["ytl"]), float(values["xbr"]), float(values["ybr"])]
    if shape_type in _LEAST_NUMBERS:
        return [float(v) for v in values["points"].replace(";", ",").split(",")]
    if shape_type == "ellipse":
        cx, cy = float(values["cx"]), float(values["cy"])
        # Two decimals as in CVAT, so that the corners do not pick up float noise from the sums.
        return [cx, cy, float(f"{cx + float(values['rx']):.2f}"), float(f"{cy - float(values['ry']):.2f}")]
    if shape_type == "cuboid":
        return [float(values[name]) for name in CUBOID_ATTRIBUTES]
    if shape_type == "mask":
        left, top = int(values["left"]), int(values["top"])
        right, bottom = left + int(values["width"]) - 1, top + int(values["height"]) - 1
        return [*(float(int(v)) for v in values["rle"].split(",")), float(left), float(top), float(right), float(bottom)]
    return []


def parser(
    stream: BinaryIO, events: tuple[Literal["start", "end"], ...], tag: tuple[str, ...] | None = None
) -> Iterator[tuple[str, Element]]:
    """lxml's iterparse, safe: no entity expansion from outside, no network, no DTD loading."""
    return cast(Iterator[tuple[str, Element]], etree.iterparse(
        stream, events=events, tag=tag, resolve_entities=False, no_network=True, load_dtd=False,
    ))


def name_of(element: Element) -> str:
    """The element's tag ("" for comments and processing instructions, whose tag is not a string)."""
    tag = element.tag
    return tag if isinstance(tag, str) else ""


@dataclass
class Numbering:
    """Task-relative frames of CVAT's absolute numbers: (number - offset - start) / step."""

    start: int = 0
    step: int = 1
    tasks: dict[str, tuple[int, int, int]] = field(default_factory=dict)  # task id: offset, start, step

    def relative(self, number: int, task_id: str | None) -> int | None:
        offset, start, step = self.tasks.get(task_id or "", (0, self.start, self.step))
        shifted = number - offset - start
        return shifted // step if shifted >= 0 and shifted % step == 0 else None


@dataclass
class _Head:
    labels: list[LabelSpec] = field(default_factory=list)
    numbering: Numbering = field(default_factory=Numbering)
    subset: str | None = None
    frame_size: tuple[int, int] | None = None  # (width, height) of video frames
    layout: str = "empty"  # the first top-level element after <meta>: "image" or "track"


class XmlFile:
    """One XML file: error reporting, value parsing and element reading."""

    def __init__(self, path: Path, name: str, images: Path | None) -> None:
        self.path, self.name, self.images = path, name, images
        self.head = _Head()
        self._image_index: dict[str, Path] | None = None

    def error(self, message: str, element: Element | None = None) -> DatasetError:
        return DatasetError(message, file=self.name, line=element.sourceline if element is not None else None)

    # --- values -------------------------------------------------------------------------------------------------

    def child_integer(self, element: Element, name: str, default: int) -> int:
        child = element.find(name)
        if child is None or not (child.text or "").strip():
            return default
        try:
            return int((child.text or "").strip())
        except ValueError:
            raise self.error(f"<{name}> holds {child.text!r}, not an integer.", child) from None

    def explain(self, element: Element, values: dict[str, str], names: Iterable[str]) -> DatasetError:
        """The error for numbers that did not parse: the first of `names` that is missing or malformed."""
        tag = name_of(element)
        for name in names:
            raw = values.get(name)
            if raw is None:
                return self.error(f"<{tag}> has no {name} attribute.", element)
            try:
                if name == "points":
                    [float(v) for v in raw.replace(";", ",").split(",")]
                elif name == "rle":
                    [int(v) for v in raw.split(",")]
                else:
                    value = int(raw) if name in _INTEGERS else float(raw)
                    if not math.isfinite(value):
                        return self.error(f'{name}="{raw}" of <{tag}> is not a finite number.', element)
            except ValueError:
                what = _KINDS.get(name, "an integer" if name in _INTEGERS else "a number")
                return self.error(f'{name}="{raw[:60]}" of <{tag}> is not {what}.', element)
        return self.error(f"<{tag}> holds malformed numbers.", element)

    def integer(self, element: Element, values: dict[str, str], name: str) -> int:
        try:
            return int(values[name])
        except (KeyError, ValueError):
            raise self.explain(element, values, (name,)) from None

    def placement(self, element: Element, values: dict[str, str]) -> tuple[int, float, int]:
        """z_order, rotation and group_id (0 when absent)."""
        try:
            z_order = int(values["z_order"]) if "z_order" in values else 0
            rotation = float(values["rotation"]) if "rotation" in values else 0.0
            group = int(values["group_id"]) if "group_id" in values else 0
        except ValueError:
            raise self.explain(element, values, [n for n in ("z_order", "rotation", "group_id") if n in values]) from None
        if not math.isfinite(rotation):
            raise self.explain(element, values, ("rotation",))
        return z_order, rotation, group

    def geometry(self, element: Element, values: dict[str, str], shape_type: str) -> list[float]:
        try:
            points = _geometry(shape_type, values)
        except (KeyError, ValueError):
            raise self.explain(element, values, _GEOMETRY[shape_type]) from None
        tag = name_of(element)
        if not math.isfinite(sum(points)):
            raise self.error(f"<{tag}> has coordinates that are not finite numbers.", element)
        least = _LEAST_NUMBERS.get(shape_type)
        if least is not None and (len(points) < least or len(points) % 2):
            raise self.error(f"<{tag}> needs at least {least // 2} x,y points, got {len(points) / 2:g}.", element)
        if shape_type == "mask":
            try:
                parse_cvat_mask(points)
            except MaskError as error:
                raise self.error(f"<{tag}>: {error}", element) from None
        return points

    def frame(self, element: Element, values: dict[str, str], task_id: str | None) -> int:
        number = self.integer(element, values, "frame")
        relative = self.head.numbering.relative(number, task_id)
        if relative is None:
            raise self.error(f"frame {number} is not a frame of the annotated task.", element)
        return relative

    # --- <meta> -----------------------------------------------------------------------------------------------------

    def meta(self, element: Element) -> None:
        """Labels, frame numbering, subset and video frame size from <meta>."""
        head = self.head
        labels = element.find(".//labels")
        head.labels = self._labels(labels) if labels is not None else []
        size = element.find(".//original_size")
        if size is not None:
            head.frame_size = (self.child_integer(size, "width", 0), self.child_integer(size, "height", 0))
        owner = next((c for c in element if c.tag in ("task", "job", "project")), None)
        if owner is None:
            return
        if owner.tag == "project":
            head.numbering = self._project_numbering(owner)
            return
        head.subset = (owner.findtext("subset") or "").strip() or None
        step = frame_step(owner.findtext("frame_filter"))
        start = self.child_integer(owner, "start_frame", 0)
        segment = owner.find("segments/segment")
        if owner.tag == "job" and segment is not None:
            # A job's start_frame is its own first frame; its segment says where that lies in the task.
            start -= self.child_integer(segment, "start", 0) * step
        head.numbering = Numbering(start, step)

    def _project_numbering(self, project: Element) -> Numbering:
        # Images of a project are numbered on within a subset, task after task, as CVAT exports them.
        tasks: dict[str, tuple[int, int, int]] = {}
        totals: dict[str, int] = defaultdict(int)
        for task in project.iterfind("tasks/task"):
            step = frame_step(task.findtext("frame_filter"))
            start, size = self.child_integer(task, "start_frame", 0), self.child_integer(task, "size", 0)
            subset = (task.findtext("subset") or "").strip()
            tasks[(task.findtext("id") or "").strip()] = (totals[subset], start, step)
            totals[subset] += start + step * size
        return Numbering(0, 1, tasks)

    def _labels(self, labels: Element) -> list[LabelSpec]:
        found: list[tuple[LabelSpec, str | None, Element]] = []
        for label in labels.iterfind("label"):
            name = label.findtext("name")
            if name is None:
                raise self.error("a <label> has no <name>.", label)
            attributes = tuple(self._attribute(a) for a in label.iterfind("attributes/attribute"))
            spec = LabelSpec(name, (label.findtext("color") or "").strip(), (label.findtext("type") or "").strip() or "any",
                             attributes, svg=label.findtext("svg") or "")
            found.append((spec, (label.findtext("parent") or "").strip() or None, label))
        parents = {spec.name for spec, parent, _ in found if parent is None}
        children: dict[str, list[LabelSpec]] = defaultdict(list)
        for spec, parent, label in found:
            if parent is not None:
                if parent not in parents:
                    raise self.error(f'label "{spec.name}" names an unknown parent "{parent}".', label)
                children[parent].append(spec)
        return [replace(spec, sublabels=tuple(children[spec.name])) for spec, parent, _ in found if parent is None]

    def _attribute(self, element: Element) -> AttributeSpec:
        name = element.findtext("name")
        if name is None:
            raise self.error("an <attribute> of a label has no <name>.", element)
        input_type = (element.findtext("input_type") or "").strip() or "text"
        raw = element.findtext("values") or ""
        # CVAT separates values by newlines; older files (and Datumaro's samples) by spaces.
        if "\n" in raw or input_type == "text":
            values = tuple(v.rstrip("\r") for v in raw.split("\n")) if raw else ()
        else:
            values = tuple(raw.split())
        mutable = (element.findtext("mutable") or "").strip().lower() == "true"
        return AttributeSpec(name, input_type, mutable, values, element.findtext("default_value") or "")

    # --- elements ---------------------------------------------------------------------------------------------

    def read(self, element: Element) -> tuple[dict[str, str], dict[str, str], list[Element]]:
        """(XML attributes, with <attribute> children that name shape fields, plain attribute values,
        other child elements)."""
        fields = dict(element.items())
        values: dict[str, str] = {}
        others: list[Element] = []
        if len(element):
            for child in element:
                tag = child.tag
                if tag == "attribute":
                    name = child.get("name")
                    if name is None:
                        raise self.error("an <attribute> has no name attribute.", child)
                    text = child.text or ""
                    # Names and most values repeat on every shape: one string each instead of millions.
                    (fields if name in _FIELD_ATTRIBUTES else values)[intern(name)] = intern(text) if len(text) < 64 else text
                elif isinstance(tag, str):
                    others.append(child)
        return fields, values, others

    def _label(self, element: Element, fields: dict[str, str]) -> str:
        label = fields.get("label")
        if label is None:
            raise self.error(f"<{name_of(element)}> has no label attribute.", element)
        return intern(label)

    def _unknown(self, child: Element, where: Element) -> DatasetError:
        return self.error(f"unknown element <{name_of(child)}> in <{name_of(where)}>.", child)

    def shape(self, element: Element, *, in_skeleton: bool = False) -> Shape:
        """A shape inside <image> (or a point inside such a <skeleton>)."""
        shape_type = SHAPE_TYPES[name_of(element)]
        fields, values, others = self.read(element)
        label = self._label(element, fields)
        elements: list[Shape] = []
        for child in others:
            if shape_type != "skeleton" or name_of(child) not in _POINT_ELEMENTS:
                raise self._unknown(child, element)
            elements.append(self.shape(child, in_skeleton=True))
        z_order, rotation, group = self.placement(element, fields)
        shape = Shape(
            shape_type, label, self.geometry(element, fields, shape_type), fields.get("occluded") in _TRUE,
            in_skeleton and fields.get("outside") in _TRUE, z_order, rotation, group, intern(fields.get("source") or "manual"),
            1.0, values, elements, None, fields.get("keyframe") in _TRUE,
        )
        if "track_id" in fields:
            shape.track_id = self.integer(element, fields, "track_id")
        return shape

    def tag(self, element: Element) -> Tag:
        fields, values, others = self.read(element)
        if others:
            raise self._unknown(others[0], element)
        group = self.integer(element, fields, "group_id") if "group_id" in fields else 0
        return Tag(self._label(element, fields), group, fields.get("source") or "manual", values)

    def image(self, element: Element) -> ImportedItem:
        fields = dict(element.items())
        name = fields.get("name")
        if name is None and "id" not in fields:
            raise self.error("<image> has neither a name nor an id.", element)
        frame = self.head.numbering.relative(self.integer(element, fields, "id"), fields.get("task_id")) \
            if fields.get("id") else None
        subset = fields.get("subset") or self.head.subset
        width = self.integer(element, fields, "width") if fields.get("width") else None
        height = self.integer(element, fields, "height") if fields.get("height") else None
        item = ImportedItem(name, frame, subset, width or None, height or None, self.find_image(name, subset))
        for child in element:
            tag = child.tag
            if tag in SHAPE_TYPES:
                item.shapes.append(self.shape(child))
            elif tag == "tag":
                item.tags.append(self.tag(child))
            elif isinstance(tag, str):
                raise self._unknown(child, element)
        return item

    def track(self, element: Element) -> Track | ImportedItem | None:
        """A <track> as a Track of keyframes; a mask track as an item holding its first mask (as CVAT)."""
        fields = dict(element.items())
        label = self._label(element, fields)
        shapes, points, flagged = self._track_shapes(element, fields.get("task_id"))
        if not shapes:
            return None
        group = self.integer(element, fields, "group_id") if "group_id" in fields else 0
        source = fields.get("source") or "manual"
        if shapes[0].type == "mask":
            first = shapes[0]
            mask = Shape("mask", label, first.points, first.occluded, False, first.z_order, first.rotation, group,
                         source, attributes=first.attributes)
            return ImportedItem(frame=first.frame, subset=fields.get("subset") or self.head.subset, shapes=[mask])
        elements = [Track(name, keyframes, group, source) for name, keyframes in points.items() if keyframes]
        number = self.integer(element, fields, "id") if "id" in fields else 0
        track = Track(label, shapes, group, source, {}, elements, number)
        if not flagged:
            # No keyframe flags (Datumaro's tracks): every listed frame is one, a missing frame a gap.
            for shape in itertools.chain(shapes, *(e.shapes for e in elements)):
                shape.keyframe = True
            track = close_gaps(track)
        return track

    def _track_shapes(
        self, element: Element, task_id: str | None
    ) -> tuple[list[TrackedShape], dict[str, list[TrackedShape]], bool]:
        """(keyframes, keyframes of each skeleton point, whether the track flags any keyframe). Without
        flags, every shape comes back. Outside shapes that follow a visible one count as keyframes."""
        keyed: list[TrackedShape] = []
        every: list[TrackedShape] = []
        points: dict[str, list[TrackedShape]] = defaultdict(list)
        every_point: dict[str, list[TrackedShape]] = defaultdict(list)
        flagged = False
        for child in element:
            tag = name_of(child)
            if tag not in SHAPE_TYPES:
                if tag == "track":  # the older skeleton layout: one nested track per point
                    nested, _, nested_flagged = self._track_shapes(child, task_id)
                    points[self._label(child, dict(child.items()))].extend(nested)
                    flagged = flagged or nested_flagged
                elif tag and tag != "attribute":
                    raise self._unknown(child, element)
                continue
            if flagged and tag != "skeleton" and child.get("keyframe") not in _TRUE and child.get("outside") not in _TRUE:
                continue  # an interpolated frame: the keyframes around it give it back
            shape, frame_points = self._tracked_shape(child, task_id)
            flagged = flagged or shape.keyframe or any(point.keyframe for _, point in frame_points)
            _keep(keyed, shape)
            for name, point in frame_points:
                _keep(points[name], point)
            if not flagged:
                every.append(shape)
                for name, point in frame_points:
                    every_point[name].append(point)
        if flagged:
            return keyed, dict(points), True
        return every, dict(every_point), False

    def _tracked_shape(self, element: Element, task_id: str | None) -> tuple[TrackedShape, list[tuple[str, TrackedShape]]]:
        shape_type = SHAPE_TYPES[name_of(element)]
        fields, values, others = self.read(element)
        frame = self.frame(element, fields, task_id)
        z_order, rotation, _ = self.placement(element, fields)
        keyframe = fields.get("keyframe") in _TRUE
        shape = TrackedShape(shape_type, frame, self.geometry(element, fields, shape_type), fields.get("occluded") in _TRUE,
                             fields.get("outside") in _TRUE, z_order, rotation, keyframe, values)
        points: list[tuple[str, TrackedShape]] = []
        for child in others:
            if shape_type != "skeleton" or name_of(child) not in _POINT_ELEMENTS:
                raise self._unknown(child, element)
            point = self.shape(child, in_skeleton=True)
            own = child.get("keyframe")
            points.append((point.label, TrackedShape(
                point.type, frame, point.points, point.occluded, point.outside, z_order, point.rotation,
                keyframe if own is None else own in _TRUE, point.attributes,
            )))
        if points and "outside" not in fields:
            # CVAT writes no outside on skeleton frames: the skeleton is gone when all its points are.
            shape.outside = all(point.outside for _, point in points)
        return shape, points

    # --- images ---------------------------------------------------------------------------------------------------

    def find_image(self, name: str | None, subset: str | None) -> Path | None:
        """The image file of an item: `images/<name>`, `images/<subset>/<name>`, or the same without an
        extension in the name (video frames)."""
        if self.images is None or not name:
            return None
        if self._image_index is None:
            self._image_index = {}
            for path in sorted(self.images.rglob("*")):
                if path.is_file():
                    relative = path.relative_to(self.images).as_posix()
                    self._image_index.setdefault(relative, path)
                    self._image_index.setdefault(relative.rsplit(".", 1)[0] if "." in path.name else relative, path)
        name = name.replace("\\", "/").lstrip("/")
        for key in (name, f"{subset}/{name}" if subset else None):
            if key is not None and key in self._image_index:
                return self._image_index[key]
        return None
