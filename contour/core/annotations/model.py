"""Plain data of annotations, shared by the API, the formats and the editor's test vectors.

Field names and layouts are CVAT's (LabeledData): points are flat float lists; masks store
run-length counts followed by left, top, right, bottom (inclusive); attribute values are strings.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

ShapeType = Literal["rectangle", "polygon", "polyline", "points", "ellipse", "cuboid", "mask", "skeleton"]
SHAPE_TYPES: tuple[str, ...] = ("rectangle", "polygon", "polyline", "points", "ellipse", "cuboid", "mask", "skeleton")
SOURCES: tuple[str, ...] = ("manual", "auto", "semi-auto", "file", "consensus")


@dataclass(frozen=True, slots=True)
class AttributeValue:
    """Immutable, so copies of a shape may share them (track expansion makes one shape per frame)."""

    spec_id: int
    value: str


@dataclass
class Tag:
    frame: int
    label_id: int
    group: int | None = 0
    source: str = "manual"
    attributes: list[AttributeValue] = field(default_factory=list)
    id: int | None = None


@dataclass
class Shape:
    type: str
    frame: int
    label_id: int
    points: list[float]
    occluded: bool = False
    outside: bool = False
    z_order: int = 0
    rotation: float = 0.0
    group: int | None = 0
    source: str = "manual"
    score: float = 1.0
    attributes: list[AttributeValue] = field(default_factory=list)
    elements: list[Shape] = field(default_factory=list)
    id: int | None = None


@dataclass
class TrackedShape:
    """A keyframe of a track (or, after expansion, a shape of one frame with keyframe=False)."""

    type: str
    frame: int
    points: list[float]
    occluded: bool = False
    outside: bool = False
    z_order: int = 0
    rotation: float = 0.0
    attributes: list[AttributeValue] = field(default_factory=list)
    keyframe: bool = True
    id: int | None = None


@dataclass
class Track:
    frame: int
    label_id: int
    shapes: list[TrackedShape]
    group: int | None = 0
    source: str = "manual"
    attributes: list[AttributeValue] = field(default_factory=list)
    elements: list[Track] = field(default_factory=list)
    id: int | None = None


@dataclass
class Annotations:
    tags: list[Tag] = field(default_factory=list)
    shapes: list[Shape] = field(default_factory=list)
    tracks: list[Track] = field(default_factory=list)
    version: int = 0
