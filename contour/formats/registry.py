"""The one registry of dataset formats; `/api/server/annotation/formats` is read from it.

Each codec module under `contour.formats` registers its formats at import time with
`register_format(spec, exporter=..., importer=...)`; `load_codecs()` imports every module of the
package, so adding a format is adding a module. CVAT's display name "<NAME> <VERSION>" is the key
clients pass as `format=`.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from contour.formats.model import ArchiveWriter, ExportSource, ImportedDataset, ImportOptions

Dimension = Literal["2d", "3d", "1d"]


@dataclass(frozen=True, slots=True)
class ExportOptions:
    save_images: bool = False


# Writes the dataset into the archive.
Exporter = Callable[[ExportSource, ArchiveWriter, ExportOptions], None]
# Reads a dataset from a folder (an extracted archive) or a single file (bare XML/JSON uploads).
Importer = Callable[[Path, ImportOptions], ImportedDataset]


@dataclass(frozen=True)
class FormatSpec:
    name: str  # e.g. "COCO"
    version: str  # e.g. "1.0"
    ext: str  # "ZIP", "JSON, ZIP", "XML, ZIP"
    dimension: Dimension = "2d"
    enabled: bool = True
    # What the exporter reads, so the server need not load the rest: the shape types it can hold
    # (None: all) and whether it writes attribute values. Only a hint for speed, never a filter
    # the exporter may rely on.
    shape_types: frozenset[str] | None = None
    reads_attributes: bool = True

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


@dataclass(frozen=True)
class RegisteredFormat:
    spec: FormatSpec
    exporter: Exporter | None
    importer: Importer | None


_EXPORTERS: dict[str, RegisteredFormat] = {}
_IMPORTERS: dict[str, RegisteredFormat] = {}


def register_format(spec: FormatSpec, *, exporter: Exporter | None = None, importer: Importer | None = None) -> None:
    """Register an exporter and/or importer under `spec.display_name` (each name once per side)."""
    entry = RegisteredFormat(spec, exporter, importer)
    for table, codec in ((_EXPORTERS, exporter), (_IMPORTERS, importer)):
        if codec is None:
            continue
        if spec.display_name in table:
            raise ValueError(f"format {spec.display_name!r} is registered twice")
        table[spec.display_name] = entry


_loaded = False


def load_codecs() -> None:
    """Import every codec module of this package (once), so that each registers its formats."""
    global _loaded
    if _loaded:
        return
    package = importlib.import_module("contour.formats")
    for module in pkgutil.iter_modules(package.__path__):
        importlib.import_module(f"contour.formats.{module.name}")
    _loaded = True


def exporters() -> list[RegisteredFormat]:
    load_codecs()
    return sorted(_EXPORTERS.values(), key=lambda f: f.spec.display_name.lower())


def importers() -> list[RegisteredFormat]:
    load_codecs()
    return sorted(_IMPORTERS.values(), key=lambda f: f.spec.display_name.lower())


def find_exporter(display_name: str) -> RegisteredFormat | None:
    load_codecs()
    return _EXPORTERS.get(display_name)


def find_importer(display_name: str) -> RegisteredFormat | None:
    load_codecs()
    return _IMPORTERS.get(display_name)
