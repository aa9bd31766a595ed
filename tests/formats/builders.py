"""Datasets built in memory for codec tests: labels, frames, shapes and tracks by name."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from contour.core.masks import bitmap_to_cvat_mask
from contour.formats.archive import DirectoryWriter, ZipArchiveWriter
from contour.formats.memory import BytesMedia, MemorySource
from contour.formats.model import (
    AttributeSpec,
    DatasetMeta,
    Frame,
    ImportedDataset,
    ImportOptions,
    LabelSpec,
    Shape,
    Tag,
    Track,
    TrackedShape,
)
from contour.formats.registry import ExportOptions, find_exporter, find_importer

SKELETON_SVG = (
    '<line x1="10" y1="10" x2="30" y2="30" data-type="edge" data-node-from="1" data-node-to="2"></line>'
    '<circle r="0.75" cx="10" cy="10" data-type="element node" data-element-id="1" data-node-id="1" data-label-name="head"></circle>'
    '<circle r="0.75" cx="30" cy="30" data-type="element node" data-element-id="2" data-node-id="2" data-label-name="tail"></circle>'
)

CAR = LabelSpec("car", "#ff0000", "any", (
    AttributeSpec("color", "select", False, ("red", "blue"), "red"),
    AttributeSpec("parked", "checkbox", True, ("false",), "false"),
))
PERSON = LabelSpec("person", "#00ff00", "any", (AttributeSpec("age", "number", False, ("0", "100", "1"), "30"),))
BACKGROUND = LabelSpec("background", "#000000")
SKELETON = LabelSpec("animal", "#0000ff", "skeleton", (), (LabelSpec("head", "#111111", "points"), LabelSpec("tail", "#222222", "points")), SKELETON_SVG)
WEATHER = LabelSpec("sunny", "#ffff00", "tag")

LABELS = (CAR, PERSON, SKELETON, WEATHER)


def meta(labels: tuple[LabelSpec, ...] = LABELS, size: int = 3, *, is_video: bool = False, name: str = "sample") -> DatasetMeta:
    return DatasetMeta(
        kind="task", id=1, name=name, labels=labels, size=size,
        mode="interpolation" if is_video else "annotation", stop_frame=size - 1, is_video=is_video,
        original_size=(64, 48) if is_video else None,
    )


def square_mask(left: int, top: int, size: int, width: int = 64, height: int = 48) -> list[float]:
    """A CVAT mask (RLE + box) covering a `size`×`size` square at (left, top) of a `width`×`height` frame."""
    import numpy as np

    bitmap = np.zeros((height, width), dtype=bool)
    bitmap[top : top + size, left : left + size] = True
    return bitmap_to_cvat_mask(bitmap)


def frame(index: int, name: str, shapes: list[Shape] | None = None, tags: list[Tag] | None = None,
          subset: str = "default", width: int = 64, height: int = 48) -> Frame:
    return Frame(index, name, width, height, subset, tags or [], shapes or [])


def box(label: str, x1: float, y1: float, x2: float, y2: float, **fields: object) -> Shape:
    return Shape("rectangle", label, [x1, y1, x2, y2], **fields)  # type: ignore[arg-type]


def rich_source() -> MemorySource:
    """Three images with every 2D shape type, attributes, a group, a skeleton, a tag and one track."""
    frames = [
        frame(0, "img0.jpg", [
            box("car", 1, 2, 21, 22, attributes={"color": "blue", "parked": "true"}, group=1),
            Shape("polygon", "person", [5, 5, 30, 5, 30, 30, 5, 30], attributes={"age": "40"}, group=1, z_order=1),
            Shape("polyline", "car", [1, 1, 10, 20, 30, 5], occluded=True),
            Shape("points", "person", [3, 4, 8, 9]),
            Shape("ellipse", "car", [32, 24, 42, 30]),
            Shape("mask", "person", square_mask(10, 10, 8)),
            Shape("skeleton", "animal", [], elements=[
                Shape("points", "head", [12, 12]), Shape("points", "tail", [28, 30], occluded=True),
            ]),
        ], tags=[Tag("sunny")]),
        frame(1, "sub/img1.jpg", [box("car", 10, 10, 30, 40, rotation=30.0)]),
        frame(2, "img2.jpg", []),
    ]
    track = Track("car", [
        TrackedShape("rectangle", 0, [40, 10, 50, 20], attributes={"parked": "false"}),
        TrackedShape("rectangle", 2, [44, 14, 54, 24], attributes={"parked": "true"}),
    ], attributes={"color": "red"}, id=0)
    return MemorySource(meta(), frames, [track])


def export_to_dir(format_name: str, source: MemorySource, root: Path, *, save_images: bool = False) -> Path:
    entry = find_exporter(format_name)
    assert entry is not None and entry.exporter is not None, f"no exporter {format_name!r}"
    entry.exporter(source, DirectoryWriter(root), ExportOptions(save_images=save_images))
    return root


def export_to_zip(format_name: str, source: MemorySource, path: Path, *, save_images: bool = False) -> Path:
    entry = find_exporter(format_name)
    assert entry is not None and entry.exporter is not None, f"no exporter {format_name!r}"
    with ZipArchiveWriter(path) as writer:
        entry.exporter(source, writer, ExportOptions(save_images=save_images))
    return path


def import_from(format_name: str, path: Path, options: ImportOptions | None = None) -> ImportedDataset:
    entry = find_importer(format_name)
    assert entry is not None and entry.importer is not None, f"no importer {format_name!r}"
    return entry.importer(path, options or ImportOptions())


def zip_names(data: bytes) -> list[str]:
    return sorted(zipfile.ZipFile(io.BytesIO(data)).namelist())


__all__ = ["BytesMedia", "BACKGROUND", "CAR", "PERSON", "SKELETON", "WEATHER", "LABELS"]
