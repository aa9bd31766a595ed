"""Masks as NumPy bool bitmaps (H×W): CVAT and COCO run-length encodings, rasterising shapes, tracing outlines."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import TypedDict

import numpy as np
import numpy.typing as npt
import shapely  # type: ignore[import-untyped]

from contour.core.geometry import MaskError, ellipse_radii, parse_cvat_mask, rectangle_to_polygon

__all__ = [
    "CocoRle",
    "MAX_RASTER_COORDINATE",
    "MaskError",
    "bitmap_to_coco_rle",
    "bitmap_to_cvat_mask",
    "bitmap_to_polygons",
    "coco_rle_to_bitmap",
    "coco_rle_to_cvat_mask",
    "cvat_mask_to_bitmap",
    "cvat_mask_to_coco_rle",
    "cvat_mask_to_frame",
    "ellipse_to_bitmap",
    "mask_area",
    "mask_bbox",
    "polygon_to_bitmap",
    "rectangle_to_bitmap",
]

# Pixel convention (CVAT's canvas and COCO's): pixel (i, j) covers [i, i+1) × [j, j+1) and belongs to a shape
# when its centre (i + 0.5, j + 0.5) does. Ties on an edge follow the top-left rule, so a rectangle [0, 0, 10, 10]
# covers exactly 10×10 pixels and shapes that share an edge never share a pixel. Everything is vectorised NumPy:
# no Python loop runs per pixel or per run.

Bitmap = npt.NDArray[np.bool_]
Box = tuple[int, int, int, int]  # left, top, right, bottom: inclusive pixel indices, as in CVAT masks


class CocoRle(TypedDict):
    """COCO run-length encoding: counts over the column-major pixels (list, or pycocotools' compressed string)."""

    counts: list[int] | str
    size: list[int]  # [height, width]


def _as_bitmap(bitmap: npt.ArrayLike) -> Bitmap:
    array = np.asarray(bitmap)
    if array.ndim != 2:
        raise MaskError(f"a bitmap must be 2-dimensional (H×W), got shape {array.shape}.")
    return array if array.dtype == np.bool_ else array != 0


def _run_lengths(flat: Bitmap) -> npt.NDArray[np.int64]:
    """Alternating background/foreground run lengths of a flat bitmap, starting with background (maybe 0)."""
    if not flat.size:
        return np.zeros(0, dtype=np.int64)
    changes = np.flatnonzero(flat[1:] != flat[:-1]) + 1
    bounds = np.concatenate(([0], changes, [flat.size]))
    runs = np.diff(bounds).astype(np.int64)
    return np.concatenate(([0], runs)) if flat[0] else runs


def _expand_runs(counts: npt.NDArray[np.int64]) -> Bitmap:
    return np.repeat(np.arange(counts.size) % 2 == 1, counts)


# --- CVAT masks ------------------------------------------------------------------------------------------------


def cvat_mask_to_bitmap(
    points: Sequence[float], frame_width: int | None = None, frame_height: int | None = None
) -> tuple[Bitmap, Box]:
    """Decode CVAT mask points into the bitmap of its box and the inclusive box (left, top, right, bottom).

    With frame dimensions the box is clipped to the frame (old CVAT versions saved boxes one pixel too wide);
    a box wholly outside the frame is a MaskError.
    """
    counts, (left, top, right, bottom) = parse_cvat_mask(points)
    bitmap = _expand_runs(counts).reshape(bottom - top + 1, right - left + 1)
    if frame_width is not None or frame_height is not None:
        right = min(right, (frame_width if frame_width is not None else right + 1) - 1)
        bottom = min(bottom, (frame_height if frame_height is not None else bottom + 1) - 1)
        if right < left or bottom < top:
            raise MaskError(f"the mask box starts at ({left}, {top}), outside the {frame_width}×{frame_height} frame.")
        bitmap = bitmap[: bottom - top + 1, : right - left + 1]
    return bitmap, (left, top, right, bottom)


def cvat_mask_to_frame(points: Sequence[float], width: int, height: int) -> Bitmap:
    """Decode CVAT mask points into a full-frame bitmap (height×width); parts outside the frame are dropped."""
    if width <= 0 or height <= 0:
        raise MaskError(f"the frame must have positive dimensions, got {width}×{height}.")
    local, (left, top, right, bottom) = cvat_mask_to_bitmap(points, width, height)
    frame = np.zeros((height, width), dtype=np.bool_)
    frame[top : bottom + 1, left : right + 1] = local
    return frame


def bitmap_to_cvat_mask(bitmap: npt.ArrayLike) -> list[float]:
    """Encode a full-frame bitmap as CVAT mask points over its tight box; an empty mask has no box (MaskError)."""
    box = mask_bbox(bitmap)
    if box is None:
        raise MaskError("an empty mask cannot be stored as a CVAT mask.")
    left, top, right, bottom = box
    runs = _run_lengths(_as_bitmap(bitmap)[top : bottom + 1, left : right + 1].reshape(-1))
    return [*runs.astype(np.float64).tolist(), float(left), float(top), float(right), float(bottom)]


def mask_area(bitmap: npt.ArrayLike) -> int:
    """The number of foreground pixels."""
    return int(np.count_nonzero(_as_bitmap(bitmap)))


def mask_bbox(bitmap: npt.ArrayLike) -> Box | None:
    """The tight inclusive box (left, top, right, bottom) of the foreground, or None for an empty mask."""
    fg = _as_bitmap(bitmap)
    columns = np.flatnonzero(fg.any(axis=0))
    if not columns.size:
        return None
    rows = np.flatnonzero(fg.any(axis=1))
    return int(columns[0]), int(rows[0]), int(columns[-1]), int(rows[-1])


# --- COCO RLE --------------------------------------------------------------------------------------------------


def _leb_encode(counts: npt.NDArray[np.int64]) -> str:
    """pycocotools' string form: each count (minus the one two places back, from the fourth on) as
    little-endian 5-bit groups, 0x20 marking "more follows", sign in bit 0x10 of the last group, plus 48."""
    values = counts.copy()
    values[3:] -= counts[1:-2]
    # Groups needed: the fewest n with -2^(5n-1) <= v < 2^(5n-1), i.e. bit_length(|v| or ~v) // 5 + 1.
    magnitude = np.where(values < 0, ~values, values)
    _, bit_length = np.frexp(magnitude.astype(np.float64))  # exact: counts stay far below 2^53
    groups = bit_length.astype(np.int64) // 5 + 1
    owner = np.repeat(np.arange(values.size), groups)
    first = np.cumsum(groups) - groups
    k = np.arange(owner.size) - first[owner]
    chunks = (values[owner] >> (5 * k)) & 0x1F
    more = k < groups[owner] - 1
    chars = ((chunks | np.where(more, 0x20, 0)) + 48).astype(np.uint8)
    return bytes(chars).decode("ascii")


def _leb_decode(text: str | bytes | bytearray) -> npt.NDArray[np.int64]:
    try:
        encoded = text.encode("ascii") if isinstance(text, str) else bytes(text)
    except UnicodeEncodeError as error:
        raise MaskError("compressed COCO counts hold characters outside the encoding.") from error
    raw = np.frombuffer(encoded, dtype=np.uint8)
    if not raw.size:
        return np.zeros(0, dtype=np.int64)
    codes = raw.astype(np.int64) - 48
    if ((codes < 0) | (codes > 0x3F)).any():
        raise MaskError("compressed COCO counts hold characters outside the encoding.")
    ends = np.flatnonzero((codes & 0x20) == 0)
    if not ends.size or ends[-1] != codes.size - 1:
        raise MaskError("compressed COCO counts end in the middle of a number.")
    starts = np.concatenate(([0], ends[:-1] + 1))
    lengths = ends - starts + 1
    if lengths.max() > 12:
        raise MaskError("compressed COCO counts hold a number too large for a mask.")
    k = np.arange(codes.size) - np.repeat(starts, lengths)
    values = np.add.reduceat((codes & 0x1F) << (5 * k), starts)
    negative = (codes[ends] & 0x10) != 0
    values[negative] -= np.int64(1) << (5 * lengths[negative])
    # Undo the delta against the count two places back (applied from the fourth count on).
    counts = values.copy()
    counts[1::2] = np.cumsum(values[1::2])
    counts[2::2] = np.cumsum(values[2::2])
    return counts


def bitmap_to_coco_rle(bitmap: npt.ArrayLike, *, compressed: bool = False) -> CocoRle:
    """COCO RLE of a full-frame bitmap (column-major runs, starting with background), as pycocotools makes it.

    Uncompressed by default (the JSON form of `iscrowd` annotations); `compressed=True` gives pycocotools'
    string counts.
    """
    fg = _as_bitmap(bitmap)
    height, width = fg.shape
    counts = _run_lengths(fg.T.reshape(-1))
    return {"counts": _leb_encode(counts) if compressed else counts.tolist(), "size": [height, width]}


def coco_rle_to_bitmap(rle: Mapping[str, object]) -> Bitmap:
    """Decode COCO RLE with list counts or pycocotools' compressed string (str or bytes) counts.

    The result is a column-major (Fortran-ordered) H×W array, as pycocotools returns it.
    """
    size = rle.get("size")
    if (
        not isinstance(size, Sequence)
        or len(size) != 2
        or not all(isinstance(v, int | np.integer) and not isinstance(v, bool) and v >= 0 for v in size)
    ):
        raise MaskError("a COCO RLE needs a size [height, width] of non-negative integers.")
    height, width = int(size[0]), int(size[1])
    raw = rle.get("counts")
    if isinstance(raw, str | bytes | bytearray):
        counts = _leb_decode(raw)
    elif isinstance(raw, Sequence | np.ndarray):
        try:
            values = np.asarray(raw).reshape(-1)
            if values.dtype.kind not in "iu":
                values = np.asarray(values, dtype=np.float64)
        except (TypeError, ValueError) as error:
            raise MaskError("COCO RLE counts must be integers.") from error
        if values.dtype.kind == "f" and (not np.isfinite(values).all() or (values != np.floor(values)).any()):
            raise MaskError("COCO RLE counts must be integers.")
        counts = values.astype(np.int64)
    else:
        raise MaskError("a COCO RLE needs counts (a list of integers or a compressed string).")
    if (counts < 0).any():
        raise MaskError("COCO RLE counts must not be negative.")
    if counts.size and counts.max() > height * width:
        raise MaskError(f"a COCO RLE count exceeds the {height}×{width} mask.")
    total = int(counts.sum())  # cannot overflow now: the RLE is far shorter than 2^63 / (height × width)
    if total != height * width:
        raise MaskError(f"COCO RLE counts sum to {total}, but a {height}×{width} mask holds {height * width} pixels.")
    return _expand_runs(counts).reshape(width, height).T


def cvat_mask_to_coco_rle(points: Sequence[float], width: int, height: int, *, compressed: bool = False) -> CocoRle:
    """COCO RLE over the whole frame of CVAT mask points."""
    return bitmap_to_coco_rle(cvat_mask_to_frame(points, width, height), compressed=compressed)


def coco_rle_to_cvat_mask(rle: Mapping[str, object]) -> list[float]:
    """CVAT mask points (tight box) of a COCO RLE; an empty mask is a MaskError."""
    return bitmap_to_cvat_mask(coco_rle_to_bitmap(rle))


# --- rasterising shapes ----------------------------------------------------------------------------------------


# Rasterising takes coordinates up to a billion pixels off the frame; past that the scanline arithmetic could
# overflow, and no annotation is meant that way.
MAX_RASTER_COORDINATE = float(1 << 30)


def _check_frame(width: int, height: int) -> None:
    if width < 0 or height < 0:
        raise MaskError(f"the frame must not have negative dimensions, got {width}×{height}.")


def _check_coordinates(values: npt.NDArray[np.float64], what: str) -> None:
    if not np.isfinite(values).all():
        raise MaskError(f"{what} must be finite numbers.")
    if values.size and np.abs(values).max() > MAX_RASTER_COORDINATE:
        raise MaskError(f"{what} lie too far off the frame to rasterise (beyond ±{MAX_RASTER_COORDINATE:.0f} px).")


def polygon_to_bitmap(points: Sequence[float], width: int, height: int) -> Bitmap:
    """Rasterise a polygon: pixels whose centres lie inside (even-odd rule; top-left rule on edges).

    Not Pillow's ImageDraw.polygon: it rounds vertices to whole pixels and paints the outline, growing a
    polygon by about a pixel per edge; this scanline fill samples exact pixel centres, like pycocotools.
    """
    _check_frame(width, height)
    values = np.asarray(points, dtype=np.float64).reshape(-1)
    if values.size % 2:
        raise MaskError(f"polygon points must be x, y pairs, got an odd count {values.size}.")
    _check_coordinates(values, "polygon points")
    bitmap = np.zeros((height, width), dtype=np.bool_)
    xy = values.reshape(-1, 2)
    if len(xy) < 3 or not width or not height:
        return bitmap
    x0, y0 = xy[:, 0], xy[:, 1]
    x1, y1 = np.roll(x0, -1), np.roll(y0, -1)
    slanted = y0 != y1
    x0, y0, x1, y1 = x0[slanted], y0[slanted], x1[slanted], y1[slanted]
    # Scanline j samples y = j + 0.5; an edge crosses the scanlines with ylo <= y < yhi (half-open, so a shared
    # vertex counts once and every row crosses an even number of edges).
    first = np.clip(np.ceil(np.minimum(y0, y1) - 0.5), 0, height).astype(np.int64)
    stop = np.clip(np.ceil(np.maximum(y0, y1) - 0.5), 0, height).astype(np.int64)
    rows_per_edge = np.maximum(stop - first, 0)
    total = int(rows_per_edge.sum())
    if not total:
        return bitmap
    edge = np.repeat(np.arange(rows_per_edge.size), rows_per_edge)
    row = first[edge] + (np.arange(total) - np.repeat(np.cumsum(rows_per_edge) - rows_per_edge, rows_per_edge))
    x = x0[edge] + (row + 0.5 - y0[edge]) * (x1[edge] - x0[edge]) / (y1[edge] - y0[edge])
    order = np.lexsort((x, row))
    pairs_x = x[order].reshape(-1, 2)
    pairs_row = row[order][::2]
    # Pixel i is inside a span [xa, xb) when xa <= i + 0.5 < xb.
    begin = np.clip(np.ceil(pairs_x[:, 0] - 0.5), 0, width).astype(np.int64)
    end = np.clip(np.ceil(pairs_x[:, 1] - 0.5), 0, width).astype(np.int64)
    keep = end > begin
    if not keep.any():
        return bitmap
    pairs_row, begin, end = pairs_row[keep], begin[keep], end[keep]
    top, left = int(pairs_row.min()), int(begin.min())
    bottom, right = int(pairs_row.max()) + 1, int(end.max())
    # Spans of one row are disjoint, so the running sum of +1 at each start and -1 at each end is 0 or 1.
    toggles = np.zeros((bottom - top, right - left + 1), dtype=np.int8)
    np.add.at(toggles, (pairs_row - top, begin - left), 1)
    np.add.at(toggles, (pairs_row - top, end - left), -1)
    bitmap[top:bottom, left:right] = np.cumsum(toggles, axis=1, dtype=np.int8)[:, :-1] > 0
    return bitmap


def rectangle_to_bitmap(points: Sequence[float], width: int, height: int, rotation: float = 0.0) -> Bitmap:
    """Rasterise a (possibly rotated) rectangle `[xtl, ytl, xbr, ybr]`."""
    return polygon_to_bitmap(rectangle_to_polygon(points, rotation), width, height)


def ellipse_to_bitmap(points: Sequence[float], rotation: float, width: int, height: int) -> Bitmap:
    """Rasterise a CVAT ellipse `[cx, cy, cx + rx, cy − ry]` rotated clockwise by `rotation` degrees.

    Sampled on the exact curve (not an inscribed polygon), so its area approaches π·rx·ry.
    """
    _check_frame(width, height)
    _check_coordinates(np.asarray(points[:4], dtype=np.float64), "ellipse points")
    if not math.isfinite(rotation):
        raise MaskError("an ellipse's rotation must be a finite number.")
    bitmap = np.zeros((height, width), dtype=np.bool_)
    cx, cy, rx, ry = ellipse_radii(points)
    if not (rx > 0 and ry > 0):
        return bitmap
    theta = math.radians(rotation)
    cos, sin = math.cos(theta), math.sin(theta)
    half_w, half_h = math.hypot(rx * cos, ry * sin), math.hypot(rx * sin, ry * cos)
    x_lo, x_hi = max(0, math.floor(cx - half_w)), min(width, math.ceil(cx + half_w) + 1)
    y_lo, y_hi = max(0, math.floor(cy - half_h)), min(height, math.ceil(cy + half_h) + 1)
    if x_lo >= x_hi or y_lo >= y_hi:
        return bitmap
    dx = (np.arange(x_lo, x_hi) + 0.5 - cx)[None, :]
    dy = (np.arange(y_lo, y_hi) + 0.5 - cy)[:, None]
    # Undo the clockwise rotation to measure the centre offsets along the ellipse's own axes.
    u = dx * cos + dy * sin
    v = -dx * sin + dy * cos
    # A radius far below a pixel overflows the ratio to infinity, which rightly reads as outside.
    with np.errstate(over="ignore"):
        bitmap[y_lo:y_hi, x_lo:x_hi] = (u / rx) ** 2 + (v / ry) ** 2 <= 1.0
    return bitmap


# --- tracing outlines ------------------------------------------------------------------------------------------

# Unit steps of boundary edges, indexed by direction: east, south, west, north (image space, y down).
_STEP_X = np.array([1, 0, -1, 0], dtype=np.int64)
_STEP_Y = np.array([0, 1, 0, -1], dtype=np.int64)


def _boundary_edges(fg: Bitmap) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64], npt.NDArray[np.int64]]:
    """Unit pixel edges between foreground and background as (start vertex, direction, successor edge).

    Edges run so that outer outlines go clockwise on screen and holes anticlockwise; vertices are numbered
    row-major over the (H+1)×(W+1) pixel corners, and edges come sorted by (start vertex, direction).
    """
    height, width = fg.shape
    padded = np.zeros((height + 2, width + 2), dtype=np.bool_)
    padded[1:-1, 1:-1] = fg
    above, below = padded[:-1, 1:-1], padded[1:, 1:-1]  # the pixels either side of horizontal edge y = r
    left, right = padded[1:-1, :-1], padded[1:-1, 1:]  # the pixels either side of vertical edge x = c
    leaves = np.zeros((height + 1, width + 1, 4), dtype=np.bool_)  # [y, x, direction]: an edge starts here
    leaves[:, :width, 0] = below & ~above  # top side of the foreground, heading east
    leaves[:, 1:, 2] = above & ~below  # bottom side, heading west
    leaves[:height, :, 1] = left & ~right  # right side, heading south
    leaves[1:, :, 3] = right & ~left  # left side, heading north
    key = np.flatnonzero(leaves)
    vertex, direction = key >> 2, key & 3
    out_count = (leaves[..., 0].astype(np.int64) + leaves[..., 1] + leaves[..., 2] + leaves[..., 3]).reshape(-1)
    first_out = np.cumsum(out_count) - out_count
    end = vertex + _STEP_Y[direction] * (width + 1) + _STEP_X[direction]
    successor: npt.NDArray[np.int64] = first_out[end]
    # Where two edges leave a vertex (pixels meeting only at a corner) they head opposite ways; taking the left
    # turn keeps such pixels apart. The two are stored by direction, so the left turn may be the second.
    fork = np.flatnonzero(out_count[end] == 2)
    successor[fork] += direction[successor[fork] + 1] == (direction[fork] + 1) % 4
    return vertex, direction, successor


def _cycle_order(successor: npt.NDArray[np.int64]) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
    """Walk the cycles of a permutation: (elements cycle by cycle, each from its smallest element on; cycle
    lengths), by pointer doubling, O(log longest cycle) vector steps and no Python loop per element."""
    size = successor.size
    head = np.arange(size, dtype=np.int64)  # smallest element seen in the window of `reach` steps ahead
    ahead = np.zeros(size, dtype=np.int64)  # steps from the element to that smallest one (first sighting)
    jump, reach = successor.copy(), 1
    while True:
        better = head[jump] < head
        if not better.any():
            break  # the minimum stopped changing, so every window already holds its cycle's minimum
        head = np.where(better, head[jump], head)
        ahead = np.where(better, ahead[jump] + reach, ahead)
        jump, reach = jump[jump], reach * 2
    heads = np.flatnonzero(head == np.arange(size))
    lengths = np.bincount(head, minlength=size)
    ring_offset = np.zeros(size, dtype=np.int64)
    ring_offset[heads] = np.cumsum(lengths[heads]) - lengths[heads]
    cycle_length = lengths[head]
    order = np.empty(size, dtype=np.int64)
    order[ring_offset[head] + (cycle_length - ahead) % cycle_length] = np.arange(size)
    return order, lengths[heads]


def bitmap_to_polygons(bitmap: npt.ArrayLike, *, simplify_tolerance: float = 0.0) -> list[list[float]]:
    """Outer outlines of the foreground as flat polygons, following pixel edges, topmost-leftmost first.

    Rasterising the outlines gives back the bitmap with its holes filled: CVAT polygons have no holes, so
    holes are dropped (as CVAT's mask-to-polygon does). Pixels that touch only at a corner are separate parts
    (4-connectivity), so an outline may touch itself at such a corner. Each polygon starts at its top-left
    corner, runs clockwise on screen and keeps only corner vertices; `simplify_tolerance` > 0 then thins it
    (Douglas-Peucker, in pixels). Pixel edges rather than pixel centres (OpenCV's contours) because only they
    give an exact round trip through `polygon_to_bitmap`.
    """
    fg = _as_bitmap(bitmap)
    box = mask_bbox(fg)
    if box is None:
        return []
    x0, y0, x1, y1 = box
    crop = fg[y0 : y1 + 1, x0 : x1 + 1]
    vertex, direction, successor = _boundary_edges(crop)
    order, ring_length = _cycle_order(successor)
    vertex, direction = vertex[order], direction[order]
    ring_start = np.cumsum(ring_length) - ring_length
    previous = np.arange(vertex.size) - 1
    previous[ring_start] = ring_start + ring_length - 1
    corner = direction != direction[previous]
    ring_id = np.repeat(np.arange(ring_start.size), ring_length)[corner]
    xs = (vertex[corner] % (crop.shape[1] + 1) + x0).astype(np.float64)
    ys = (vertex[corner] // (crop.shape[1] + 1) + y0).astype(np.float64)
    corner_start = np.flatnonzero(np.r_[True, ring_id[1:] != ring_id[:-1]])
    corner_count = np.diff(np.r_[corner_start, ring_id.size])
    following = np.arange(ring_id.size) + 1
    following[corner_start + corner_count - 1] = corner_start
    # Shoelace in image space: outer rings (foreground on the left) come out positive, holes negative.
    twice_area = np.add.reduceat(xs * ys[following] - xs[following] * ys, corner_start)
    flat = np.stack([xs, ys], axis=1).reshape(-1).tolist()
    polygons = []
    for begin, count, doubled in zip(corner_start.tolist(), corner_count.tolist(), twice_area.tolist(), strict=True):
        if doubled <= 0:
            continue
        polygon = flat[2 * begin : 2 * (begin + count)]
        if simplify_tolerance > 0:
            ring = shapely.Polygon(np.asarray(polygon).reshape(-1, 2))
            kept = np.asarray(ring.simplify(simplify_tolerance, preserve_topology=True).exterior.coords)[:-1]
            polygon = kept.reshape(-1).tolist()
            if len(polygon) < 6:
                continue
        polygons.append(polygon)
    return polygons
