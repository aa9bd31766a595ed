"""Point clouds: PCD headers are probed and validated; KITTI scans become binary PCDs."""

from __future__ import annotations

import struct
from pathlib import Path

import numpy as np
import pytest

from contour.errors import ValidationError
from contour.media.pointclouds import (
    PointCloudInfo,
    is_point_cloud,
    kitti_bin_to_pcd,
    probe_pcd,
    probe_point_cloud,
)


def _header(*, width: int = 3, height: int = 1, points: int | None = None, data: str = "ascii", **lines: str) -> str:
    fields = {
        "VERSION": "0.7",
        "FIELDS": "x y z",
        "SIZE": "4 4 4",
        "TYPE": "F F F",
        "COUNT": "1 1 1",
        "WIDTH": str(width),
        "HEIGHT": str(height),
        "VIEWPOINT": "0 0 0 1 0 0 0",
        "POINTS": str(width * height if points is None else points),
        "DATA": data,
    } | lines
    return "# .PCD v0.7 - Point Cloud Data file format\n" + "".join(
        f"{key} {value}\n" for key, value in fields.items() if value
    )


def _write(tmp_path: Path, content: str | bytes, name: str = "cloud.pcd") -> Path:
    path = tmp_path / name
    path.write_bytes(content.encode() if isinstance(content, str) else content)
    return path


def _points(n: int) -> np.ndarray:
    return np.arange(n * 3, dtype=np.float32).reshape(n, 3)


def test_point_clouds_are_recognised_by_extension_ignoring_case() -> None:
    assert is_point_cloud("a.pcd") and is_point_cloud("scan/0001.BIN")
    assert not is_point_cloud("a.png") and not is_point_cloud("pcd")


def test_ascii_pcd_reports_header_size(tmp_path: Path) -> None:
    path = _write(tmp_path, _header() + "0 0 0\n1 1 1\n2 2 2\n")
    assert probe_pcd(path) == PointCloudInfo(width=3, height=1, points=3)


def test_ascii_pcd_without_a_final_newline_is_accepted(tmp_path: Path) -> None:
    path = _write(tmp_path, _header() + "0 0 0\n1 1 1\n2 2 2")
    assert probe_pcd(path).points == 3


def test_binary_pcd_reports_header_size(tmp_path: Path) -> None:
    path = _write(tmp_path, _header(width=5, data="binary").encode() + _points(5).tobytes())
    assert probe_pcd(path) == PointCloudInfo(width=5, height=1, points=5)


def test_organised_cloud_keeps_its_width_and_height(tmp_path: Path) -> None:
    path = _write(tmp_path, _header(width=4, height=3, data="binary").encode() + _points(12).tobytes())
    assert probe_pcd(path) == PointCloudInfo(width=4, height=3, points=12)


def test_binary_compressed_pcd_is_checked_by_its_size_prefix(tmp_path: Path) -> None:
    compressed = b"\x01" * 20
    payload = struct.pack("<II", len(compressed), 4 * 12) + compressed
    path = _write(tmp_path, _header(width=4, data="binary_compressed").encode() + payload)
    assert probe_pcd(path).points == 4


def test_fields_with_several_counts_and_sizes_are_understood(tmp_path: Path) -> None:
    header = _header(width=2, data="binary", FIELDS="x y z rgb", SIZE="4 4 4 1", TYPE="F F F U", COUNT="1 1 1 4")
    path = _write(tmp_path, header.encode() + b"\0" * (2 * 16))
    assert probe_pcd(path).points == 2


def test_header_without_points_line_uses_width_times_height(tmp_path: Path) -> None:
    header = _header(width=2, height=2, data="binary").replace("POINTS 4\n", "")
    path = _write(tmp_path, header.encode() + _points(4).tobytes())
    assert probe_pcd(path).points == 4


def test_truncated_binary_pcd_is_rejected(tmp_path: Path) -> None:
    path = _write(tmp_path, _header(width=5, data="binary").encode() + _points(4).tobytes())
    with pytest.raises(ValidationError, match=r"cloud\.pcd: not a valid point cloud \(5 points need 60 bytes"):
        probe_pcd(path)


def test_truncated_compressed_pcd_is_rejected(tmp_path: Path) -> None:
    payload = struct.pack("<II", 100, 4 * 12) + b"\x01" * 10
    path = _write(tmp_path, _header(width=4, data="binary_compressed").encode() + payload)
    with pytest.raises(ValidationError, match="truncated"):
        probe_pcd(path)


def test_ascii_pcd_with_missing_lines_is_rejected(tmp_path: Path) -> None:
    path = _write(tmp_path, _header() + "0 0 0\n")
    with pytest.raises(ValidationError, match="3 points declared, 1 data lines found"):
        probe_pcd(path)


def test_points_must_equal_width_times_height(tmp_path: Path) -> None:
    path = _write(tmp_path, _header(points=7) + "0 0 0\n" * 7)
    with pytest.raises(ValidationError, match="POINTS 7 is not WIDTH x HEIGHT"):
        probe_pcd(path)


def test_field_lists_must_have_equal_lengths(tmp_path: Path) -> None:
    path = _write(tmp_path, _header(SIZE="4 4") + "0 0 0\n" * 3)
    with pytest.raises(ValidationError, match="as many entries"):
        probe_pcd(path)


def test_impossible_field_size_is_rejected(tmp_path: Path) -> None:
    path = _write(tmp_path, _header(SIZE="4 4 3") + "0 0 0\n" * 3)
    with pytest.raises(ValidationError, match="no 3-byte field of TYPE 'F'"):
        probe_pcd(path)


def test_unknown_data_kind_is_rejected(tmp_path: Path) -> None:
    path = _write(tmp_path, _header(data="zipped"))
    with pytest.raises(ValidationError, match="unknown DATA kind 'zipped'"):
        probe_pcd(path)


def test_header_without_data_line_is_rejected(tmp_path: Path) -> None:
    path = _write(tmp_path, _header().replace("DATA ascii\n", "") + "0 0 0\n")
    with pytest.raises(ValidationError, match="no DATA line"):
        probe_pcd(path)


def test_header_without_width_is_rejected(tmp_path: Path) -> None:
    path = _write(tmp_path, _header(WIDTH="", POINTS="") + "0 0 0\n")
    with pytest.raises(ValidationError, match="lacks WIDTH"):
        probe_pcd(path)


def test_binary_garbage_is_not_a_point_cloud(tmp_path: Path) -> None:
    path = _write(tmp_path, bytes(range(256)) * 4)
    with pytest.raises(ValidationError, match=r"cloud\.pcd: not a valid point cloud"):
        probe_pcd(path)


def test_empty_cloud_is_rejected(tmp_path: Path) -> None:
    path = _write(tmp_path, _header(width=0))
    with pytest.raises(ValidationError, match="no points"):
        probe_pcd(path)


def test_kitti_scan_becomes_a_binary_pcd_with_the_same_points(tmp_path: Path) -> None:
    scan = np.random.default_rng(1).normal(size=(100, 4)).astype("<f4")
    source, target = tmp_path / "0000000000.bin", tmp_path / "0000000000.pcd"
    scan.tofile(source)
    assert kitti_bin_to_pcd(source, target) == PointCloudInfo(width=100, height=1, points=100)
    assert probe_pcd(target) == PointCloudInfo(width=100, height=1, points=100)
    header, payload = target.read_bytes().split(b"DATA binary\n", 1)
    assert b"FIELDS x y z intensity\n" in header
    assert np.array_equal(np.frombuffer(payload, dtype="<f4").reshape(-1, 4), scan)


def test_kitti_conversion_leaves_no_partial_file(tmp_path: Path) -> None:
    source = tmp_path / "scan.bin"
    np.zeros((3, 4), dtype="<f4").tofile(source)
    kitti_bin_to_pcd(source, tmp_path / "scan.pcd")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["scan.bin", "scan.pcd"]


def test_kitti_scan_must_be_whole_records(tmp_path: Path) -> None:
    source = tmp_path / "odd.bin"
    source.write_bytes(b"\0" * 20)
    with pytest.raises(ValidationError, match=r"odd\.bin: .*whole number of 16-byte points, not 20 bytes"):
        kitti_bin_to_pcd(source, tmp_path / "odd.pcd")
    assert not (tmp_path / "odd.pcd").exists()


def test_kitti_scan_is_probed_by_its_size(tmp_path: Path) -> None:
    source = tmp_path / "scan.bin"
    np.zeros((7, 4), dtype="<f4").tofile(source)
    assert probe_point_cloud(source) == PointCloudInfo(width=7, height=1, points=7)
