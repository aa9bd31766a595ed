"""One label line per object for each Ultralytics YOLO task: shapes to normalised text and back.

Detection `c cx cy w h`, oriented boxes `c x1 y1 … x4 y4`, segmentation `c x1 y1 x2 y2 …`, pose
`c cx cy w h x1 y1 v1 …`; each may end with an integer track id. Encoders return lines without the track id
(the Detection Track exporter appends it); decoders read it into `Shape.track_id`.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

from contour.core.geometry import ellipse_to_polygon, rectangle_to_polygon
from contour.core.masks import bitmap_to_polygons, cvat_mask_to_bitmap
from contour.formats.model import Frame, LabelSpec, Shape
from contour.formats.ultralytics_lines import LineContext, fmt
from contour.formats.yolo import box_fields, is_axis_aligned_box, parse_box

# (shape, frame, class id) -> its label lines, without the track id suffix and newline.
Encoder = Callable[[Shape, Frame, int], list[str]]
# (tokens, where, class names, width, height) -> the shape; width/height None means normalised points.
Decoder = Callable[[list[str], LineContext, dict[int, str], int | None, int | None], Shape]

_VISIBILITY = {0: "absent", 1: "occluded", 2: "visible"}


def _normalised(points: Sequence[float], width: int, height: int) -> str:
    return " ".join([f"{points[i] / width:.6f} {points[i + 1] / height:.6f}" for i in range(0, len(points) - 1, 2)])


def _scaled(values: list[float], width: int | None, height: int | None) -> list[float]:
    if not width or not height:
        return values
    return [value * (width if index % 2 == 0 else height) for index, value in enumerate(values)]


def _track_id(tokens: list[str], extra: bool, where: LineContext) -> int | None:
    if not extra:
        return None
    track = where.integer(tokens[-1], "the track id")
    if track < 0:
        raise where.error(f"the track id must not be negative, got {track}")
    return track


def _tracked(shape: Shape, track: int | None) -> Shape:
    if track is not None:
        shape.track_id = track
        shape.keyframe = True
    return shape


def _coordinates(tokens: list[str], where: LineContext, what: str) -> list[float]:
    return where.numbers(tokens, lambda index: f"{what} {index // 2 + 1} {'xy'[index % 2]}")


# --- detection -------------------------------------------------------------------------------------------------


def encode_detection(shape: Shape, frame: Frame, class_id: int) -> list[str]:
    if not is_axis_aligned_box(shape):
        return []
    return [f"{class_id} {box_fields(shape.points, frame.width, frame.height)}"]


def decode_detection(tokens: list[str], where: LineContext, names: dict[int, str],
                     width: int | None, height: int | None) -> Shape:
    if len(tokens) not in (5, 6):
        raise where.error(f"expected 5 or 6 fields (class cx cy w h [track id]), got {len(tokens)}")
    label = where.class_name(tokens[0], names)
    return _tracked(Shape("rectangle", label, parse_box(tokens[1:5], where, width, height)),
                    _track_id(tokens, len(tokens) == 6, where))


# --- oriented boxes --------------------------------------------------------------------------------------------


def encode_oriented(shape: Shape, frame: Frame, class_id: int) -> list[str]:
    if shape.type != "rectangle" or len(shape.points) < 4:
        return []
    return [f"{class_id} {_normalised(rectangle_to_polygon(shape.points, shape.rotation), frame.width, frame.height)}"]


def corners_to_rectangle(corners: Sequence[float]) -> tuple[list[float], float]:
    """A rotated rectangle `([x1, y1, x2, y2], rotation)` from its four corners in drawing order.

    Width follows the first edge and height the second (each averaged with its opposite edge), and the rotation
    is the first edge's direction, so the corners CVAT writes come back exactly.
    """
    x1, y1, x2, y2, x3, y3, x4, y4 = corners
    cx, cy = (x1 + x2 + x3 + x4) / 4, (y1 + y2 + y3 + y4) / 4
    width = (math.hypot(x2 - x1, y2 - y1) + math.hypot(x3 - x4, y3 - y4)) / 2
    height = (math.hypot(x4 - x1, y4 - y1) + math.hypot(x3 - x2, y3 - y2)) / 2
    rotation = math.degrees(math.atan2((y2 - y1) + (y3 - y4), (x2 - x1) + (x3 - x4))) % 360.0
    if rotation > 360.0 - 1e-9:
        rotation = 0.0
    return [cx - width / 2, cy - height / 2, cx + width / 2, cy + height / 2], rotation


def decode_oriented(tokens: list[str], where: LineContext, names: dict[int, str],
                    width: int | None, height: int | None) -> Shape:
    if len(tokens) not in (9, 10):
        raise where.error(f"expected 9 or 10 fields (class x1 y1 x2 y2 x3 y3 x4 y4 [track id]), got {len(tokens)}")
    label = where.class_name(tokens[0], names)
    corners = _scaled(_coordinates(tokens[1:9], where, "corner"), width, height)
    points, rotation = corners_to_rectangle(corners)
    return _tracked(Shape("rectangle", label, points, rotation=rotation), _track_id(tokens, len(tokens) == 10, where))


# --- segmentation ----------------------------------------------------------------------------------------------


def _outlines(shape: Shape) -> list[list[float]]:
    if shape.type == "polygon":
        return [list(shape.points)]
    if shape.type == "ellipse" and len(shape.points) >= 4:
        return [ellipse_to_polygon(shape.points, shape.rotation)]
    if shape.type == "mask":
        bitmap, (left, top, _, _) = cvat_mask_to_bitmap(shape.points)
        return [
            [value + (left if index % 2 == 0 else top) for index, value in enumerate(polygon)]
            for polygon in bitmap_to_polygons(bitmap)
        ]
    return []


def encode_segmentation(shape: Shape, frame: Frame, class_id: int) -> list[str]:
    return [
        f"{class_id} {_normalised(outline, frame.width, frame.height)}"
        for outline in _outlines(shape)
        if len(outline) >= 6
    ]


def decode_segmentation(tokens: list[str], where: LineContext, names: dict[int, str],
                        width: int | None, height: int | None) -> Shape:
    if len(tokens) < 7:
        raise where.error(f"expected a class and at least 3 points (7 fields), got {len(tokens)}")
    label = where.class_name(tokens[0], names)
    has_track = len(tokens) % 2 == 0
    values = tokens[1:-1] if has_track else tokens[1:]
    points = _scaled(_coordinates(values, where, "point"), width, height)
    return _tracked(Shape("polygon", label, points), _track_id(tokens, has_track, where))


# --- pose ------------------------------------------------------------------------------------------------------


def _visibility(element: Shape) -> int:
    return 0 if element.outside else 1 if element.occluded else 2


class PoseEncoder:
    """Skeletons as their box and `x y v` per point, in each skeleton's sublabel order, padded to `points`."""

    def __init__(self, skeletons: Sequence[LabelSpec]) -> None:
        self.order = {label.name: [sub.name for sub in label.sublabels] for label in skeletons}
        self.points = max((len(order) for order in self.order.values()), default=0)

    def __call__(self, shape: Shape, frame: Frame, class_id: int) -> list[str]:
        order = self.order.get(shape.label)
        if shape.type != "skeleton" or order is None:
            return []
        by_name = {element.label: element for element in shape.elements if len(element.points) >= 2}
        shown = [e for e in by_name.values() if not e.outside]
        if shown:
            xs = [e.points[0] for e in shown]
            ys = [e.points[1] for e in shown]
            box = box_fields([min(xs), min(ys), max(xs), max(ys)], frame.width, frame.height)
        else:
            box = box_fields([0.0, 0.0, 0.0, 0.0], frame.width, frame.height)
        values = []
        for name in order:
            element = by_name.get(name)
            if element is None:
                values.append("0.0 0.0 0")
            else:
                x, y = element.points[0], element.points[1]
                values.append(f"{fmt(x / frame.width)} {fmt(y / frame.height)} {_visibility(element)}")
        values += ["0.0 0.0 0"] * (self.points - len(order))
        return [f"{class_id} {box} {' '.join(values)}"]


class PoseDecoder:
    """Reads skeleton lines; `sublabels` names each skeleton's points by position (extra positions are padding)."""

    def __init__(self, points: int, dims: int, sublabels: dict[str, list[str]]) -> None:
        self.points = points
        self.dims = dims
        self.sublabels = sublabels

    def __call__(self, tokens: list[str], where: LineContext, names: dict[int, str],
                 width: int | None, height: int | None) -> Shape:
        expected = 5 + self.points * self.dims
        if len(tokens) not in (expected, expected + 1):
            raise where.error(
                f"expected {expected} fields (class cx cy w h and {self.dims} values for each of {self.points} "
                f"points) or one more for a track id, got {len(tokens)}")
        label = where.class_name(tokens[0], names)
        parse_box(tokens[1:5], where, width, height)
        dims = self.dims
        values = where.numbers(tokens[5:expected], lambda i: f"keypoint {i // dims + 1} {'xyv'[i % dims]}")
        elements = []
        for index, name in enumerate(self.sublabels.get(label, [])[: self.points]):
            x, y = _scaled(values[index * dims: index * dims + 2], width, height)
            visibility = 2
            if dims == 3:
                raw = values[index * dims + 2]
                if raw not in _VISIBILITY:
                    raise where.error(
                        f"the visibility of keypoint {index + 1} must be 0, 1 or 2, got {tokens[5 + index * dims + 2]}")
                visibility = int(raw)
            elements.append(Shape("points", name, [x, y], occluded=visibility == 1, outside=visibility == 0))
        track = _track_id(tokens, len(tokens) == expected + 1, where)
        return _tracked(Shape("skeleton", label, [], elements=elements), track)
