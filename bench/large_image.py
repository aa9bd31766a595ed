#!/usr/bin/env python
"""Benchmark the memory of task creation from one very large JPEG (default 20000x18000, 360 MP).

The image (photo-like tiles, JPEG q90) is made once in a subprocess and kept in --media-dir. Each
measurement then runs in a fresh subprocess that sets up its own data directory and SQLite database,
creates a user and a task through the services, and runs the `create:task` request in-process with
the request runner (what a queue worker does): the image comes from the share (`server_files`, the
file read in place). Its figure is the peak RSS (of the process and of any chunk workers it
started) above the RSS after imports and set-up (Linux's VmHWM, reset through /proc/self/clear_refs;
ru_maxrss of the chunk workers), so only the work itself counts.

- use_cache=false: creation builds the compressed and the original chunk (one image: in-process).
- use_cache=true: creation probes only; then the compressed chunk, the original chunk and the task
  preview are each built as the first request for them would (what a server process does).

    .venv/bin/python bench/large_image.py                          # 20000x18000
    .venv/bin/python bench/large_image.py --width 8000 --height 6000
    .venv/bin/python bench/large_image.py --rotated                # EXIF orientation 6: originals re-encoded

Benchmarks are not tests: nothing here asserts on the figures.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve()
DEFAULT_MEDIA_DIR = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "contour-bench" / "large"
TILE = 1000


def parse_args() -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--width", type=int, default=20_000)
    p.add_argument("--height", type=int, default=18_000)
    p.add_argument("--rotated", action="store_true", help="EXIF orientation 6 (the original chunk re-encodes it)")
    p.add_argument("--media-dir", type=Path, default=DEFAULT_MEDIA_DIR,
                   help=f"where the generated JPEG is kept between runs (default {DEFAULT_MEDIA_DIR})")
    p.add_argument("--timeout", type=float, default=1800.0, help="limit per measured subprocess, seconds")
    p.add_argument("--make", help=argparse.SUPPRESS)  # internal: generate the image at this path
    p.add_argument("--worker", help=argparse.SUPPRESS)  # internal: one measurement, as JSON
    return p.parse_args()


# --------------------------------------------------------------------------- the image


def make_image(path: Path, width: int, height: int, rotated: bool) -> None:
    """Photo-like tiles (gradients, waves, noise) pasted into one image and saved as JPEG q90. Runs in
    its own process: holding the whole image costs what decoding it does."""
    import numpy as np
    from PIL import Image

    rng = np.random.default_rng(7)
    y = np.linspace(0, 1, TILE, dtype=np.float32)[:, None]
    x = np.linspace(0, 1, TILE, dtype=np.float32)[None, :]
    tiles = []
    for _ in range(8):
        corners, phase, freq = rng.uniform(0, 255, (3, 3)), rng.uniform(0, 6.28, 3), rng.uniform(1, 8, 3)
        pixels = np.empty((TILE, TILE, 3), np.float32)
        for k in range(3):
            pixels[..., k] = (corners[k, 0] * (1 - y) + corners[k, 1] * y * x + corners[k, 2] * (1 - x) * 0.5
                              + 30 * np.sin(freq[k] * 6.28 * x + phase[k]) * np.cos(freq[k] * 3 * y))
        pixels += rng.standard_normal((TILE, TILE, 1), dtype=np.float32) * 4
        tiles.append(Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8)))
    image = Image.new("RGB", (width, height))
    for row in range(0, height, TILE):
        for column in range(0, width, TILE):
            image.paste(tiles[(row // TILE * 3 + column // TILE) % len(tiles)], (column, row))
    exif = Image.Exif()
    if rotated:
        exif[0x0112] = 6
    tmp = path.with_name(path.name + ".tmp")
    image.save(tmp, "JPEG", quality=90, exif=exif.tobytes())
    os.replace(tmp, path)


def ensure_image(args: argparse.Namespace) -> Path:
    folder = args.media_dir.resolve()
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"large_{args.width}x{args.height}{'_rot6' if args.rotated else ''}.jpg"
    if not path.exists():
        print(f"generating {path} (kept for later runs) ...", flush=True)
        t0 = time.perf_counter()
        subprocess.run([sys.executable, str(HERE), "--make", json.dumps(
            {"path": str(path), "width": args.width, "height": args.height, "rotated": args.rotated})], check=True)
        print(f"  done in {time.perf_counter() - t0:.0f} s", flush=True)
    return path


# --------------------------------------------------------------------------- measurements (subprocesses)


class PeakMemory:
    """Peak RSS growth from a starting point: Linux's VmHWM, reset through /proc/self/clear_refs, so that
    imports and set-up do not hide a smaller peak; chunk workers (children) count with their whole peak."""

    def __init__(self) -> None:
        self.exact = True
        try:
            Path("/proc/self/clear_refs").write_text("5")
        except OSError:  # not Linux, or not allowed: fall back to the high-water mark of the whole process
            self.exact = False
        self.start_kib = self._status("VmHWM" if not self.exact else "VmRSS")

    @staticmethod
    def _status(field: str) -> int:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1])
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss

    def growth_mb(self) -> float:
        own = self._status("VmHWM") - self.start_kib
        children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss  # KiB on Linux
        return max(own, children) / 1024


def worker(spec: dict[str, Any]) -> dict[str, Any]:
    image = Path(spec["image"])
    data_dir = Path(spec["data_dir"])
    os.environ["CONTOUR_DATA_DIR"] = str(data_dir)
    os.environ["CONTOUR_SHARE_DIR"] = str(image.parent)
    for key in ("CONTOUR_REDIS_URL", "CONTOUR_DATABASE_URL"):
        os.environ.pop(key, None)

    import contour.queue
    from contour.config import get_settings
    from contour.db import transaction
    from contour.migrations import upgrade
    from contour.resources.accounts.service import do_create_user
    from contour.resources.common.actor import Actor, OrgScope
    from contour.resources.data import frames as reading
    from contour.resources.data import service
    from contour.resources.data.schemas import DataRequest
    from contour.resources.requests.models import BackgroundRequest
    from contour.resources.requests.runner import run_request
    from contour.resources.tasks.models import Task
    from contour.resources.tasks.schemas import TaskWriteRequest
    from contour.resources.tasks.service import do_create_task

    contour.queue.load_job_modules()  # the request handlers register on import
    upgrade(get_settings().resolved_database_url)
    with transaction() as db:
        user = do_create_user(db, "bench", "bench-password-123", email="bench@bench.test", is_superuser=True)
        actor = Actor(user)
        body = TaskWriteRequest.model_validate({"name": "large", "labels": [{"name": "car"}]})
        task_id = do_create_task(db, actor, OrgScope("sandbox"), body).id
    baseline_mb = PeakMemory._status("VmRSS") / 1024
    memory = PeakMemory()

    t0 = time.perf_counter()
    with transaction() as db:
        task = db.get(Task, task_id)
        assert task is not None
        request = DataRequest(server_files=[image.name], image_quality=70, use_cache=spec["use_cache"])
        request_id = service.do_start_creation(db, actor, task, request).id
    run_request(request_id)
    with transaction() as db:
        record = db.get(BackgroundRequest, request_id)
        if record is None or record.status != "finished":
            raise SystemExit(f"creation failed: {record.message if record else 'no request'}")
    created_s = time.perf_counter() - t0
    result: dict[str, Any] = {"created_s": created_s, "created_mb": memory.growth_mb()}
    if spec["use_cache"]:
        t1 = time.perf_counter()
        with transaction() as db:
            task = db.get(Task, task_id)
            assert task is not None
            view = service.require_media(db, task, [0])
            sizes = {quality: len(reading.get_chunk(view, 0, quality)) for quality in ("compressed", "original")}
            preview = reading.get_preview(task, view) or b""
        result.update(read_s=time.perf_counter() - t1, read_mb=memory.growth_mb(), chunk_bytes=sizes,
                      preview_bytes=len(preview))
    result.update(peak_mb=memory.growth_mb(), baseline_mb=baseline_mb, exact=memory.exact)
    return result


def run_worker(image: Path, use_cache: bool, timeout: float) -> dict[str, Any]:
    data_dir = Path(tempfile.mkdtemp(prefix="contour-bench-large-"))
    try:
        spec = {"image": str(image), "data_dir": str(data_dir), "use_cache": use_cache}
        proc = subprocess.run([sys.executable, str(HERE), "--worker", json.dumps(spec)], capture_output=True,
                              text=True, timeout=timeout)
        lines = [line for line in proc.stdout.splitlines() if line.startswith("RESULT ")]
        if proc.returncode != 0 or not lines:
            raise SystemExit(f"worker failed (exit {proc.returncode}):\n{(proc.stderr or proc.stdout)[-3000:]}")
        return dict(json.loads(lines[-1][len("RESULT "):]))
    finally:
        shutil.rmtree(data_dir, ignore_errors=True)


# --------------------------------------------------------------------------- main


def main() -> None:
    args = parse_args()
    if args.make:
        spec = json.loads(args.make)
        make_image(Path(spec["path"]), spec["width"], spec["height"], spec["rotated"])
        return
    if args.worker:
        print("RESULT " + json.dumps(worker(json.loads(args.worker))), flush=True)
        return
    image = ensure_image(args)
    megapixels = args.width * args.height / 1e6
    full_decode_mb = args.width * args.height * 4 / 2**20  # Pillow holds RGB as 4 bytes a pixel
    print(f"{image.name}: {args.width}x{args.height} ({megapixels:.0f} MP), {image.stat().st_size / 1e6:.1f} MB; "
          f"one full RGB decode holds {full_decode_mb:,.0f} MB", flush=True)
    built = run_worker(image, False, args.timeout)
    print(f"use_cache=false: creation {built['created_s']:.1f} s, peak RSS +{built['created_mb']:,.0f} MB "
          f"(baseline {built['baseline_mb']:.0f} MB)", flush=True)
    cached = run_worker(image, True, args.timeout)
    print(f"use_cache=true: creation {cached['created_s']:.1f} s, peak RSS +{cached['created_mb']:,.0f} MB; "
          f"then compressed + original chunk + preview {cached['read_s']:.1f} s, peak RSS +{cached['read_mb']:,.0f} MB "
          f"(chunks {cached['chunk_bytes']['compressed'] / 1e6:.1f} MB / {cached['chunk_bytes']['original'] / 1e6:.1f} MB, "
          f"preview {cached['preview_bytes'] / 1e3:.0f} KB)", flush=True)
    worst = max(built["peak_mb"], cached["peak_mb"])
    print(f"\npeak RSS growth of task creation and first reads, {args.width}x{args.height} JPEG: {worst:,.0f} MB "
          f"({worst / full_decode_mb:.2f} x one full decode)")


if __name__ == "__main__":
    main()
