"""The last line of defence: server paths are cut out of messages, the user's own names are kept."""

from __future__ import annotations

import os

from contour.config import get_settings
from contour.resources.common.server_paths import HIDDEN, hide_server_paths, hide_server_paths_in


def _data_dir() -> str:
    return os.path.abspath(get_settings().data_dir)


def _share_dir() -> str:
    return os.path.abspath(get_settings().resolved_share_dir)


def test_a_path_in_the_data_directory_becomes_the_placeholder_and_the_file_name() -> None:
    text = f"cannot identify image file '{_data_dir()}/tasks/5/raw/x.jpg'"
    assert hide_server_paths(text) == f"cannot identify image file '{HIDDEN}/x.jpg'"


def test_the_data_directory_itself_becomes_the_placeholder() -> None:
    assert hide_server_paths(f"{_data_dir()} is full") == f"{HIDDEN} is full"


def test_a_path_on_the_share_keeps_the_users_name_for_the_file() -> None:
    assert hide_server_paths(f"cannot read {_share_dir()}/set1/x.jpg.") == "cannot read set1/x.jpg."


def test_a_path_spelled_with_links_resolved_is_hidden_too() -> None:
    resolved = os.path.realpath(get_settings().data_dir)
    assert resolved not in hide_server_paths(f"({resolved}/imports/abc/dataset/a.png)")


def test_a_path_in_the_temporary_directory_is_hidden() -> None:
    assert hide_server_paths("no such file: '/tmp/tmpab12/x.png'") == f"no such file: '{HIDDEN}/x.png'"


def test_every_path_of_a_message_is_hidden() -> None:
    text = f"{_data_dir()}/a/one.jpg and {_data_dir()}/b/two.jpg"
    assert hide_server_paths(text) == f"{HIDDEN}/one.jpg and {HIDDEN}/two.jpg"


def test_user_words_that_only_look_like_paths_are_left_alone() -> None:
    for text in (
        "http://example.com/tmp/x.jpg: not a readable image",
        "obj.data lists no subset (e.g. 'train = data/train.txt')",
        "/tmpfiles/x.jpg",
        "photos/tmp/x.jpg: not a readable image",
        "x.jpg: not a readable image",
    ):
        assert hide_server_paths(text) == text


def test_error_bodies_are_cleaned_field_by_field() -> None:
    body = {"non_field_errors": [f"bad {_data_dir()}/tasks/1/raw/a.jpg"], "code": "invalid", "count": 2}
    assert hide_server_paths_in(body) == {"non_field_errors": [f"bad {HIDDEN}/a.jpg"], "code": "invalid", "count": 2}
