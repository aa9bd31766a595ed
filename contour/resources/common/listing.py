"""CVAT's list protocol: page/page_size, sort, search, simple filters, JSON-Logic `filter`, envelope."""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar
from urllib.parse import parse_qsl

from sqlalchemy import ColumnElement, Select, func, or_, select
from sqlalchemy.orm import Session
from starlette.datastructures import URL

from contour.config import get_settings
from contour.core.filter_types import FieldType, parse_date_value
from contour.errors import NotFound, ValidationError
from contour.resources.common.filtering import build_filter, field_type_of, field_types
from contour.resources.common.types import MAX_DB_INT

T = TypeVar("T")

# Query parameters that belong to the protocol or to scoping, never simple filters.
RESERVED_PARAMS = frozenset({"page", "page_size", "sort", "search", "filter", "org", "org_id"})


@dataclass(frozen=True)
class ListSpec:
    """What a list endpoint lets callers filter, sort and search on.

    Each field's filter type comes from its column's SQL type (`field_type_of`); a column of a
    type filters do not know fails here, when the router module is imported, not in a request.
    """

    fields: Mapping[str, ColumnElement[Any]]
    search: Sequence[ColumnElement[Any]] = ()
    # Equality filters given as plain query params; defaults to `fields`.
    simple: Mapping[str, ColumnElement[Any]] | None = None
    id_column: ColumnElement[Any] | None = None
    default_sort: str = "-id"
    extra_simple: Mapping[str, ColumnElement[Any]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        field_types(self.fields)
        field_types(self.simple_filters)

    @property
    def filter_types(self) -> dict[str, FieldType]:
        return field_types(self.fields)

    @property
    def simple_filters(self) -> Mapping[str, ColumnElement[Any]]:
        base = dict(self.simple if self.simple is not None else self.fields)
        base.update(self.extra_simple)
        return base


def parse_bool(value: str) -> bool:
    lowered = value.strip().lower()
    if lowered in ("true", "1", "yes", "on"):
        return True
    if lowered in ("false", "0", "no", "off"):
        return False
    raise ValueError(value)


def _coerce(column: ColumnElement[Any], name: str, raw: str) -> object:
    if raw.lower() in ("null", "none") and getattr(column, "nullable", True):
        return None
    field_type = field_type_of(column)
    try:
        if field_type is FieldType.BOOLEAN:
            return parse_bool(raw)
        if field_type is FieldType.INTEGER:
            value = int(raw)
            if abs(value) > MAX_DB_INT:
                raise ValueError(raw)
            return value
        if field_type is FieldType.DATETIME:
            return parse_date_value(raw)
    except ValueError as exc:
        raise ValidationError({name: [f"'{raw}' is not a valid value for {name}."]}) from exc
    return raw


def apply_list_params(stmt: Select[Any], params: Mapping[str, str], spec: ListSpec) -> Select[Any]:
    """Narrow and order `stmt` by the caller's search, simple filters, JSON-Logic filter and sort."""
    for name, value in params.items():
        if "\x00" in value:
            raise ValidationError({name: ["The value contains a NUL character."]})
    for name, column in spec.simple_filters.items():
        if name in params and name not in RESERVED_PARAMS:
            value = _coerce(column, name, params[name])
            stmt = stmt.where(column.is_(None) if value is None else column == value)
    search = params.get("search")
    if search and spec.search:
        pattern = "%" + search.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        stmt = stmt.where(or_(*(col.ilike(pattern, escape="\\") for col in spec.search)))
    condition = build_filter(params.get("filter"), spec.fields)
    if condition is not None:
        stmt = stmt.where(condition)
    return stmt.order_by(*_ordering(params.get("sort") or spec.default_sort, spec))


def _ordering(sort: str, spec: ListSpec) -> list[ColumnElement[Any]]:
    clauses: list[ColumnElement[Any]] = []
    for item in (part.strip() for part in sort.split(",")):
        if not item:
            continue
        descending = item.startswith("-")
        name = item.lstrip("-")
        column = spec.fields.get(name)
        if column is None:
            allowed = ", ".join(sorted(spec.fields))
            raise ValidationError({"sort": [f"Unknown sort field '{name}'. Allowed: {allowed}."]})
        clauses.append(column.desc() if descending else column.asc())
    id_column = spec.id_column if spec.id_column is not None else spec.fields.get("id")
    if id_column is not None:
        # A stable tie-breaker makes pages deterministic.
        clauses.append(id_column.desc() if sort.strip().startswith("-") else id_column.asc())
    return clauses


def page_bounds(params: Mapping[str, str]) -> tuple[int, int]:
    settings = get_settings()
    try:
        page = int(params.get("page", "1"))
    except ValueError as exc:
        raise NotFound("Invalid page.") from exc
    raw_size = params.get("page_size")
    if raw_size is None or raw_size == "":
        size = settings.default_page_size
    elif raw_size == "all":
        size = settings.max_page_size
    else:
        try:
            size = int(raw_size)
        except ValueError as exc:
            raise ValidationError({"page_size": ["A valid integer is required."]}) from exc
        if size < 1:
            raise ValidationError({"page_size": ["Ensure this value is greater than or equal to 1."]})
        size = min(size, settings.max_page_size)
    if page < 1:
        raise NotFound("Invalid page.")
    return page, size


def paginate(
    db: Session,
    url: URL,
    stmt: Select[Any],
    spec: ListSpec,
    serialize: Callable[[Sequence[Any]], list[dict[str, Any]]],
) -> dict[str, Any]:
    """Run a list query and return CVAT's envelope {count, next, previous, results}.

    The page is found over ids alone and only its rows are loaded with their eager relations
    (a "deferred join"): otherwise the database joins every visible wide row before sorting
    and limiting — 5-10x slower on deep pages and non-indexed sorts (bench/api_lists.py).
    """
    params = dict(parse_qsl(url.query, keep_blank_values=True))
    id_column = spec.id_column if spec.id_column is not None else spec.fields["id"]
    entity = stmt.column_descriptions[0]["entity"]
    stmt = apply_list_params(stmt, params, spec)
    page, size = page_bounds(params)
    count = db.scalar(select(func.count()).select_from(stmt.with_only_columns(id_column).order_by(None).subquery()))
    count = count or 0
    if page > 1 and (page - 1) * size >= count:
        raise NotFound("Invalid page.")
    page_ids = list(db.scalars(stmt.with_only_columns(id_column).limit(size).offset((page - 1) * size)))
    rows: list[Any] = []
    if page_ids:
        position = {key: index for index, key in enumerate(page_ids)}
        loaded = db.scalars(select(entity).where(id_column.in_(page_ids))).unique().all()
        rows = sorted(loaded, key=lambda row: position[getattr(row, id_column.key)])
    next_url = str(url.include_query_params(page=page + 1)) if page * size < count else None
    previous_url = None
    if page > 1:
        previous_url = (
            str(url.remove_query_params("page")) if page == 2 else str(url.include_query_params(page=page - 1))
        )
    return {"count": count, "next": next_url, "previous": previous_url, "results": serialize(rows)}


def _schema_of(field_type: FieldType) -> dict[str, Any]:
    if field_type is FieldType.DATETIME:
        return {"type": "string", "format": "date-time"}
    return {"type": str(field_type)}


# Per field type: a value that works, then values of the wrong type that are refused with 400.
_FILTER_SAMPLES: dict[FieldType, tuple[object, tuple[object, ...]]] = {
    FieldType.INTEGER: (1, ("abc", True, 1.5)),
    FieldType.STRING: ("a", (5, True)),
    FieldType.DATETIME: ("2024-01-01T00:00:00Z", ("soon", 5)),
    FieldType.BOOLEAN: (True, (1,)),
}


def filter_examples(types: Mapping[str, FieldType]) -> dict[str, dict[str, str]]:
    """OpenAPI `examples` of `filter`: for the first field of each type, a filter that works and
    wrong-typed ones (comparison, between, in-list and substring forms), each refused with 400.

    Every schemathesis run sends a parameter's examples, so the fuzz test (tests/api/test_api_fuzz.py)
    puts wrong-typed values through each list, on the database it runs on.
    """
    examples: dict[str, dict[str, str]] = {}
    for field_type in dict.fromkeys(types.values()):
        name = next(name for name, kind in types.items() if kind is field_type)
        var = {"var": name}
        good, (wrong, *more_wrong) = _FILTER_SAMPLES[field_type]
        examples[f"{name}_equals"] = {"summary": f"{name} ({field_type}) equals a value", "value": json.dumps({"==": [var, good]})}
        refused: dict[str, object] = {
            "compare": {"<": [var, wrong]},
            "between": {"<=": [wrong, var, good]},
            "in_list": {"in": [var, [good, wrong]]},
        }
        refused.update({f"not_equal_{index}": {"!=": [var, value]} for index, value in enumerate(more_wrong, start=2)})
        if field_type is not FieldType.STRING:
            refused["substring"] = {"in": ["1", var]}
        for form, rule in refused.items():
            summary = f"Refused (400): {name} is {field_type.with_article} field"
            examples[f"{name}_wrong_type_{form}"] = {"summary": summary, "value": json.dumps(rule)}
    return examples


def list_parameters(spec: ListSpec, extra: Mapping[str, str] = {}) -> dict[str, Any]:  # noqa: B006 (read only)
    """`openapi_extra` declaring the list protocol's query parameters, so generated clients type them.

    `extra` names parameters the endpoint reads itself (e.g. `task_id` of /api/labels) -> schema type.
    """
    types = spec.filter_types
    parameters: list[dict[str, Any]] = [
        {"name": "page", "in": "query", "required": False, "schema": {"type": "integer"}},
        {"name": "page_size", "in": "query", "required": False, "schema": {"type": "integer"}},
        {"name": "sort", "in": "query", "required": False, "schema": {"type": "string"},
         "description": "Comma-separated fields, '-' for descending: " + ", ".join(spec.fields)},
        {"name": "search", "in": "query", "required": False, "schema": {"type": "string"}},
        {"name": "filter", "in": "query", "required": False, "schema": {"type": "string"},
         "description": "JSON Logic over: " + ", ".join(f"{name} ({kind})" for name, kind in types.items())
                        + ". A value must have its field's type.",
         "examples": filter_examples(types)},
        {"name": "org", "in": "query", "required": False, "schema": {"type": "string"}},
        {"name": "org_id", "in": "query", "required": False, "schema": {"type": "integer"}},
    ]  # fmt: skip
    declared = {p["name"] for p in parameters}
    for name, column in spec.simple_filters.items():
        if name not in declared:
            parameters.append({"name": name, "in": "query", "required": False, "schema": _schema_of(field_type_of(column))})
            declared.add(name)
    for name, kind in extra.items():
        if name not in declared:
            parameters.append({"name": name, "in": "query", "required": False, "schema": {"type": kind}})
    return {"parameters": parameters}
