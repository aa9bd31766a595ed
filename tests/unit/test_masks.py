"""Masks: CVAT and COCO run-length encodings (pycocotools and cvat-sdk as oracles), rasterising and tracing shapes."""

from __future__ import annotations

import math
import warnings

import numpy as np
import numpy.typing as npt
import pycocotools.mask as coco
import pytest
import shapely
from cvat_sdk.masks import decode_mask as sdk_decode_mask
from cvat_sdk.masks import encode_mask as sdk_encode_mask
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp
from scipy.ndimage import binary_fill_holes

from contour.core.geometry import MaskError as GeometryMaskError
from contour.core.masks import (
    MaskError,
    bitmap_to_coco_rle,
    bitmap_to_cvat_mask,
    bitmap_to_polygons,
    coco_rle_to_bitmap,
    coco_rle_to_cvat_mask,
    cvat_mask_to_bitmap,
    cvat_mask_to_coco_rle,
    cvat_mask_to_frame,
    ellipse_to_bitmap,
    mask_area,
    mask_bbox,
    polygon_to_bitmap,
    rectangle_to_bitmap,
)

PROPERTY = settings(deadline=None, max_examples=100)

Bitmap = npt.NDArray[np.bool_]


def bitmaps(max_side: int = 24) -> st.SearchStrategy[Bitmap]:
    """Small bitmaps of every density, so empty rows, full boxes and single pixels all turn up."""
    shapes = st.tuples(st.integers(1, max_side), st.integers(1, max_side))
    return shapes.flatmap(lambda shape: hnp.arrays(np.bool_, shape, elements=st.booleans()))


@st.composite
def large_bitmaps(draw: st.DrawFn) -> Bitmap:
    """Frames up to 700×700 with a few rectangles: long runs, so counts take several characters compressed."""
    height, width = draw(st.integers(1, 700)), draw(st.integers(1, 700))
    bitmap = np.zeros((height, width), dtype=np.bool_)
    for _ in range(draw(st.integers(0, 4))):
        y0, y1 = sorted(draw(st.tuples(st.integers(0, height), st.integers(0, height))))
        x0, x1 = sorted(draw(st.tuples(st.integers(0, width), st.integers(0, width))))
        bitmap[y0:y1, x0:x1] ^= True
    return bitmap


@st.composite
def convex_polygons(draw: st.DrawFn, size: float = 60.0) -> list[float]:
    # Rounded so that GEOS, the oracle here, is not fed subnormal coordinates it divides by.
    coords = st.floats(-5.0, size + 5.0, allow_nan=False).map(lambda v: round(v, 9))
    points = draw(st.lists(st.tuples(coords, coords), min_size=3, max_size=10))
    hull = shapely.MultiPoint(points).convex_hull
    assume(hull.geom_type == "Polygon" and hull.area > 1.0)
    return [float(v) for v in np.asarray(hull.exterior.coords)[:-1].reshape(-1)]


def pycocotools_decode(rle: object) -> Bitmap:
    # pycocotools 2.0.11 trips NumPy 2's __array__(copy=...) deprecation on every decode; that is its bug, not ours.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        decoded: Bitmap = coco.decode(rle).astype(np.bool_)
    return decoded


def pycocotools_rle(bitmap: Bitmap) -> dict[str, object]:
    rle: dict[str, object] = coco.encode(np.asfortranarray(bitmap.astype(np.uint8)))
    return rle


# --- CVAT masks ------------------------------------------------------------------------------------------------


@PROPERTY
@given(bitmaps())
def test_cvat_mask_round_trips_any_non_empty_bitmap(bitmap: Bitmap) -> None:
    assume(bitmap.any())
    points = bitmap_to_cvat_mask(bitmap)
    assert np.array_equal(cvat_mask_to_frame(points, bitmap.shape[1], bitmap.shape[0]), bitmap)


@PROPERTY
@given(bitmaps())
def test_cvat_mask_encoding_matches_the_cvat_sdk(bitmap: Bitmap) -> None:
    assume(bitmap.any())
    points = bitmap_to_cvat_mask(bitmap)
    assert points == sdk_encode_mask(bitmap)
    assert np.array_equal(sdk_decode_mask(points, image_width=bitmap.shape[1], image_height=bitmap.shape[0]), bitmap)


def test_cvat_mask_numbers_are_floats() -> None:
    points = bitmap_to_cvat_mask(np.eye(3, dtype=np.bool_))
    assert all(type(v) is float for v in points)


def test_a_full_box_is_one_foreground_run_after_an_empty_background_run() -> None:
    bitmap = np.zeros((5, 6), dtype=np.bool_)
    bitmap[1:4, 2:6] = True
    assert bitmap_to_cvat_mask(bitmap) == [0.0, 12.0, 2.0, 1.0, 5.0, 3.0]


def test_a_single_pixel_mask_has_a_one_pixel_box() -> None:
    bitmap = np.zeros((4, 4), dtype=np.bool_)
    bitmap[2, 3] = True
    assert bitmap_to_cvat_mask(bitmap) == [0.0, 1.0, 3.0, 2.0, 3.0, 2.0]


def test_empty_rows_inside_the_box_are_background_runs() -> None:
    bitmap = np.zeros((3, 3), dtype=np.bool_)
    bitmap[0, 0] = bitmap[2, 2] = True
    assert bitmap_to_cvat_mask(bitmap) == [0.0, 1.0, 7.0, 1.0, 0.0, 0.0, 2.0, 2.0]


def test_an_empty_bitmap_cannot_become_a_cvat_mask() -> None:
    with pytest.raises(MaskError, match="empty"):
        bitmap_to_cvat_mask(np.zeros((3, 3), dtype=np.bool_))


def test_a_cvat_mask_decodes_to_its_box_and_box_bitmap() -> None:
    bitmap, box = cvat_mask_to_bitmap([1.0, 2.0, 1.0, 10.0, 20.0, 11.0, 21.0])
    assert box == (10, 20, 11, 21)
    assert bitmap.tolist() == [[False, True], [True, False]]


def test_a_cvat_mask_box_past_the_frame_is_cut_to_the_frame() -> None:
    # A 3×2 box whose last column lies outside a 4-pixel-wide frame.
    points = [0.0, 6.0, 1.0, 0.0, 3.0, 1.0]
    bitmap, box = cvat_mask_to_bitmap(points, 3, 2)
    assert box == (1, 0, 2, 1)
    assert bitmap.shape == (2, 2) and bitmap.all()
    assert cvat_mask_to_frame(points, 3, 2).tolist() == [[False, True, True], [False, True, True]]


def test_a_cvat_mask_box_outside_the_frame_is_an_error() -> None:
    with pytest.raises(MaskError, match="outside"):
        cvat_mask_to_frame([0.0, 1.0, 5.0, 5.0, 5.0, 5.0], 4, 4)


@pytest.mark.parametrize(
    ("points", "problem"),
    [
        ([1.0, 0.0, 0.0, 0.0], "at least 5"),
        ([-1.0, 2.0, 0.0, 0.0, 0.0, 0.0], "negative"),
        ([0.5, 0.5, 0.0, 0.0, 0.0, 0.0], "integers"),
        ([0.0, 1.0, 0.0, 0.0, 1.0, 0.0], "sum to 1, but its box holds 2"),
        ([2.0, 2.0, 0.0, 0.0, 1.0, 0.0], "sum to 4, but its box holds 2"),
        ([0.0, 4.0, 1.0, 0.0, 0.0, 1.0], "inverted"),
        ([0.0, 1.0, -1.0, 0.0, -1.0, 0.0], "negative coordinates"),
        ([math.nan, 1.0, 0.0, 0.0, 0.0, 0.0], "finite"),
        ([math.inf, 1.0, 0.0, 0.0, 0.0, 0.0], "finite"),
        ([1e300, 0.0, 0.0, 0.0, 0.0], "sum to 1e\\+300"),
    ],
)
def test_malformed_cvat_masks_are_rejected_with_the_reason(points: list[float], problem: str) -> None:
    with pytest.raises(MaskError, match=problem):
        cvat_mask_to_bitmap(points)


def test_mask_errors_are_value_errors_of_the_geometry_hierarchy() -> None:
    assert MaskError is GeometryMaskError
    assert issubclass(MaskError, ValueError)


# --- COCO RLE --------------------------------------------------------------------------------------------------


@PROPERTY
@given(bitmaps())
def test_coco_counts_match_pycocotools_exactly(bitmap: Bitmap) -> None:
    height, width = bitmap.shape
    ours = bitmap_to_coco_rle(bitmap)
    assert ours["size"] == [height, width]
    assert coco.frPyObjects(dict(ours), height, width)["counts"] == pycocotools_rle(bitmap)["counts"]


@PROPERTY
@given(st.one_of(bitmaps(), large_bitmaps()))
def test_compressed_coco_counts_match_pycocotools_exactly(bitmap: Bitmap) -> None:
    expected = pycocotools_rle(bitmap)["counts"]
    assert isinstance(expected, bytes)
    assert bitmap_to_coco_rle(bitmap, compressed=True)["counts"] == expected.decode("ascii")


@PROPERTY
@given(st.one_of(bitmaps(), large_bitmaps()), st.booleans())
def test_coco_rle_decodes_what_it_encodes(bitmap: Bitmap, compressed: bool) -> None:
    decoded = coco_rle_to_bitmap(bitmap_to_coco_rle(bitmap, compressed=compressed))
    assert decoded.shape == bitmap.shape
    assert np.array_equal(decoded, bitmap)


@PROPERTY
@given(st.one_of(bitmaps(), large_bitmaps()))
def test_compressed_rle_from_pycocotools_decodes(bitmap: Bitmap) -> None:
    rle = pycocotools_rle(bitmap)
    assert np.array_equal(coco_rle_to_bitmap(rle), bitmap)
    assert isinstance(rle["counts"], bytes)
    assert np.array_equal(coco_rle_to_bitmap({"counts": rle["counts"].decode("ascii"), "size": rle["size"]}), bitmap)


@PROPERTY
@given(st.one_of(bitmaps(), large_bitmaps()))
def test_mask_area_and_box_agree_with_pycocotools(bitmap: Bitmap) -> None:
    rle = pycocotools_rle(bitmap)
    assert mask_area(bitmap) == int(coco.area(rle))
    box = mask_bbox(bitmap)
    if box is None:
        assert not bitmap.any()
    else:
        x, y, w, h = (int(v) for v in coco.toBbox(rle))
        assert box == (x, y, x + w - 1, y + h - 1)


@PROPERTY
@given(bitmaps())
def test_cvat_masks_convert_to_coco_rle_and_back(bitmap: Bitmap) -> None:
    assume(bitmap.any())
    points = bitmap_to_cvat_mask(bitmap)
    rle = cvat_mask_to_coco_rle(points, bitmap.shape[1], bitmap.shape[0])
    assert np.array_equal(coco_rle_to_bitmap(rle), bitmap)
    assert coco_rle_to_cvat_mask(rle) == points


def test_coco_counts_start_with_an_empty_background_run_when_the_first_pixel_is_set() -> None:
    assert bitmap_to_coco_rle(np.array([[True, False], [True, True]]))["counts"] == [0, 2, 1, 1]


@pytest.mark.parametrize(
    ("rle", "problem"),
    [
        ({"counts": [1, 2]}, "size"),
        ({"counts": [1, 2], "size": [2]}, "size"),
        ({"size": [2, 2]}, "counts"),
        ({"counts": [1, 2], "size": [2, 2]}, "sum to 3"),
        ({"counts": [5, -1], "size": [2, 2]}, "negative"),
        ({"counts": [1.5, 2.5], "size": [2, 2]}, "integers"),
        ({"counts": "\x01", "size": [2, 2]}, "outside the encoding"),
        ({"counts": "0P", "size": [2, 2]}, "middle of a number"),
    ],
)
def test_malformed_coco_rle_is_rejected_with_the_reason(rle: dict[str, object], problem: str) -> None:
    with pytest.raises(MaskError, match=problem):
        coco_rle_to_bitmap(rle)


# --- rasterising shapes ----------------------------------------------------------------------------------------


def test_a_rectangle_covers_exactly_the_pixels_it_spans() -> None:
    bitmap = rectangle_to_bitmap([2.0, 1.0, 12.0, 11.0], 20, 20)
    assert mask_area(bitmap) == 100
    assert mask_bbox(bitmap) == (2, 1, 11, 10)


def test_pixels_belong_to_a_shape_by_their_centres() -> None:
    assert mask_bbox(rectangle_to_bitmap([0.5, 0.5, 1.5, 1.5], 4, 4)) == (0, 0, 0, 0)
    assert mask_bbox(rectangle_to_bitmap([0.6, 0.6, 1.6, 1.6], 4, 4)) == (1, 1, 1, 1)
    assert mask_area(rectangle_to_bitmap([0.6, 0.6, 1.4, 1.4], 4, 4)) == 0


def test_shapes_sharing_an_edge_share_no_pixel_and_leave_no_gap() -> None:
    # The diagonal runs through pixel centres: the top-left rule gives each to exactly one triangle.
    upper = polygon_to_bitmap([0.0, 0.0, 10.0, 0.0, 0.0, 10.0], 10, 10)
    lower = polygon_to_bitmap([10.0, 0.0, 10.0, 10.0, 0.0, 10.0], 10, 10)
    assert not (upper & lower).any()
    assert (upper | lower).all()


def test_a_rotated_square_covers_the_same_pixels() -> None:
    square = rectangle_to_bitmap([2.0, 2.0, 8.0, 8.0], 10, 10)
    assert np.array_equal(rectangle_to_bitmap([2.0, 2.0, 8.0, 8.0], 10, 10, rotation=90.0), square)


def test_polygons_are_clipped_to_the_frame() -> None:
    bitmap = polygon_to_bitmap([-5.0, -5.0, 15.0, -5.0, 15.0, 3.0, -5.0, 3.0], 10, 6)
    assert bitmap.shape == (6, 10)
    assert mask_area(bitmap) == 30


def test_a_polygon_with_fewer_than_three_vertices_covers_nothing() -> None:
    assert mask_area(polygon_to_bitmap([1.0, 1.0, 5.0, 5.0], 10, 10)) == 0


def test_a_self_crossing_polygon_fills_by_the_even_odd_rule() -> None:
    # A pentagram: its inner pentagon is crossed twice, so it stays empty.
    star = [50 + 40 * f(math.radians(90 + 144 * k)) for k in range(5) for f in (math.cos, math.sin)]
    bitmap = polygon_to_bitmap(star, 100, 100)
    assert not bitmap[50, 50]
    assert bitmap.any()


@PROPERTY
@given(convex_polygons())
def test_a_pixel_is_inside_a_polygon_exactly_when_its_centre_is(polygon: list[float]) -> None:
    shape = shapely.Polygon(np.reshape(polygon, (-1, 2)))
    ys, xs = np.mgrid[:50, :60] + 0.5
    inside = shapely.contains_xy(shape, xs, ys)
    # Centres on the outline itself are settled by the top-left rule, not by containment.
    on_outline = shapely.distance(shape.exterior, shapely.points(xs, ys)) < 1e-9
    assert np.array_equal(polygon_to_bitmap(polygon, 60, 50)[~on_outline], inside[~on_outline])


@PROPERTY
@given(convex_polygons())
def test_polygons_rasterise_like_pycocotools_up_to_the_outline(polygon: list[float]) -> None:
    ours = polygon_to_bitmap(polygon, 60, 50)
    theirs = pycocotools_decode(coco.frPyObjects([polygon], 50, 60)[0])
    outline = shapely.Polygon(np.reshape(polygon, (-1, 2))).exterior
    for y, x in zip(*np.nonzero(ours ^ theirs), strict=True):
        assert outline.distance(shapely.Point(x + 0.5, y + 0.5)) <= 0.5


def test_an_ellipse_samples_the_exact_curve() -> None:
    bitmap = ellipse_to_bitmap([50.0, 40.0, 80.0, 20.0], 0.0, 100, 100)
    assert mask_bbox(bitmap) == (20, 20, 79, 59)
    assert abs(mask_area(bitmap) - math.pi * 30 * 20) < 30


@PROPERTY
@given(st.floats(3, 60), st.floats(3, 60), st.floats(0, 360))
def test_ellipse_area_is_about_pi_rx_ry_at_any_rotation(rx: float, ry: float, rotation: float) -> None:
    bitmap = ellipse_to_bitmap([64.0, 64.0, 64.0 + rx, 64.0 - ry], rotation, 128, 128)
    perimeter = 2 * math.pi * math.sqrt((rx * rx + ry * ry) / 2)
    assert abs(mask_area(bitmap) - math.pi * rx * ry) <= perimeter


def test_a_quarter_turn_swaps_the_ellipse_axes() -> None:
    turned = ellipse_to_bitmap([50.0, 50.0, 70.0, 40.0], 90.0, 100, 100)
    upright = ellipse_to_bitmap([50.0, 50.0, 60.0, 30.0], 0.0, 100, 100)
    assert mask_bbox(turned) == mask_bbox(upright)
    assert np.count_nonzero(turned ^ upright) <= 4


def test_an_ellipse_without_radius_covers_nothing() -> None:
    assert mask_area(ellipse_to_bitmap([5.0, 5.0, 5.0, 2.0], 0.0, 10, 10)) == 0


# --- tracing outlines ------------------------------------------------------------------------------------------


def test_a_block_traces_to_its_four_corners_from_the_top_left_clockwise() -> None:
    bitmap = np.zeros((6, 8), dtype=np.bool_)
    bitmap[1:3, 2:5] = True
    assert bitmap_to_polygons(bitmap) == [[2.0, 1.0, 5.0, 1.0, 5.0, 3.0, 2.0, 3.0]]


def test_pixels_touching_at_a_corner_trace_to_separate_polygons() -> None:
    bitmap = np.array([[True, False], [False, True]])
    assert bitmap_to_polygons(bitmap) == [
        [0.0, 0.0, 1.0, 0.0, 1.0, 1.0, 0.0, 1.0],
        [1.0, 1.0, 2.0, 1.0, 2.0, 2.0, 1.0, 2.0],
    ]


def test_holes_are_dropped_from_traced_polygons() -> None:
    bitmap = np.ones((3, 3), dtype=np.bool_)
    bitmap[1, 1] = False
    assert bitmap_to_polygons(bitmap) == [[0.0, 0.0, 3.0, 0.0, 3.0, 3.0, 0.0, 3.0]]


def test_an_empty_bitmap_traces_to_no_polygons() -> None:
    assert bitmap_to_polygons(np.zeros((4, 4), dtype=np.bool_)) == []


@PROPERTY
@given(bitmaps())
def test_traced_polygons_rasterise_back_to_the_bitmap_with_holes_filled(bitmap: Bitmap) -> None:
    height, width = bitmap.shape
    back = np.zeros_like(bitmap)
    for polygon in bitmap_to_polygons(bitmap):
        back |= polygon_to_bitmap(polygon, width, height)
    # Foreground is 4-connected, so background (and its holes) is 8-connected.
    assert np.array_equal(back, binary_fill_holes(bitmap, structure=np.ones((3, 3))))


@PROPERTY
@given(convex_polygons())
def test_polygon_to_bitmap_to_polygon_keeps_the_area(polygon: list[float]) -> None:
    bitmap = polygon_to_bitmap(polygon, 60, 50)
    assume(bitmap.any())
    traced = [shapely.Polygon(np.reshape(p, (-1, 2))) for p in bitmap_to_polygons(bitmap)]
    assert sum(p.area for p in traced) == mask_area(bitmap)
    original = shapely.Polygon(np.reshape(polygon, (-1, 2))).intersection(shapely.box(0, 0, 60, 50))
    # Only pixels the outline passes through can be counted differently from the area they hold.
    ys, xs = np.mgrid[:50, :60]
    crossed = np.count_nonzero(shapely.intersects(shapely.box(xs, ys, xs + 1, ys + 1), original.boundary))
    assert abs(sum(p.area for p in traced) - original.area) <= crossed


def test_simplifying_a_traced_outline_drops_staircase_vertices() -> None:
    disc = ellipse_to_bitmap([50.0, 50.0, 80.0, 20.0], 0.0, 100, 100)
    (exact,) = bitmap_to_polygons(disc)
    (simple,) = bitmap_to_polygons(disc, simplify_tolerance=1.0)
    assert 6 <= len(simple) < len(exact) / 2
    assert shapely.Polygon(np.reshape(simple, (-1, 2))).area == pytest.approx(mask_area(disc), rel=0.02)


def test_a_full_hd_mask_traces_to_an_outline_that_rasterises_back_exactly() -> None:
    yy, xx = np.mgrid[:1080, :1920]
    blob = ((xx - 900) / 400.0) ** 2 + ((yy - 500) / 300.0) ** 2 < 1
    (outline,) = bitmap_to_polygons(blob)
    assert mask_area(polygon_to_bitmap(outline, 1920, 1080)) == mask_area(blob)
