"""Reading and writing the YAML of dataset descriptions (Ultralytics' data.yaml) with PyYAML.

Only PyYAML's safe loader is used (plain data, no object construction); a document that is not
YAML names the file and line. Written keys stay plain where they read back as the same string.
"""

from __future__ import annotations

import re
from typing import Any, TypeAlias

import orjson
import yaml

from contour.formats.errors import DatasetError

YamlValue: TypeAlias = "None | bool | int | float | str | list[YamlValue] | dict[YamlValue, YamlValue]"

_PLAIN_KEY = re.compile(r"^[A-Za-z_][A-Za-z0-9_.\-]*$")
_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_yaml(text: str, file: str) -> YamlValue:
    """Parse one YAML document; errors name `file` and the line."""
    try:
        value: YamlValue = yaml.load(text, Loader=_Loader)  # noqa: S506 - a safe loader
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        raise DatasetError(f"not valid YAML: {exc.problem or exc}", file=file,
                           line=mark.line + 1 if mark is not None else None) from exc
    except yaml.YAMLError as exc:
        raise DatasetError(f"not valid YAML: {exc}", file=file) from exc
    return value


def quote(text: str) -> str:
    """A YAML double-quoted scalar (JSON's string syntax is valid YAML)."""
    return orjson.dumps(text).decode()


def key(text: str) -> str:
    """A mapping key, plain where that reads back as the same string."""
    if _PLAIN_KEY.match(text) and yaml.load(text, Loader=_Loader) == text:
        return text
    return quote(text)
