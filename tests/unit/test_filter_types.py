"""Tests of the type check that gives every filter value its field's type before SQL is built."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta, timezone

import pytest

from contour.core.filter_types import INT_MAX, INT_MIN, FieldType, check_filter_types, parse_date_value
from contour.core.filters import (
    And,
    Between,
    Compare,
    Contains,
    FilterError,
    FilterNode,
    InList,
    Not,
    Or,
    Value,
    evaluate,
    parse_filter,
)

TYPES = {"id": FieldType.INTEGER, "name": FieldType.STRING, "created": FieldType.DATETIME, "active": FieldType.BOOLEAN}


def checked(rule: object) -> FilterNode:
    return check_filter_types(parse_filter(json.dumps(rule), TYPES.keys()), TYPES)


def value_of(field: str, value: object) -> Value:
    node = checked({"==": [{"var": field}, value]})
    assert isinstance(node, Compare)
    return node.value


def refuses(rule: object, message: str) -> None:
    with pytest.raises(FilterError, match=message):
        checked(rule)


# --- integer ------------------------------------------------------------------------------


@pytest.mark.parametrize("value", [0, 7, -3, INT_MIN, INT_MAX])
def test_an_integer_field_keeps_an_integer(value: int) -> None:
    assert value_of("id", value) == value


def test_an_integer_field_takes_a_number_without_a_fraction_as_that_integer() -> None:
    value = value_of("id", 5.0)
    assert value == 5 and type(value) is int


@pytest.mark.parametrize(("text", "expected"), [("5", 5), ("-3", -3), ("+0005", 5), ("0" * 30 + "1", 1)])
def test_an_integer_field_takes_decimal_digits_as_text(text: str, expected: int) -> None:
    assert value_of("id", text) == expected


@pytest.mark.parametrize("value", [True, False, 1.5, "abc", "1.0", " 5", "1_000", "٣", "", "0x10"])
def test_an_integer_field_refuses_what_is_not_an_integer(value: object) -> None:
    refuses({"==": [{"var": "id"}, value]}, r"^filter: 'id' is an integer field; .* is not an integer$")


@pytest.mark.parametrize("value", [INT_MAX + 1, INT_MIN - 1, 2**63 - 1, 1e18, "9" * 30, "-" + "9" * 5000])
def test_an_integer_field_refuses_a_value_beyond_the_database_integer(value: object) -> None:
    refuses({"<": [{"var": "id"}, value]}, r"is outside -2147483648\.\.2147483647$")


# --- string -------------------------------------------------------------------------------


def test_a_string_field_keeps_text() -> None:
    assert value_of("name", "5") == "5"


@pytest.mark.parametrize(("value", "shown"), [(5, "5"), (1.5, "1.5"), (True, "true")])
def test_a_string_field_refuses_a_number_or_a_boolean(value: object, shown: str) -> None:
    refuses({"==": [{"var": "name"}, value]}, f"^filter: 'name' is a string field; {shown} is not a string$")


def test_a_text_value_with_a_nul_character_is_refused() -> None:
    refuses({"==": [{"var": "name"}, "a\x00b"]}, "NUL")
    refuses({"in": ["\x00", {"var": "name"}]}, "NUL")


# --- date-time ----------------------------------------------------------------------------


def test_a_date_field_takes_an_iso_date_as_midnight_utc() -> None:
    assert value_of("created", "2024-03-01") == datetime(2024, 3, 1, tzinfo=UTC)


def test_a_date_field_takes_a_date_time_with_an_offset_in_utc() -> None:
    value = value_of("created", "2024-03-01T05:30:00+05:30")
    assert value == datetime(2024, 3, 1, tzinfo=UTC) and isinstance(value, datetime) and value.tzinfo is UTC


def test_a_date_field_takes_z_for_utc() -> None:
    assert value_of("created", "2024-03-01T00:00:00Z") == datetime(2024, 3, 1, tzinfo=UTC)


@pytest.mark.parametrize("value", ["soon", "2024-13-01", "0001-01-01T00:00:00+05:00"])
def test_a_date_field_refuses_text_that_is_not_an_iso_date(value: object) -> None:
    refuses({">": [{"var": "created"}, value]}, r"^filter: 'created' is a date-time field; .* is not an ISO 8601")


@pytest.mark.parametrize(("value", "shown"), [(5, "5"), (True, "true")])
def test_a_date_field_refuses_a_number_or_a_boolean(value: object, shown: str) -> None:
    refuses({">": [{"var": "created"}, value]}, f"^filter: 'created' is a date-time field; {shown} is not a date-time$")


def test_parse_date_value_refuses_a_moment_before_year_1_in_utc() -> None:
    with pytest.raises(ValueError, match="outside the range"):
        parse_date_value("0001-01-01T00:00:00+01:00")
    assert parse_date_value("9999-12-31T23:59:59+01:00") == datetime(9999, 12, 31, 22, 59, 59, tzinfo=UTC)


# --- boolean ------------------------------------------------------------------------------


@pytest.mark.parametrize(("value", "expected"), [(True, True), (False, False), ("true", True), ("FALSE", False)])
def test_a_boolean_field_takes_true_and_false_also_as_text(value: object, expected: bool) -> None:
    assert value_of("active", value) is expected


@pytest.mark.parametrize("value", [1, 0, 1.0, "yes", "1", "t"])
def test_a_boolean_field_refuses_numbers_and_other_text(value: object) -> None:
    refuses({"==": [{"var": "active"}, value]}, r"^filter: 'active' is a boolean field; .* is not a boolean$")


# --- every operator's form ----------------------------------------------------------------


@pytest.mark.parametrize("field", sorted(TYPES))
def test_null_stays_null_for_every_type(field: str) -> None:
    assert value_of(field, None) is None
    assert checked({"in": [{"var": field}, [None]]}) == InList(field, (None,))


@pytest.mark.parametrize("op", ["==", "!=", "<", "<=", ">", ">="])
def test_every_comparison_checks_its_value(op: str) -> None:
    refuses({op: [{"var": "id"}, "abc"]}, "'id' is an integer field")
    refuses({op: ["abc", {"var": "id"}]}, "'id' is an integer field")


@pytest.mark.parametrize("rule", [{"<=": ["x", {"var": "id"}, 5]}, {"<": [1, {"var": "id"}, "x"]}])
def test_both_bounds_of_a_between_are_checked(rule: object) -> None:
    refuses(rule, "'id' is an integer field; \"x\" is not an integer")


def test_between_bounds_are_converted() -> None:
    assert checked({"<=": ["1", {"var": "id"}, 5.0]}) == Between("id", 1, 5, inclusive=True)


def test_every_value_of_an_in_list_is_checked() -> None:
    refuses({"in": [{"var": "id"}, [1, 2, "three"]]}, "\"three\" is not an integer")
    assert checked({"in": [{"var": "id"}, [1, "2", None]]}) == InList("id", (1, 2, None))


@pytest.mark.parametrize(("field", "kind"), [("id", "an integer"), ("created", "a date-time"), ("active", "a boolean")])
def test_only_a_string_field_can_be_searched_for_text(field: str, kind: str) -> None:
    refuses({"in": ["1", {"var": field}]}, f"^filter: '{field}' is {kind} field; only string fields can be searched")


def test_a_string_field_can_be_searched_for_text() -> None:
    assert checked({"in": ["al", {"var": "name"}]}) == Contains("name", "al")


def test_values_inside_and_or_not_are_checked_and_converted() -> None:
    rule = {"and": [{"or": [{"!": {"==": [{"var": "id"}, "4"]}}]}, {"==": [{"var": "active"}, "true"]}]}
    assert checked(rule) == And((Or((Not(Compare("id", "==", 4)),)), Compare("active", "==", True)))
    refuses({"and": [{"or": [{"!": {"==": [{"var": "id"}, "four"]}}]}]}, "'id' is an integer field")


def test_checking_a_checked_filter_changes_nothing() -> None:
    once = checked({"and": [{"<": [{"var": "created"}, "2024-01-01"]}, {"==": [{"var": "id"}, "3"]}]})
    assert check_filter_types(once, TYPES) == once


def test_a_long_value_is_shortened_in_the_message() -> None:
    with pytest.raises(FilterError) as caught:
        checked({"==": [{"var": "id"}, "x" * 10_000]})
    assert len(str(caught.value)) < 120 and "…" in str(caught.value)


def test_a_field_without_a_declared_type_is_a_programming_error() -> None:
    with pytest.raises(KeyError, match="no declared type"):
        check_filter_types(Compare("size", "==", 1), TYPES)


def test_field_types_are_named_as_messages_name_them() -> None:
    assert [t.with_article for t in FieldType] == ["an integer", "a string", "a date-time", "a boolean"]


# --- evaluation of checked values ---------------------------------------------------------


def test_evaluate_orders_checked_dates() -> None:
    node = checked({"<=": ["2024-01-01", {"var": "created"}, "2024-01-31T23:59:59Z"]})
    inside = datetime(2024, 1, 15, tzinfo=UTC)
    assert evaluate(node, {"created": inside})
    assert not evaluate(node, {"created": inside + timedelta(days=30)})
    # 00:30 at +01:00 is 23:30 UTC, after 01:00 at +02:00 (23:00 UTC).
    later = {"created": datetime(2024, 1, 1, 0, 30, tzinfo=timezone(timedelta(hours=1)))}
    assert evaluate(checked({">": [{"var": "created"}, "2024-01-01T01:00:00+02:00"]}), later)
