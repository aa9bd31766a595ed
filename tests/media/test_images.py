"""Still images: probing, decode checks, compressed and original chunk entries, previews, frame sorting."""

from __future__ import annotations

import hashlib
import io
import struct
import subprocess
import sys
import zlib
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from contour.errors import ValidationError
from contour.media.images import (
    ImageInfo,
    check_decodable,
    compress_to_jpeg,
    compressed_size,
    is_image,
    make_preview,
    natural_key,
    original_bytes,
    pixels_md5,
    probe_image,
    sort_names,
)

RED, BLUE = (255, 0, 0), (0, 0, 255)


def _left_red_right_blue(width: int = 40, height: int = 20) -> Image.Image:
    im = Image.new("RGB", (width, height), BLUE)
    im.paste(RED, (0, 0, width // 2, height))
    return im


def _rotated_jpeg(tmp_path: Path, orientation: int = 6) -> Path:
    """A 40x20 picture (red left, blue right) whose EXIF says: turn me 90 degrees clockwise."""
    exif = Image.Exif()
    exif[0x0112] = orientation
    path = tmp_path / "rotated.jpg"
    _left_red_right_blue().save(path, exif=exif, quality=95)
    return path


def _png_with_header(tmp_path: Path, width: int, height: int) -> Path:
    """A PNG that claims a huge size: only the header is real, as in a decompression bomb."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    path = tmp_path / "bomb.png"
    path.write_bytes(
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"\0" * 64)) + chunk(b"IEND", b"")
    )
    return path


def _decode(data: bytes) -> Image.Image:
    im = Image.open(io.BytesIO(data))
    im.load()
    return im


def _color_at(im: Image.Image, xy: tuple[int, int]) -> tuple[int, int, int]:
    r, g, b = im.convert("RGB").getpixel(xy)  # type: ignore[misc]
    return r, g, b


def _is_red(color: tuple[int, int, int]) -> bool:
    return color[0] > 200 and color[2] < 60


def _is_blue(color: tuple[int, int, int]) -> bool:
    return color[2] > 200 and color[0] < 60


# --- recognising and probing -------------------------------------------------------------


def test_images_are_recognised_by_extension_ignoring_case() -> None:
    assert is_image("dir/A.JPG") and is_image("b.tiff") and is_image("c.WebP")
    assert not is_image("cloud.pcd") and not is_image("notes.txt") and not is_image("video.mp4")


def test_probe_reports_size_format_and_no_rotation_for_a_plain_png(tmp_path: Path) -> None:
    path = tmp_path / "a.png"
    Image.new("RGB", (64, 48)).save(path)
    assert probe_image(path) == ImageInfo(width=64, height=48, orientation=1, format="PNG")


def test_probe_swaps_width_and_height_for_exif_orientation_6(tmp_path: Path) -> None:
    info = probe_image(_rotated_jpeg(tmp_path))
    assert (info.width, info.height, info.orientation, info.format) == (20, 40, 6, "JPEG")


def test_probe_keeps_width_and_height_for_exif_orientation_3(tmp_path: Path) -> None:
    info = probe_image(_rotated_jpeg(tmp_path, orientation=3))
    assert (info.width, info.height, info.orientation) == (40, 20, 3)


@pytest.mark.parametrize(("fmt", "suffix"), [("TIFF", ".tif"), ("WEBP", ".webp"), ("GIF", ".gif"), ("BMP", ".bmp")])
def test_probe_reads_common_formats(tmp_path: Path, fmt: str, suffix: str) -> None:
    path = tmp_path / f"a{suffix}"
    Image.new("RGB", (30, 10), RED).save(path, fmt)
    assert probe_image(path) == ImageInfo(width=30, height=10, orientation=1, format=fmt)


def test_probe_reads_only_the_header_so_a_truncated_jpeg_still_probes(tmp_path: Path) -> None:
    whole = tmp_path / "whole.jpg"
    Image.effect_noise((200, 100), 50).convert("RGB").save(whole)
    truncated = tmp_path / "truncated.jpg"
    truncated.write_bytes(whole.read_bytes()[: whole.stat().st_size // 2])
    assert (probe_image(truncated).width, probe_image(truncated).height) == (200, 100)


def test_probe_rejects_a_file_that_is_not_an_image(tmp_path: Path) -> None:
    path = tmp_path / "fake.jpg"
    path.write_text("hello")
    with pytest.raises(ValidationError, match=r"fake\.jpg: not a readable image"):
        probe_image(path)


def test_probe_refuses_a_decompression_bomb(tmp_path: Path) -> None:
    with pytest.raises(ValidationError, match=r"bomb\.png: image too large"):
        probe_image(_png_with_header(tmp_path, 40_000, 40_000))


def test_probe_refuses_an_image_just_over_the_pixel_limit(tmp_path: Path) -> None:
    # 500 MP: over the limit but under twice it, where Pillow only warns
    with pytest.raises(ValidationError, match="image too large"):
        probe_image(_png_with_header(tmp_path, 25_000, 20_000))


def test_no_decompression_bomb_warning_escapes_outside_the_test_runner(tmp_path: Path) -> None:
    bomb = _png_with_header(tmp_path, 25_000, 20_000)
    script = (
        "import sys; from pathlib import Path\n"
        "from contour.errors import ValidationError\n"
        "from contour.media.images import probe_image\n"
        "try:\n    probe_image(Path(sys.argv[1]))\nexcept ValidationError as e:\n    print('refused:', e)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script, str(bomb)], capture_output=True, text=True, check=True, cwd=Path.cwd()
    )
    assert result.stdout.startswith("refused:") and "Warning" not in result.stderr


# --- decoding -------------------------------------------------------------------------------


def test_a_truncated_jpeg_is_not_decodable(tmp_path: Path) -> None:
    whole = tmp_path / "whole.jpg"
    Image.effect_noise((200, 100), 50).convert("RGB").save(whole)
    truncated = tmp_path / "broken.jpg"
    truncated.write_bytes(whole.read_bytes()[: whole.stat().st_size // 2])
    with pytest.raises(ValidationError, match=r"broken\.jpg: not a readable image \(.*truncated"):
        check_decodable(truncated)


def test_a_whole_image_is_decodable(tmp_path: Path) -> None:
    path = tmp_path / "ok.png"
    Image.new("RGB", (8, 8)).save(path)
    check_decodable(path)


def test_compressing_a_truncated_jpeg_raises_a_validation_error(tmp_path: Path) -> None:
    whole = tmp_path / "whole.jpg"
    Image.effect_noise((200, 100), 50).convert("RGB").save(whole)
    truncated = tmp_path / "broken.jpg"
    truncated.write_bytes(whole.read_bytes()[:600])
    with pytest.raises(ValidationError, match=r"broken\.jpg"):
        compress_to_jpeg(truncated, 70)


def test_pixels_md5_is_the_md5_of_the_decoded_pixels(tmp_path: Path) -> None:
    path = tmp_path / "a.png"
    Image.effect_noise((16, 16), 40).save(path)
    with Image.open(path) as im:
        assert pixels_md5(path) == hashlib.md5(im.tobytes()).hexdigest()


# --- compressed chunk entries ---------------------------------------------------------------


def test_compressed_frame_is_an_rgb_jpeg_of_the_same_size(tmp_path: Path) -> None:
    path = tmp_path / "a.png"
    Image.new("RGB", (64, 48), RED).save(path)
    out = _decode(compress_to_jpeg(path, 70))
    assert (out.format, out.mode, out.size) == ("JPEG", "RGB", (64, 48))


def test_compressed_frame_is_turned_upright_by_its_exif_orientation(tmp_path: Path) -> None:
    out = _decode(compress_to_jpeg(_rotated_jpeg(tmp_path), 90))
    assert out.size == (20, 40)
    assert _is_red(_color_at(out, (10, 5))) and _is_blue(_color_at(out, (10, 34)))


def test_compressed_frame_quality_changes_its_size(tmp_path: Path) -> None:
    path = tmp_path / "noise.png"
    Image.effect_noise((128, 128), 60).convert("RGB").save(path)
    assert len(compress_to_jpeg(path, 20)) < len(compress_to_jpeg(path, 95))


def test_sixteen_bit_png_is_scaled_to_eight_bits_not_clipped(tmp_path: Path) -> None:
    path = tmp_path / "deep.png"
    Image.fromarray(np.full((16, 16), 0x8000, dtype=np.uint16)).save(path)
    with Image.open(path) as im:
        assert im.mode == "I;16"
    gray = _color_at(_decode(compress_to_jpeg(path, 95)), (8, 8))
    assert all(abs(channel - 128) <= 2 for channel in gray)


def test_sixteen_bit_tiff_is_scaled_to_eight_bits(tmp_path: Path) -> None:
    path = tmp_path / "deep.tif"
    Image.fromarray(np.full((16, 16), 0xFFFF, dtype=np.uint16)).save(path)
    assert all(channel >= 253 for channel in _color_at(_decode(compress_to_jpeg(path, 95)), (8, 8)))


def test_rgba_png_loses_its_alpha_channel(tmp_path: Path) -> None:
    path = tmp_path / "alpha.png"
    Image.new("RGBA", (16, 16), (0, 0, 255, 0)).save(path)
    out = _decode(compress_to_jpeg(path, 95))
    assert out.mode == "RGB" and _is_blue(_color_at(out, (8, 8)))


def test_palette_gif_with_transparency_compresses_without_warnings(tmp_path: Path) -> None:
    path = tmp_path / "palette.gif"
    im = _left_red_right_blue().convert("P", palette=Image.Palette.ADAPTIVE, colors=4)
    im.save(path, transparency=0)
    out = _decode(compress_to_jpeg(path, 95))
    assert out.mode == "RGB" and out.size == (40, 20)


def test_palette_png_with_per_entry_alpha_compresses_without_warnings(tmp_path: Path) -> None:
    path = tmp_path / "palette.png"
    im = Image.new("P", (8, 8), 1)
    im.putpalette([0, 0, 0, 255, 0, 0] + [0, 0, 0] * 254)
    im.save(path, transparency=bytes([0, 128]))
    assert _is_red(_color_at(_decode(compress_to_jpeg(path, 95)), (4, 4)))


@pytest.mark.parametrize("fmt", ["TIFF", "WEBP", "BMP"])
def test_other_formats_compress_to_jpeg(tmp_path: Path, fmt: str) -> None:
    path = tmp_path / f"a.{fmt.lower()}"
    Image.new("RGB", (30, 10), RED).save(path, fmt)
    assert _decode(compress_to_jpeg(path, 80)).size == (30, 10)


def test_cmyk_jpeg_compresses_to_rgb(tmp_path: Path) -> None:
    path = tmp_path / "print.jpg"
    Image.new("CMYK", (10, 10), (0, 255, 255, 0)).save(path)
    out = _decode(compress_to_jpeg(path, 95))
    assert out.mode == "RGB" and _is_red(_color_at(out, (5, 5)))


# --- compressed frames of large images -----------------------------------------------------


def _quadrants(path: Path, width: int, height: int, fmt: str, orientation: int = 1) -> Path:
    """Red left half, blue right half, with a white top-left quarter: enough to see a frame's layout."""
    im = _left_red_right_blue(width, height)
    im.paste((255, 255, 255), (0, 0, width // 4, height // 4))
    exif = Image.Exif()
    if orientation != 1:
        exif[0x0112] = orientation
    im.save(path, fmt, exif=exif.tobytes(), **({"quality": 95} if fmt == "JPEG" else {}))
    return path


@pytest.mark.parametrize(("size", "limit", "expected"), [
    ((20_000, 18_000), 8192 * 8192, (5_000, 4_500)),
    ((8192, 8192), 8192 * 8192, (8192, 8192)),
    ((8193, 8192), 8192 * 8192, (4097, 4096)),
    ((6000, 4000), None, (6000, 4000)),
])
def test_a_compressed_frame_is_halved_until_it_fits(size: tuple[int, int], limit: int | None,
                                                    expected: tuple[int, int]) -> None:
    assert compressed_size(*size, limit) == expected


@pytest.mark.parametrize(("fmt", "suffix"), [("JPEG", ".jpg"), ("PNG", ".png"), ("TIFF", ".tif")])
def test_a_large_frame_is_compressed_reduced_with_its_content_in_place(tmp_path: Path, fmt: str, suffix: str) -> None:
    path = _quadrants(tmp_path / f"large{suffix}", 2000, 1000, fmt)
    out = _decode(compress_to_jpeg(path, 90, max_pixels=500_000))
    assert (out.format, out.mode, out.size) == ("JPEG", "RGB", (1000, 500))
    assert min(_color_at(out, (60, 30))) >= 230  # the white quarter, top left
    assert _is_red(_color_at(out, (200, 400))) and _is_blue(_color_at(out, (800, 250)))


def test_a_frame_within_the_limit_keeps_its_size(tmp_path: Path) -> None:
    path = _quadrants(tmp_path / "fits.jpg", 1000, 500, "JPEG")
    assert _decode(compress_to_jpeg(path, 90, max_pixels=500_000)).size == (1000, 500)


def test_a_large_rotated_jpeg_is_compressed_reduced_and_upright(tmp_path: Path) -> None:
    path = _quadrants(tmp_path / "rotated.jpg", 2000, 1000, "JPEG", orientation=6)
    out = _decode(compress_to_jpeg(path, 90, max_pixels=500_000))
    assert out.size == (500, 1000)  # turned clockwise: the white quarter is now top right
    assert min(_color_at(out, (470, 60))) >= 230
    assert _is_red(_color_at(out, (250, 400))) and _is_blue(_color_at(out, (250, 800)))


def test_a_jpeg_sixteen_times_over_the_limit_is_reduced_by_four(tmp_path: Path) -> None:
    path = _quadrants(tmp_path / "huge.jpg", 4000, 2000, "JPEG")
    out = _decode(compress_to_jpeg(path, 90, max_pixels=500_000))
    assert out.size == (1000, 500) and _is_blue(_color_at(out, (900, 400)))


# --- original chunk entries -----------------------------------------------------------------


def test_original_of_an_unrotated_image_is_the_file_itself(tmp_path: Path) -> None:
    path = tmp_path / "a.PNG"
    Image.new("RGB", (8, 8)).save(path, "PNG")
    assert original_bytes(path, probe_image(path)) == (path.read_bytes(), ".PNG")


def test_original_of_a_rotated_jpeg_is_an_upright_jpeg(tmp_path: Path) -> None:
    path = _rotated_jpeg(tmp_path)
    data, extension = original_bytes(path, probe_image(path))
    out = _decode(data)
    assert (extension, out.format, out.size) == (".jpg", "JPEG", (20, 40))
    assert _is_red(_color_at(out, (10, 5))) and out.getexif().get(0x0112, 1) == 1


def test_original_of_a_rotated_webp_is_an_upright_png(tmp_path: Path) -> None:
    exif = Image.Exif()
    exif[0x0112] = 8
    path = tmp_path / "rotated.webp"
    _left_red_right_blue().save(path, exif=exif, lossless=True)
    data, extension = original_bytes(path, probe_image(path))
    out = _decode(data)
    assert (extension, out.format, out.size) == (".png", "PNG", (20, 40))
    assert _is_blue(_color_at(out, (10, 5))) and _is_red(_color_at(out, (10, 34)))


# --- previews -------------------------------------------------------------------------------


def test_preview_fits_within_the_requested_side(tmp_path: Path) -> None:
    path = tmp_path / "big.jpg"
    Image.new("RGB", (1000, 500), RED).save(path)
    out = _decode(make_preview(path, 256))
    assert (out.format, out.size) == ("JPEG", (256, 128))


def test_preview_is_upright(tmp_path: Path) -> None:
    out = _decode(make_preview(_rotated_jpeg(tmp_path)))
    assert out.size == (20, 40) and _is_red(_color_at(out, (10, 5)))


def test_preview_of_a_file_object(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    Image.new("RGB", (512, 512), RED).save(buffer, "PNG")
    buffer.seek(0)
    assert _decode(make_preview(buffer, 64)).size == (64, 64)


def test_preview_of_an_image_object_leaves_the_image_unchanged() -> None:
    im = Image.new("RGB", (600, 300), BLUE)
    out = _decode(make_preview(im, 100))
    assert out.size == (100, 50) and im.size == (600, 300)


# --- sorting --------------------------------------------------------------------------------


def test_natural_key_orders_numbers_by_value() -> None:
    assert sorted(["img10.jpg", "img2.jpg", "img1.jpg"], key=natural_key) == ["img1.jpg", "img2.jpg", "img10.jpg"]


def test_natural_sort_ignores_case_and_compares_folders_first() -> None:
    names = ["b/1.jpg", "A10.jpg", "a9.jpg", "a/2.jpg"]
    assert sort_names(names, "natural") == ["a/2.jpg", "a9.jpg", "A10.jpg", "b/1.jpg"]


def test_lexicographical_sort_is_plain_string_order() -> None:
    assert sort_names(["img10.jpg", "img2.jpg", "Img3.jpg"], "lexicographical") == ["Img3.jpg", "img10.jpg", "img2.jpg"]


def test_predefined_sort_keeps_the_given_order() -> None:
    assert sort_names(["c.jpg", "a.jpg", "b.jpg"], "predefined") == ["c.jpg", "a.jpg", "b.jpg"]


def test_predefined_sort_follows_an_explicit_order() -> None:
    assert sort_names(["a.jpg", "b.jpg"], "predefined", predefined=["b.jpg", "a.jpg"]) == ["b.jpg", "a.jpg"]


def test_predefined_order_must_name_exactly_the_uploaded_files() -> None:
    with pytest.raises(ValidationError, match=r"not in the predefined order: c\.jpg.*not uploaded: x\.jpg"):
        sort_names(["a.jpg", "c.jpg"], "predefined", predefined=["a.jpg", "x.jpg"])


def test_random_sort_is_a_reproducible_permutation() -> None:
    names = [f"{i}.jpg" for i in range(50)]
    shuffled = sort_names(names, "random", seed=7)
    assert shuffled == sort_names(names, "random", seed=7)
    assert sorted(shuffled) == sorted(names) and shuffled != names
