#!/usr/bin/env python
"""Benchmark a long video task: creation, opening its one 30,000-frame job, disk use, deletion, eviction.

A 720p H.264 MP4 (libx264 ultrafast, 30 fps, keyint 250, scrolling textured background and a
moving box) is generated once with PyAV and kept in --media-dir (the server's share). Against a
real `contour serve` (temp CONTOUR_DATA_DIR, a small CONTOUR_CACHE_SIZE_BYTES):

1. creation via `server_files` with use_cache=true (probe + manifest + rows; chunks on demand);
2. "opening the job" (segment_size 0, so one job of every frame): GET /api/jobs?task_id=,
   GET /api/jobs/{id}, GET /api/jobs/{id}/data/meta, GET .../data?type=chunk&index=0 compressed,
   cold (the chunk is built by the request) and warm (from the cache);
3. creation with use_cache=false (every chunk, compressed + original, built ahead). A pilot on the
   first --pilot-frames frames (stop_frame, so the full file is still probed) gives the rate;
   when the full video would take more than --max-nocache-s, the full run is skipped and an
   extrapolation is printed, clearly labelled;
4. disk: the task's data dir (chunks, manifest, preview) and the cache dir;
5. eviction: many chunks of both qualities are requested; the cache directory is measured after
   each response and must stay within CONTOUR_CACHE_SIZE_BYTES;
6. deletion: DELETE the tasks, then the data dir must be back to its baseline and the task's cache
   entries gone (entry count of contour's own chunk cache, opened in this process).

Benchmarks are not tests: timings are printed, never asserted; the checks of 5 and 6 print
OK/FAIL.

    .venv/bin/python bench/video_task.py                        # 30,000 frames
    .venv/bin/python bench/video_task.py --frames 3000           # quick run
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from task_create import (  # noqa: E402 - the shared bench helpers
    DEFAULT_MEDIA_DIR,
    Creation,
    api_client,
    attach_data,
    check,
    create_task,
    dir_size,
    http_server,
    mb,
    prepare_database,
    py_spy,
    set_contour_env,
    summarize_profile,
)

VIDEO_DIR = "video-720p"
W, H, FPS, KEYINT = 1280, 720, 30, 250
NOISE = 3  # +- luma grain


# --------------------------------------------------------------------------- media


def video_path(media_dir: Path, frames: int) -> Path:
    return media_dir / VIDEO_DIR / f"moving_grain{NOISE}_{frames}f_720p.mp4"


def make_video(path: Path, frames: int) -> None:
    """Frames straight in yuv420p (no RGB conversion): a textured luma field scrolling 3 px/frame,
    slowly drifting chroma and a bright box crossing the picture."""
    import av
    import numpy as np

    rng = np.random.default_rng(7)
    pad = 4096
    yy = np.linspace(0, 1, H, dtype=np.float32)[:, None]
    xx = np.linspace(0, 1, W + pad, dtype=np.float32)[None, :]
    field = 90 + 60 * np.sin(xx * 40) * np.cos(yy * 9) + 40 * yy
    field += rng.normal(0, 10, field.shape).astype(np.float32)  # texture: x264 must code something
    luma = np.clip(field, 16, 235).astype(np.uint8)
    u0 = (128 + 30 * np.sin(np.linspace(0, 6, W // 2, dtype=np.float32)))[None, :].repeat(H // 2, 0)
    # Sensor-like temporal noise (16 planes, cycled) so chunks have camera-like sizes, not a cartoon's.
    grain = [rng.integers(-NOISE, NOISE + 1, (H, W), dtype=np.int16) for _ in range(16)]
    tmp = path.with_name(path.name + ".tmp.mp4")
    path.parent.mkdir(parents=True, exist_ok=True)
    with av.open(str(tmp), mode="w") as out:
        stream = out.add_stream("libx264", rate=FPS, options={"preset": "ultrafast", "crf": "23", "g": str(KEYINT)})
        stream.width, stream.height, stream.pix_fmt = W, H, "yuv420p"
        planes = np.empty((H * 3 // 2, W), np.uint8)
        for i in range(frames):
            offset = (i * 3) % pad
            y_plane = luma[:, offset : offset + W].astype(np.int16) + grain[i % 16]
            bx, by = (i * 5) % (W - 160), int((H - 120) * (0.5 + 0.4 * np.sin(i / 50)))
            y_plane[by : by + 120, bx : bx + 160] = 230
            np.clip(y_plane, 0, 255, out=y_plane)
            planes[:H] = y_plane
            u = planes[H : H + H // 4].reshape(H // 2, W // 2)
            v = planes[H + H // 4 :].reshape(H // 2, W // 2)
            u[:] = u0.astype(np.uint8)
            v[:] = np.uint8(128 + 40 * np.sin(i / 300))
            frame = av.VideoFrame.from_ndarray(planes, format="yuv420p")
            frame.pts = i
            out.mux(stream.encode(frame))
            if i % 5000 == 4999:
                print(f"  {i + 1:,} frames", flush=True)
        out.mux(stream.encode(None))
    os.replace(tmp, path)


def ensure_video(media_dir: Path, frames: int) -> Path:
    path = video_path(media_dir, frames)
    if not path.exists():
        print(f"generating a {frames:,}-frame 1280x720 H.264 MP4 at {path} (kept for later runs) ...", flush=True)
        t0 = time.perf_counter()
        make_video(path, frames)
        print(f"  done in {time.perf_counter() - t0:.0f} s", flush=True)
    return path


# --------------------------------------------------------------------------- measuring


def timed(client: Any, path: str, params: dict[str, Any] | None = None) -> tuple[float, Any]:
    t0 = time.perf_counter()
    r = check(client.get(path, params=params), 200)
    return (time.perf_counter() - t0) * 1000, r


def open_job(client: Any, task_id: int) -> dict[str, float]:
    """What a client does to show a job: find it, read it, its meta and its first chunk (ms each)."""
    out: dict[str, float] = {}
    out["jobs?task_id"], r = timed(client, "/api/jobs", {"task_id": task_id})
    results = r.json()["results"]
    if len(results) != 1:
        raise RuntimeError(f"expected one job, got {len(results)}")
    job_id = results[0]["id"]
    out["job"], _ = timed(client, f"/api/jobs/{job_id}")
    out["meta"], r = timed(client, f"/api/jobs/{job_id}/data/meta")
    out["meta_kb"] = len(r.content) / 1000
    out["chunk 0"], r = timed(client, f"/api/jobs/{job_id}/data",
                              {"type": "chunk", "index": 0, "quality": "compressed"})
    out["chunk_kb"] = len(r.content) / 1000
    out["total"] = out["jobs?task_id"] + out["job"] + out["meta"] + out["chunk 0"]
    return out


def cache_entries() -> int:
    from contour.resources.data.cache import get_chunk_cache

    return get_chunk_cache().entry_count()


def machine_busy() -> tuple[float, float]:
    """(busy, total) jiffies of all CPUs, from /proc/stat."""
    values = [int(v) for v in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
    idle = values[3] + values[4]  # idle + iowait
    return float(sum(values) - idle), float(sum(values))


def busy_cores(before: tuple[float, float], after: tuple[float, float]) -> float:
    total = after[1] - before[1]
    return (after[0] - before[0]) / total * (os.cpu_count() or 1) if total else float("nan")


def cache_volume() -> int:
    from contour.resources.data.cache import get_chunk_cache

    return get_chunk_cache().volume()


def cache_breakdown(cache_dir: Path) -> dict[str, int]:
    """Bytes of the cache directory: value files, the SQLite file, its WAL and shared memory."""
    parts = {"values": 0, "db": 0, "wal": 0}
    for p in cache_dir.rglob("*") if cache_dir.exists() else []:
        try:
            size = p.stat().st_size if p.is_file() else 0
        except FileNotFoundError:
            continue
        key = "db" if p.name == "cache.db" else "wal" if p.name.startswith("cache.db-") else "values"
        parts[key] += size
    parts["total"] = sum(parts.values())
    return parts


def chunk_build_costs(path: Path, number: int, chunk_size: int) -> dict[str, float]:
    """In a fresh process: build_chunk of one chunk given the VideoInfo vs without it (as the server
    calls it, so it probes the file first); ms, median of 3."""
    code = (
        "import sys,time,json,statistics; from pathlib import Path; from contour.media import video\n"
        "p=Path(sys.argv[1]); n=int(sys.argv[2]); size=int(sys.argv[3]); info=video.probe_video(p)\n"
        "frames=list(range(n*size, min((n+1)*size, info.frame_count))); out={}\n"
        "for q in ('compressed','original'):\n"
        " for label, kw in (('with_info', {'info': info}), ('no_info', {})):\n"
        "  ts=[]\n"
        "  for _ in range(3):\n"
        "   t=time.perf_counter(); video.build_chunk(p, frames, kind='video', quality=q, image_quality=70, **kw)\n"
        "   ts.append((time.perf_counter()-t)*1000)\n"
        "  out[q+'_'+label]=statistics.median(ts)\n"
        "print(json.dumps(out))"
    )
    import json

    return json.loads(subprocess.check_output([sys.executable, "-c", code, str(path), str(number), str(chunk_size)],
                                              text=True).strip().splitlines()[-1])


def probe_seconds(path: Path) -> float:
    """probe_video of the file in a fresh process, as each chunk build does (median of 3)."""
    code = ("import sys,time; from pathlib import Path; from contour.media.video import probe_video; "
            "p=Path(sys.argv[1]); probe_video(p); ts=[]\n"
            "for _ in range(3):\n t=time.perf_counter(); probe_video(p); ts.append(time.perf_counter()-t)\n"
            "print(sorted(ts)[1])")
    return float(subprocess.check_output([sys.executable, "-c", code, str(path)], text=True).strip())


# --------------------------------------------------------------------------- main


def parse_args() -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--frames", type=int, default=30_000, help="frames of the generated video (default 30000)")
    p.add_argument("--media-dir", type=Path, default=DEFAULT_MEDIA_DIR,
                   help=f"where generated media are kept between runs (default {DEFAULT_MEDIA_DIR})")
    p.add_argument("--cache-mb", type=float, default=50, help="CONTOUR_CACHE_SIZE_BYTES in MB (default 50)")
    p.add_argument("--pilot-frames", type=int, default=1800,
                   help="frames of the use_cache=false pilot that gives the rate (default 1800 = 50 chunks)")
    p.add_argument("--max-nocache-s", type=float, default=480,
                   help="run use_cache=false on the full video only if the pilot predicts at most this (default 480)")
    p.add_argument("--evict-factor", type=float, default=2.0,
                   help="request cold chunks until this many times the cache limit was served (default 2)")
    p.add_argument("--evict-max", type=int, default=400, help="but at most this many chunks (default 400)")
    p.add_argument("--profile", action="store_true",
                   help="py-spy an extra use_cache=false creation of 720 frames and 10 cold chunk requests")
    return p.parse_args()


def run(args: argparse.Namespace, tmp: Path) -> None:
    media_dir = args.media_dir.resolve()
    path = ensure_video(media_dir, args.frames)
    server_file = f"{VIDEO_DIR}/{path.name}"
    limit_bytes = int(args.cache_mb * 1e6)
    env = set_contour_env(tmp / "data", media_dir, cache_size_bytes=str(limit_bytes))
    key = prepare_database()
    from contour.config import get_settings

    data_dir = get_settings().data_dir
    cache_dir = data_dir / "cache"
    tasks_dir = data_dir / "tasks"
    probe_s = probe_seconds(path)
    print(f"video: {path.stat().st_size / 1e6:.1f} MB, {args.frames:,} frames 1280x720 @ {FPS} fps, keyint {KEYINT}; "
          f"probe_video() {probe_s:.2f} s; cache limit {mb(limit_bytes)}", flush=True)

    checks: list[tuple[str, bool, str]] = []
    with http_server(env, tmp / "server.log") as server, api_client(server.base, key) as client:
        baseline = dir_size(tasks_dir)

        # 1. use_cache=true creation
        cached_task = create_task(client, "bench video use_cache=true", segment_size=0)
        time.sleep(0.5)
        c_cached = attach_data(client, cached_task, {"server_files": [server_file], "use_cache": True,
                                                     "image_quality": 70})
        meta = check(client.get(f"/api/tasks/{cached_task}/data/meta"), 200).json()
        chunk_size, size = meta["chunk_size"], meta["size"]
        n_chunks = (size + chunk_size - 1) // chunk_size
        print(f"use_cache=true: created in {c_cached.wall_s:.1f} s; {size:,} frames, chunk_size {chunk_size}, "
              f"{n_chunks} chunks", flush=True)

        # 2. opening the one job, cold then warm
        cold = open_job(client, cached_task)
        warm = [open_job(client, cached_task) for _ in range(5)]
        print(f"open job: cold {cold['total']:.0f} ms, warm {statistics.median(w['total'] for w in warm):.0f} ms",
              flush=True)
        # a second cold chunk far into the video (task chunk API), and a warm read of it
        far = n_chunks * 2 // 3
        far_cold, r = timed(client, f"/api/tasks/{cached_task}/data",
                            {"type": "chunk", "number": far, "quality": "compressed"})
        far_warm, _ = timed(client, f"/api/tasks/{cached_task}/data",
                            {"type": "chunk", "number": far, "quality": "compressed"})
        far_orig, r_orig = timed(client, f"/api/tasks/{cached_task}/data",
                                 {"type": "chunk", "number": far, "quality": "original"})
        task_disk_cached = dir_size(tasks_dir / str(cached_task))

        # 3. use_cache=false: pilot, then the full video if affordable
        pilot_frames = min(args.pilot_frames, size)
        pilot_task = create_task(client, "bench video use_cache=false pilot", segment_size=0)
        time.sleep(0.5)
        cpu0 = machine_busy()
        c_pilot = attach_data(client, pilot_task, {"server_files": [server_file], "use_cache": False,
                                                   "image_quality": 70, "stop_frame": pilot_frames - 1})
        pilot_cores = busy_cores(cpu0, machine_busy())
        pilot_disk = dir_size(tasks_dir / str(pilot_task))
        pilot_chunks = (pilot_frames + chunk_size - 1) // chunk_size
        per_chunk_s = c_pilot.run_s / pilot_chunks
        predicted_s = c_pilot.wall_s * size / pilot_frames
        print(f"use_cache=false pilot: {pilot_frames:,} frames ({pilot_chunks} chunks x 2 qualities) in "
              f"{c_pilot.wall_s:.1f} s; {per_chunk_s:.2f} s per chunk pair; full video predicted {predicted_s:.0f} s",
              flush=True)
        c_full: Creation | None = None
        full_task = None
        full_disk = (0, 0)
        full_cores = float("nan")
        open_prebuilt: dict[str, float] | None = None
        if pilot_frames < size and predicted_s <= args.max_nocache_s:
            full_task = create_task(client, "bench video use_cache=false", segment_size=0)
            time.sleep(0.5)
            cpu0 = machine_busy()
            c_full = attach_data(client, full_task, {"server_files": [server_file], "use_cache": False,
                                                     "image_quality": 70})
            full_cores = busy_cores(cpu0, machine_busy())
            full_disk = dir_size(tasks_dir / str(full_task))
            open_prebuilt = open_job(client, full_task)
            print(f"use_cache=false: created in {c_full.wall_s:.1f} s", flush=True)
        elif pilot_frames >= size:
            c_full, full_task, full_disk, full_cores = c_pilot, pilot_task, pilot_disk, pilot_cores
        if open_prebuilt is None:
            open_prebuilt = open_job(client, full_task if full_task is not None else pilot_task)

        # 5. eviction: cold chunks of both qualities until --evict-factor x the limit was served;
        #    the cache directory is measured after each response
        rng = random.Random(5)
        order = [n for n in rng.sample(range(n_chunks), n_chunks) if n != far]
        served = requested = 0
        peak = 0
        peak_after = ""
        peak_parts: dict[str, int] = {}
        evict_t0 = time.perf_counter()
        chunk_ms: dict[str, list[float]] = {"compressed": [], "original": []}
        for number in order:
            if served >= args.evict_factor * limit_bytes or requested >= args.evict_max:
                break
            for quality in ("compressed", "original"):
                ms, r = timed(client, f"/api/tasks/{cached_task}/data",
                              {"type": "chunk", "number": number, "quality": quality})
                chunk_ms[quality].append(ms)
                served += len(r.content)
                requested += 1
                now = cache_breakdown(cache_dir)
                if now["total"] > peak:
                    peak, peak_after, peak_parts = now["total"], f"{quality} chunk {number}", now
        evict_s = time.perf_counter() - evict_t0
        entries_before_delete = cache_entries()
        cache_before_delete = dir_size(cache_dir)
        volume = cache_volume()
        checks.append((f"cache dir never above the limit ({requested} cold chunks, {mb(served)} served)",
                       peak <= limit_bytes, f"peak {mb(peak)} (after {peak_after}) vs limit {mb(limit_bytes)}: "
                       f"value files {mb(peak_parts.get('values', 0))} + cache.db {mb(peak_parts.get('db', 0))} + "
                       f"WAL/shm {mb(peak_parts.get('wal', 0))}; {entries_before_delete} entries left of "
                       f"{requested + 3} cached; diskcache volume() now {mb(volume)}"))
        accounted = peak_parts.get("values", 0) + peak_parts.get("db", 0)
        checks.append(("value files + cache.db (what diskcache's size_limit accounts) within the limit",
                       accounted <= limit_bytes, f"{mb(accounted)} at the directory's peak; the SQLite WAL/shm "
                       f"({mb(peak_parts.get('wal', 0))}) is outside diskcache's volume()"))
        print(f"eviction: {requested} cold chunks in {evict_s:.0f} s, {mb(served)} served; cache peak "
              f"{mb(peak)}, {entries_before_delete} entries", flush=True)

        profiled_task = None
        if args.profile:
            profiled_task = create_task(client, "bench video profiled", segment_size=0)
            time.sleep(0.5)
            out = tmp / "profile.txt"
            frames = min(720, size)
            with py_spy(server.proc.pid, out):
                t0 = time.perf_counter()
                profiled = attach_data(client, profiled_task, {"server_files": [server_file], "use_cache": False,
                                                               "image_quality": 70, "stop_frame": frames - 1})
                t1 = time.perf_counter()
                for number in order[-10:]:
                    timed(client, f"/api/tasks/{cached_task}/data", {"type": "chunk", "number": number,
                                                                     "quality": "compressed"})
                t2 = time.perf_counter()
            print(f"\nprofiled (py-spy attached, so slower): use_cache=false creation of {frames} frames "
                  f"{profiled.wall_s:.1f} s, then 10 cold compressed chunks of the use_cache=true task {t2 - t1:.1f} s")
            print("(py-spy samples Python threads only: the codec threads of libx264/FFmpeg are not counted)")
            summarize_profile(out, wall_s=t2 - t0, top=16, focus=(
                "build_video_chunks", "_build_video_chunk", "build_chunk", "probe_video", "_packet_index",
                "_check_tail", "_iter_av_frames", "_encode_mp4_frames", "_Mp4ChunkWriter.add",
                "_Mp4ChunkWriter.finish", "frames_chunk", "get_task_data", "media_view", "_write_atomically",
                "DiskChunkCache.set", "_find_and_load",
            ))

        # 6. deletion
        for task_id in sorted({t for t in (cached_task, pilot_task, full_task, profiled_task) if t is not None}):
            check(client.delete(f"/api/tasks/{task_id}"), 204)
        time.sleep(1.0)
        after = dir_size(tasks_dir)
        leftover = [p.name for p in tasks_dir.iterdir()] if tasks_dir.exists() else []
        entries_after = cache_entries()
        cache_after = dir_size(cache_dir)
        checks.append(("task data dirs removed, tasks/ back to baseline", after == baseline and not leftover,
                       f"tasks/ {mb(after[0])} in {after[1]} files (baseline {mb(baseline[0])}); left: {leftover}"))
        checks.append(("cache entries of the task evicted", entries_after == 0,
                       f"{entries_before_delete} entries before DELETE, {entries_after} after; cache dir "
                       f"{mb(cache_before_delete[0])} / {cache_before_delete[1]} files -> "
                       f"{mb(cache_after[0])} / {cache_after[1]} files"))

    costs = chunk_build_costs(path, far, chunk_size)

    # ----------------------------------------------------------------------- report
    print(f"\nVideo task: {args.frames:,} frames 1280x720 H.264 ({path.stat().st_size / 1e6:.0f} MB, keyint {KEYINT}), "
          f"server_files, segment_size 0 (one job), chunk_size {chunk_size}, {n_chunks} chunks, "
          f"{os.cpu_count()} cores; probe_video() of the file {probe_s:.2f} s")
    header = f"{'measure':<58} {'value':>12}  notes"
    print(header)
    print("-" * 100)

    def row(label: str, value: str, note: str = "") -> None:
        print(f"{label:<58} {value:>12}  {note}")

    row("create, use_cache=true", f"{c_cached.wall_s:.1f} s", f"queued {c_cached.queued_s:.2f} s, run {c_cached.run_s:.1f} s")
    row(f"create, use_cache=false, pilot {pilot_frames:,} frames", f"{c_pilot.wall_s:.1f} s",
        f"{pilot_chunks} chunks x 2 qualities; {per_chunk_s:.2f} s per chunk pair (run); "
        f"machine {pilot_cores:.2f} of {os.cpu_count()} cores busy")
    if c_full is not None:
        row(f"create, use_cache=false, {size:,} frames (measured)", f"{c_full.wall_s:.1f} s",
            f"queued {c_full.queued_s:.2f} s, run {c_full.run_s:.1f} s; machine {full_cores:.2f} cores busy")
    else:
        row(f"create, use_cache=false, {size:,} frames: EXTRAPOLATED", f"~{predicted_s:.0f} s",
            f"NOT RUN (> {args.max_nocache_s:.0f} s): pilot x {size / pilot_frames:.1f}")
    for label, o in (("open job, cold (cache empty)", cold),
                     ("open job, warm (median of 5)", {k: statistics.median(w[k] for w in warm) for k in cold}),
                     ("open job, use_cache=false task (prebuilt chunk)", open_prebuilt)):
        row(label, f"{o['total']:.0f} ms",
            f"jobs?task_id {o['jobs?task_id']:.0f}, job {o['job']:.0f}, meta {o['meta']:.0f} "
            f"({o['meta_kb']:.1f} KB), chunk 0 {o['chunk 0']:.0f} ms ({o['chunk_kb']:.0f} KB)")
    row(f"task chunk {far} compressed, cold / warm", f"{far_cold:.0f} ms", f"warm {far_warm:.0f} ms; "
        f"original cold {far_orig:.0f} ms ({len(r_orig.content) / 1e6:.1f} MB)")
    row(f"in-process build_chunk({far}) compressed, VideoInfo given", f"{costs['compressed_with_info']:.0f} ms",
        f"without (server's call, probes first) {costs['compressed_no_info']:.0f} ms")
    row(f"in-process build_chunk({far}) original, VideoInfo given", f"{costs['original_with_info']:.0f} ms",
        f"without (server's call, probes first) {costs['original_no_info']:.0f} ms")
    row("cold chunk, median over the eviction run: compressed", f"{statistics.median(chunk_ms['compressed']):.0f} ms",
        f"original {statistics.median(chunk_ms['original']):.0f} ms")
    row("disk: use_cache=true task dir", mb(task_disk_cached[0]), f"{task_disk_cached[1]} files (no raw copy: share)")
    row(f"disk: use_cache=false task dir, pilot {pilot_frames:,} frames", mb(pilot_disk[0]), f"{pilot_disk[1]} files")
    if c_full is not None:
        row(f"disk: use_cache=false task dir, {size:,} frames", mb(full_disk[0]), f"{full_disk[1]} files")
    else:
        row(f"disk: use_cache=false task dir, {size:,} frames: EXTRAPOLATED",
            f"~{mb(pilot_disk[0] * size / pilot_frames)}", "pilot x frames ratio")
    row("disk: cache dir before the deletes", mb(cache_before_delete[0]),
        f"{cache_before_delete[1]} files, {entries_before_delete} entries; limit {mb(limit_bytes)}")
    row("disk: cache dir after the deletes", mb(cache_after[0]), f"{cache_after[1]} files, {entries_after} entries")
    print()
    for label, ok, detail in checks:
        print(f"{'OK  ' if ok else 'FAIL'} {label}: {detail}")
    full = f"{c_full.wall_s:.0f} s" if c_full is not None else f"~{predicted_s:.0f} s (extrapolated from {pilot_frames:,})"
    print(f"\n{size:,}-frame video: create use_cache=true {c_cached.wall_s:.1f} s, use_cache=false {full}; "
          f"open job cold {cold['total']:.0f} ms / warm {statistics.median(w['total'] for w in warm):.0f} ms; "
          f"checks {'all OK' if all(ok for _, ok, _ in checks) else 'FAILED: ' + '; '.join(c for c, ok, _ in checks if not ok)}")


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
