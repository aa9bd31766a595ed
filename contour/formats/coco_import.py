"""COCO import machinery: finding the annotation files and reading them (images, categories, CVAT's extra
attributes, its tracks) with checks that name the file.

Every problem is a DatasetError naming the file relative to the dataset root (and the line for JSON syntax
errors); annotations are named by their position and id in the file.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path, PurePosixPath

import orjson

from contour.core.masks import MAX_RASTER_COORDINATE
from contour.formats.errors import DatasetError
from contour.formats.model import DEFAULT_SUBSET, ImportedItem, Shape

_FILE_NAME = re.compile(r"^(instances|person_keypoints|panoptic)_(.+)\.json$")
_SOURCES = frozenset({"auto", "semi-auto", "manual", "file"})
# Attributes CVAT writes for shape fields (`is_crowd` is said by the geometry, so it is dropped).
_FIELD_ATTRIBUTES = frozenset({"occluded", "outside", "rotation", "z_order", "track_id", "keyframe", "source", "is_crowd"})
_TRUE_WORDS = frozenset({"true", "1", "1.0", "yes"})
_FALSE_WORDS = frozenset({"false", "0", "0.0", "no", ""})


# --- locating the files ------------------------------------------------------------------------------------------


@dataclass(slots=True)
class CocoFile:
    path: Path
    name: str  # relative to the dataset root, for messages
    task: str  # "instances", "person_keypoints", "panoptic"; the guess for files named otherwise
    subset: str
    root: Path | None  # the dataset root, None for a bare JSON upload

    def images_dir(self) -> Path | None:
        if self.root is None:
            return None
        for folder in (self.root / "images" / self.subset, self.root / "images"):
            if folder.is_dir():
                return folder
        return None


def dataset_root(path: Path) -> Path:
    """The folder holding `annotations/`: `path`, or its only subfolder (an archive with one top folder)."""
    if (path / "annotations").is_dir():
        return path
    children = [c for c in path.iterdir() if not c.name.startswith(".") and c.name != "__MACOSX"]
    if len(children) == 1 and children[0].is_dir():
        return children[0]
    return path


def find_files(path: Path, default_task: str) -> list[CocoFile]:
    """Annotation files of a folder (`annotations/<task>_<subset>.json`), or the single file uploaded bare.

    A folder without task-named files but with exactly one JSON file gets it read as `default_task`.
    """
    if not path.exists():
        raise DatasetError("the dataset is missing", file=path.name)
    if path.is_file():
        match = _FILE_NAME.match(path.name)
        task, subset = (match.group(1), match.group(2)) if match else (default_task, DEFAULT_SUBSET)
        return [CocoFile(path, path.name, task, subset, None)]
    root = dataset_root(path)
    folder = root / "annotations" if (root / "annotations").is_dir() else root
    found = []
    for candidate in sorted(folder.glob("*.json")):
        match = _FILE_NAME.match(candidate.name)
        if match and candidate.is_file():
            found.append(CocoFile(candidate, _relative(candidate, root), match.group(1), match.group(2), root))
    if not found:
        singles = [c for c in folder.glob("*.json") if c.is_file()]
        if len(singles) == 1:
            found.append(CocoFile(singles[0], _relative(singles[0], root), default_task, DEFAULT_SUBSET, root))
    return found


def _relative(path: Path, root: Path) -> str:
    return path.relative_to(root).as_posix()


def load_json(file: CocoFile) -> dict[str, object]:
    try:
        data = orjson.loads(file.path.read_bytes())
    except orjson.JSONDecodeError as error:
        raise DatasetError(f"malformed JSON: {error.msg}", file=file.name, line=error.lineno) from error
    except OSError as error:
        raise DatasetError(f"cannot read the file: {error.strerror}", file=file.name) from error
    if not isinstance(data, dict):
        raise DatasetError("not a COCO annotation file: the top level is not an object", file=file.name)
    for key in ("images", "annotations"):
        if not isinstance(data.get(key), list):
            raise DatasetError(f"not a COCO annotation file: it has no {key!r} list", file=file.name)
    return data


# --- checked fields ----------------------------------------------------------------------------------------------


_NUMERIC = frozenset({int, float})


@dataclass(frozen=True, slots=True)
class Fields:
    """A JSON object of the file with typed getters whose errors say where the value is: the `index`th entry of
    the list `within` (worded only when an error needs it, as files hold hundreds of thousands of entries)."""

    data: Mapping[str, object]
    file: str
    within: str
    index: int

    @property
    def where(self) -> str:
        ident = self.data.get("id")
        return f"{self.within}[{self.index}]" + (f" (id {ident})" if isinstance(ident, int | str) else "")

    def error(self, message: str) -> DatasetError:
        return DatasetError(f"{self.where}: {message}", file=self.file)

    def get(self, key: str) -> object:
        if key not in self.data:
            raise self.error(f"{key!r} is missing")
        return self.data[key]

    def integer(self, key: str) -> int:
        value = self.get(key)
        if type(value) is int:
            return value
        if type(value) is not float or not value.is_integer():
            raise self.error(f"{key!r} must be an integer, got {value!r}")
        return int(value)

    def text(self, key: str) -> str:
        value = self.get(key)
        if not isinstance(value, str):
            raise self.error(f"{key!r} must be a string, got {value!r}")
        return value

    def array(self, key: str) -> list[object]:
        value = self.get(key)
        if not isinstance(value, list):
            raise self.error(f"{key!r} must be a list")
        return value

    def numbers(self, value: object, what: str) -> list[float]:
        """Coordinates: numbers (JSON has no infinities) within the range anything can be rasterised at."""
        if not isinstance(value, list) or not all(type(v) in _NUMERIC for v in value):
            raise self.error(f"{what} must be a list of numbers")
        numbers = [float(v) for v in value]
        if numbers and (max(numbers) > MAX_RASTER_COORDINATE or min(numbers) < -MAX_RASTER_COORDINATE):
            raise self.error(f"{what} holds a number out of range")
        return numbers


def objects(data: Mapping[str, object], key: str, file: str) -> Iterator[Fields]:
    """The entries of a top-level list, each checked to be an object."""
    values = data.get(key, [])
    if not isinstance(values, list):
        raise DatasetError(f"{key!r} must be a list", file=file)
    for index, value in enumerate(values):
        if not isinstance(value, dict):
            raise DatasetError(f"{key}[{index}] must be an object", file=file)
        yield Fields(value, file, key, index)


# --- categories and images ---------------------------------------------------------------------------------------


def read_categories(data: Mapping[str, object], file: str) -> dict[int, Fields]:
    """Categories by id, in id order (the label order Datumaro gives)."""
    if "categories" not in data:
        raise DatasetError("not a COCO annotation file: it has no 'categories' list", file=file)
    categories: dict[int, Fields] = {}
    for category in objects(data, "categories", file):
        ident = category.integer("id")
        category.text("name")
        if ident in categories:
            raise category.error(f"category id {ident} is declared twice")
        categories[ident] = category
    return dict(sorted(categories.items()))


@dataclass(slots=True)
class Image:
    item: ImportedItem
    width: int  # 0 when the file does not say
    height: int
    index: int  # position in the file's image list


def _stem(name: str) -> str:
    dot = name.rfind(".")
    return name[:dot] if dot > name.rfind("/") else name


def read_images(data: Mapping[str, object], file: CocoFile) -> dict[int, Image]:
    images: dict[int, Image] = {}
    images_dir = file.images_dir()
    for index, entry in enumerate(objects(data, "images", file.name)):
        ident = entry.integer("id")
        if ident in images:
            raise entry.error(f"image id {ident} is listed twice")
        file_name = entry.text("file_name").replace("\\", "/")
        parts = PurePosixPath(file_name).parts
        if not parts or file_name.startswith("/") or ".." in parts or ":" in parts[0]:
            raise entry.error(f"file_name {file_name!r} must be a relative path inside the images folder")
        width = entry.integer("width") if entry.data.get("width") is not None else 0
        height = entry.integer("height") if entry.data.get("height") is not None else 0
        if width < 0 or height < 0:
            raise entry.error(f"the image size {width}×{height} is negative")
        image_path = images_dir / file_name if images_dir is not None else None
        item = ImportedItem(
            name=_stem(file_name), subset=file.subset, width=width or None, height=height or None,
            image=image_path if image_path is not None and image_path.is_file() else None,
        )
        images[ident] = Image(item, width, height, index)
    return images


def annotation_image(entry: Fields, images: Mapping[int, Image]) -> tuple[int, Image]:
    image_id = entry.integer("image_id")
    image = images.get(image_id)
    if image is None:
        raise entry.error(f"image_id {image_id} is not in 'images'")
    return image_id, image


def annotation_category(entry: Fields, categories: Mapping[int, Fields]) -> Fields:
    category_id = entry.integer("category_id")
    category = categories.get(category_id)
    if category is None:
        raise entry.error(f"category_id {category_id} is not a declared category")
    return category


# --- attributes --------------------------------------------------------------------------------------------------


def text_value(value: object) -> str:
    """An attribute value as CVAT stores it (text): booleans lower-case, whole floats without ".0"."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, int | float | str):
        return str(value)
    if value is None:
        return ""
    return orjson.dumps(value).decode()


def _flag(value: object, entry: Fields, name: str) -> bool:
    if isinstance(value, bool):
        return value
    word = text_value(value).strip().lower()
    if word in _TRUE_WORDS:
        return True
    if word in _FALSE_WORDS:
        return False
    raise entry.error(f"attribute {name!r} must be a boolean, got {value!r}")


def _number(value: object, entry: Fields, name: str) -> float:
    try:
        number = float(value) if isinstance(value, int | float | str) and not isinstance(value, bool) else math.nan
    except ValueError:
        number = math.nan
    if not math.isfinite(number):
        raise entry.error(f"attribute {name!r} must be a number, got {value!r}")
    return number


def apply_attributes(shape: Shape, raw: object, entry: Fields) -> None:
    """Put the annotation's `attributes` on the shape: CVAT's own ones (occluded, rotation, z_order, source,
    track_id with keyframe, outside) become the shape's fields, `is_crowd` is dropped (the geometry says it),
    the rest stay attributes as text."""
    if raw is None:
        return
    if not isinstance(raw, dict):
        raise entry.error("'attributes' must be an object")
    track_id: int | None = None
    keyframe: bool | None = None
    for name, value in raw.items():
        if name not in _FIELD_ATTRIBUTES:
            shape.attributes[name] = text_value(value)
        elif name == "occluded":
            shape.occluded = _flag(value, entry, name)
        elif name == "outside":
            shape.outside = _flag(value, entry, name)
        elif name == "rotation":
            rotation = _number(value, entry, name) % 360.0
            if shape.type in ("rectangle", "ellipse"):
                shape.rotation = rotation
        elif name == "z_order":
            shape.z_order = int(_number(value, entry, name))
        elif name == "track_id":
            number = _number(value, entry, name)
            if number != math.floor(number) or number < 0:
                raise entry.error(f"attribute 'track_id' must be a non-negative integer, got {value!r}")
            track_id = int(number)
        elif name == "keyframe":
            keyframe = _flag(value, entry, name)
        elif name == "source":
            if isinstance(value, str) and value.lower() in _SOURCES:
                shape.source = value.lower()
            else:
                shape.attributes[name] = text_value(value)
    # As in CVAT, only a shape that says whether it is a keyframe belongs to a track.
    if track_id is not None and keyframe is not None:
        shape.track_id, shape.keyframe = track_id, keyframe


def apply_score(shape: Shape, entry: Fields) -> None:
    if "score" in entry.data:
        score = _number(entry.data["score"], entry, "score")
        shape.score = score
        shape.attributes["score"] = text_value(entry.data["score"])


# --- reading a file ----------------------------------------------------------------------------------------------


def number_groups(shapes: list[Shape], next_group: int) -> int:
    """Give the parts of a multi-part annotation a shared group (single shapes stay ungrouped)."""
    if len(shapes) > 1:
        for shape in shapes:
            shape.group = next_group
        return next_group + 1
    return next_group


# Converts one annotation of the file into objects, each the shapes of one object (several parts share a group):
# (annotation, its image, categories by id).
Converter = Callable[[Fields, Image, Mapping[int, Fields]], list[list[Shape]]]


@dataclass(slots=True)
class ReadFile:
    items: list[ImportedItem] = field(default_factory=list)
    categories: dict[int, Fields] = field(default_factory=dict)


def read_file(file: CocoFile, data: Mapping[str, object], convert: Converter) -> ReadFile:
    """Items of the file in image order with their shapes, tracks keyframed the way CVAT reads them back."""
    categories = read_categories(data, file.name)
    images = read_images(data, file)
    next_group = dict.fromkeys(images, 1)
    for entry in objects(data, "annotations", file.name):
        image_id, image = annotation_image(entry, images)
        for shapes in convert(entry, image, categories):
            next_group[image_id] = number_groups(shapes, next_group[image_id])
            image.item.shapes.extend(shapes)
    items = [image.item for image in sorted(images.values(), key=lambda i: i.index)]
    keyframe_tracks(items)
    return ReadFile(items, categories)


def keyframe_tracks(items: Sequence[ImportedItem]) -> None:
    """CVAT writes a track's shape on every frame where it shows, each saying whether it is a keyframe. Keep the
    keyframes and the last shape before the track disappears, and close the track on the next item there (the
    items being the frames in order), so the tracks read back show on the same frames as they were exported."""
    by_track: dict[int, list[tuple[int, Shape]]] = {}
    for index, item in enumerate(items):
        for shape in item.shapes:
            if shape.track_id is None:
                continue
            occurrences = by_track.setdefault(shape.track_id, [])
            if occurrences and occurrences[-1][0] == index:
                # A track has one shape a frame: further parts of it (a traced mask's polygons) stay plain shapes.
                shape.track_id, shape.keyframe = None, False
            else:
                occurrences.append((index, shape))
    if not by_track:
        return
    dropped: set[int] = set()
    for occurrences in by_track.values():
        for position, (index, shape) in enumerate(occurrences):
            following = occurrences[position + 1][0] if position + 1 < len(occurrences) else None
            run_ends = following != index + 1
            if run_ends and not shape.outside and index + 1 < len(items):
                items[index + 1].shapes.append(_outside_copy(shape))
            if shape.keyframe or shape.outside or run_ends:
                shape.keyframe = True
            else:
                dropped.add(id(shape))
    for item in items:
        item.shapes = [s for s in item.shapes if id(s) not in dropped]


def _outside_copy(shape: Shape) -> Shape:
    elements = [replace(e, outside=True, elements=[]) for e in shape.elements]
    return replace(shape, outside=True, keyframe=True, attributes=dict(shape.attributes), elements=elements)
