"""COCO export machinery: annotation files streamed one per subset, categories, attributes typed the way CVAT
writes them, and rasters of shapes.

Each frame's `images` entry and its annotations go to temporary files while frames stream by; at the end each
`annotations/<task>_<subset>.json` is written as the header followed by copies of both, so no export holds its
annotations in memory. Rasters stay the size of the shape (a bitmap of its box), never of the frame.
"""

from __future__ import annotations

import math
import shutil
import tempfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import IO, BinaryIO

import numpy as np
import numpy.typing as npt
import orjson

from contour.core.geometry import ellipse_radii
from contour.core.masks import (
    bitmap_to_coco_rle,
    bitmap_to_polygons,
    cvat_mask_to_bitmap,
    ellipse_to_bitmap,
    mask_bbox,
    polygon_to_bitmap,
)
from contour.formats.model import DEFAULT_SUBSET, ArchiveWriter, DatasetMeta, ExportSource, Frame, LabelSpec, Shape
from contour.formats.registry import ExportOptions

Bitmap = npt.NDArray[np.bool_]
Entry = dict[str, object]
# Yields the annotations of one frame (without "id", which the file assigns), given the frame and its image id.
Annotator = Callable[[Frame, int], Iterable[Entry]]

_LICENSES = orjson.dumps([{"name": "", "id": 0, "url": ""}])
_INFO = orjson.dumps({"contributor": "", "date_created": "", "description": "", "url": "", "version": "", "year": ""})
_COPY_BUFFER = 1 << 20
# Attributes Datumaro turns into COCO fields of their own instead of keeping them under "attributes".
_FIELD_ATTRIBUTES = frozenset({"is_crowd", "score"})
_TRUE_WORDS = frozenset({"true", "1", "1.0", "yes"})


# --- categories and attributes ---------------------------------------------------------------------------------


def flat_labels(labels: Sequence[LabelSpec]) -> list[tuple[LabelSpec, str]]:
    """(label, parent name) in CVAT's category order: each skeleton is followed by its points."""
    flat: list[tuple[LabelSpec, str]] = []
    for label in labels:
        flat.append((label, ""))
        flat.extend((sublabel, label.name) for sublabel in label.sublabels)
    return flat


def category_ids(meta: DatasetMeta) -> dict[str, int]:
    """COCO category id (1-based position in the flat label list) of each top-level label."""
    return {label.name: index + 1 for index, (label, parent) in enumerate(flat_labels(meta.labels)) if not parent}


def instance_categories(meta: DatasetMeta) -> list[Entry]:
    return [
        {"id": index + 1, "name": label.name, "supercategory": parent}
        for index, (label, parent) in enumerate(flat_labels(meta.labels))
    ]


def is_true(value: str) -> bool:
    return value.strip().lower() in _TRUE_WORDS


def _typed_value(input_type: str, raw: str) -> object:
    # CVAT hands Datumaro numbers as floats and checkboxes as booleans; everything else stays text.
    if input_type not in ("checkbox", "number"):
        return raw
    if input_type == "checkbox":
        return is_true(raw)
    if input_type == "number":
        try:
            number = float(raw)
        except ValueError:
            return raw
        return number if math.isfinite(number) else raw
    return raw


class Attributes:
    """The COCO `attributes` of shapes as CVAT writes them, from the labels' attribute specs (looked up once)."""

    def __init__(self, meta: DatasetMeta) -> None:
        self._specs = {
            label.name: tuple((a.name, a.input_type, a.default_value) for a in label.attributes)
            for label in meta.labels
        }
        self._names = {label: frozenset(spec[0] for spec in specs) for label, specs in self._specs.items()}
        self._crowd_default = {
            label: next((default for name, _, default in specs if name == "is_crowd"), None)
            for label, specs in self._specs.items()
        }

    def crowd(self, shape: Shape) -> bool | None:
        """The shape's `is_crowd` attribute (or its label's default), None when it has none."""
        value = shape.attributes.get("is_crowd", self._crowd_default.get(shape.label))
        return None if value is None else is_true(value)

    def entry(self, shape: Shape) -> tuple[Entry, float | None]:
        """The shape's `attributes`: every attribute of its label (defaults filled in, as CVAT exports them),
        then `occluded`, `rotation` for rectangles and `track_id`/`keyframe` for track shapes; and the `score`
        field when the shape has a score attribute."""
        values = shape.attributes
        attributes: Entry = {}
        score: str | None = values.get("score")
        for name, kind, default in self._specs.get(shape.label, ()):
            raw = values.get(name, default)
            if name == "score":
                score = raw
            elif name not in _FIELD_ATTRIBUTES:
                attributes[name] = _typed_value(kind, raw)
        declared = self._names.get(shape.label, frozenset())
        for name, raw in values.items():
            if name not in declared and name not in _FIELD_ATTRIBUTES:
                attributes[name] = raw
        attributes["occluded"] = shape.occluded
        if shape.type == "rectangle":
            attributes["rotation"] = shape.rotation
        if shape.track_id is not None:
            attributes["track_id"] = shape.track_id
            attributes["keyframe"] = shape.keyframe
        return attributes, _score(score)


def _score(raw: str | None) -> float | None:
    if raw is None:
        return None
    try:
        score = float(raw)
    except ValueError:
        return None
    return score if math.isfinite(score) else None


# --- rasters the size of the shape -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Region:
    """Pixels of a shape: the bitmap of a box that starts at (left, top) inside the frame."""

    bitmap: Bitmap
    left: int
    top: int

    @property
    def area(self) -> int:
        return int(np.count_nonzero(self.bitmap))

    def bounds(self) -> tuple[float, float, float, float] | None:
        """x0, y0, x1, y1 of the pixels' cover (x1, y1 one past the last pixel), None when empty."""
        box = mask_bbox(self.bitmap)
        if box is None:
            return None
        left, top, right, bottom = box
        return float(self.left + left), float(self.top + top), float(self.left + right + 1), float(self.top + bottom + 1)


def _crop(x0: float, y0: float, x1: float, y1: float, width: int, height: int) -> tuple[int, int, int, int] | None:
    left, top = max(0, math.floor(x0)), max(0, math.floor(y0))
    right, bottom = min(width, math.ceil(x1) + 1), min(height, math.ceil(y1) + 1)
    return (left, top, right, bottom) if right > left and bottom > top else None


def mask_region(points: Sequence[float], width: int, height: int) -> Region:
    bitmap, (left, top, _, _) = cvat_mask_to_bitmap(points, width, height)
    return Region(bitmap, left, top)


def polygon_region(points: Sequence[float], width: int, height: int) -> Region | None:
    xs, ys = points[0::2], points[1::2]
    crop = _crop(min(xs), min(ys), max(xs), max(ys), width, height)
    if crop is None:
        return None
    left, top, right, bottom = crop
    # Whole-pixel shifts move pixel centres by whole pixels, so the crop holds exactly the frame raster's pixels.
    shifted = [value - (left if index % 2 == 0 else top) for index, value in enumerate(points)]
    return Region(polygon_to_bitmap(shifted, right - left, bottom - top), left, top)


def ellipse_region(points: Sequence[float], rotation: float, width: int, height: int) -> Region | None:
    cx, cy, rx, ry = ellipse_radii(points)
    theta = math.radians(rotation)
    half_w = math.hypot(rx * math.cos(theta), ry * math.sin(theta))
    half_h = math.hypot(rx * math.sin(theta), ry * math.cos(theta))
    crop = _crop(cx - half_w, cy - half_h, cx + half_w, cy + half_h, width, height)
    if crop is None:
        return None
    left, top, right, bottom = crop
    shifted = [cx - left, cy - top, cx - left + rx, cy - top - ry]
    return Region(ellipse_to_bitmap(shifted, rotation, right - left, bottom - top), left, top)


def union(regions: Sequence[Region]) -> Region:
    if len(regions) == 1:
        return regions[0]
    left, top = min(r.left for r in regions), min(r.top for r in regions)
    right = max(r.left + r.bitmap.shape[1] for r in regions)
    bottom = max(r.top + r.bitmap.shape[0] for r in regions)
    canvas = np.zeros((bottom - top, right - left), dtype=np.bool_)
    for r in regions:
        height, width = r.bitmap.shape
        canvas[r.top - top : r.top - top + height, r.left - left : r.left - left + width] |= r.bitmap
    return Region(canvas, left, top)


def region_to_rle(region: Region, width: int, height: int) -> Entry:
    """Uncompressed COCO RLE over the whole frame, encoding only the columns the region spans."""
    columns = region.bitmap.shape[1]
    strip = np.zeros((height, columns), dtype=np.bool_)
    strip[region.top : region.top + region.bitmap.shape[0]] = region.bitmap
    counts = bitmap_to_coco_rle(strip)["counts"]
    assert isinstance(counts, list)
    # Columns left and right of the strip are background: they lengthen the first and the last background run.
    counts[0] += region.left * height
    tail = (width - region.left - columns) * height
    if tail and len(counts) % 2:
        counts[-1] += tail
    elif tail:
        counts.append(tail)
    return {"counts": counts, "size": [height, width]}


def region_to_polygons(region: Region) -> list[list[float]]:
    polygons = bitmap_to_polygons(region.bitmap)
    for polygon in polygons:
        polygon[0::2] = [x + region.left for x in polygon[0::2]]
        polygon[1::2] = [y + region.top for y in polygon[1::2]]
    return polygons


def polygon_area(points: Sequence[float]) -> float:
    xs, ys = points[0::2], points[1::2]
    doubled = sum(xs[i] * ys[i - 1] - xs[i - 1] * ys[i] for i in range(len(xs)))
    return abs(doubled) / 2


# --- the streamed files ------------------------------------------------------------------------------------------


class _SubsetFile:
    """The images and annotations of one subset so far, each a temporary file of comma-joined JSON values."""

    def __init__(self) -> None:
        # Closed by close(): they live as long as the export, across many calls.
        self.images: IO[bytes] = tempfile.TemporaryFile()  # noqa: SIM115
        self.annotations: IO[bytes] = tempfile.TemporaryFile()  # noqa: SIM115
        self.image_count = 0
        self.annotation_count = 0

    def add_image(self, entry: Entry) -> None:
        data = orjson.dumps(entry)
        self.images.write(b"," + data if self.image_count else data)
        self.image_count += 1

    def add_annotation(self, entry: Entry) -> None:
        self.annotation_count += 1
        data = orjson.dumps({"id": self.annotation_count, **entry})
        self.annotations.write(b"," + data if self.annotation_count > 1 else data)

    def write(self, target: BinaryIO, categories: bytes) -> None:
        target.write(b'{"licenses":' + _LICENSES + b',"info":' + _INFO + b',"categories":' + categories)
        for key, part in ((b"images", self.images), (b"annotations", self.annotations)):
            target.write(b',"' + key + b'":[')
            part.seek(0)
            shutil.copyfileobj(part, target, _COPY_BUFFER)
            target.write(b"]")
        target.write(b"}")

    def close(self) -> None:
        self.images.close()
        self.annotations.close()


def export_coco(
    source: ExportSource,
    out: ArchiveWriter,
    options: ExportOptions,
    task: str,
    categories: list[Entry],
    annotate: Annotator,
) -> None:
    """Write `annotations/<task>_<subset>.json` for every subset (and the images when asked), reading the
    frames once. Image ids run from 1 over the whole export, annotation ids from 1 in each file."""
    files: dict[str, _SubsetFile] = {}
    try:
        for image_id, frame in enumerate(source.frames(), start=1):
            subset = frame.subset or DEFAULT_SUBSET
            file = files.get(subset)
            if file is None:
                file = files[subset] = _SubsetFile()
            file_name = frame.name
            if options.save_images:
                media = source.media(frame)
                file_name = frame.stem + media.extension
                out.write_media(f"images/{subset}/{file_name}", media)
            file.add_image({
                "id": image_id, "width": frame.width, "height": frame.height, "file_name": file_name,
                "license": 0, "flickr_url": "", "coco_url": "", "date_captured": 0,
            })
            for entry in annotate(frame, image_id):
                file.add_annotation(entry)
        if not files:
            files[DEFAULT_SUBSET] = _SubsetFile()
        categories_json = orjson.dumps(categories)
        for subset, file in files.items():
            with out.open(f"annotations/{task}_{subset}.json") as target:
                file.write(target, categories_json)
    finally:
        for file in files.values():
            file.close()
