"""The `create:task` background job: media files in, frames + chunks + segments + jobs out.

Everything is written to the database in one final transaction, after the files are ready;
a failure or cancellation removes the task's files, so the task is left as it was. A file that
cannot be used is named as the user gave it (its path in the upload or share, or its URL).
Remote files are downloaded in a step of their own, off the queue's workers (runner.StepAside):
the job runs twice, first to download, then, queued again, to build the task from the files.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import insert

from contour.core.segments import effective_overlap, segments_from_file_mapping, split_into_segments
from contour.db import transaction, utcnow
from contour.errors import ValidationError
from contour.media import images, pointclouds, video
from contour.media.errors import MediaError
from contour.media.manifest import write_images_manifest
from contour.resources.data import build
from contour.resources.data.files import manifest_path, remove_task_files
from contour.resources.data.layout import FrameLayout, frame_numbers, plan_frames
from contour.resources.data.models import MediaFrame, TaskMedia
from contour.resources.data.schemas import DataRequest
from contour.resources.data.sources import download_remote_files, gather_files
from contour.resources.jobs.service import do_split_into_jobs
from contour.resources.requests.runner import RequestContext, StepAside, register_handler
from contour.resources.tasks.models import Task


def auto_chunk_size(kind: str, width: int, height: int) -> int:
    """CVAT's default: about 36 Full-HD frames' worth of pixels per chunk (36 for video)."""
    if kind == "video":
        return 36
    return max(2, min(72, 36 * 1920 * 1080 // max(1, width * height)))


def cleanup_failed_creation(context: RequestContext) -> None:
    assert context.task_id is not None
    remove_task_files(context.task_id)


# The request's params key under which the download step leaves the names of the files it downloaded.
DOWNLOADED = "downloaded"


@register_handler("create:task", cleanup=cleanup_failed_creation)
def create_task_data(context: RequestContext) -> int | StepAside:
    task_id = context.task_id
    assert task_id is not None
    request = DataRequest.model_validate(context.params["data"])
    downloaded: list[str] | None = context.params.get(DOWNLOADED)
    if request.remote_files and downloaded is None:
        context.progress(0.0, "Files are waiting to be downloaded")
        return StepAside(lambda step: {DOWNLOADED: download_remote_files(task_id, request, step.progress)})
    context.progress(0.0, "Files are being prepared")
    gathered = gather_files(task_id, request, lambda f, m: context.progress(f, m), downloaded)
    layout = plan_frames(gathered.root, gathered.files, request, gathered.from_archive)
    context.progress(0.1, "Media are being analysed")
    if layout.kind == "video":
        _create_video(context, task_id, request, gathered.root, gathered.storage, layout, gathered.given_names)
    else:
        _create_frames(context, task_id, request, gathered.root, gathered.storage, layout, gathered.given_names)
    return task_id


@contextmanager
def _naming(name: str, given: Mapping[str, str]) -> Iterator[None]:
    """A media error inside names the file `name` as the user gave it, not as it lies on disk."""
    try:
        yield
    except MediaError as error:
        raise error.naming(given.get(name, name)) from None


def _create_frames(
    context: RequestContext, task_id: int, request: DataRequest, root: Path, storage: str, layout: FrameLayout,
    given: Mapping[str, str],
) -> None:
    if layout.kind == "pointcloud":
        layout.selected = _convert_kitti(root, layout.selected, given)
    sizes = _frame_sizes(context, root, layout, given)
    width, height = sizes[0]
    chunk_size = request.chunk_size or auto_chunk_size(layout.kind, width, height)
    if not request.use_cache:
        paths = [root / name for name in layout.selected]
        build.build_imageset_chunks(
            task_id, paths, chunk_size, request.image_quality,
            lambda done: context.progress(0.2 + 0.75 * done, "Images are being compressed"),
            names=[given.get(name, name) for name in layout.selected],
        )
    if layout.kind == "images" and storage == "local":
        write_images_manifest(root, layout.ordered, manifest_path(task_id), checksums=False, related=layout.related)
    context.check_cancelled()
    frames = [
        {"task_id": task_id, "frame": index, "path": name, "width": w, "height": h,
         "related_files": layout.related.get(name, [])}
        for index, (name, (w, h)) in enumerate(zip(layout.selected, sizes, strict=True))
    ]
    _commit(task_id, request, layout, storage, root, chunk_size, len(frames), frames)


def _convert_kitti(root: Path, names: list[str], given: Mapping[str, str]) -> list[str]:
    """KITTI velodyne .bin clouds become binary PCD files beside them (clients read PCD)."""
    converted = []
    for name in names:
        if name.lower().endswith(".bin"):
            target = Path(name).with_suffix(".pcd")
            with _naming(name, given):
                pointclouds.kitti_bin_to_pcd(root / name, root / target)
            converted.append(str(target))
        else:
            converted.append(name)
    return converted


def _frame_sizes(
    context: RequestContext, root: Path, layout: FrameLayout, given: Mapping[str, str]
) -> list[tuple[int, int]]:
    known: dict[str, tuple[int, int]] = {}
    if layout.manifest is not None:
        known = layout.manifest.sizes()
    sizes = []
    total = len(layout.selected)
    for index, name in enumerate(layout.selected):
        if name in known:
            sizes.append(known[name])
            continue
        with _naming(name, given):
            if layout.kind == "pointcloud":
                info = pointclouds.probe_pcd(root / name)
                sizes.append((info.width, info.height))
            else:
                image = images.probe_image(root / name)
                sizes.append((image.width, image.height))
        if index % 500 == 499:
            context.progress(0.1 + 0.1 * index / total, "Media are being analysed")
    return sizes


def _create_video(
    context: RequestContext, task_id: int, request: DataRequest, root: Path, storage: str, layout: FrameLayout,
    given: Mapping[str, str],
) -> None:
    assert layout.video_path is not None
    path = root / layout.video_path
    with _naming(layout.video_path, given):
        info = video.probe_video(path)
    numbers = list(frame_numbers(info.frame_count, request))
    chunk_size = request.chunk_size or auto_chunk_size("video", info.width, info.height)
    if not request.use_cache:
        with _naming(layout.video_path, given):
            build.build_video_chunks(
                task_id, path, numbers, chunk_size, request.image_quality, request.use_zip_chunks, info,
                lambda done: context.progress(0.15 + 0.8 * done, "Video chunks are being built"),
            )
    if storage == "local":
        _write_video_manifest(task_id, layout.video_path, info)
    context.check_cancelled()
    layout.selected = [layout.video_path]
    _commit(
        task_id, request, layout, storage, root, chunk_size, len(numbers), [],
        video_info=info, video_frames=info.frame_count,
    )


def _write_video_manifest(task_id: int, name: str, info: video.VideoInfo) -> None:
    lines = [
        {"version": "1.1"},
        {"type": "video"},
        {"properties": {"name": name, "resolution": [info.width, info.height], "length": info.frame_count}},
        *({"number": number, "pts": pts} for number, pts in info.keyframes),
    ]
    path = manifest_path(task_id)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps(line) + "\n" for line in lines))


def _commit(
    task_id: int,
    request: DataRequest,
    layout: FrameLayout,
    storage: str,
    root: Path,
    chunk_size: int,
    size: int,
    frames: list[dict[str, object]],
    *,
    video_info: video.VideoInfo | None = None,
    video_frames: int | None = None,
) -> None:
    with transaction() as db:
        task = db.get(Task, task_id)
        if task is None:
            raise ValidationError("The task was deleted while its data was being created.")
        if task.size is not None:
            raise ValidationError("The task already has data.")
        is_video = layout.kind == "video"
        stop_source = (video_frames if is_video else len(layout.ordered)) or 1
        stop = min(request.stop_frame if request.stop_frame is not None else stop_source - 1, stop_source - 1)
        db.add(TaskMedia(
            task_id=task_id,
            kind=layout.kind,
            storage=storage,
            storage_method="cache" if request.use_cache else "file_system",
            start_frame=request.start_frame,
            stop_frame=stop,
            frame_step=request.frame_step,
            sorting_method=request.sorting_method,
            use_zip_chunks=request.use_zip_chunks,
            deleted_frames=[],
            chunks_updated_date=utcnow(),
            video_path=layout.video_path,
            video_frame_count=video_frames,
            video_fps=video_info.fps if video_info else None,
            video_width=video_info.width if video_info else None,
            video_height=video_info.height if video_info else None,
            video_rotation=video_info.rotation if video_info else None,
            video_keyframes=[list(k) for k in video_info.keyframes] if video_info else None,
            root=str(root),
        ))
        if frames:
            db.execute(insert(MediaFrame), frames)
        task.size = size
        task.mode = "interpolation" if is_video else "annotation"
        task.dimension = "3d" if layout.kind == "pointcloud" else "2d"
        task.image_quality = request.image_quality
        task.data_chunk_size = chunk_size
        task.data_original_chunk_type = "video" if is_video else "imageset"
        task.data_compressed_chunk_type = "video" if is_video and not request.use_zip_chunks else "imageset"
        if task.project is not None and task.project.dimension is None:
            task.project.dimension = task.dimension
        db.flush()
        if request.job_file_mapping:
            segments = segments_from_file_mapping(_mapping_counts(request.job_file_mapping, layout.selected))
            task.segment_size, task.overlap = 0, 0
        else:
            segment_size = task.segment_size if 0 < task.segment_size <= size else size
            task.overlap = effective_overlap(task.overlap, segment_size, is_video)
            segments = split_into_segments(size, segment_size, task.overlap, is_video)
        do_split_into_jobs(db, task, segments)
        task.updated_date = utcnow()


def _mapping_counts(mapping: list[list[str]], selected: list[str]) -> list[int]:
    """Frames per job; the layout already ordered the frames as the mapping lists them."""
    if sum(len(group) for group in mapping) != len(selected):
        raise ValidationError({"job_file_mapping": ["The job file mapping must cover every frame of the task."]})
    return [len(group) for group in mapping]

