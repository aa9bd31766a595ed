"""Names inside exports: CVAT's item names for a project's frames, and unique names where a format needs them."""

from __future__ import annotations

from collections import defaultdict


def unique_name(stem: str, taken: set[str], extension: str = "") -> str:
    """`stem + extension`, or with `_1`, `_2`… after the stem when taken; recorded in `taken`."""
    name, count = stem + extension, 0
    while name in taken:
        count += 1
        name = f"{stem}_{count}{extension}"
    taken.add(name)
    return name


def split_extension(name: str) -> tuple[str, str]:
    """("a/b", ".jpg") for "a/b.jpg": the extension is what follows the last dot of the last path part."""
    dot = name.rfind(".")
    return (name[:dot], name[dot:]) if dot > name.rfind("/") else (name, "")


class ProjectItemNames:
    """The names CVAT gives a project's frames in its exports, so that two tasks of one subset holding
    `a.jpg` do not write the same item: the first `a.jpg` keeps its name, the k-th repeat of the stem in
    the subset (from any task, or the same task's `a.png`) becomes `a_k.jpg`, or `a_k_1.jpg`, `a_k_2.jpg`…
    when `a_k` is taken. CVAT counts every image of a task, deleted frames too, tasks in id order.

    CVAT only counts the original stems, so a later image really named `a_1.jpg` would collide with a
    renamed one; here every name given out is taken, which keeps names distinct and gives CVAT's name
    whenever CVAT's is distinct. Video frames (`frame_000012.PNG`, numbered on through the subset by the
    caller as CVAT does) pass through here as well, so an image that happens to share one is renamed.
    """

    def __init__(self) -> None:
        self._taken: dict[str, set[str]] = defaultdict(set)
        self._seen: dict[tuple[str, str], int] = defaultdict(int)

    def name(self, subset: str, name: str) -> str:
        """The export name of the next frame of `subset`, originally `name` (a path with its extension)."""
        stem, extension = split_extension(name)
        taken = self._taken[subset]
        repeats = self._seen[(subset, stem)]
        self._seen[(subset, stem)] = repeats + 1
        chosen = stem
        if chosen in taken:
            base = chosen = f"{stem}_{max(repeats, 1)}"
            suffix = 0
            while chosen in taken:
                suffix += 1
                chosen = f"{base}_{suffix}"
        taken.add(chosen)
        return chosen + extension
