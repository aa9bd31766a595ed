"""Unknown keys of request bodies: ignored, as CVAT's serializers ignore them, and logged at debug level.

Clients other than cvat-sdk send keys CVAT has no field for (FiftyOne sends `image_quality` when creating a
task, `group` and `source` on tracked shapes); CVAT drops them silently, so refusing them breaks those
clients. The OpenAPI schema still says `additionalProperties: false`: it documents what is understood.
"""

from __future__ import annotations

import logging
import types
from collections.abc import Iterator
from functools import cache
from typing import Any, Union, get_args, get_origin

from pydantic import BaseModel

log = logging.getLogger("contour.requests")

# What a schema says about keys it does not define (kept false so the schema stays as it was).
CLOSED_SCHEMA: dict[str, Any] = {"additionalProperties": False}


@cache
def known_keys(model: type[BaseModel]) -> frozenset[str]:
    """The keys a model reads: field names and their string aliases."""
    names: set[str] = set()
    for name, info in model.model_fields.items():
        names.add(name)
        for alias in (info.alias, info.validation_alias):
            if isinstance(alias, str):
                names.add(alias)
    return frozenset(names)


def _nested_models(annotation: Any) -> tuple[type[BaseModel], ...]:
    """Models inside an annotation such as `list[Shape] | None` (the first level of containers only)."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return (annotation,)
    origin = get_origin(annotation)
    if origin in (list, tuple, Union, types.UnionType) or str(origin) == "typing.Annotated":
        return tuple(m for arg in get_args(annotation) for m in _nested_models(arg))
    return ()


def unknown_keys(model: type[BaseModel], data: Any, path: str = "") -> Iterator[str]:
    """Dotted paths of the keys in `data` (raw JSON) that `model` and its nested models do not read."""
    if not isinstance(data, dict):
        return
    known = known_keys(model)
    for key, value in data.items():
        where = f"{path}.{key}" if path else str(key)
        if key not in known:
            yield where
            continue
        nested = _nested_models(model.model_fields[key].annotation) if key in model.model_fields else ()
        if not nested:
            continue
        items = enumerate(value) if isinstance(value, list) else [(None, value)]
        for index, item in items:
            yield from unknown_keys(nested[0], item, where if index is None else f"{where}.{index}")


def log_unknown_keys(model: type[BaseModel], data: Any) -> None:
    """Log the keys of one object that `model` ignores (its nested models log their own)."""
    if not isinstance(data, dict) or not log.isEnabledFor(logging.DEBUG):
        return
    ignored = sorted(str(key) for key in data if key not in known_keys(model))
    if ignored:
        log.debug("%s: ignored unknown fields %s", model.__name__, ", ".join(ignored))
