"""Compile a parsed `filter` query parameter into a SQLAlchemy WHERE clause, its values checked first."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import BigInteger, Boolean, ColumnElement, Integer, SmallInteger, String, and_, false, func, not_, or_

from contour.core.filter_types import FieldType, check_filter_types
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
    parse_optional_filter,
)
from contour.db import UTCDateTime
from contour.errors import ValidationError

_LIKE_ESCAPE = "\\"


def field_type_of(column: ColumnElement[Any]) -> FieldType:
    """The filter type of a column, from its SQL type; TypeError for a type filters do not know yet.

    The SQL type is the declaration: it is what the database compares, so it cannot drift from it.
    """
    column_type = column.type
    if isinstance(column_type, Boolean):
        return FieldType.BOOLEAN
    # Other widths would need other bounds (PostgreSQL refuses a bound value beyond its column's).
    if isinstance(column_type, Integer) and not isinstance(column_type, (BigInteger, SmallInteger)):
        return FieldType.INTEGER
    if isinstance(column_type, UTCDateTime):
        return FieldType.DATETIME
    if isinstance(column_type, String):
        return FieldType.STRING
    raise TypeError(f"a filter field of SQL type {column_type!r} has no filter type; add one to FieldType")


def field_types(columns: Mapping[str, ColumnElement[Any]]) -> dict[str, FieldType]:
    return {name: field_type_of(column) for name, column in columns.items()}


def build_filter(raw: str | None, columns: Mapping[str, ColumnElement[Any]]) -> ColumnElement[bool] | None:
    """Parse `raw` against the fields in `columns` and check its values' types; None when there is no filter.

    Raises ValidationError shaped `{"filter": [message]}` for a bad filter.
    """
    try:
        node = parse_optional_filter(raw, columns.keys())
        if node is None:
            return None
        node = check_filter_types(node, field_types(columns))
    except FilterError as exc:
        raise ValidationError({"filter": [str(exc)]}) from None
    return compile_filter(node, columns)


def compile_filter(node: FilterNode, columns: Mapping[str, ColumnElement[Any]]) -> ColumnElement[bool]:
    """The boolean expression matching exactly the rows `contour.core.filters.evaluate` accepts.

    `node` must have passed `check_filter_types` against the same columns: an unchecked value
    may fail on PostgreSQL (`integer < varchar`) and a date field needs datetimes.

    SQL's NULL is three-valued while `evaluate` is two-valued. Outside a negation an unknown
    result filters a row out just like false does, so only `!` needs care: it coalesces
    its operand to false before negating.
    """
    if isinstance(node, And):
        return and_(*(compile_filter(child, columns) for child in node.children))
    if isinstance(node, Or):
        return or_(*(compile_filter(child, columns) for child in node.children))
    if isinstance(node, Not):
        inner = compile_filter(node.child, columns)
        return not_(func.coalesce(inner, false(), type_=Boolean))
    column = _column(columns, node.field)
    if isinstance(node, Compare):
        return _compare(column, node)
    if isinstance(node, Between):
        if node.inclusive:
            return column.between(node.low, node.high)
        return and_(column > node.low, column < node.high)
    if isinstance(node, InList):
        return _in_list(column, node)
    if isinstance(node, Contains):
        return column.ilike(f"%{_escape_like(node.substring)}%", escape=_LIKE_ESCAPE)
    raise TypeError(f"not a filter node: {node!r}")


def _column(columns: Mapping[str, ColumnElement[Any]], field: str) -> ColumnElement[Any]:
    try:
        return columns[field]
    except KeyError:
        # Parsing checks fields, so this means the caller parsed against different columns.
        raise KeyError(f"filter field {field!r} has no column to compile to") from None


def _compare(column: ColumnElement[Any], node: Compare) -> ColumnElement[bool]:
    value = node.value
    if node.op == "==":
        return column.is_(None) if value is None else column == value
    if node.op == "!=":
        # `!=` is the negation of `==`, so a null field differs from every value.
        return column.is_not(None) if value is None else column.is_distinct_from(value)
    if node.op == "<":
        return column < value
    if node.op == "<=":
        return column <= value
    if node.op == ">":
        return column > value
    return column >= value


def _in_list(column: ColumnElement[Any], node: InList) -> ColumnElement[bool]:
    # SQL's `IN (.., NULL)` never matches a null field, but the filter language says it does.
    present = [value for value in node.values if value is not None]
    clauses: list[ColumnElement[bool]] = []
    if present:
        clauses.append(column.in_(present))
    if len(present) != len(node.values):
        clauses.append(column.is_(None))
    if not clauses:
        return false()
    return or_(*clauses)


def _escape_like(text: str) -> str:
    return (
        text.replace(_LIKE_ESCAPE, _LIKE_ESCAPE * 2)
        .replace("%", _LIKE_ESCAPE + "%")
        .replace("_", _LIKE_ESCAPE + "_")
    )
