"""The "COCO 1.0" format (CVAT's, over Datumaro's `coco_instances`; its importer also reads panoptic
annotations), and the merging of shapes into COCO instances that COCO Keypoints 1.0 shares.

Export (`annotations/instances_<subset>.json`, images under `images/<subset>/`): rectangles become bbox-only
annotations, polygons polygon segmentations, masks and ellipses (rasterised, as CVAT does) RLE masks with
`iscrowd` 1. The shapes of a group make one annotation led by the largest (its label and attributes); the
leader's `is_crowd` attribute, or else a mask of its label in the group, makes the segmentation one RLE of
all polygons and masks, otherwise polygons (masks traced). Attributes go to `attributes` (numbers as numbers,
checkboxes as booleans) with `occluded`, `rotation` for rectangles and `track_id`/`keyframe` for shapes of
tracks; a `score` attribute becomes the `score` field. Categories list every label, skeleton points after
their skeleton with it as supercategory. Lost: polylines, points, cuboids, skeletons, tags, z-order, shape
sources, groups (merged into one annotation), and the outlines of polygons that a crowd turns into a mask.

Import: every subset's `instances_` file (else its `person_keypoints_` segmentations, else its `panoptic_`
file with the PNG segment masks, segment id = R + 256·G + 256²·B); a bare JSON upload is one such file.
Polygons (the parts of one annotation sharing a group), RLE masks (compressed or not) and bbox-only
rectangles; attributes back onto the shapes' fields. Track shapes keep CVAT's keyframes and end where the
track stops showing.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

import numpy as np
import numpy.typing as npt
from PIL import Image as PILImage

from contour.core.geometry import GeometryError, MaskError
from contour.core.masks import bitmap_to_cvat_mask, coco_rle_to_bitmap
from contour.errors import error_text
from contour.formats.coco_export import (
    Annotator,
    Attributes,
    Entry,
    Region,
    category_ids,
    ellipse_region,
    export_coco,
    instance_categories,
    mask_region,
    polygon_area,
    polygon_region,
    region_to_polygons,
    region_to_rle,
    union,
)
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
)
from contour.formats.registry import ExportOptions, FormatSpec, register_format

# Which file of a subset the COCO 1.0 importer reads when several describe it (reading two would double objects).
_PREFERENCE = {"instances": 0, "person_keypoints": 1, "panoptic": 2}


# --- export: instances ------------------------------------------------------------------------------------------


@dataclass(slots=True)
class Part:
    """A shape that can take part in a COCO instance: a box, a polygon or a mask (ellipses are masks)."""

    shape: Shape
    kind: str  # "box", "polygon" or "mask"
    area: float
    bounds: tuple[float, float, float, float]  # x0, y0, x1, y1
    region: Region | None = None


def _part(shape: Shape, width: int, height: int) -> Part | None:
    points = shape.points
    if shape.type == "rectangle" and len(points) >= 4:
        x0, x1 = sorted(points[0:3:2])
        y0, y1 = sorted(points[1:4:2])
        return Part(shape, "box", (x1 - x0) * (y1 - y0), (x0, y0, x1, y1))
    if shape.type == "polygon" and len(points) >= 6 and len(points) % 2 == 0:
        xs, ys = points[0::2], points[1::2]
        return Part(shape, "polygon", polygon_area(points), (min(xs), min(ys), max(xs), max(ys)))
    region: Region | None = None
    if shape.type == "mask":
        region = mask_region(points, width, height)
    elif shape.type == "ellipse" and len(points) >= 4:
        # CVAT turns ellipses into masks before Datumaro sees them.
        region = ellipse_region(points, shape.rotation, width, height)
    bounds = region.bounds() if region is not None else None
    if region is None or bounds is None:
        return None
    return Part(shape, "mask", float(region.area), bounds, region)


def frame_parts(frame: Frame) -> list[Part]:
    """The frame's boxes, polygons, masks and ellipses; shapes too broken to raster are left out."""
    parts = []
    for shape in frame.shapes:
        if shape.outside:
            continue
        try:
            part = _part(shape, frame.width, frame.height)
        except (GeometryError, ValueError):
            continue
        if part is not None:
            parts.append(part)
    return parts


def instance_groups(parts: Sequence[Part]) -> list[list[Part]]:
    """Ungrouped parts one by one, then one list per group in group order (Datumaro's `find_instances`)."""
    grouped: dict[int, list[Part]] = {}
    for part in parts:
        if part.shape.group:
            grouped.setdefault(part.shape.group, []).append(part)
    return [[p] for p in parts if not p.shape.group] + [grouped[g] for g in sorted(grouped)]


@dataclass(slots=True)
class Instance:
    leader: Shape
    segmentation: object  # polygon lists, or an uncompressed RLE
    area: float
    bbox: list[float]  # x, y, width, height
    iscrowd: int


def build_instance(attributes: Attributes, group: Sequence[Part], width: int, height: int) -> Instance:
    """One COCO instance from a group, as Datumaro's "guess" mode merges it: the largest part leads (label,
    attributes); its `is_crowd` attribute, or else the group holding a mask of the leader's label, makes the
    segmentation one RLE mask of every polygon and mask, otherwise polygons (masks traced into outlines)."""
    if len(group) == 1 and group[0].kind != "mask":
        part = group[0]
        x0, y0, x1, y1 = part.bounds
        bbox = [x0, y0, x1 - x0, y1 - y0]
        if part.kind == "box" or attributes.crowd(part.shape) is not True:
            segmentation = [[float(v) for v in part.shape.points]] if part.kind == "polygon" else []
            return Instance(part.shape, segmentation, part.area if segmentation else bbox[2] * bbox[3], bbox, 0)
    ordered = [p for kind in ("box", "polygon", "mask") for p in group if p.kind == kind]
    leader = max(ordered, key=lambda p: p.area)
    x0, y0 = min(p.bounds[0] for p in group), min(p.bounds[1] for p in group)
    x1, y1 = max(p.bounds[2] for p in group), max(p.bounds[3] for p in group)
    bbox = [x0, y0, x1 - x0, y1 - y0]
    crowd = attributes.crowd(leader.shape)
    if crowd is None:
        crowd = any(p.kind == "mask" and p.shape.label == leader.shape.label for p in group)
    polygons = [[float(v) for v in p.shape.points] for p in ordered if p.kind == "polygon"]
    area = sum(p.area for p in ordered if p.kind == "polygon")
    masks = [p.region for p in ordered if p.region is not None]
    if crowd:
        regions = masks + [r for r in (polygon_region(points, width, height) for points in polygons) if r is not None]
        if regions:
            merged = union(regions)
            return Instance(leader.shape, region_to_rle(merged, width, height), float(merged.area), bbox, 1)
        polygons = []
    elif masks:
        traced = region_to_polygons(union(masks))
        polygons.extend(traced)
        area += sum(polygon_area(p) for p in traced)
    if not polygons:
        return Instance(leader.shape, [], bbox[2] * bbox[3], bbox, 0)
    return Instance(leader.shape, polygons, area, bbox, 0)


def instance_entry(
    instance: Instance, image_id: int, category_id: int, attributes: Entry, score: float | None
) -> Entry:
    entry: Entry = {
        "image_id": image_id,
        "category_id": category_id,
        "segmentation": instance.segmentation,
        "area": float(instance.area),
        "bbox": [float(v) for v in instance.bbox],
        "iscrowd": instance.iscrowd,
    }
    if score is not None:
        entry["score"] = score
    entry["attributes"] = attributes
    return entry


def instances_annotator(meta: DatasetMeta) -> Annotator:
    ids = category_ids(meta)
    attributes = Attributes(meta)

    def annotate(frame: Frame, image_id: int) -> Iterable[Entry]:
        for group in instance_groups(frame_parts(frame)):
            instance = build_instance(attributes, group, frame.width, frame.height)
            category = ids.get(instance.leader.label)
            if category is not None:
                values, score = attributes.entry(instance.leader)
                yield instance_entry(instance, image_id, category, values, score)

    return annotate


def export_instances(source: ExportSource, out: ArchiveWriter, options: ExportOptions) -> None:
    """The "COCO 1.0" exporter."""
    meta = source.meta
    export_coco(source, out, options, "instances", instance_categories(meta), instances_annotator(meta))


# --- import ------------------------------------------------------------------------------------------------------


def instance_shapes(entry: Fields, image: Image, label: str) -> list[Shape]:
    """Polygons (one per part), a mask for RLE, or a rectangle when the segmentation is empty."""
    segmentation = entry.data.get("segmentation")
    if isinstance(segmentation, dict):
        return _rle_shapes(entry, segmentation, image, label)
    if segmentation is not None and not isinstance(segmentation, list):
        raise entry.error("'segmentation' must be a list of polygons or an RLE object")
    parts = [p for p in segmentation or [] if p != []]
    if parts:
        shapes = []
        for number, part in enumerate(parts):
            points = entry.numbers(part, f"polygon {number} of the segmentation")
            if len(points) % 2 or len(points) < 6:
                raise entry.error(f"polygon {number} needs at least 3 x, y pairs, got {len(points)} numbers")
            shapes.append(Shape("polygon", label, points))
        return shapes
    bbox = entry.numbers(entry.get("bbox"), "'bbox'")
    if len(bbox) != 4:
        raise entry.error(f"'bbox' must hold 4 numbers, got {len(bbox)}")
    x, y, width, height = bbox
    if width < 0 or height < 0:
        raise entry.error(f"'bbox' has a negative size {width}×{height}")
    return [Shape("rectangle", label, [x, y, x + width, y + height])]


def _rle_shapes(entry: Fields, rle: dict[str, object], image: Image, label: str) -> list[Shape]:
    size = rle.get("size")
    if image.width and image.height and size != [image.height, image.width]:
        raise entry.error(f"the RLE size {size!r} does not match the image size [{image.height}, {image.width}]")
    try:
        bitmap = coco_rle_to_bitmap(rle)
    except MaskError as error:
        raise entry.error(f"bad RLE segmentation: {error}") from error
    # An empty mask has no pixels to import (and CVAT masks cannot be empty).
    return [Shape("mask", label, bitmap_to_cvat_mask(bitmap))] if bitmap.any() else []


def _instance_objects(entry: Fields, image: Image, categories: Mapping[int, Fields]) -> list[list[Shape]]:
    label = annotation_category(entry, categories).text("name")
    shapes = instance_shapes(entry, image, label)
    for shape in shapes:
        apply_attributes(shape, entry.data.get("attributes"), entry)
        apply_score(shape, entry)
    return [shapes] if shapes else []


def _segment_ids(path: Path, name: str) -> npt.NDArray[np.int64]:
    # The PNG's size is not checked against the image's: Datumaro does not either (its own sample differs), and
    # masks are placed from the top-left corner, which the server clips to the frame.
    try:
        with PILImage.open(path) as png:
            rgb = np.asarray(png.convert("RGB"), dtype=np.int64)
    except FileNotFoundError as error:
        raise DatasetError("the panoptic segment mask is missing", file=name) from error
    except (OSError, PILImage.DecompressionBombError) as error:
        raise DatasetError(f"cannot read the panoptic segment mask: {error_text(error, path, name)}", file=name) from error
    ids: npt.NDArray[np.int64] = rgb[..., 0] + (rgb[..., 1] << 8) + (rgb[..., 2] << 16)
    return ids


def _panoptic_converter(file: CocoFile) -> Converter:
    masks = file.path.with_suffix("")  # annotations/panoptic_<subset>/ next to its JSON file
    masks_name = PurePosixPath(file.name).with_suffix("")

    def convert(entry: Fields, image: Image, categories: Mapping[int, Fields]) -> list[list[Shape]]:
        png_name = entry.text("file_name").replace("\\", "/")
        parts = PurePosixPath(png_name).parts
        if not parts or png_name.startswith("/") or ".." in parts:
            raise entry.error(f"file_name {png_name!r} must be a relative path inside {masks_name}/")
        segments = entry.array("segments_info")
        ids = _segment_ids(masks / png_name, str(masks_name / png_name))
        objects = []
        for index, raw in enumerate(segments):
            if not isinstance(raw, dict):
                raise entry.error(f"segments_info[{index}] must be an object")
            segment = Fields(raw, entry.file, f"{entry.where} segments_info", index)
            label = annotation_category(segment, categories).text("name")
            bitmap = ids == segment.integer("id")
            if not bitmap.any():
                continue
            shape = Shape("mask", label, bitmap_to_cvat_mask(bitmap))
            apply_attributes(shape, segment.data.get("attributes"), segment)
            objects.append([shape])
        return objects

    return convert


def import_instances(path: Path, options: ImportOptions) -> ImportedDataset:
    """The "COCO 1.0" importer."""
    chosen: dict[str, CocoFile] = {}
    for file in find_files(path, "instances"):
        current = chosen.get(file.subset)
        if current is None or _PREFERENCE[file.task] < _PREFERENCE[current.task]:
            chosen[file.subset] = file
    if not chosen:
        raise DatasetError(
            "no COCO annotations: expected annotations/instances_<subset>.json "
            "(or person_keypoints_<subset>.json, panoptic_<subset>.json)", file="annotations",
        )
    labels: dict[str, LabelSpec] = {}
    items: list[ImportedItem] = []
    for file in chosen.values():
        data = load_json(file)
        convert = _panoptic_converter(file) if file.task == "panoptic" else _instance_objects
        read = read_file(file, data, convert)
        items.extend(read.items)
        for category in read.categories.values():
            name = category.text("name")
            labels.setdefault(name, LabelSpec(name))
    return ImportedDataset(list(labels.values()), items)


register_format(FormatSpec("COCO", "1.0", "ZIP"), exporter=export_instances)
register_format(FormatSpec("COCO", "1.0", "JSON, ZIP"), importer=import_instances)
