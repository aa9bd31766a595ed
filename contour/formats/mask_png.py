"""PASCAL VOC segmentation masks: the VOC colormap, labelmap.txt, class/instance PNGs, and shapes rasterised
into them (export) or cut out of them (import). Shared by the PASCAL VOC and Segmentation mask codecs."""

from __future__ import annotations

import math
import struct
import zlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
from PIL import Image
from scipy import ndimage  # type: ignore[import-untyped]

from contour.core.geometry import ellipse_radii, rectangle_to_polygon
from contour.core.masks import bitmap_to_cvat_mask, cvat_mask_to_bitmap, ellipse_to_bitmap, polygon_to_bitmap
from contour.errors import error_text
from contour.formats.errors import DatasetError
from contour.formats.model import AttributeSpec, LabelSpec, Shape

RGB = tuple[int, int, int]
IndexMask = npt.NDArray[np.integer[Any]]
Bitmap = npt.NDArray[np.bool_]

LABELMAP_FILE = "labelmap.txt"
CLASS_DIR = "SegmentationClass"
INSTANCE_DIR = "SegmentationObject"
BACKGROUND = "background"
BLACK: RGB = (0, 0, 0)
_NO_CLASS = 0xFFFF

# Shape types that become segments (CVAT turns ellipses and masks into masks; boxes only for Segmentation mask).
SEGMENT_TYPES = frozenset({"polygon", "ellipse", "mask"})

_VOC_LABELS = (
    "background", "aeroplane", "bicycle", "bird", "boat", "bottle", "bus", "car", "cat", "chair", "cow",
    "diningtable", "dog", "horse", "motorbike", "person", "pottedplant", "sheep", "sofa", "train", "tvmonitor",
)
_VOC_IGNORED = ("ignored", 255)
_VOC_PARTS = ("head", "hand", "foot")
_VOC_ACTIONS = (
    "other", "jumping", "phoning", "playinginstrument", "reading", "ridingbike", "ridinghorse", "running",
    "takingphoto", "usingcomputer", "walking",
)


# --- the VOC colormap ------------------------------------------------------------------------------------------


def voc_colormap(count: int) -> npt.NDArray[np.uint8]:
    """Colours 0..count-1 of the VOC palette: index bits 3k..3k+2 become bit 7-k of red, green and blue."""
    index = np.arange(count, dtype=np.int64)
    colors = np.zeros((count, 3), dtype=np.int64)
    for bit in range(7, -1, -1):
        for channel in range(3):
            colors[:, channel] |= ((index >> channel) & 1) << bit
        index >>= 3
    return colors.astype(np.uint8)


def _spread_bits(channel: int) -> npt.NDArray[np.int64]:
    """Index bits that each value of one colour channel stands for (channel bit 7-k is index bit 3k+channel)."""
    values = np.arange(256, dtype=np.int64)
    spread = np.zeros(256, dtype=np.int64)
    for k in range(8):
        spread |= ((values >> (7 - k)) & 1) << (3 * k + channel)
    return spread


_SPREAD = tuple(_spread_bits(channel) for channel in range(3))


def voc_color_index(rgb: npt.NDArray[np.uint8]) -> IndexMask:
    """The inverse of `voc_colormap` for an (..., 3) colour array: every colour names one index below 2^24."""
    return _SPREAD[0][rgb[..., 0]] | _SPREAD[1][rgb[..., 1]] | _SPREAD[2][rgb[..., 2]]


def pack(color: RGB) -> int:
    return (color[0] << 16) | (color[1] << 8) | color[2]


def parse_hex_color(value: str) -> RGB | None:
    text = value.strip().lstrip("#")
    if len(text) != 6:
        return None
    try:
        number = int(text, 16)
    except ValueError:
        return None
    return (number >> 16) & 255, (number >> 8) & 255, number & 255


# --- labelmap.txt ----------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class LabelMapEntry:
    name: str
    color: RGB | None = None
    parts: tuple[str, ...] = ()
    actions: tuple[str, ...] = ()


def default_labelmap() -> list[LabelMapEntry]:
    """The VOC labels with their colours; person carries the layout parts and the actions."""
    colors = voc_colormap(256)
    entries = [LabelMapEntry(name, _rgb(colors[i])) for i, name in enumerate(_VOC_LABELS)]
    person = _VOC_LABELS.index("person")
    entries[person] = LabelMapEntry("person", entries[person].color, _VOC_PARTS, _VOC_ACTIONS)
    entries.append(LabelMapEntry(_VOC_IGNORED[0], _rgb(colors[_VOC_IGNORED[1]])))
    return entries


def _rgb(color: Sequence[int] | npt.NDArray[np.uint8]) -> RGB:
    return int(color[0]), int(color[1]), int(color[2])


def _names(field: str) -> tuple[str, ...]:
    return tuple(name for name in (part.strip() for part in field.split(",")) if name)


def read_labelmap(path: Path, rel: str) -> list[LabelMapEntry]:
    """Parse `name:r,g,b:parts:actions` lines (colour, parts and actions may be empty; `#` starts a comment line)."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as error:
        raise DatasetError("the label map is not UTF-8 text.", file=rel) from error
    entries: dict[str, LabelMapEntry] = {}
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        fields = line.split(":")
        if len(fields) != 4:
            raise DatasetError(f"expected 4 ':'-separated fields (label:color_rgb:parts:actions), got {len(fields)}.",
                               file=rel, line=number)
        name = fields[0].strip()
        if not name:
            raise DatasetError("a label needs a name.", file=rel, line=number)
        if name in entries:
            raise DatasetError(f"label {name!r} is defined twice.", file=rel, line=number)
        color: RGB | None = None
        if fields[1].strip():
            channels = fields[1].split(",")
            try:
                values = [int(c) for c in channels]
            except ValueError:
                values = []
            if len(values) != 3 or not all(0 <= v <= 255 for v in values):
                raise DatasetError(f"label {name!r} has colour {fields[1]!r}; expected r,g,b from 0 to 255.",
                                   file=rel, line=number)
            color = (values[0], values[1], values[2])
        entries[name] = LabelMapEntry(name, color, _names(fields[2]), _names(fields[3]))
    return list(entries.values())


def format_labelmap(entries: Iterable[LabelMapEntry]) -> bytes:
    lines = ["# label:color_rgb:parts:actions"]
    for entry in entries:
        color = ",".join(str(c) for c in entry.color) if entry.color else ""
        lines.append(":".join((entry.name, color, ",".join(entry.parts), ",".join(entry.actions))))
    return ("\n".join(lines) + "\n").encode("utf-8")


class LabelTable:
    """A labelmap as masks index it: label ids are the labels in order, then the parts; colours by id.

    As in Datumaro, a labelmap without any colour gets the VOC colours by position; otherwise only the labels
    with a colour appear in colour masks. The background is the first black label, else one named `background`.
    """

    def __init__(self, entries: Sequence[LabelMapEntry]) -> None:
        self.entries = list(entries)
        self.names = [e.name for e in self.entries]
        for part in dict.fromkeys(p for e in self.entries for p in e.parts):
            if part not in self.names:
                self.names.append(part)
        self.ids = {name: i for i, name in enumerate(self.names)}
        if any(e.color is not None for e in self.entries):
            self.colors = {i: e.color for i, e in enumerate(self.entries) if e.color is not None}
        else:
            generated = voc_colormap(len(self.entries))
            self.colors = {i: _rgb(generated[i]) for i in range(len(self.entries))}
        self.by_color = {pack(color): i for i, color in self.colors.items()}
        black = next((i for i, color in self.colors.items() if color == BLACK), None)
        self.background: int | None = black if black is not None else self.ids.get(BACKGROUND)
        self.actions = {e.name: e.actions for e in self.entries}
        self._color_lut: npt.NDArray[np.uint16] | None = None

    def color_lut(self) -> npt.NDArray[np.uint16]:
        """Class id by 0xRRGGBB colour (`_NO_CLASS` where the map has none): one gather decodes a colour mask."""
        if self._color_lut is None:
            lut = np.full(1 << 24, _NO_CLASS, dtype=np.uint16)
            for color, class_id in self.by_color.items():
                lut[color] = class_id
            self._color_lut = lut
        return self._color_lut

    def palette(self, size: int) -> npt.NDArray[np.uint8]:
        """Colours for class ids 0..size-1 (ids without a colour get the VOC colour of their position)."""
        colors = voc_colormap(size)
        for i, color in self.colors.items():
            if i < size:
                colors[i] = color
        return colors

    def label_specs(self) -> list[LabelSpec]:
        specs = []
        for name in self.names:
            color = self.colors.get(self.ids[name])
            actions = tuple(AttributeSpec(a, "checkbox", False, ("false",), "false") for a in self.actions.get(name, ()))
            specs.append(LabelSpec(name, "#{:02x}{:02x}{:02x}".format(*color) if color else "", attributes=actions))
        return specs


# --- PNG files -------------------------------------------------------------------------------------------------


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def encode_png(index: IndexMask, palette: Callable[[int], npt.NDArray[np.uint8]]) -> bytes:
    """An index mask as a palette PNG (ids up to 255; readers see the id or its colour), else as an RGB PNG.

    Written directly (unfiltered rows, one zlib stream): masks are flat, so filters gain little, and this is
    about twice as fast as Pillow's encoder.
    """
    height, width = index.shape
    top = int(index.max()) if index.size else 0
    pixels = index.astype(np.uint8) if top < 256 else palette(top + 1)[index].reshape(height, width * 3)
    rows = np.zeros((height, pixels.shape[1] + 1), dtype=np.uint8)  # each row starts with filter type 0
    rows[:, 1:] = pixels
    header = struct.pack(">IIBBBBB", width, height, 8, 3 if top < 256 else 2, 0, 0, 0)
    chunks = [_chunk(b"IHDR", header)]
    if top < 256:
        chunks.append(_chunk(b"PLTE", palette(top + 1).tobytes()))
    chunks += [_chunk(b"IDAT", zlib.compress(rows.tobytes(), 3)), _chunk(b"IEND", b"")]
    return b"\x89PNG\r\n\x1a\n" + b"".join(chunks)


def _narrow(values: npt.NDArray[np.int64]) -> IndexMask:
    return values.astype(np.min_scalar_type(int(values.max()) if values.size else 0))


def read_png(path: Path, rel: str, colors: Callable[[npt.NDArray[np.uint8]], IndexMask],
             index_limit: int | None) -> IndexMask:
    """Decode a mask PNG into ids: grey values are ids themselves, colours (RGB or palette) go through `colors`."""
    try:
        with Image.open(path) as image:
            image.load()
            mode = image.mode
            if mode == "P":
                palette = np.frombuffer(bytes(image.getpalette("RGB") or []), dtype=np.uint8).reshape(-1, 3)
                values = np.asarray(image)
            elif mode in ("1", "L", "LA", "I", "I;16", "I;16B", "I;16L"):
                values = np.asarray(image.getchannel(0) if mode == "LA" else image)
            else:
                values = np.asarray(image.convert("RGB"))
    except (OSError, ValueError, SyntaxError, Image.DecompressionBombError) as error:
        raise DatasetError(f"not a readable PNG image ({error_text(error, path, rel)}).", file=rel) from error
    if mode == "P":
        used = np.flatnonzero(np.bincount(values.ravel(), minlength=1))
        if used.size and used[-1] >= len(palette):
            raise DatasetError(f"pixel value {int(used[-1])} is outside the PNG's palette.", file=rel)
        table = np.zeros(256, dtype=np.int64)
        table[used] = colors(palette[used])
        return np.take(_narrow(table), values)
    if values.ndim == 3:
        return colors(values)
    grey: IndexMask = values.astype(np.uint8) if mode == "1" else values
    if grey.size and int(grey.min()) < 0:
        raise DatasetError(f"pixel value {int(grey.min())} is negative.", file=rel)
    if index_limit is not None and grey.size and int(grey.max()) >= index_limit:
        raise DatasetError(f"class index {int(grey.max())} is not in the label map ({index_limit} labels).",
                           file=rel)
    return grey


def class_colors(table: LabelTable, rel: str) -> Callable[[npt.NDArray[np.uint8]], IndexMask]:
    """Class ids of colours through the label map; a colour it lacks is a DatasetError naming `rel`."""

    def lookup(rgb: npt.NDArray[np.uint8]) -> IndexMask:
        packed = (rgb[..., 0].astype(np.uint32) << 16) | (rgb[..., 1].astype(np.uint32) << 8) | rgb[..., 2]
        if packed.size <= 256:  # a palette: no need for the whole colour table
            ids: IndexMask = np.array([table.by_color.get(v, _NO_CLASS) for v in packed.ravel().tolist()],
                                      dtype=np.uint16).reshape(packed.shape)
        else:
            ids = table.color_lut()[packed]
        unknown = ids == _NO_CLASS
        if unknown.any():
            color = tuple(int(c) for c in rgb[unknown][0])
            raise DatasetError(f"colour {color} is not in the label map.", file=rel)
        return ids

    return lookup


# --- shapes into masks (export) --------------------------------------------------------------------------------


@dataclass(slots=True)
class Segment:
    """A shape's pixels: a bitmap of its box within the frame, placed at (left, top)."""

    bitmap: Bitmap
    left: int
    top: int
    label: str
    z_order: int = 0


def _span(low: float, high: float, size: int) -> tuple[int, int]:
    return max(0, min(size, math.floor(low))), max(0, min(size, math.ceil(high)))


def _polygon_segment(points: Sequence[float], width: int, height: int) -> tuple[Bitmap, int, int] | None:
    xy = np.asarray(points, dtype=np.float64).reshape(-1, 2)
    if len(xy) < 3 or not np.isfinite(xy).all():
        return None
    left, right = _span(float(xy[:, 0].min()), float(xy[:, 0].max()), width)
    top, bottom = _span(float(xy[:, 1].min()), float(xy[:, 1].max()), height)
    if right <= left or bottom <= top:
        return None
    # Whole-pixel shifts keep every sample at the same pixel centre, so the box-sized raster is exact.
    local = (xy - (left, top)).reshape(-1).tolist()
    return polygon_to_bitmap(local, right - left, bottom - top), left, top


def _box_segment(points: Sequence[float], width: int, height: int) -> tuple[Bitmap, int, int] | None:
    """An upright box covers the pixels whose centres it holds, the top-left edges included (as polygons)."""
    x0, y0, x1, y1 = (float(v) for v in points[:4])
    if not all(math.isfinite(v) for v in (x0, y0, x1, y1)):
        return None
    left, right = _span(math.ceil(min(x0, x1) - 0.5), math.ceil(max(x0, x1) - 0.5), width)
    top, bottom = _span(math.ceil(min(y0, y1) - 0.5), math.ceil(max(y0, y1) - 0.5), height)
    if right <= left or bottom <= top:
        return None
    return np.ones((bottom - top, right - left), dtype=np.bool_), left, top


def _ellipse_segment(shape: Shape, width: int, height: int) -> tuple[Bitmap, int, int] | None:
    cx, cy, rx, ry = ellipse_radii(shape.points)
    theta = math.radians(shape.rotation)
    half_w = math.hypot(rx * math.cos(theta), ry * math.sin(theta))
    half_h = math.hypot(rx * math.sin(theta), ry * math.cos(theta))
    left, right = _span(cx - half_w, cx + half_w + 1, width)
    top, bottom = _span(cy - half_h, cy + half_h + 1, height)
    if right <= left or bottom <= top:
        return None
    px, py = shape.points[2] - left, shape.points[3] - top
    bitmap = ellipse_to_bitmap([cx - left, cy - top, px, py], shape.rotation, right - left, bottom - top)
    return bitmap, left, top


def shape_segment(shape: Shape, width: int, height: int) -> Segment | None:
    """Rasterise a rectangle, polygon, ellipse or mask within the frame; None when no pixel of it is inside."""
    try:
        if shape.type == "mask":
            bitmap, (left, top, _, _) = cvat_mask_to_bitmap(shape.points, width, height)
            placed: tuple[Bitmap, int, int] | None = (bitmap, left, top)
        elif shape.type == "ellipse":
            placed = _ellipse_segment(shape, width, height)
        elif shape.type == "rectangle" and not shape.rotation % 360:
            placed = _box_segment(shape.points, width, height)
        elif shape.type == "rectangle":
            placed = _polygon_segment(rectangle_to_polygon(shape.points, shape.rotation), width, height)
        else:
            placed = _polygon_segment(shape.points, width, height)
    except (ValueError, IndexError):  # GeometryError included
        return None  # a mask lying wholly off the frame, or points that do not make the shape
    if placed is None or not placed[0].any():
        return None
    return Segment(placed[0], placed[1], placed[2], shape.label, shape.z_order)


def merge_segments(segments: Sequence[Segment]) -> Segment:
    """One segment covering all of them, labelled (and ordered) as the largest one."""
    leader = max(segments, key=lambda s: int(np.count_nonzero(s.bitmap)))
    left, top = min(s.left for s in segments), min(s.top for s in segments)
    right = max(s.left + s.bitmap.shape[1] for s in segments)
    bottom = max(s.top + s.bitmap.shape[0] for s in segments)
    union = np.zeros((bottom - top, right - left), dtype=np.bool_)
    for s in segments:
        union[s.top - top : s.top - top + s.bitmap.shape[0], s.left - left : s.left - left + s.bitmap.shape[1]] |= s.bitmap
    return Segment(union, left, top, leader.label, leader.z_order)


def compile_masks(segments: Sequence[Segment], width: int, height: int, class_ids: dict[str, int],
                  background: int) -> tuple[IndexMask, IndexMask]:
    """Paint segments in z_order (stable) into (class mask, instance mask). Instance ids are 1-based paint
    positions; a background-labelled segment (or one of a label missing from the map) erases what is below."""
    index = np.zeros((height, width), dtype=np.uint16 if len(segments) < 1 << 16 else np.uint32)
    classes = np.full((height, width), background, dtype=np.uint16 if len(class_ids) < 1 << 16 else np.uint32)
    for position, segment in enumerate(sorted(segments, key=lambda s: s.z_order), 1):
        class_id = class_ids.get(segment.label, background)
        rows, columns = segment.bitmap.shape
        area = (slice(segment.top, segment.top + rows), slice(segment.left, segment.left + columns))
        index[area][segment.bitmap] = 0 if class_id == background else position
        classes[area][segment.bitmap] = class_id
    return classes, index


# --- masks into shapes (import) --------------------------------------------------------------------------------


def _regions(ids: IndexMask) -> Iterator[tuple[int, tuple[slice, slice]]]:
    """(id, bounding slices) of every non-zero id, in increasing id order."""
    top = int(ids.max()) if ids.size else 0
    if top < 1 << 16:
        labels, present = ids, None
    else:  # ids spread wide (colours decoded as instance ids): number them densely first
        present = np.unique(ids)
        present = present[present != 0]
        labels = np.where(ids == 0, 0, np.searchsorted(present, ids) + 1)
    for position, box in enumerate(ndimage.find_objects(labels) if top else (), 1):
        if box is not None:
            yield (position if present is None else int(present[position - 1])), box


def _mask_points(local: Bitmap, box: tuple[slice, slice]) -> list[float]:
    points = bitmap_to_cvat_mask(local)
    left, top = float(box[1].start), float(box[0].start)
    return [*points[:-4], points[-4] + left, points[-3] + top, points[-2] + left, points[-1] + top]


def instance_shapes(instances: IndexMask, classes: IndexMask, names: Sequence[str]) -> list[Shape]:
    """A mask shape per instance id, labelled with the highest class id under it (as Datumaro pairs them)."""
    shapes = []
    for instance, box in _regions(instances):
        local = instances[box] == instance
        label = int(classes[box][local].max())
        shapes.append(Shape("mask", names[label], _mask_points(local, box)))
    return shapes


def class_shapes(classes: IndexMask, names: Sequence[str], background: int | None) -> list[Shape]:
    """Without instances: a mask shape per class present, the background aside."""
    shifted = classes.astype(np.int32) + 1
    if background is not None:
        shifted[classes == background] = 0
    return [
        Shape("mask", names[class_id - 1], _mask_points(shifted[box] == class_id, box))
        for class_id, box in _regions(shifted)
    ]
