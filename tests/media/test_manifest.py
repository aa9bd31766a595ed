"""Media manifests: written as CVAT writes them, read back with validation, matched against uploads."""

from __future__ import annotations

import hashlib
import json
import sys
import types
from pathlib import Path

import numpy as np
import pytest
import typer
from PIL import Image
from typer.testing import CliRunner

from contour.errors import ValidationError
from contour.media.manifest import (
    ImageEntry,
    ImagesManifest,
    KeyFrame,
    VideoManifest,
    check_manifest_matches,
    read_manifest,
    write_images_manifest,
    write_video_manifest,
)
from contour.media.manifest_cli import manifest_app


def _image(path: Path, size: tuple[int, int] = (40, 20), orientation: int = 1) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    exif = Image.Exif()
    if orientation != 1:
        exif[0x0112] = orientation
    Image.effect_noise(size, 30).convert("RGB").save(path, exif=exif)
    return path


def _lines(path: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in path.read_text().splitlines()]


def _write_lines(path: Path, *lines: object) -> Path:
    path.write_text("".join((line if isinstance(line, str) else json.dumps(line)) + "\n" for line in lines))
    return path


def _md5_pixels(path: Path) -> str:
    with Image.open(path) as im:
        return hashlib.md5(im.tobytes()).hexdigest()


def _video(path: Path, frames: int = 12, gop: int = 5) -> Path:
    import av

    with av.open(str(path), "w") as container:
        stream = container.add_stream("mpeg4", rate=10)
        stream.width, stream.height, stream.pix_fmt = 32, 24, "yuv420p"
        stream.codec_context.gop_size = gop
        for i in range(frames):
            array = np.full((24, 32, 3), i * 20, dtype=np.uint8)
            for packet in stream.encode(av.VideoFrame.from_ndarray(array, format="rgb24")):
                container.mux(packet)
        for packet in stream.encode():
            container.mux(packet)
    return path


@pytest.fixture
def images(tmp_path: Path) -> Path:
    root = tmp_path / "data"
    _image(root / "a.jpg", (40, 20))
    _image(root / "sub" / "b.png", (16, 8))
    _image(root / "rotated.jpg", (40, 20), orientation=6)
    return root


# --- writing images manifests ---------------------------------------------------------------


def test_images_manifest_has_version_type_and_one_line_per_image(images: Path, tmp_path: Path) -> None:
    output = tmp_path / "manifest.jsonl"
    assert write_images_manifest(images, ["a.jpg", "sub/b.png"], output, checksums=False) == 2
    assert _lines(output) == [
        {"version": "1.1"},
        {"type": "images"},
        {"name": "a", "extension": ".jpg", "width": 40, "height": 20},
        {"name": "sub/b", "extension": ".png", "width": 16, "height": 8},
    ]


def test_images_manifest_reports_upright_sizes(images: Path, tmp_path: Path) -> None:
    output = tmp_path / "manifest.jsonl"
    write_images_manifest(images, ["rotated.jpg"], output, checksums=False)
    assert _lines(output)[2] == {"name": "rotated", "extension": ".jpg", "width": 20, "height": 40}


def test_images_manifest_checksum_is_the_md5_of_decoded_pixels(images: Path, tmp_path: Path) -> None:
    output = tmp_path / "manifest.jsonl"
    write_images_manifest(images, ["a.jpg"], output, checksums=True)
    assert _lines(output)[2]["checksum"] == _md5_pixels(images / "a.jpg")


def test_images_manifest_lists_related_images_in_meta(images: Path, tmp_path: Path) -> None:
    output = tmp_path / "manifest.jsonl"
    related = {"a.jpg": ["related_images/a_jpg/ctx.png"]}
    write_images_manifest(images, ["a.jpg", "sub/b.png"], output, checksums=False, related=related)
    lines = _lines(output)
    assert lines[2]["meta"] == {"related_images": ["related_images/a_jpg/ctx.png"]} and "meta" not in lines[3]


def test_images_manifest_describes_point_clouds_by_their_header(tmp_path: Path) -> None:
    cloud = tmp_path / "0001.pcd"
    header = "FIELDS x y z\nSIZE 4 4 4\nTYPE F F F\nWIDTH 2\nHEIGHT 1\nPOINTS 2\nDATA binary\n"
    cloud.write_bytes(header.encode() + bytes(24))
    write_images_manifest(tmp_path, ["0001.pcd"], tmp_path / "manifest.jsonl", checksums=True)
    line = _lines(tmp_path / "manifest.jsonl")[2]
    assert line == {
        "name": "0001",
        "extension": ".pcd",
        "width": 2,
        "height": 1,
        "checksum": hashlib.md5(cloud.read_bytes()).hexdigest(),
    }


def test_writing_a_manifest_for_an_unreadable_image_fails_without_leaving_a_file(tmp_path: Path) -> None:
    (tmp_path / "bad.jpg").write_text("not an image")
    with pytest.raises(ValidationError, match=r"bad\.jpg"):
        write_images_manifest(tmp_path, ["bad.jpg"], tmp_path / "manifest.jsonl", checksums=False)
    assert not (tmp_path / "manifest.jsonl").exists()


# --- reading --------------------------------------------------------------------------------


def test_images_manifest_reads_back_what_was_written(images: Path, tmp_path: Path) -> None:
    output = tmp_path / "manifest.jsonl"
    related = {"sub/b.png": ["sub/related_images/b_png/c.jpg"]}
    write_images_manifest(images, ["sub/b.png", "a.jpg"], output, checksums=True, related=related)
    manifest = read_manifest(output)
    assert manifest == ImagesManifest(
        version="1.1",
        entries=(
            ImageEntry("sub/b", ".png", 16, 8, _md5_pixels(images / "sub/b.png"), ("sub/related_images/b_png/c.jpg",)),
            ImageEntry("a", ".jpg", 40, 20, _md5_pixels(images / "a.jpg")),
        ),
    )


def test_images_manifest_gives_sizes_by_path(images: Path, tmp_path: Path) -> None:
    write_images_manifest(images, ["a.jpg", "rotated.jpg"], tmp_path / "m.jsonl", checksums=False)
    manifest = read_manifest(tmp_path / "m.jsonl")
    assert isinstance(manifest, ImagesManifest)
    assert manifest.sizes() == {"a.jpg": (40, 20), "rotated.jpg": (20, 40)}


def test_manifest_version_1_0_is_accepted(tmp_path: Path) -> None:
    path = _write_lines(tmp_path / "m.jsonl", {"version": "1.0"}, {"type": "images"})
    assert read_manifest(path) == ImagesManifest(version="1.0", entries=())


def test_unknown_manifest_version_is_rejected_naming_the_line(tmp_path: Path) -> None:
    path = _write_lines(tmp_path / "m.jsonl", {"version": "9.9"}, {"type": "images"})
    with pytest.raises(ValidationError, match=r"m\.jsonl: line 1: expected a version line"):
        read_manifest(path)


def test_malformed_json_is_rejected_naming_the_line(tmp_path: Path) -> None:
    path = _write_lines(tmp_path / "m.jsonl", {"version": "1.1"}, {"type": "images"}, "{oops")
    with pytest.raises(ValidationError, match="line 3: not JSON"):
        read_manifest(path)


def test_image_line_without_a_width_is_rejected(tmp_path: Path) -> None:
    path = _write_lines(
        tmp_path / "m.jsonl", {"version": "1.1"}, {"type": "images"}, {"name": "a", "extension": ".jpg", "height": 3}
    )
    with pytest.raises(ValidationError, match="line 3: 'width' must be a positive integer"):
        read_manifest(path)


def test_image_listed_twice_is_rejected(tmp_path: Path) -> None:
    entry = {"name": "a", "extension": ".jpg", "width": 2, "height": 3}
    path = _write_lines(tmp_path / "m.jsonl", {"version": "1.1"}, {"type": "images"}, entry, entry)
    with pytest.raises(ValidationError, match=r"line 4: a\.jpg is listed twice"):
        read_manifest(path)


def test_unknown_manifest_type_is_rejected(tmp_path: Path) -> None:
    path = _write_lines(tmp_path / "m.jsonl", {"version": "1.1"}, {"type": "audio"})
    with pytest.raises(ValidationError, match="line 2"):
        read_manifest(path)


def test_video_manifest_is_read_with_its_key_frames(tmp_path: Path) -> None:
    path = _write_lines(
        tmp_path / "m.jsonl",
        {"version": "1.1"},
        {"type": "video"},
        {"properties": {"name": "video.mp4", "resolution": [640, 480], "length": 100}},
        {"number": 0, "pts": 0, "checksum": "0" * 32},
        {"number": 50, "pts": 25600, "checksum": "1" * 32},
    )
    assert read_manifest(path) == VideoManifest(
        "1.1", "video.mp4", 640, 480, 100, (KeyFrame(0, 0, "0" * 32), KeyFrame(50, 25600, "1" * 32))
    )


def test_video_manifest_with_a_bad_resolution_is_rejected(tmp_path: Path) -> None:
    path = _write_lines(
        tmp_path / "m.jsonl",
        {"version": "1.1"},
        {"type": "video"},
        {"properties": {"name": "v.mp4", "resolution": [640], "length": 10}},
    )
    with pytest.raises(ValidationError, match="line 3: 'resolution'"):
        read_manifest(path)


# --- matching uploads -----------------------------------------------------------------------


def _manifest(*paths: str) -> ImagesManifest:
    return ImagesManifest("1.1", tuple(ImageEntry(p.rsplit(".", 1)[0], "." + p.rsplit(".", 1)[1], 4, 2) for p in paths))


def test_matching_uploads_are_returned_in_the_manifests_order() -> None:
    assert check_manifest_matches(_manifest("b.jpg", "a.jpg"), ["a.jpg", "b.jpg"]) == ["b.jpg", "a.jpg"]


def test_uploads_missing_from_the_manifest_are_listed() -> None:
    with pytest.raises(ValidationError, match=r"missing from the manifest: c\.jpg"):
        check_manifest_matches(_manifest("a.jpg"), ["a.jpg", "c.jpg"])


def test_manifest_entries_that_were_not_uploaded_are_listed() -> None:
    with pytest.raises(ValidationError, match=r"in the manifest but not uploaded: b\.jpg"):
        check_manifest_matches(_manifest("a.jpg", "b.jpg"), ["a.jpg"])


def test_names_are_compared_with_their_extension() -> None:
    with pytest.raises(ValidationError, match=r"missing from the manifest: a\.png"):
        check_manifest_matches(_manifest("a.jpg"), ["a.png"])


def test_verification_accepts_true_sizes(images: Path, tmp_path: Path) -> None:
    output = tmp_path / "manifest.jsonl"
    write_images_manifest(images, ["a.jpg", "rotated.jpg"], output, checksums=False)
    manifest = read_manifest(output)
    assert isinstance(manifest, ImagesManifest)
    assert check_manifest_matches(manifest, ["rotated.jpg", "a.jpg"], verify_root=images) == ["a.jpg", "rotated.jpg"]


def test_verification_catches_a_wrong_size(images: Path) -> None:
    manifest = ImagesManifest("1.1", (ImageEntry("a", ".jpg", 41, 20),))
    with pytest.raises(ValidationError, match=r"a\.jpg: the manifest says 41x20, the file is 40x20"):
        check_manifest_matches(manifest, ["a.jpg"], verify_root=images)


# --- video manifests ------------------------------------------------------------------------


def test_video_manifest_is_written_from_the_video_probe(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    info = types.SimpleNamespace(width=64, height=48, frame_count=30, keyframes=[(0, 0), (12, 6144)])
    fake = types.ModuleType("contour.media.video")
    fake.probe_video = lambda path: info  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "contour.media.video", fake)
    output = tmp_path / "manifest.jsonl"
    manifest = write_video_manifest(tmp_path / "clip.mp4", output, checksums=False)
    assert _lines(output) == [
        {"version": "1.1"},
        {"type": "video"},
        {"properties": {"name": "clip.mp4", "resolution": [64, 48], "length": 30}},
        {"number": 0, "pts": 0},
        {"number": 12, "pts": 6144},
    ]
    assert read_manifest(output) == manifest


def test_video_manifest_of_a_real_video_has_checksummed_key_frames(tmp_path: Path) -> None:
    pytest.importorskip("contour.media.video")
    video = _video(tmp_path / "clip.mp4", frames=12, gop=5)
    output = tmp_path / "manifest.jsonl"
    written = write_video_manifest(video, output, checksums=True)
    manifest = read_manifest(output)
    assert manifest == written
    assert isinstance(manifest, VideoManifest)
    assert (manifest.name, manifest.width, manifest.height, manifest.length) == ("clip.mp4", 32, 24, 12)
    assert manifest.keyframes[0].number == 0 and len(manifest.keyframes) >= 2
    assert all(key.checksum and len(key.checksum) == 32 for key in manifest.keyframes)


# --- `contour manifest create` --------------------------------------------------------------


def _cli() -> typer.Typer:
    app = typer.Typer()
    app.add_typer(manifest_app, name="manifest")  # mounted as contour/cli.py mounts it
    return app


def _create(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(_cli(), ["manifest", "create", *args])
    return result.exit_code, result.output


def test_cli_writes_a_manifest_for_a_folder(images: Path, tmp_path: Path) -> None:
    code, output = _create("--output-dir", str(tmp_path / "out"), str(images))
    assert code == 0 and "3 images" in output
    manifest = read_manifest(tmp_path / "out" / "manifest.jsonl")
    assert isinstance(manifest, ImagesManifest)
    assert [entry.path for entry in manifest.entries] == ["a.jpg", "rotated.jpg", "sub/b.png"]
    assert all(entry.checksum for entry in manifest.entries)


def test_cli_writes_into_the_current_folder_by_default(
    images: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert _create(str(images / "a.jpg"))[0] == 0
    assert (tmp_path / "manifest.jsonl").exists()


def test_cli_refuses_to_overwrite_a_manifest_without_force(images: Path, tmp_path: Path) -> None:
    (tmp_path / "manifest.jsonl").write_text("keep me")
    code, output = _create("--output-dir", str(tmp_path), str(images))
    assert code == 1 and "--force" in output
    assert (tmp_path / "manifest.jsonl").read_text() == "keep me"


def test_cli_overwrites_a_manifest_with_force(images: Path, tmp_path: Path) -> None:
    (tmp_path / "manifest.jsonl").write_text("old")
    assert _create("--force", "--output-dir", str(tmp_path), str(images))[0] == 0
    assert isinstance(read_manifest(tmp_path / "manifest.jsonl"), ImagesManifest)


def test_cli_expands_glob_patterns_itself(images: Path, tmp_path: Path) -> None:
    code, output = _create("--output-dir", str(tmp_path), str(images / "*.jpg"))
    assert code == 0 and "2 images" in output
    manifest = read_manifest(tmp_path / "manifest.jsonl")
    assert isinstance(manifest, ImagesManifest)
    assert [entry.path for entry in manifest.entries] == ["a.jpg", "rotated.jpg"]


def test_cli_paths_are_relative_to_the_sources_common_folder(images: Path, tmp_path: Path) -> None:
    assert _create("--output-dir", str(tmp_path), str(images / "a.jpg"), str(images / "sub" / "b.png"))[0] == 0
    manifest = read_manifest(tmp_path / "manifest.jsonl")
    assert isinstance(manifest, ImagesManifest)
    assert [entry.path for entry in manifest.entries] == ["a.jpg", "sub/b.png"]


def test_cli_attaches_context_images_instead_of_listing_them(images: Path, tmp_path: Path) -> None:
    _image(images / "related_images" / "a_jpg" / "ctx.png")
    assert _create("--output-dir", str(tmp_path), str(images))[0] == 0
    manifest = read_manifest(tmp_path / "manifest.jsonl")
    assert isinstance(manifest, ImagesManifest)
    assert [(entry.path, entry.related_images) for entry in manifest.entries] == [
        ("a.jpg", ("related_images/a_jpg/ctx.png",)),
        ("rotated.jpg", ()),
        ("sub/b.png", ()),
    ]


def test_cli_rejects_a_video_mixed_with_images(images: Path, tmp_path: Path) -> None:
    (images / "clip.mp4").write_bytes(b"")
    code, output = _create("--output-dir", str(tmp_path), str(images))
    assert code == 1 and "do not mix" in output
    assert not (tmp_path / "manifest.jsonl").exists()


def test_cli_rejects_several_videos(tmp_path: Path) -> None:
    for name in ("a.mp4", "b.mp4"):
        (tmp_path / name).write_bytes(b"")
    code, output = _create("--output-dir", str(tmp_path / "out"), str(tmp_path / "a.mp4"), str(tmp_path / "b.mp4"))
    assert code == 1 and "one video" in output


def test_cli_rejects_a_file_that_is_not_media(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("hi")
    code, output = _create("--output-dir", str(tmp_path), str(tmp_path / "notes.txt"))
    assert code == 1 and "notes.txt: not an image" in output


def test_cli_rejects_a_pattern_that_matches_nothing(tmp_path: Path) -> None:
    code, output = _create("--output-dir", str(tmp_path), str(tmp_path / "*.jpg"))
    assert code == 1 and "matches no files" in output


def test_cli_writes_a_video_manifest(tmp_path: Path) -> None:
    pytest.importorskip("contour.media.video")
    video = _video(tmp_path / "clip.mp4")
    code, output = _create("--output-dir", str(tmp_path / "out"), str(video))
    assert code == 0 and "12 frames" in output
    assert isinstance(read_manifest(tmp_path / "out" / "manifest.jsonl"), VideoManifest)
