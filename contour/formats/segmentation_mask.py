"""Segmentation mask 1.1 (CVAT's VOC segmentation subset), and the VOC folder layout both VOC codecs share:
ImageSets lists, the dataset root, and reading an item's masks (and, through a hook, its XML) back.

Export (as CVAT): labelmap.txt holds the task's labels with their colours, sorted by name, plus `background`
(black) unless the task has a label of that name; rectangles (rotated ones too), polygons, ellipses and masks
are painted in z_order into SegmentationClass/<id>.png (label colours) and SegmentationObject/<id>.png (VOC
instance colours); shapes of one group merge into one instance labelled as its largest member. Palette PNGs
are written, so both colour and index readers agree. ImageSets/Segmentation/<subset>.txt lists the items with
masks and the unannotated ones. Lost: attributes, tags, tracks (kept only as per-frame masks), polylines,
points, skeletons, cuboids, and pixels hidden under shapes above them.

Import: the ImageSets/Segmentation items; an instance per SegmentationObject id, labelled by the class under
it, or, with no instance mask, one mask per class; 1-channel PNGs give class ids directly, colour (RGB or
palette) PNGs are mapped through labelmap.txt (else the VOC colours). Every mask becomes a mask shape.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from contour.formats.errors import DatasetError
from contour.formats.mask_png import (
    BACKGROUND,
    BLACK,
    CLASS_DIR,
    INSTANCE_DIR,
    LABELMAP_FILE,
    LabelMapEntry,
    LabelTable,
    Segment,
    class_colors,
    class_shapes,
    compile_masks,
    default_labelmap,
    encode_png,
    format_labelmap,
    instance_shapes,
    merge_segments,
    parse_hex_color,
    read_labelmap,
    read_png,
    shape_segment,
    voc_color_index,
    voc_colormap,
)
from contour.formats.model import (
    ArchiveWriter,
    DatasetMeta,
    ExportSource,
    Frame,
    ImportedDataset,
    ImportedItem,
    ImportOptions,
    Shape,
    Tag,
)
from contour.formats.registry import ExportOptions, FormatSpec, register_format

IMAGES_DIR = "JPEGImages"
ANNOTATIONS_DIR = "Annotations"
SETS_DIR = "ImageSets"
LIST_DIRS = ("Main", "Segmentation", "Action", "Layout")
_SEGMENTATION_TYPES = frozenset({"rectangle", "polygon", "ellipse", "mask"})
_IMAGE_EXTENSIONS = frozenset({".jpg", ".jpeg", ".jpe", ".png", ".bmp", ".tif", ".tiff", ".webp", ".gif", ".jp2",
                               ".pgm", ".ppm", ".pbm", ".pnm"})

# (width, height, image file name, shapes) of an item's annotation XML, given its bytes and relative path.
AnnotationParser = Callable[[bytes, str], tuple[int | None, int | None, str | None, list[Shape]]]


# --- export ----------------------------------------------------------------------------------------------------


@dataclass
class _Lists:
    main: list[str] = field(default_factory=list)
    empty: list[str] = field(default_factory=list)
    segmentation: list[str] = field(default_factory=list)
    tags: dict[str, set[str]] = field(default_factory=dict)


class SubsetLists:
    """An export's ImageSets lists, gathered per subset (item ids only) while frames stream by."""

    def __init__(self) -> None:
        self.subsets: dict[str, _Lists] = {}

    def add(self, frame: Frame, *, segmented: bool, annotated: bool) -> None:
        lists = self.subsets.setdefault(frame.subset, _Lists())
        lists.main.append(frame.stem)
        if not annotated:
            lists.empty.append(frame.stem)
        if segmented or not annotated:
            lists.segmentation.append(frame.stem)
        if frame.tags:
            lists.tags[frame.stem] = {tag.label for tag in frame.tags}

    def write(self, out: ArchiveWriter, labels: list[str], *, detection: bool) -> None:
        """Detection datasets get Main (with per-label class lists when tags exist), Action and Layout lists;
        like Datumaro, the Action, Layout and Segmentation lists also name the unannotated items."""
        for subset, lists in self.subsets.items():
            if detection:
                _write_list(out, f"Main/{subset}.txt", lists.main)
                for label in labels if lists.tags else ():
                    if _is_plain_name(label):  # a label named like a path cannot name a list file
                        lines = [f"{item} {' 1' if label in found else '-1'}" for item, found in lists.tags.items()]
                        _write_list(out, f"Main/{label}_{subset}.txt", lines)
                if lists.empty:
                    _write_list(out, f"Action/{subset}.txt", lists.empty)
                    _write_list(out, f"Layout/{subset}.txt", [f'"{i}"' if len(i.split()) > 1 else i for i in lists.empty])
            if lists.segmentation:
                _write_list(out, f"Segmentation/{subset}.txt", lists.segmentation)


def _is_plain_name(name: str) -> bool:
    return not any(c in name for c in "/\\\x00") and name not in (".", "..")


def _write_list(out: ArchiveWriter, name: str, lines: list[str]) -> None:
    out.write_bytes(f"{SETS_DIR}/{name}", "".join(line + "\n" for line in lines).encode("utf-8"))


def image_filename(source: ExportSource, frame: Frame, out: ArchiveWriter, options: ExportOptions) -> str:
    """The item's image name; with save images the image is written under JPEGImages/."""
    if options.save_images:
        media = source.media(frame)
        name = frame.stem + media.extension
        out.write_media(f"{IMAGES_DIR}/{name}", media)
        return name
    return frame.stem + (frame.name[len(frame.stem) :] or ".jpg")


def is_annotated(frame: Frame) -> bool:
    """Whether the item has annotations in CVAT's dataset (2D cuboids never reach it)."""
    return bool(frame.tags) or any(s.type != "cuboid" for s in frame.shapes)


def write_masks(out: ArchiveWriter, frame: Frame, segments: list[Segment], table: LabelTable) -> None:
    background = table.background if table.background is not None else 0
    classes, instances = compile_masks(segments, frame.width, frame.height, table.ids, background)
    out.write_bytes(f"{CLASS_DIR}/{frame.stem}.png", encode_png(classes, table.palette))
    out.write_bytes(f"{INSTANCE_DIR}/{frame.stem}.png", encode_png(instances, voc_colormap))


def frame_segments(frame: Frame, shapes: Iterable[Shape]) -> list[Segment]:
    """Rasterised shapes in paint order: ungrouped ones first, then each group merged (Datumaro's order)."""
    single: list[Segment] = []
    grouped: dict[int, list[Segment]] = defaultdict(list)
    for shape in shapes:
        segment = shape_segment(shape, frame.width, frame.height)
        if segment is not None:
            (grouped[shape.group] if shape.group else single).append(segment)
    return single + [merge_segments(members) for _, members in sorted(grouped.items())]


def _labelmap(meta: DatasetMeta) -> list[LabelMapEntry]:
    colors: dict[str, tuple[int, int, int] | None] = {label.name: parse_hex_color(label.color) for label in meta.labels}
    if BACKGROUND not in colors:
        colors = {BACKGROUND: BLACK, **colors}
    # CVAT hands Datumaro the colour map as a dict, which it sorts by label name.
    ordered = sorted(colors.items())
    fallback = voc_colormap(len(ordered))
    return [
        LabelMapEntry(name, color or (int(fallback[i][0]), int(fallback[i][1]), int(fallback[i][2])))
        for i, (name, color) in enumerate(ordered)
    ]


def export_segmentation_mask(source: ExportSource, out: ArchiveWriter, options: ExportOptions) -> None:
    entries = _labelmap(source.meta)
    table = LabelTable(entries)
    lists = SubsetLists()
    for frame in source.frames():
        shapes = sorted((s for s in frame.shapes if s.type in _SEGMENTATION_TYPES), key=lambda s: s.z_order)
        image_filename(source, frame, out, options)
        if shapes:
            write_masks(out, frame, frame_segments(frame, shapes), table)
        lists.add(frame, segmented=bool(shapes), annotated=is_annotated(frame))
    lists.write(out, [e.name for e in entries], detection=False)
    out.write_bytes(LABELMAP_FILE, format_labelmap(entries))


# --- import ----------------------------------------------------------------------------------------------------


def dataset_root(path: Path) -> Path:
    """The dataset folder: `path`, or the single folder (a few levels down) a zip with one top folder holds."""
    markers = (SETS_DIR, ANNOTATIONS_DIR, LABELMAP_FILE, CLASS_DIR, INSTANCE_DIR, IMAGES_DIR)
    current = path
    for _ in range(3):
        if any((current / marker).exists() for marker in markers):
            return current
        children = [c for c in current.iterdir() if not c.name.startswith(".") and c.name != "__MACOSX"]
        if len(children) != 1 or not children[0].is_dir():
            break
        current = children[0]
    return path


def label_table(root: Path) -> tuple[LabelTable, bool]:
    """The dataset's labels, and whether they come from its labelmap.txt (else they are the VOC labels)."""
    path = root / LABELMAP_FILE
    if path.is_file():
        return LabelTable(read_labelmap(path, LABELMAP_FILE)), True
    return LabelTable(default_labelmap()), False


def _lines(path: Path, rel: str) -> Iterator[tuple[int, str]]:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as error:
        raise DatasetError("the list is not UTF-8 text.", file=rel) from error
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if line and not line.startswith("#"):
            yield number, line


_OBJECT_SUFFIX = re.compile(r"\s+-?\d+$")


def _item_id(line: str, directory: str, rel: str, number: int) -> str:
    item_id = line
    if directory == "Layout":  # "<id> <object>" lines, ids with spaces being quoted
        quoted = line.split('"')
        if len(quoted) not in (1, 3):
            raise DatasetError("unbalanced quotes around the item id.", file=rel, line=number)
        item_id = quoted[1] if len(quoted) == 3 else line.split()[0]
    elif directory == "Action":  # the VOC devkit's action lists also name the object after the id
        item_id = _OBJECT_SUFFIX.sub("", line)
    parts = PurePosixPath(item_id).parts
    if "\x00" in item_id or item_id.startswith("/") or ".." in parts or not parts:
        raise DatasetError(f"item id {item_id!r} is not a path inside the dataset.", file=rel, line=number)
    return item_id


def listed_items(root: Path, table: LabelTable, dirs: Iterable[str]) -> list[tuple[str, str]]:
    """(subset, item id) of every ImageSets/<dir>/<subset>.txt line, in file order, each once.

    Per-label and per-action lists (`<label>_<subset>.txt`) are told apart by their known prefix.
    """
    prefixes = tuple(f"{name}_" for name in (*table.names, *(a for e in table.entries for a in e.actions)))
    seen: dict[tuple[str, str], None] = {}
    for directory in dirs:
        folder = root / SETS_DIR / directory
        for path in sorted(folder.glob("*.txt")) if folder.is_dir() else ():
            if path.stem.startswith(prefixes):
                continue
            rel = f"{SETS_DIR}/{directory}/{path.name}"
            for number, line in _lines(path, rel):
                seen.setdefault((path.stem, _item_id(line, directory, rel, number)), None)
    return list(seen)


def has_lists(root: Path, dirs: Iterable[str]) -> bool:
    return any(next((root / SETS_DIR / d).glob("*.txt"), None) is not None for d in dirs)


def read_class_lists(root: Path, table: LabelTable, subsets: Iterable[str]) -> dict[tuple[str, str], list[Tag]]:
    """Tags from ImageSets/Main/<label>_<subset>.txt: `<id> 1` marks the label present (-1 or 0: absent)."""
    tags: dict[tuple[str, str], list[Tag]] = defaultdict(list)
    for subset in sorted(subsets):
        for label in filter(_is_plain_name, table.names):
            rel = f"{SETS_DIR}/Main/{label}_{subset}.txt"
            path = root / rel
            if not path.is_file():
                continue
            for number, line in _lines(path, rel):
                fields = line.rsplit(maxsplit=1)
                if len(fields) != 2 or fields[1] not in ("-1", "0", "1"):
                    raise DatasetError("expected '<item id> <1|0|-1>'.", file=rel, line=number)
                if fields[1] == "1":
                    tags[(subset, fields[0])].append(Tag(label))
    return tags


def _image_index(folder: Path) -> dict[str, Path]:
    """Image files under `folder` by their relative path without extension."""
    images: dict[str, Path] = {}
    for path in sorted(folder.rglob("*")) if folder.is_dir() else ():
        if path.suffix.lower() in _IMAGE_EXTENSIONS and path.is_file():
            images.setdefault(path.relative_to(folder).as_posix()[: -len(path.suffix)], path)
    return images


def item_masks(root: Path, item_id: str, table: LabelTable) -> tuple[list[Shape], tuple[int, int] | None]:
    """The item's mask shapes and the (height, width) of its masks, when it has any."""
    class_rel, instance_rel = f"{CLASS_DIR}/{item_id}.png", f"{INSTANCE_DIR}/{item_id}.png"
    classes = None
    if (root / class_rel).is_file():
        classes = read_png(root / class_rel, class_rel, class_colors(table, class_rel), len(table.names))
    if not (root / instance_rel).is_file():
        if classes is None:
            return [], None
        return class_shapes(classes, table.names, table.background), (classes.shape[0], classes.shape[1])
    instances = read_png(root / instance_rel, instance_rel, voc_color_index, None)
    if classes is None:
        raise DatasetError(f"the instance mask has no {class_rel} to label its instances.", file=instance_rel)
    if classes.shape != instances.shape:
        raise DatasetError(f"the instance mask is {instances.shape[1]}×{instances.shape[0]} pixels but the class "
                           f"mask is {classes.shape[1]}×{classes.shape[0]}.", file=instance_rel)
    return instance_shapes(instances, classes, table.names), (classes.shape[0], classes.shape[1])


class VocReader:
    """Reads items of a VOC folder one at a time: masks always, annotation XML through `parse_xml`."""

    def __init__(self, root: Path, table: LabelTable, parse_xml: AnnotationParser | None = None) -> None:
        self.root, self.table, self.parse_xml = root, table, parse_xml
        self.images_dir = root / IMAGES_DIR
        self.images = _image_index(self.images_dir)

    def _image(self, item_id: str, filename: str | None) -> Path | None:
        if filename:
            candidate = (self.images_dir / filename).resolve()
            if candidate.is_relative_to(self.images_dir.resolve()) and candidate.is_file():
                return candidate
        return self.images.get(item_id)

    def item(self, subset: str | None, item_id: str, xml: Path | None = None, tags: list[Tag] | None = None) -> ImportedItem:
        width = height = None
        filename = None
        shapes: list[Shape] = []
        xml = xml or self.root / ANNOTATIONS_DIR / f"{item_id}.xml"
        if self.parse_xml is not None and xml.is_file():
            rel = xml.relative_to(self.root).as_posix()
            width, height, filename, shapes = self.parse_xml(xml.read_bytes(), rel)
        masks, size = item_masks(self.root, item_id, self.table)
        if size is not None and (width is None or height is None):
            height, width = size
        name = item_id
        if filename and PurePosixPath(filename).stem == PurePosixPath(item_id).name:
            name += PurePosixPath(filename).suffix  # the frame's full name, as CVAT matches it first
        return ImportedItem(name=name, subset=subset, width=width, height=height,
                            image=self._image(item_id, filename), tags=tags or [], shapes=shapes + masks)


def import_segmentation_mask(path: Path, options: ImportOptions) -> ImportedDataset:
    if not path.is_dir():
        raise DatasetError("expected a dataset folder (an extracted zip archive).", file=path.name)
    root = dataset_root(path)
    table, _ = label_table(root)
    items = listed_items(root, table, ("Segmentation",))
    if not has_lists(root, ("Segmentation",)):
        raise DatasetError(f"no segmentation dataset found: {SETS_DIR}/Segmentation/<subset>.txt lists are missing.")
    reader = VocReader(root, table)
    return ImportedDataset(table.label_specs(), (reader.item(subset, item_id) for subset, item_id in items))


register_format(FormatSpec("Segmentation mask", "1.1", "ZIP"), exporter=export_segmentation_mask,
                importer=import_segmentation_mask)
