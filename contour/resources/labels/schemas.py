"""Label, sublabel and attribute request shapes (CVAT's PatchedLabelRequest family)."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import Field

from contour.resources.common.read_models import ReadModel
from contour.resources.common.requests import RequestModel
from contour.resources.common.types import DbId
from contour.resources.labels.models import AttributeSpec, Label

Name = Annotated[str, Field(min_length=1, max_length=64)]


class AttributeRequest(RequestModel):
    id: DbId | None = None
    name: Name
    mutable: bool = False
    input_type: str
    values: list[str] = Field(default_factory=list)
    default_value: Annotated[str, Field(max_length=128)] | None = None
    deleted: bool = False


class SublabelRequest(RequestModel):
    id: DbId | None = None
    name: Name
    color: str | None = None
    type: str | None = None
    attributes: list[AttributeRequest] = Field(default_factory=list)
    has_parent: bool | None = None
    deleted: bool = False


class LabelRequest(RequestModel):
    id: DbId | None = None
    name: Name | None = None
    color: str | None = None
    type: str | None = None
    attributes: list[AttributeRequest] | None = None
    sublabels: list[SublabelRequest] | None = None
    svg: str | None = None
    deleted: bool = False


def serialize_attribute(spec: AttributeSpec) -> dict[str, Any]:
    return {
        "id": spec.id,
        "name": spec.name,
        "mutable": spec.mutable,
        "input_type": spec.input_type,
        "default_value": spec.default_value,
        "values": list(spec.values),
    }


def serialize_label(label: Label) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": label.id,
        "name": label.name,
        "color": label.color,
        "type": label.type,
        "svg": label.svg,
        "attributes": [serialize_attribute(a) for a in label.attributes],
        "sublabels": [
            {
                "id": sub.id,
                "name": sub.name,
                "color": sub.color,
                "type": sub.type,
                "attributes": [serialize_attribute(a) for a in sub.attributes],
                "has_parent": True,
            }
            for sub in label.sublabels
        ],
        "has_parent": label.parent_id is not None,
        "parent_id": label.parent_id,
    }
    if label.project_id is not None:
        data["project_id"] = label.project_id
    else:
        data["task_id"] = label.task_id
    return data


class AttributeRead(ReadModel):
    id: int
    name: str
    mutable: bool
    input_type: str
    default_value: str
    values: list[str]


class SublabelRead(ReadModel):
    id: int
    name: str
    color: str
    type: str
    attributes: list[AttributeRead]
    has_parent: bool


class LabelRead(ReadModel):
    id: int
    name: str
    color: str
    type: str
    svg: str
    attributes: list[AttributeRead]
    sublabels: list[SublabelRead]
    has_parent: bool
    parent_id: int | None
    project_id: int | None = None
    task_id: int | None = None
