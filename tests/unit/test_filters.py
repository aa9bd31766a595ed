"""Tests for the JSON-Logic filter parser and its evaluator, including agreement with SQL."""

from __future__ import annotations

import json
from typing import Any

import pytest
import sqlalchemy as sa
from hypothesis import given, settings
from hypothesis import strategies as st

from contour.core.filters import (
    MAX_DEPTH,
    MAX_FILTER_LENGTH,
    MAX_NODES,
    And,
    Between,
    Compare,
    CompareOp,
    Contains,
    FilterError,
    FilterNode,
    InList,
    Not,
    Or,
    Scalar,
    evaluate,
    parse_filter,
    parse_optional_filter,
)
from contour.resources.common.filtering import compile_filter

FIELDS = ("id", "size", "name", "status")


def parse(rule: object) -> FilterNode:
    return parse_filter(json.dumps(rule), FIELDS)


def rejects(rule: object | str, message: str) -> None:
    raw = rule if isinstance(rule, str) else json.dumps(rule)
    with pytest.raises(FilterError, match=message):
        parse_filter(raw, FIELDS)


# --- parsing: what is refused ---------------------------------------------------------


def test_filter_error_is_a_value_error() -> None:
    assert issubclass(FilterError, ValueError)


@pytest.mark.parametrize("raw", [None, "", "   \n"])
def test_blank_filter_means_no_filter(raw: str | None) -> None:
    assert parse_optional_filter(raw, FIELDS) is None


def test_empty_object_is_rejected() -> None:
    rejects({}, "exactly one operator, got 0")


def test_invalid_json_is_rejected() -> None:
    rejects('{"==": [', "^filter: invalid JSON: ")


@pytest.mark.parametrize("raw", ['{"==": [{"var": "size"}, NaN]}', '{"<": [{"var": "size"}, Infinity]}'])
def test_non_finite_number_literals_are_rejected(raw: str) -> None:
    rejects(raw, "invalid JSON: .* is not a valid number")


def test_overflowing_float_is_rejected() -> None:
    rejects('{"<": [{"var": "size"}, 1e400]}', "not a finite number")


def test_integer_outside_64_bits_is_rejected() -> None:
    rejects({"==": [{"var": "size"}, 2**63]}, "64-bit integer range")


@pytest.mark.parametrize("raw", ["[]", '"size"', "3", "null"])
def test_top_level_must_be_a_rule_object(raw: str) -> None:
    rejects(raw, "expected a rule object")


def test_rule_with_two_operators_is_rejected() -> None:
    rejects({"==": [{"var": "size"}, 1], "!=": [{"var": "size"}, 2]}, "exactly one operator, got 2")


def test_duplicate_keys_are_rejected() -> None:
    rejects('{"and": [{"==": [{"var": "id"}, 1]}], "and": []}', "duplicate key 'and'")


def test_unknown_field_is_rejected_with_the_allowed_fields() -> None:
    rejects({"==": [{"var": "foo"}, 1]}, r"^filter: unknown field 'foo'; allowed: id, name, size, status$")


def test_unsupported_operator_is_rejected() -> None:
    rejects({"xor": [{"var": "size"}, 1]}, "^filter: unsupported operator 'xor'$")


def test_bare_var_is_not_a_rule() -> None:
    rejects({"var": "size"}, "bare")


@pytest.mark.parametrize("var", [{"var": 3}, {"var": ["size", 0]}, {"var": "size", "x": 1}])
def test_malformed_field_reference_is_rejected(var: object) -> None:
    rejects({"==": [var, 1]}, "field reference must look like")


@pytest.mark.parametrize("args", [[{"var": "size"}], [{"var": "size"}, 1, 2]])
def test_equality_with_wrong_operand_count_is_rejected(args: list[object]) -> None:
    rejects({"==": args}, f"^filter: '==' expects 2 operands, got {len(args)}$")


def test_comparison_operands_must_be_a_list() -> None:
    rejects({"==": {"var": "size"}}, "'==' expects a list of operands")


def test_comparing_two_fields_is_rejected() -> None:
    rejects({"==": [{"var": "size"}, {"var": "id"}]}, "cannot compare two fields")


def test_comparing_two_values_is_rejected() -> None:
    rejects({"==": [1, 1]}, "needs a {\"var\": field} operand")


@pytest.mark.parametrize("value", [[1], {"a": 1}])
def test_comparison_value_must_be_a_scalar(value: object) -> None:
    rejects({"==": [{"var": "size"}, value]}, "must be a field or a scalar value")


@pytest.mark.parametrize("op", ["<", "<=", ">", ">="])
def test_ordering_against_null_is_rejected(op: str) -> None:
    rejects({op: [{"var": "size"}, None]}, "cannot compare with null")


@pytest.mark.parametrize("op", ["and", "or"])
def test_junction_without_operands_is_rejected(op: str) -> None:
    rejects({op: []}, f"'{op}' expects at least 1 operand")


@pytest.mark.parametrize("op", ["and", "or"])
def test_junction_operands_must_be_a_list(op: str) -> None:
    rejects({op: {"==": [{"var": "id"}, 1]}}, "expects a list of rules")


def test_negation_with_two_operands_is_rejected() -> None:
    rule = {"==": [{"var": "id"}, 1]}
    rejects({"!": [rule, rule]}, "'!' expects 1 operand, got 2")


def test_between_with_field_not_in_the_middle_is_rejected() -> None:
    rejects({"<=": [{"var": "size"}, 1, 5]}, r"expects \[low, ")


def test_between_with_null_bound_is_rejected() -> None:
    rejects({"<": [None, {"var": "size"}, 5]}, "cannot compare with null")


def test_three_operand_form_is_only_for_less_than() -> None:
    rejects({">=": [5, {"var": "size"}, 1]}, "'>=' expects 2 operands, got 3")


def test_in_list_needs_a_list_of_values() -> None:
    rejects({"in": [{"var": "size"}, 3]}, "expects a list of values")


def test_substring_search_needs_a_string() -> None:
    rejects({"in": [3, {"var": "name"}]}, "expects a string to search for")


def test_in_without_a_field_is_rejected() -> None:
    rejects({"in": ["a", ["a"]]}, "'in' needs a")


def nested_negations(levels: int) -> dict[str, Any]:
    rule: dict[str, Any] = {"==": [{"var": "id"}, 1]}
    for _ in range(levels - 1):
        rule = {"!": rule}
    return rule


def test_nesting_up_to_the_depth_limit_is_accepted() -> None:
    parse(nested_negations(MAX_DEPTH))


def test_nesting_beyond_the_depth_limit_is_rejected() -> None:
    rejects(nested_negations(MAX_DEPTH + 1), f"nested deeper than {MAX_DEPTH} levels")


def test_json_too_deep_for_the_decoder_is_rejected() -> None:
    rejects("[" * 30_000 + "]" * 30_000, "nested deeper than")


def test_too_many_rules_are_rejected() -> None:
    rejects({"or": [{"==": [{"var": "id"}, i]} for i in range(MAX_NODES)]}, "too many rules")


def test_rules_up_to_the_node_limit_are_accepted() -> None:
    node = parse({"or": [{"==": [{"var": "id"}, i]} for i in range(MAX_NODES - 1)]})
    assert isinstance(node, Or) and len(node.children) == MAX_NODES - 1


def test_overlong_filter_string_is_rejected() -> None:
    rejects(" " * (MAX_FILTER_LENGTH + 1), "too long")


# --- parsing: the AST built -----------------------------------------------------------


@pytest.mark.parametrize("op", ["==", "!=", "<", "<=", ">", ">="])
def test_comparison_parses_to_compare(op: CompareOp) -> None:
    assert parse({op: [{"var": "size"}, 4]}) == Compare("size", op, 4)


@pytest.mark.parametrize(
    ("op", "flipped"), [("==", "=="), ("!=", "!="), ("<", ">"), ("<=", ">="), (">", "<"), (">=", "<=")]
)
def test_value_on_the_left_flips_the_operator(op: str, flipped: CompareOp) -> None:
    assert parse({op: [4, {"var": "size"}]}) == Compare("size", flipped, 4)


@pytest.mark.parametrize("value", ["text", 1.5, True, None])
def test_equality_accepts_every_scalar_type(value: Scalar) -> None:
    assert parse({"==": [{"var": "name"}, value]}) == Compare("name", "==", value)


def test_inclusive_between_parses() -> None:
    assert parse({"<=": [1, {"var": "size"}, 5]}) == Between("size", 1, 5, inclusive=True)


def test_exclusive_between_parses() -> None:
    assert parse({"<": [1, {"var": "size"}, 5]}) == Between("size", 1, 5, inclusive=False)


def test_in_with_field_first_parses_to_in_list() -> None:
    assert parse({"in": [{"var": "status"}, ["new", None]]}) == InList("status", ("new", None))


def test_in_with_field_second_parses_to_contains() -> None:
    assert parse({"in": ["Al", {"var": "name"}]}) == Contains("name", "Al")


def test_negation_accepts_a_bare_rule_or_a_one_element_list() -> None:
    rule = {"==": [{"var": "id"}, 1]}
    assert parse({"!": rule}) == parse({"!": [rule]}) == Not(Compare("id", "==", 1))


def test_junctions_keep_their_operands_in_order() -> None:
    a, b = {"==": [{"var": "id"}, 1]}, {"==": [{"var": "id"}, 2]}
    assert parse({"and": [a, b]}) == And((Compare("id", "==", 1), Compare("id", "==", 2)))
    assert parse({"or": [b]}) == Or((Compare("id", "==", 2),))


# --- evaluation -----------------------------------------------------------------------


def test_equality_with_null_matches_only_null() -> None:
    node = Compare("size", "==", None)
    assert evaluate(node, {"size": None}) and not evaluate(node, {"size": 0})


def test_inequality_matches_a_null_field() -> None:
    assert evaluate(Compare("size", "!=", 3), {"size": None})


def test_ordering_never_matches_a_null_field() -> None:
    assert not evaluate(Compare("size", "<", 3), {"size": None})


def test_negated_ordering_matches_a_null_field() -> None:
    assert evaluate(Not(Compare("size", "<", 3)), {"size": None})


def test_missing_field_counts_as_null() -> None:
    assert evaluate(Compare("size", "==", None), {})


def test_ordering_across_types_never_matches() -> None:
    assert not evaluate(Compare("name", "<", 3), {"name": "a"})


def test_between_bounds_follow_inclusiveness() -> None:
    assert evaluate(Between("size", 1, 5, inclusive=True), {"size": 5})
    assert not evaluate(Between("size", 1, 5, inclusive=False), {"size": 5})


def test_in_list_with_null_matches_a_null_field() -> None:
    assert evaluate(InList("size", (1, None)), {"size": None})


def test_substring_match_ignores_case() -> None:
    assert evaluate(Contains("name", "aLp"), {"name": "ALPHA"})


def test_substring_never_matches_a_non_text_field() -> None:
    assert not evaluate(Contains("size", "1"), {"size": 1})


# --- properties: JSON round trip and agreement with SQL ------------------------------

INT_FIELDS = ("id", "size")
TEXT_FIELDS = ("name", "status")
ints = st.integers(-3, 3) | st.sampled_from([-1.5, 0.5, 2.5])
texts = st.text(alphabet="aAbB%_\\", max_size=3)
ops = st.sampled_from(["==", "!=", "<", "<=", ">", ">="])


def leaves(fields: tuple[str, ...], values: st.SearchStrategy[Scalar]) -> st.SearchStrategy[FilterNode]:
    field = st.sampled_from(fields)
    return st.one_of(
        st.builds(Compare, field, ops, values),
        st.builds(Compare, field, st.sampled_from(["==", "!="]), st.none()),
        st.builds(Between, field, values, values, st.booleans()),
        st.builds(InList, field, st.lists(values | st.none(), min_size=1, max_size=3).map(tuple)),
    )


filters: st.SearchStrategy[FilterNode] = st.recursive(
    leaves(INT_FIELDS, ints) | leaves(TEXT_FIELDS, texts) | st.builds(Contains, st.sampled_from(TEXT_FIELDS), texts),
    lambda children: st.one_of(
        st.builds(Not, children),
        st.builds(And, st.lists(children, min_size=1, max_size=3).map(tuple)),
        st.builds(Or, st.lists(children, min_size=1, max_size=3).map(tuple)),
    ),
    max_leaves=8,
)

records = st.lists(
    st.fixed_dictionaries(
        {"size": st.none() | st.integers(-3, 3), "name": st.none() | texts, "status": texts}
    ),
    max_size=8,
)


def to_json(node: FilterNode) -> dict[str, Any]:
    if isinstance(node, (And, Or)):
        return {"and" if isinstance(node, And) else "or": [to_json(c) for c in node.children]}
    if isinstance(node, Not):
        return {"!": to_json(node.child)}
    var = {"var": node.field}
    if isinstance(node, Compare):
        return {node.op: [var, node.value]}
    if isinstance(node, Between):
        return {"<=" if node.inclusive else "<": [node.low, var, node.high]}
    if isinstance(node, InList):
        return {"in": [var, list(node.values)]}
    return {"in": [node.substring, var]}


engine = sa.create_engine("sqlite://")
metadata = sa.MetaData()
items = sa.Table(
    "items",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("size", sa.Integer, nullable=True),
    sa.Column("name", sa.String, nullable=True),
    sa.Column("status", sa.String, nullable=False),
)
metadata.create_all(engine)


@settings(database=None, deadline=None, max_examples=300)
@given(filters)
def test_json_round_trip_reproduces_the_ast(node: FilterNode) -> None:
    assert parse(to_json(node)) == node


@settings(database=None, deadline=None, max_examples=300)
@given(filters, records)
def test_sql_selects_exactly_the_records_evaluate_accepts(node: FilterNode, rows: list[dict[str, Any]]) -> None:
    rows = [{"id": i, **row} for i, row in enumerate(rows, start=1)]
    expected = {row["id"] for row in rows if evaluate(node, row)}
    where = compile_filter(node, {column.name: column for column in items.c})
    with engine.begin() as conn:
        conn.execute(items.delete())
        if rows:
            conn.execute(items.insert(), rows)
        selected: set[int] = set(conn.scalars(sa.select(items.c.id).where(where)))
    assert selected == expected
