#!/usr/bin/env python
"""Benchmark task creation from 1080p JPEGs: Contour's chunk building against plain Pillow.

(a) The physical limit: in ONE process, each JPEG decoded, resized to a 256-px preview, and the
    full-size image encoded as JPEG q=70 (what a compressed chunk holds), images/s.
(b) Contour: a real `contour serve` subprocess (temp CONTOUR_DATA_DIR, CONTOUR_SHARE_DIR = the
    media cache) creates a task from the same files via `server_files` with use_cache=false, so
    compressed + original chunks are built during creation in the chunk process pool; wall time
    from the POST to the request's `finished`, images/s. The headline is (b)/(a) (goal: >= 0.8
    with both cores used). use_cache=true creation (probe + manifest + rows only) is timed too.

The images (photo-like: gradients, shapes, blur, sensor noise; ~400 KB at quality 90) are made
once with numpy + Pillow and kept in --media-dir. Files are read once before timing so both
sides see a warm page cache. Benchmarks are not tests: nothing here asserts on timings.

    .venv/bin/python bench/task_create.py                  # 2,000 images
    .venv/bin/python bench/task_create.py --images 300     # quick run
    .venv/bin/python bench/task_create.py --profile        # + a py-spy profile of a separate creation

--profile needs py-spy (`.venv/bin/pip install py-spy`); it samples the server and its chunk
workers during an extra, untimed use_cache=false creation and prints where the time goes.

The other benchmarks of task data (chunk_serve.py, video_task.py) import the helpers below.
"""

from __future__ import annotations

import argparse
import io
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from harness import http_server  # noqa: E402 - shared bench helpers (bench/ is on sys.path)

PASSWORD = "bench-password-123"
WIDTH, HEIGHT = 1920, 1080
IMAGE_DIR = "images-1080p"  # under --media-dir (the server's share)
DEFAULT_MEDIA_DIR = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "contour-bench"


# --------------------------------------------------------------------------- media


def make_image(seed: int, noise: float = 4.0) -> bytes:
    """A photo-like 1920x1080 JPEG (quality 90): smooth gradients and waves, 40 blurred shapes, and
    luminance + chroma noise, so that JPEG sizes (~400 KB) and decode costs are realistic."""
    import numpy as np
    from PIL import Image, ImageDraw, ImageFilter

    rng = np.random.default_rng(seed)
    y = np.linspace(0, 1, HEIGHT, dtype=np.float32)[:, None]
    x = np.linspace(0, 1, WIDTH, dtype=np.float32)[None, :]
    corners = rng.uniform(0, 255, (3, 3)).astype(np.float32)
    phase, freq = rng.uniform(0, 6.28, 3), rng.uniform(1, 6, 3)
    pixels = np.empty((HEIGHT, WIDTH, 3), np.float32)
    for k in range(3):
        pixels[..., k] = (corners[k, 0] * (1 - y) + corners[k, 1] * y * x + corners[k, 2] * (1 - x) * 0.5
                          + 25 * np.sin(freq[k] * 6.28 * x + phase[k]) * np.cos(freq[k] * 3 * y))
    image = Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8))
    draw = ImageDraw.Draw(image)
    for _ in range(40):
        x0, y0 = int(rng.integers(0, WIDTH)), int(rng.integers(0, HEIGHT))
        w, h = (int(v) for v in rng.integers(20, 400, 2))
        fill = tuple(int(v) for v in rng.integers(0, 256, 3))
        (draw.ellipse if rng.random() < 0.5 else draw.rectangle)([x0, y0, x0 + w, y0 + h], fill=fill)
    image = image.filter(ImageFilter.GaussianBlur(1.5))
    noisy = np.asarray(image).astype(np.int16)
    noisy += (rng.standard_normal((HEIGHT, WIDTH, 1), dtype=np.float32) * noise).astype(np.int16)
    noisy += (rng.standard_normal((HEIGHT, WIDTH, 3), dtype=np.float32) * (noise / 2)).astype(np.int16)
    out = io.BytesIO()
    Image.fromarray(np.clip(noisy, 0, 255).astype(np.uint8)).save(out, "JPEG", quality=90)
    return out.getvalue()


def _write_image(args: tuple[Path, int]) -> None:
    path, seed = args
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_bytes(make_image(seed))
    os.replace(tmp, path)


def image_name(i: int) -> str:
    return f"img_{i:06d}.jpg"


def ensure_images(media_dir: Path, count: int) -> list[Path]:
    """`count` JPEGs under media_dir/images-1080p, generating the missing ones on all cores."""
    folder = media_dir / IMAGE_DIR
    folder.mkdir(parents=True, exist_ok=True)
    paths = [folder / image_name(i) for i in range(count)]
    missing = [(p, i) for i, p in enumerate(paths) if not p.exists()]
    if missing:
        print(f"generating {len(missing):,} 1920x1080 JPEGs in {folder} (kept for later runs) ...", flush=True)
        t0 = time.perf_counter()
        with ProcessPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
            list(pool.map(_write_image, missing, chunksize=8))
        print(f"  done in {time.perf_counter() - t0:.0f} s", flush=True)
    return paths


def warm_page_cache(paths: list[Path]) -> int:
    total = 0
    for p in paths:
        total += len(p.read_bytes())
    return total


def physical_limit(paths: list[Path], quality: int = 70) -> dict[str, float]:
    """One process: decode, 256-px preview (resize), JPEG encode of the full-size image. Returns the
    images/s and the median per-image milliseconds of each step."""
    from PIL import Image

    steps: dict[str, list[float]] = defaultdict(list)
    out_bytes = 0
    t_start = time.perf_counter()
    for p in paths:
        t0 = time.perf_counter()
        with Image.open(p) as im:
            im.load()
            t1 = time.perf_counter()
            scale = 256 / max(im.size)
            im.resize((round(im.width * scale), round(im.height * scale)), Image.Resampling.BICUBIC, reducing_gap=3.0)
            t2 = time.perf_counter()
            buffer = io.BytesIO()
            im.save(buffer, "JPEG", quality=quality)
            out_bytes += buffer.tell()
        t3 = time.perf_counter()
        steps["decode"].append(t1 - t0)
        steps["resize"].append(t2 - t1)
        steps["encode"].append(t3 - t2)
    elapsed = time.perf_counter() - t_start
    result = {f"{k}_ms": statistics.median(v) * 1000 for k, v in steps.items()}
    result.update(seconds=elapsed, images_per_s=len(paths) / elapsed, out_kb=out_bytes / len(paths) / 1000)
    return result


# --------------------------------------------------------------------------- the server


def set_contour_env(data_dir: Path, share_dir: Path | None = None, **extra: str) -> dict[str, str]:
    """Point CONTOUR_* at a scratch data dir; call BEFORE importing contour (settings are read once)."""
    os.environ["CONTOUR_DATA_DIR"] = str(data_dir)
    os.environ["CONTOUR_ARGON2_TIME_COST"] = "1"
    os.environ["CONTOUR_ARGON2_MEMORY_KIB"] = "1024"
    for key in ("CONTOUR_REDIS_URL", "CONTOUR_DATABASE_URL", "CONTOUR_SHARE_DIR"):
        os.environ.pop(key, None)
    if share_dir is not None:
        os.environ["CONTOUR_SHARE_DIR"] = str(share_dir)
    for key, value in extra.items():
        os.environ[f"CONTOUR_{key.upper()}"] = str(value)
    return dict(os.environ)


def prepare_database(username: str = "bench_admin") -> str:
    """Migrations, an admin user; returns its API key (for `Authorization: Token <key>`)."""
    from contour.config import get_settings
    from contour.db import transaction
    from contour.migrations import upgrade
    from contour.resources.accounts.service import do_create_user, do_login

    upgrade(get_settings().resolved_database_url)
    with transaction() as db:
        do_create_user(db, username, PASSWORD, email=f"{username}@bench.test", is_superuser=True)
    with transaction() as db:
        return do_login(db, username, PASSWORD).api_key


def api_client(base: str, key: str, timeout: float = 600) -> Any:
    import httpx2

    return httpx2.Client(base_url=base, headers={"Authorization": f"Token {key}"}, timeout=timeout)


def check(response: Any, *expected: int) -> Any:
    if response.status_code not in expected:
        raise RuntimeError(f"{response.request.method} {response.request.url}: HTTP {response.status_code} "
                           f"{response.text[:500]}")
    return response


def create_task(client: Any, name: str, segment_size: int | None = None) -> int:
    body: dict[str, Any] = {"name": name, "labels": [{"name": "car"}]}
    if segment_size is not None:
        body["segment_size"] = segment_size
    return int(check(client.post("/api/tasks", json=body), 201).json()["id"])


def _parse_date(value: str | None) -> float | None:
    from datetime import datetime

    return datetime.fromisoformat(value.replace("Z", "+00:00")).timestamp() if value else None


@dataclass
class Creation:
    task_id: int
    wall_s: float  # POST .../data -> the request seen finished (client clock)
    queued_s: float  # created -> started (server clock): the queue's pick-up delay
    run_s: float  # started -> finished (server clock): the handler itself
    request: dict[str, Any]


def attach_data(client: Any, task_id: int, data: dict[str, Any], poll_s: float = 0.2,
                timeout_s: float = 3600) -> Creation:
    """POST the data request (JSON: server_files ...) and poll /api/requests until it ends."""
    t0 = time.perf_counter()
    rq_id = check(client.post(f"/api/tasks/{task_id}/data", json=data), 202).json()["rq_id"]
    deadline = time.monotonic() + timeout_s
    while True:
        body = check(client.get(f"/api/requests/{rq_id}"), 200).json()
        if body["status"] in ("finished", "failed"):
            wall = time.perf_counter() - t0
            break
        if time.monotonic() > deadline:
            raise RuntimeError(f"request {rq_id} still {body['status']} after {timeout_s} s")
        time.sleep(poll_s)
    if body["status"] != "finished":
        raise RuntimeError(f"task {task_id}: creation failed: {body['message']}")
    created, started, finished = (_parse_date(body[k]) for k in ("created_date", "started_date", "finished_date"))
    queued = (started - created) if started and created else float("nan")
    run = (finished - started) if finished and started else float("nan")
    return Creation(task_id, wall, queued, run, body)


def dir_size(path: Path) -> tuple[int, int]:
    """(bytes, files) under path (0, 0 when missing)."""
    total = files = 0
    if path.exists():
        for p in path.rglob("*"):
            if p.is_file():
                try:
                    total += p.stat().st_size
                    files += 1
                except FileNotFoundError:
                    pass
    return total, files


def mb(n: float) -> str:
    return f"{n / 1e6:,.1f} MB"


# --------------------------------------------------------------------------- profiling


@contextmanager
def py_spy(pid: int, out: Path, rate: int = 50) -> Iterator[None]:
    """py-spy record (collapsed stacks) of a process and its children while the block runs."""
    exe = Path(sys.executable).with_name("py-spy")
    if not exe.exists():
        found = shutil.which("py-spy")
        if not found:
            raise SystemExit("--profile needs py-spy: .venv/bin/pip install py-spy")
        exe = Path(found)
    proc = subprocess.Popen(
        [str(exe), "record", "--pid", str(pid), "--subprocesses", "--format", "raw", "--rate", str(rate),
         "--output", str(out), "--nonblocking"],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )
    time.sleep(1.0)  # let it attach
    try:
        yield
    finally:
        proc.send_signal(2)  # SIGINT: py-spy writes its output and exits
        try:
            _, err = proc.communicate(timeout=60)
        except subprocess.TimeoutExpired:
            proc.kill()
            _, err = proc.communicate()
        if not out.exists():
            print(f"py-spy wrote nothing: {err.decode(errors='replace')[-500:]}", file=sys.stderr)


def summarize_profile(path: Path, top: int = 14, focus: tuple[str, ...] = (), rate: int = 50,
                      wall_s: float | None = None) -> None:
    """On-CPU samples (py-spy leaves idle threads out) as CPU seconds: per process (server vs. chunk
    workers), the hottest leaf functions (self time) and a few functions of interest (inclusive)."""
    if not path.exists():
        return
    per_process: Counter[str] = Counter()
    leaves: Counter[tuple[str, str]] = Counter()
    inclusive: Counter[tuple[str, str]] = Counter()
    total = 0
    for line in path.read_text(errors="replace").splitlines():
        stack, _, count_text = line.rpartition(" ")
        if not stack or not count_text.isdigit():
            continue
        count = int(count_text)
        # Stacks start with the chain of processes: `process PID:"cmdline";process PID:"cmdline";...`
        # (a command line may itself hold ';'), then the frames of the last one.
        cmdline = ""
        while (match := _PROCESS_FRAME.match(stack)) is not None:
            cmdline = match.group(1)
            stack = stack[match.end():]
        kind = ("chunk worker" if "forkserver" in cmdline else "mp helper" if "resource_tracker" in cmdline
                else "server")
        per_process[kind] += count
        total += count
        frames = stack.split(";") if stack else []
        idle = frames and any(w in frames[-1] for w in ("wait (threading", "select (selectors", "_worker (concurrent",
                                                        "sleep", "poll (", "accept (", "get (queue", "_recv",
                                                        "resource_tracker", "Runner.run (asyncio"))
        if not frames or idle:
            leaves[(kind, "<idle/waiting>")] += count
            continue
        leaves[(kind, _short(frames[-1]))] += count
        seen = set()
        for f in frames:
            s = _short(f)
            if any(name in s for name in focus) and s not in seen:
                inclusive[(kind, s)] += count
                seen.add(s)
    if not total:
        return
    cores = f" = {total / rate / wall_s:.2f} cores busy over {wall_s:.1f} s" if wall_s else ""
    print(f"\npy-spy, on-CPU samples at {rate} Hz: {total / rate:.1f} CPU-s{cores}; by process: "
          + ", ".join(f"{k} {v / rate:.1f} s" for k, v in per_process.most_common()))
    print(f"{'process':<13} {'self s':>7} {'share':>6}  hottest functions (leaf frames)")
    for (kind, name), count in leaves.most_common(top):
        print(f"{kind:<13} {count / rate:>7.2f} {count / total:>6.1%}  {name}")
    if inclusive:
        print(f"\n{'process':<13} {'incl s':>7} {'share':>6}  functions of interest (inclusive)")
        for (kind, name), count in sorted(inclusive.items(), key=lambda kv: -kv[1]):
            print(f"{kind:<13} {count / rate:>7.2f} {count / total:>6.1%}  {name}")


_PROCESS_FRAME = re.compile(r'process \d+:"([^"]*)";?')


def _short(frame: str) -> str:
    # "func (path/to/module.py:123)" -> "func (module.py)"
    name, _, where = frame.partition(" (")
    where = where.rstrip(")").rsplit(":", 1)[0]
    parts = Path(where).parts
    location = "/".join(parts[-2:]) if parts else where
    return f"{name} ({location})"


# --------------------------------------------------------------------------- main


def parse_args() -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--images", type=int, default=2000, help="1920x1080 JPEGs in the task (default 2000)")
    p.add_argument("--media-dir", type=Path, default=DEFAULT_MEDIA_DIR,
                   help=f"where generated media are kept between runs (default {DEFAULT_MEDIA_DIR})")
    p.add_argument("--chunk-workers", type=int, default=0, help="CONTOUR_CHUNK_WORKERS (default 0 = one per core)")
    p.add_argument("--image-quality", type=int, default=70)
    p.add_argument("--limit-sample", type=int, default=0,
                   help="images timed for the physical limit (default: all of them)")
    p.add_argument("--rounds", type=int, default=3, help="interleaved rounds of (a) and (b) (default 3)")
    p.add_argument("--no-cache-run", action="store_true", help="skip the use_cache=true creation")
    p.add_argument("--profile", action="store_true", help="profile an extra use_cache=false creation with py-spy")
    return p.parse_args()


def _limit_half(args: tuple[list[str], int]) -> dict[str, float]:
    names, quality = args
    return physical_limit([Path(n) for n in names], quality)


def physical_limit_parallel(paths: list[Path], processes: int, quality: int = 70) -> float:
    """The same work split over `processes` processes (started beforehand); images/s."""
    parts = [[str(p) for p in paths[i::processes]] for i in range(processes)]
    with ProcessPoolExecutor(max_workers=processes) as pool:
        list(pool.map(_limit_half, [([str(paths[0])], quality)] * processes))  # start + import first
        t0 = time.perf_counter()
        list(pool.map(_limit_half, [(part, quality) for part in parts]))
        return len(paths) / (time.perf_counter() - t0)


def run(args: argparse.Namespace, tmp: Path) -> None:
    media_dir = args.media_dir.resolve()
    paths = ensure_images(media_dir, args.images)
    total_bytes = warm_page_cache(paths)
    cores = os.cpu_count() or 1
    print(f"{len(paths):,} images, {total_bytes / len(paths) / 1000:.0f} KB mean (JPEG q90 1920x1080), "
          f"{mb(total_bytes)} in all; {cores} cores", flush=True)
    sample = paths[: args.limit_sample] if args.limit_sample else paths

    env = set_contour_env(tmp / "data", media_dir, chunk_workers=str(args.chunk_workers))
    key = prepare_database()
    server_files = [f"{IMAGE_DIR}/{p.name}" for p in paths]
    data_dir = tmp / "data"
    data = {"server_files": server_files, "image_quality": args.image_quality, "sorting_method": "lexicographical"}
    limits: list[dict[str, float]] = []
    parallel: list[float] = []
    built: list[Creation] = []
    cached: list[Creation] = []
    chunks = (0, 0)
    chunk_size = None
    n = len(paths)
    with http_server(env, tmp / "server.log") as server, api_client(server.base, key) as client:
        # Rounds interleave (a) and (b) so that both see the same machine weather.
        for round_no in range(1, args.rounds + 1):
            limit = physical_limit(sample, args.image_quality)
            limits.append(limit)
            if cores > 1:
                parallel.append(physical_limit_parallel(sample, cores, args.image_quality))
            task_id = create_task(client, f"bench use_cache=false {round_no}")
            time.sleep(0.5)
            creation = attach_data(client, task_id, {**data, "use_cache": False})
            built.append(creation)
            if chunk_size is None:
                chunk_size = check(client.get(f"/api/tasks/{task_id}/data/meta"), 200).json()["chunk_size"]
                chunks = dir_size(data_dir / "tasks" / str(task_id) / "chunks")
            check(client.delete(f"/api/tasks/{task_id}"), 204)
            if not args.no_cache_run:
                task_id = create_task(client, f"bench use_cache=true {round_no}")
                time.sleep(0.5)
                cached.append(attach_data(client, task_id, {**data, "use_cache": True}))
                check(client.delete(f"/api/tasks/{task_id}"), 204)
            extra = f", (a) x{cores} processes {parallel[-1]:.1f}" if parallel else ""
            print(f"round {round_no}: (a) {limit['images_per_s']:.1f} images/s{extra}, "
                  f"(b) use_cache=false {creation.wall_s:.1f} s = {n / creation.wall_s:.1f} images/s "
                  f"-> ratio {n / creation.wall_s / limit['images_per_s']:.2f}"
                  + (f"; use_cache=true {cached[-1].wall_s:.1f} s" if cached else ""), flush=True)

        if args.profile:
            task_id = create_task(client, "bench profiled")
            time.sleep(0.5)
            out = tmp / "profile.txt"
            with py_spy(server.proc.pid, out):
                profiled = attach_data(client, task_id, {**data, "use_cache": False})
            print(f"\nprofiled use_cache=false creation (py-spy attached, so slower): {profiled.wall_s:.1f} s "
                  f"= {n / profiled.wall_s:.1f} images/s")
            summarize_profile(out, wall_s=profiled.wall_s, focus=(
                "create_task_data", "gather_files", "_frame_sizes", "build_imageset_chunks", "_pool",
                "encode_frame", "compress_to_jpeg", "original_bytes", "probe_image", "ImageFile.load (",
                "Image.save (", "zip_chunk", "_write_atomically", "progress (requests/runner.py)", "_commit",
                "write_images_manifest", "_send_bytes", "_recv_bytes", "dumps", "_find_and_load",
            ))

    med = statistics.median
    a = med(x["images_per_s"] for x in limits)
    a_seconds = med(x["seconds"] for x in limits) * n / len(sample)
    ratios = [n / c.wall_s / x["images_per_s"] for c, x in zip(built, limits, strict=True)]
    header = (f"{'scenario (median of ' + str(args.rounds) + ' rounds)':<44} {'wall s':>7} {'images/s':>9}"
              f" {'vs (a)':>7} {'queued s':>9} {'run s':>7}")
    print(f"\nTask creation, {n:,} 1920x1080 JPEGs ({total_bytes / n / 1000:.0f} KB) via server_files; chunk_size "
          f"{chunk_size}; image_quality {args.image_quality}; chunk workers {args.chunk_workers or cores}; {cores} cores")
    print(header)
    print("-" * len(header))
    print(f"{'(a) Pillow decode+preview+encode, 1 process':<44} {a_seconds:>7.1f} {a:>9.1f} {1:>7.2f}"
          f" {'-':>9} {'-':>7}")
    if parallel:
        p = med(parallel)
        print(f"{f'(a) the same, {cores} processes (2-core limit)':<44} {n / p:>7.1f} {p:>9.1f} {p / a:>7.2f}"
              f" {'-':>9} {'-':>7}")
    for label, runs in (("use_cache=false", built), ("use_cache=true", cached)):
        if not runs:
            continue
        wall = med(c.wall_s for c in runs)
        print(f"{'(b) Contour ' + label:<44} {wall:>7.1f} {n / wall:>9.1f} {n / wall / a:>7.2f}"
              f" {med(c.queued_s for c in runs):>9.2f} {med(c.run_s for c in runs):>7.1f}")
    lo = limits[0]
    print(f"\n(a) per image: decode {med(x['decode_ms'] for x in limits):.1f} ms, 256-px resize "
          f"{med(x['resize_ms'] for x in limits):.1f} ms, encode q{args.image_quality} "
          f"{med(x['encode_ms'] for x in limits):.1f} ms ({lo['out_kb']:.0f} KB out).")
    print("queued s = created -> started (the queue's pick-up delay); run s = started -> finished (server clock).")
    print(f"use_cache=false chunks on disk: {mb(chunks[0])} in {chunks[1]} files (compressed + original).")
    if parallel:
        b_rate = n / med(c.wall_s for c in built)
        print(f"(b) use_cache=false / 2-process Pillow: {b_rate / med(parallel):.2f}")
    print(f"per-round ratios (b)/(a): {', '.join(f'{r:.2f}' for r in ratios)}")
    print(f"\nratio (b)/(a), task creation with use_cache=false vs one-process Pillow: {med(ratios):.2f} "
          f"(median of {len(ratios)} rounds; {n / med(c.wall_s for c in built):.1f} vs {a:.1f} images/s, {n:,} images)")


def main() -> None:
    args = parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="contour-bench-"))
    try:
        run(args, tmp)
    finally:
        try:
            from contour.db import get_engine

            get_engine().dispose()
        except Exception:  # noqa: BLE001 - contour may not have been imported
            pass
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
