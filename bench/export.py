#!/usr/bin/env python
"""Benchmark dataset export and import: a 5,000-frame task of 500,000 shapes exported as CVAT for
images 1.1, COCO 1.0 and YOLO 1.1, against Datumaro's own exporters; a 500 MB CVAT XML imported.

Self-contained: a temp CONTOUR_DATA_DIR (SQLite there by default), migrations, then the tasks
written straight into the database by `bench/export_data.py` (5,000 frames of 1920x1080 without
media files, 400,000 boxes / polygons / small masks and 1,000 rectangle tracks that expand to
100,000 more shapes, 3 attribute values per object), built once per run (or kept in --cache-dir).

Every measurement runs in a fresh subprocess: its peak memory is the peak RSS (ru_maxrss) at the
end minus the same figure taken after imports and setup, so nothing slows the code down.

- ours: the server's own `run_export()` on a request row (what the queue runs: `task_source`, the
  registered exporter, a `ZipArchiveWriter` into `<data dir>/exports`, progress commits); timed
  whole, the database reads included. Also at 1/5 of the size, to show that the peak does not grow
  with the task; and "read only": the same `task_source(...).frames()` consumed without an exporter.
- Datumaro (`datumaro` 1.13): `Dataset.export(dir, "cvat" | "coco_instances" | "yolo",
  save_media=False)` of an in-memory dataset of the same frames (built from `task_source` before the
  clock starts: only the export itself is timed, into a folder, without zipping).
  ratio = datumaro seconds / contour seconds. `--datumaro-scale F` gives Datumaro only the first F
  of the frames and scales its time up by the share of annotations (shown as extrapolated).
- import: a generated CVAT for images 1.1 XML file (`--xml-mb`, boxes and 10-20 point polygons,
  3 attributes each) into a task whose frames have the XML's image names, through the server's
  `import:annotations` handler (`find_importer("CVAT 1.1")`, then `do_import_annotations` in one
  transaction); also at 1/5 of the size.

Formats not registered yet are reported as "not available". What each run wrote is counted
afterwards (untimed: XML elements, COCO annotations, YOLO lines, stored shapes) and shown next to
its figures. Benchmarks are not tests: nothing here asserts on timings.

    .venv/bin/python bench/export.py --quick                  # 500 frames / 50,000 shapes, 50 MB XML
    .venv/bin/python bench/export.py                          # 5,000 frames / 500,000 shapes, 500 MB XML
    .venv/bin/python bench/export.py --datumaro-scale 0.2     # Datumaro on a fifth, extrapolated
    .venv/bin/python bench/export.py --postgres               # scratch PostgreSQL DB, dropped after
    .venv/bin/python bench/export.py --cache-dir ~/.cache/contour-bench/export   # keep the built data
    .venv/bin/python bench/export.py --quick --profile "COCO 1.0"   # cProfile of one extra export
    .venv/bin/python bench/export.py --quick --profile import
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import resource
import shutil
import subprocess
import sys
import time
import uuid
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from harness import run_with_database  # noqa: E402 - shared bench helpers (bench/ is on sys.path)

FORMATS = [("CVAT for images 1.1", "cvat"), ("COCO 1.0", "coco_instances"), ("YOLO 1.1", "yolo")]
IMPORT_FORMAT = "CVAT 1.1"
MANIFEST = "bench-export.json"
DATA_VERSION = 1
HERE = Path(__file__).resolve()


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--scale", type=float, help="size of the export task, 1 = 5,000 frames / 500,000 shapes (default 1)")
    p.add_argument("--xml-mb", type=float, help="size of the CVAT XML file to import, in MB (default 500)")
    p.add_argument("--quick", action="store_true", help="--scale 0.1 --xml-mb 50 --datumaro-scale 0.25 unless given")
    p.add_argument("--formats", nargs="+", metavar="NAME", default=[name for name, _ in FORMATS],
                   help="export formats by display name (default: the three)")
    p.add_argument("--datumaro-scale", type=float,
                   help="share of the frames Datumaro exports, its time extrapolated (default 1; --quick: 0.25)")
    p.add_argument("--no-datumaro", action="store_true", help="skip the Datumaro exports")
    p.add_argument("--no-import", action="store_true", help="skip the XML import")
    p.add_argument("--no-small", action="store_true", help="skip the runs at 1/5 of the size")
    p.add_argument("--segment-size", type=int, default=0, help="frames per job (default 0: one job, CVAT's default)")
    p.add_argument("--seed", type=int, default=1234)
    p.add_argument("--cache-dir", type=Path, help="keep the built database and XML here and reuse them (SQLite only)")
    p.add_argument("--wait-formats", type=float, default=0.0, metavar="S",
                   help="poll up to S seconds for the export formats to be registered before measuring")
    p.add_argument("--profile", metavar="FORMAT|import|read", help="cProfile one extra run of ours, print the top")
    p.add_argument("--timeout", type=float, default=3600.0, help="limit per measured subprocess, seconds")
    p.add_argument("--database-url", help="an EMPTY database to use (default: CONTOUR_DATABASE_URL, else SQLite)")
    p.add_argument("--postgres", action="store_true", help="create (and drop afterwards) a scratch PostgreSQL DB")
    p.add_argument("--pg-admin", default="host=127.0.0.1 port=5432 user=postgres dbname=postgres",
                   help="libpq DSN used by --postgres to create/drop the scratch DB")
    p.add_argument("--worker", help=argparse.SUPPRESS)  # internal: one measurement, as JSON
    args = p.parse_args(argv)
    if args.scale is None:
        args.scale = 0.1 if args.quick else 1.0
    if args.xml_mb is None:
        args.xml_mb = 50.0 if args.quick else 500.0
    if args.datumaro_scale is None:
        args.datumaro_scale = 0.25 if args.quick else 1.0
    if not 0 < args.datumaro_scale <= 1:
        p.error("--datumaro-scale must be in (0, 1]")
    known = {name for name, _ in FORMATS}
    for name in args.formats:
        if name not in known:
            p.error(f"unknown format {name!r}; one of: {', '.join(sorted(known))}")
    return args


# =========================================================================== workers (subprocesses)


def max_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB


def cpu_s() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


_TAGS = [b"<box ", b"<polygon ", b"<polyline ", b"<points ", b"<mask ", b"<ellipse ", b"<cuboid ", b"<skeleton ",
         b"<tag ", b"<track "]


def _count_xml(stream: IO[bytes], counts: Counter[str]) -> None:
    tails = dict.fromkeys(_TAGS, b"")
    while chunk := stream.read(1 << 22):
        for tag in _TAGS:
            data = tails[tag] + chunk
            counts[f"xml {tag.decode().strip('< ')}"] += data.count(tag)
            tails[tag] = data[-(len(tag) - 1):]


def count_objects(members: Iterable[tuple[str, Callable[[], IO[bytes]]]]) -> dict[str, int]:
    """What an export holds, by kind: XML elements, COCO annotations, YOLO label lines (untimed)."""
    counts: Counter[str] = Counter()
    for name, opener in members:
        lower = name.lower()
        with opener() as stream:
            if lower.endswith(".xml"):
                _count_xml(stream, counts)
            elif lower.endswith(".json"):
                data = json.load(stream)
                if isinstance(data, dict) and isinstance(data.get("annotations"), list):
                    counts["coco annotations"] += len(data["annotations"])
                    counts["of them RLE"] += sum(isinstance(a.get("segmentation"), dict) for a in data["annotations"])
            elif lower.endswith(".txt") and "/" in name:
                counts["yolo lines"] += sum(1 for line in stream if line.strip())
    return {k: v for k, v in sorted(counts.items()) if v}


def zip_members(path: Path) -> list[tuple[str, Callable[[], IO[bytes]]]]:
    import zipfile

    archive = zipfile.ZipFile(path)
    return [(n, (lambda n=n: archive.open(n))) for n in archive.namelist() if not n.endswith("/")]


def dir_members(root: Path) -> list[tuple[str, Callable[[], IO[bytes]]]]:
    return [(p.relative_to(root).as_posix(), (lambda p=p: p.open("rb"))) for p in sorted(root.rglob("*")) if p.is_file()]


def _profiled(run: Callable[[], Any], profile: bool) -> tuple[float, float]:
    """(wall seconds, CPU seconds of this process) of `run()`."""
    t0, c0 = time.perf_counter(), cpu_s()
    if not profile:
        run()
        return time.perf_counter() - t0, cpu_s() - c0
    import cProfile
    import io
    import pstats

    profiler = cProfile.Profile()
    profiler.enable()
    try:
        run()
    finally:
        profiler.disable()
    seconds, cpu = time.perf_counter() - t0, cpu_s() - c0
    text = io.StringIO()
    stats = pstats.Stats(profiler, stream=text)
    stats.sort_stats("tottime").print_stats(25)
    stats.sort_stats("cumulative").print_stats(25)
    print(text.getvalue(), file=sys.stderr)
    return seconds, cpu


def _request_row(db: Any, request_id: str, action: str, fmt: str, owner_id: int, task_id: int,
                 params: dict[str, Any]) -> Any:
    from contour.resources.requests.models import BackgroundRequest, RequestStatus

    db.add(BackgroundRequest(id=request_id, action=action, target="task", subresource="annotations", owner_id=owner_id,
                             task_id=task_id, format=fmt, params=params, status=RequestStatus.STARTED, message=""))


def worker_formats(spec: dict[str, Any]) -> dict[str, Any]:
    from contour.formats.registry import exporters, importers

    return {"exporters": [f.spec.display_name for f in exporters()],
            "importers": [f.spec.display_name for f in importers()]}


def worker_ours(spec: dict[str, Any]) -> dict[str, Any]:
    from contour.config import get_settings
    from contour.db import transaction
    from contour.formats.registry import find_exporter
    from contour.resources.datasets.service import run_export
    from contour.resources.requests.models import BackgroundRequest
    from contour.resources.requests.runner import RequestContext

    entry = find_exporter(spec["format"])
    if entry is None or entry.exporter is None:
        return {"unavailable": True}
    request_id = f"bench-export-{uuid.uuid4().hex}"
    params = {"format": spec["format"], "save_images": False, "filename": None}
    with transaction() as db:
        _request_row(db, request_id, "export", spec["format"], spec["owner_id"], spec["task_id"], params)
    context = RequestContext(request_id, params, spec["owner_id"], spec["task_id"], None, None, None)
    gc.collect()
    base = max_rss_mb()
    seconds, cpu = _profiled(lambda: run_export(context), spec.get("profile", False))
    peak = max_rss_mb()
    with transaction() as db:
        request = db.get(BackgroundRequest, request_id)
        assert request is not None and request.result_file, "run_export left no result file"
        path = get_settings().data_dir / request.result_file
        db.delete(request)
    result = {"seconds": seconds, "cpu_s": cpu, "peak_mb": peak - base, "base_mb": base,
              "out_mb": path.stat().st_size / 2**20,
              "objects": count_objects(zip_members(path))}
    path.unlink()
    return result


def worker_read(spec: dict[str, Any]) -> dict[str, Any]:
    """The floor of our exports: the export source streamed, no exporter."""
    from contour.db import get_sessionmaker
    from contour.resources.datasets.source import task_source
    from contour.resources.tasks.models import Task

    gc.collect()
    base = max_rss_mb()
    shapes = 0

    def read() -> None:
        nonlocal shapes
        with get_sessionmaker()() as db:
            task = db.get(Task, spec["task_id"])
            assert task is not None
            source = task_source(db, task)
            source.tracks()
            for frame in source.frames():
                shapes += len(frame.shapes)

    seconds, cpu = _profiled(read, spec.get("profile", False))
    return {"seconds": seconds, "cpu_s": cpu, "peak_mb": max_rss_mb() - base, "base_mb": base, "objects": {"shapes": shapes}}


def worker_datumaro(spec: dict[str, Any]) -> dict[str, Any]:
    import logging

    import datumaro  # noqa: F401 - imported before the baseline
    from export_data import datumaro_dataset

    from contour.db import get_sessionmaker
    from contour.resources.datasets.source import task_source
    from contour.resources.tasks.models import Task

    logging.getLogger().setLevel(logging.ERROR)
    gc.collect()
    base = max_rss_mb()
    with get_sessionmaker()() as db:
        task = db.get(Task, spec["task_id"])
        assert task is not None
        source = task_source(db, task)
        limit = max(1, round((task.size or 0) * spec["fraction"])) if spec["fraction"] < 1 else None
        dataset, items, annotations = datumaro_dataset(source.frames(), source.meta.labels, limit)
    gc.collect()
    built = max_rss_mb()
    out = Path(spec["out"])
    shutil.rmtree(out, ignore_errors=True)
    t0, c0 = time.perf_counter(), cpu_s()
    dataset.export(str(out), spec["dm_format"], save_media=False)
    seconds, cpu = time.perf_counter() - t0, cpu_s() - c0
    peak = max_rss_mb()
    size = sum(p.stat().st_size for p in out.rglob("*") if p.is_file())
    result = {"seconds": seconds, "cpu_s": cpu, "peak_mb": peak - base, "dataset_mb": built - base, "items": items,
              "annotations": annotations, "out_mb": size / 2**20, "objects": count_objects(dir_members(out))}
    shutil.rmtree(out, ignore_errors=True)
    return result


def worker_import(spec: dict[str, Any]) -> dict[str, Any]:
    from sqlalchemy import func, select

    from contour.config import get_settings
    from contour.db import transaction
    from contour.formats.registry import find_importer
    from contour.resources.annotations import store
    from contour.resources.annotations.models import AnnotationShape, AnnotationTrack
    from contour.resources.annotations.service import annotation_jobs
    from contour.resources.datasets.import_jobs import import_annotations
    from contour.resources.datasets.service import imports_dir
    from contour.resources.requests.models import BackgroundRequest
    from contour.resources.requests.runner import RequestContext
    from contour.resources.tasks.models import Task

    entry = find_importer(IMPORT_FORMAT)
    if entry is None or entry.importer is None:
        return {"unavailable": True}
    with transaction() as db:  # what an earlier run left (untimed)
        task = db.get(Task, spec["task_id"])
        assert task is not None
        job_ids = [j.id for j in annotation_jobs(db, task)]
        store.clear_jobs(db, job_ids)
    source = Path(spec["xml"])
    folder = imports_dir() / uuid.uuid4().hex
    folder.mkdir(parents=True)
    uploaded = folder / source.name
    try:
        os.link(source, uploaded)
    except OSError:
        shutil.copyfile(source, uploaded)
    request_id = f"bench-import-{uuid.uuid4().hex}"
    params = {"format": IMPORT_FORMAT, "file": str(uploaded.relative_to(get_settings().data_dir)),
              "conv_mask_to_poly": True, "replace": True}
    with transaction() as db:
        _request_row(db, request_id, "import", IMPORT_FORMAT, spec["owner_id"], spec["task_id"], params)
    context = RequestContext(request_id, params, spec["owner_id"], spec["task_id"], None, None, None)
    gc.collect()
    base = max_rss_mb()
    try:
        seconds, cpu = _profiled(lambda: import_annotations(context), spec.get("profile", False))
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    peak = max_rss_mb()
    with transaction() as db:
        shapes = db.scalar(select(func.count()).select_from(AnnotationShape).where(AnnotationShape.job_id.in_(job_ids)))
        tracks = db.scalar(select(func.count()).select_from(AnnotationTrack).where(AnnotationTrack.job_id.in_(job_ids)))
        request = db.get(BackgroundRequest, request_id)
        if request is not None:
            db.delete(request)
    return {"seconds": seconds, "cpu_s": cpu, "peak_mb": peak - base, "base_mb": base,
            "objects": {"shapes stored": int(shapes or 0), "tracks stored": int(tracks or 0)}}


WORKERS = {"formats": worker_formats, "ours": worker_ours, "read": worker_read, "datumaro": worker_datumaro,
           "import": worker_import}


def worker_main(raw: str) -> None:
    spec = json.loads(raw)
    result = WORKERS[spec["kind"]](spec)
    print("RESULT " + json.dumps(result), flush=True)


# =========================================================================== the parent


@dataclass
class Measure:
    """One subprocess's answer: figures, or why there are none."""

    data: dict[str, Any] = field(default_factory=dict)
    error: str = ""

    @property
    def ok(self) -> bool:
        return not self.error and not self.data.get("unavailable")

    @property
    def status(self) -> str:
        return self.error or ("not available" if self.data.get("unavailable") else "")

    def get(self, key: str) -> float:
        return float(self.data.get(key, float("nan")))


def run_worker(spec: dict[str, Any], timeout: float, echo_stderr: bool = False) -> Measure:
    cmd = [sys.executable, str(HERE), "--worker", json.dumps(spec)]
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, env=os.environ.copy())
    except subprocess.TimeoutExpired:
        return Measure(error=f"timed out after {timeout:.0f} s")
    if echo_stderr and proc.stderr:
        print(proc.stderr)
    lines = [line for line in proc.stdout.splitlines() if line.startswith("RESULT ")]
    if proc.returncode != 0 or not lines:
        tail = (proc.stderr or proc.stdout).strip().splitlines()
        print(f"    worker {spec['kind']} failed (exit {proc.returncode}):\n      "
              + "\n      ".join(tail[-15:]), flush=True)
        return Measure(error=f"failed: {tail[-1][:90] if tail else 'exit ' + str(proc.returncode)}")
    return Measure(json.loads(lines[-1][len("RESULT "):]))


# --------------------------------------------------------------------------- building (cached)


def load_manifest(data_dir: Path) -> dict[str, Any]:
    path = data_dir / MANIFEST
    if path.exists():
        return dict(json.loads(path.read_text()))
    return {"version": DATA_VERSION, "export": {}, "import": {}}


def save_manifest(data_dir: Path, manifest: dict[str, Any]) -> None:
    (data_dir / MANIFEST).write_text(json.dumps(manifest, indent=1))


def scale_key(scale: float) -> str:
    return f"{scale:g}"


def ensure_export_task(data_dir: Path, manifest: dict[str, Any], scale: float, args: argparse.Namespace) -> dict[str, Any]:
    import export_data

    key = scale_key(scale)
    if key in manifest["export"]:
        return dict(manifest["export"][key])
    counts = export_data.expected_counts(scale)
    t0 = time.perf_counter()
    task_id, ids = export_data.create_task(f"bench export x{key}", counts.frames, args.segment_size)
    export_data.fill_export_task(task_id, ids, scale, args.seed)
    entry = {"task_id": task_id, "counts": counts.__dict__, "built_s": time.perf_counter() - t0}
    manifest["export"][key] = entry
    save_manifest(data_dir, manifest)
    print(f"  built export task {task_id} (scale {key}): {counts.describe()} in {entry['built_s']:.1f} s", flush=True)
    return entry


def ensure_import_task(data_dir: Path, manifest: dict[str, Any], mb: float, args: argparse.Namespace) -> dict[str, Any]:
    import export_data

    key = f"{mb:g}"
    if key in manifest["import"] and Path(manifest["import"][key]["xml"]).exists():
        return dict(manifest["import"][key])
    folder = data_dir / "xml"
    folder.mkdir(exist_ok=True)
    t0 = time.perf_counter()
    xml = export_data.write_cvat_xml(folder / f"annotations-{key}MB.xml", int(mb * 2**20), args.seed + 1)
    written = time.perf_counter() - t0
    task_id, _ = export_data.create_task(f"bench import {key} MB", xml.images, args.segment_size,
                                         export_data.IMPORT_FRAME_NAME)
    entry = {"task_id": task_id, "xml": str(xml.path), "images": xml.images, "objects": xml.objects,
             "bytes": xml.bytes, "written_s": written}
    manifest["import"][key] = entry
    save_manifest(data_dir, manifest)
    print(f"  wrote {xml.path.name}: {xml.bytes / 2**20:.0f} MB, {xml.images:,} images, {xml.objects:,} objects "
          f"in {written:.1f} s; import task {task_id}", flush=True)
    return entry


def owner_id() -> int:
    import export_data

    from contour.db import transaction

    with transaction() as db:
        return export_data.ensure_user(db)


def wait_for_formats(args: argparse.Namespace) -> dict[str, Any]:
    deadline = time.monotonic() + args.wait_formats
    while True:
        probe = run_worker({"kind": "formats"}, 300)
        if probe.error:
            print(f"  the format registry could not be loaded ({probe.error}); each measurement tries again",
                  flush=True)
        found = probe.data
        missing = [name for name in args.formats if name not in found.get("exporters", [])]
        if not args.no_import and IMPORT_FORMAT not in found.get("importers", []):
            missing.append(f"{IMPORT_FORMAT} (import)")
        if not missing or time.monotonic() >= deadline:
            if missing:
                print(f"  not registered: {', '.join(missing)}", flush=True)
            return found
        print(f"  waiting for: {', '.join(missing)}", flush=True)
        time.sleep(min(30.0, max(1.0, deadline - time.monotonic())))


# --------------------------------------------------------------------------- measuring and reporting


def fmt_s(m: Measure, key: str = "seconds") -> str:
    return f"{m.get(key):.2f}" if m.ok else m.status


def fmt_run(m: Measure) -> str:
    """"12.34 s (cpu 11.90 s), peak 40 MB" or why not."""
    if not m.ok:
        return m.status
    return f"{m.get('seconds'):.2f} s (cpu {m.get('cpu_s'):.2f} s), peak {m.get('peak_mb'):.0f} MB"


def fmt_mb(m: Measure, key: str = "peak_mb") -> str:
    return f"{m.get(key):.0f}" if m.ok else m.status


def objects_text(m: Measure) -> str:
    if not m.ok:
        return ""
    return ", ".join(f"{k} {v:,}" for k, v in m.data.get("objects", {}).items()) or "nothing"


def run(args: argparse.Namespace, database_url: str | None, tmp: Path) -> None:
    cached = args.cache_dir is not None and not database_url
    if args.cache_dir is not None and database_url:
        print("WARNING: --cache-dir applies to SQLite only; ignored", file=sys.stderr)
    root = args.cache_dir.expanduser() / f"seed{args.seed}-seg{args.segment_size}-v{DATA_VERSION}" if cached else tmp
    data_dir = root / "data"
    data_dir.mkdir(parents=True, exist_ok=True)
    os.environ["CONTOUR_DATA_DIR"] = str(data_dir)
    os.environ["CONTOUR_ARGON2_TIME_COST"] = "1"
    os.environ["CONTOUR_ARGON2_MEMORY_KIB"] = "1024"
    os.environ.pop("CONTOUR_REDIS_URL", None)
    if database_url:
        os.environ["CONTOUR_DATABASE_URL"] = database_url
    else:
        os.environ.pop("CONTOUR_DATABASE_URL", None)

    # Settings are read once: import contour only after the environment is in place.
    import export_data

    from contour.config import get_settings
    from contour.db import get_engine, refresh_planner_statistics
    from contour.migrations import upgrade

    engine = get_engine()
    backend = engine.dialect.name
    started = time.perf_counter()
    small = args.scale / 5
    try:
        upgrade(get_settings().resolved_database_url)
        manifest = load_manifest(data_dir)
        print(f"backend: {backend}; data: {data_dir}{' (cached)' if cached else ''}", flush=True)
        owner = owner_id()
        big_task = ensure_export_task(data_dir, manifest, args.scale, args)
        small_task = None if args.no_small else ensure_export_task(data_dir, manifest, small, args)
        imports: list[tuple[float, dict[str, Any]]] = []
        if not args.no_import:
            imports.append((args.xml_mb, ensure_import_task(data_dir, manifest, args.xml_mb, args)))
            if not args.no_small:
                imports.append((args.xml_mb / 5, ensure_import_task(data_dir, manifest, args.xml_mb / 5, args)))
        refresh_planner_statistics(engine)
        engine.dispose()
        registered = wait_for_formats(args)
        print(f"  exporters registered: {', '.join(registered.get('exporters', [])) or 'none'}; "
              f"importers: {', '.join(registered.get('importers', [])) or 'none'}", flush=True)

        def ours(kind: str, task: dict[str, Any], fmt: str = "", profile: bool = False) -> Measure:
            spec = {"kind": kind, "format": fmt, "task_id": task["task_id"], "owner_id": owner, "profile": profile}
            return run_worker(spec, args.timeout, echo_stderr=profile)

        big_counts = export_data.Counts(**big_task["counts"])
        print(f"\nexport task: {big_counts.describe()}", flush=True)
        read_big = ours("read", big_task)
        read_small = ours("read", small_task) if small_task else Measure(error="skipped")
        print(f"  read only (task_source frames): {fmt_run(read_big)} [{objects_text(read_big)}]; "
              f"at 1/5: {fmt_run(read_small)}", flush=True)
        rows = []
        dm_names = dict(FORMATS)
        for name in args.formats:
            full = ours("ours", big_task, name)
            print(f"  {name}: ours {fmt_run(full)}, zip {fmt_mb(full, 'out_mb')} MB [{objects_text(full)}]", flush=True)
            part = ours("ours", small_task, name) if small_task and full.ok else Measure(error="skipped")
            if small_task and full.ok:
                print(f"  {name} at 1/5: ours {fmt_run(part)}", flush=True)
            if args.no_datumaro:
                dm = Measure(error="skipped")
            else:
                dm = run_worker({"kind": "datumaro", "task_id": big_task["task_id"], "dm_format": dm_names[name],
                                 "fraction": args.datumaro_scale, "out": str(tmp / f"datumaro-{dm_names[name]}")},
                                args.timeout)
                if dm.ok:
                    share = big_counts.shapes / max(1, dm.data["annotations"])
                    dm.data["full_seconds"] = dm.data["seconds"] * share
                    dm.data["full_cpu_s"] = dm.data["cpu_s"] * share
                    dm.data["extrapolated"] = share > 1.0001
                    label = (f" [on {dm.data['annotations']:,} annotations: {dm.data['seconds']:.2f} s, "
                             f"extrapolated x{share:.2f}]") if dm.data["extrapolated"] else ""
                    print(f"  {name}: Datumaro '{dm_names[name]}' {dm.data['full_seconds']:.2f} s "
                          f"(cpu {dm.data['full_cpu_s']:.2f} s){label}, peak {fmt_mb(dm)} MB incl. its in-memory "
                          f"dataset ({fmt_mb(dm, 'dataset_mb')} MB) [{objects_text(dm)}]", flush=True)
                else:
                    print(f"  {name}: Datumaro {dm.status}", flush=True)
            rows.append((name, full, part, dm))
        import_rows = []
        for mb, entry in imports:
            m = run_worker({"kind": "import", "task_id": entry["task_id"], "owner_id": owner, "xml": entry["xml"]},
                           args.timeout)
            print(f"  import {IMPORT_FORMAT} {entry['bytes'] / 2**20:.0f} MB ({entry['objects']:,} objects, "
                  f"{entry['images']:,} images): {fmt_run(m)} [{objects_text(m)}]", flush=True)
            import_rows.append((mb, entry, m))
        if args.profile:
            print(f"\n--- cProfile of one extra run ({args.profile}; times inflated by the profiler) ---", flush=True)
            if args.profile == "import" and imports:
                run_worker({"kind": "import", "task_id": imports[0][1]["task_id"], "owner_id": owner,
                            "xml": imports[0][1]["xml"], "profile": True}, args.timeout, echo_stderr=True)
            elif args.profile == "read":
                ours("read", big_task, profile=True)
            else:
                ours("ours", big_task, args.profile, profile=True)
        print_summary(args, backend, big_counts, small_task, read_big, read_small, rows, import_rows,
                      time.perf_counter() - started)
    finally:
        get_engine().dispose()


def print_summary(args: argparse.Namespace, backend: str, counts: Any, small_task: dict[str, Any] | None,
                  read_big: Measure, read_small: Measure, rows: list[tuple[str, Measure, Measure, Measure]],
                  import_rows: list[tuple[float, dict[str, Any], Measure]], elapsed: float) -> None:
    from export_data import Counts

    from contour.resources.datasets.source import WINDOW_FRAMES

    extrapolated = any(dm.ok and dm.data.get("extrapolated") for _, _, _, dm in rows)
    print("\n" + "=" * 110)
    print(f"SUMMARY  backend {backend}; {os.cpu_count()} CPUs; whole run {elapsed:.0f} s")
    print(f"export task: {counts.describe()}, 3 attribute values per object")
    if small_task:
        print(f"1/5 task:    {Counts(**small_task['counts']).describe()}")
    print("ours = the server's run_export(): database reads + exporter + deflated zip, timed whole; "
          "Datumaro = Dataset.export() of an in-memory dataset into a folder (building it and zipping not timed)")
    print("peak = peak RSS of a fresh process minus its RSS after imports (Datumaro's includes its dataset); "
          f"exports read {WINDOW_FRAMES} frames at a time, so peaks grow with the task only up to that many frames")
    print("ratio = Datumaro s / ours s (wall; cpu = the measured process's user+sys"
          + (", PostgreSQL's own work not included" if backend != "sqlite" else "") + ")"
          + (f"; * = Datumaro extrapolated linearly from its first {args.datumaro_scale:g} of the frames"
             if extrapolated else ""))
    header = (f"{'format':<22} {'ours s':>8} {'cpu s':>7} {'peak MB':>8} {'@1/5 s':>8} {'@1/5 MB':>8} {'zip MB':>7} "
              f"{'Datumaro s':>11} {'cpu s':>8} {'DM MB':>6} {'ratio':>7} {'cpu ratio':>9}")
    print(header)
    print("-" * len(header))
    if read_big.ok:
        print(f"{'(read only)':<22} {fmt_s(read_big):>8} {fmt_s(read_big, 'cpu_s'):>7} {fmt_mb(read_big):>8} "
              f"{fmt_s(read_small):>8} {fmt_mb(read_small):>8}")
    for name, full, part, dm in rows:
        if not full.ok:
            print(f"{name:<22} {full.status}")
            continue
        if dm.ok:
            star = "*" if dm.data.get("extrapolated") else ""
            dm_s, dm_cpu = f"{dm.data['full_seconds']:.2f}{star}", f"{dm.data['full_cpu_s']:.2f}{star}"
            ratio = f"{dm.data['full_seconds'] / full.get('seconds'):.2f}{star}"
            cpu_ratio = f"{dm.data['full_cpu_s'] / full.get('cpu_s'):.2f}{star}"
            dm_mb = fmt_mb(dm)
        else:
            dm_s, dm_cpu, ratio, cpu_ratio, dm_mb = dm.status, "-", "-", "-", "-"
        print(f"{name:<22} {fmt_s(full):>8} {fmt_s(full, 'cpu_s'):>7} {fmt_mb(full):>8} {fmt_s(part):>8} "
              f"{fmt_mb(part):>8} {fmt_mb(full, 'out_mb'):>7} {dm_s:>11} {dm_cpu:>8} {dm_mb:>6} {ratio:>7} {cpu_ratio:>9}")
    for _, entry, m in import_rows:
        print(f"import {IMPORT_FORMAT}, {entry['bytes'] / 2**20:.0f} MB XML ({entry['objects']:,} objects on "
              f"{entry['images']:,} images): {fmt_run(m)}")
    if not rows and not import_rows:
        print("nothing measured")


def main() -> None:
    args = parse_args()
    if args.worker:
        worker_main(args.worker)
        return
    run_with_database(args, lambda database_url, tmp: run(args, database_url, tmp))


if __name__ == "__main__":
    main()
