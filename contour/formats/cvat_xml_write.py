"""The CVAT XML 1.1 layout and the text that writes it: escaping, CVAT's number formats, <meta>, and one
element per shape, tag or tracked shape, built as plain strings (no tree) so that exports stream."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import BinaryIO, TypeAlias

from contour.formats.model import DEFAULT_SUBSET, DatasetMeta, Frame, LabelSpec, Shape, Tag

# XML element of each shape type (CVAT calls a rectangle a box).
SHAPE_ELEMENTS = {
    "rectangle": "box", "polygon": "polygon", "polyline": "polyline", "points": "points",
    "ellipse": "ellipse", "cuboid": "cuboid", "mask": "mask", "skeleton": "skeleton",
}
# A 2D cuboid's 16 numbers: the front face's corners, then the back face's.
CUBOID_ATTRIBUTES = (
    "xtl1", "ytl1", "xbl1", "ybl1", "xtr1", "ytr1", "xbr1", "ybr1",
    "xtl2", "ytl2", "xbl2", "ybl2", "xtr2", "ytr2", "xbr2", "ybr2",
)
_ROTATABLE = frozenset({"rectangle", "ellipse"})
_STEP = re.compile(r"step\s*=\s*(\d+)")


def frame_step(frame_filter: str | None) -> int:
    """The step of CVAT's frame filter (`step=3`); 1 when it has none."""
    found = _STEP.search(frame_filter or "")
    return max(int(found.group(1)), 1) if found else 1


# --- escaping ---------------------------------------------------------------------------------------------------

# Characters XML 1.0 cannot hold at all are dropped: a reader would refuse the whole file for one of them.
_INVALID = "".join(chr(c) for c in range(0x20) if c not in (0x09, 0x0A, 0x0D))
_TEXT_TABLE = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", **dict.fromkeys(_INVALID)})
_ATTR_TABLE = str.maketrans(
    {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "\n": "&#10;", "\r": "&#13;", "\t": "&#9;",
     **dict.fromkeys(_INVALID)}
)
_TEXT_SPECIAL = re.compile("[&<>" + re.escape(_INVALID) + "]")
_ATTR_SPECIAL = re.compile('[&<>"\n\r\t' + re.escape(_INVALID) + "]")
_CACHE_LIMIT = 1 << 16


class Escaper:
    """Escapes strings for attribute values and text, remembering recent results: labels, attribute
    names and most attribute values repeat on every shape, so a dict hit replaces a scan."""

    def __init__(self) -> None:
        self._attr: dict[str, str] = {}
        self._text: dict[str, str] = {}

    def attr(self, value: str) -> str:
        found = self._attr.get(value)
        if found is None:
            found = value.translate(_ATTR_TABLE) if _ATTR_SPECIAL.search(value) else value
            if len(self._attr) >= _CACHE_LIMIT:
                self._attr.clear()
            self._attr[value] = found
        return found

    def text(self, value: str) -> str:
        found = self._text.get(value)
        if found is None:
            found = value.translate(_TEXT_TABLE) if _TEXT_SPECIAL.search(value) else value
            if len(self._text) >= _CACHE_LIMIT:
                self._text.clear()
            self._text[value] = found
        return found


class TextSink:
    """Collects text and writes it to a binary stream as UTF-8 in large chunks."""

    def __init__(self, stream: BinaryIO, chunk: int = 1 << 20) -> None:
        self._stream = stream
        self._chunk = chunk
        self._parts: list[str] = []
        self._size = 0

    def write(self, text: str) -> None:
        self._parts.append(text)
        self._size += len(text)
        if self._size >= self._chunk:
            self.flush()

    def flush(self) -> None:
        if self._parts:
            self._stream.write("".join(self._parts).encode("utf-8"))
            self._parts.clear()
            self._size = 0


# --- geometry -----------------------------------------------------------------------------------------------------

_POINT_FORMATS: dict[int, str] = {}
_CUBOID_FORMAT = "".join(f' {name}="%.2f"' for name in CUBOID_ATTRIBUTES)


def points_text(points: Sequence[float]) -> str:
    """CVAT's `x,y;x,y` with two decimals."""
    pairs = len(points) // 2
    layout = _POINT_FORMATS.get(pairs)
    if layout is None:
        layout = _POINT_FORMATS[pairs] = ";".join(["%.2f,%.2f"] * pairs)
    return layout % tuple(points[: 2 * pairs])


def geometry(shape_type: str, points: Sequence[float], rotation: float) -> str:
    """The coordinate attributes of a shape element (with a leading space), rotation included."""
    if shape_type == "rectangle":
        text = f' xtl="{points[0]:.2f}" ytl="{points[1]:.2f}" xbr="{points[2]:.2f}" ybr="{points[3]:.2f}"'
    elif shape_type == "ellipse":
        cx, cy, right, top = points[:4]
        text = f' cx="{cx:.2f}" cy="{cy:.2f}" rx="{right - cx:.2f}" ry="{cy - top:.2f}"'
    elif shape_type == "cuboid":
        text = _CUBOID_FORMAT % tuple(points[:16])
    elif shape_type == "mask":
        # The run lengths run row by row over the mask's box, starting with background: CVAT's API layout.
        left, top, right, bottom = (int(v) for v in points[-4:])
        rle = ", ".join(map(str, map(int, points[:-4])))
        text = f' rle="{rle}" left="{left}" top="{top}" width="{right - left + 1}" height="{bottom - top + 1}"'
    elif shape_type == "skeleton":
        return ""
    else:
        text = f' points="{points_text(points)}"'
    if rotation and shape_type in _ROTATABLE:
        text += f' rotation="{rotation:.2f}"'
    return text


def attributes_text(values: dict[str, str], indent: str, esc: Escaper) -> str:
    return "".join(
        f'\n{indent}<attribute name="{esc.attr(name)}">{esc.text(value)}</attribute>' for name, value in values.items()
    )


def _group(group: int) -> str:
    return f' group_id="{group}"' if group else ""


# --- CVAT for images ----------------------------------------------------------------------------------------------


def image_shape(shape: Shape, esc: Escaper, indent: str = "    ") -> str:
    """A shape inside <image>: label, source, occluded, coordinates, z_order, group, then its attributes."""
    element = SHAPE_ELEMENTS[shape.type]
    inner = indent + "  "
    head = f'\n{indent}<{element} label="{esc.attr(shape.label)}" source="{esc.attr(shape.source)}"'
    body = ""
    if shape.type == "skeleton":
        body = "".join(_skeleton_point(point, esc, inner) for point in shape.elements)
    else:
        head += ' occluded="1"' if shape.occluded else ' occluded="0"'
    head += f'{geometry(shape.type, shape.points, shape.rotation)} z_order="{shape.z_order}"{_group(shape.group)}>'
    return f"{head}{body}{attributes_text(shape.attributes, inner, esc)}\n{indent}</{element}>"


def _skeleton_point(point: Shape, esc: Escaper, indent: str) -> str:
    element = SHAPE_ELEMENTS[point.type]
    return (
        f'\n{indent}<{element} label="{esc.attr(point.label)}" source="{esc.attr(point.source)}"'
        f' outside="{int(point.outside)}" occluded="{int(point.occluded)}"'
        f"{geometry(point.type, point.points, point.rotation)}{_group(point.group)}>"
        f"{attributes_text(point.attributes, indent + '  ', esc)}\n{indent}</{element}>"
    )


def tag_text(tag: Tag, esc: Escaper, indent: str = "    ") -> str:
    return (
        f'\n{indent}<tag label="{esc.attr(tag.label)}" source="{esc.attr(tag.source)}"{_group(tag.group)}>'
        f"{attributes_text(tag.attributes, indent + '  ', esc)}\n{indent}</tag>"
    )


def image_open(frame: Frame, number: int, name: str, project: bool, esc: Escaper) -> str:
    where = f' subset="{esc.attr(frame.subset)}"' if project else ""
    if project and frame.task_id is not None:
        where += f' task_id="{frame.task_id}"'
    return (
        f'\n  <image id="{number}" name="{esc.attr(name)}"{where} width="{frame.width}" height="{frame.height}">'
    )


# --- CVAT for video -----------------------------------------------------------------------------------------------


def track_open(index: int, label: str, source: str, group: int, esc: Escaper, task: tuple[int, str] | None) -> str:
    where = f' task_id="{task[0]}" subset="{esc.attr(task[1])}"' if task is not None else ""
    return f'\n  <track id="{index}" label="{esc.attr(label)}" source="{esc.attr(source)}"{where}{_group(group)}>'


def tracked_shape(
    shape: Shape, number: int, esc: Escaper, *, keyframe: bool | None = None, outside: bool | None = None
) -> str:
    """One frame of a track: frame, keyframe, outside, occluded, coordinates, z_order, attributes.

    `keyframe` and `outside` override the shape's own flags (and its points': an outside skeleton has
    all its points outside). Skeletons carry no outside or occluded of their own (as in CVAT): their
    points say it, each with its own keyframe flag.
    """
    element = SHAPE_ELEMENTS[shape.type]
    indent = "    "
    inner = indent + "  "
    key = int(shape.keyframe if keyframe is None else keyframe)
    if shape.type == "skeleton":
        head = f'\n{indent}<skeleton frame="{number}" keyframe="{key}" z_order="{shape.z_order}">'
        body = "".join(_tracked_point(point, esc, inner, keyframe, outside) for point in shape.elements)
    else:
        gone = int(shape.outside if outside is None else outside)
        head = (
            f'\n{indent}<{element} frame="{number}" keyframe="{key}" outside="{gone}"'
            f' occluded="{int(shape.occluded)}"{geometry(shape.type, shape.points, shape.rotation)}'
            f' z_order="{shape.z_order}">'
        )
        body = ""
    return f"{head}{body}{attributes_text(shape.attributes, inner, esc)}\n{indent}</{element}>"


def _tracked_point(point: Shape, esc: Escaper, indent: str, keyframe: bool | None, outside: bool | None) -> str:
    element = SHAPE_ELEMENTS[point.type]
    key = int(point.keyframe if keyframe is None else keyframe)
    return (
        f'\n{indent}<{element} label="{esc.attr(point.label)}" keyframe="{key}"'
        f' outside="{int(point.outside or bool(outside))}" occluded="{int(point.occluded)}"'
        f"{geometry(point.type, point.points, point.rotation)}>"
        f"{attributes_text(point.attributes, indent + '  ', esc)}\n{indent}</{element}>"
    )


TRACK_CLOSE = "\n  </track>"
IMAGE_CLOSE = "\n  </image>"
DOCUMENT_CLOSE = "\n</annotations>\n"


# --- <meta> -------------------------------------------------------------------------------------------------------

MetaValue: TypeAlias = "str | list[tuple[str, MetaValue]]"


def _render(parts: list[str], name: str, value: MetaValue, level: int, esc: Escaper) -> None:
    pad = "\n" + "  " * level
    if isinstance(value, str):
        parts.append(f"{pad}<{name}>{esc.text(value)}</{name}>")
        return
    parts.append(f"{pad}<{name}>")
    for child_name, child in value:
        _render(parts, child_name, child, level + 1, esc)
    parts.append(f"{pad}</{name}>")


def _when(moment: datetime | None) -> str:
    return str(moment) if moment is not None else ""


def _person(name: str) -> MetaValue:
    return [("username", name), ("email", "")] if name else ""


def _label(label: LabelSpec, parent: str | None) -> list[tuple[str, MetaValue]]:
    attributes: list[tuple[str, MetaValue]] = [
        ("attribute", [
            ("name", spec.name), ("mutable", str(spec.mutable)), ("input_type", spec.input_type),
            ("default_value", spec.default_value), ("values", "\n".join(spec.values)),
        ])
        for spec in label.attributes
    ]
    fields: list[tuple[str, MetaValue]] = [
        ("name", label.name), ("color", label.color), ("type", label.type), ("attributes", attributes),
    ]
    if parent is not None:
        fields.append(("parent", parent))
    if label.type == "skeleton" or label.sublabels:
        fields.append(("svg", label.svg))
    return fields


def labels_meta(labels: Sequence[LabelSpec]) -> MetaValue:
    """Every label, each skeleton followed by its points (which name it as their parent)."""
    entries: list[tuple[str, MetaValue]] = []
    for label in labels:
        entries.append(("label", _label(label, None)))
        entries.extend(("label", _label(sublabel, label.name)) for sublabel in label.sublabels)
    return entries


def _segments(meta: DatasetMeta) -> MetaValue:
    return [
        ("segment", [("id", str(s.id)), ("start", str(s.start)), ("stop", str(s.stop)), ("url", s.url)])
        for s in meta.segments
    ]


def _frame_size(meta: DatasetMeta) -> MetaValue:
    width, height = meta.original_size or (0, 0)
    return [("width", str(width)), ("height", str(height))]


def _task_or_job(meta: DatasetMeta) -> list[tuple[str, MetaValue]]:
    fields: list[tuple[str, MetaValue]] = [("id", str(meta.id))]
    size, start, stop = meta.size, meta.start_frame, meta.stop_frame
    if meta.kind == "task":
        fields.append(("name", meta.name))
    elif meta.segments:
        # A job shows its own frames, in the task's absolute numbers, as CVAT writes them.
        segment, step = meta.segments[0], frame_step(meta.frame_filter)
        size = segment.stop - segment.start + 1
        start, stop = meta.start_frame + segment.start * step, meta.start_frame + segment.stop * step
    fields += [
        ("size", str(size)), ("mode", meta.mode), ("overlap", str(meta.overlap)),
        ("bugtracker", meta.bugtracker), ("created", _when(meta.created)), ("updated", _when(meta.updated)),
        ("subset", meta.subset or DEFAULT_SUBSET), ("start_frame", str(start)),
        ("stop_frame", str(stop)), ("frame_filter", meta.frame_filter), ("segments", _segments(meta)),
        ("owner", _person(meta.owner)), ("assignee", _person(meta.assignee)), ("labels", labels_meta(meta.labels)),
    ]
    if meta.kind == "task" and meta.original_size is not None:
        fields.append(("original_size", _frame_size(meta)))
    return fields


def _project(meta: DatasetMeta) -> list[tuple[str, MetaValue]]:
    tasks: list[tuple[str, MetaValue]] = [
        ("task", [
            ("id", str(task_id)), ("name", name), ("size", str(size)), ("mode", meta.mode),
            ("subset", subset or DEFAULT_SUBSET), ("start_frame", "0"), ("stop_frame", str(max(size - 1, 0))),
            ("frame_filter", ""),
        ])
        for task_id, name, size, subset in meta.tasks
    ]
    subsets = list(dict.fromkeys(subset or DEFAULT_SUBSET for *_, subset in meta.tasks)) or [DEFAULT_SUBSET]
    return [
        ("id", str(meta.id)), ("name", meta.name), ("bugtracker", meta.bugtracker),
        ("created", _when(meta.created)), ("updated", _when(meta.updated)), ("tasks", tasks),
        ("subsets", "\n".join(subsets)), ("owner", _person(meta.owner)), ("assignee", _person(meta.assignee)),
        ("labels", labels_meta(meta.labels)),
    ]


def document_head(meta: DatasetMeta, esc: Escaper) -> str:
    """The XML declaration, <annotations>, <version> and the whole <meta> of a task, job or project."""
    parts = ['<?xml version="1.0" encoding="utf-8"?>\n<annotations>\n  <version>1.1</version>\n  <meta>']
    body = _project(meta) if meta.kind == "project" else _task_or_job(meta)
    _render(parts, meta.kind if meta.kind in ("job", "project") else "task", body, 2, esc)
    _render(parts, "dumped", str(meta.dumped or datetime.now(UTC)), 2, esc)
    if meta.kind == "job" and meta.original_size is not None:
        # CVAT puts a job's frame size beside <job>, not inside it.
        _render(parts, "original_size", _frame_size(meta), 2, esc)
    parts.append("\n  </meta>")
    return "".join(parts)
