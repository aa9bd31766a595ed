"""Still images: recognise, probe, decode-check and re-encode frames; frame-name sorting.

Orientation is read once by `_orientation` (EXIF, or XMP through Pillow) before pixels are decoded,
so probing, compressed chunks, original chunks and previews always agree on a frame's rotation.
Decompression bombs are refused process-wide: Pillow's limit is a global knob, so this module owns
the policy (`MAX_IMAGE_PIXELS`) and turns Pillow's bomb warning into an error for every caller.
Memory: compressed frames and previews of large JPEGs are decoded at a reduced DCT scale, so they
never hold the full frame; an original is copied as its file unless its orientation must be applied.
"""

from __future__ import annotations

import hashlib
import io
import random
import re
import struct
import warnings
from collections import Counter
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Literal

import numpy as np
from PIL import Image, PngImagePlugin, UnidentifiedImageError, features

from contour.errors import ValidationError, error_text
from contour.media.errors import MediaError

# 400 MP: beyond any camera or ordinary aerial tile. What a frame that large costs is bounded by
# decoding it reduced (compressed frames, previews) or not at all (originals copied as their file);
# only a rotated original or a compressed frame of a non-JPEG format decodes it whole (4 bytes a
# pixel: 1.6 GB here). Larger rasters need tiling before upload rather than more memory here.
MAX_IMAGE_PIXELS = 20_000 * 20_000

# Pillow warns between its limit and twice it; a warning would let a bomb through, so make it an error.
Image.MAX_IMAGE_PIXELS = MAX_IMAGE_PIXELS
warnings.filterwarnings("error", category=Image.DecompressionBombWarning)

IMAGE_EXTENSIONS: frozenset[str] = frozenset(
    [".jpg", ".jpeg", ".jpe", ".jfif", ".png", ".bmp", ".gif", ".tif", ".tiff", ".webp", ".tga"]
    + [".ppm", ".pgm", ".pbm", ".pnm"]
    + ([".jp2", ".j2k"] if features.check("jpg_2000") else [])
    + ([".avif"] if features.check("avif") else [])
)

# EXIF orientation -> the transposition that shows the image upright (the EXIF 2.3 table).
_TRANSPOSE: dict[int, Image.Transpose] = {
    2: Image.Transpose.FLIP_LEFT_RIGHT,
    3: Image.Transpose.ROTATE_180,
    4: Image.Transpose.FLIP_TOP_BOTTOM,
    5: Image.Transpose.TRANSPOSE,
    6: Image.Transpose.ROTATE_270,
    7: Image.Transpose.TRANSVERSE,
    8: Image.Transpose.ROTATE_90,
}
_JPEG_FORMATS = frozenset({"JPEG", "MPO"})  # phones write MPO: a JPEG with extra pictures appended
_PNG_MODES = frozenset({"1", "L", "LA", "I", "I;16", "P", "RGB", "RGBA"})
_ORIENTATION_TAG = 0x0112

SortingMethod = Literal["lexicographical", "natural", "predefined", "random"]


@dataclass(frozen=True)
class ImageInfo:
    """What a frame looks like once shown upright: `width`/`height` already account for `orientation`."""

    width: int
    height: int
    orientation: int
    format: str


def is_image(path: str | Path) -> bool:
    return Path(path).suffix.lower() in IMAGE_EXTENSIONS


def probe_image(path: Path) -> ImageInfo:
    """Size, orientation and format from the header alone; no pixels are decoded."""
    with _open(path) as im:
        orientation = _orientation(im)
        width, height = im.size
        if orientation >= 5:
            width, height = height, width
        return ImageInfo(width=width, height=height, orientation=orientation, format=im.format or "")


def check_decodable(path: Path) -> None:
    """Decode every pixel; raises MediaError when the file is truncated or corrupt."""
    with _open(path) as im, _readable(path):
        im.load()


def pixels_md5(path: Path) -> str:
    """md5 of the decoded pixels as Pillow lays them out, before any rotation (CVAT's image checksum)."""
    with _open(path) as im:
        with _readable(path):
            im.load()
        return hashlib.md5(im.tobytes()).hexdigest()


def reduction_for(width: int, height: int, max_pixels: int | None) -> int:
    """The power of two a frame's sides are divided by so that it holds at most `max_pixels` (1: none).

    Powers of two because a JPEG decodes straight at 1/2, 1/4 or 1/8 scale (DCT scaling), so the
    full-size frame is never in memory; other formats are decoded whole, then reduced.
    """
    factor = 1
    if max_pixels is not None:
        while _ceil_div(width, factor) * _ceil_div(height, factor) > max(1, max_pixels) and factor < max(width, height):
            factor *= 2
    return factor


def compressed_size(width: int, height: int, max_pixels: int | None) -> tuple[int, int]:
    """The size of the compressed frame of a `width` x `height` frame (sides rounded up, as JPEG scaling does)."""
    factor = reduction_for(width, height, max_pixels)
    return _ceil_div(width, factor), _ceil_div(height, factor)


def compress_to_jpeg(path: Path, quality: int, max_pixels: int | None = None) -> bytes:
    """The frame upright, as an RGB JPEG at `quality` (a compressed-chunk entry): full resolution, or
    halved until it holds at most `max_pixels` pixels, so that a huge frame costs bounded memory here
    and in the browser that shows it (the editor draws it at the frame's full size)."""
    with _open(path) as im:
        orientation = _orientation(im)
        width, height = im.size
        factor = reduction_for(width, height, max_pixels)
        if factor > 1:
            # A request of at least 1/factor of each side: draft() then decodes at exactly that scale
            # (or at 1/8, the smallest it has, with the rest reduced below).
            im.draft(None, (max(1, width // factor), max(1, height // factor)))
        with _readable(path):
            im.load()
            rgb = _to_rgb(im)
            decoded_scale = next((s for s in (1, 2, 4, 8) if _ceil_div(width, s) == rgb.width), 1)
            if factor > decoded_scale:
                rgb = rgb.reduce(factor // decoded_scale)
        upright = _transpose(rgb, orientation)
        buffer = io.BytesIO()
        upright.save(buffer, "JPEG", quality=quality)
    return buffer.getvalue()


def original_bytes(path: Path, info: ImageInfo) -> tuple[bytes, str]:
    """An original-chunk entry: the file's bytes and extension (with its dot), re-saved upright if rotated.

    A rotated JPEG stays a JPEG at quality 100 (4:4:4); anything else becomes a lossless PNG, since
    not every format Pillow reads can be written back.
    """
    if info.orientation == 1:
        return path.read_bytes(), path.suffix
    with _open(path) as im:
        with _readable(path):
            im.load()
        upright = _transpose(im, info.orientation)
        icc_profile = im.info.get("icc_profile")
    buffer = io.BytesIO()  # transpose made a new image, so the file may be closed by now
    if info.format in _JPEG_FORMATS and upright.mode in ("L", "RGB", "CMYK"):
        upright.save(buffer, "JPEG", quality=100, subsampling=0, icc_profile=icc_profile)
        return buffer.getvalue(), path.suffix
    if upright.mode not in _PNG_MODES:
        upright = upright.convert("RGBA" if "A" in upright.getbands() else "RGB")
    upright.save(buffer, "PNG", icc_profile=icc_profile)
    return buffer.getvalue(), ".png"


def make_preview(path_or_image: Path | BinaryIO | Image.Image, max_side: int = 256) -> bytes:
    """A JPEG thumbnail, upright, whose longer side is at most `max_side` (of a file, file object or image)."""
    if isinstance(path_or_image, Image.Image):
        return _preview(path_or_image, max_side, Path("image"))
    with _open(path_or_image) as im:
        # A preview may be decoded at a reduced JPEG scale; chunks may not (they keep full size).
        im.draft(None, (max_side, max_side))
        return _preview(im, max_side, _name_of(path_or_image))


def natural_key(name: str) -> tuple[tuple[str | int, ...], ...]:
    """Sort key that orders `img2` before `img10`, per path component and ignoring case."""
    return tuple(
        tuple(int(part) if i % 2 else part.casefold() for i, part in enumerate(_DIGITS.split(component)))
        for component in name.split("/")
    )


def sort_names(
    names: Sequence[str],
    method: SortingMethod,
    *,
    predefined: Sequence[str] | None = None,
    seed: int | None = None,
) -> list[str]:
    """Order frame names as CVAT's `sorting_method` does.

    `predefined` keeps the given order: that of `predefined` when supplied (it must name exactly the
    same files), otherwise that of `names`. `random` shuffles reproducibly for a given `seed`.
    """
    if method == "lexicographical":
        return sorted(names)
    if method == "natural":
        return sorted(names, key=lambda name: (natural_key(name), name))
    if method == "predefined":
        if predefined is None:
            return list(names)
        _check_same_files(names, predefined)
        return list(predefined)
    if method == "random":
        shuffled = list(names)
        random.Random(seed).shuffle(shuffled)
        return shuffled
    raise ValidationError(f"Unknown sorting method {method!r}", "sorting_method")


_DIGITS = re.compile(r"([0-9]+)")


def _check_same_files(names: Sequence[str], predefined: Sequence[str]) -> None:
    given, ordered = Counter(names), Counter(predefined)
    if given == ordered:
        return
    problems = []
    if missing := sorted((given - ordered).elements()):
        problems.append(f"not in the predefined order: {', '.join(missing[:10])}")
    if extra := sorted((ordered - given).elements()):
        problems.append(f"in the predefined order but not uploaded: {', '.join(extra[:10])}")
    raise ValidationError(f"The predefined order does not match the files ({'; '.join(problems)})", "sorting_method")


@contextmanager
def _readable(path: Path) -> Iterator[None]:
    """Turn Pillow's many decode failures into one MediaError naming the file."""
    try:
        yield
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        raise MediaError(f"image too large ({error_text(error, path)})", file=path.name) from None
    except UnidentifiedImageError:
        # Pillow's own words quote the server path, and say no more than this.
        raise MediaError("not a readable image (not an image, or in a format the server cannot read)",
                         file=path.name) from None
    except (OSError, SyntaxError, ValueError, EOFError, struct.error) as error:
        raise MediaError(f"not a readable image ({error_text(error, path)})", file=path.name) from None


def _name_of(source: Path | BinaryIO) -> Path:
    return source if isinstance(source, Path) else Path(getattr(source, "name", None) or "image")


@contextmanager
def _open(source: Path | BinaryIO) -> Iterator[Image.Image]:
    path = _name_of(source)
    with _readable(path):
        im = Image.open(source)
    try:
        width, height = im.size
        if width * height > MAX_IMAGE_PIXELS:  # belt and braces, should warnings be silenced elsewhere
            raise MediaError(f"image too large ({width}x{height} pixels)", file=path.name)
        yield im
    finally:
        im.close()


def _orientation(im: Image.Image) -> int:
    # Pillow's PNG getexif() decodes the whole image to look for a trailing eXIf chunk; we read only
    # the metadata before the pixels, which is where the PNG spec puts it.
    exif = Image.Image.getexif(im) if isinstance(im, PngImagePlugin.PngImageFile) else im.getexif()
    value = exif.get(_ORIENTATION_TAG, 1)
    return value if isinstance(value, int) and 1 <= value <= 8 else 1


def _ceil_div(value: int, divisor: int) -> int:
    return -(-value // divisor)


def _transpose(im: Image.Image, orientation: int) -> Image.Image:
    method = _TRANSPOSE.get(orientation)
    return im if method is None else im.transpose(method)


def _to_rgb(im: Image.Image) -> Image.Image:
    if im.mode == "RGB":
        return im  # convert() would copy the whole frame for nothing
    if im.mode == "I" or im.mode.startswith("I;16"):
        # Pillow clips 16-bit samples to 255 when converting; scale the full range down instead.
        samples = np.asarray(im)
        eight_bit = (np.clip(samples, 0, 0xFFFF) >> 8).astype(np.uint8)
        return Image.fromarray(eight_bit).convert("RGB")
    if im.mode in ("P", "PA") and ("transparency" in im.info or im.mode == "PA"):
        # Straight P->RGB warns for byte-string transparency; through RGBA is warning-free.
        im = im.convert("RGBA")
    return im.convert("RGB")


def _preview(im: Image.Image, max_side: int, path: Path) -> bytes:
    orientation = _orientation(im)
    with _readable(path):
        rgb = _to_rgb(im)
        scale = max_side / max(rgb.size)
        if scale < 1:  # resize() rather than thumbnail(): never alter the caller's image in place
            size = (max(1, round(rgb.width * scale)), max(1, round(rgb.height * scale)))
            rgb = rgb.resize(size, Image.Resampling.BICUBIC, reducing_gap=3.0)
    buffer = io.BytesIO()
    _transpose(rgb, orientation).save(buffer, "JPEG", quality=85)
    return buffer.getvalue()
