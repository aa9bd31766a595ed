"""Names inside exports: CVAT's names for a project's frames (its `mangle_image_name` rule), unique names."""

from __future__ import annotations

import pytest

from contour.formats.names import ProjectItemNames, split_extension, unique_name


def names_of(*frames: tuple[str, str]) -> list[str]:
    """The names given to (subset, name) frames fed in order."""
    names = ProjectItemNames()
    return [names.name(subset, name) for subset, name in frames]


def test_the_first_name_is_kept_and_repeats_are_counted() -> None:
    assert names_of(("train", "a.jpg"), ("train", "a.jpg"), ("train", "a.jpg")) == ["a.jpg", "a_1.jpg", "a_2.jpg"]


def test_subsets_name_their_items_apart() -> None:
    assert names_of(("train", "a.jpg"), ("val", "a.jpg"), ("val", "a.jpg")) == ["a.jpg", "a.jpg", "a_1.jpg"]


def test_the_stem_is_what_repeats_whatever_the_extension() -> None:
    # Item ids have no extension: a.jpg and a.png would be one item.
    assert names_of(("s", "a.jpg"), ("s", "a.png")) == ["a.jpg", "a_1.png"]


def test_folders_are_part_of_the_name() -> None:
    assert names_of(("s", "x/a.jpg"), ("s", "y/a.jpg"), ("s", "x/a.jpg")) == ["x/a.jpg", "y/a.jpg", "x/a_1.jpg"]


def test_a_taken_repeat_name_gets_a_second_counter() -> None:
    # As in CVAT: the second a.jpg would be a_1, which an image already has, so it is a_1_1.
    assert names_of(("s", "a.jpg"), ("s", "a_1.jpg"), ("s", "a.jpg"), ("s", "a.jpg")) == [
        "a.jpg", "a_1.jpg", "a_1_1.jpg", "a_2.jpg"]


def test_names_stay_distinct_where_cvat_would_repeat_one() -> None:
    # CVAT only counts original names: it would give the third image a_1.jpg a second time.
    assert names_of(("s", "a.jpg"), ("s", "a.jpg"), ("s", "a_1.jpg")) == ["a.jpg", "a_1.jpg", "a_1_1.jpg"]


def test_video_frames_pass_through_and_move_an_image_out_of_their_way() -> None:
    assert names_of(("s", "frame_000000.PNG"), ("s", "frame_000001.PNG"), ("s", "frame_000000.jpg")) == [
        "frame_000000.PNG", "frame_000001.PNG", "frame_000000_1.jpg"]


@pytest.mark.parametrize(("name", "parts"), [
    ("a/b.jpg", ("a/b", ".jpg")), ("a.b/c", ("a.b/c", "")), ("c.tar.gz", ("c.tar", ".gz")), ("noext", ("noext", "")),
])
def test_split_extension(name: str, parts: tuple[str, str]) -> None:
    assert split_extension(name) == parts


def test_unique_name_counts_after_the_stem() -> None:
    taken: set[str] = set()
    assert [unique_name("a", taken, ".png") for _ in range(3)] == ["a.png", "a_1.png", "a_2.png"]
