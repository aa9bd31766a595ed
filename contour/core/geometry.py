"""Vector geometry of CVAT shapes: point-layout checks, outlines, and the IoU rules of merging jobs."""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
import numpy.typing as npt
import shapely  # type: ignore[import-untyped]

__all__ = [
    "GeometryError",
    "MaskError",
    "box_iou",
    "check_points",
    "cuboid3d_iou",
    "ellipse_radii",
    "ellipse_to_polygon",
    "mask_to_rectangle",
    "parse_cvat_mask",
    "polygon_iou",
    "polygon_to_rectangle",
    "rectangle_to_polygon",
    "rotate_points",
    "shape_similarity",
]

# Coordinates are CVAT's image space: x right, y down, pixel (i, j) covering [i, i+1) × [j, j+1); rotations are
# degrees clockwise on screen around the shape's centre. Raster work lives in `masks`.

# A box side past this is no image anyone annotates; the cap keeps box areas far inside int64.
MAX_MASK_SIDE = 1 << 24


class GeometryError(ValueError):
    """Points that do not fit their shape type's layout."""


class MaskError(GeometryError):
    """A mask (CVAT points, COCO RLE or bitmap) that is malformed."""


def _flat(points: Sequence[float]) -> npt.NDArray[np.float64]:
    return np.asarray(points, dtype=np.float64).reshape(-1)


def rotate_points(points: Sequence[float], degrees: float, cx: float, cy: float) -> list[float]:
    """Rotate flat `[x, y, …]` points clockwise on screen (y down) by `degrees` around (cx, cy)."""
    xy = _flat(points).reshape(-1, 2)
    if not degrees:
        return [float(v) for v in xy.reshape(-1)]
    theta = math.radians(degrees)
    cos, sin = math.cos(theta), math.sin(theta)
    dx, dy = xy[:, 0] - cx, xy[:, 1] - cy
    # The usual counter-clockwise matrix turns clockwise on screen because y points down.
    out = np.stack([cx + dx * cos - dy * sin, cy + dx * sin + dy * cos], axis=1)
    return [float(v) for v in out.reshape(-1)]


def rectangle_to_polygon(points: Sequence[float], rotation: float = 0.0) -> list[float]:
    """Corners of `[xtl, ytl, xbr, ybr]` (top-left, top-right, bottom-right, bottom-left), rotated around the centre."""
    xtl, ytl, xbr, ybr = (float(v) for v in points[:4])
    corners = [xtl, ytl, xbr, ytl, xbr, ybr, xtl, ybr]
    return rotate_points(corners, rotation, (xtl + xbr) / 2, (ytl + ybr) / 2)


def polygon_to_rectangle(points: Sequence[float]) -> list[float]:
    """The axis-aligned bounding box `[xmin, ymin, xmax, ymax]` of flat points."""
    xy = _flat(points).reshape(-1, 2)
    if not len(xy):
        raise GeometryError("no points to bound.")
    return [float(xy[:, 0].min()), float(xy[:, 1].min()), float(xy[:, 0].max()), float(xy[:, 1].max())]


def ellipse_radii(points: Sequence[float]) -> tuple[float, float, float, float]:
    """(cx, cy, rx, ry) of CVAT ellipse points `[cx, cy, cx + rx, cy − ry]`."""
    cx, cy, px, py = (float(v) for v in points[:4])
    return cx, cy, abs(px - cx), abs(cy - py)


def ellipse_to_polygon(points: Sequence[float], rotation: float = 0.0, segments: int = 64) -> list[float]:
    """An inscribed `segments`-gon of the ellipse, starting at its right end and turning clockwise on screen."""
    if segments < 3:
        raise GeometryError("an ellipse outline needs at least 3 segments.")
    cx, cy, rx, ry = ellipse_radii(points)
    t = np.arange(segments) * (2 * math.pi / segments)
    xy = np.stack([cx + rx * np.cos(t), cy + ry * np.sin(t)], axis=1).reshape(-1)
    return rotate_points(xy.tolist(), rotation, cx, cy)


def parse_cvat_mask(points: Sequence[float]) -> tuple[npt.NDArray[np.int64], tuple[int, int, int, int]]:
    """Split CVAT mask points into run-length counts and the inclusive box (left, top, right, bottom), checking both.

    Only the layout is checked here (no pixels are materialised), so huge masks cost O(len(points)).
    """
    values = _flat(points)
    if values.size < 5:
        raise MaskError(f"a mask needs run-length counts and a box (at least 5 numbers), got {values.size}.")
    if not np.isfinite(values).all():
        raise MaskError("a mask's numbers must be finite.")
    if (values != np.floor(values)).any():
        raise MaskError("a mask's numbers must be integers.")
    left, top, right, bottom = (int(v) for v in values[-4:])
    if left < 0 or top < 0:
        raise MaskError(f"the mask box starts at negative coordinates ({left}, {top}).")
    if right < left or bottom < top:
        raise MaskError(f"the mask box is inverted: left {left}, top {top}, right {right}, bottom {bottom}.")
    if right >= MAX_MASK_SIDE or bottom >= MAX_MASK_SIDE:
        raise MaskError(f"the mask box reaches past {MAX_MASK_SIDE} pixels.")
    area = (right - left + 1) * (bottom - top + 1)
    raw = values[:-4]
    if (raw < 0).any():
        raise MaskError("a mask's run-length counts must not be negative.")
    approximate = float(raw.sum())
    # This float check keeps the exact int64 sum below from overflowing.
    if raw.max() > area or approximate > area * 1.000001 + 1:
        raise MaskError(f"the mask's run-length counts sum to {approximate:g}, but its box holds {area} pixels.")
    counts = raw.astype(np.int64)
    total = int(counts.sum())
    if total != area:
        raise MaskError(f"the mask's run-length counts sum to {total}, but its box holds {area} pixels.")
    return counts, (left, top, right, bottom)


def mask_to_rectangle(mask_points: Sequence[float]) -> list[float]:
    """The box `[left, top, right + 1, bottom + 1]` that covers the mask's box pixels.

    CVAT stores inclusive pixel indices; a pixel spans one unit, so the covering rectangle ends one past them.
    This is the rectangle whose rasterisation is exactly the box.
    """
    _, (left, top, right, bottom) = parse_cvat_mask(mask_points)
    return [float(left), float(top), float(right + 1), float(bottom + 1)]


def _iou_of_areas(area_a: float, area_b: float, overlap: float) -> float:
    if not (area_a > 0 and area_b > 0):
        return 0.0
    union = area_a + area_b - overlap
    if not (union > 0) or not math.isfinite(union):
        return 0.0
    # Rounding can push the ratio a hair outside [0, 1]; the contract is a similarity in that range.
    return min(1.0, max(0.0, overlap / union))


def box_iou(a: Sequence[float], b: Sequence[float]) -> float:
    """IoU of two axis-aligned boxes `[x1, y1, x2, y2]` (corners in any order; zero-area → 0)."""
    ax1, ax2 = sorted((float(a[0]), float(a[2])))
    ay1, ay2 = sorted((float(a[1]), float(a[3])))
    bx1, bx2 = sorted((float(b[0]), float(b[2])))
    by1, by2 = sorted((float(b[1]), float(b[3])))
    overlap = max(0.0, min(ax2, bx2) - max(ax1, bx1)) * max(0.0, min(ay2, by2) - max(ay1, by1))
    return _iou_of_areas((ax2 - ax1) * (ay2 - ay1), (bx2 - bx1) * (by2 - by1), overlap)


def _polygon(points: Sequence[float]) -> shapely.Polygon | None:
    values = _flat(points)
    if values.size < 6 or values.size % 2 or not np.isfinite(values).all():
        return None
    return shapely.Polygon(values.reshape(-1, 2))


def polygon_iou(a: Sequence[float], b: Sequence[float]) -> float:
    """IoU of two polygons by area; like CVAT, an invalid (self-crossing) or zero-area polygon scores 0."""
    pa, pb = _polygon(a), _polygon(b)
    if pa is None or pb is None or not (pa.is_valid and pb.is_valid):
        return 0.0
    return _iou_of_areas(float(pa.area), float(pb.area), float(pa.intersection(pb).area))


def cuboid3d_iou(a: Sequence[float], b: Sequence[float]) -> float:
    """CVAT's 3D cuboid similarity: top-view (x/y) box IoU times side-view (x/z) box IoU; rotation is ignored."""

    def views(p: Sequence[float]) -> tuple[list[float], list[float]]:
        x, y, z, sx, sy, sz = (float(p[i]) for i in (0, 1, 2, 6, 7, 8))
        return (
            [x - sx / 2, y - sy / 2, x + sx / 2, y + sy / 2],
            [x - sx / 2, z - sz / 2, x + sx / 2, z + sz / 2],
        )

    (top_a, side_a), (top_b, side_b) = views(a), views(b)
    return box_iou(top_a, top_b) * box_iou(side_a, side_b)


def shape_similarity(
    type_a: str, points_a: Sequence[float], type_b: str, points_b: Sequence[float], *, is_3d: bool
) -> float:
    """Similarity of two shapes when merging overlapping jobs (reference §6.2); the same-label check is the caller's.

    Only rectangles (axis-aligned, rotation ignored), polygons and 3D cuboids ever match; every other type
    scores 0, so such duplicates on overlap frames are kept, as CVAT keeps them.
    """
    if type_a != type_b:
        return 0.0
    if type_a == "rectangle":
        return box_iou(points_a, points_b)
    if type_a == "polygon":
        return polygon_iou(points_a, points_b)
    if type_a == "cuboid" and is_3d:
        return cuboid3d_iou(points_a, points_b)
    return 0.0


def _check_count(
    shape_type: str, size: int, *, exactly: int | None = None, at_least: int = 0, even: bool = False
) -> None:
    if exactly is not None and size != exactly:
        raise GeometryError(f"a {shape_type} needs exactly {exactly} numbers in points, got {size}.")
    if size < at_least:
        pairs = at_least // 2
        raise GeometryError(
            f"a {shape_type} needs at least {pairs} point{'s' if pairs > 1 else ''} ({at_least} numbers), got {size} numbers."
        )
    if even and size % 2:
        raise GeometryError(f"a {shape_type}'s points must be x, y pairs, got an odd count {size}.")


def check_points(shape_type: str, points: Sequence[float], *, is_3d: bool = False) -> None:
    """Check that `points` fits the layout of `shape_type` (reference §4.3); raise GeometryError naming the problem."""
    try:
        finite = all(math.isfinite(v) for v in points)
    except TypeError as error:
        raise GeometryError("points must be numbers.") from error
    if not finite:
        raise GeometryError("points must be finite numbers (no NaN or infinity).")
    size = len(points)
    if shape_type in ("rectangle", "ellipse"):
        _check_count(shape_type, size, exactly=4)
    elif shape_type == "cuboid":
        # 2D: two faces of 4 points; 3D: position, rotation, scale and 7 zeros. Both are 16 numbers.
        _check_count("3D cuboid" if is_3d else "cuboid", size, exactly=16)
    elif shape_type == "polygon":
        _check_count(shape_type, size, at_least=6, even=True)
    elif shape_type == "polyline":
        _check_count(shape_type, size, at_least=4, even=True)
    elif shape_type == "points":
        _check_count(shape_type, size, at_least=2, even=True)
    elif shape_type == "skeleton":
        if size:
            raise GeometryError(
                f"a skeleton's points must be empty (its keypoints are its elements), got {size} numbers."
            )
    elif shape_type == "mask":
        parse_cvat_mask(points)
    else:
        raise GeometryError(f"unknown shape type {shape_type!r}.")
