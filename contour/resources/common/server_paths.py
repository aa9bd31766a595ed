"""The last line of defence against server paths in what users read (failure messages, error bodies).

Messages are meant to name files as the user gave them, and the code that raises them does so;
this catches what slips through (a library's words quoting a path, an unforeseen OSError). An
absolute path under the share keeps its share-relative part, which is the user's own name for the
file; one under the data directory or the temporary directory becomes `HIDDEN` and the file's last
name part, so the message still says which file without showing where the server keeps it.
"""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from contour.config import get_settings

HIDDEN = "[server path]"

# A path runs to the first character that cannot be part of it in a message: blanks, quotes,
# brackets and the separators messages put between items.
_PATH_TAIL = r"""[^\s'"`<>|,;()\[\]{}]*"""


@dataclass(frozen=True)
class _Root:
    pattern: re.Pattern[str]
    keeps_relative: bool  # the share: what follows the root is the user's name for the file

    def replace(self, match: re.Match[str]) -> str:
        rest = (match.group("rest") or "").strip("/")
        if not rest:
            return HIDDEN
        return rest if self.keeps_relative else f"{HIDDEN}/{PurePosixPath(rest).name}"


def hide_server_paths(text: str) -> str:
    """`text` without absolute paths under the data directory, the share or the temporary directory."""
    for root in _roots():
        text = root.pattern.sub(root.replace, text)
    return text


def hide_server_paths_in(value: object) -> object:
    """The same for every string in a JSON-like value (an error body's fields and their messages)."""
    if isinstance(value, str):
        return hide_server_paths(value)
    if isinstance(value, dict):
        return {key: hide_server_paths_in(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [hide_server_paths_in(item) for item in value]
    return value


def _roots() -> list[_Root]:
    settings = get_settings()
    forms = {
        *((form, True) for form in _forms(settings.resolved_share_dir)),
        *((form, False) for form in _forms(settings.data_dir)),
        *((form, False) for form in _forms(Path(tempfile.gettempdir()))),
    }
    # Longest first: the default share lies inside the data directory, which may lie in /tmp.
    ordered = sorted(forms, key=lambda item: len(item[0]), reverse=True)
    return [_Root(_compile(form), keeps) for form, keeps in ordered]


def _forms(path: Path) -> Iterator[str]:
    """The absolute spellings of `path` a message may hold (as configured, and with links resolved)."""
    for form in {os.path.abspath(path), os.path.realpath(path)}:
        form = form.rstrip("/")
        if form:  # never "/": that would hide every absolute path, the user's URLs' too
            yield form


def _compile(root: str) -> re.Pattern[str]:
    # Not inside a longer word or path (".../x/tmp/y" or "/tmpfiles" are not under /tmp), nor in a URL.
    return re.compile(
        r"(?<![\w.~/:-])" + re.escape(root) + r"(?:(?P<rest>/" + _PATH_TAIL + r")|(?![\w.~-]))"
    )
