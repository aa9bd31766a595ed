"""MOT 1.1: the MOT Challenge sequence layout CVAT writes (`gt/gt.txt`, `gt/labels.txt`, images in `img1/`).

Each `gt.txt` line is `frame_id,track_id,x,y,w,h,not_ignored,class_id,visibility` with 1-based class ids (the line of
`labels.txt`). Frame ids are what CVAT's export (Datumaro's `mot_seq_gt` writer) gives: the item id (the frame's name
without extension) when Python's `int()` reads it (`000007.jpg` is 7), else the item's 1-based position in the export
(deleted frames left out; a job's items count from 1, a project's on across its tasks). With images, a frame's image
is `img1/<frame_id, 6 digits><ext>` (`img1/000001.jpg`; video frames are PNGs, `img1/000001.PNG`: CVAT hands them to
Datumaro with a `.PNG` path too); two items with one frame id keep the first one's image. Kept: rectangles of tracks
(ids renumbered 1, 2, … in order of appearance) and plain rectangles (track id -1), labels, `occluded` (visibility 0
when the label has no `visibility` attribute), the `visibility` number and `ignored` checkbox attributes. Lost: every
other shape type, tags, other attributes, rotation, z order, groups, source, skeleton points in the label list.
Import reads `gt/gt.txt` (or a bare `gt.txt`), `labels.txt` beside it (else MOT's 12 standard classes) and
`seqinfo.ini` when present; frame id 1 is the import target's first frame (a job's first frame, as CVAT reads it).
Images named by number join the frame of that `frame_id`; others (our exports before CVAT's numbering, named after
the task frame) become items the server matches by name. Track ids > 0 make tracks, and each track gets an outside
shape on the first frame after a visible run that the sequence still has, so the server needs no MOT knowledge.
"""

from __future__ import annotations

import configparser
import math
import shutil
import tempfile
from collections import defaultdict
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, replace
from pathlib import Path

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

# MOT Challenge's classes, used when a sequence has no labels.txt.
MOT_LABELS = (
    "pedestrian", "person on vehicle", "car", "bicycle", "motorbike", "non motorized vehicle", "static person",
    "distractor", "occluder", "occluder on the ground", "occluder full", "reflection",
)
_IMAGE_EXTENSIONS = frozenset({".jpg", ".jpeg", ".png", ".bmp", ".tif", ".tiff", ".webp", ".jp2", ".gif"})


# --- export ----------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _LabelColumns:
    """What the `not_ignored` and `visibility` columns read from a label: its attributes' defaults, if it has them."""

    class_id: int
    ignored: str | None
    visibility: str | None


def _columns(labels: tuple[LabelSpec, ...]) -> dict[str, _LabelColumns]:
    result = {}
    for class_id, label in enumerate(labels, start=1):
        ignored, visibility = label.attribute("ignored"), label.attribute("visibility")
        result[label.name] = _LabelColumns(class_id, ignored.default_value if ignored else None,
                                           visibility.default_value if visibility else None)
    return result


def _visibility(shape: Shape, columns: _LabelColumns) -> float:
    value = shape.attributes.get("visibility", columns.visibility)
    if value is not None:
        try:
            number = float(value)
        except ValueError:
            number = math.nan
        if math.isfinite(number):
            return number
    return 0.0 if shape.occluded else 1.0


def frame_id(item_id: str, position: int) -> int:
    """The MOT frame id CVAT writes for an item: its id read as an integer when it is one (Python's `int()`, as
    Datumaro's writer casts it: `000007` is 7), else its 1-based position in the export."""
    try:
        return int(item_id)
    except ValueError:
        return position


def export_mot(source: ExportSource, out: ArchiveWriter, options: ExportOptions) -> None:
    """Lines go to a temporary file as frames stream by (images are written between them), then into the archive."""
    columns = _columns(source.meta.labels)
    track_numbers: dict[int, int] = {}
    saved: set[int] = set()
    with tempfile.TemporaryFile() as spool:
        # Positions count the exported frames (a job's from 1), as CVAT hands Datumaro the job's items only.
        for position, frame in enumerate(source.frames(), start=1):
            number = frame_id(frame.stem, position)
            lines = []
            for shape in frame.shapes:
                label = columns.get(shape.label)
                if shape.type != "rectangle" or label is None:
                    continue
                track = -1
                if shape.track_id is not None:
                    track = track_numbers.setdefault(shape.track_id, len(track_numbers) + 1)
                ignored = shape.attributes.get("ignored", label.ignored) or ""
                x1, y1, x2, y2 = (float(v) for v in shape.points[:4])
                lines.append(f"{number},{track},{x1!r},{y1!r},{x2 - x1!r},{y2 - y1!r},"
                             f"{0 if ignored.lower() == 'true' else 1},{label.class_id},{_visibility(shape, label)!r}\r\n")
            spool.write("".join(lines).encode())
            # Two items can get one number (`b.jpg` second after `2.jpg`): Datumaro would overwrite the first
            # image with the second; a zip member is written once, so the first stays.
            if options.save_images and number not in saved:
                saved.add(number)
                media = source.media(frame)
                out.write_media(f"img1/{number:06d}{media.extension}", media)
        spool.seek(0)
        with out.open("gt/gt.txt") as target:
            shutil.copyfileobj(spool, target, 1 << 20)
    out.write_bytes("gt/labels.txt", "\n".join(label.name for label in source.meta.labels).encode())


# --- import ----------------------------------------------------------------------------------------------------


def _find_sequence(path: Path) -> tuple[Path, Path, str]:
    """(sequence root, gt.txt, its name for messages): `gt/gt.txt` or a bare `gt.txt`, here or one folder down."""
    if path.is_file():
        return path.parent, path, path.name
    folders = [path, *(d for d in sorted(path.iterdir()) if d.is_dir() and not d.name.startswith((".", "__")))]
    for layout in (Path("gt", "gt.txt"), Path("gt.txt")):
        found = [d for d in folders if (d / layout).is_file()]
        if path in found:
            found = [path]
        if len(found) > 1:
            raise DatasetError(f"{len(found)} MOT sequences found; import one at a time", file=".")
        if found:
            return found[0], found[0] / layout, (found[0] / layout).relative_to(path).as_posix()
    raise DatasetError("no gt/gt.txt: this is not a MOT sequence", file=".")


def _read_text(file: Path, rel: str) -> str:
    try:
        return file.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = file.read_bytes()[: error.start].count(b"\n") + 1
        raise DatasetError("the file is not UTF-8 text", file=rel, line=line) from error
    except OSError as error:
        raise DatasetError(f"cannot read the file: {error.strerror}", file=rel) from error


@dataclass
class _SeqInfo:
    length: int = 0
    width: int | None = None
    height: int | None = None
    image_dir: str = "img1"


def _seq_info(root: Path, base: Path) -> _SeqInfo:
    file = root / "seqinfo.ini"
    info = _SeqInfo()
    if not file.is_file():
        return info
    rel = file.relative_to(base).as_posix()
    parser = configparser.ConfigParser(interpolation=None)
    try:
        parser.read_string(_read_text(file, rel))
    except configparser.Error as error:
        raise DatasetError(f"malformed seqinfo.ini: {error.message.splitlines()[0]}", file=rel,
                           line=getattr(error, "lineno", None)) from error
    section: Mapping[str, str] = parser["Sequence"] if parser.has_section("Sequence") else {}
    numbers: dict[str, int] = {}
    for key in ("seqlength", "imwidth", "imheight"):
        if key in section:
            try:
                numbers[key] = int(section[key])
            except ValueError:
                raise DatasetError(f"{key} must be an integer, got {section[key]!r}", file=rel) from None
            if numbers[key] < 0:
                raise DatasetError(f"{key} must not be negative", file=rel)
    image_dir = section.get("imdir", "img1")
    if Path(image_dir).is_absolute() or ".." in Path(image_dir).parts:
        raise DatasetError(f"imDir {image_dir!r} points outside the sequence", file=rel)
    return _SeqInfo(numbers.get("seqlength", 0), numbers.get("imwidth") or None, numbers.get("imheight") or None,
                    image_dir)


def _labels(gt: Path, base: Path) -> list[str]:
    file = gt.parent / "labels.txt"
    if not file.is_file():
        return list(MOT_LABELS)
    return [line.strip() for line in _read_text(file, file.relative_to(base).as_posix()).splitlines() if line.strip()]


_COLUMNS = ("frame_id", "track_id", "x", "y", "w", "h", "not_ignored", "class_id", "visibility", "z")
_INTEGER_COLUMNS = (0, 1, 7)


def _bad_number(fields: list[str], rel: str, line: int) -> DatasetError:
    """The error for the first field that is not a finite number (or not an integer where one is needed)."""
    for index, (text, name) in enumerate(zip(fields, _COLUMNS, strict=False)):
        try:
            value = float(text)
        except ValueError:
            return DatasetError(f"{name} must be a number, got {text!r}", file=rel, line=line)
        if not math.isfinite(value) or (index in _INTEGER_COLUMNS and not value.is_integer()):
            kind = "integer" if index in _INTEGER_COLUMNS else "number"
            return DatasetError(f"{name} must be a finite {kind}, got {text!r}", file=rel, line=line)
    raise AssertionError("every field is a number")


def _text(value: float) -> str:
    return str(int(value)) if value.is_integer() else repr(value)


def _rows(text: str, labels: list[str], rel: str) -> Iterator[tuple[int, int, Shape]]:
    """(line, 0-based frame, rectangle) for each row of gt.txt."""
    for line, raw in enumerate(text.splitlines(), start=1):
        fields = raw.split(",")
        if len(fields) < 8 and (not raw.strip() or raw.lstrip().startswith("#")):
            continue
        if not 8 <= len(fields) <= 10:
            raise DatasetError(f"expected 8 to 10 comma-separated values (frame_id, track_id, x, y, w, h, not_ignored, "
                               f"class_id[, visibility]), got {len(fields)}", file=rel, line=line)
        # Missing not_ignored and visibility mean 1, as in Datumaro.
        fields[6] = fields[6].strip() or "1"
        if len(fields) > 8:
            fields[8] = fields[8].strip() or "1"
        try:
            values = [float(f) for f in fields]
        except ValueError:
            raise _bad_number(fields, rel, line) from None
        frame, track, x, y, w, h, confidence, class_id = values[:8]
        if not all(map(math.isfinite, values)) or not (frame.is_integer() and track.is_integer() and
                                                       class_id.is_integer()):
            raise _bad_number(fields, rel, line)
        visibility = values[8] if len(values) > 8 else 1.0
        if frame < 1:
            raise DatasetError(f"frame_id {int(frame)} is out of range (frame ids start at 1)", file=rel, line=line)
        if w < 0 or h < 0:
            raise DatasetError(f"the box has a negative size {w!r}×{h!r}", file=rel, line=line)
        if not 1 <= class_id <= len(labels):
            raise DatasetError(f"class_id {int(class_id)} is unknown: there are {len(labels)} labels", file=rel,
                               line=line)
        yield line, int(frame) - 1, Shape(
            "rectangle", labels[int(class_id) - 1], [x, y, x + w, y + h], occluded=visibility <= 0,
            attributes={"visibility": _text(visibility), "ignored": "true" if confidence == 0 else "false"},
            track_id=int(track) if track > 0 else None, keyframe=track > 0,
        )


def import_mot(path: Path, options: ImportOptions) -> ImportedDataset:
    root, gt, rel = _find_sequence(path)
    base = path if path.is_dir() else path.parent
    labels = _labels(gt, base)
    info = _seq_info(root, base)
    items: dict[int, ImportedItem] = {}
    named: list[ImportedItem] = []
    image_dir = root / info.image_dir
    for image in sorted(image_dir.rglob("*")) if image_dir.is_dir() else []:
        if image.suffix.lower() not in _IMAGE_EXTENSIONS or not image.is_file():
            continue
        name = image.relative_to(image_dir).with_suffix("").as_posix()
        if name.isascii() and name.isdigit() and int(name):  # MOT Challenge numbering: 000001 is frame_id 1
            items[int(name) - 1] = ImportedItem(frame=int(name) - 1, image=image)
        else:  # named after the task frame (CVAT's export): the server matches it by name
            named.append(ImportedItem(name=name, image=image))
    tracks: dict[int, dict[int, Shape]] = defaultdict(dict)
    for line, frame, shape in _rows(_read_text(gt, rel), labels, rel):
        item = items.get(frame)
        if item is None:
            item = items[frame] = ImportedItem(frame=frame)
        item.shapes.append(shape)
        if shape.track_id is not None:
            if frame in tracks[shape.track_id]:
                raise DatasetError(f"track {shape.track_id} has a second box on frame {frame + 1}", file=rel, line=line)
            tracks[shape.track_id][frame] = shape
    last = max(info.length - 1, max(items, default=-1))
    for frames in tracks.values():
        for frame, shape in frames.items():
            following = frame + 1
            if following not in frames and following <= last:
                items.setdefault(following, ImportedItem(frame=following)).shapes.append(
                    replace(shape, outside=True, attributes=dict(shape.attributes)))
    ordered = [items[f] for f in sorted(items)] + named
    for item in ordered:
        item.width, item.height = info.width, info.height
        if item.frame is not None:  # a job's sequence starts at the job's first frame
            item.frame += options.first_frame
    return ImportedDataset([LabelSpec(name) for name in dict.fromkeys(labels)], ordered)


register_format(FormatSpec("MOT", "1.1", "ZIP", shape_types=frozenset({"rectangle"})), exporter=export_mot,
                importer=import_mot)
