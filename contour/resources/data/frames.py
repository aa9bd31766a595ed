"""Reading a task's media: chunks (prebuilt, cached or built now), single frames, context images, previews."""

from __future__ import annotations

import io
import mimetypes
import zipfile
from dataclasses import dataclass
from pathlib import Path

from contour.config import get_settings
from contour.errors import NotFound, ValidationError
from contour.media import images, video
from contour.media.chunks import Quality, encode_frame, entry_bytes, imageset_chunk
from contour.resources.data.build import chunk_file, video_chunk_kind
from contour.resources.data.cache import get_chunk_cache
from contour.resources.data.files import preview_path, write_atomically
from contour.resources.data.models import MediaFrame, TaskMedia
from contour.resources.tasks.models import Task


@dataclass(frozen=True)
class MediaView:
    """What reading a task's media needs, detached from the database session."""

    task_id: int
    size: int
    chunk_size: int
    image_quality: int
    media: TaskMedia
    frames: dict[int, MediaFrame]  # the loaded frames by number (none for video tasks)

    @property
    def root(self) -> Path:
        return Path(self.media.root)

    @property
    def video_info(self) -> video.VideoInfo | None:
        """The stored probe of the task's video, so reading a chunk never re-scans the file."""
        media = self.media
        if media.kind != "video" or media.video_keyframes is None:
            return None
        return video.VideoInfo(
            width=media.video_width or 0, height=media.video_height or 0, frame_count=media.video_frame_count or 0,
            fps=media.video_fps or 25.0, keyframes=[(int(n), int(p)) for n, p in media.video_keyframes],
            rotation=media.video_rotation or 0,
        )

    def source_frame(self, frame: int) -> int:
        """The frame's index in the video (start/step applied)."""
        return self.media.start_frame + frame * self.media.frame_step

    def check_frame(self, frame: int) -> None:
        if not 0 <= frame < self.size:
            raise ValidationError({"number": [f"Frame {frame} is outside the task (0..{self.size - 1})."]})


def chunk_count(size: int, chunk_size: int) -> int:
    return (size + chunk_size - 1) // chunk_size


def chunk_frames(view: MediaView, number: int) -> list[int]:
    if not 0 <= number < chunk_count(view.size, view.chunk_size):
        raise ValidationError({"number": [f"Chunk {number} does not exist."]})
    start = number * view.chunk_size
    return list(range(start, min(start + view.chunk_size, view.size)))


def chunk_media_type(view: MediaView, quality: Quality) -> str:
    if view.media.kind == "video" and video_chunk_kind(quality, view.media.use_zip_chunks)[0] == "video":
        return "video/mp4"
    return "application/zip"


def get_chunk(view: MediaView, number: int, quality: Quality) -> bytes:
    """Chunk `number` of the task: from disk when prebuilt, else from (or into) the cache."""
    frames = chunk_frames(view, number)
    is_video = view.media.kind == "video"
    extension = video_chunk_kind(quality, view.media.use_zip_chunks)[1] if is_video else "zip"
    prebuilt = chunk_file(view.task_id, quality, number, extension)
    if prebuilt.exists():
        return prebuilt.read_bytes()
    return frames_chunk(view, frames, quality, cache_key=f"{view.task_id}:{quality}:{number}")


def frames_chunk(view: MediaView, frames: list[int], quality: Quality, cache_key: str | None = None) -> bytes:
    """A chunk of arbitrary task frames (job chunks, or task chunks not built ahead)."""
    cache = get_chunk_cache()
    key = f"{cache_key}:{view.media.chunks_updated_date.timestamp()}" if cache_key else None
    if key is not None:
        cached = cache.get(key)
        if cached is not None:
            return cached
    if view.media.kind == "video":
        assert view.media.video_path is not None
        kind, _ = video_chunk_kind(quality, view.media.use_zip_chunks)
        data = video.build_chunk(
            view.root / view.media.video_path, [view.source_frame(f) for f in frames],
            kind=kind, quality=quality, image_quality=view.image_quality, info=view.video_info,  # type: ignore[arg-type]
        )
    else:
        data = imageset_chunk((view.root / view.frames[f].path for f in frames), quality, view.image_quality,
                              get_settings().compressed_max_pixels)
    if key is not None:
        cache.set(key, data, view.task_id)
    return data


def get_frame(view: MediaView, frame: int, quality: Quality) -> tuple[bytes, str]:
    """One frame as an image: (bytes, media type)."""
    view.check_frame(frame)
    if view.media.kind == "video":
        assert view.media.video_path is not None
        png = video.frame_as_png(view.root / view.media.video_path, view.source_frame(frame), view.video_info)
        return png, "image/png"
    record = view.frames[frame]
    data, extension = entry_bytes(encode_frame(str(view.root / record.path), quality, view.image_quality,
                                               get_settings().compressed_max_pixels))
    return data, mimetypes.guess_type(f"x{extension}")[0] or "application/octet-stream"


def get_context_images(view: MediaView, frame: int) -> bytes:
    view.check_frame(frame)
    if view.media.kind == "video" or not view.frames[frame].related_files:
        raise NotFound("This frame has no context images.")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_STORED) as archive:
        for name in view.frames[frame].related_files:
            archive.write(view.root / name, arcname=Path(name).name)
    return buffer.getvalue()


def get_preview(task: Task, view: MediaView | None) -> bytes | None:
    """A small JPEG of the task's first frame, made once and kept beside its files."""
    if view is None:
        return None
    path = preview_path(task.id)
    if path.exists():
        return path.read_bytes()
    if view.media.kind == "video":
        assert view.media.video_path is not None
        png = video.frame_as_png(view.root / view.media.video_path, view.source_frame(0), view.video_info)
        data = images.make_preview(io.BytesIO(png))
    elif view.media.kind == "pointcloud":
        return None
    else:
        data = images.make_preview(view.root / view.frames[0].path)
    # Concurrent first requests (a page of cards) each make it; none may read a half-written file.
    write_atomically(path, data)
    return data
