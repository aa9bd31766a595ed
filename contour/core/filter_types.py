"""The type of each field a list filters on, and the check that gives every filter value its field's type.

Values are checked before any SQL is built. Unchecked, PostgreSQL refuses a comparison such as
`integer < varchar` (a server error) while SQLite compares anything with anything and answers
with rows; checked, both answer the same 400 naming the field and its type.

What a field of each type accepts (and null, wherever the filter language allows null):

- integer: a JSON integer within the databases' 32-bit INTEGER, a number without a fraction
  (5.0), or decimal digits as text ("5", "-3"), which CVAT's Django filters coerce as well. A
  boolean is not an integer (though Python says it is), and neither is 1.5: PostgreSQL would
  round it to the column's type, SQLite would not.
- string: text only. A number is not made into text: `{"==": [{"var": "owner"}, 1]}` means a
  user id, but `owner` is a username, so the mistake is named instead of matching nothing.
- date-time: ISO 8601 text, a date or a date and time; naive means UTC.
- boolean: true or false, or that as text in any case, as CVAT coerces it.

Only string fields can be searched for a substring (`{"in": [text, {"var": field}]}`). Fields
with a fixed set of values (status, stage…) are strings: an unknown value matches nothing, as it
does in CVAT, so a newer client's value is not refused.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import replace
from datetime import UTC, datetime
from enum import StrEnum

from contour.core.filters import And, Between, Compare, FilterError, FilterNode, InList, Not, Or, Value


class FieldType(StrEnum):
    """Named as OpenAPI names them (date-time is its format of strings), so the schema can show them."""

    INTEGER = "integer"
    STRING = "string"
    DATETIME = "date-time"
    BOOLEAN = "boolean"

    @property
    def with_article(self) -> str:
        """The type as messages name it: "an integer", "a string"…"""
        return ("an " if self is FieldType.INTEGER else "a ") + self.value


# The databases' INTEGER: PostgreSQL refuses a bound value beyond it rather than comparing it.
INT_MIN = -(2**31)
INT_MAX = 2**31 - 1

# ASCII digits only: int() would also take " 5", "1_000" and other scripts' digits.
_DIGITS = re.compile(r"[+-]?[0-9]+")
# More digits than any 64-bit number has; int() of a very long text is slow (and refused past 4300).
_MAX_DIGITS = 20
# Values are echoed in errors; a filter may be 64 KiB long.
_SHOWN_CHARS = 40


def parse_date_value(raw: str) -> datetime:
    """An ISO 8601 date or datetime as aware UTC (naive means UTC); ValueError for anything else."""
    moment = datetime.fromisoformat(raw.replace("Z", "+00:00"))
    if moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    try:
        return moment.astimezone(UTC)
    except OverflowError:
        # e.g. 0001-01-01T00:00+05:00, before the first moment a datetime can hold in UTC.
        raise ValueError(f"{raw!r} is outside the range of dates") from None


def check_filter_types(node: FilterNode, types: Mapping[str, FieldType]) -> FilterNode:
    """`node` with every value given its field's type; FilterError naming the first value that has not it."""
    if isinstance(node, And):
        return And(tuple(check_filter_types(child, types) for child in node.children))
    if isinstance(node, Or):
        return Or(tuple(check_filter_types(child, types) for child in node.children))
    if isinstance(node, Not):
        return Not(check_filter_types(node.child, types))
    try:
        field_type = types[node.field]
    except KeyError:
        # Parsing checks fields, so this means the caller parsed against other fields.
        raise KeyError(f"filter field {node.field!r} has no declared type") from None
    if isinstance(node, Compare):
        return replace(node, value=_typed(node.field, field_type, node.value))
    if isinstance(node, Between):
        return replace(node, low=_typed(node.field, field_type, node.low), high=_typed(node.field, field_type, node.high))
    if isinstance(node, InList):
        return replace(node, values=tuple(_typed(node.field, field_type, value) for value in node.values))
    if field_type is not FieldType.STRING:
        raise FilterError(f"filter: {node.field!r} is {field_type.with_article} field; only string fields can be searched for text")
    _check_text(node.field, node.substring)
    return node


def _typed(field: str, field_type: FieldType, value: Value) -> Value:
    if value is None:
        return None
    if field_type is FieldType.INTEGER:
        return _integer(field, value)
    if field_type is FieldType.STRING and isinstance(value, str):
        _check_text(field, value)
        return value
    if field_type is FieldType.DATETIME:
        if isinstance(value, datetime):
            return value  # checked before: the check may run twice
        if isinstance(value, str):
            try:
                return parse_date_value(value)
            except ValueError:
                raise _wrong(field, field_type, value, "is not an ISO 8601 date or date-time of years 1-9999") from None
    if field_type is FieldType.BOOLEAN:
        if isinstance(value, bool):
            return value
        if isinstance(value, str) and value.lower() in ("true", "false"):
            return value.lower() == "true"
    raise _wrong(field, field_type, value, f"is not {field_type.with_article}")


def _integer(field: str, value: Value) -> int:
    number: int | None = None
    if isinstance(value, bool):
        number = None
    elif isinstance(value, int):
        number = value
    elif isinstance(value, float) and value.is_integer():
        number = int(value)
    elif isinstance(value, str) and _DIGITS.fullmatch(value):
        digits = value.lstrip("+-").lstrip("0")
        number = int(value) if len(digits) <= _MAX_DIGITS else INT_MAX + 1
    if number is None:
        raise _wrong(field, FieldType.INTEGER, value, "is not an integer")
    if not INT_MIN <= number <= INT_MAX:
        raise _wrong(field, FieldType.INTEGER, value, f"is outside {INT_MIN}..{INT_MAX}")
    return number


def _check_text(field: str, text: str) -> None:
    if "\x00" in text:
        # PostgreSQL text cannot hold NUL; SQLite would compare it.
        raise FilterError(f"filter: {field!r}: a text value cannot contain a NUL character")


def _wrong(field: str, field_type: FieldType, value: Value, problem: str) -> FilterError:
    return FilterError(f"filter: {field!r} is {field_type.with_article} field; {_shown(value)} {problem}")


def _shown(value: Value) -> str:
    text = json.dumps(value, ensure_ascii=False, default=str)
    return text if len(text) <= _SHOWN_CHARS else text[: _SHOWN_CHARS - 1] + "…"
