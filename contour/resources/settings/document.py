"""Plain-data rules of a settings document: JSON merge patches (RFC 7396) and the bounds we keep."""

from __future__ import annotations

import math
from typing import Any

import orjson

from contour.errors import ValidationError

SECTIONS = ("player", "workspace", "shortcuts")
# Preferences are a few hundred keys at most; the bound keeps a buggy or hostile client from
# turning the table into storage.
MAX_DOCUMENT_BYTES = 64 * 1024
MAX_DEPTH = 16
# The web app reads numbers as doubles: larger integers would come back changed.
MAX_SAFE_INTEGER = 2**53 - 1


def merge_patch(target: Any, patch: Any) -> Any:
    """RFC 7396: objects merge key by key, `null` removes a key, anything else replaces. Pure."""
    if not isinstance(patch, dict):
        return patch
    merged = dict(target) if isinstance(target, dict) else {}
    for key, value in patch.items():
        if value is None:
            merged.pop(key, None)
        else:
            merged[key] = merge_patch(merged.get(key), value)
    return merged


def _check_values(value: Any, path: str, depth: int) -> None:
    if depth > MAX_DEPTH:
        raise ValidationError({path: [f"Settings may nest at most {MAX_DEPTH} levels deep."]})
    if isinstance(value, float) and not math.isfinite(value):
        raise ValidationError({path: ["Numbers must be finite."]})
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) > MAX_SAFE_INTEGER:
        raise ValidationError({path: [f"Integers must lie within ±{MAX_SAFE_INTEGER}."]})
    if isinstance(value, dict):
        for key, item in value.items():
            _check_values(item, f"{path}.{key}", depth + 1)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            _check_values(item, f"{path}.{index}", depth + 1)


def check_patch(patch: dict[str, Any]) -> None:
    """Refuse what would not come back as sent (NaN, Infinity, huge integers) and absurd nesting."""
    for section, value in patch.items():
        _check_values(value, section, 1)


def document_size(document: dict[str, Any]) -> int:
    return len(orjson.dumps(document))


def check_size(document: dict[str, Any]) -> None:
    size = document_size(document)
    if size > MAX_DOCUMENT_BYTES:
        raise ValidationError(
            f"Settings may take at most {MAX_DOCUMENT_BYTES // 1024} KiB of JSON; "
            f"with this change they would take {size / 1024:.1f} KiB."
        )


def sections_of(document: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """The document as clients read it: every section present, an empty object when never saved."""
    return {section: dict(document.get(section) or {}) for section in SECTIONS}
