"""What the YOLO-family codecs share: label-text lines with file/line errors, numbers, safe relative paths,
image sizes read from headers, and finding a dataset's root folder (YOLO 1.1 and every Ultralytics format).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path, PurePosixPath

from contour.formats.errors import DatasetError

# Extensions that Ultralytics (and Datumaro) take for images, lower-cased.
IMAGE_EXTENSIONS = frozenset({
    ".bmp", ".dng", ".jpeg", ".jpg", ".jpe", ".mpo", ".png", ".tif", ".tiff", ".webp", ".pfm", ".gif", ".jp2",
})
DEFAULT_IMAGE_EXTENSION = ".jpg"
# CVAT's YOLO exporters put frames without a subset into this one.
DEFAULT_YOLO_SUBSET = "train"


def relative_name(path: Path, root: Path) -> str:
    """`path` as a posix path relative to the dataset root, for error messages."""
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.name


def text_lines(path: Path, root: Path) -> Iterator[tuple[int, str]]:
    """(1-based line number, stripped text) of every non-blank line of a UTF-8 text file."""
    name = relative_name(path, root)
    try:
        data = path.read_bytes()
    except OSError as error:
        raise DatasetError(f"cannot read the file: {error.strerror or error}", file=name) from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise DatasetError("the file is not UTF-8 text", file=name, line=line) from None
    if "\x00" in text:
        raise DatasetError("the file is binary, not text", file=name)
    for number, raw in enumerate(text.splitlines(), start=1):
        stripped = raw.strip()
        if stripped:
            yield number, stripped


class LineContext:
    """Where a token comes from, so that a bad one is reported with its file and line."""

    __slots__ = ("file", "line")

    def __init__(self, file: str, line: int) -> None:
        self.file = file
        self.line = line

    def error(self, message: str) -> DatasetError:
        return DatasetError(message, file=self.file, line=self.line)

    def number(self, token: str, what: str) -> float:
        try:
            value = float(token)
        except ValueError:
            raise self.error(f"{what} is not a number: {token[:40]!r}") from None
        if not math.isfinite(value):
            raise self.error(f"{what} must be a finite number, got {token[:40]!r}")
        return value

    def numbers(self, tokens: Sequence[str], what: Callable[[int], str]) -> list[float]:
        """All tokens as finite floats; `what(i)` names token i in the error for a bad one."""
        try:
            values = [float(token) for token in tokens]
        except ValueError:
            values = []
        if len(values) == len(tokens) and all(map(math.isfinite, values)):
            return values
        return [self.number(token, what(index)) for index, token in enumerate(tokens)]

    def integer(self, token: str, what: str) -> int:
        try:
            return int(token)
        except ValueError:
            raise self.error(f"{what} is not an integer: {token[:40]!r}") from None

    def class_name(self, token: str, names: dict[int, str]) -> str:
        class_id = self.integer(token, "the class id")
        found = names.get(class_id)
        if found is None:
            raise self.error(f"unknown class id {class_id}: the dataset declares {len(names)} classes")
        return found


def fmt(value: float) -> str:
    """A normalised coordinate as YOLO tools write it (six decimals)."""
    return f"{value:.6f}"


def clean_relative(raw: str, what: str, *, file: str, line: int | None = None) -> PurePosixPath:
    """A dataset-internal path from a list or config file: posix, no `./`, never absolute nor escaping."""
    text = raw.strip().replace("\\", "/")
    path = PurePosixPath(text)
    parts = [p for p in path.parts if p not in ("", ".")]
    if not parts or path.is_absolute() or ".." in parts or (len(text) > 1 and text[1] == ":"):
        raise DatasetError(f"{what} must be a path inside the dataset, got {raw.strip()[:80]!r}", file=file, line=line)
    return PurePosixPath(*parts)


def without_data_prefix(path: PurePosixPath, root: Path) -> PurePosixPath:
    """Darknet lists name files as `data/<path>` (its working folder); CVAT strips that prefix too."""
    if len(path.parts) > 1 and path.parts[0] == "data" and not (root / path).exists():
        return PurePosixPath(*path.parts[1:])
    return path


def image_size(path: Path) -> tuple[int, int] | None:
    """(width, height) from the image's header only, or None when it is missing or not a readable image."""
    if not path.is_file():
        return None
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(path) as image:
            width, height = image.size
    except (OSError, UnidentifiedImageError, ValueError, Image.DecompressionBombError):
        return None
    return (int(width), int(height)) if width > 0 and height > 0 else None


def find_root(path: Path, is_root: Callable[[Path], bool], missing: str) -> Path:
    """The dataset root: `path` itself or, for a zip holding one top folder, that folder."""
    if not path.is_dir():
        raise DatasetError(f"expected a dataset folder, got the file {path.name!r}")
    if is_root(path):
        return path
    entries = [e for e in path.iterdir() if not e.name.startswith(".") and e.name != "__MACOSX"]
    if len(entries) == 1 and entries[0].is_dir() and is_root(entries[0]):
        return entries[0]
    raise DatasetError(missing)


def is_image(path: Path | PurePosixPath) -> bool:
    return path.suffix.lower() in IMAGE_EXTENSIONS


def extension_of(name: str) -> str:
    """The extension of a frame name (with the dot), or the default when it has none."""
    suffix = PurePosixPath(name).suffix
    return suffix if suffix else DEFAULT_IMAGE_EXTENSION


def yolo_subset(subset: str) -> str:
    """The subset folder/list name CVAT uses for a frame's subset ("default" becomes "train")."""
    return DEFAULT_YOLO_SUBSET if not subset or subset == "default" else subset
