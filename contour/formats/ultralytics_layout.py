"""Where an Ultralytics YOLO dataset keeps things: data.yaml (names, subsets, kpt_shape) and each item's image
and label file, for both `images/<subset>/…` with `labels/<subset>/…` and Roboflow's `<subset>/images/…`.

A subset in data.yaml is a folder of images, a `.txt` list of image paths, an image, or a list of those, relative
to the dataset root (`path:` names a folder on the author's machine and is ignored, as CVAT does). Labels sit
where Ultralytics looks: the image path with its last `images` folder replaced by `labels`, extension `.txt`.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from contour.formats.errors import DatasetError
from contour.formats.ultralytics_lines import clean_relative, is_image, relative_name, text_lines, without_data_prefix
from contour.formats.ultralytics_yaml import YamlValue, load_yaml

# data.yaml keys that are not subsets (Ultralytics', Roboflow's and CVAT's).
_NOT_SUBSETS = frozenset({
    "path", "names", "nc", "kpt_shape", "flip_idx", "kpt_names", "download", "backup", "classes", "roboflow",
    "yaml_file", "channels", "license", "url",
})


@dataclass(frozen=True)
class DataConfig:
    file: str  # the config's name relative to the root
    names: dict[int, str]  # class id -> name, in class id order
    subsets: list[tuple[str, list[str]]]  # subset name -> its sources as written
    raw: dict[YamlValue, YamlValue]


@dataclass(frozen=True)
class LayoutItem:
    subset: str
    name: str  # the item id: the path below `images/<subset>/` (or `<subset>/images/`) without extension
    image: Path  # where the image is or would be (it may be missing from the archive)
    labels: Path  # where its label file is or would be


def config_path(root: Path) -> Path | None:
    """data.yaml, or the only YAML file at the root (other tools name it after the dataset)."""
    if (root / "data.yaml").is_file():
        return root / "data.yaml"
    found = [p for p in root.iterdir() if p.is_file() and p.suffix.lower() in (".yaml", ".yml")]
    return found[0] if len(found) == 1 else None


def _names(value: YamlValue, file: str) -> dict[int, str]:
    if isinstance(value, list):
        entries: list[tuple[YamlValue, YamlValue]] = list(enumerate(value))
    elif isinstance(value, dict):
        entries = list(value.items())
    else:
        raise DatasetError("'names' must map class ids to names (or list the names)", file=file)
    names: dict[int, str] = {}
    for key, name in entries:
        if isinstance(key, str) and key.strip().isdigit():
            key = int(key)
        if not isinstance(key, int) or isinstance(key, bool) or key < 0:
            raise DatasetError(f"class ids in 'names' must be non-negative integers, got {key!r}", file=file)
        if name is None or isinstance(name, (list, dict)) or str(name) == "":
            raise DatasetError(f"class {key} in 'names' has no name", file=file)
        names[key] = str(name).lower() if isinstance(name, bool) else str(name)
    return dict(sorted(names.items()))


def _sources(value: YamlValue) -> list[str] | None:
    if isinstance(value, str) and value.strip():
        return [value]
    if isinstance(value, list) and value and all(isinstance(v, str) for v in value):
        return [v for v in value if isinstance(v, str)]
    return None


def _discovered(root: Path) -> list[tuple[str, list[str]]]:
    """Subsets from the folders when data.yaml lists none: images/<subset> or <subset>/images."""
    found: dict[str, str] = {}
    for kind in ("images", "labels"):
        if (root / kind).is_dir():
            for sub in sorted(p.name for p in (root / kind).iterdir() if p.is_dir()):
                found.setdefault(sub, f"images/{sub}")
        for sub in sorted(p.name for p in root.iterdir() if (p / kind).is_dir()):
            found.setdefault(sub, f"{sub}/images")
    return [(subset, [source]) for subset, source in found.items()]


def read_config(root: Path) -> DataConfig:
    path = config_path(root)
    if path is None:
        raise DatasetError("not an Ultralytics YOLO dataset: data.yaml is missing")
    file = relative_name(path, root)
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError:
        raise DatasetError("the file is not UTF-8 text", file=file) from None
    data = load_yaml(text, file)
    if not isinstance(data, dict):
        raise DatasetError("expected a mapping of settings ('names:', 'train:', …)", file=file)
    if "names" not in data:
        raise DatasetError("'names' (the class names) is missing", file=file)
    subsets = []
    for key, value in data.items():
        sources = _sources(value)
        if isinstance(key, str) and key not in _NOT_SUBSETS and sources is not None:
            subsets.append((key, sources))
    return DataConfig(file, _names(data["names"], file), subsets or _discovered(root), data)


def kpt_shape(config: DataConfig) -> tuple[int, int]:
    """(points per skeleton, values per point) of a pose dataset."""
    value = config.raw.get("kpt_shape")
    if value is None:
        raise DatasetError("'kpt_shape' is missing: a pose dataset needs [points, 2 or 3]", file=config.file)
    if not isinstance(value, list) or len(value) != 2:
        raise DatasetError(f"'kpt_shape' must be [points, 2 or 3], got {value!r}", file=config.file)
    points, dims = value
    if type(points) is not int or type(dims) is not int or points < 0 or dims not in (2, 3):
        raise DatasetError(f"'kpt_shape' must be [points, 2 or 3], got {value!r}", file=config.file)
    return points, dims


# --- items -----------------------------------------------------------------------------------------------------


def _relative(raw: str, root: Path, *, file: str, line: int | None = None, base: PurePosixPath | None = None
              ) -> PurePosixPath:
    text = raw.strip().replace("\\", "/")
    if text.startswith("/") or (len(text) > 1 and text[1] == ":"):
        # An absolute path from the author's machine: keep what follows the dataset folder, if we can tell.
        parts = PurePosixPath(text).parts
        for size in range(len(parts) - 1, 0, -1):
            candidate = PurePosixPath(*parts[-size:])
            if ".." not in candidate.parts and (root / candidate).exists():
                return candidate
        raise DatasetError(f"the path {text[:80]!r} is outside the dataset", file=file, line=line)
    if text.startswith("./") and base is not None:
        text = (base / text[2:]).as_posix()
    # Roboflow writes "../train/images", which Ultralytics resolves inside the dataset folder too.
    while text.startswith("../"):
        text = text[3:]
    return without_data_prefix(clean_relative(text, "a subset path", file=file, line=line), root)


def _last_index(parts: tuple[str, ...], name: str) -> int | None:
    for index in range(len(parts) - 2, -1, -1):
        if parts[index] == name:
            return index
    return None


def _name(parts: tuple[str, ...], folder: int | None) -> str:
    if folder is not None and folder <= 1 and len(parts) > 2:
        below = parts[2:]
    elif folder is not None:
        below = parts[folder + 1:]
    else:
        below = parts[1:] if len(parts) > 1 else parts
    path = PurePosixPath(*below)
    return path.with_suffix("").as_posix() if path.suffix else path.as_posix()


def image_item(root: Path, subset: str, image: PurePosixPath) -> LayoutItem:
    parts = image.parts
    folder = _last_index(parts, "images")
    if folder is None:
        labels = image.with_suffix(".txt")
    else:
        labels = PurePosixPath(*parts[:folder], "labels", *parts[folder + 1:]).with_suffix(".txt")
    return LayoutItem(subset, _name(parts, folder), root / image, root / labels)


def _label_item(root: Path, subset: str, labels: PurePosixPath) -> LayoutItem:
    parts = labels.parts
    folder = _last_index(parts, "labels")
    image = PurePosixPath(*parts[:folder], "images", *parts[folder + 1:]) if folder is not None else labels
    return LayoutItem(subset, _name(parts, folder), root / image, root / labels)


def _walk(folder: Path, keep: str) -> list[Path]:
    found = [p for p in folder.rglob("*") if p.is_file() and (is_image(p) if keep == "image" else p.suffix == ".txt")]
    return sorted(found)


def _list_file(root: Path, subset: str, path: PurePosixPath) -> Iterator[LayoutItem]:
    file = path.as_posix()
    for number, line in text_lines(root / path, root):
        image = _relative(line, root, file=file, line=number, base=path.parent)
        yield image_item(root, subset, image)


def _folder(root: Path, subset: str, folder: PurePosixPath, file: str) -> Iterator[LayoutItem]:
    images = _walk(root / folder, "image") if (root / folder).is_dir() else []
    if images:
        for image in images:
            yield image_item(root, subset, PurePosixPath(image.relative_to(root).as_posix()))
        return
    parts = folder.parts
    index = next((i for i in range(len(parts) - 1, -1, -1) if parts[i] == "images"), None)
    labels = PurePosixPath(*parts[:index], "labels", *parts[index + 1:]) if index is not None else None
    if labels is not None and (root / labels).is_dir():
        # An export without images: the label files are the items.
        for label in _walk(root / labels, "txt"):
            yield _label_item(root, subset, PurePosixPath(label.relative_to(root).as_posix()))
        return
    if not (root / folder).is_dir():
        raise DatasetError(f"the {subset!r} subset folder {folder.as_posix()!r} is missing", file=file)


def subset_sources(root: Path, config: DataConfig) -> list[tuple[str, PurePosixPath]]:
    """Every (subset, dataset path) source, checked to exist (lists and images) before items are read."""
    checked = []
    for subset, sources in config.subsets:
        for source in sources:
            path = _relative(source, root, file=config.file)
            if (path.suffix.lower() == ".txt" or is_image(path)) and not (root / path).is_file():
                raise DatasetError(f"the {subset!r} subset file {path.as_posix()!r} is missing", file=config.file)
            checked.append((subset, path))
    return checked


def layout_items(root: Path, config: DataConfig, sources: list[tuple[str, PurePosixPath]]) -> Iterator[LayoutItem]:
    for subset, path in sources:
        if path.suffix.lower() == ".txt":
            yield from _list_file(root, subset, path)
        elif is_image(path):
            yield image_item(root, subset, path)
        else:
            yield from _folder(root, subset, path, config.file)
