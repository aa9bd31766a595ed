"""Datumaro 1.0: Datumaro's JSON dataset (`annotations/<subset>.json`, images in `images/<subset>/`) as CVAT writes it.

Kept: every 2D shape type (boxes as `bbox`, ellipses as `ellipse`, masks as compressed COCO RLE, cuboids as
`cuboid_2d`, skeletons as `skeleton` with `points` elements), tags (`label`), attributes (typed as CVAT types them:
numbers as floats, checkboxes as booleans, missing ones as the label's defaults), `occluded`, `rotation`, z order,
groups, label colours (the `mask` colormap), per-label attribute names, the item's task `frame`, and tracks
(`track_id`/`keyframe` attributes on every frame where a track is visible). Lost: shape `source` and `score`,
attribute input types and value lists, the skeleton layout (rebuilt on a circle on import), outside keyframes (a
track's missing frames mean outside). Import follows CVAT: a shape belongs to a track only with both `track_id` and
`keyframe` attributes, and an outside shape is added on the first frame after each visible run that the dataset still
has; one-shape groups are dropped; captions and annotations without a label are skipped; `cuboid_3d` becomes a
16-number cuboid; Datumaro's flat skeleton layout (x, y, visibility triples and `points_attributes`) is read as well as
CVAT's `elements`.
"""

from __future__ import annotations

import math
import shutil
import tempfile
from collections import defaultdict
from collections.abc import Mapping, Sequence
from contextlib import ExitStack
from typing import IO, Any

import orjson
from lxml import etree

from contour.core.geometry import ellipse_radii
from contour.core.masks import MaskError, cvat_mask_to_coco_rle
from contour.formats.model import (
    DEFAULT_SUBSET,
    ArchiveWriter,
    AttributeSpec,
    ExportSource,
    Frame,
    LabelSpec,
    Shape,
)
from contour.formats.names import unique_name
from contour.formats.registry import ExportOptions, FormatSpec, register_format

# Datumaro's cuboid corner k (front face 1, 4, 7, 8; back face 2, 3, 6, 5) is CVAT's cuboid point _CUBOID[k]
# (CVAT: front top-left, bottom-left, top-right, bottom-right, then the same four of the back face).
_CUBOID = (0, 4, 6, 2, 5, 7, 3, 1)
_MAX_MASK_PIXELS = 1 << 29
_NUMBER_TYPES = frozenset({int, float})
# Fewest numbers of the shapes JSON gives as flat lists (its numbers are always finite).
_LEAST_NUMBERS = {"polygon": 6, "polyline": 4, "points": 2}
_SOURCES = frozenset({"auto", "semi-auto", "manual", "file"})
Json = dict[str, Any]


# --- export ----------------------------------------------------------------------------------------------------


class _Categories:
    """Datumaro label ids: each label in order, a skeleton's points right after it (with the skeleton as parent)."""

    def __init__(self, labels: Sequence[LabelSpec]) -> None:
        self.ids: dict[tuple[str, str], int] = {}
        self.specs: list[LabelSpec] = []
        entries: list[Json] = []
        colors: list[Json] = []
        skeletons: list[Json] = []
        names: set[str] = {"occluded"}
        for label in labels:
            for spec, parent in [(label, ""), *((s, label.name) for s in label.sublabels)]:
                label_id = self.ids[(spec.name, parent)] = len(self.specs)
                self.specs.append(spec)
                attributes = sorted(a.name for a in spec.attributes)
                names.update(attributes)
                entries.append({"name": spec.name, "parent": parent, "attributes": attributes})
                if len(spec.color) == 7 and spec.color.startswith("#"):
                    try:
                        r, g, b = (int(spec.color[i : i + 2], 16) for i in (1, 3, 5))
                    except ValueError:
                        continue
                    colors.append({"label_id": label_id, "r": r, "g": g, "b": b})
            if label.sublabels:
                skeletons.append({"label_id": self.ids[(label.name, "")], "labels": [s.name for s in label.sublabels],
                                  "joints": _joints(label)})
        self.json: Json = {"label": {"labels": entries, "attributes": sorted(names)}, "points": {"items": skeletons}}
        if colors:
            self.json["mask"] = {"colormap": colors}


def _joints(skeleton: LabelSpec) -> list[list[int]]:
    """Edges of the skeleton's SVG as 1-based indices into its points (Datumaro's and CVAT's convention)."""
    try:
        parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)  # parsers are per thread
        root = etree.fromstring(f"<root>{skeleton.svg}</root>".encode(), parser)
    except etree.XMLSyntaxError:
        return []
    position = {s.name: i + 1 for i, s in enumerate(skeleton.sublabels)}
    nodes = {c.get("data-node-id"): position.get(c.get("data-label-name") or "") for c in root.iter("circle")}
    joints = []
    for line in root.iter("line"):
        ends = nodes.get(line.get("data-node-from")), nodes.get(line.get("data-node-to"))
        if ends[0] and ends[1]:
            joints.append([ends[0], ends[1]])
    return joints


def _typed(spec: AttributeSpec, value: str) -> object:
    if spec.input_type == "number":
        try:
            number = float(value)
        except ValueError:
            return value
        return number if math.isfinite(number) else value
    if spec.input_type == "checkbox":
        return value.lower() == "true"
    return value


def _attributes(spec: LabelSpec, values: Mapping[str, str]) -> Json:
    # CVAT writes every attribute of the label, defaults filled in.
    result: Json = {a.name: _typed(a, values.get(a.name, a.default_value)) for a in spec.attributes}
    result.update((k, v) for k, v in values.items() if k not in result)
    return result


def _geometry(shape: Shape, frame: Frame) -> Json | None:
    p = shape.points
    if shape.type == "rectangle":
        return {"type": "bbox", "bbox": [p[0], p[1], p[2] - p[0], p[3] - p[1]]}
    if shape.type in ("polygon", "polyline"):
        return {"type": shape.type, "points": p}
    if shape.type == "points":
        return {"type": "points", "points": p, "visibility": [2] * (len(p) // 2)}
    if shape.type == "ellipse":
        cx, cy, rx, ry = ellipse_radii(p)
        return {"type": "ellipse", "points": [cx - rx, cy - ry, cx + rx, cy + ry]}
    if shape.type == "cuboid" and len(p) == 16:
        return {"type": "cuboid_2d", "points": [[p[2 * i], p[2 * i + 1]] for i in _CUBOID]}
    if shape.type == "mask":
        try:
            rle = cvat_mask_to_coco_rle(p, frame.width, frame.height, compressed=True)
        except MaskError:
            return None  # nothing of it lies on the frame
        return {"type": "mask", "rle": {"counts": rle["counts"], "size": rle["size"]}}
    return None


def _shape_json(shape: Shape, frame: Frame, cats: _Categories) -> Json | None:
    label_id = cats.ids.get((shape.label, ""))
    if label_id is None:
        return None
    attributes = _attributes(cats.specs[label_id], shape.attributes)
    attributes["occluded"] = shape.occluded
    if shape.type in ("rectangle", "ellipse"):
        attributes["rotation"] = shape.rotation
    tracked = {"track_id": shape.track_id, "keyframe": shape.keyframe} if shape.track_id is not None else {}
    attributes.update(tracked)
    ann: Json = {"id": 0, "attributes": attributes, "group": shape.group, "label_id": label_id, "z_order": shape.z_order}
    if shape.type != "skeleton":
        geometry = _geometry(shape, frame)
        return None if geometry is None else {**ann, **geometry}
    elements = []
    for element in shape.elements:
        element_id = cats.ids.get((element.label, shape.label))
        if element_id is not None:
            elements.append({
                "id": 0, "type": "points", "attributes": {**_attributes(cats.specs[element_id], element.attributes),
                                                          **tracked},
                "group": 0, "label_id": element_id, "points": element.points, "z_order": 0,
                "visibility": [0 if element.outside else 1 if element.occluded else 2],
            })
    return {**ann, "type": "skeleton", "elements": elements}


def _item_json(frame: Frame, image: str, cats: _Categories) -> Json:
    annotations: list[Json] = []
    for tag in frame.tags:
        label_id = cats.ids.get((tag.label, ""))
        if label_id is not None:
            annotations.append({"id": 0, "type": "label", "attributes": _attributes(cats.specs[label_id], tag.attributes),
                                "group": tag.group, "label_id": label_id})
    for shape in frame.shapes:
        converted = _shape_json(shape, frame, cats)
        if converted is not None:
            annotations.append(converted)
    return {"id": frame.stem, "annotations": annotations, "attr": {"frame": frame.index},
            "image": {"path": image, "size": [frame.height, frame.width]}}


def export_datumaro(source: ExportSource, out: ArchiveWriter, options: ExportOptions) -> None:
    """One annotation file per subset; items go to a temporary file per subset as frames stream by (images are
    written between them), and each file is then copied into the archive behind the shared header."""
    cats = _Categories(source.meta.labels)
    header = b'{"info":{},"categories":' + orjson.dumps(cats.json) + b',"items":['
    spools: dict[str, IO[bytes]] = {}
    taken: dict[str, set[str]] = defaultdict(set)
    with ExitStack() as stack:
        for frame in source.frames():
            subset = (frame.subset or DEFAULT_SUBSET).replace("/", "_").replace("\\", "_").replace("..", "__")
            spool = spools.get(subset)
            if spool is None:
                spool = spools[subset] = stack.enter_context(tempfile.TemporaryFile())
            stem = unique_name(frame.stem, taken[subset])
            media = source.media(frame) if options.save_images else None
            image = stem + (media.extension if media is not None else frame.name[len(frame.stem):])
            if media is not None:
                out.write_media(f"images/{subset}/{image}", media)
            item = _item_json(frame, image, cats)
            item["id"] = stem
            spool.write((b"," if spool.tell() else b"") + orjson.dumps(item))
        if not spools:
            spools[DEFAULT_SUBSET] = stack.enter_context(tempfile.TemporaryFile())
        for subset, spool in spools.items():
            spool.seek(0)
            with out.open(f"annotations/{subset}.json") as target:
                target.write(header)
                shutil.copyfileobj(spool, target, 1 << 20)
                target.write(b"]}")


register_format(FormatSpec("Datumaro", "1.0", "ZIP"), exporter=export_datumaro)
