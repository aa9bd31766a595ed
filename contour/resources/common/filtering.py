"""Compile a parsed `filter` query parameter into a SQLAlchemy WHERE clause."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Boolean, ColumnElement, and_, false, func, not_, or_

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


def build_filter(raw: str | None, columns: Mapping[str, ColumnElement[Any]]) -> ColumnElement[bool] | None:
    """Parse `raw` against the fields in `columns`; None when there is no filter.

    Raises ValidationError shaped `{"filter": [message]}` for a bad filter.
    """
    try:
        node = parse_optional_filter(raw, columns.keys())
    except FilterError as exc:
        raise ValidationError({"filter": [str(exc)]}) from None
    if node is None:
        return None
    return compile_filter(node, columns)


def compile_filter(node: FilterNode, columns: Mapping[str, ColumnElement[Any]]) -> ColumnElement[bool]:
    """The boolean expression matching exactly the rows `contour.core.filters.evaluate` accepts.

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
    if isinstance(column.type, UTCDateTime):
        node = _with_dates(node)
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


def parse_date_value(raw: str) -> datetime:
    """An ISO 8601 date or datetime as aware UTC (naive means UTC); ValueError for anything else."""
    moment = datetime.fromisoformat(raw.replace("Z", "+00:00"))
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _date(field: str, value: object) -> object:
    if value is None:
        return None
    if isinstance(value, str):
        try:
            return parse_date_value(value)
        except ValueError:
            pass
    raise ValidationError({"filter": [f"{field!r} is a date: {value!r} is not an ISO 8601 date."]})


def _with_dates(node: FilterNode) -> Any:
    """The node with its values as datetimes, so date columns compare as dates on every backend."""
    if isinstance(node, Compare):
        return replace(node, value=_date(node.field, node.value))
    if isinstance(node, Between):
        return replace(node, low=_date(node.field, node.low), high=_date(node.field, node.high))
    if isinstance(node, InList):
        return replace(node, values=tuple(_date(node.field, v) for v in node.values))
    if isinstance(node, Contains):
        raise ValidationError({"filter": [f"{node.field!r} is a date: it cannot be searched for text."]})
    return node


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
