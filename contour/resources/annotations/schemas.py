"""LabeledData request shapes (CVAT field names); bodies are parsed straight from JSON bytes."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter

from contour.core.annotations.model import SHAPE_TYPES
from contour.resources.common.unknown_fields import CLOSED_SCHEMA

NonNegative = Annotated[int, Field(ge=0, le=2**31 - 1)]
Id = Annotated[int, Field(ge=0, le=2**31 - 1)]
ShapeTypeName = Literal["rectangle", "polygon", "polyline", "points", "ellipse", "cuboid", "mask", "skeleton"]
Source = Annotated[str, Field(min_length=1, max_length=16)]
assert set(SHAPE_TYPES) == set(ShapeTypeName.__args__)  # type: ignore[attr-defined]


class Strict(BaseModel):
    # NaN and infinities are not coordinates. Unknown keys (FiftyOne sends `group` and `source` on tracked
    # shapes) are dropped as CVAT drops them; the service logs them when debugging (no per-object hook).
    model_config = ConfigDict(extra="ignore", allow_inf_nan=False, json_schema_extra=CLOSED_SCHEMA)


class AttributeValueIn(Strict):
    spec_id: Id
    value: Annotated[str, Field(max_length=4096)]


class TagIn(Strict):
    id: Id | None = None
    frame: NonNegative
    label_id: Id
    group: NonNegative | None = 0
    source: Source = "manual"
    attributes: list[AttributeValueIn] = Field(default_factory=list)


class ShapeFields(Strict):
    type: ShapeTypeName
    frame: NonNegative
    label_id: Id
    occluded: bool = False
    outside: bool = False
    z_order: Annotated[int, Field(ge=-(2**31), le=2**31 - 1)] = 0
    rotation: Annotated[float, Field(ge=0, le=360)] = 0.0
    points: list[float] = Field(default_factory=list)
    id: Id | None = None
    group: NonNegative | None = 0
    source: Source = "manual"
    attributes: list[AttributeValueIn] = Field(default_factory=list)
    score: Annotated[float, Field(ge=0, le=1)] = 1.0


class ShapeIn(ShapeFields):
    elements: list[ShapeFields] = Field(default_factory=list)


class TrackedShapeIn(Strict):
    type: ShapeTypeName
    frame: NonNegative
    occluded: bool = False
    outside: bool = False
    z_order: Annotated[int, Field(ge=-(2**31), le=2**31 - 1)] = 0
    rotation: Annotated[float, Field(ge=0, le=360)] = 0.0
    points: list[float] = Field(default_factory=list)
    attributes: list[AttributeValueIn] = Field(default_factory=list)
    id: Id | None = None
    keyframe: bool | None = None


class TrackFields(Strict):
    id: Id | None = None
    frame: NonNegative
    label_id: Id
    group: NonNegative | None = 0
    source: Source = "manual"
    attributes: list[AttributeValueIn] = Field(default_factory=list)
    shapes: list[TrackedShapeIn]


class TrackIn(TrackFields):
    elements: list[TrackFields] = Field(default_factory=list)


class LabeledDataIn(Strict):
    version: int | None = None
    tags: list[TagIn] = Field(default_factory=list)
    shapes: list[ShapeIn] = Field(default_factory=list)
    tracks: list[TrackIn] = Field(default_factory=list)
    intervals: list[dict[str, object]] = Field(default_factory=list)


LABELED_DATA = TypeAdapter(LabeledDataIn)
