"""The one registry of dataset formats; `/api/server/annotation/formats` is read from it.

Codec modules call `register_format` at import time; until a codec exists its format is simply
absent (CVAT's display name "<NAME> <VERSION>" is the key clients pass as `format=`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Dimension = Literal["2d", "3d", "1d"]


@dataclass(frozen=True)
class FormatSpec:
    name: str  # e.g. "COCO"
    version: str  # e.g. "1.0"
    ext: str  # "ZIP", "JSON, ZIP", "XML, ZIP"
    dimension: Dimension = "2d"
    can_import: bool = True
    can_export: bool = True
    enabled: bool = True

    @property
    def display_name(self) -> str:
        return f"{self.name} {self.version}"

    def describe(self) -> dict[str, object]:
        return {
            "name": self.display_name,
            "ext": self.ext,
            "version": self.version,
            "enabled": self.enabled,
            "dimension": self.dimension,
        }


_FORMATS: dict[str, FormatSpec] = {}


def register_format(spec: FormatSpec) -> FormatSpec:
    if spec.display_name in _FORMATS:
        raise ValueError(f"format {spec.display_name!r} is registered twice")
    _FORMATS[spec.display_name] = spec
    return spec


def all_formats() -> list[FormatSpec]:
    return sorted(_FORMATS.values(), key=lambda f: f.display_name.lower())


def find_format(display_name: str) -> FormatSpec | None:
    return _FORMATS.get(display_name)
