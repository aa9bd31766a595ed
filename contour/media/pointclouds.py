"""Point clouds: PCD header probing and validation, and KITTI velodyne `.bin` to PCD conversion.

A frame's width/height are the PCD header's WIDTH/HEIGHT, as CVAT reports them (an unorganised
cloud is WIDTH=points, HEIGHT=1). Only the header and the payload size are checked: probing must
stay cheap on clouds of millions of points, and the browser parses the points themselves.
"""

from __future__ import annotations

import shutil
import struct
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from contour.media.errors import MediaError

POINT_CLOUD_EXTENSIONS = frozenset({".pcd", ".bin"})

_MAX_HEADER_BYTES = 64 * 1024  # real headers are a few hundred bytes; this bounds a bogus "header"
_KITTI_RECORD = struct.Struct("<4f")  # x, y, z, reflectance as little-endian float32
_DATA_KINDS = frozenset({"ascii", "binary", "binary_compressed"})
_SIZES = {"F": {4, 8}, "I": {1, 2, 4, 8}, "U": {1, 2, 4, 8}}
_REQUIRED = ("FIELDS", "SIZE", "TYPE", "WIDTH", "HEIGHT", "DATA")
_KNOWN = frozenset({"VERSION", "FIELDS", "SIZE", "TYPE", "COUNT", "WIDTH", "HEIGHT", "VIEWPOINT", "POINTS", "DATA"})


@dataclass(frozen=True)
class PointCloudInfo:
    width: int
    height: int
    points: int


def is_point_cloud(path: str | Path) -> bool:
    return Path(path).suffix.lower() in POINT_CLOUD_EXTENSIONS


def probe_point_cloud(path: Path) -> PointCloudInfo:
    """Probe a `.pcd` (header) or a KITTI `.bin` (its size) without reading the points."""
    if path.suffix.lower() == ".bin":
        points = _kitti_points(path)
        return PointCloudInfo(width=points, height=1, points=points)
    return probe_pcd(path)


def probe_pcd(path: Path) -> PointCloudInfo:
    """Parse and validate a PCD header (ascii, binary or binary_compressed data)."""
    with path.open("rb") as file:
        header, data_offset = _read_header(file.read(_MAX_HEADER_BYTES), path)
        kind = header["DATA"][0].lower()
        fields, sizes, types = header["FIELDS"], header["SIZE"], header["TYPE"]
        counts = header.get("COUNT", ["1"] * len(fields))
        if not len(fields) == len(sizes) == len(types) == len(counts):
            raise _invalid(path, "FIELDS, SIZE, TYPE and COUNT must have as many entries")
        record_size = sum(
            _field_bytes(size, type_, count, path) for size, type_, count in zip(sizes, types, counts, strict=True)
        )
        width = _count(header, "WIDTH", path)
        height = _count(header, "HEIGHT", path)
        if not width or not height:
            raise _invalid(path, "the cloud has no points")
        points = _count(header, "POINTS", path) if "POINTS" in header else width * height
        if points != width * height:
            raise _invalid(path, f"POINTS {points} is not WIDTH x HEIGHT ({width} x {height})")
        if kind not in _DATA_KINDS:
            raise _invalid(path, f"unknown DATA kind {kind!r}")
        file.seek(data_offset)
        _check_payload(file, kind, points * record_size, points, path)
    return PointCloudInfo(width=width, height=height, points=points)


def kitti_bin_to_pcd(bin_path: Path, pcd_path: Path) -> PointCloudInfo:
    """Write a KITTI velodyne scan as a binary PCD (FIELDS x y z intensity) and describe it.

    KITTI records are packed little-endian float32 quadruples, which is byte for byte a binary PCD
    payload with those four fields, so the points are copied, never parsed.
    """
    points = _kitti_points(bin_path)
    header = (
        "# .PCD v0.7 - Point Cloud Data file format\n"
        "VERSION 0.7\n"
        "FIELDS x y z intensity\n"
        "SIZE 4 4 4 4\n"
        "TYPE F F F F\n"
        "COUNT 1 1 1 1\n"
        f"WIDTH {points}\n"
        "HEIGHT 1\n"
        "VIEWPOINT 0 0 0 1 0 0 0\n"
        f"POINTS {points}\n"
        "DATA binary\n"
    )
    partial = pcd_path.with_name(pcd_path.name + ".part")  # never leave a half-written cloud behind
    with bin_path.open("rb") as source, partial.open("wb") as target:
        target.write(header.encode("ascii"))
        shutil.copyfileobj(source, target, 1 << 20)
    partial.replace(pcd_path)
    return PointCloudInfo(width=points, height=1, points=points)


def _kitti_points(path: Path) -> int:
    size = path.stat().st_size
    if size == 0 or size % _KITTI_RECORD.size:
        raise _invalid(path, f"a KITTI scan is a whole number of {_KITTI_RECORD.size}-byte points, not {size} bytes")
    return size // _KITTI_RECORD.size


def _read_header(head: bytes, path: Path) -> tuple[dict[str, list[str]], int]:
    header: dict[str, list[str]] = {}
    offset = 0
    while "DATA" not in header:
        end = head.find(b"\n", offset)
        if end < 0:
            raise _invalid(path, "the header has no DATA line")
        raw, offset = head[offset:end], end + 1
        try:
            line = raw.decode("ascii").strip()
        except UnicodeDecodeError:
            raise _invalid(path, "the header is not text") from None
        if not line or line.startswith("#"):
            continue
        key, *values = line.split()
        key = key.upper()
        if key not in _KNOWN:
            continue  # other writers' extensions; the required keys are still checked below
        if key in header:
            raise _invalid(path, f"{key} appears twice")
        header[key] = values
    if missing := [key for key in _REQUIRED if not header.get(key)]:
        raise _invalid(path, f"the header lacks {', '.join(missing)}")
    return header, offset


def _field_bytes(size: str, type_: str, count: str, path: Path) -> int:
    if not (_is_number(size) and _is_number(count)) or int(count) < 1:
        raise _invalid(path, f"bad SIZE {size!r} or COUNT {count!r}")
    if int(size) not in _SIZES.get(type_.upper(), set()):
        raise _invalid(path, f"no {size}-byte field of TYPE {type_!r}")
    return int(size) * int(count)


def _count(header: dict[str, list[str]], key: str, path: Path) -> int:
    values = header[key]
    if len(values) != 1 or not _is_number(values[0]):
        raise _invalid(path, f"{key} must be a non-negative integer")
    return int(values[0])


def _check_payload(file: BinaryIO, kind: str, payload_bytes: int, points: int, path: Path) -> None:
    if kind == "binary":
        available = _remaining(file)
        if available < payload_bytes:
            raise _invalid(path, f"{points} points need {payload_bytes} bytes of data, the file has {available}")
    elif kind == "binary_compressed":
        sizes = file.read(8)
        if len(sizes) < 8:
            raise _invalid(path, "the compressed data has no size prefix")
        compressed, uncompressed = struct.unpack("<II", sizes)
        if uncompressed != payload_bytes:
            raise _invalid(
                path, f"the compressed data unpacks to {uncompressed} bytes, {points} points need {payload_bytes}"
            )
        if _remaining(file) < compressed:
            raise _invalid(path, f"the compressed data is truncated (expected {compressed} bytes)")
    else:
        lines = _count_lines(file)
        if lines < points:
            raise _invalid(path, f"{points} points declared, {lines} data lines found")


def _remaining(file: BinaryIO) -> int:
    here = file.tell()
    end = file.seek(0, 2)
    file.seek(here)
    return end - here


def _count_lines(file: BinaryIO) -> int:
    lines, last = 0, b"\n"
    while block := file.read(1 << 20):
        lines += block.count(b"\n")
        last = block[-1:]
    return lines + (last != b"\n")


def _is_number(text: str) -> bool:
    return text.isascii() and text.isdigit()


def _invalid(path: Path, reason: str) -> MediaError:
    return MediaError(f"not a valid point cloud ({reason})", file=path.name)
