"""Label and attribute rules: types, colors, value domains, skeleton SVG references."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from contour.core.labels import (
    PALETTE,
    AttributeDomain,
    LabelRuleError,
    check_attribute_domain,
    check_attribute_value,
    check_color,
    label_allows,
    pick_color,
    svg_ids_to_names,
    svg_names_to_ids,
)

LABEL_TYPE_VECTORS = Path(__file__).resolve().parents[1] / "vectors" / "label_types.json"


def test_a_label_goes_on_objects_of_its_own_type_or_on_any_when_typed_any() -> None:
    cases = json.loads(LABEL_TYPE_VECTORS.read_text())
    assert len(cases) > 80
    for case in cases:
        assert label_allows(case["label_type"], case["kind"]) is case["allowed"], case


def test_colors_must_be_hex_triplets() -> None:
    assert check_color("#AABBCC") == "#aabbcc"
    for bad in ("red", "#abc", "#gggggg", "aabbcc"):
        with pytest.raises(LabelRuleError):
            check_color(bad)


def test_pick_color_skips_used_colors_and_keeps_going_past_the_palette() -> None:
    assert pick_color([PALETTE[0]]) == PALETTE[1]
    many = list(PALETTE)
    extra = pick_color(many)
    assert extra not in PALETTE and extra.startswith("#") and len(extra) == 7


def test_select_default_is_the_first_value() -> None:
    assert check_attribute_domain("select", ["a", "b"], None) == AttributeDomain("select", ("a", "b"), "a")


def test_select_values_must_be_unique() -> None:
    with pytest.raises(LabelRuleError, match="unique"):
        check_attribute_domain("radio", ["a", "a"], None)


def test_checkbox_with_one_value_takes_it_as_its_default() -> None:
    assert check_attribute_domain("checkbox", ["True"], None) == AttributeDomain("checkbox", ("True",), "true")
    with pytest.raises(LabelRuleError):
        check_attribute_domain("checkbox", ["yes"], None)


def test_checkbox_may_list_both_states_as_cvat_accepts_and_starts_unticked() -> None:
    # FiftyOne sends exactly this for CVAT >= 2.5; the values are kept as given.
    assert check_attribute_domain("checkbox", ["true", "false"], None) == AttributeDomain(
        "checkbox", ("true", "false"), "false"
    )
    assert check_attribute_domain("checkbox", ["true", "false"], "true").default_value == "true"


def test_checkbox_values_are_boolean_states_without_repeats() -> None:
    for values in ([], ["true", "true"], ["true", "false", "true"], ["true", "maybe"]):
        with pytest.raises(LabelRuleError, match="values"):
            check_attribute_domain("checkbox", values, None)
    with pytest.raises(LabelRuleError, match="default"):
        check_attribute_domain("checkbox", ["true", "false"], "yes")


def test_number_needs_min_max_step_and_a_default_on_the_grid() -> None:
    assert check_attribute_domain("number", ["0", "10", "2"], "4").default_value == "4"
    with pytest.raises(LabelRuleError, match="step"):
        check_attribute_domain("number", ["0", "10", "2"], "3")
    with pytest.raises(LabelRuleError, match="positive"):
        check_attribute_domain("number", ["0", "10", "0"], None)
    with pytest.raises(LabelRuleError, match="not a number"):
        check_attribute_domain("number", ["0", "x", "1"], None)


def test_unknown_input_type_is_refused() -> None:
    with pytest.raises(LabelRuleError, match="input type"):
        check_attribute_domain("slider", [], None)


def test_annotation_values_are_checked_against_the_domain() -> None:
    number = check_attribute_domain("number", ["1", "9", "2"], None)
    check_attribute_value(number, "5")
    with pytest.raises(LabelRuleError):
        check_attribute_value(number, "4")
    select = check_attribute_domain("select", ["a"], None)
    with pytest.raises(LabelRuleError):
        check_attribute_value(select, "b")
    with pytest.raises(LabelRuleError, match="4096"):
        check_attribute_value(check_attribute_domain("text", [], None), "x" * 5000)


def test_svg_name_references_round_trip_through_ids() -> None:
    svg = '<circle data-label-name="head"></circle><circle data-label-name="tail"></circle>'
    with_ids = svg_names_to_ids(svg, {"head": 7, "tail": 9})
    assert with_ids == '<circle data-label-id="7"></circle><circle data-label-id="9"></circle>'
    assert svg_ids_to_names(with_ids, {7: "head", 9: "tail"}) == svg


def test_svg_referring_to_an_unknown_sublabel_is_refused() -> None:
    with pytest.raises(LabelRuleError, match="unknown sublabel"):
        svg_names_to_ids('<circle data-label-name="wing"></circle>', {"head": 1})
