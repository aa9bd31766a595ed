"""Between the API's JSON/LabeledDataIn and the core dataclasses (merging and slicing work on those)."""

from __future__ import annotations

from typing import Any

from contour.core.annotations.model import Annotations, AttributeValue, Shape, Tag, Track, TrackedShape
from contour.resources.annotations.schemas import LabeledDataIn

Json = dict[str, Any]


def _attrs(values: list[Json]) -> list[AttributeValue]:
    return [AttributeValue(int(v["spec_id"]), str(v["value"])) for v in values]


def _attrs_json(values: list[AttributeValue]) -> list[Json]:
    return [{"spec_id": v.spec_id, "value": v.value} for v in values]


def _shape(s: Json) -> Shape:
    return Shape(
        type=s["type"], frame=s["frame"], label_id=s["label_id"], points=list(s.get("points", [])),
        occluded=s.get("occluded", False), outside=s.get("outside", False), z_order=s.get("z_order", 0),
        rotation=s.get("rotation", 0.0), group=s.get("group", 0), source=s.get("source", "manual"),
        score=s.get("score", 1.0), attributes=_attrs(s.get("attributes", [])),
        elements=[_shape(e) for e in s.get("elements", [])], id=s.get("id"),
    )


def _track(t: Json) -> Track:
    return Track(
        frame=t["frame"], label_id=t["label_id"], group=t.get("group", 0), source=t.get("source", "manual"),
        attributes=_attrs(t.get("attributes", [])), id=t.get("id"),
        shapes=[
            TrackedShape(type=k["type"], frame=k["frame"], points=list(k.get("points", [])),
                         occluded=k.get("occluded", False), outside=k.get("outside", False),
                         z_order=k.get("z_order", 0), rotation=k.get("rotation", 0.0),
                         attributes=_attrs(k.get("attributes", [])), id=k.get("id"))
            for k in t["shapes"]
        ],
        elements=[_track(e) for e in t.get("elements", [])],
    )


def json_to_model(data: Json) -> Annotations:
    return Annotations(
        tags=[Tag(frame=t["frame"], label_id=t["label_id"], group=t.get("group", 0), source=t.get("source", "manual"),
                  attributes=_attrs(t.get("attributes", [])), id=t.get("id")) for t in data.get("tags", [])],
        shapes=[_shape(s) for s in data.get("shapes", [])],
        tracks=[_track(t) for t in data.get("tracks", [])],
        version=data.get("version") or 0,
    )


def request_to_model(data: LabeledDataIn) -> Annotations:
    return json_to_model(data.model_dump())


def _shape_json(s: Shape, with_elements: bool = True) -> Json:
    out: Json = {"id": s.id, "type": s.type, "frame": s.frame, "label_id": s.label_id, "group": s.group,
                 "source": s.source, "occluded": s.occluded, "outside": s.outside, "z_order": s.z_order,
                 "rotation": s.rotation, "points": s.points, "score": s.score, "attributes": _attrs_json(s.attributes)}
    if with_elements:
        out["elements"] = [_shape_json(e, False) for e in s.elements]
    return out


def _track_json(t: Track, with_elements: bool = True) -> Json:
    out: Json = {
        "id": t.id, "frame": t.frame, "label_id": t.label_id, "group": t.group, "source": t.source,
        "attributes": _attrs_json(t.attributes),
        "shapes": [{"id": k.id, "type": k.type, "frame": k.frame, "occluded": k.occluded, "outside": k.outside,
                    "z_order": k.z_order, "rotation": k.rotation, "points": k.points,
                    "attributes": _attrs_json(k.attributes)} for k in t.shapes],
    }
    if with_elements:
        out["elements"] = [_track_json(e, False) for e in t.elements]
    return out


def model_to_json(data: Annotations) -> Json:
    return {
        "version": data.version,
        "tags": [{"id": t.id, "frame": t.frame, "label_id": t.label_id, "group": t.group, "source": t.source,
                  "attributes": _attrs_json(t.attributes)} for t in data.tags],
        "shapes": [_shape_json(s) for s in data.shapes],
        "tracks": [_track_json(t) for t in data.tracks],
        "intervals": [],
    }


def model_to_request(data: Annotations) -> LabeledDataIn:
    body = model_to_json(data)
    for key in ("tags", "shapes", "tracks"):
        for item in body[key]:
            if item.get("id") is None:
                item.pop("id", None)
    return LabeledDataIn.model_validate(body)
