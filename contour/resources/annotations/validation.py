"""Checks a LabeledData body against the task's labels and the job's frames before anything is stored.

Every error names the object (`shapes[12] (rectangle, frame 3)`), so a client can find it.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass, field

from contour.core import geometry
from contour.core.labels import AttributeDomain, LabelRuleError, check_attribute_value, label_allows
from contour.errors import ValidationError
from contour.resources.annotations.schemas import AttributeValueIn, LabeledDataIn, ShapeFields, TrackFields
from contour.resources.labels.models import Label


@dataclass
class LabelRules:
    id: int
    type: str
    sublabels: dict[int, LabelRules] = field(default_factory=dict)
    # spec id -> (mutable, domain)
    attributes: dict[int, tuple[bool, AttributeDomain]] = field(default_factory=dict)


def label_rules(labels: Sequence[Label]) -> dict[int, LabelRules]:
    """Top-level labels by id, each with its sublabels and attribute domains."""

    def rules(label: Label) -> LabelRules:
        return LabelRules(
            label.id,
            label.type,
            {sub.id: rules(sub) for sub in label.sublabels},
            {a.id: (a.mutable, AttributeDomain(a.input_type, tuple(a.values), a.default_value)) for a in label.attributes},
        )

    return {label.id: rules(label) for label in labels}


@dataclass(frozen=True)
class FrameBounds:
    start: int
    stop: int
    frames: Collection[int] | None = None  # explicit frames (ground-truth jobs)

    def contains(self, frame: int) -> bool:
        if self.frames is not None:
            return frame in self.frames
        return self.start <= frame <= self.stop


def _fail(where: str, message: str) -> ValidationError:
    return ValidationError({where.split("[")[0]: [f"{where}: {message}"]})


def _check_attributes(where: str, values: Sequence[AttributeValueIn], rules: LabelRules, mutable: bool | None) -> None:
    seen: set[int] = set()
    for value in values:
        spec = rules.attributes.get(value.spec_id)
        if spec is None:
            raise _fail(where, f"attribute {value.spec_id} is not an attribute of label {rules.id}.")
        if value.spec_id in seen:
            raise _fail(where, f"attribute {value.spec_id} is given twice.")
        seen.add(value.spec_id)
        if mutable is not None and spec[0] != mutable:
            kind = "mutable" if spec[0] else "immutable"
            place = "the track" if mutable is False else "its keyframes"
            raise _fail(where, f"attribute {value.spec_id} is {kind} and cannot be set on {place}.")
        try:
            check_attribute_value(spec[1], value.value)
        except LabelRuleError as error:
            raise _fail(where, f"attribute {value.spec_id}: {error.message}") from error


def _check_shape_type(where: str, shape_type: str, rules: LabelRules) -> None:
    if not label_allows(rules.type, shape_type):
        raise _fail(where, f"label {rules.id} is for {rules.type}s, not {shape_type}s.")


def _check_points(where: str, shape_type: str, points: Sequence[float], is_3d: bool) -> None:
    try:
        geometry.check_points(shape_type, points, is_3d=is_3d)
    except ValueError as error:
        raise _fail(where, str(error)) from error


def _label(where: str, label_id: int, labels: dict[int, LabelRules]) -> LabelRules:
    rules = labels.get(label_id)
    if rules is None:
        raise _fail(where, f"label {label_id} is not a label of this task.")
    return rules


def _check_elements(where: str, elements: Sequence[ShapeFields | TrackFields], parent: LabelRules) -> list[LabelRules]:
    if parent.type == "skeleton" and not elements:
        raise _fail(where, "a skeleton needs its elements.")
    if parent.type != "skeleton" and elements:
        raise _fail(where, "only skeletons have elements.")
    seen: set[int] = set()
    result = []
    for index, element in enumerate(elements):
        sub = parent.sublabels.get(element.label_id)
        if sub is None:
            raise _fail(f"{where}.elements[{index}]", f"label {element.label_id} is not a sublabel of skeleton {parent.id}.")
        if element.label_id in seen:
            raise _fail(f"{where}.elements[{index}]", f"sublabel {element.label_id} appears twice.")
        seen.add(element.label_id)
        result.append(sub)
    return result


def check_labeled_data(data: LabeledDataIn, labels: dict[int, LabelRules], bounds: FrameBounds, *, is_3d: bool) -> None:
    for index, tag in enumerate(data.tags):
        where = f"tags[{index}] (frame {tag.frame})"
        rules = _label(where, tag.label_id, labels)
        if not label_allows(rules.type, "tag"):
            raise _fail(where, f"label {rules.id} is for {rules.type}s, not tags.")
        if not bounds.contains(tag.frame):
            raise _fail(where, "the frame is outside the job.")
        _check_attributes(where, tag.attributes, rules, None)
    for index, shape in enumerate(data.shapes):
        where = f"shapes[{index}] ({shape.type}, frame {shape.frame})"
        rules = _label(where, shape.label_id, labels)
        _check_shape_type(where, shape.type, rules)
        if not bounds.contains(shape.frame):
            raise _fail(where, "the frame is outside the job.")
        _check_points(where, shape.type, shape.points, is_3d)
        _check_attributes(where, shape.attributes, rules, None)
        for element, sub in zip(shape.elements, _check_elements(where, shape.elements, rules), strict=True):
            element_where = f"{where}.element(label {element.label_id})"
            _check_shape_type(element_where, element.type, sub)
            _check_points(element_where, element.type, element.points, is_3d)
            _check_attributes(element_where, element.attributes, sub, None)
    for index, track in enumerate(data.tracks):
        where = f"tracks[{index}] (frame {track.frame})"
        rules = _label(where, track.label_id, labels)
        _check_track(where, track, rules, bounds, is_3d)
        for element, sub in zip(track.elements, _check_elements(where, track.elements, rules), strict=True):
            _check_track(f"{where}.element(label {element.label_id})", element, sub, bounds, is_3d)


def _check_track(where: str, track: TrackFields, rules: LabelRules, bounds: FrameBounds, is_3d: bool) -> None:
    if not track.shapes:
        raise _fail(where, "a track needs at least one keyframe.")
    _check_attributes(where, track.attributes, rules, False)
    previous = -1
    types = {shape.type for shape in track.shapes}
    if len(types) > 1:
        raise _fail(where, f"keyframes of one track must share a type, got {sorted(types)}.")
    for shape in track.shapes:
        shape_where = f"{where}.shapes(frame {shape.frame})"
        if shape.frame <= previous:
            raise _fail(shape_where, "keyframes must be in increasing frame order.")
        previous = shape.frame
        if not bounds.contains(shape.frame):
            raise _fail(shape_where, "the frame is outside the job.")
        _check_shape_type(shape_where, shape.type, rules)
        _check_points(shape_where, shape.type, shape.points, is_3d)
        _check_attributes(shape_where, shape.attributes, rules, True)
