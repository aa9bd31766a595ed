"""A safe reader and a writer for the small YAML subset that dataset files such as Ultralytics' data.yaml use.

PyYAML is not a declared dependency, so this reads block mappings and sequences, flow lists and maps (also over
several lines), plain and quoted scalars, comments and block scalars (`|`, `>`); anchors, aliases, tags and
several documents are refused with a DatasetError. Plain scalars become None, booleans (true/false) and
integers; everything else stays a string, which is all a dataset description needs.
"""

from __future__ import annotations

import re
from typing import TypeAlias

import orjson

from contour.formats.errors import DatasetError

YamlValue: TypeAlias = "None | bool | int | float | str | list[YamlValue] | dict[YamlValue, YamlValue]"

_INT = re.compile(r"^[-+]?(0|[1-9][0-9_]*)$")
_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
_TRUE = frozenset({"true", "True", "TRUE"})
_FALSE = frozenset({"false", "False", "FALSE"})
_ESCAPES = {"0": "\0", "a": "\a", "b": "\b", "t": "\t", "\t": "\t", "n": "\n", "v": "\v", "f": "\f", "r": "\r",
            "e": "\x1b", " ": " ", '"': '"', "/": "/", "\\": "\\", "N": "\x85", "_": "\xa0"}
_HEX_LENGTHS = {"x": 2, "u": 4, "U": 8}
_PLAIN_KEY = re.compile(r"^[A-Za-z_][A-Za-z0-9_.\-]*$")


def _plain(text: str) -> YamlValue:
    if text in _NULLS:
        return None
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    if _INT.match(text):
        return int(text.replace("_", ""))
    return text


class _Parser:
    def __init__(self, text: str, file: str) -> None:
        self.file = file
        self.lines = text.splitlines()
        self.index = 0
        self.started = False

    def error(self, message: str, index: int | None = None) -> DatasetError:
        line = (self.index if index is None else index) + 1
        return DatasetError(f"invalid YAML: {message}", file=self.file, line=min(line, max(len(self.lines), 1)))

    # --- lines ---------------------------------------------------------------------------------------------

    def _content(self, index: int) -> str:
        """The line without its comment and trailing blanks ("" for blank and comment lines)."""
        line = self.lines[index]
        quote = ""
        for position, char in enumerate(line):
            if quote:
                if char == quote:
                    quote = ""
                continue
            if char in "'\"" and (position == 0 or line[position - 1] in " \t[{,:-"):
                quote = char
            elif char == "#" and (position == 0 or line[position - 1] in " \t"):
                return line[:position].rstrip()
        return line.rstrip()

    def _next(self) -> tuple[int, str] | None:
        """(indent, content) of the next meaningful line, skipping blank ones (not consuming it)."""
        while self.index < len(self.lines):
            content = self._content(self.index)
            stripped = content.lstrip(" ")
            if stripped.startswith("\t"):
                raise self.error("tabs cannot indent YAML")
            if stripped == "---" and not self.started:
                self.index += 1
                continue
            if stripped == "---" or stripped.startswith("--- ") or stripped.startswith("%"):
                raise self.error("directives and several YAML documents in one file are not supported")
            if stripped == "...":
                self.index = len(self.lines)
                return None
            if stripped:
                self.started = True
                return len(content) - len(stripped), stripped
            self.index += 1
        return None

    # --- block structure -----------------------------------------------------------------------------------

    def document(self) -> YamlValue:
        found = self._next()
        if found is None:
            return None
        value = self._block(found[0])
        if self._next() is not None:
            raise self.error("unexpected content after the document")
        return value

    def _block(self, indent: int) -> YamlValue:
        found = self._next()
        assert found is not None
        if _is_item(found[1]):
            return self._sequence(found[0])
        if self._split_key(found[1]) is not None:
            return self._mapping(found[0])
        self.index += 1
        return self._inline(found[1], indent)

    def _sequence(self, indent: int) -> list[YamlValue]:
        items: list[YamlValue] = []
        while (found := self._next()) is not None and found[0] == indent and _is_item(found[1]):
            rest = found[1][1:].lstrip(" ")
            if not rest:
                self.index += 1
                items.append(self._nested(indent, allow_same_indent_sequence=False))
                continue
            # "- key: value" opens a mapping whose keys line up with "key".
            offset = indent + len(found[1]) - len(rest)
            self.lines[self.index] = " " * offset + rest
            items.append(self._block(offset))
        self._check_dedent(indent)
        return items

    def _mapping(self, indent: int) -> dict[YamlValue, YamlValue]:
        result: dict[YamlValue, YamlValue] = {}
        while (found := self._next()) is not None and found[0] == indent and not _is_item(found[1]):
            split = self._split_key(found[1])
            if split is None:
                raise self.error("expected 'key: value'")
            key_text, rest = split
            key = self._key(key_text)
            if key in result:
                raise self.error(f"duplicate key {key!r}")
            self.index += 1
            if not rest:
                result[key] = self._nested(indent, allow_same_indent_sequence=True)
            elif rest[0] in "|>":
                result[key] = self._block_scalar(rest, indent)
            else:
                result[key] = self._inline(rest, indent)
        self._check_dedent(indent)
        return result

    def _check_dedent(self, indent: int) -> None:
        found = self._next()
        if found is not None and found[0] > indent:
            raise self.error("unexpected indentation")

    def _nested(self, indent: int, *, allow_same_indent_sequence: bool) -> YamlValue:
        found = self._next()
        if found is None:
            return None
        if found[0] > indent or (allow_same_indent_sequence and found[0] == indent and _is_item(found[1])):
            return self._block(found[0])
        return None

    def _split_key(self, content: str) -> tuple[str, str] | None:
        if content[0] in "'\"":
            end = _quoted_end(content, 0)
            if end is None:
                return None
            after = content[end:]
            if after == ":" or after.startswith(": "):
                return content[:end], after[1:].strip()
            return None
        if content[0] in "[{":
            return None
        match = re.search(r":(\s|$)", content)
        if match is None:
            return None
        return content[: match.start()].rstrip(), content[match.end():].strip()

    def _key(self, text: str) -> YamlValue:
        value = self._flow_value(text)
        if isinstance(value, (list, dict)):
            raise self.error("a mapping key must be a scalar")
        return value

    def _block_scalar(self, header: str, indent: int) -> str:
        if not re.fullmatch(r"[|>][+-]?[1-9]?[+-]?", header):
            raise self.error(f"unsupported block scalar header {header!r}")
        collected: list[str] = []
        block_indent: int | None = None
        while self.index < len(self.lines):
            line = self.lines[self.index]
            stripped = line.lstrip(" ")
            if stripped:
                current = len(line) - len(stripped)
                if current <= indent:
                    break
                block_indent = current if block_indent is None else block_indent
                collected.append(line[min(block_indent, current):])
            else:
                collected.append("")
            self.index += 1
        while collected and not collected[-1]:
            collected.pop()
        joiner = "\n" if header[0] == "|" else " "
        return joiner.join(collected) + ("\n" if collected and "-" not in header else "")

    def _inline(self, text: str, indent: int) -> YamlValue:
        if text[0] in "[{":
            # A flow collection may go on over the next lines until its brackets close.
            while not _balanced(text):
                if self.index >= len(self.lines):
                    raise self.error("unclosed flow collection")
                text = text + " " + self._content(self.index).strip()
                self.index += 1
        following = self._next()
        if following is not None and following[0] > indent and text[0] not in "[{'\"":
            raise self.error("multi-line plain scalars are not supported")
        return self._flow_value(text)

    # --- flow values ---------------------------------------------------------------------------------------

    def _flow_value(self, text: str) -> YamlValue:
        value, end = self._flow(text, 0, top=True)
        if text[end:].strip():
            raise self.error(f"unexpected text {text[end:].strip()[:40]!r}")
        return value

    def _flow(self, text: str, position: int, *, top: bool = False) -> tuple[YamlValue, int]:
        position = _skip_spaces(text, position)
        if position >= len(text):
            return None, position
        char = text[position]
        if char in "&*!%@`":
            raise self.error("YAML anchors, aliases, tags and directives are not supported")
        if char == "[":
            return self._flow_list(text, position + 1)
        if char == "{":
            return self._flow_map(text, position + 1)
        if char in "'\"":
            end = _quoted_end(text, position)
            if end is None:
                raise self.error("unterminated quoted string")
            return self._unquote(text[position:end]), end
        stop = len(text) if top else _plain_end(text, position)
        return _plain(text[position:stop].strip()), stop

    def _flow_list(self, text: str, position: int) -> tuple[list[YamlValue], int]:
        items: list[YamlValue] = []
        while True:
            position = _skip_spaces(text, position)
            if position >= len(text):
                raise self.error("unclosed '['")
            if text[position] == "]":
                return items, position + 1
            value, position = self._flow(text, position)
            items.append(value)
            position = _skip_spaces(text, position)
            if position < len(text) and text[position] == ",":
                position += 1
            elif position >= len(text) or text[position] != "]":
                raise self.error("expected ',' or ']' in a flow list")

    def _flow_map(self, text: str, position: int) -> tuple[dict[YamlValue, YamlValue], int]:
        result: dict[YamlValue, YamlValue] = {}
        while True:
            position = _skip_spaces(text, position)
            if position >= len(text):
                raise self.error("unclosed '{'")
            if text[position] == "}":
                return result, position + 1
            key, position = self._flow(text, position)
            if isinstance(key, (list, dict)):
                raise self.error("a mapping key must be a scalar")
            position = _skip_spaces(text, position)
            value: YamlValue = None
            if position < len(text) and text[position] == ":":
                value, position = self._flow(text, position + 1)
            if key in result:
                raise self.error(f"duplicate key {key!r}")
            result[key] = value
            position = _skip_spaces(text, position)
            if position < len(text) and text[position] == ",":
                position += 1
            elif position >= len(text) or text[position] != "}":
                raise self.error("expected ',' or '}' in a flow mapping")

    def _unquote(self, quoted: str) -> str:
        body = quoted[1:-1]
        if quoted[0] == "'":
            return body.replace("''", "'")
        out: list[str] = []
        position = 0
        while position < len(body):
            char = body[position]
            if char != "\\":
                out.append(char)
                position += 1
                continue
            code = body[position + 1: position + 2]
            if code in _ESCAPES:
                out.append(_ESCAPES[code])
                position += 2
            elif code in _HEX_LENGTHS:
                digits = body[position + 2: position + 2 + _HEX_LENGTHS[code]]
                if len(digits) != _HEX_LENGTHS[code] or not re.fullmatch(r"[0-9A-Fa-f]+", digits):
                    raise self.error(f"bad escape in a quoted string: \\{code}{digits}")
                out.append(chr(int(digits, 16)))
                position += 2 + len(digits)
            else:
                raise self.error(f"unknown escape in a quoted string: \\{code}")
        return "".join(out)


def _is_item(content: str) -> bool:
    return content == "-" or content.startswith("- ")


def _skip_spaces(text: str, position: int) -> int:
    while position < len(text) and text[position] in " \t":
        position += 1
    return position


def _plain_end(text: str, position: int) -> int:
    """Where a plain scalar inside a flow collection ends (at ',', ']', '}' or ': ')."""
    while position < len(text):
        char = text[position]
        if char in ",]}":
            return position
        if char == ":" and (position + 1 == len(text) or text[position + 1] in " ,]}"):
            return position
        position += 1
    return position


def _quoted_end(text: str, start: int) -> int | None:
    """The index just past the quoted scalar starting at `start`, or None when it is not closed."""
    quote = text[start]
    position = start + 1
    while position < len(text):
        char = text[position]
        if quote == '"' and char == "\\":
            position += 2
            continue
        if char == quote:
            if quote == "'" and text[position + 1: position + 2] == "'":
                position += 2
                continue
            return position + 1
        position += 1
    return None


def _balanced(text: str) -> bool:
    depth = 0
    position = 0
    while position < len(text):
        char = text[position]
        if char in "'\"":
            end = _quoted_end(text, position)
            if end is None:
                return False
            position = end
            continue
        if char in "[{":
            depth += 1
        elif char in "]}":
            depth -= 1
        position += 1
    return depth <= 0


def load_yaml(text: str, file: str) -> YamlValue:
    """Parse one YAML document of the supported subset; errors name `file` and the line."""
    return _Parser(text, file).document()


# --- writing ---------------------------------------------------------------------------------------------------


def quote(text: str) -> str:
    """A YAML double-quoted scalar (JSON's string syntax is valid YAML)."""
    return orjson.dumps(text).decode()


def key(text: str) -> str:
    """A mapping key, plain where that reads back as the same string."""
    if _PLAIN_KEY.match(text) and isinstance(_plain(text), str):
        return text
    return quote(text)
