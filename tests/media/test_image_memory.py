"""A large JPEG's chunks and preview are built in memory well below one full decode (bench/large_image.py
measures the 360 MP case). Measured in a fresh subprocess, so this process's memory does not interfere."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SIDE = 6000
FULL_DECODE_MB = SIDE * SIDE * 4 / 2**20  # Pillow holds RGB at 4 bytes a pixel: 137 MB
LIMIT = 4096 * 4096  # the 6000x6000 frame is over it, so its compressed frame is decoded at half scale

_MAKE = """
import sys
from PIL import Image
side = int(sys.argv[2])
im = Image.new("RGB", (side, side), (200, 30, 30))
im.paste((30, 30, 200), (side // 2, 0, side, side))
im.save(sys.argv[1], "JPEG", quality=90)
"""

# Peak RSS growth of each step: VmHWM, reset through /proc/self/clear_refs after imports and between steps.
_MEASURE = """
import json, sys
from pathlib import Path
from contour.media import chunks, images

def status(field):
    return next(int(line.split()[1]) for line in Path("/proc/self/status").read_text().splitlines()
                if line.startswith(field + ":"))

def growth_mb(step):
    Path("/proc/self/clear_refs").write_text("5")
    start = status("VmRSS")
    result = step()
    return (status("VmHWM") - start) / 1024, result

path, limit = Path(sys.argv[1]), int(sys.argv[2])
compressed_mb, compressed = growth_mb(lambda: chunks.imageset_chunk([path], "compressed", 70, limit))
original_mb, original = growth_mb(lambda: chunks.imageset_chunk([path], "original", 70, limit))
preview_mb, preview = growth_mb(lambda: images.make_preview(path))
print(json.dumps({"compressed_mb": compressed_mb, "original_mb": original_mb, "preview_mb": preview_mb,
                  "compressed_bytes": len(compressed), "original_bytes": len(original), "preview_bytes": len(preview)}))
"""


def _can_reset_peak() -> bool:
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        return False
    return True


@pytest.mark.skipif(not _can_reset_peak(), reason="needs Linux's /proc/self/clear_refs to measure a peak")
def test_a_large_jpegs_chunks_and_preview_are_built_well_below_a_full_decode(tmp_path: Path) -> None:
    image = tmp_path / "large.jpg"
    subprocess.run([sys.executable, "-c", _MAKE, str(image), str(SIDE)], check=True, timeout=120)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    measured = subprocess.run([sys.executable, "-c", _MEASURE, str(image), str(LIMIT)], check=True, timeout=120,
                              capture_output=True, text=True, env=env)
    figures = json.loads(measured.stdout.strip().splitlines()[-1])
    # Decoded at half scale: a quarter of the pixels (34 MB); a full decode would be 137 MB.
    assert figures["compressed_mb"] < FULL_DECODE_MB * 0.4, figures
    # The original is the file itself, never decoded; the preview is decoded at 1/8 scale.
    assert figures["original_mb"] < FULL_DECODE_MB * 0.1, figures
    assert figures["preview_mb"] < FULL_DECODE_MB * 0.1, figures
    assert figures["original_bytes"] > image.stat().st_size
