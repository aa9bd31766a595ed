"""The length limit of stored file names, checked wherever a name chosen by a user becomes a file.

File systems count a name's bytes, not its characters: ext4, XFS, btrfs and ZFS hold at most 255
bytes per path component, so 255 `é` (510 bytes in UTF-8) do not fit although APFS and NTFS, which
count characters, hold them on the user's machine. Writing such a name fails with ENAMETOOLONG deep
inside the server; checking it where the name arrives turns that into a message the user can act on.
"""

from __future__ import annotations

MAX_NAME_BYTES = 255
# How much of an over-long name a message repeats: enough to recognise it, not a wall of text.
_SHOWN_CHARACTERS = 60


def name_bytes(component: str) -> int:
    """The length of one path component as the file system counts it (UTF-8 bytes)."""
    return len(component.encode("utf-8", "surrogateescape"))


def is_too_long(component: str) -> bool:
    return name_bytes(component) > MAX_NAME_BYTES


def shown_name(name: str) -> str:
    """`name` shortened for a message when it is long."""
    return name if len(name) <= _SHOWN_CHARACTERS else name[: _SHOWN_CHARACTERS - 1] + "…"


def too_long_reason(component: str) -> str:
    """Why `component` cannot be stored, in the user's terms (the caller names the file)."""
    return f"is {name_bytes(component)} bytes long in UTF-8; file names may be at most {MAX_NAME_BYTES} bytes"
