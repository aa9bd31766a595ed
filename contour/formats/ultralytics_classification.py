"""Ultralytics YOLO Classification 1.0: images sorted into `<subset>/<label>/` folders, one folder per tag.

Export (as CVAT): with "save images" each frame's image goes into the folder of each of its tag labels
(`no_label` when it has none) under its file name (a name already used in that folder gets `.0`, `.1`, … before
the extension); `<subset>/labels.json` maps every item id to its labels and the path of its (last) copy, so item
ids with folders, and frames whose images were not saved, come back. A frame without a subset goes to "train".
Kept: tags (their labels). Lost: tag attributes and groups, every shape and track.
Import reads `<subset>/labels.json` when present, otherwise the folders: an image found in several label folders
is one item with several tags, named by its path inside the label folder without extension.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

import orjson

from contour.formats.errors import DatasetError
from contour.formats.model import (
    ArchiveWriter,
    ExportSource,
    ImportedDataset,
    ImportedItem,
    ImportOptions,
    LabelSpec,
    Tag,
)
from contour.formats.registry import ExportOptions, FormatSpec, register_format
from contour.formats.ultralytics_lines import extension_of, find_root, image_size, is_image, yolo_subset

NO_LABEL = "no_label"
LABELS_FILE = "labels.json"


# --- export ----------------------------------------------------------------------------------------------------


def _free_name(used: set[str], base: str) -> str:
    if base not in used:
        used.add(base)
        return base
    index = 0
    while f"{base}.{index}" in used:
        index += 1
    used.add(f"{base}.{index}")
    return f"{base}.{index}"


def _export(source: ExportSource, out: ArchiveWriter, options: ExportOptions) -> None:
    used: dict[tuple[str, str], set[str]] = {}
    info: dict[str, dict[str, dict[str, object]]] = {}
    for frame in source.frames():
        subset = yolo_subset(frame.subset)
        labels = list(dict.fromkeys(tag.label for tag in frame.tags))
        media = source.media(frame) if options.save_images else None
        extension = media.extension if media is not None else extension_of(frame.name)
        base = frame.stem.rsplit("/", 1)[-1]
        path = ""
        for label in labels or [NO_LABEL]:
            name = _free_name(used.setdefault((subset, label), set()), base)
            path = f"{label}/{name}{extension}"
            if media is not None:
                out.write_media(f"{subset}/{path}", media)
        info.setdefault(subset, {})[frame.stem] = {"labels": labels, "path": path}
    for subset, items in info.items():
        out.write_bytes(f"{subset}/{LABELS_FILE}", orjson.dumps(items))


# --- import ----------------------------------------------------------------------------------------------------


@dataclass
class _Subset:
    name: str
    folder: Path
    listed: dict[str, tuple[list[str], str]] | None  # labels.json: item id -> (labels, image path)
    labels: list[str] = field(default_factory=list)  # label folders


def _visible_dirs(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.is_dir() and not p.name.startswith(".") and p.name != "__MACOSX")


def _has_images(folder: Path) -> bool:
    # Only direct children: a recursive look would take a wrapping top folder for a subset.
    return any(p.is_file() and is_image(p) for p in folder.iterdir())


def _is_root(path: Path) -> bool:
    return any((sub / LABELS_FILE).is_file() or any(_has_images(label) for label in _visible_dirs(sub))
               for sub in _visible_dirs(path))


def _read_listing(path: Path, file: str) -> dict[str, tuple[list[str], str]]:
    try:
        data = orjson.loads(path.read_bytes())
    except orjson.JSONDecodeError as error:
        raise DatasetError(f"malformed JSON: {error.msg}", file=file, line=error.lineno) from None
    if not isinstance(data, dict):
        raise DatasetError("expected an object mapping item ids to their labels and path", file=file)
    listed = {}
    for item_id, entry in data.items():
        labels = entry.get("labels") if isinstance(entry, dict) else None
        image = entry.get("path", "") if isinstance(entry, dict) else None
        if not isinstance(labels, list) or not all(isinstance(v, str) for v in labels) or not isinstance(image, str):
            raise DatasetError(f"item {item_id!r} needs 'labels' (a list of names) and 'path' (a string)", file=file)
        listed[item_id] = ([v for v in labels if isinstance(v, str)], image)
    return listed


def _subsets(root: Path) -> list[_Subset]:
    subsets = []
    for folder in _visible_dirs(root):
        listing = folder / LABELS_FILE
        listed = _read_listing(listing, f"{folder.name}/{LABELS_FILE}") if listing.is_file() else None
        folders = [p.name for p in _visible_dirs(folder)]
        if {"images", "labels"} <= set(folders):
            raise DatasetError(f"'{folder.name}' holds images/ and labels/: this is a detection dataset, "
                               "not Ultralytics YOLO Classification")
        subsets.append(_Subset(folder.name, folder, listed, folders))
    return subsets


def _image_in(folder: Path, relative: str) -> Path | None:
    if not relative:
        return None
    path = PurePosixPath(relative.replace("\\", "/"))
    if path.is_absolute() or ".." in path.parts:
        return None
    found = folder / path
    return found if found.is_file() else None


def _item(name: str, subset: str, labels: list[str], image: Path | None) -> ImportedItem:
    size = image_size(image) if image is not None else None
    return ImportedItem(
        name=name, subset=subset, width=size[0] if size else None, height=size[1] if size else None,
        image=image if size is not None else None, tags=[Tag(label) for label in labels if label != NO_LABEL],
    )


def _items(subsets: list[_Subset]) -> Iterator[ImportedItem]:
    for subset in subsets:
        if subset.listed is not None:
            for item_id, (labels, relative) in subset.listed.items():
                yield _item(item_id, subset.name, labels, _image_in(subset.folder, relative))
            continue
        found: dict[str, tuple[Path, list[str]]] = {}
        for label in subset.labels:
            folder = subset.folder / label
            for image in sorted(p for p in folder.rglob("*") if p.is_file() and is_image(p)):
                name = image.relative_to(folder).with_suffix("").as_posix()
                found.setdefault(name, (image, []))[1].append(label)
        for name, (image, labels) in found.items():
            yield _item(name, subset.name, labels, image)


def _import(path: Path, options: ImportOptions) -> ImportedDataset:
    root = find_root(path, _is_root, "not an Ultralytics YOLO Classification dataset: expected "
                                     "<subset>/<label>/<image> folders (or <subset>/labels.json)")
    if (root / "labels").is_dir() or (root / "data.yaml").is_file():
        raise DatasetError("this is an Ultralytics detection-style dataset (data.yaml, labels/), "
                           "not Ultralytics YOLO Classification")
    subsets = _subsets(root)
    names: set[str] = set()
    for subset in subsets:
        names.update(subset.labels)
        for labels, _ in (subset.listed or {}).values():
            names.update(labels)
    names.discard(NO_LABEL)
    return ImportedDataset(labels=[LabelSpec(name) for name in sorted(names)], items=_items(subsets))


register_format(FormatSpec("Ultralytics YOLO Classification", "1.0", "ZIP", shape_types=frozenset(),
                           reads_attributes=False), exporter=_export, importer=_import)
