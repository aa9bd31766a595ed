"""Tests of the name an export downloads under: plain characters, a .zip suffix, at most 255 bytes."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from contour.errors import ValidationError
from contour.resources.datasets.naming import (
    MAX_FILENAME_BYTES,
    attachment_header,
    check_export_filename,
    download_name,
    plain_zip_name,
)
from contour.resources.tasks.models import Task

NOW = datetime(2024, 5, 6, 7, 8, 9, tzinfo=UTC)


@pytest.mark.parametrize("filename", [None, "", "a" * 255, "é" * 127, "\U0001f600" * 63])
def test_a_filename_of_at_most_255_utf8_bytes_is_accepted(filename: str | None) -> None:
    check_export_filename(filename)


@pytest.mark.parametrize(("filename", "size"), [("a" * 256, 256), ("é" * 128, 256), ("\U0001f600" * 64, 256)])
def test_a_longer_filename_is_refused_naming_the_limit_in_bytes(filename: str, size: int) -> None:
    with pytest.raises(ValidationError) as caught:
        check_export_filename(filename)
    assert caught.value.fields == {"filename": [f"Ensure this file name has at most 255 bytes in UTF-8 (it has {size})."]}


def test_a_lone_surrogate_is_counted_not_a_server_error() -> None:
    with pytest.raises(ValidationError):
        check_export_filename("\ud800" * 86)


@pytest.mark.parametrize(
    ("name", "expected"),
    [("report.zip", "report.zip"), ("report", "report.zip"), ("Report.ZIP", "Report.ZIP"),
     ('a"b\r\nc', "a_b_c.zip"), ("x/y\\z", "x_y_z.zip"), ("données", "donn_es.zip"),
     ("", "export.zip"), ("...", "export.zip"), (" .hidden. ", "hidden.zip"), (".zip", "zip.zip")],
)  # fmt: skip
def test_a_name_is_made_plain_and_ends_in_zip(name: str, expected: str) -> None:
    assert plain_zip_name(name) == expected


@pytest.mark.parametrize("name", ["a" * 5000, "a" * 5000 + ".zip", "é" * 300, "a" * 250 + " " * 10 + "b"])
def test_a_plain_name_is_at_most_255_bytes(name: str) -> None:
    plain = plain_zip_name(name)
    assert len(plain.encode()) <= MAX_FILENAME_BYTES and plain.endswith(".zip")
    assert plain_zip_name(plain) == plain


def test_the_header_names_a_plain_bounded_file_whatever_was_stored() -> None:
    header = attachment_header('x"\r\n' * 2000)
    assert header == f'attachment; filename="{"x_" * 125}x.zip"'


def test_a_given_filename_drops_its_folders() -> None:
    assert download_name("task", Task(name="t"), {"filename": "/home/me/out/data.zip", "format": "COCO 1.0"}) == "data.zip"


def test_cvats_name_stays_bounded_for_a_long_task_name() -> None:
    name = download_name("task", Task(name="N" * 1000), {"format": "COCO 1.0", "save_images": True}, NOW)
    assert name == f"task_{'n' * 235}.zip"
    assert download_name("task", Task(name="Cars"), {"format": "COCO 1.0"}, NOW) == (
        "task_cars_annotations_2024_05_06_07_08_09_coco 1.0.zip"
    )
