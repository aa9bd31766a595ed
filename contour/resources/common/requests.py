"""The base of every request body: unknown fields are ignored (and logged) as CVAT ignores them, and text
may not hold NUL characters (PostgreSQL refuses them, so they would otherwise fail deep inside a write)."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, model_validator

from contour.resources.common.unknown_fields import CLOSED_SCHEMA, log_unknown_keys


def find_nul(value: Any, path: str = "") -> str | None:
    """The dotted path of the first string containing NUL, or None."""
    if isinstance(value, str):
        return path or "value" if "\x00" in value else None
    if isinstance(value, dict):
        for key, item in value.items():
            found = find_nul(key, path) if isinstance(key, str) and "\x00" in key else find_nul(item, f"{path}.{key}" if path else str(key))
            if found:
                return found
    if isinstance(value, list):
        for index, item in enumerate(value):
            found = find_nul(item, f"{path}.{index}" if path else str(index))
            if found:
                return found
    return None


class RequestModel(BaseModel):
    model_config = ConfigDict(extra="ignore", json_schema_extra=CLOSED_SCHEMA)

    @model_validator(mode="before")
    @classmethod
    def _refuse_nul_characters(cls, data: Any) -> Any:
        where = find_nul(data)
        if where is not None:
            raise ValueError(f"'{where}' contains a NUL character, which text fields cannot hold.")
        log_unknown_keys(cls, data)
        return data
