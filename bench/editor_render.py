#!/usr/bin/env python
"""Benchmark the annotation editor on a big job: a 10000x5000 frame with 3,000 polygons of 20 points
(the case CVAT users report as 2-5 s per action, cvat-ai/cvat#3875), in Debian's Chromium.

Self-contained: a `contour serve` of its own (tests/live_server.py's `serving`, serving the built web
app of --web-dist), a fresh user, a task of 3 generated JPEG frames (smooth gradients, so encoding is
quick), the polygons put on frame 0 with `PUT /api/jobs/{id}/annotations`. Then the job is opened and
measured in the page (performance.now(), requestAnimationFrame counters, MutationObservers):

- first render: navigation start -> canvas `data-frame-ready` and every object listed, then one frame;
- pan fps: frames painted while page.mouse drags empty space for 2 s (with the move -> next frame
  latency of each pointer move);
- drag fps: the same while dragging one polygon with the cursor tool;
- select: a click on a polygon -> its row in the sidebar highlighted, then one frame (median of 10);
- frame switch: F then D (keydown -> `data-frame` changed, frame ready, then one frame), after a first
  round trip so the chunks are cached (medians);
- JS heap: performance.memory.usedJSHeapSize (--enable-precise-memory-info).

Goals (issue 7): >= 30 fps panning, < 50 ms per edit action, < 100 ms frame switch, heap < 1 GB.
Benchmarks are not tests: the verdicts are printed, nothing asserts.

    (cd web && npx vite build --outDir /tmp/editor-bench-dist --emptyOutDir)
    .venv/bin/python bench/editor_render.py --web-dist /tmp/editor-bench-dist           # full size
    .venv/bin/python bench/editor_render.py --web-dist /tmp/editor-bench-dist --quick   # 300 polygons, 2000x1000
    .venv/bin/python bench/editor_render.py --trace /tmp/editor.json   # also a Chromium trace of the drags
"""

from __future__ import annotations

import argparse
import io
import math
import os
import signal
import statistics
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve()
ROOT = HERE.parents[1]
sys.path.insert(0, str(ROOT))

from tests.live_server import CHROMIUM, CHROMIUM_FLAGS  # noqa: E402 (needs the path above)

# Precise heap figures need the flag; the rest is what the e2e suite launches Chromium with.
BENCH_FLAGS = [*CHROMIUM_FLAGS, "--enable-precise-memory-info"]
PASSWORD = "bench-password-1"
FRAMES = 3
POINTS_PER_POLYGON = 20
GESTURE_S = 2.0
SELECT_CLICKS = 10
SWITCH_ROUNDS = 5
TIMEOUT_MS = 180_000

# In-page instruments, installed before the app's scripts run.
INSTRUMENTS = """
(() => {
  const bench = (window.__bench = { firstRender: null, expected: -1 });
  const afterFrame = (run) => requestAnimationFrame(() => setTimeout(run, 0));
  bench.afterFrame = afterFrame;
  // First render: the frame's image is ready and every object is listed, then one painted frame.
  const watchFirstRender = () => {
    const canvas = document.querySelector('[data-testid=editor-canvas]');
    const count = document.querySelector('[data-testid=objects-count]');
    if (canvas && canvas.getAttribute('data-frame-ready') === 'true' && count &&
        Number(count.textContent) === bench.expected) {
      afterFrame(() => { bench.firstRender = performance.now(); });
      return;
    }
    requestAnimationFrame(watchFirstRender);
  };
  requestAnimationFrame(watchFirstRender);

  // Frames painted, and pointer move -> next frame latencies, between start() and stop().
  bench.start = () => {
    const run = { frames: 0, started: performance.now(), moves: [], running: true, pending: false };
    bench.run = run;
    const tick = () => { if (!run.running) return; run.frames += 1; requestAnimationFrame(tick); };
    requestAnimationFrame(tick);
    run.onMove = (event) => {
      if (run.pending) return;
      run.pending = true;
      const at = event.timeStamp;
      afterFrame(() => { run.moves.push(performance.now() - at); run.pending = false; });
    };
    window.addEventListener('mousemove', run.onMove, true);
  };
  bench.stop = () => {
    const run = bench.run;
    run.running = false;
    window.removeEventListener('mousemove', run.onMove, true);
    return { frames: run.frames, elapsed: performance.now() - run.started, moves: run.moves };
  };

  // The next input event of `type` -> `done()` true, then one frame; resolves with milliseconds.
  bench.time = (type, done) => new Promise((resolve) => {
    let started = null;
    const onInput = (event) => { started = event.timeStamp; window.removeEventListener(type, onInput, true); check(); };
    window.addEventListener(type, onInput, true);
    const observer = new MutationObserver(() => check());
    observer.observe(document.body, { attributes: true, subtree: true, childList: true });
    let finished = false;
    // A step that never completes (say a click that missed) gives NaN rather than a hung run.
    setTimeout(() => { if (!finished) { finished = true; observer.disconnect(); resolve(NaN); } }, 60000);
    function check() {
      if (finished || started === null || !done()) return;
      finished = true;
      observer.disconnect();
      afterFrame(() => resolve(performance.now() - started));
    }
  });
})();
"""


@dataclass(frozen=True)
class Size:
    width: int
    height: int
    polygons: int


FULL = Size(10_000, 5_000, 3_000)
QUICK = Size(2_000, 1_000, 300)


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--quick", action="store_true", help=f"{QUICK.polygons} polygons on {QUICK.width}x{QUICK.height}")
    p.add_argument(
        "--web-dist",
        type=Path,
        default=Path(os.environ.get("CONTOUR_TEST_WEB_DIST", ROOT / "web" / "dist")),
        help="the built web app (default: CONTOUR_TEST_WEB_DIST or web/dist)",
    )
    p.add_argument("--polygons", type=int, help="number of polygons (default 3,000; --quick 300)")
    p.add_argument("--viewport", default="1440x900", help="browser window size (default 1440x900)")
    p.add_argument("--gestures-only", action="store_true", help="stop after the pan and drag (quicker, for profiling)")
    p.add_argument("--trace", type=Path, help="write a Chromium performance trace of the pan and drag here")
    p.add_argument(
        "--profile",
        action="store_true",
        help="print the functions with the most self time (JS CPU profile) in each measured phase",
    )
    return p.parse_args(argv)


# --- setup -----------------------------------------------------------------------------------------


def frame_jpeg(size: Size, index: int) -> bytes:
    """A smooth colour gradient with a few bands: compresses well, encodes fast, still has detail."""
    import numpy as np
    from PIL import Image

    x = np.linspace(0, 1, size.width, dtype=np.float32)[None, :]
    y = np.linspace(0, 1, size.height, dtype=np.float32)[:, None]
    red = (x * 200 + 30 * index) % 256
    green = (y * 180 + 40 * np.sin(x * 40)) % 256
    blue = ((x + y) * 120 + 20 * np.cos(y * 60)) % 256
    pixels = np.stack(np.broadcast_arrays(red, green, blue), axis=-1).astype(np.uint8)
    buffer = io.BytesIO()
    Image.fromarray(pixels).save(buffer, format="JPEG", quality=85)
    return buffer.getvalue()


def grid(size: Size) -> tuple[int, int, float, float]:
    """Columns, rows and cell size of the polygon grid (about square cells over the frame)."""
    columns = max(1, round(math.sqrt(size.polygons * size.width / size.height)))
    rows = math.ceil(size.polygons / columns)
    return columns, rows, size.width / columns, size.height / rows


def polygon_centre(size: Size, index: int) -> tuple[float, float]:
    columns, _, cell_w, cell_h = grid(size)
    return (index % columns + 0.5) * cell_w, (index // columns + 0.5) * cell_h


def polygons(size: Size, label_id: int) -> list[dict[str, Any]]:
    """20-point star-ish polygons, one per grid cell, filling 70% of it: the cell corners stay empty."""
    _, _, cell_w, cell_h = grid(size)
    radius = 0.35 * min(cell_w, cell_h)
    shapes = []
    for index in range(size.polygons):
        cx, cy = polygon_centre(size, index)
        points: list[float] = []
        for k in range(POINTS_PER_POLYGON):
            angle = 2 * math.pi * k / POINTS_PER_POLYGON
            r = radius * (1.0 if k % 2 == 0 else 0.8)
            points += [round(cx + r * math.cos(angle), 2), round(cy + r * math.sin(angle), 2)]
        shapes.append({
            "type": "polygon", "frame": 0, "label_id": label_id, "points": points, "occluded": False,
            "outside": False, "z_order": 0, "rotation": 0, "attributes": [], "group": 0, "source": "manual",
        })  # fmt: skip
    return shapes


def ok(response: Any, status: int = 200) -> Any:
    if response.status != status:
        raise RuntimeError(f"{response.url}: {response.status} {response.text()[:2000]}")
    return response.json() if response.text() else None


def create_job(context: Any, size: Size) -> tuple[int, int]:
    """Registers and signs in a user, creates the task and its annotations; returns (task id, job id)."""
    ok(context.request.post("/api/auth/register", data={
        "username": "bench-editor", "email": "bench-editor@example.com", "password1": PASSWORD, "password2": PASSWORD,
    }), 201)  # fmt: skip
    ok(context.request.post("/api/auth/login", data={"username": "bench-editor", "password": PASSWORD}))
    headers = {"X-CSRFToken": next(c["value"] for c in context.cookies() if c["name"] == "csrftoken")}
    body = {"name": "editor bench", "labels": [{"name": "object", "color": "#ff6600"}], "segment_size": FRAMES}
    task = ok(context.request.post("/api/tasks", data=body, headers=headers), 201)
    started = time.perf_counter()
    files = {
        f"client_files[{i}]": {"name": f"frame{i}.jpg", "mimeType": "image/jpeg", "buffer": frame_jpeg(size, i)}
        for i in range(FRAMES)
    }
    print(f"  {FRAMES} frames of {size.width}x{size.height} generated in {time.perf_counter() - started:.1f} s "
          f"({sum(len(f['buffer']) for f in files.values()) / 1e6:.1f} MB)", flush=True)  # fmt: skip
    started = time.perf_counter()
    rq = ok(context.request.post(f"/api/tasks/{task['id']}/data", multipart={"image_quality": "90", **files},
                                 headers=headers, timeout=TIMEOUT_MS), 202)  # fmt: skip
    deadline = time.monotonic() + TIMEOUT_MS / 1000
    while (status := ok(context.request.get(f"/api/requests/{rq['rq_id']}")))["status"] not in ("finished", "failed"):
        if time.monotonic() > deadline:
            raise RuntimeError("task data did not finish")
        time.sleep(0.25)
    if status["status"] != "finished":
        raise RuntimeError(f"task data failed: {status}")
    print(f"  task data prepared in {time.perf_counter() - started:.1f} s", flush=True)
    job = ok(context.request.get(f"/api/jobs?task_id={task['id']}"))["results"][0]
    label_id = ok(context.request.get(f"/api/labels?task_id={task['id']}"))["results"][0]["id"]
    started = time.perf_counter()
    annotations = {"version": 0, "tags": [], "shapes": polygons(size, label_id), "tracks": []}
    ok(context.request.put(f"/api/jobs/{job['id']}/annotations", data=annotations, headers=headers,
                           timeout=TIMEOUT_MS))  # fmt: skip
    print(f"  {size.polygons} polygons stored in {time.perf_counter() - started:.1f} s", flush=True)
    return task["id"], job["id"]


# --- measurements ----------------------------------------------------------------------------------


class Canvas:
    def __init__(self, page: Any) -> None:
        self.page = page
        self.element = page.get_by_test_id("editor-canvas")

    def screen(self, x: float, y: float) -> tuple[float, float]:
        box = self.element.bounding_box()
        scale = float(self.element.get_attribute("data-scale") or "nan")
        ox = float(self.element.get_attribute("data-origin-x") or "nan")
        oy = float(self.element.get_attribute("data-origin-y") or "nan")
        return box["x"] + ox + x * scale, box["y"] + oy + y * scale


def top_self_time(profile: dict[str, Any], limit: int = 15) -> list[tuple[float, str]]:
    """(ms, "function url:line") with the most self time in a CDP Profiler profile."""
    nodes = {node["id"]: node for node in profile["nodes"]}
    deltas = profile.get("timeDeltas", [])
    spent: dict[str, float] = {}
    for sample, delta in zip(profile.get("samples", []), deltas[1:] + [0], strict=False):
        frame = nodes[sample]["callFrame"]
        where = frame["url"].rsplit("/", 1)[-1]
        name = f"{frame['functionName'] or '(anonymous)'} {where}:{frame['lineNumber'] + 1}:{frame['columnNumber'] + 1}"
        spent[name] = spent.get(name, 0.0) + delta / 1000
    return sorted(((ms, name) for name, ms in spent.items()), reverse=True)[:limit]


class Profiler:
    """A JS CPU profile (CDP) from construction to stop(), when enabled; stop() gives its hot spots."""

    def __init__(self, page: Any, enabled: bool) -> None:
        self.cdp = page.context.new_cdp_session(page) if enabled else None
        if self.cdp is not None:
            self.cdp.send("Profiler.enable")
            self.cdp.send("Profiler.setSamplingInterval", {"interval": 500})
            self.cdp.send("Profiler.start")

    def stop(self) -> list[tuple[float, str]]:
        if self.cdp is None:
            return []
        hot = top_self_time(self.cdp.send("Profiler.stop")["profile"])
        self.cdp.detach()
        return hot


def gesture(
    page: Any, start: tuple[float, float], radius: float, profile: bool = False, button: str = "left"
) -> dict[str, Any]:
    """Press at `start`, circle around it for GESTURE_S seconds, release; frames and move latencies."""
    page.mouse.move(*start)
    profiler = Profiler(page, profile)
    page.mouse.down(button=button)
    page.evaluate("window.__bench.start()")
    began = time.perf_counter()
    step = 0
    while time.perf_counter() - began < GESTURE_S:
        step += 1
        angle = step * 0.3
        page.mouse.move(start[0] + radius * math.cos(angle) - radius, start[1] + radius * math.sin(angle))
    run = page.evaluate("window.__bench.stop()")
    page.mouse.up(button=button)
    hot = profiler.stop()
    moves = run["moves"] or [float("nan")]
    return {
        "hot": hot,
        "fps": run["frames"] / (run["elapsed"] / 1000),
        "move_ms": statistics.median(moves),
        "move_p95_ms": sorted(moves)[int(0.95 * (len(moves) - 1))],
        "moves": step,
    }


def timed(page: Any, event: str, done_js: str, act: Any) -> float:
    """Milliseconds from the next `event` to `done_js` true and one frame painted."""
    # Wrapped in an object: evaluate_handle would wait for a bare promise before the action happens.
    handle = page.evaluate_handle(f"({{ done: window.__bench.time({event!r}, () => {done_js}) }})")
    act()
    return float(page.evaluate("(h) => h.done", handle))


def empty_spot(size: Size, canvas: Canvas, index: int) -> tuple[float, float]:
    """The screen point of the top-left corner of polygon `index`'s cell: no shape there."""
    _, _, cell_w, cell_h = grid(size)
    cx, cy = polygon_centre(size, index)
    return canvas.screen(cx - cell_w / 2, cy - cell_h / 2)


def measure(
    page: Any, size: Size, task_id: int, job_id: int, trace: Path | None, profile: bool, gestures_only: bool = False
) -> dict[str, Any]:
    results: dict[str, Any] = {}
    page.add_init_script(INSTRUMENTS.replace("expected: -1", f"expected: {size.polygons}"))
    page.goto(f"/tasks/{task_id}/jobs/{job_id}", wait_until="commit")
    page.wait_for_function("window.__bench && window.__bench.firstRender !== null", timeout=TIMEOUT_MS, polling=100)
    results["first_render_ms"] = page.evaluate("window.__bench.firstRender")
    results["heap_opened_mb"] = page.evaluate("performance.memory.usedJSHeapSize") / 2**20
    print(f"  first render {results['first_render_ms']:,.0f} ms", flush=True)
    canvas = Canvas(page)
    columns, rows, _, _ = grid(size)
    middle = (rows // 2) * columns + columns // 2

    if trace is not None:
        page.context.browser.start_tracing(page=page, path=str(trace), screenshots=False)
    # Pan: the middle button, circling near the middle (the left button on a cell corner would pick
    # a polygon at the full size's zoom, where the corners are within the pick tolerance).
    results["pan"] = gesture(page, empty_spot(size, canvas, middle), radius=60, profile=profile, button="middle")
    print(f"  pan {results['pan']['fps']:.1f} fps", flush=True)
    # Drag: press on a polygon's centre with the cursor tool, circle there.
    target = middle + columns + 1
    results["drag"] = gesture(page, canvas.screen(*polygon_centre(size, target)), radius=40, profile=profile)
    print(f"  drag {results['drag']['fps']:.1f} fps", flush=True)
    if trace is not None:
        page.context.browser.stop_tracing()
    page.keyboard.press("Control+z")  # leave the polygon where it was
    if gestures_only:
        return results

    # Select: click ten different polygons around the middle, three cells apart: at the full size's
    # zoom neighbouring polygons are within the pick tolerance of the selected one, which wins.
    selects = []
    profiler = Profiler(page, profile)
    for k in range(SELECT_CLICKS):
        index = middle - columns + 3 * (k - SELECT_CLICKS // 2)
        x, y = canvas.screen(*polygon_centre(size, index))
        done = "document.querySelectorAll('[data-testid=object-item].editor-object-selected').length === 1 && " \
               "window.__bench.selectedBefore !== document.querySelector('.editor-object-selected')"  # fmt: skip
        page.evaluate("window.__bench.selectedBefore = document.querySelector('.editor-object-selected')")
        selects.append(timed(page, "mousedown", done, lambda x=x, y=y: page.mouse.click(x, y)))
        print(f"    select sample {selects[-1]:,.0f} ms", flush=True)
    results["select_ms"] = selects
    results["select_hot"] = profiler.stop()
    print(f"  select {statistics.median(selects):,.0f} ms", flush=True)

    # Frame switch: one round trip to fill the caches, then timed rounds of F and D.
    ready = "document.querySelector('[data-testid=editor-canvas]').getAttribute('data-frame-ready') === 'true'"

    def on_frame(frame: int) -> str:
        objects = size.polygons if frame == 0 else 0
        count = f"Number(document.querySelector('[data-testid=objects-count]').textContent) === {objects}"
        return f"document.querySelector('[data-testid=editor]').getAttribute('data-frame') === '{frame}' && {ready} && {count}"

    page.mouse.move(*empty_spot(size, canvas, 0))
    for key, frame in [("f", 1), ("f", 2), ("d", 1), ("d", 0)]:
        page.keyboard.press(key)
        page.wait_for_function(on_frame(frame), timeout=TIMEOUT_MS)
    forward, back = [], []
    profiler = Profiler(page, profile)
    for _ in range(SWITCH_ROUNDS):
        forward.append(timed(page, "keydown", on_frame(1), lambda: page.keyboard.press("f")))
        back.append(timed(page, "keydown", on_frame(0), lambda: page.keyboard.press("d")))
    results["switch_hot"] = profiler.stop()
    results["switch_forward_ms"] = forward
    results["switch_back_ms"] = back
    results["heap_mb"] = page.evaluate("performance.memory.usedJSHeapSize") / 2**20
    return results


# --- report ----------------------------------------------------------------------------------------


def report(size: Size, r: dict[str, Any]) -> None:
    select = statistics.median(r["select_ms"])
    forward = statistics.median(r["switch_forward_ms"])
    back = statistics.median(r["switch_back_ms"])
    switch = max(forward, back)
    heap = max(r["heap_mb"], r["heap_opened_mb"])
    rows = [
        ("first render (navigation -> frame and objects shown)", f"{r['first_render_ms']:,.0f} ms"),
        ("pan: frames per second", f"{r['pan']['fps']:.1f} fps"),
        ("pan: pointer move -> next frame, median / p95", f"{r['pan']['move_ms']:.0f} / {r['pan']['move_p95_ms']:.0f} ms"),
        ("drag one polygon: frames per second", f"{r['drag']['fps']:.1f} fps"),
        ("drag: pointer move -> next frame, median / p95",
         f"{r['drag']['move_ms']:.0f} / {r['drag']['move_p95_ms']:.0f} ms"),
        (f"select (click -> row highlighted), median of {len(r['select_ms'])}", f"{select:.0f} ms"),
        (f"frame switch F (0 -> 1, no objects), median of {len(r['switch_forward_ms'])}", f"{forward:.0f} ms"),
        (f"frame switch D (1 -> 0, {size.polygons:,} objects), median", f"{back:.0f} ms"),
        ("JS heap after opening / at the end", f"{r['heap_opened_mb']:.0f} / {r['heap_mb']:.0f} MB"),
    ]  # fmt: skip
    print()
    print(
        f"Editor on a {size.width}x{size.height} frame with {size.polygons:,} polygons of {POINTS_PER_POLYGON} points"
    )
    width = max(len(name) for name, _ in rows)
    for name, value in rows:
        print(f"  {name:<{width}}  {value:>12}")
    print(f"  (pan: {r['pan']['moves']} pointer moves in {GESTURE_S:.0f} s; drag: {r['drag']['moves']}; "
          f"select samples {', '.join(f'{v:.0f}' for v in r['select_ms'])} ms)")  # fmt: skip
    edit = max(select, r["drag"]["move_ms"])
    verdicts = [
        ("panning >= 30 fps", r["pan"]["fps"] >= 30, f"{r['pan']['fps']:.1f} fps"),
        ("edit action < 50 ms (select, drag move)", edit < 50, f"{select:.0f} ms, {r['drag']['move_ms']:.0f} ms"),
        ("frame switch < 100 ms (F, D)", switch < 100, f"{forward:.0f} ms, {back:.0f} ms"),
        ("JS heap < 1 GB", heap < 1024, f"{heap:.0f} MB"),
    ]
    phases = {"pan": r["pan"]["hot"], "drag": r["drag"]["hot"], "selects": r["select_hot"],
              "frame switches": r["switch_hot"]}  # fmt: skip
    for phase, hot in phases.items():
        if hot:
            print(f"\nMost JS self time during the {phase} (ms, function file:line:column):")
            for ms, name in hot:
                print(f"  {ms:8.0f}  {name}")
    print()
    print("Goals (issue 7):")
    for name, met, value in verdicts:
        print(f"  {'MET   ' if met else 'MISSED'}  {name:<42} {value}")


def report_gestures(r: dict[str, Any]) -> None:
    for name in ("pan", "drag"):
        g = r[name]
        print(f"\n{name}: {g['fps']:.1f} fps, pointer move -> next frame {g['move_ms']:.0f} / {g['move_p95_ms']:.0f} ms")
        for ms, where in g["hot"]:
            print(f"  {ms:8.0f}  {where}")


def main(argv: list[str] | None = None) -> None:
    args = parse_args(argv)
    # A kill ends the run through the `with` blocks, so the server and the browser go with it.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    size = QUICK if args.quick else FULL
    if args.polygons:
        size = Size(size.width, size.height, args.polygons)
    if not (args.web_dist / "index.html").is_file():
        sys.exit(f"the web app is not built: {args.web_dist}/index.html missing (see --help)")
    from playwright.sync_api import sync_playwright

    from tests.live_server import serving

    width, height = (int(v) for v in args.viewport.split("x"))
    print(f"Setting up: {size.polygons} polygons on {FRAMES} frames of {size.width}x{size.height}", flush=True)
    # The server gets its own SQLite database in its data dir (no CONTOUR_TEST_DATABASE_URL).
    os.environ.pop("CONTOUR_TEST_DATABASE_URL", None)
    with serving(prefix="contour-bench-editor-", extra_env={"CONTOUR_WEB_DIST": str(args.web_dist)}) as server:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=BENCH_FLAGS, headless=True)
            try:
                context = browser.new_context(base_url=server.url, viewport={"width": width, "height": height})
                context.set_default_timeout(TIMEOUT_MS)
                task_id, job_id = create_job(context, size)
                print("Measuring in Chromium...", flush=True)
                page = context.new_page()
                results = measure(page, size, task_id, job_id, args.trace, args.profile, args.gestures_only)
            finally:
                browser.close()
    if args.gestures_only:
        report_gestures(results)
    else:
        report(size, results)


if __name__ == "__main__":
    main()
