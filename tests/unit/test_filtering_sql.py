"""Tests that compiled filters select exactly the rows the pure evaluator accepts."""

from __future__ import annotations

import json
from typing import Any

import pytest
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

from contour.core.filter_types import FieldType
from contour.core.filters import Compare, evaluate, parse_filter
from contour.db import UTCDateTime
from contour.errors import ValidationError
from contour.resources.common.filtering import build_filter, compile_filter, field_type_of
from contour.resources.common.listing import ListSpec

ROWS: list[dict[str, Any]] = [
    {"id": 1, "size": 1, "name": "Alpha", "status": "new"},
    {"id": 2, "size": 5, "name": "beta_1", "status": "done"},
    {"id": 3, "size": None, "name": "100%", "status": "new"},
    {"id": 4, "size": 10, "name": None, "status": "in progress"},
    {"id": 5, "size": 3, "name": "back\\slash", "status": "done"},
    {"id": 6, "size": 0, "name": "betax1", "status": "validation"},
]

metadata = sa.MetaData()
items = sa.Table(
    "items",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("size", sa.Integer, nullable=True),
    sa.Column("name", sa.String, nullable=True),
    sa.Column("status", sa.String, nullable=False),
)
COLUMNS: dict[str, sa.ColumnElement[Any]] = {column.name: column for column in items.c}
engine = sa.create_engine("sqlite://")
metadata.create_all(engine)
with engine.begin() as setup:
    setup.execute(items.insert(), ROWS)


def selected(rule: object) -> set[int]:
    """Ids the SQL filter selects, after checking the evaluator accepts the same rows."""
    raw = json.dumps(rule)
    where = build_filter(raw, COLUMNS)
    assert where is not None
    with engine.connect() as conn:
        ids: set[int] = set(conn.scalars(sa.select(items.c.id).where(where)))
    node = parse_filter(raw, COLUMNS.keys())
    assert ids == {row["id"] for row in ROWS if evaluate(node, row)}
    return ids


def size(op: str, value: object) -> dict[str, Any]:
    return {op: [{"var": "size"}, value]}


def test_equality_selects_rows_with_that_value() -> None:
    assert selected({"==": [{"var": "status"}, "new"]}) == {1, 3}


def test_equality_with_null_selects_rows_where_the_field_is_null() -> None:
    assert selected(size("==", None)) == {3}


def test_inequality_with_null_selects_rows_where_the_field_is_set() -> None:
    assert selected(size("!=", None)) == {1, 2, 4, 5, 6}


def test_inequality_also_selects_rows_where_the_field_is_null() -> None:
    assert selected(size("!=", 5)) == {1, 3, 4, 5, 6}


@pytest.mark.parametrize(
    ("op", "expected"), [("<", {1, 6}), ("<=", {1, 5, 6}), (">", {2, 4}), (">=", {2, 4, 5})]
)
def test_ordering_skips_rows_where_the_field_is_null(op: str, expected: set[int]) -> None:
    assert selected(size(op, 3)) == expected


def test_value_on_the_left_selects_the_same_rows_as_on_the_right() -> None:
    assert selected({">": [3, {"var": "size"}]}) == selected(size("<", 3)) == {1, 6}


def test_inclusive_between_includes_both_bounds() -> None:
    assert selected({"<=": [1, {"var": "size"}, 5]}) == {1, 2, 5}


def test_exclusive_between_excludes_both_bounds() -> None:
    assert selected({"<": [1, {"var": "size"}, 5]}) == {5}


def test_in_list_selects_rows_with_a_listed_value() -> None:
    assert selected({"in": [{"var": "status"}, ["done", "validation"]]}) == {2, 5, 6}


def test_in_list_with_null_also_selects_rows_where_the_field_is_null() -> None:
    assert selected({"in": [{"var": "size"}, [10, None]]}) == {3, 4}


def test_in_empty_list_selects_nothing() -> None:
    assert selected({"in": [{"var": "size"}, []]}) == set()


def test_substring_match_ignores_case() -> None:
    assert selected({"in": ["ALP", {"var": "name"}]}) == {1}


def test_substring_percent_matches_only_a_literal_percent() -> None:
    assert selected({"in": ["0%", {"var": "name"}]}) == {3}


def test_substring_underscore_matches_only_a_literal_underscore() -> None:
    assert selected({"in": ["a_1", {"var": "name"}]}) == {2}


def test_substring_backslash_matches_only_a_literal_backslash() -> None:
    assert selected({"in": ["k\\s", {"var": "name"}]}) == {5}


def test_substring_never_matches_a_null_field() -> None:
    assert 4 not in selected({"in": ["", {"var": "name"}]})


def test_negated_comparison_selects_rows_where_the_field_is_null() -> None:
    assert selected({"!": size(">", 3)}) == {1, 3, 5, 6}


def test_double_negation_selects_the_original_rows() -> None:
    assert selected({"!": {"!": size(">", 3)}}) == {2, 4}


def test_negated_disjunction_with_a_null_operand_selects_the_row() -> None:
    # Row 3: size is null and name matches neither, so SQL's OR would be unknown, not false.
    rule = {"!": {"or": [size("<", 3), {"==": [{"var": "name"}, "zzz"]}]}}
    assert selected(rule) == {2, 3, 4, 5}


def test_and_selects_rows_matching_every_rule() -> None:
    assert selected({"and": [{"==": [{"var": "status"}, "done"]}, size(">", 3)]}) == {2}


def test_or_selects_rows_matching_any_rule() -> None:
    assert selected({"or": [{"==": [{"var": "status"}, "validation"]}, size("==", None)]}) == {3, 6}


def test_build_filter_without_a_filter_returns_none() -> None:
    assert build_filter(None, COLUMNS) is None
    assert build_filter("  ", COLUMNS) is None


def test_build_filter_reports_a_bad_filter_as_a_validation_error_on_filter() -> None:
    with pytest.raises(ValidationError) as caught:
        build_filter('{"==": [{"var": "owner"}, 1]}', COLUMNS)
    assert caught.value.fields == {"filter": ["filter: unknown field 'owner'; allowed: id, name, size, status"]}
    assert caught.value.status_code == 400


def test_compile_filter_refuses_a_field_without_a_column() -> None:
    with pytest.raises(KeyError, match="no column"):
        compile_filter(Compare("owner", "==", 1), COLUMNS)


def test_substring_search_compiles_to_ilike_on_postgresql() -> None:
    where = build_filter('{"in": ["a_b", {"var": "name"}]}', COLUMNS)
    assert where is not None
    sql = str(where.compile(dialect=postgresql.dialect()))
    assert "ILIKE" in sql and "ESCAPE" in sql


def test_build_filter_refuses_a_wrong_typed_value_before_building_sql() -> None:
    with pytest.raises(ValidationError) as caught:
        build_filter('{"<": [{"var": "size"}, "abc"]}', COLUMNS)
    assert caught.value.fields == {"filter": ["filter: 'size' is an integer field; \"abc\" is not an integer"]}


def test_build_filter_converts_digits_as_text_for_an_integer_field() -> None:
    assert selected_raw('{"in": [{"var": "size"}, ["5", 10]]}') == {2, 4}


def selected_raw(raw: str) -> set[int]:
    where = build_filter(raw, COLUMNS)
    assert where is not None
    with engine.connect() as conn:
        return set(conn.scalars(sa.select(items.c.id).where(where)))


@pytest.mark.parametrize(
    ("column_type", "expected"),
    [(sa.Integer(), FieldType.INTEGER), (sa.String(16), FieldType.STRING), (sa.Text(), FieldType.STRING),
     (sa.Boolean(), FieldType.BOOLEAN), (UTCDateTime(), FieldType.DATETIME)],
)  # fmt: skip
def test_a_columns_filter_type_comes_from_its_sql_type(column_type: sa.types.TypeEngine[Any], expected: FieldType) -> None:
    assert field_type_of(sa.column("c", column_type)) is expected


@pytest.mark.parametrize("column_type", [sa.Float(), sa.JSON(), sa.BigInteger(), sa.SmallInteger(), sa.DateTime()])
def test_a_column_of_a_type_filters_do_not_know_is_refused(column_type: sa.types.TypeEngine[Any]) -> None:
    with pytest.raises(TypeError, match="has no filter type"):
        field_type_of(sa.column("c", column_type))


def test_a_list_spec_with_an_untyped_field_fails_when_it_is_declared() -> None:
    with pytest.raises(TypeError, match="has no filter type"):
        ListSpec(fields={"id": items.c.id, "score": sa.column("score", sa.Float())})
