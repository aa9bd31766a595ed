"""The "COCO Keypoints 1.0" format (CVAT's, over Datumaro's `coco_person_keypoints`): skeletons as
`person_keypoints_<subset>.json` keypoint annotations, both ways; everything else is lost.

A skeleton's keypoints follow the points of its label's SVG (CVAT's order), each as x, y and a visibility:
0 for an outside point (or one the skeleton lacks), 1 occluded, 2 visible; category `skeleton` edges are
1-based keypoint numbers. On import each category with keypoints becomes a skeleton label whose SVG lays its
points on a circle, with the file's edges (0-based edge lists, as some tools write them, are recognised).

Kept: the points, their occluded/outside state, the skeleton's attributes, CVAT's track attributes. A skeleton
grouped with boxes, polygons or masks takes their geometry as its bbox and segmentation (and keeps its own
label, where CVAT would take the box's). Lost: other shape types, tags, the points' own attributes; on import
the annotations' boxes and segmentations (a skeleton label cannot hold them, CVAT drops them too).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from xml.sax.saxutils import quoteattr

from lxml import etree

from contour.formats.coco import Instance, build_instance, frame_parts, instance_entry, instance_groups
from contour.formats.coco_export import Annotator, Attributes, Entry, category_ids, export_coco, flat_labels
from contour.formats.coco_import import (
    CocoFile,
    Converter,
    Fields,
    Image,
    annotation_category,
    apply_attributes,
    apply_score,
    find_files,
    load_json,
    read_categories,
    read_file,
)
from contour.formats.errors import DatasetError
from contour.formats.model import (
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

_SVG_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)


# --- export ------------------------------------------------------------------------------------------------------


def keypoint_layout(label: LabelSpec) -> tuple[list[str], list[list[int]]]:
    """Keypoint names in the order of the skeleton SVG's points, and its edges as 1-based keypoint numbers."""
    names: list[str] = []
    node_ids: list[str] = []
    raw_edges: list[tuple[str, str]] = []
    try:
        root = etree.fromstring(f"<svg>{label.svg}</svg>".encode(), _SVG_PARSER)
    except etree.XMLSyntaxError:
        root = None
    for element in root.iter() if root is not None else ():
        if not isinstance(element.tag, str):
            continue
        tag = etree.QName(element).localname
        if tag == "circle" and element.get("data-label-name") is not None:
            names.append(str(element.get("data-label-name")))
            node_ids.append(str(element.get("data-node-id", len(names))))
        elif tag == "line":
            raw_edges.append((str(element.get("data-node-from", "")), str(element.get("data-node-to", ""))))
    if not names:
        return [s.name for s in label.sublabels], []
    position = {node: index + 1 for index, node in enumerate(node_ids)}
    edges = [[position[a], position[b]] for a, b in raw_edges if a in position and b in position]
    return names, edges


def keypoint_categories(meta: DatasetMeta) -> list[Entry]:
    categories: list[Entry] = []
    for index, (label, parent) in enumerate(flat_labels(meta.labels)):
        if parent:
            continue
        names, edges = keypoint_layout(label) if label.sublabels else ([], [])
        categories.append({"id": index + 1, "name": label.name, "supercategory": "", "keypoints": names, "skeleton": edges})
    return categories


def _keypoints(skeleton: Shape, names: list[str]) -> tuple[list[float], int, list[float]]:
    """The x, y, visibility triplets, the number of labelled points and the box of those points."""
    elements: dict[str, Shape] = {}
    for element in skeleton.elements:
        elements.setdefault(element.label, element)
    keypoints: list[float] = []
    xs, ys = [], []
    for name in names:
        point = elements.get(name)
        if point is None or len(point.points) < 2:
            keypoints.extend((0.0, 0.0, 0))
            continue
        x, y = float(point.points[0]), float(point.points[1])
        visibility = 0 if point.outside else 1 if point.occluded else 2
        keypoints.extend((x, y, visibility))
        if visibility:
            xs.append(x)
            ys.append(y)
    bbox = [min(xs), min(ys), max(xs) - min(xs), max(ys) - min(ys)] if xs else [0.0, 0.0, 0.0, 0.0]
    return keypoints, len(xs), bbox


def keypoints_annotator(meta: DatasetMeta, tracks: Iterable[Track] = ()) -> Annotator:
    """Ungrouped skeletons (and those whose group holds no box, polygon or mask) come first, one annotation
    each; then each group with a skeleton: the group's instance geometry with the skeleton's keypoints.

    A skeleton of a track is written as a keyframe where any of its points is one (`tracks` tell), since
    COCO has no place for the points' own keyframes."""
    ids = category_ids(meta)
    attributes = Attributes(meta)
    layouts = {label.name: keypoint_layout(label)[0] for label in meta.labels if label.sublabels}
    point_keyframes = {track.id: {s.frame for e in track.elements for s in e.shapes} for track in tracks}

    def entry(skeleton: Shape, frame: Frame, image_id: int, instance: Instance | None) -> Entry:
        keypoints, labelled, bbox = _keypoints(skeleton, layouts[skeleton.label])
        if instance is None:
            instance = Instance(skeleton, [], bbox[2] * bbox[3], bbox, 0)
        if skeleton.track_id is not None and frame.index in point_keyframes.get(skeleton.track_id, ()):
            skeleton = replace(skeleton, keyframe=True)
        values, score = attributes.entry(skeleton)
        result = instance_entry(instance, image_id, ids[skeleton.label], values, score)
        result["keypoints"] = keypoints
        result["num_keypoints"] = labelled
        return result

    def annotate(frame: Frame, image_id: int) -> Iterable[Entry]:
        skeletons = [
            s for s in frame.shapes if s.type == "skeleton" and not s.outside and s.label in layouts and s.label in ids
        ]
        if not skeletons:
            return
        grouped = {}
        if any(s.group for s in skeletons):
            grouped = {g[0].shape.group: g for g in instance_groups(frame_parts(frame)) if g[0].shape.group}
        for skeleton in sorted((s for s in skeletons if s.group not in grouped), key=lambda s: s.group):
            yield entry(skeleton, frame, image_id, None)
        for group_id in sorted(grouped):
            leader = next((s for s in skeletons if s.group == group_id), None)
            if leader is not None:
                instance = build_instance(attributes, grouped[group_id], frame.width, frame.height)
                yield entry(leader, frame, image_id, instance)

    return annotate


def export_keypoints(source: ExportSource, out: ArchiveWriter, options: ExportOptions) -> None:
    """The "COCO Keypoints 1.0" exporter."""
    meta = source.meta
    annotator = keypoints_annotator(meta, source.tracks())
    export_coco(source, out, options, "person_keypoints", keypoint_categories(meta), annotator)


# --- import ------------------------------------------------------------------------------------------------------


@dataclass(slots=True)
class _Layout:
    name: str
    keypoints: list[str]
    edges: list[list[int]]  # as written: 0- or 1-based
    # Names for keypoints beyond the category's list (a category may list none, yet its annotations carry some).
    extra: list[str] = field(default_factory=list)

    def names(self, count: int) -> list[str]:
        """Names for `count` keypoints: the category's, then their 1-based numbers (CVAT's default names)."""
        taken = set(self.keypoints) | set(self.extra)
        while len(self.keypoints) + len(self.extra) < count:
            number = len(self.keypoints) + len(self.extra) + 1
            name = str(number)
            while name in taken:
                name += "'"
            taken.add(name)
            self.extra.append(name)
        return (self.keypoints + self.extra)[:count]

    def label(self) -> LabelSpec:
        names = self.keypoints + self.extra
        if not names:
            return LabelSpec(self.name)
        base = 0 if any(0 in edge for edge in self.edges) else 1
        edges = [(a - base + 1, b - base + 1) for a, b in self.edges]
        edges = [(a, b) for a, b in edges if 1 <= a <= len(names) and 1 <= b <= len(names) and a != b]
        sublabels = tuple(LabelSpec(name, type="points") for name in names)
        return LabelSpec(self.name, type="skeleton", sublabels=sublabels, svg=layout_svg(names, edges))


def layout_svg(names: list[str], edges: Iterable[tuple[int, int]]) -> str:
    """A CVAT skeleton SVG with the points on a circle, first at the top, turning clockwise."""
    places = []
    for index in range(len(names)):
        angle = 2 * math.pi * index / len(names)
        places.append((round(50 + 40 * math.sin(angle), 3), round(50 - 40 * math.cos(angle), 3)))
    lines = [
        f'<line x1="{places[a - 1][0]}" y1="{places[a - 1][1]}" x2="{places[b - 1][0]}" y2="{places[b - 1][1]}" '
        f'stroke="black" data-type="edge" data-node-from="{a}" data-node-to="{b}"></line>'
        for a, b in edges
    ]
    circles = [
        f'<circle r="0.75" cx="{x}" cy="{y}" data-type="element node" data-element-id="{i + 1}" '
        f'data-node-id="{i + 1}" data-label-name={quoteattr(name)}></circle>'
        for i, (name, (x, y)) in enumerate(zip(names, places, strict=True))
    ]
    return "".join(lines + circles)


def _layouts(data: Mapping[str, object], file: CocoFile) -> dict[int, _Layout]:
    layouts = {}
    for ident, category in read_categories(data, file.name).items():
        names = category.data.get("keypoints")
        if not isinstance(names, list):
            raise category.error("it has no 'keypoints' list: not a COCO keypoints file")
        if not all(isinstance(n, str | int) and not isinstance(n, bool) for n in names):
            raise category.error("'keypoints' must be a list of names")
        keypoints = [str(n) for n in names]
        if len(set(keypoints)) != len(keypoints):
            raise category.error("'keypoints' repeats a name")
        edges = category.data.get("skeleton", [])
        if not isinstance(edges, list) or not all(
            isinstance(e, list) and len(e) == 2 and all(isinstance(v, int) and not isinstance(v, bool) for v in e)
            for e in edges
        ):
            raise category.error("'skeleton' must be a list of [from, to] keypoint numbers")
        layouts[ident] = _Layout(category.text("name"), keypoints, [list(e) for e in edges])
    return layouts


def _converter(layouts: dict[int, _Layout]) -> Converter:
    def convert(entry: Fields, image: Image, categories: Mapping[int, Fields]) -> list[list[Shape]]:
        layout = layouts[annotation_category(entry, categories).integer("id")]
        values = entry.numbers(entry.get("keypoints"), "'keypoints'")
        if len(values) % 3:
            raise entry.error(f"'keypoints' must be x, y, visibility triplets, got {len(values)} numbers")
        if not values:
            return []
        names = layout.names(len(values) // 3)
        elements = []
        for index, name in enumerate(names):
            x, y, visibility = values[3 * index : 3 * index + 3]
            if visibility not in (0, 1, 2):
                raise entry.error(f"keypoint {index + 1} has visibility {visibility:g}; it must be 0, 1 or 2")
            elements.append(Shape("points", name, [x, y], occluded=visibility == 1, outside=visibility == 0))
        skeleton = Shape("skeleton", layout.name, [], elements=elements)
        apply_attributes(skeleton, entry.data.get("attributes"), entry)
        apply_score(skeleton, entry)
        return [[skeleton]]

    return convert


def import_keypoints(path: Path, options: ImportOptions) -> ImportedDataset:
    """The "COCO Keypoints 1.0" importer."""
    files = find_files(path, "person_keypoints")
    if not path.is_file():
        files = [f for f in files if f.task == "person_keypoints"]
    if not files:
        raise DatasetError("no COCO keypoints annotations: expected annotations/person_keypoints_<subset>.json",
                           file="annotations")
    labels: dict[str, LabelSpec] = {}
    items: list[ImportedItem] = []
    for file in files:
        data = load_json(file)
        layouts = _layouts(data, file)
        read = read_file(file, data, _converter(layouts))
        items.extend(read.items)
        for layout in layouts.values():
            labels.setdefault(layout.name, layout.label())
    return ImportedDataset(list(labels.values()), items)


register_format(FormatSpec("COCO Keypoints", "1.0", "ZIP"), exporter=export_keypoints)
register_format(FormatSpec("COCO Keypoints", "1.0", "JSON, ZIP"), importer=import_keypoints)
