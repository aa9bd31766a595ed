"""Names inside exports: keeping item and image names unique when a project's tasks share them."""

from __future__ import annotations


def unique_name(stem: str, taken: set[str], extension: str = "") -> str:
    """`stem + extension`, or with `_1`, `_2`… after the stem when taken (as CVAT does); recorded in `taken`."""
    name, count = stem + extension, 0
    while name in taken:
        count += 1
        name = f"{stem}_{count}{extension}"
    taken.add(name)
    return name
