"""Frames over `compressed_max_pixels`: compressed chunks and frames are halved until they fit, while the
meta keeps the frame's size (annotations stay in full-resolution coordinates) and originals keep every byte."""

from __future__ import annotations

import io
import zipfile

import pytest
from PIL import Image

from contour.config import get_settings
from tests.api.data_helpers import task_with_files
from tests.factories import Factory


def _large_jpeg() -> bytes:
    im = Image.new("RGB", (2000, 1000), (220, 20, 20))
    im.paste((20, 20, 220), (1000, 0, 2000, 1000))
    buffer = io.BytesIO()
    im.save(buffer, "JPEG", quality=90)
    return buffer.getvalue()


@pytest.mark.parametrize("use_cache", [False, True], ids=["chunks built at creation", "chunks built on request"])
def test_a_frame_over_the_limit_is_compressed_reduced_and_kept_whole_as_original(
    factory: Factory, worker: None, monkeypatch: pytest.MonkeyPatch, use_cache: bool
) -> None:
    monkeypatch.setattr(get_settings(), "compressed_max_pixels", 500_000)
    user = factory.user()
    large = _large_jpeg()
    task = task_with_files(factory, user, {"large.jpg": large, "small.jpg": _small_jpeg()}, use_cache=use_cache,
                           sorting_method="lexicographical")
    base = f"/api/tasks/{task['id']}/data"
    frames = user.get(f"{base}/meta").json()["frames"]
    assert [(f["name"], f["width"], f["height"]) for f in frames] == [("large.jpg", 2000, 1000), ("small.jpg", 64, 48)]

    chunk = zipfile.ZipFile(io.BytesIO(user.get(base, params={"type": "chunk", "number": 0}).content))
    sizes = [Image.open(io.BytesIO(chunk.read(name))).size for name in chunk.namelist()]
    assert sizes == [(1000, 500), (64, 48)]
    with Image.open(io.BytesIO(chunk.read(chunk.namelist()[0]))) as compressed:
        pixels = compressed.convert("RGB").load()
        (red, _, blue), (red2, _, blue2) = pixels[250, 250], pixels[750, 250]
    assert red > 180 > blue and blue2 > 180 > red2  # red left half, blue right half

    frame = user.get(base, params={"type": "frame", "number": 0, "quality": "compressed"})
    assert Image.open(io.BytesIO(frame.content)).size == (1000, 500)
    original = zipfile.ZipFile(io.BytesIO(user.get(base, params={"type": "chunk", "number": 0,
                                                                 "quality": "original"}).content))
    assert original.read(original.namelist()[0]) == large
    assert user.get(base, params={"type": "frame", "number": 0, "quality": "original"}).content == large


def _small_jpeg() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), (0, 128, 0)).save(buffer, "JPEG")
    return buffer.getvalue()
