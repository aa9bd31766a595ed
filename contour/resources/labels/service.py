"""Label use cases: create a label set, apply CVAT's PATCH semantics (add, rename, recolor, delete)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import ColumnElement, select
from sqlalchemy.orm import Session

from contour.core.labels import (
    LabelRuleError,
    check_attribute_domain,
    check_color,
    check_label_type,
    check_unique_names,
    pick_color,
    svg_names_to_ids,
    svg_referenced_ids,
)
from contour.errors import ValidationError
from contour.resources.labels.models import AttributeSpec, Label
from contour.resources.labels.schemas import AttributeRequest, LabelRequest, SublabelRequest


@dataclass(frozen=True)
class LabelOwner:
    """A label set belongs to a project, or to a task that is not in a project."""

    project_id: int | None = None
    task_id: int | None = None

    def condition(self) -> ColumnElement[bool]:
        if self.project_id is not None:
            return Label.project_id == self.project_id
        return Label.task_id == self.task_id


def labels_of(db: Session, owner: LabelOwner) -> list[Label]:
    stmt = select(Label).where(owner.condition(), Label.parent_id.is_(None)).order_by(Label.id)
    return list(db.scalars(stmt).all())


def _fail(label_name: str | None, error: LabelRuleError, field: str = "labels") -> ValidationError:
    prefix = f"Label '{label_name}': " if label_name else ""
    return ValidationError({field: [f"{prefix}{error.field}: {error.message}"]})


def do_create_labels(db: Session, owner: LabelOwner, requests: Sequence[LabelRequest]) -> list[Label]:
    """Create labels for an owner that may already have some; names must stay unique."""
    existing = labels_of(db, owner)
    names = [label.name for label in existing] + [r.name or "" for r in requests]
    try:
        check_unique_names(names, "Label name")
    except LabelRuleError as error:
        raise _fail(None, error) from error
    used_colors = [label.color for label in existing]
    created: list[Label] = []
    for request in requests:
        if request.id is not None or request.deleted:
            raise ValidationError({"labels": [f"Label '{request.name}': a new label cannot carry 'id' or 'deleted'."]})
        label = _new_label(db, owner, request, used_colors)
        used_colors.append(label.color)
        created.append(label)
    return created


def _new_label(db: Session, owner: LabelOwner, request: LabelRequest, used_colors: list[str]) -> Label:
    if not request.name:
        raise ValidationError({"labels": ["Every label needs a 'name'."]})
    try:
        label_type = check_label_type(request.type or "any")
        color = check_color(request.color) if request.color else pick_color(used_colors)
        if request.sublabels and label_type != "skeleton":
            raise LabelRuleError("sublabels", "only skeleton labels have sublabels.")
        if label_type == "skeleton" and not request.sublabels:
            raise LabelRuleError("sublabels", "a skeleton label needs at least one sublabel.")
        attributes = _new_attributes(request.attributes or [])
    except LabelRuleError as error:
        raise _fail(request.name, error) from error
    label = Label(
        project_id=owner.project_id,
        task_id=owner.task_id,
        name=request.name,
        color=color,
        type=label_type,
        svg="",
        attributes=attributes,
    )
    db.add(label)
    db.flush()
    if label_type == "skeleton":
        _add_sublabels(db, owner, label, request.sublabels or [])
        label.svg = _skeleton_svg(label, request.svg or "")
    return label


def _add_sublabels(db: Session, owner: LabelOwner, parent: Label, requests: Sequence[SublabelRequest]) -> None:
    try:
        check_unique_names([s.name for s in parent.sublabels] + [r.name for r in requests], "Sublabel name")
    except LabelRuleError as error:
        raise _fail(parent.name, error) from error
    used = [s.color for s in parent.sublabels]
    for request in requests:
        try:
            sub_type = check_label_type(request.type or "points")
            if sub_type == "skeleton":
                raise LabelRuleError("type", "sublabels cannot be skeletons.")
            color = check_color(request.color) if request.color else pick_color(used)
            attributes = _new_attributes(request.attributes)
        except LabelRuleError as error:
            raise _fail(f"{parent.name}/{request.name}", error) from error
        sub = Label(
            project_id=owner.project_id,
            task_id=owner.task_id,
            parent_id=parent.id,
            name=request.name,
            color=color,
            type=sub_type,
            svg="",
            attributes=attributes,
        )
        used.append(color)
        parent.sublabels.append(sub)
    db.flush()


def _skeleton_svg(label: Label, svg: str) -> str:
    ids_by_name = {s.name: s.id for s in label.sublabels}
    try:
        svg = svg_names_to_ids(svg, ids_by_name)
    except LabelRuleError as error:
        raise _fail(label.name, error) from error
    unknown = svg_referenced_ids(svg) - set(ids_by_name.values())
    if unknown:
        raise ValidationError({"labels": [f"Label '{label.name}': svg refers to unknown sublabel ids {sorted(unknown)}."]})
    return svg


def _new_attributes(requests: Sequence[AttributeRequest]) -> list[AttributeSpec]:
    check_unique_names([r.name for r in requests if not r.deleted], "Attribute name")
    specs = []
    for request in requests:
        if request.deleted:
            continue
        domain = check_attribute_domain(request.input_type, request.values, request.default_value)
        specs.append(
            AttributeSpec(
                name=request.name,
                mutable=request.mutable,
                input_type=domain.input_type,
                values=list(domain.values),
                default_value=domain.default_value,
            )
        )
    return specs


def do_patch_labels(db: Session, owner: LabelOwner, requests: Sequence[LabelRequest]) -> None:
    """Project/task PATCH `labels`: entries with `id` update or delete, entries without create."""
    existing = {label.id: label for label in labels_of(db, owner)}
    new_requests: list[LabelRequest] = []
    for request in requests:
        if request.id is None:
            new_requests.append(request)
            continue
        label = existing.get(request.id)
        if label is None:
            raise ValidationError({"labels": [f"Label id {request.id} does not belong to this label set."]})
        if request.deleted:
            db.delete(label)
            del existing[label.id]
        else:
            do_update_label(db, label, request)
    db.flush()
    try:
        check_unique_names([label.name for label in existing.values()], "Label name")
    except LabelRuleError as error:
        raise _fail(None, error) from error
    do_create_labels(db, owner, new_requests)


def do_update_label(db: Session, label: Label, request: LabelRequest) -> Label:
    """Rename, recolor, retype a label and add/update/delete its attributes and sublabels."""
    try:
        if request.name is not None and request.name != label.name:
            _check_name_free(db, label, request.name)
            label.name = request.name
        if request.color is not None:
            label.color = check_color(request.color)
        if request.type is not None and request.type != label.type:
            new_type = check_label_type(request.type)
            if "skeleton" in (new_type, label.type) and label.parent_id is None:
                raise LabelRuleError("type", "a label cannot change to or from a skeleton.")
            label.type = new_type
        if request.attributes is not None:
            _patch_attributes(label, request.attributes)
    except LabelRuleError as error:
        raise _fail(label.name, error) from error
    if request.sublabels is not None:
        if label.type != "skeleton":
            raise ValidationError({"labels": [f"Label '{label.name}': only skeleton labels have sublabels."]})
        _patch_sublabels(db, label, request.sublabels)
    if request.svg is not None and label.type == "skeleton":
        label.svg = _skeleton_svg(label, request.svg)
    db.flush()
    return label


def _check_name_free(db: Session, label: Label, name: str) -> None:
    siblings = select(Label.id).where(
        Label.name == name,
        Label.id != label.id,
        Label.parent_id.is_(None) if label.parent_id is None else Label.parent_id == label.parent_id,
        Label.project_id == label.project_id if label.project_id is not None else Label.task_id == label.task_id,
    )
    if db.scalar(siblings) is not None:
        raise LabelRuleError("name", f"a label named '{name}' already exists.")


def _patch_attributes(label: Label, requests: Sequence[AttributeRequest]) -> None:
    by_id = {spec.id: spec for spec in label.attributes}
    fresh: list[AttributeRequest] = []
    for request in requests:
        if request.id is None:
            fresh.append(request)
            continue
        spec = by_id.get(request.id)
        if spec is None:
            raise LabelRuleError("attributes", f"attribute id {request.id} does not belong to this label.")
        if request.deleted:
            label.attributes.remove(spec)
            continue
        domain = check_attribute_domain(request.input_type, request.values, request.default_value)
        spec.name = request.name
        spec.mutable = request.mutable
        spec.input_type = domain.input_type
        spec.values = list(domain.values)
        spec.default_value = domain.default_value
    label.attributes.extend(_new_attributes(fresh))
    check_unique_names([spec.name for spec in label.attributes], "Attribute name")


def _patch_sublabels(db: Session, label: Label, requests: Sequence[SublabelRequest]) -> None:
    by_id = {sub.id: sub for sub in label.sublabels}
    fresh: list[SublabelRequest] = []
    for request in requests:
        if request.id is None:
            fresh.append(request)
            continue
        sub = by_id.get(request.id)
        if sub is None:
            raise ValidationError({"labels": [f"Label '{label.name}': sublabel id {request.id} does not belong to it."]})
        if request.deleted:
            label.sublabels.remove(sub)
            continue
        do_update_label(db, sub, LabelRequest.model_validate(request.model_dump(exclude={"has_parent", "deleted"})))
    owner = LabelOwner(label.project_id, label.task_id)
    _add_sublabels(db, owner, label, fresh)

