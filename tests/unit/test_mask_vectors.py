"""Shape conversions to and from masks, shared with the editor: tests/vectors/masks.json pins the server's results
(contour.core.masks) so the editor's converters (web/src/editor/engine/geometry/masks.ts) reproduce them exactly.

Run this file as a script to rewrite tests/vectors/masks.json from VECTOR_CASES after checking the hand-computed
values below.
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import pytest

from contour.core.masks import (
    MaskError,
    bitmap_to_cvat_mask,
    bitmap_to_polygons,
    cvat_mask_to_frame,
    mask_bbox,
    polygon_to_bitmap,
    rectangle_to_bitmap,
)

VECTORS_PATH = Path(__file__).resolve().parents[1] / "vectors" / "masks.json"

Json = dict[str, Any]


def case(name: str, conversion: str, points: list[float], width: int, height: int) -> Json:
    return {"name": name, "conversion": conversion, "points": points, "width": width, "height": height}


def _disc(cx: float, cy: float, r: float, count: int = 24) -> list[float]:
    # Rounded to 1/8 px so that the vertices are exact in both languages (no trigonometry in the vector).
    return [
        value
        for i in range(count)
        for value in (
            round((cx + r * math.cos(2 * math.pi * i / count)) * 8) / 8,
            round((cy + r * math.sin(2 * math.pi * i / count)) * 8) / 8,
        )
    ]


VECTOR_CASES: list[Json] = [
    case("square on pixel edges", "polygon_to_mask", [0, 0, 10, 0, 10, 10, 0, 10], 20, 20),
    case("triangle", "polygon_to_mask", [2.3, 1.1, 14.7, 3.9, 6.2, 12.8], 20, 16),
    case("concave U", "polygon_to_mask", [1, 1, 4, 1, 4, 7, 7, 7, 7, 1, 10, 1, 10, 10, 1, 10], 12, 12),
    case("bow tie (even-odd)", "polygon_to_mask", [0, 0, 10, 10, 10, 0, 0, 10], 12, 12),
    case("clipped by the frame", "polygon_to_mask", [-5, -5, 30, 2, 12, 25], 16, 12),
    case("edges through pixel centres", "polygon_to_mask", [0.5, 0.5, 4.5, 0.5, 4.5, 4.5, 0.5, 4.5], 8, 8),
    case("too thin for any pixel centre", "polygon_to_mask", [0, 0, 10, 0, 10, 0.4, 0, 0.4], 12, 12),
    case("disc", "polygon_to_mask", _disc(20.3, 15.6, 11.2), 40, 32),
    case("rectangle off the grid", "rectangle_to_mask", [1.2, 2.7, 8.9, 6.1], 10, 10),
    case("rectangle clipped by the frame", "rectangle_to_mask", [5, 5, 50, 50], 20, 12),
    case("rectangle outside the frame", "rectangle_to_mask", [30, 30, 40, 40], 20, 12),
    case("single pixel", "mask_to_polygons", [0, 1, 3, 4, 3, 4], 10, 10),
    case("ring: the hole is dropped", "mask_to_polygons", [0, 4, 1, 4, 2, 2, 4, 4], 10, 10),
    case("pixels meeting at a corner (\\)", "mask_to_polygons", [0, 1, 2, 1, 0, 0, 1, 1], 4, 4),
    case("pixels meeting at a corner (/)", "mask_to_polygons", [1, 2, 1, 5, 3, 6, 4], 10, 10),
    case("L shape", "mask_to_polygons", [0, 1, 2, 1, 2, 3, 1, 1, 3, 3], 8, 8),
    case("two parts on one row", "mask_to_polygons", [0, 2, 1, 4, 1, 2, 1, 2, 5, 3], 8, 8),
    case("mask with empty margins", "mask_to_rectangle", [5, 2, 5, 0, 0, 3, 2], 8, 8),
    case("mask of one pixel", "mask_to_rectangle", [0, 1, 7, 3, 7, 3], 8, 8),
]


def expected_for(vector: Json) -> Any:
    points, width, height = vector["points"], vector["width"], vector["height"]
    conversion = vector["conversion"]
    if conversion in ("polygon_to_mask", "rectangle_to_mask"):
        rasterise = polygon_to_bitmap if conversion == "polygon_to_mask" else rectangle_to_bitmap
        try:
            return bitmap_to_cvat_mask(rasterise(points, width, height))
        except MaskError:
            return None  # nothing of the shape covers a pixel centre of the frame
    bitmap = cvat_mask_to_frame(points, width, height)
    if conversion == "mask_to_polygons":
        return bitmap_to_polygons(bitmap)
    box = mask_bbox(bitmap)
    assert box is not None
    left, top, right, bottom = box
    # The rectangle whose pixels (by their centres) are exactly the mask's box.
    return [left, top, right + 1, bottom + 1]


def load_vectors() -> list[Json]:
    return list(json.loads(VECTORS_PATH.read_text()))


@pytest.mark.parametrize("name", [vector["name"] for vector in VECTOR_CASES])
def test_the_implementation_reproduces_the_shared_vector_exactly(name: str) -> None:
    (vector,) = [vector for vector in load_vectors() if vector["name"] == name]
    assert expected_for(vector) == vector["expected"]


def test_the_vector_file_holds_exactly_the_defined_cases() -> None:
    assert [{k: v for k, v in vector.items() if k != "expected"} for vector in load_vectors()] == VECTOR_CASES


def test_vectors_agree_with_the_hand_computed_values() -> None:
    by_name = {vector["name"]: vector["expected"] for vector in load_vectors()}
    assert by_name["square on pixel edges"] == [0, 100, 0, 0, 9, 9]
    # Centres on the left and top edges are in, on the right and bottom ones out: 4×4 pixels from (0, 0).
    assert by_name["edges through pixel centres"] == [0, 16, 0, 0, 3, 3]
    assert by_name["too thin for any pixel centre"] is None
    assert by_name["rectangle outside the frame"] is None
    assert by_name["rectangle clipped by the frame"][-4:] == [5, 5, 19, 11]
    assert by_name["single pixel"] == [[3, 4, 4, 4, 4, 5, 3, 5]]
    assert by_name["ring: the hole is dropped"] == [[2, 2, 5, 2, 5, 5, 2, 5]]
    assert len(by_name["pixels meeting at a corner (\\)"]) == 2
    assert by_name["mask with empty margins"] == [1, 1, 3, 2]


def write_vectors() -> None:
    cases = [{**vector, "expected": expected_for(vector)} for vector in VECTOR_CASES]
    VECTORS_PATH.parent.mkdir(exist_ok=True)
    VECTORS_PATH.write_text("[\n" + ",\n".join(json.dumps(c) for c in cases) + "\n]\n")


if __name__ == "__main__":
    write_vectors()
