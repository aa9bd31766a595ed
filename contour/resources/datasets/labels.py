"""Between stored labels (ids) and codec labels (names): specs for exporters, lookups for importers."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from contour.core.labels import svg_ids_to_names
from contour.formats.model import AttributeSpec as FormatAttribute
from contour.formats.model import LabelSpec
from contour.resources.labels.models import Label


def label_spec(label: Label) -> LabelSpec:
    sublabels = tuple(label_spec(sub) for sub in label.sublabels)
    svg = svg_ids_to_names(label.svg, {sub.id: sub.name for sub in label.sublabels}) if label.svg else ""
    return LabelSpec(
        name=label.name,
        color=label.color,
        type=label.type,
        attributes=tuple(
            FormatAttribute(a.name, a.input_type, a.mutable, tuple(a.values), a.default_value) for a in label.attributes
        ),
        sublabels=sublabels,
        svg=svg,
    )


@dataclass
class LabelEntry:
    id: int
    name: str
    type: str
    # attribute name -> (spec id, mutable)
    attributes: dict[str, tuple[int, bool]]
    sublabels: dict[str, LabelEntry] = field(default_factory=dict)


@dataclass
class LabelIndex:
    """Names to ids (imports) and ids to names (exports) for one label set."""

    by_name: dict[str, LabelEntry]
    names: dict[int, str]  # any label id (sublabels too) -> name
    attribute_names: dict[int, str]  # spec id -> name

    @classmethod
    def of(cls, labels: Sequence[Label]) -> LabelIndex:
        names: dict[int, str] = {}
        attribute_names: dict[int, str] = {}

        def entry(label: Label) -> LabelEntry:
            names[label.id] = label.name
            for a in label.attributes:
                attribute_names[a.id] = a.name
            return LabelEntry(
                label.id, label.name, label.type, {a.name: (a.id, a.mutable) for a in label.attributes},
                {sub.name: entry(sub) for sub in label.sublabels},
            )

        return cls({label.name: entry(label) for label in labels}, names, attribute_names)
