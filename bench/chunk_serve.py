#!/usr/bin/env python
"""Benchmark serving cached chunks: 16 concurrent keep-alive clients against `contour serve`.

A task of ~500 1920x1080 JPEGs (the media of task_create.py, kept in --media-dir) is created via
`server_files` with use_cache=true, so chunks are built on first request and kept in the chunk
cache (diskcache under the data dir). First the cold latency (a chunk built by the request that
asks for it) is measured on a few chunks, then every compressed chunk is requested once to warm
the cache, then N client threads (one httpx2 keep-alive client each) fetch random cached
compressed chunks for --duration seconds: p50/p90/p99 latency, requests/s and MB/s, and the CPU
seconds the server and this (client) process spent. `contour serve` runs one uvicorn process
(several need the Redis queue). Benchmarks are not tests: nothing here asserts on timings.

    .venv/bin/python bench/chunk_serve.py                     # 500 images, 16 clients, 20 s
    .venv/bin/python bench/chunk_serve.py --images 200 --duration 5
    .venv/bin/python bench/chunk_serve.py --profile           # + py-spy of the server under load
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from task_create import (  # noqa: E402 - the shared bench helpers
    DEFAULT_MEDIA_DIR,
    IMAGE_DIR,
    api_client,
    attach_data,
    check,
    create_task,
    ensure_images,
    http_server,
    mb,
    prepare_database,
    py_spy,
    set_contour_env,
    summarize_profile,
    warm_page_cache,
)


def parse_args() -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--images", type=int, default=500, help="1920x1080 JPEGs in the task (default 500)")
    p.add_argument("--media-dir", type=Path, default=DEFAULT_MEDIA_DIR,
                   help=f"where generated media are kept between runs (default {DEFAULT_MEDIA_DIR})")
    p.add_argument("--clients", type=int, default=16, help="concurrent keep-alive clients (default 16)")
    p.add_argument("--duration", type=float, default=20.0, help="seconds of load (default 20)")
    p.add_argument("--cold", type=int, default=3, help="chunks whose first (building) request is timed (default 3)")
    p.add_argument("--quality", choices=["compressed", "original"], default="compressed")
    p.add_argument("--profile", action="store_true", help="py-spy the server during a second, shorter load")
    return p.parse_args()


def pct(values: list[float], q: float) -> float:
    values = sorted(values)
    if not values:
        return float("nan")
    k = (len(values) - 1) * q
    lo, hi = int(k), min(int(k) + 1, len(values) - 1)
    return values[lo] + (values[hi] - values[lo]) * (k - lo)


def cpu_seconds(pid: int) -> float:
    """utime + stime of a process (all its threads), from /proc."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def load(base: str, key: str, task_id: int, chunks: int, quality: str, clients: int, duration: float,
         server_pid: int) -> dict[str, float]:
    latencies: list[list[float]] = [[] for _ in range(clients)]
    received = [0] * clients
    errors: list[str] = []
    barrier = threading.Barrier(clients + 1)
    stop_at = [0.0]

    def worker(i: int) -> None:
        rng = random.Random(i)
        with api_client(base, key, timeout=120) as client:
            check(client.get(f"/api/tasks/{task_id}/data/meta"), 200)  # open the keep-alive connection
            barrier.wait()
            while time.perf_counter() < stop_at[0]:
                number = rng.randrange(chunks)
                t0 = time.perf_counter()
                r = client.get(f"/api/tasks/{task_id}/data",
                               params={"type": "chunk", "number": number, "quality": quality})
                elapsed = time.perf_counter() - t0
                if r.status_code != 200:
                    errors.append(f"HTTP {r.status_code}: {r.text[:200]}")
                    return
                latencies[i].append(elapsed * 1000)
                received[i] += len(r.content)

    threads = [threading.Thread(target=worker, args=(i,), daemon=True) for i in range(clients)]
    for t in threads:
        t.start()
    stop_at[0] = time.perf_counter() + 3600
    barrier.wait()
    server_cpu0, client_cpu0 = cpu_seconds(server_pid), time.process_time()
    t0 = time.perf_counter()
    stop_at[0] = t0 + duration
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - t0
    server_cpu, client_cpu = cpu_seconds(server_pid) - server_cpu0, time.process_time() - client_cpu0
    if errors:
        raise RuntimeError(errors[0])
    flat = [x for per in latencies for x in per]
    return {
        "requests": len(flat), "seconds": elapsed, "rps": len(flat) / elapsed, "mbps": sum(received) / elapsed / 1e6,
        "p50": pct(flat, 0.5), "p90": pct(flat, 0.9), "p99": pct(flat, 0.99), "max": max(flat),
        "server_cpu": server_cpu, "client_cpu": client_cpu,
        "fairness": min(len(x) for x in latencies) / max(1, max(len(x) for x in latencies)),
    }


def run(args: argparse.Namespace, tmp: Path) -> None:
    media_dir = args.media_dir.resolve()
    paths = ensure_images(media_dir, args.images)
    warm_page_cache(paths)
    env = set_contour_env(tmp / "data", media_dir)
    key = prepare_database()
    from contour.config import get_settings

    cache_dir = get_settings().data_dir / "cache"
    with http_server(env, tmp / "server.log") as server, api_client(server.base, key) as client:
        task_id = create_task(client, "bench chunk serving")
        creation = attach_data(client, task_id, {
            "server_files": [f"{IMAGE_DIR}/{p.name}" for p in paths], "image_quality": 70, "use_cache": True})
        meta = check(client.get(f"/api/tasks/{task_id}/data/meta"), 200).json()
        chunk_size = meta["chunk_size"]
        chunks = (meta["size"] + chunk_size - 1) // chunk_size
        print(f"task {task_id}: {meta['size']} images, chunk_size {chunk_size}, {chunks} chunks; "
              f"created (use_cache=true) in {creation.wall_s:.1f} s", flush=True)

        def get_chunk(number: int, quality: str) -> tuple[float, int]:
            t0 = time.perf_counter()
            r = check(client.get(f"/api/tasks/{task_id}/data",
                                 params={"type": "chunk", "number": number, "quality": quality}), 200)
            return (time.perf_counter() - t0) * 1000, len(r.content)

        # Cold: the request that builds the chunk (decode + encode of chunk_size frames, then cached).
        cold = {q: [get_chunk(n, q) for n in range(min(args.cold, chunks))] for q in ("compressed", "original")}
        # Warm every chunk of the measured quality once, then time sequential cached reads.
        warm_t0 = time.perf_counter()
        for n in range(chunks):
            get_chunk(n, args.quality)
        warm_s = time.perf_counter() - warm_t0
        sequential = [get_chunk(n % chunks, args.quality) for n in range(max(30, chunks))]
        chunk_bytes = statistics.median(b for _, b in sequential)
        print(f"cache warmed in {warm_s:.1f} s; {args.clients} clients for {args.duration:.0f} s ...", flush=True)

        result = load(server.base, key, task_id, chunks, args.quality, args.clients, args.duration, server.proc.pid)
        one = load(server.base, key, task_id, chunks, args.quality, 1, min(args.duration, 10), server.proc.pid)

        if args.profile:
            out = tmp / "profile.txt"
            with py_spy(server.proc.pid, out):
                profiled = load(server.base, key, task_id, chunks, args.quality, args.clients,
                                min(args.duration, 10), server.proc.pid)
            print(f"\nprofiled load (py-spy attached, so slower): {profiled['rps']:.1f} requests/s, "
                  f"p50 {profiled['p50']:.0f} ms")
            summarize_profile(out, wall_s=profiled["seconds"], top=18, focus=(
                "get_task_data", "access_task", "require_media", "media_view", "get_chunk (data/frames.py)",
                "frames_chunk", "DiskChunkCache.get", "Cache.get", "authenticate", "Response.__init__",
                "run_in_threadpool", "send (", "_write", "read_bytes", "Session.execute", "scalars",
            ))
        cache_bytes = sum(p.stat().st_size for p in cache_dir.rglob("*") if p.is_file())

    print(f"\nChunk serving: task of {meta['size']} 1920x1080 JPEGs, use_cache=true, chunk_size {chunk_size}, "
          f"{chunks} chunks of ~{mb(chunk_bytes)} ({args.quality}); cache dir {mb(cache_bytes)}; "
          f"`contour serve` (uvicorn, 1 process), {os.cpu_count()} cores")
    header = f"{'scenario':<44} {'n':>6} {'p50 ms':>8} {'p90 ms':>8} {'p99 ms':>8} {'max ms':>8} {'req/s':>7} {'MB/s':>7}"
    print(header)
    print("-" * len(header))
    for quality, rows in cold.items():
        lat = [t for t, _ in rows]
        print(f"{'cold (first request builds it), ' + quality:<44} {len(lat):>6} {pct(lat, 0.5):>8.0f} {'-':>8} {'-':>8}"
              f" {max(lat):>8.0f} {'-':>7} {'-':>7}")
    seq = [t for t, _ in sequential]
    print(f"{'cached, 1 client sequential (main client)':<44} {len(seq):>6} {pct(seq, 0.5):>8.1f} {pct(seq, 0.9):>8.1f}"
          f" {pct(seq, 0.99):>8.1f} {max(seq):>8.1f} {1000 / statistics.mean(seq):>7.1f}"
          f" {chunk_bytes * 1000 / statistics.mean(seq) / 1e6:>7.0f}")
    for label, r in ((f"cached, 1 client, random, {one['seconds']:.0f} s", one),
                     (f"cached, {args.clients} clients, random, {r_s(result)} s", result)):
        print(f"{label:<44} {r['requests']:>6} {r['p50']:>8.1f} {r['p90']:>8.1f} {r['p99']:>8.1f} {r['max']:>8.1f}"
              f" {r['rps']:>7.1f} {r['mbps']:>7.0f}")
    print(f"\nunder {args.clients}-client load: server {result['server_cpu'] / result['seconds']:.2f} cores busy, "
          f"client (this process) {result['client_cpu'] / result['seconds']:.2f} cores; "
          f"server CPU per request {result['server_cpu'] / result['requests'] * 1000:.1f} ms "
          f"(1 client: {one['server_cpu'] / max(1, one['requests']) * 1000:.1f} ms); "
          f"fairness (fewest/most requests per client) {result['fairness']:.2f}")
    print(f"\n{args.clients} clients fetching cached {args.quality} chunks (~{mb(chunk_bytes)}): p50 {result['p50']:.0f} ms, "
          f"p99 {result['p99']:.0f} ms, {result['rps']:.1f} requests/s ({result['mbps']:.0f} MB/s); "
          f"cold chunk build {pct([t for t, _ in cold['compressed']], 0.5):.0f} ms")


def r_s(result: dict[str, float]) -> str:
    return f"{result['seconds']:.0f}"


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
