"""Parse and evaluate CVAT's JSON-Logic `filter` query language as a small typed AST."""

from __future__ import annotations

import json
import math
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Literal, TypeAlias, cast

# What the parser reads from JSON; checking a filter against its fields' types
# (contour.core.filter_types) may turn a date field's text into a datetime.
Scalar: TypeAlias = str | int | float | bool | None
Value: TypeAlias = Scalar | datetime
CompareOp: TypeAlias = Literal["==", "!=", "<", "<=", ">", ">="]

MAX_DEPTH = 20
MAX_NODES = 1000
# Query strings are bounded by HTTP servers anyway; this keeps json.loads cheap and shallow.
MAX_FILTER_LENGTH = 65536
_INT_MIN = -(2**63)
_INT_MAX = 2**63 - 1

_COMPARE_OPS: frozenset[str] = frozenset({"==", "!=", "<", "<=", ">", ">="})
_FLIPPED: dict[CompareOp, CompareOp] = {
    "==": "==",
    "!=": "!=",
    "<": ">",
    "<=": ">=",
    ">": "<",
    ">=": "<=",
}


class FilterError(ValueError):
    """A filter string that cannot be parsed or refers to something not allowed."""


@dataclass(frozen=True, slots=True)
class And:
    children: tuple[FilterNode, ...]


@dataclass(frozen=True, slots=True)
class Or:
    children: tuple[FilterNode, ...]


@dataclass(frozen=True, slots=True)
class Not:
    child: FilterNode


@dataclass(frozen=True, slots=True)
class Compare:
    """`field <op> value`; a null value is only allowed with `==` / `!=`."""

    field: str
    op: CompareOp
    value: Value


@dataclass(frozen=True, slots=True)
class Between:
    """`low <= field <= high` when inclusive, else `low < field < high`."""

    field: str
    low: Value
    high: Value
    inclusive: bool


@dataclass(frozen=True, slots=True)
class InList:
    field: str
    values: tuple[Value, ...]


@dataclass(frozen=True, slots=True)
class Contains:
    """Case-insensitive substring test on a text field."""

    field: str
    substring: str


FilterNode: TypeAlias = And | Or | Not | Compare | Between | InList | Contains


@dataclass(frozen=True, slots=True)
class _Var:
    name: str


def parse_optional_filter(raw: str | None, allowed_fields: Collection[str]) -> FilterNode | None:
    """Like `parse_filter`, but an absent or blank string means "no filter"."""
    if raw is None or not raw.strip():
        return None
    return parse_filter(raw, allowed_fields)


def parse_filter(raw: str, allowed_fields: Collection[str]) -> FilterNode:
    """Parse a JSON-Logic filter string; raise FilterError naming the first problem found."""
    if len(raw) > MAX_FILTER_LENGTH:
        raise FilterError(f"filter: too long ({len(raw)} characters; at most {MAX_FILTER_LENGTH})")
    try:
        data = json.loads(raw, object_pairs_hook=_unique_keys, parse_constant=_reject_constant)
    except json.JSONDecodeError as exc:
        raise FilterError(f"filter: invalid JSON: {exc}") from None
    except RecursionError:
        raise FilterError(f"filter: nested deeper than {MAX_DEPTH} levels") from None
    return _Parser(allowed_fields).rule(data, depth=1)


def _unique_keys(pairs: list[tuple[str, object]]) -> dict[str, object]:
    # json.loads silently keeps the last duplicate; a rule like {"and":..,"and":..} is a mistake.
    result: dict[str, object] = {}
    for key, value in pairs:
        if key in result:
            raise FilterError(f"filter: duplicate key {key!r} in a JSON object")
        result[key] = value
    return result


def _reject_constant(name: str) -> object:
    raise FilterError(f"filter: invalid JSON: {name} is not a valid number")


class _Parser:
    def __init__(self, allowed_fields: Collection[str]) -> None:
        self.allowed = frozenset(allowed_fields)
        self.nodes = 0

    def rule(self, data: object, depth: int) -> FilterNode:
        if depth > MAX_DEPTH:
            raise FilterError(f"filter: nested deeper than {MAX_DEPTH} levels")
        self.nodes += 1
        if self.nodes > MAX_NODES:
            raise FilterError(f"filter: too many rules (at most {MAX_NODES})")
        if not isinstance(data, dict):
            raise FilterError(f"filter: expected a rule object like {{\"op\": [...]}}, got {_describe(data)}")
        if len(data) != 1:
            raise FilterError(f"filter: a rule must have exactly one operator, got {len(data)}")
        op, args = next(iter(data.items()))
        if op in ("and", "or"):
            return self._junction(op, args, depth)
        if op == "!":
            return self._negation(args, depth)
        if op in _COMPARE_OPS:
            return self._comparison(cast(CompareOp, op), args)
        if op == "in":
            return self._membership(args)
        if op == "var":
            raise FilterError("filter: a bare {\"var\": ...} is not a rule; compare it with a value")
        raise FilterError(f"filter: unsupported operator {op!r}")

    def _junction(self, op: str, args: object, depth: int) -> FilterNode:
        if not isinstance(args, list):
            raise FilterError(f"filter: {op!r} expects a list of rules")
        if not args:
            raise FilterError(f"filter: {op!r} expects at least 1 operand")
        children = tuple(self.rule(arg, depth + 1) for arg in args)
        return And(children) if op == "and" else Or(children)

    def _negation(self, args: object, depth: int) -> FilterNode:
        if isinstance(args, list):
            if len(args) != 1:
                raise FilterError(f"filter: '!' expects 1 operand, got {len(args)}")
            args = args[0]
        return Not(self.rule(args, depth + 1))

    def _comparison(self, op: CompareOp, args: object) -> FilterNode:
        operands = self._operands(op, args)
        if len(operands) == 3 and op in ("<", "<="):
            return self._between(op, operands)
        if len(operands) != 2:
            expected = "2 or 3" if op in ("<", "<=") else "2"
            raise FilterError(f"filter: {op!r} expects {expected} operands, got {len(operands)}")
        left, right = (self._operand(op, operand) for operand in operands)
        if isinstance(left, _Var) and isinstance(right, _Var):
            raise FilterError(f"filter: {op!r} cannot compare two fields; one operand must be a value")
        if not isinstance(left, _Var) and not isinstance(right, _Var):
            raise FilterError(f"filter: {op!r} needs a {{\"var\": field}} operand")
        if isinstance(left, _Var):
            field, value = left.name, right
        else:
            assert isinstance(right, _Var)
            field, value, op = right.name, left, _FLIPPED[op]
        assert not isinstance(value, _Var)
        if value is None and op not in ("==", "!="):
            raise FilterError(f"filter: {op!r} cannot compare with null")
        return Compare(field, op, value)

    def _between(self, op: CompareOp, operands: list[object]) -> FilterNode:
        low, middle, high = (self._operand(op, operand) for operand in operands)
        if not isinstance(middle, _Var) or isinstance(low, _Var) or isinstance(high, _Var):
            raise FilterError(f"filter: {op!r} with 3 operands expects [low, {{\"var\": field}}, high]")
        if low is None or high is None:
            raise FilterError(f"filter: {op!r} cannot compare with null")
        return Between(middle.name, low, high, inclusive=op == "<=")

    def _membership(self, args: object) -> FilterNode:
        operands = self._operands("in", args)
        if len(operands) != 2:
            raise FilterError(f"filter: 'in' expects 2 operands, got {len(operands)}")
        first, second = operands
        if _is_var(first):
            field = self._field(first)
            if not isinstance(second, list):
                raise FilterError("filter: 'in' with a field first expects a list of values second")
            values = tuple(self._scalar("in", value) for value in second)
            return InList(field, values)
        if _is_var(second):
            field = self._field(second)
            if not isinstance(first, str):
                raise FilterError("filter: 'in' with a field second expects a string to search for first")
            return Contains(field, first)
        raise FilterError("filter: 'in' needs a {\"var\": field} operand")

    def _operands(self, op: str, args: object) -> list[object]:
        if not isinstance(args, list):
            raise FilterError(f"filter: {op!r} expects a list of operands")
        return args

    def _operand(self, op: str, operand: object) -> _Var | Scalar:
        if _is_var(operand):
            return _Var(self._field(operand))
        return self._scalar(op, operand)

    def _scalar(self, op: str, value: object) -> Scalar:
        if value is None or isinstance(value, (str, bool)):
            return value
        if isinstance(value, int):
            if not _INT_MIN <= value <= _INT_MAX:
                raise FilterError(f"filter: {op!r} operand {value} is out of the 64-bit integer range")
            return value
        if isinstance(value, float):
            if not math.isfinite(value):
                raise FilterError(f"filter: {op!r} operand {value} is not a finite number")
            return value
        raise FilterError(f"filter: {op!r} operand must be a field or a scalar value, got {_describe(value)}")

    def _field(self, operand: object) -> str:
        assert isinstance(operand, dict)
        name = operand["var"]
        if len(operand) != 1 or not isinstance(name, str):
            raise FilterError("filter: a field reference must look like {\"var\": \"name\"}")
        if name not in self.allowed:
            allowed = ", ".join(sorted(self.allowed))
            raise FilterError(f"filter: unknown field {name!r}; allowed: {allowed}")
        return name


def _is_var(value: object) -> bool:
    return isinstance(value, dict) and "var" in value


def _describe(value: object) -> str:
    if value is None:
        return "null"
    names = {dict: "an object", list: "a list", str: "a string", bool: "a boolean"}
    return names.get(type(value), "a number")


def evaluate(node: FilterNode, record: Mapping[str, object]) -> bool:
    """Whether `record` matches; a missing field counts as null.

    Null never satisfies a comparison other than `== null` (and `!=` is the exact negation
    of `==`), and `!` is plain boolean negation: the same two-valued logic the SQL compiler
    produces. Values of a type that cannot be compared with the field's value never match.
    """
    if isinstance(node, And):
        return all(evaluate(child, record) for child in node.children)
    if isinstance(node, Or):
        return any(evaluate(child, record) for child in node.children)
    if isinstance(node, Not):
        return not evaluate(node.child, record)
    actual = record.get(node.field)
    if isinstance(node, Compare):
        if node.op == "==":
            return _equal(actual, node.value)
        if node.op == "!=":
            return not _equal(actual, node.value)
        return _ordered(actual, node.op, node.value)
    if isinstance(node, Between):
        op: CompareOp = "<=" if node.inclusive else "<"
        return _ordered(node.low, op, actual) and _ordered(actual, op, node.high)
    if isinstance(node, InList):
        return any(_equal(actual, value) for value in node.values)
    return isinstance(actual, str) and node.substring.lower() in actual.lower()


def _equal(actual: object, value: Value) -> bool:
    if actual is None or value is None:
        return actual is None and value is None
    return actual == value


def _ordered(left: object, op: CompareOp, right: object) -> bool:
    if left is None or right is None:
        return False
    # Both sides come from JSON-like data (dates parsed), so only these types are comparable among themselves.
    numbers = (int, float)
    if not (
        (isinstance(left, numbers) and isinstance(right, numbers))
        or (isinstance(left, str) and isinstance(right, str))
        or (isinstance(left, datetime) and isinstance(right, datetime))
    ):
        return False
    a = cast(float, left)
    b = cast(float, right)
    if op == "<":
        return a < b
    if op == "<=":
        return a <= b
    if op == ">":
        return a > b
    if op == ">=":
        return a >= b
    raise AssertionError(f"not an ordering operator: {op}")
