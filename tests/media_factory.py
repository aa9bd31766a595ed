"""Test media made on the spot: Pillow-drawn images, PyAV-encoded videos, hand-written point clouds."""

from __future__ import annotations

import io
import struct
import zipfile
from collections.abc import Sequence
from pathlib import Path

import av
import numpy as np
from PIL import Image, ImageDraw


def image_bytes(width: int = 64, height: int = 48, color: tuple[int, int, int] = (200, 30, 30),
                fmt: str = "JPEG", label: str = "") -> bytes:
    image = Image.new("RGB", (width, height), color)
    if label:
        ImageDraw.Draw(image).text((2, 2), label, fill=(255, 255, 255))
    buffer = io.BytesIO()
    image.save(buffer, fmt)
    return buffer.getvalue()


def write_image(path: Path, width: int = 64, height: int = 48, color: tuple[int, int, int] = (200, 30, 30),
                fmt: str | None = None) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    formats = {".jpg": "JPEG", ".jpeg": "JPEG", ".png": "PNG", ".bmp": "BMP", ".gif": "GIF", ".tif": "TIFF",
               ".tiff": "TIFF", ".webp": "WEBP", ".ppm": "PPM"}
    path.write_bytes(image_bytes(width, height, color, fmt or formats[path.suffix.lower()]))
    return path


def write_images(directory: Path, names: Sequence[str], width: int = 64, height: int = 48) -> list[Path]:
    return [write_image(directory / name, width, height, color=((i * 40) % 256, 80, 160)) for i, name in enumerate(names)]


def zip_of(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def write_video(path: Path, frames: int = 30, width: int = 64, height: int = 48, codec: str = "libx264",
                fps: int = 25) -> Path:
    """Frame i has a red channel of (i * 8) % 256, so tests can tell frames apart."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with av.open(str(path), "w") as container:
        stream = container.add_stream(codec, rate=fps)
        stream.width, stream.height, stream.pix_fmt = width, height, "yuv420p"
        for index in range(frames):
            array = np.zeros((height, width, 3), dtype=np.uint8)
            array[:, :, 0] = (index * 8) % 256
            frame = av.VideoFrame.from_ndarray(array, format="rgb24")
            for packet in stream.encode(frame):
                container.mux(packet)
        for packet in stream.encode():
            container.mux(packet)
    return path


def write_pcd(path: Path, points: int = 5) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    header = (
        "# .PCD v0.7 - Point Cloud Data file format\nVERSION 0.7\nFIELDS x y z\nSIZE 4 4 4\nTYPE F F F\n"
        f"COUNT 1 1 1\nWIDTH {points}\nHEIGHT 1\nVIEWPOINT 0 0 0 1 0 0 0\nPOINTS {points}\nDATA ascii\n"
    )
    body = "".join(f"{i}.0 {i * 2}.0 {i * 3}.0\n" for i in range(points))
    path.write_text(header + body)
    return path


def write_kitti_bin(path: Path, points: int = 4) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"".join(struct.pack("<4f", i, i + 1, i + 2, 0.5) for i in range(points)))
    return path
