"""Geometry of shapes: outlines, CVAT's merge similarity (reference §6.2) and the point layouts of §4.3."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

import numpy as np
import pytest
import shapely
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from contour.core.geometry import (
    GeometryError,
    MaskError,
    box_iou,
    check_points,
    cuboid3d_iou,
    ellipse_to_polygon,
    mask_to_rectangle,
    polygon_iou,
    polygon_to_rectangle,
    rectangle_to_polygon,
    shape_similarity,
)
from contour.core.masks import bitmap_to_cvat_mask, mask_bbox, rectangle_to_bitmap

PROPERTY = settings(deadline=None, max_examples=100)

coordinates = st.floats(-1000, 1000, allow_nan=False)
sizes = st.floats(0.5, 500, allow_nan=False)


@st.composite
def boxes(draw: st.DrawFn) -> list[float]:
    x, y = draw(coordinates), draw(coordinates)
    return [x, y, x + draw(sizes), y + draw(sizes)]


@st.composite
def convex_polygons(draw: st.DrawFn) -> list[float]:
    points = draw(st.lists(st.tuples(coordinates, coordinates), min_size=3, max_size=10))
    hull = shapely.MultiPoint(points).convex_hull
    assume(hull.geom_type == "Polygon" and hull.area > 1.0)
    return [float(v) for v in np.asarray(hull.exterior.coords)[:-1].reshape(-1)]


@st.composite
def cuboids(draw: st.DrawFn) -> list[float]:
    position = [draw(coordinates) for _ in range(3)]
    rotation = [draw(st.floats(-math.pi, math.pi)) for _ in range(3)]
    scale = [draw(sizes) for _ in range(3)]
    return position + rotation + scale + [0.0] * 7


def area(polygon: Sequence[float]) -> float:
    return float(shapely.Polygon(np.reshape(polygon, (-1, 2))).area)


# --- outlines --------------------------------------------------------------------------------------------------


def test_a_rectangle_outline_runs_from_the_top_left_corner_clockwise() -> None:
    assert rectangle_to_polygon([1.0, 2.0, 5.0, 4.0]) == [1.0, 2.0, 5.0, 2.0, 5.0, 4.0, 1.0, 4.0]


def test_rectangle_rotation_is_clockwise_on_screen_around_the_centre() -> None:
    # A wide box turned a quarter clockwise: its top-left corner becomes the top-right of the tall box.
    turned = rectangle_to_polygon([0.0, 0.0, 4.0, 2.0], rotation=90.0)
    assert turned[:2] == pytest.approx([3.0, -1.0])
    assert polygon_to_rectangle(turned) == pytest.approx([1.0, -1.0, 3.0, 3.0])


@PROPERTY
@given(boxes())
def test_rectangle_to_polygon_and_back_is_the_same_rectangle(box: list[float]) -> None:
    assert polygon_to_rectangle(rectangle_to_polygon(box)) == box


@PROPERTY
@given(boxes(), st.floats(0, 360))
def test_rotating_a_rectangle_keeps_its_area_and_centre(box: list[float], rotation: float) -> None:
    outline = rectangle_to_polygon(box, rotation)
    assert area(outline) == pytest.approx((box[2] - box[0]) * (box[3] - box[1]), rel=1e-6)
    centre = np.reshape(outline, (-1, 2)).mean(axis=0)
    assert centre == pytest.approx([(box[0] + box[2]) / 2, (box[1] + box[3]) / 2], abs=1e-6)


@PROPERTY
@given(coordinates, coordinates, sizes, sizes, st.floats(0, 360))
def test_an_ellipse_outline_encloses_about_pi_rx_ry(
    cx: float, cy: float, rx: float, ry: float, rotation: float
) -> None:
    outline = ellipse_to_polygon([cx, cy, cx + rx, cy - ry], rotation)
    assert len(outline) == 128
    # An inscribed 64-gon holds (64 / 2π)·sin(2π / 64) ≈ 99.84% of the ellipse.
    assert area(outline) == pytest.approx(math.pi * rx * ry, rel=2e-3)


def test_an_ellipse_outline_starts_at_its_right_end_and_turns_with_the_rotation() -> None:
    assert ellipse_to_polygon([10.0, 10.0, 14.0, 8.0], 0.0, segments=4) == pytest.approx(
        [14.0, 10.0, 10.0, 12.0, 6.0, 10.0, 10.0, 8.0]
    )
    assert ellipse_to_polygon([10.0, 10.0, 14.0, 8.0], 90.0, segments=4)[:2] == pytest.approx([10.0, 14.0])


def test_a_mask_rectangle_covers_its_inclusive_box_pixels() -> None:
    assert mask_to_rectangle([0.0, 4.0, 3.0, 5.0, 4.0, 6.0]) == [3.0, 5.0, 5.0, 7.0]


def test_a_mask_rectangle_rasterises_to_exactly_the_mask_box() -> None:
    bitmap = np.zeros((20, 30), dtype=np.bool_)
    bitmap[3, 7] = bitmap[11, 19] = True
    rectangle = mask_to_rectangle(bitmap_to_cvat_mask(bitmap))
    assert mask_bbox(rectangle_to_bitmap(rectangle, 30, 20)) == mask_bbox(bitmap) == (7, 3, 19, 11)


# --- similarity ------------------------------------------------------------------------------------------------


def test_box_iou_of_half_overlapping_squares_is_a_third() -> None:
    assert box_iou([0.0, 0.0, 2.0, 2.0], [1.0, 0.0, 3.0, 2.0]) == pytest.approx(1 / 3)


def test_box_iou_ignores_corner_order() -> None:
    assert box_iou([2.0, 2.0, 0.0, 0.0], [1.0, 0.0, 3.0, 2.0]) == pytest.approx(1 / 3)


def test_a_zero_area_box_matches_nothing() -> None:
    assert box_iou([1.0, 1.0, 1.0, 5.0], [1.0, 1.0, 1.0, 5.0]) == 0.0


def test_polygon_iou_of_half_overlapping_squares_is_a_third() -> None:
    a = rectangle_to_polygon([0.0, 0.0, 2.0, 2.0])
    b = rectangle_to_polygon([1.0, 0.0, 3.0, 2.0])
    assert polygon_iou(a, b) == pytest.approx(1 / 3)


@pytest.mark.parametrize(
    "polygon",
    [
        [0.0, 0.0, 2.0, 2.0, 2.0, 0.0, 0.0, 2.0],  # a bow-tie crosses itself: invalid
        [0.0, 0.0, 1.0, 1.0, 2.0, 2.0],  # collinear: zero area
        [0.0, 0.0, 1.0, 1.0],  # too few points
        [0.0, 0.0, 1.0, 1.0, 2.0],  # odd count
        [0.0, 0.0, math.nan, 1.0, 2.0, 0.0],  # not a number
    ],
)
def test_an_invalid_or_empty_polygon_matches_nothing_as_in_cvat(polygon: list[float]) -> None:
    assert polygon_iou(polygon, polygon) == 0.0
    assert polygon_iou(polygon, [0.0, 0.0, 2.0, 0.0, 2.0, 2.0, 0.0, 2.0]) == 0.0


def test_cuboid_iou_is_top_view_iou_times_side_view_iou() -> None:
    cube = [0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 2.0, 2.0, 2.0] + [0.0] * 7
    along_x = [1.0, 0.0, 0.0, 0.0, 0.0, 0.0, 2.0, 2.0, 2.0] + [0.0] * 7
    along_y = [0.0, 1.0, 0.0, 0.0, 0.0, 0.0, 2.0, 2.0, 2.0] + [0.0] * 7
    turned = [0.0, 0.0, 0.0, 0.5, 1.0, 1.5, 2.0, 2.0, 2.0] + [0.0] * 7
    assert cuboid3d_iou(cube, along_x) == pytest.approx(1 / 9)  # both views overlap by a third
    assert cuboid3d_iou(cube, along_y) == pytest.approx(1 / 3)  # only the top view moves
    assert cuboid3d_iou(cube, turned) == 1.0  # rotation is ignored


IOUS: list[tuple[Callable[[Sequence[float], Sequence[float]], float], st.SearchStrategy[list[float]]]] = [
    (box_iou, boxes()),
    (polygon_iou, convex_polygons()),
    (cuboid3d_iou, cuboids()),
]


@pytest.mark.parametrize(("iou", "shapes"), IOUS, ids=["box", "polygon", "cuboid3d"])
def test_iou_is_symmetric_and_between_zero_and_one(
    iou: Callable[[Sequence[float], Sequence[float]], float], shapes: st.SearchStrategy[list[float]]
) -> None:
    @PROPERTY
    @given(shapes, shapes)
    def check(a: list[float], b: list[float]) -> None:
        value = iou(a, b)
        assert 0.0 <= value <= 1.0
        assert value == pytest.approx(iou(b, a), abs=1e-9)

    check()


@pytest.mark.parametrize(("iou", "shapes"), IOUS, ids=["box", "polygon", "cuboid3d"])
def test_iou_of_a_shape_with_itself_is_one(
    iou: Callable[[Sequence[float], Sequence[float]], float], shapes: st.SearchStrategy[list[float]]
) -> None:
    @PROPERTY
    @given(shapes)
    def check(a: list[float]) -> None:
        assert iou(a, a) == pytest.approx(1.0)

    check()


@pytest.mark.parametrize(("iou", "shapes"), IOUS, ids=["box", "polygon", "cuboid3d"])
def test_iou_of_disjoint_shapes_is_zero(
    iou: Callable[[Sequence[float], Sequence[float]], float], shapes: st.SearchStrategy[list[float]]
) -> None:
    @PROPERTY
    @given(shapes)
    def check(a: list[float]) -> None:
        # Moved right by more than any shape is wide (x is the first of each pair and the first number).
        moved = list(a)
        step = 2 if iou is not cuboid3d_iou else 16
        for index in range(0, len(moved), step):
            moved[index] += 5000.0
        assert iou(a, moved) == 0.0

    check()


def test_similarity_of_rectangles_is_their_box_iou() -> None:
    assert shape_similarity("rectangle", [0, 0, 2, 2], "rectangle", [1, 0, 3, 2], is_3d=False) == pytest.approx(1 / 3)


def test_similarity_of_polygons_is_their_area_iou() -> None:
    a, b = rectangle_to_polygon([0, 0, 2, 2]), rectangle_to_polygon([1, 0, 3, 2])
    assert shape_similarity("polygon", a, "polygon", b, is_3d=False) == pytest.approx(1 / 3)


def test_cuboids_are_similar_only_in_3d_tasks() -> None:
    cube = [0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 2.0, 2.0, 2.0] + [0.0] * 7
    assert shape_similarity("cuboid", cube, "cuboid", cube, is_3d=True) == 1.0
    assert shape_similarity("cuboid", cube, "cuboid", cube, is_3d=False) == 0.0


def test_shapes_of_different_types_are_never_similar() -> None:
    box = [0.0, 0.0, 2.0, 2.0]
    assert shape_similarity("rectangle", box, "polygon", rectangle_to_polygon(box), is_3d=False) == 0.0


@pytest.mark.parametrize(
    ("shape_type", "points"),
    [
        ("points", [1.0, 1.0]),
        ("polyline", [0.0, 0.0, 5.0, 5.0]),
        ("ellipse", [5.0, 5.0, 8.0, 3.0]),
        ("mask", [0.0, 4.0, 0.0, 0.0, 1.0, 1.0]),
        ("skeleton", []),
    ],
)
def test_other_shape_types_are_never_similar_even_to_themselves(shape_type: str, points: list[float]) -> None:
    assert shape_similarity(shape_type, points, shape_type, points, is_3d=False) == 0.0


# --- point layouts ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("shape_type", "points", "is_3d"),
    [
        ("rectangle", [0.0, 0.0, 1.0, 1.0], False),
        ("ellipse", [5.0, 5.0, 8.0, 3.0], False),
        ("cuboid", [float(v) for v in range(16)], False),
        ("cuboid", [1.0, 2.0, 3.0, 0.1, 0.2, 0.3, 4.0, 5.0, 6.0] + [0.0] * 7, True),
        ("polygon", [0.0, 0.0, 1.0, 0.0, 1.0, 1.0], False),
        ("polyline", [0.0, 0.0, 1.0, 1.0], False),
        ("points", [3, 4], False),
        ("skeleton", [], False),
        ("mask", [0.0, 4.0, 0.0, 0.0, 1.0, 1.0], False),
    ],
)
def test_well_formed_points_pass(shape_type: str, points: list[float], is_3d: bool) -> None:
    check_points(shape_type, points, is_3d=is_3d)


@pytest.mark.parametrize(
    ("shape_type", "points", "problem"),
    [
        ("rectangle", [0.0, 0.0, 1.0], "rectangle needs exactly 4 numbers"),
        ("rectangle", [0.0, 0.0, 1.0, 1.0, 2.0], "rectangle needs exactly 4 numbers"),
        ("ellipse", [5.0, 5.0, 8.0], "ellipse needs exactly 4 numbers"),
        ("cuboid", [0.0] * 15, "cuboid needs exactly 16 numbers"),
        ("polygon", [0.0, 0.0, 1.0, 1.0], "polygon needs at least 3 points"),
        ("polygon", [0.0, 0.0, 1.0, 0.0, 1.0, 1.0, 2.0], "odd count 7"),
        ("polyline", [0.0, 0.0], "polyline needs at least 2 points"),
        ("polyline", [0.0, 0.0, 1.0, 1.0, 2.0], "odd count 5"),
        ("points", [], "points needs at least 1 point "),
        ("points", [1.0, 2.0, 3.0], "odd count 3"),
        ("skeleton", [1.0, 2.0], "skeleton's points must be empty"),
        ("mask", [0.0, 0.0, 1.0, 1.0], "at least 5 numbers"),
        ("mask", [0.0, 3.0, 0.0, 0.0, 1.0, 1.0], "sum to 3, but its box holds 4"),
        ("rectangle", [0.0, math.nan, 1.0, 1.0], "finite"),
        ("polygon", [0.0, 0.0, math.inf, 0.0, 1.0, 1.0], "finite"),
        ("points", [-math.inf, 0.0], "finite"),
        ("rectangle", ["a", 0.0, 1.0, 1.0], "numbers"),
        ("circle", [0.0, 0.0, 1.0], "unknown shape type 'circle'"),
    ],
)
def test_malformed_points_are_rejected_naming_the_problem(shape_type: str, points: list[float], problem: str) -> None:
    with pytest.raises(GeometryError) as error:
        check_points(shape_type, points)
    assert problem in str(error.value)


def test_a_3d_cuboid_needs_its_16_number_layout() -> None:
    with pytest.raises(GeometryError, match="3D cuboid needs exactly 16 numbers"):
        check_points("cuboid", [1.0, 2.0, 3.0, 0.0, 0.0, 0.0, 1.0, 1.0, 1.0], is_3d=True)


def test_a_malformed_mask_is_a_mask_error_and_a_geometry_error() -> None:
    with pytest.raises(MaskError):
        check_points("mask", [-1.0, 5.0, 0.0, 0.0, 1.0, 1.0])
    assert issubclass(MaskError, GeometryError) and issubclass(GeometryError, ValueError)
