"""Building chunks ahead of time (tasks created without `use_cache`), on all cores.

Frames are encoded in a process pool (JPEG encoding holds the GIL) and assembled into chunk
files in order; chunk files are written under a temporary name and renamed, so a reader never
sees half a chunk.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from itertools import repeat
from multiprocessing import get_context
from pathlib import Path

from contour.config import get_settings
from contour.media import video
from contour.media.chunks import Entry, Quality, encode_frame, write_zip_chunk
from contour.media.errors import MediaError
from contour.processes import pool_worker_started, prepare_pool_owner
from contour.resources.data.files import atomic_output, chunks_dir, write_atomically


def chunk_file(task_id: int, quality: Quality, number: int, extension: str) -> Path:
    return chunks_dir(task_id) / f"{quality}_{number:06d}.{extension}"


def _workers() -> int:
    configured = get_settings().chunk_workers
    return configured if configured > 0 else max(1, os.cpu_count() or 1)


def _pool() -> ProcessPoolExecutor:
    # forkserver: the server process has threads (queue consumers), which fork would copy unsafely. The fork
    # server and the workers die with the server, even when it is killed (contour.processes).
    prepare_pool_owner()
    context = get_context("forkserver")
    context.set_forkserver_preload(["contour.forkserver_preload"])
    return ProcessPoolExecutor(max_workers=_workers(), mp_context=context, initializer=pool_worker_started)


class _InThread:
    """The part of the executor interface build_imageset_chunks uses, run in the calling thread."""

    def __enter__(self) -> _InThread:
        return self

    def __exit__(self, *exc: object) -> None:
        return None

    def map(self, fn: Callable[..., Entry], *iterables: Iterable[object], chunksize: int = 1) -> Iterator[Entry]:
        return map(fn, *iterables)


def _encode_named(path: str, name: str, quality: Quality, image_quality: int, max_pixels: int) -> Entry:
    try:
        return encode_frame(path, quality, image_quality, max_pixels)
    except MediaError as error:
        raise error.naming(name) from None


def _write_chunk(task_id: int, quality: Quality, number: int, entries: list[Entry]) -> None:
    # Straight into the chunk file: originals are streamed from their files, never held in memory.
    with atomic_output(chunk_file(task_id, quality, number, "zip")) as output:
        write_zip_chunk(entries, output)


def build_imageset_chunks(
    task_id: int, paths: Sequence[Path], chunk_size: int, image_quality: int, on_progress: Callable[[float], None],
    *, names: Sequence[str] | None = None,
) -> None:
    """Chunks of `paths`; an unreadable frame is named by its entry in `names` (default: its file name)."""
    qualities: tuple[Quality, ...] = ("compressed", "original")
    total = len(paths) * len(qualities)
    done = 0
    shown = list(names) if names is not None else [p.name for p in paths]
    max_pixels = get_settings().compressed_max_pixels
    # Starting worker processes costs ~0.3 s: not worth it for a task of one chunk.
    with _pool() if len(paths) > chunk_size else _InThread() as pool:
        for quality in qualities:
            encoded = pool.map(_encode_named, [str(p) for p in paths], shown, repeat(quality), repeat(image_quality),
                               repeat(max_pixels), chunksize=4)
            entries: list[Entry] = []
            number = 0
            for entry in encoded:
                entries.append(entry)
                if len(entries) == chunk_size:
                    _write_chunk(task_id, quality, number, entries)
                    done += len(entries)
                    number += 1
                    entries = []
                    on_progress(done / total)
            if entries:
                _write_chunk(task_id, quality, number, entries)
                done += len(entries)
                on_progress(done / total)


def video_chunk_kind(quality: Quality, use_zip_chunks: bool) -> tuple[str, str]:
    """(chunk kind, file extension) of a video task's chunk of the given quality."""
    if quality == "compressed" and use_zip_chunks:
        return "imageset", "zip"
    return "video", "mp4"


def _build_video_chunk(path: str, numbers: list[int], kind: str, quality: Quality, image_quality: int,
                       info: video.VideoInfo) -> bytes:
    return video.build_chunk(Path(path), numbers, kind=kind, quality=quality, image_quality=image_quality,  # type: ignore[arg-type]
                             info=info)


def build_video_chunks(
    task_id: int,
    path: Path,
    numbers: Sequence[int],
    chunk_size: int,
    image_quality: int,
    use_zip_chunks: bool,
    info: video.VideoInfo,
    on_progress: Callable[[float], None],
) -> None:
    groups = [list(numbers[i : i + chunk_size]) for i in range(0, len(numbers), chunk_size)]
    jobs = [(quality, n, group) for quality in ("compressed", "original") for n, group in enumerate(groups)]
    with _pool() as pool:
        futures = [
            # Passing the probe spares every chunk a full scan of the video (~40% of build time).
            (quality, n, pool.submit(_build_video_chunk, str(path), group, video_chunk_kind(quality, use_zip_chunks)[0],
                                     quality, image_quality, info))
            for quality, n, group in jobs
        ]
        for index, (quality, n, future) in enumerate(futures):
            extension = video_chunk_kind(quality, use_zip_chunks)[1]  # type: ignore[arg-type]
            write_atomically(chunk_file(task_id, quality, n, extension), future.result())  # type: ignore[arg-type]
            on_progress((index + 1) / len(futures))
