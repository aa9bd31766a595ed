"""Rules of labels and attribute specs: types, colors, attribute value domains, skeleton SVG ids."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

LABEL_TYPES = (
    "any", "rectangle", "polygon", "polyline", "points", "ellipse", "cuboid", "mask", "skeleton", "tag",
)
INPUT_TYPES = ("select", "radio", "checkbox", "text", "number")
COLOR_PATTERN = re.compile(r"^#[0-9a-fA-F]{6}$")
MAX_ATTRIBUTE_VALUE_LENGTH = 4096

# Distinct, readable colors handed to labels created without one (in order, skipping used ones).
PALETTE = (
    "#33ddff", "#fa3253", "#34d1b7", "#ff007c", "#ddff33", "#24b353", "#b83df5", "#66ff66",
    "#32b7fa", "#ffcc33", "#83e070", "#fafa37", "#5986b3", "#8c78f0", "#ff6a4d", "#f078f0",
    "#2a7dd1", "#b25050", "#cc3366", "#cc9933", "#aaf0d1", "#ff00cc", "#3df53d", "#fa32b7",
    "#3d3df5", "#733380", "#ff355e", "#ffcc00", "#9966ff", "#0066ff", "#00cc99", "#cc6600",
)


class LabelRuleError(ValueError):
    """A label or attribute spec breaks a rule; `field` names where."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


@dataclass(frozen=True)
class AttributeDomain:
    """The normalised definition of an attribute: what values it admits and its default."""

    input_type: str
    values: tuple[str, ...]
    default_value: str


def label_allows(label_type: str, kind: str) -> bool:
    """Whether a label of `label_type` may go on an object of `kind` (a shape type, or "tag"): a label
    of type `any` goes on everything, any other only on its own kind. The editor applies the same
    rule before it creates an object; tests/vectors/label_types.json pins both."""
    return label_type in ("any", kind)


def check_label_type(label_type: str) -> str:
    if label_type not in LABEL_TYPES:
        raise LabelRuleError("type", f"'{label_type}' is not a valid label type; use one of {', '.join(LABEL_TYPES)}.")
    return label_type


def check_color(color: str) -> str:
    if not COLOR_PATTERN.match(color):
        raise LabelRuleError("color", f"'{color}' is not a color; use the #rrggbb form.")
    return color.lower()


def pick_color(used: Iterable[str]) -> str:
    taken = {c.lower() for c in used}
    for color in PALETTE:
        if color not in taken:
            return color
    # Past the palette, derive a stable color from the count so labels still differ.
    n = len(taken)
    return f"#{(n * 67) % 256:02x}{(n * 131) % 256:02x}{(n * 199) % 256:02x}"


def check_unique_names(names: Sequence[str], what: str) -> None:
    seen: set[str] = set()
    for name in names:
        if name in seen:
            raise LabelRuleError("name", f"{what} '{name}' is used more than once.")
        seen.add(name)


def _number(text: str, field: str) -> Decimal:
    try:
        value = Decimal(text)
    except InvalidOperation as exc:
        raise LabelRuleError(field, f"'{text}' is not a number.") from exc
    if not value.is_finite():
        raise LabelRuleError(field, f"'{text}' is not a finite number.")
    return value


def check_attribute_domain(input_type: str, values: Sequence[str], default_value: str | None) -> AttributeDomain:
    """Validate an attribute spec and fill in its default the way CVAT does."""
    if input_type not in INPUT_TYPES:
        raise LabelRuleError("input_type", f"'{input_type}' is not a valid input type; use one of {', '.join(INPUT_TYPES)}.")
    vals = tuple(str(v) for v in values)
    if input_type in ("select", "radio"):
        if not vals or any(v == "" for v in vals):
            raise LabelRuleError("values", f"A {input_type} attribute needs a non-empty list of non-empty values.")
        if len(set(vals)) != len(vals):
            raise LabelRuleError("values", "Attribute values must be unique.")
        default = default_value if default_value else vals[0]
        if default not in vals:
            raise LabelRuleError("default_value", f"Default value '{default}' is not one of the values {list(vals)}.")
        return AttributeDomain(input_type, vals, default)
    if input_type == "checkbox":
        return AttributeDomain(input_type, vals, _checkbox_default(vals, default_value))
    if input_type == "number":
        if len(vals) != 3:
            raise LabelRuleError("values", "A number attribute has values [min, max, step].")
        low, high, step = (_number(v, "values") for v in vals)
        if low > high:
            raise LabelRuleError("values", f"Minimum {low} is greater than maximum {high}.")
        if step <= 0:
            raise LabelRuleError("values", "The step of a number attribute must be positive.")
        default = default_value if default_value else vals[0]
        _check_number_value(default, low, high, step, "default_value")
        return AttributeDomain(input_type, vals, default)
    # text: values are optional; the first one (if any) is the default text.
    default = default_value if default_value is not None else (vals[0] if vals else "")
    return AttributeDomain(input_type, vals, default)


def _checkbox_default(values: tuple[str, ...], default_value: str | None) -> str:
    """CVAT's UI sends one value, the default (`["false"]`); FiftyOne sends both states (`["true", "false"]`),
    which CVAT accepts too. The values are kept as given; with both states and no default the box starts
    unticked, as a checkbox nobody touched is."""
    states = [v.lower() for v in values]
    if not 1 <= len(states) <= 2 or len(set(states)) != len(states) or any(v not in ("true", "false") for v in states):
        raise LabelRuleError("values", "A checkbox attribute has the values 'true' and/or 'false'.")
    if default_value:
        default = default_value.lower()
    else:
        default = states[0] if len(states) == 1 else "false"
    if default not in ("true", "false"):
        raise LabelRuleError("default_value", "A checkbox default is 'true' or 'false'.")
    return default


def _check_number_value(text: str, low: Decimal, high: Decimal, step: Decimal, field: str) -> None:
    value = _number(text, field)
    if not low <= value <= high:
        raise LabelRuleError(field, f"{text} is outside [{low}, {high}].")
    if (value - low) % step != 0:
        raise LabelRuleError(field, f"{text} is not on the step {step} grid from {low}.")


def check_attribute_value(domain: AttributeDomain, value: str) -> None:
    """Validate one annotation's value of an attribute."""
    if len(value) > MAX_ATTRIBUTE_VALUE_LENGTH:
        raise LabelRuleError("value", f"Attribute values are limited to {MAX_ATTRIBUTE_VALUE_LENGTH} characters.")
    if domain.input_type in ("select", "radio") and value not in domain.values:
        raise LabelRuleError("value", f"'{value}' is not one of {list(domain.values)}.")
    if domain.input_type == "checkbox" and value.lower() not in ("true", "false"):
        raise LabelRuleError("value", f"'{value}' is not 'true' or 'false'.")
    if domain.input_type == "number":
        low, high, step = (_number(v, "values") for v in domain.values)
        _check_number_value(value, low, high, step, "value")


_SVG_NAME_REF = re.compile(r'data-label-name="([^"]*)"')
_SVG_ID_REF = re.compile(r'data-label-id="(\d+)"')


def svg_names_to_ids(svg: str, ids_by_name: Mapping[str, int]) -> str:
    """Rewrite `data-label-name` references of a skeleton SVG to `data-label-id` ones."""

    def replace(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in ids_by_name:
            raise LabelRuleError("svg", f"The skeleton SVG refers to an unknown sublabel '{name}'.")
        return f'data-label-id="{ids_by_name[name]}"'

    return _SVG_NAME_REF.sub(replace, svg)


def svg_ids_to_names(svg: str, names_by_id: Mapping[int, str]) -> str:
    """The inverse rewrite, used when labels travel without ids (backups)."""

    def replace(match: re.Match[str]) -> str:
        label_id = int(match.group(1))
        return f'data-label-name="{names_by_id.get(label_id, "")}"'

    return _SVG_ID_REF.sub(replace, svg)


def svg_referenced_ids(svg: str) -> set[int]:
    return {int(m) for m in _SVG_ID_REF.findall(svg)}
