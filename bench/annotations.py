#!/usr/bin/env python
"""Benchmark a job's annotations: PUT and GET of 100,000 shapes and of 2,000 tracks, against a floor.

Self-contained: a temp CONTOUR_DATA_DIR (SQLite there by default), migrations, one task with two
labels ("car" with 50 immutable text attributes and 2 mutable ones, "person" of type any) and one
job of 3,000 frames without media, then in-process requests (TestClient) as the task owner.

- shapes: 100,000 mixed shapes (rectangle, polygon 10-30 points, polyline, points, ellipse) over
  frames 0..2999, each with 50 attribute values;
- tracks: 2,000 rectangle tracks of 300 frames, a keyframe every 10 frames (30 per track), 3
  immutable values on the track and 2 mutable ones per keyframe.

The request body is serialized once with orjson and sent as bytes. Each PUT goes to an emptied job
(the DELETE before it is not timed). Note that PUT answers with the stored annotations, like CVAT,
so its time includes a full re-read and serialization.

The floor, on the same database and tables: PUT = orjson.loads of the same body + building the rows
+ a SQLAlchemy Core executemany insert + commit; GET = a Core select of the job's rows +
orjson.dumps of a list of dicts. Peak memory: tracemalloc around one extra (untimed) request.
Benchmarks are not tests: nothing here asserts on timings.

    .venv/bin/python bench/annotations.py                     # SQLite in a temp dir
    .venv/bin/python bench/annotations.py --postgres          # scratch PostgreSQL DB, dropped after
    .venv/bin/python bench/annotations.py --shapes 10000 --tracks 200 --runs 1   # quick
    .venv/bin/python bench/annotations.py --profile           # cProfile of one shapes PUT
"""

from __future__ import annotations

import argparse
import gc
import os
import random
import statistics
import time
import tracemalloc
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson
from harness import run_with_database  # noqa: E402 - shared bench helpers (bench/ is on sys.path)

PASSWORD = "bench-password-123"
FRAMES = 3000
N_ATTRS = 50
SHAPE_TYPES = ["rectangle", "polygon", "polyline", "points", "ellipse"]


def parse_args() -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--shapes", type=int, default=100_000, help="shapes in the body (default 100000)")
    p.add_argument("--tracks", type=int, default=2_000, help="tracks in the body (default 2000)")
    p.add_argument("--runs", type=int, default=3, help="timed runs per measurement; the median is shown")
    p.add_argument("--seed", type=int, default=1234)
    p.add_argument("--no-memory", action="store_true", help="skip the tracemalloc passes")
    p.add_argument("--profile", action="store_true", help="cProfile the handler work of one shapes PUT, print the top")
    p.add_argument("--database-url", help="an EMPTY database to use (default: CONTOUR_DATABASE_URL, else SQLite)")
    p.add_argument("--postgres", action="store_true", help="create (and drop afterwards) a scratch PostgreSQL DB")
    p.add_argument("--pg-admin", default="host=127.0.0.1 port=5432 user=postgres dbname=postgres",
                   help="libpq DSN used by --postgres to create/drop the scratch DB")
    return p.parse_args()


# --------------------------------------------------------------------------- setup and bodies


@dataclass
class Setup:
    key: str
    job_id: int
    car: int
    person: int
    immutable: list[int]  # the 50 immutable spec ids of "car"
    mutable: list[int]    # its 2 mutable spec ids


def setup(client: Any) -> Setup:
    from sqlalchemy import select

    from contour.core.segments import split_into_segments
    from contour.db import transaction
    from contour.resources.accounts.service import do_create_user, do_login
    from contour.resources.jobs.service import do_split_into_jobs
    from contour.resources.labels.models import Label
    from contour.resources.tasks.models import Task

    with transaction() as db:
        do_create_user(db, "bench", PASSWORD)
    with transaction() as db:
        key = do_login(db, "bench", PASSWORD).api_key
    headers = {"Authorization": f"Token {key}"}
    attrs = [{"name": f"a{i:02d}", "input_type": "text", "mutable": False, "values": []} for i in range(N_ATTRS)]
    attrs += [{"name": f"m{i}", "input_type": "text", "mutable": True, "values": []} for i in range(2)]
    r = client.post("/api/tasks", headers=headers, json={
        "name": "bench", "labels": [{"name": "car", "attributes": attrs}, {"name": "person", "type": "any"}]})
    if r.status_code != 201:
        raise SystemExit(f"POST /api/tasks: HTTP {r.status_code}: {r.text[:500]}")
    task_id = r.json()["id"]
    with transaction() as db:
        task = db.get(Task, task_id)
        assert task is not None
        task.size = FRAMES
        task.mode = "annotation"
        do_split_into_jobs(db, task, split_into_segments(FRAMES, 0, None))
    with transaction() as db:
        labels = {label.name: label for label in db.scalars(select(Label).where(Label.task_id == task_id))}
        car, person = labels["car"], labels["person"]
        immutable = [a.id for a in sorted(car.attributes, key=lambda a: a.name) if not a.mutable]
        mutable = [a.id for a in sorted(car.attributes, key=lambda a: a.name) if a.mutable]
        car_id, person_id = car.id, person.id
    jobs = client.get("/api/jobs", headers=headers, params={"task_id": task_id}).json()["results"]
    assert len(jobs) == 1, jobs
    return Setup(key, jobs[0]["id"], car_id, person_id, immutable, mutable)


def _points(rng: random.Random, shape_type: str) -> list[float]:
    def xy() -> list[float]:
        return [round(rng.uniform(0, 1900), 2), round(rng.uniform(0, 1060), 2)]

    if shape_type in ("rectangle", "ellipse"):
        x, y = xy()
        return [x, y, x + round(rng.uniform(5, 300), 2), y + round(rng.uniform(5, 300), 2)]
    n = {"polygon": rng.randint(10, 30), "polyline": rng.randint(2, 20), "points": rng.randint(1, 10)}[shape_type]
    return [c for _ in range(n) for c in xy()]


def shapes_body(s: Setup, n: int, rng: random.Random) -> dict[str, Any]:
    shapes = []
    for i in range(n):
        t = SHAPE_TYPES[i % len(SHAPE_TYPES)]
        shapes.append({
            "type": t, "frame": rng.randrange(FRAMES), "label_id": s.car, "occluded": rng.random() < 0.1,
            "z_order": rng.randint(0, 5), "rotation": 0.0, "points": _points(rng, t), "group": 0, "source": "manual",
            "attributes": [{"spec_id": spec, "value": f"v{rng.randrange(1000)}"} for spec in s.immutable],
        })
    return {"version": 0, "tags": [], "shapes": shapes, "tracks": []}


def tracks_body(s: Setup, n: int, rng: random.Random, length: int = 300, step: int = 10) -> dict[str, Any]:
    tracks = []
    for _ in range(n):
        start = rng.randrange(FRAMES - length + 1)
        keyframes = []
        x, y = rng.uniform(0, 1600), rng.uniform(0, 800)
        for k, frame in enumerate(range(start, start + length, step)):
            x, y = x + rng.uniform(-5, 5), y + rng.uniform(-5, 5)
            keyframes.append({
                "type": "rectangle", "frame": frame, "occluded": False, "outside": k == length // step - 1,
                "z_order": 0, "rotation": 0.0, "points": [round(x, 2), round(y, 2), round(x + 120, 2), round(y + 80, 2)],
                "attributes": [{"spec_id": spec, "value": f"m{rng.randrange(100)}"} for spec in s.mutable],
            })
        tracks.append({
            "frame": start, "label_id": s.car, "group": 0, "source": "manual", "shapes": keyframes,
            "attributes": [{"spec_id": spec, "value": f"v{rng.randrange(1000)}"} for spec in s.immutable[:3]],
        })
    return {"version": 0, "tags": [], "shapes": [], "tracks": tracks}


# --------------------------------------------------------------------------- floors


def _attrs(values: list[dict[str, Any]]) -> list[list[Any]]:
    return [[a["spec_id"], a["value"]] for a in values]


def floor_put(body: bytes, job_id: int) -> None:
    from sqlalchemy import insert

    from contour.db import get_engine
    from contour.resources.annotations.models import AnnotationShape, AnnotationTrack, TrackKeyframe

    data = orjson.loads(body)
    with get_engine().begin() as conn:
        if data["shapes"]:
            conn.execute(insert(AnnotationShape.__table__), [{
                "job_id": job_id, "parent_id": None, "type": s["type"], "frame": s["frame"],
                "label_id": s["label_id"], "group": s["group"], "source": s["source"], "occluded": s["occluded"],
                "outside": False, "z_order": s["z_order"], "rotation": s["rotation"], "score": 1.0,
                "points": s["points"], "attributes": _attrs(s["attributes"]),
            } for s in data["shapes"]])
        if data["tracks"]:
            table = AnnotationTrack.__table__
            ids = conn.execute(insert(table).returning(table.c.id, sort_by_parameter_order=True), [{
                "job_id": job_id, "parent_id": None, "frame": t["frame"], "label_id": t["label_id"],
                "group": t["group"], "source": t["source"], "attributes": _attrs(t["attributes"]),
            } for t in data["tracks"]]).scalars().all()
            conn.execute(insert(TrackKeyframe.__table__), [{
                "track_id": track_id, "type": k["type"], "frame": k["frame"], "occluded": k["occluded"],
                "outside": k["outside"], "z_order": k["z_order"], "rotation": k["rotation"], "points": k["points"],
                "attributes": _attrs(k["attributes"]),
            } for t, track_id in zip(data["tracks"], ids, strict=True) for k in t["shapes"]])


def floor_get(job_id: int) -> bytes:
    from sqlalchemy import select

    from contour.db import get_engine
    from contour.resources.annotations.models import AnnotationShape, AnnotationTrack, TrackKeyframe

    shapes_t, tracks_t, keys_t = AnnotationShape.__table__, AnnotationTrack.__table__, TrackKeyframe.__table__
    with get_engine().connect() as conn:
        shapes = [r._asdict() for r in conn.execute(
            select(shapes_t).where(shapes_t.c.job_id == job_id).order_by(shapes_t.c.id))]
        tracks = [r._asdict() for r in conn.execute(
            select(tracks_t).where(tracks_t.c.job_id == job_id).order_by(tracks_t.c.id))]
        keys = [r._asdict() for r in conn.execute(
            select(keys_t).join(tracks_t, keys_t.c.track_id == tracks_t.c.id).where(tracks_t.c.job_id == job_id)
            .order_by(keys_t.c.track_id, keys_t.c.frame))]
    return orjson.dumps({"shapes": shapes, "tracks": tracks, "keyframes": keys})


# --------------------------------------------------------------------------- measuring


@dataclass
class Row:
    name: str
    objects: str
    body_mb: float
    times: dict[str, list[float]] = field(default_factory=dict)  # put, get, floor_put, floor_get
    peak_mb: dict[str, float] = field(default_factory=dict)      # put, get
    resp_mb: float = 0.0

    def med(self, key: str) -> float:
        return statistics.median(self.times[key]) if self.times.get(key) else float("nan")


def peak_mb(fn: Callable[[], Any]) -> float:
    tracemalloc.start()
    try:
        tracemalloc.reset_peak()
        fn()
        return tracemalloc.get_traced_memory()[1] / 2**20
    finally:
        tracemalloc.stop()


def scenario(client: Any, s: Setup, name: str, objects: str, body: bytes, args: argparse.Namespace) -> Row:
    """`body`: pre-serialized; the bench keeps no Python copy of it, so that the interpreter's
    heap (and the garbage collector's work) is what a server would have."""
    headers = {"Authorization": f"Token {s.key}"}
    put_headers = {**headers, "Content-Type": "application/json"}
    url = f"/api/jobs/{s.job_id}/annotations"
    row = Row(name, objects, len(body) / 2**20)

    def clear() -> None:
        r = client.delete(url, headers=headers)
        assert r.status_code == 204, (r.status_code, r.text[:300])

    def put() -> None:
        r = client.put(url, content=body, headers=put_headers)
        if r.status_code != 200:
            raise SystemExit(f"PUT {url}: HTTP {r.status_code}: {r.text[:1000]}")
        r.content  # noqa: B018 - read the whole body

    def get() -> int:
        r = client.get(url, headers=headers)
        if r.status_code != 200:
            raise SystemExit(f"GET {url}: HTTP {r.status_code}: {r.text[:1000]}")
        return len(r.content)

    def timed(key: str, fn: Callable[[], Any]) -> Any:
        t0 = time.perf_counter()
        out = fn()
        row.times.setdefault(key, []).append(time.perf_counter() - t0)
        return out

    for i in range(args.runs):
        clear()
        timed("put", put)
        size = timed("get", get)
        clear()
        timed("floor_put", lambda: floor_put(body, s.job_id))
        timed("floor_get", lambda: floor_get(s.job_id))
        print(f"  {name} run {i + 1}: PUT {row.times['put'][-1]:.2f} s, GET {row.times['get'][-1]:.2f} s, "
              f"floor PUT {row.times['floor_put'][-1]:.2f} s, floor GET {row.times['floor_get'][-1]:.2f} s", flush=True)
    row.resp_mb = size / 2**20
    # Sanity: what GET returns is what was PUT.
    clear()
    put()
    got, sent = orjson.loads(client.get(url, headers=headers).content), orjson.loads(body)
    assert len(got["shapes"]) == len(sent["shapes"]) and len(got["tracks"]) == len(sent["tracks"]), "count mismatch"
    del got, sent
    if not args.no_memory:
        clear()
        row.peak_mb["put"] = peak_mb(put)
        row.peak_mb["get"] = peak_mb(get)
    if args.profile and name == "shapes":
        # TestClient runs the app in another thread (a sampling profiler of this one sees only a
        # lock): profile the handler's work directly instead, in this thread.
        import cProfile
        import pstats

        from contour.db import transaction
        from contour.resources.annotations import service
        from contour.resources.jobs.models import Job

        clear()
        profiler = cProfile.Profile()
        profiler.enable()
        with transaction() as db:
            job = db.get(Job, s.job_id)
            orjson.dumps(service.do_write_job(db, job, "put", service.parse_labeled_data(body)))
        profiler.disable()
        print(f"\n--- cProfile: the PUT handler's work ({objects}), by own time ---")
        pstats.Stats(profiler).sort_stats("tottime").print_stats(15)
    clear()
    return row


def print_table(rows: list[Row], backend: str, runs: int) -> None:
    header = (f"{'scenario':<8} {'objects':<34} {'body MB':>7} {'PUT s':>7} {'floor':>6} {'ratio':>6}"
              f" {'GET s':>7} {'floor':>6} {'ratio':>6} {'resp MB':>7} {'peak PUT MB':>11} {'peak GET MB':>11}")
    print(f"\nannotations of one job, in-process TestClient; {backend}; median of {runs} run(s); "
          "floor = orjson + Core executemany insert / Core select + orjson.dumps; peak = tracemalloc")
    print(header)
    print("-" * len(header))
    for r in rows:
        pp, pg = r.med("put"), r.med("get")
        fp, fg = r.med("floor_put"), r.med("floor_get")
        peak_put = f"{r.peak_mb['put']:>11.0f}" if "put" in r.peak_mb else f"{'-':>11}"
        peak_get = f"{r.peak_mb['get']:>11.0f}" if "get" in r.peak_mb else f"{'-':>11}"
        print(f"{r.name:<8} {r.objects:<34} {r.body_mb:>7.1f} {pp:>7.2f} {fp:>6.2f} {pp / fp:>6.1f}"
              f" {pg:>7.2f} {fg:>6.2f} {pg / fg:>6.1f} {r.resp_mb:>7.1f} {peak_put} {peak_get}")


# --------------------------------------------------------------------------- main


def run(args: argparse.Namespace, database_url: str | None, tmp: Path) -> None:
    os.environ["CONTOUR_DATA_DIR"] = str(tmp / "data")
    os.environ["CONTOUR_ARGON2_TIME_COST"] = "1"
    os.environ["CONTOUR_ARGON2_MEMORY_KIB"] = "1024"
    os.environ.pop("CONTOUR_REDIS_URL", None)
    if database_url:
        os.environ["CONTOUR_DATABASE_URL"] = database_url
    else:
        os.environ.pop("CONTOUR_DATABASE_URL", None)

    # Settings are read once: import contour only after the environment is in place.
    from fastapi.testclient import TestClient

    from contour.app import create_app
    from contour.config import get_settings
    from contour.db import get_engine
    from contour.migrations import upgrade

    backend = get_engine().dialect.name
    try:
        upgrade(get_settings().resolved_database_url)
        rng = random.Random(args.seed)
        with TestClient(create_app()) as client:
            s = setup(client)
            t0 = time.perf_counter()
            shapes_data = shapes_body(s, args.shapes, rng)
            tracks_data = tracks_body(s, args.tracks, rng)
            small = orjson.dumps({**shapes_data, "shapes": shapes_data["shapes"][:200],
                                  "tracks": tracks_data["tracks"][:20]})
            shapes, tracks = orjson.dumps(shapes_data), orjson.dumps(tracks_data)
            del shapes_data, tracks_data
            gc.collect()
            print(f"backend: {backend}; job {s.job_id} ({FRAMES} frames); bodies built in "
                  f"{time.perf_counter() - t0:.1f} s", flush=True)
            # Warm-up (first-call imports, statement compilation), not reported.
            quiet = argparse.Namespace(runs=1, no_memory=True, profile=False)
            scenario(client, s, "warm-up", "", small, quiet)
            rows = [
                scenario(client, s, "shapes", f"{args.shapes:,} shapes x {N_ATTRS} attrs", shapes, args),
                scenario(client, s, "tracks", f"{args.tracks:,} tracks x 30 keyframes", tracks, args),
            ]
        print_table(rows, backend, args.runs)
        head = rows[0]
        print(f"\nPUT {args.shapes:,} shapes: {head.med('put'):.2f} s ({head.med('put') / head.med('floor_put'):.1f}x "
              f"floor), GET: {head.med('get'):.2f} s ({head.med('get') / head.med('floor_get'):.1f}x floor)")
    finally:
        get_engine().dispose()


def main() -> None:
    args = parse_args()
    run_with_database(args, lambda database_url, tmp: run(args, database_url, tmp))


if __name__ == "__main__":
    main()
