"""YOLO 1.1 (Darknet layout): obj.names, obj.data, <subset>.txt lists and obj_<subset>_data/<item>.txt boxes.

Kept: axis-aligned rectangles (shapes and track boxes) with their label, items with subsets (a frame without a
subset goes to "train"), images with "save images". Lost, as in CVAT: every other shape type, rotated rectangles,
attributes, groups, z-order, occlusion, tags and track identity. Import reads the image size from the image's
header; when the dataset has no image the item is `normalized` (width/height None, boxes in 0..1) and the
server scales it by the matched frame's size.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path, PurePosixPath

from contour.formats.errors import DatasetError
from contour.formats.model import (
    ArchiveWriter,
    ExportSource,
    ImportedDataset,
    ImportedItem,
    ImportOptions,
    LabelSpec,
    Shape,
)
from contour.formats.registry import ExportOptions, FormatSpec, register_format
from contour.formats.ultralytics_lines import (
    LineContext,
    clean_relative,
    extension_of,
    find_root,
    image_size,
    relative_name,
    text_lines,
    without_data_prefix,
    yolo_subset,
)

_RESERVED_KEYS = frozenset({"classes", "names", "backup"})
_CONFIG_LINE = re.compile(r"^\s*(\w+)\s*=\s*(.*?)\s*$")
_ROTATION_EPSILON = 1e-5


# --- shared with the Ultralytics detection codec ---------------------------------------------------------------


def is_axis_aligned_box(shape: Shape) -> bool:
    """CVAT's YOLO exporters write only rectangles that are not rotated."""
    return shape.type == "rectangle" and len(shape.points) >= 4 and shape.rotation % 360.0 <= _ROTATION_EPSILON


def box_fields(points: list[float], width: int, height: int) -> str:
    """`cx cy w h` of `[x1, y1, x2, y2]`, normalised by the frame size."""
    x1, y1, x2, y2 = points[:4]
    return f"{(x1 + x2) / 2 / width:.6f} {(y1 + y2) / 2 / height:.6f} {(x2 - x1) / width:.6f} {(y2 - y1) / height:.6f}"


_BOX_FIELDS = ("the box centre x", "the box centre y", "the box width", "the box height")


def parse_box(tokens: list[str], where: LineContext, width: int | None, height: int | None) -> list[float]:
    """`[x1, y1, x2, y2]` from the `cx cy w h` tokens; pixels when the size is known, else normalised."""
    cx, cy, w, h = where.numbers(tokens[:4], _BOX_FIELDS.__getitem__)
    if w < 0 or h < 0:
        raise where.error(f"the box size must not be negative, got {tokens[2]} × {tokens[3]}")
    if width and height:
        return [(cx - w / 2) * width, (cy - h / 2) * height, (cx + w / 2) * width, (cy + h / 2) * height]
    return [cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2]


# --- export ----------------------------------------------------------------------------------------------------


def _export(source: ExportSource, out: ArchiveWriter, options: ExportOptions) -> None:
    names = [label.name for label in source.meta.labels]
    class_ids = {name: index for index, name in enumerate(names)}
    lists: dict[str, list[str]] = {}
    for frame in source.frames():
        subset = yolo_subset(frame.subset)
        if subset in _RESERVED_KEYS:
            raise DatasetError(f"the subset {subset!r} cannot be exported to YOLO: the name is reserved in obj.data")
        folder = f"obj_{subset}_data"
        if options.save_images:
            media = source.media(frame)
            image_name = frame.stem + media.extension
            out.write_media(f"{folder}/{image_name}", media)
        else:
            image_name = frame.stem + extension_of(frame.name)
        lines = [
            f"{class_ids[shape.label]} {box_fields(shape.points, frame.width, frame.height)}\n"
            for shape in frame.shapes
            if is_axis_aligned_box(shape) and shape.label in class_ids
        ]
        out.write_bytes(f"{folder}/{frame.stem}.txt", "".join(lines).encode())
        lists.setdefault(subset, []).append(f"data/{folder}/{image_name}\n")
    out.write_bytes("obj.names", "".join(f"{name}\n" for name in names).encode())
    for subset, rows in lists.items():
        out.write_bytes(f"{subset}.txt", "".join(rows).encode())
    config = [f"classes = {len(names)}\n"]
    config += [f"{subset} = data/{subset}.txt\n" for subset in lists]
    config += ["names = data/obj.names\n", "backup = backup/\n"]
    out.write_bytes("obj.data", "".join(config).encode())


# --- import ----------------------------------------------------------------------------------------------------


def _read_config(root: Path) -> tuple[list[tuple[str, str, int]], str | None]:
    """The subset lists (subset, list path, line) and the names file path declared in obj.data."""
    subsets: list[tuple[str, str, int]] = []
    names: str | None = None
    for number, line in text_lines(root / "obj.data", root):
        if line.startswith(("#", ";")):
            continue
        match = _CONFIG_LINE.match(line)
        if match is None:
            raise DatasetError("expected 'key = value'", file="obj.data", line=number)
        key, value = match.group(1), match.group(2)
        if key == "names":
            names = value
        elif key == "classes":
            LineContext("obj.data", number).integer(value, "classes")
        elif key not in _RESERVED_KEYS and value.lower().endswith(".txt"):
            subsets.append((key, value, number))
    return subsets, names


def _read_names(root: Path, declared: str | None) -> list[str]:
    if declared is not None:
        path = without_data_prefix(clean_relative(declared, "the names file", file="obj.data"), root)
    else:
        path = PurePosixPath("obj.names")
    if not (root / path).is_file():
        raise DatasetError(f"the class names file {path.as_posix()!r} is missing", file="obj.data")
    return [line for _, line in text_lines(root / path, root)]


def _item_name(path: PurePosixPath) -> str:
    """The item id of `obj_<subset>_data/<id>.<ext>`: the path below the subset folder, without extension."""
    below = PurePosixPath(*path.parts[1:]) if len(path.parts) > 1 else path
    return below.with_suffix("").as_posix() if below.suffix else below.as_posix()


def _boxes(label_path: Path, root: Path, names: dict[int, str], width: int | None, height: int | None) -> list[Shape]:
    if not label_path.is_file():
        return []
    file = relative_name(label_path, root)
    shapes = []
    for number, line in text_lines(label_path, root):
        where = LineContext(file, number)
        tokens = line.split()
        if len(tokens) != 5:
            raise where.error(f"expected 5 fields (class cx cy w h), got {len(tokens)}")
        label = where.class_name(tokens[0], names)
        shapes.append(Shape("rectangle", label, parse_box(tokens[1:], where, width, height)))
    return shapes


def _subset_lists(root: Path, subsets: list[tuple[str, str, int]]) -> list[tuple[str, PurePosixPath]]:
    found = []
    for subset, value, line in subsets:
        path = without_data_prefix(clean_relative(value, "a subset list", file="obj.data", line=line), root)
        if not (root / path).is_file():
            raise DatasetError(f"the {subset!r} subset list {path.as_posix()!r} is missing", file="obj.data", line=line)
        found.append((subset, path))
    return found


def _items(root: Path, subsets: list[tuple[str, PurePosixPath]], names: dict[int, str]) -> Iterator[ImportedItem]:
    for subset, list_path in subsets:
        list_file = list_path.as_posix()
        for number, line in text_lines(root / list_path, root):
            image = without_data_prefix(clean_relative(line, "an image path", file=list_file, line=number), root)
            image_path = root / image
            size = image_size(image_path)
            width, height = size if size is not None else (None, None)
            yield ImportedItem(
                name=_item_name(image), subset=subset, width=width, height=height,
                image=image_path if size is not None else None, normalized=size is None,
                shapes=_boxes(image_path.with_suffix(".txt"), root, names, width, height),
            )


def _import(path: Path, options: ImportOptions) -> ImportedDataset:
    root = find_root(path, lambda p: (p / "obj.data").is_file(),
                     "not a YOLO 1.1 dataset: obj.data is missing (expected obj.data, obj.names and <subset>.txt)")
    subsets, declared_names = _read_config(root)
    names = _read_names(root, declared_names)
    if not subsets:
        raise DatasetError("obj.data lists no subset (e.g. 'train = data/train.txt')", file="obj.data")
    items = _items(root, _subset_lists(root, subsets), dict(enumerate(names)))
    return ImportedDataset(labels=[LabelSpec(name) for name in names], items=items)


register_format(FormatSpec("YOLO", "1.1", "ZIP", shape_types=frozenset({"rectangle"}), reads_attributes=False),
                exporter=_export, importer=_import)
