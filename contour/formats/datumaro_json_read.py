"""Datumaro 1.0 import: reads `annotations/<subset>.json` files (see `datumaro_json` for what is kept)."""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import orjson

from contour.core.masks import MaskError, coco_rle_to_cvat_mask
from contour.formats.datumaro_json import _CUBOID, _LEAST_NUMBERS, _MAX_MASK_PIXELS, _NUMBER_TYPES, _SOURCES, Json
from contour.formats.errors import DatasetError
from contour.formats.model import (
    AttributeSpec,
    ImportedDataset,
    ImportedItem,
    ImportOptions,
    LabelSpec,
    Shape,
    Tag,
)
from contour.formats.registry import FormatSpec, register_format

# --- import ----------------------------------------------------------------------------------------------------


@dataclass
class _Where:
    file: str
    item: str = ""

    def error(self, message: str) -> DatasetError:
        return DatasetError(f"item {self.item!r}: {message}" if self.item else message, file=self.file)


def _number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _floats(value: object, what: str, where: _Where, count: int | None = None) -> list[float]:
    # One set of element types instead of a check per number: this runs for every shape of a dataset.
    if type(value) is not list or not {type(v) for v in value} <= _NUMBER_TYPES or count not in (None, len(value)):
        raise where.error(f"{what} must be a list of {count or 'some'} numbers, got {value!r:.80}")
    return list(map(float, value))


def _integer(value: object, what: str, where: _Where, default: int = 0) -> int:
    if type(value) is int:
        return value
    if value is None:
        return default
    if not isinstance(value, int) or isinstance(value, bool):
        raise where.error(f"{what} must be an integer, got {value!r}")
    return value


def _decimal(value: object) -> float | None:
    if not isinstance(value, str | int | float) or isinstance(value, bool):
        return None
    try:
        return float(value)
    except ValueError:
        return None


def _flag(value: object) -> bool:
    return value is True or (isinstance(value, str) and value.lower() == "true") or (_number(value) and value != 0)


def _text(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, str | int | float):
        return str(value)
    return "" if value is None else orjson.dumps(value).decode()


def _strings(value: object, what: str, where: _Where) -> list[str]:
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise where.error(f"{what} must be a list of strings")
    return value


def _skeleton_svg(names: Sequence[str], joints: Sequence[tuple[int, int]]) -> str:
    """A CVAT skeleton SVG with the points on a circle (Datumaro keeps no layout CVAT could use)."""
    spots = [(50 + 40 * math.cos(2 * math.pi * i / len(names)), 50 + 40 * math.sin(2 * math.pi * i / len(names)))
             for i in range(len(names))]
    lines = [f'<line x1="{spots[a - 1][0]:.2f}" y1="{spots[a - 1][1]:.2f}" x2="{spots[b - 1][0]:.2f}" '
             f'y2="{spots[b - 1][1]:.2f}" data-type="edge" data-node-from="{a}" data-node-to="{b}"></line>'
             for a, b in joints]
    circles = [f'<circle r="0.75" cx="{x:.2f}" cy="{y:.2f}" data-type="element node" data-element-id="{i + 1}" '
               f'data-node-id="{i + 1}" data-label-name={_quote(name)}></circle>' for i, (name, (x, y)) in
               enumerate(zip(names, spots, strict=True))]
    return "".join(lines + circles)


def _quote(value: str) -> str:
    return '"' + value.replace("&", "&amp;").replace("<", "&lt;").replace('"', "&quot;") + '"'


def _section(categories: Json, key: str) -> Json:
    section = categories.get(key)
    return section if isinstance(section, dict) else {}


@dataclass
class _FileLabels:
    """One annotation file's label table: (name, parent) by label id, skeleton point names by skeleton id."""

    names: list[tuple[str, str]]
    points: dict[int, list[str]]
    specs: list[LabelSpec]

    @classmethod
    def parse(cls, categories: Json, where: _Where) -> _FileLabels:
        entries = _section(categories, "label").get("labels", [])
        if not isinstance(entries, list) or not all(
                isinstance(e, dict) and isinstance(e.get("name"), str) and isinstance(e.get("parent") or "", str)
                for e in entries):
            raise where.error("categories.label.labels must be a list of {name, parent, attributes}")
        names: list[tuple[str, str]] = [(e["name"], e.get("parent") or "") for e in entries]
        index = {key: i for i, key in enumerate(names)}
        attributes = [tuple(AttributeSpec(a) for a in _strings(e.get("attributes"), "label attributes", where))
                      for e in entries]
        colors: dict[int, str] = {}
        colormap = _section(categories, "mask").get("colormap")
        for c in colormap if isinstance(colormap, list) else []:
            if isinstance(c, dict) and all(isinstance(c.get(k), int) for k in ("label_id", "r", "g", "b")):
                colors[c["label_id"]] = "#{:02x}{:02x}{:02x}".format(*(c[k] & 255 for k in "rgb"))
        points: dict[int, list[str]] = {}
        joints: dict[int, list[tuple[int, int]]] = {}
        skeletons = _section(categories, "points").get("items")
        for entry in skeletons if isinstance(skeletons, list) else []:
            if isinstance(entry, dict) and isinstance(entry.get("label_id"), int):
                points[entry["label_id"]] = _strings(entry.get("labels"), "skeleton point labels", where)
                pairs = entry.get("joints")
                joints[entry["label_id"]] = [(j[0], j[1]) for j in pairs if isinstance(j, list) and len(j) == 2 and all(
                    isinstance(v, int) for v in j)] if isinstance(pairs, list) else []
        # A skeleton (as CVAT writes one) is a label with child labels and a `points` entry; other parents are a
        # taxonomy, and their children stay labels of their own.
        children: dict[str, list[str]] = defaultdict(list)
        for name, parent in names:
            if parent:
                children[parent].append(name)
        skeletons = {name for label_id, (name, parent) in enumerate(names)
                     if not parent and children.get(name) and label_id in points}
        specs = []
        for label_id, (name, parent) in enumerate(names):
            if parent in skeletons:
                continue
            order = (points[label_id] if set(points[label_id]) == set(children[name]) else children[name]) if (
                name in skeletons and not parent) else []
            sublabels = tuple(LabelSpec(n, colors.get(index[(n, name)], ""), "points", attributes[index[(n, name)]])
                              for n in order)
            edges = [(a, b) for a, b in joints.get(label_id, []) if 1 <= a <= len(order) and 1 <= b <= len(order)]
            specs.append(LabelSpec(name, colors.get(label_id, ""), "skeleton" if order else "any",
                                   attributes[label_id], sublabels, _skeleton_svg(order, edges) if order else ""))
        return cls(names, points, specs)

    def label(self, value: object, where: _Where) -> int | None:
        if value is None:
            return None
        label_id = _integer(value, "label_id", where)
        if not 0 <= label_id < len(self.names):
            raise where.error(f"label_id {label_id} is not one of the {len(self.names)} labels in the categories")
        return label_id


def _shape_fields(ann: Json, where: _Where) -> tuple[dict[str, Any], dict[str, str]]:
    """Shape fields CVAT stores as Datumaro attributes, and the remaining attributes as text. (Runs for every shape:
    the attributes are taken out of the parsed JSON in place, and the common value types skip the converters.)"""
    z_order, group = ann.get("z_order"), ann.get("group")
    fields: dict[str, Any] = {"z_order": z_order if type(z_order) is int else _integer(z_order, "z_order", where),
                              "group": group if type(group) is int else _integer(group, "group", where)}
    attributes = ann.get("attributes")
    if type(attributes) is not dict:
        if attributes is None:
            return fields, {}
        raise where.error("annotation attributes must be an object")
    pop = attributes.pop
    occluded, outside, rotation = pop("occluded", False), pop("outside", False), pop("rotation", None)
    fields["occluded"] = occluded if type(occluded) is bool else _flag(occluded)
    fields["outside"] = outside if type(outside) is bool else _flag(outside)
    if rotation is not None:
        degrees = _decimal(rotation)
        fields["rotation"] = degrees if degrees is not None and math.isfinite(degrees) else 0.0
    track_id, keyframe = pop("track_id", None), pop("keyframe", None)
    if keyframe is not None and track_id is not None:
        fields["track_id"] = _integer(track_id, "track_id", where)
        fields["keyframe"] = _flag(keyframe)
    source = attributes.get("source")
    if isinstance(source, str) and source.lower() in _SOURCES:
        fields["source"] = pop("source").lower()
    return fields, {k: v if type(v) is str else _text(v) for k, v in attributes.items()}


def _elements(ann: Json, labels: _FileLabels, label_id: int, where: _Where) -> list[Shape]:
    elements = []
    if isinstance(ann.get("elements"), list):
        for element in ann["elements"]:
            if not isinstance(element, dict):
                raise where.error("skeleton elements must be objects")
            point = _floats(element.get("points"), "a skeleton element's points", where, 2)
            visibility = element.get("visibility") or [2]
            element_id = labels.label(element.get("label_id"), where)
            if element_id is None or not isinstance(visibility, list):
                raise where.error("a skeleton element needs a label_id and a visibility list")
            fields, attributes = _shape_fields(element, where)
            elements.append(Shape("points", labels.names[element_id][0], point, occluded=visibility[0] == 1,
                                  outside=visibility[0] == 0, source=fields.get("source", "manual"),
                                  attributes=attributes))
        return elements
    # Datumaro's flat layout: x, y, visibility per point, point names from the `points` category.
    point_names = labels.points.get(label_id, [])
    flat = _floats(ann.get("points"), "skeleton points (x, y, visibility each)", where, 3 * len(point_names))
    extras = ann.get("points_attributes") or []
    for i, name in enumerate(point_names):
        x, y, v = flat[3 * i : 3 * i + 3]
        extra = extras[i] if isinstance(extras, list) and i < len(extras) and isinstance(extras[i], dict) else {}
        elements.append(Shape("points", name, [x, y], occluded=v == 1, outside=v == 0,
                              attributes={k: _text(val) for k, val in extra.items()}))
    return elements


def _points(ann: Json, kind: str, where: _Where) -> tuple[str, list[float]] | None:
    if kind == "bbox":
        x, y, w, h = _floats(ann.get("bbox"), "bbox", where, 4)
        return "rectangle", [x, y, x + w, y + h]
    if kind in _LEAST_NUMBERS:
        points = _floats(ann.get("points"), kind, where)
        if len(points) < _LEAST_NUMBERS[kind] or len(points) % 2:
            raise where.error(f"a {kind} needs at least {_LEAST_NUMBERS[kind] // 2} points given as x, y pairs, "
                              f"got {len(points)} numbers")
        return kind, points
    if kind == "ellipse":
        x1, y1, x2, y2 = _floats(ann.get("points"), kind, where, 4)
        return "ellipse", [(x1 + x2) / 2, (y1 + y2) / 2, x2, y1]
    if kind == "cuboid_2d":
        corners = ann.get("points")
        if not isinstance(corners, list) or len(corners) != 8:
            raise where.error("a cuboid_2d needs 8 points")
        flat = [0.0] * 16
        for k, i in enumerate(_CUBOID):
            flat[2 * i : 2 * i + 2] = _floats(corners[k], "a cuboid_2d point", where, 2)
        return "cuboid", flat
    if kind == "cuboid_3d":
        parts = [_floats(ann.get(k), k, where, 3) for k in ("position", "rotation", "scale")]
        return "cuboid", [*parts[0], *parts[1], *parts[2], *[0.0] * 7]
    if kind == "mask":
        rle = ann.get("rle")
        size = rle.get("size") if isinstance(rle, dict) else None
        if isinstance(size, list) and all(_number(v) for v in size) and math.prod(size) > _MAX_MASK_PIXELS:
            raise where.error(f"the mask size {size} is larger than any image")
        try:
            return "mask", coco_rle_to_cvat_mask(rle if isinstance(rle, dict) else {})
        except MaskError as error:
            if "empty" in str(error):
                return None  # an empty mask annotates nothing
            raise where.error(f"bad mask RLE: {error}") from error
    return None


def _annotation(ann: object, labels: _FileLabels, where: _Where) -> Shape | Tag | None:
    if not isinstance(ann, dict):
        raise where.error("annotations must be objects")
    kind = str(ann.get("type"))
    label_id = labels.label(ann.get("label_id"), where)
    if label_id is None:
        return None  # captions and unlabelled objects have no CVAT counterpart
    name = labels.names[label_id][0]
    fields, attributes = _shape_fields(ann, where)
    if kind == "label":
        return Tag(name, fields["group"], attributes=attributes)
    if kind == "skeleton":
        return Shape("skeleton", name, [], attributes=attributes, elements=_elements(ann, labels, label_id, where),
                     **fields)
    geometry = _points(ann, kind, where)
    return None if geometry is None else Shape(geometry[0], name, geometry[1], attributes=attributes, **fields)


class _Reader:
    """Items of all subset files, then CVAT's track rules over them (a track may cross items of any file)."""

    def __init__(self, root: Path) -> None:
        self.root = root.resolve()
        self.labels: dict[str, LabelSpec] = {}
        self.items: list[ImportedItem] = []
        self.by_frame: dict[int, ImportedItem] = {}
        self.tracks: dict[int, list[tuple[int | None, Shape, str]]] = defaultdict(list)

    def read(self, subset: str, file: Path, rel: str) -> None:
        where = _Where(rel)
        try:
            data = orjson.loads(file.read_bytes())
        except orjson.JSONDecodeError as error:
            raise DatasetError(f"malformed JSON: {error.msg}", file=rel, line=error.lineno) from error
        except OSError as error:
            raise DatasetError(f"cannot read the file: {error.strerror}", file=rel) from error
        if not isinstance(data, dict) or not isinstance(data.get("items"), list) or not isinstance(
                data.get("categories"), dict):
            raise where.error("not a Datumaro annotation file: it needs 'categories' and an 'items' list")
        if data.get("dm_format_version", "1.0") != "1.0":
            raise where.error(f"Datumaro format version {data['dm_format_version']!r} is not supported (only 1.0)")
        labels = _FileLabels.parse(data["categories"], where)
        for spec in labels.specs:
            self.labels.setdefault(spec.name, spec)
        raw_items: list[object] = data.pop("items")
        del data
        raw_items.reverse()  # popping from the end releases each item's JSON once it is converted
        while raw_items:
            self._item(raw_items.pop(), subset, labels, where)

    def _item(self, desc: object, subset: str, labels: _FileLabels, where: _Where) -> None:
        if not isinstance(desc, dict) or not isinstance(desc.get("id"), str | int):
            raise where.error("each item must be an object with an 'id'")
        where = _Where(where.file, str(desc["id"]))
        attr = desc.get("attr")
        frame = attr.get("frame") if isinstance(attr, dict) else None
        if not isinstance(frame, int) or isinstance(frame, bool):
            frame = None
        if frame is not None and frame < 0:
            raise where.error(f"frame {frame} is negative")
        item = ImportedItem(name=str(desc["id"]), frame=frame, subset=subset)
        image = desc.get("image")
        if isinstance(image, dict):
            size = image.get("size")
            if isinstance(size, list) and len(size) == 2 and all(type(v) is int and v > 0 for v in size):
                item.height, item.width = size
            item.image = self._image(image.get("path"), subset)
        annotations = desc.get("annotations") or []
        if not isinstance(annotations, list):
            raise where.error("'annotations' must be a list")
        for ann in annotations:
            converted = _annotation(ann, labels, where)
            if isinstance(converted, Tag):
                item.tags.append(converted)
            elif converted is not None:
                item.shapes.append(converted)
        # CVAT keeps a group only when it joins two shapes or more.
        sizes = Counter(s.group for s in item.shapes)
        for shape in item.shapes:
            shape.group = shape.group if sizes[shape.group] > 1 else 0
        for tag in item.tags:
            tag.group = tag.group if sizes[tag.group] > 1 else 0
        for shape in item.shapes:
            if shape.track_id is not None:
                self.tracks[shape.track_id].append((frame, shape, where.file))
        self.items.append(item)
        if frame is not None:
            self.by_frame.setdefault(frame, item)

    def _image(self, path: object, subset: str) -> Path | None:
        if not isinstance(path, str) or not path:
            return None
        for candidate in (self.root / "images" / subset / path, self.root / "images" / path):
            resolved = candidate.resolve()
            if resolved.is_relative_to(self.root) and resolved.is_file():
                return resolved
        return None

    def finish(self) -> list[ImportedItem]:
        """Add an outside keyframe wherever a track vanishes within the dataset's frames: Datumaro lists a track on
        every frame it is visible on (the server would infer the same; this way it needs no format knowledge)."""
        last = max(self.by_frame, default=-1)
        for track_id, entries in self.tracks.items():
            if any(frame is None for frame, _, _ in entries):
                continue  # no frame numbers: the server builds the track from the shapes as they are
            entries.sort(key=lambda e: e[0] or 0)
            for (frame, shape, rel), following in zip(entries, [*entries[1:], None], strict=True):
                end = following[0] if following is not None else last + 1
                if frame == end:
                    raise DatasetError(f"track {track_id} has two shapes on frame {frame}", file=rel)
                if not shape.outside and frame is not None and end is not None and end > frame + 1:
                    self._outside(shape, frame + 1)
        return self.items

    def _outside(self, shape: Shape, frame: int) -> None:
        item = self.by_frame.get(frame)
        if item is None:
            item = self.by_frame[frame] = ImportedItem(frame=frame)
            self.items.append(item)
        item.shapes.append(replace(shape, outside=True, keyframe=True, attributes=dict(shape.attributes),
                                   elements=[replace(e, outside=True) for e in shape.elements]))


def _annotation_files(path: Path) -> tuple[Path, list[tuple[str, Path, str]]]:
    """The dataset root and its (subset, file, name for messages) annotation files; a bare JSON file is one subset."""
    if path.is_file():
        root = path.parent.parent if path.parent.name == "annotations" else path.parent
        return root, [(path.stem, path, path.name)]
    candidates = [path] if (path / "annotations").is_dir() else [
        d for d in sorted(path.iterdir()) if d.is_dir() and not d.name.startswith((".", "__")) and
        (d / "annotations").is_dir()]
    if len(candidates) != 1:
        raise DatasetError("expected one dataset folder with annotations/<subset>.json files, found "
                           f"{len(candidates)}: this is not a Datumaro dataset", file=".")
    files = sorted(f for f in (candidates[0] / "annotations").glob("*.json") if f.is_file())
    if not files:
        raise DatasetError("no annotations/<subset>.json file: this is not a Datumaro dataset", file=".")
    return candidates[0], [(f.stem, f, f.relative_to(path).as_posix()) for f in files]


def import_datumaro(path: Path, options: ImportOptions) -> ImportedDataset:
    root, files = _annotation_files(path)
    reader = _Reader(root)
    for subset, file, rel in files:
        reader.read(subset, file, rel)
    return ImportedDataset(list(reader.labels.values()), reader.finish())


register_format(FormatSpec("Datumaro", "1.0", "JSON, ZIP"), importer=import_datumaro)
