"""Video media: exact probing (frame count, keyframe index), seeking decode, and chunk encoding.

Why it works the way it does:
* Frame numbers are presentation-order indices from 0. Container metadata (`stream.frames`) is
  often missing or wrong, so `probe_video` counts the video stream's packets by demuxing (no
  decoding) and sorts their pts, which handles B-frames. It then decodes the last GOP: frames that
  cannot be decoded at the tail (a truncated last packet) are not counted, so the count is exact.
* Decoding never starts from the beginning of the file: `iter_frames` seeks to the keyframe at or
  before the first wanted frame and decodes forward, numbering frames by counting from that
  keyframe in presentation order (as CVAT does with its video manifest). That needs only the
  keyframe index (`VideoInfo.keyframes`), which is exactly what the video manifest stores, so a
  VideoInfo rebuilt from a manifest decodes as well as a fresh probe. Frames with a pts before the
  keyframe (leading pictures of an open GOP, or an earlier GOP where the demuxer landed) are
  skipped; if a seek lands after the keyframe, the previous keyframe is used instead.
* `rotation` is the display matrix rotation (degrees counterclockwise, normalised to 0/90/180/270);
  frames handed out as images are turned upright, and width/height are reported upright.
* Chunk encoding: H.264 (libx264) in MP4 with `movflags=faststart`, one frame per image, constant
  frame rate. Original quality: crf 18 (visually lossless), preset veryfast. Compressed: crf
  `round(51 - 0.4 * image_quality)` clamped to [18, 51] (image_quality 70, CVAT's default, gives
  x264's default crf 23; compressed is never better than original), preset ultrafast (no
  B-frames, no CABAC: a Constrained Baseline stream that every browser decoder plays).
  libx264 needs even dimensions for yuv420p, so an odd width/height is padded by one pixel on the
  right/bottom (edge pixels repeated), which keeps annotation coordinates aligned.
* ZIP chunks are deterministic (fixed entry timestamps), so the same frames give the same bytes.
"""

from __future__ import annotations

import hashlib
import io
import zipfile
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from typing import Any, Literal

import av
import av.container
import av.video.stream
import numpy as np
from av.stream import Discard, Disposition
from av.video.frame import PictureType, VideoFrame
from PIL import Image

from contour.errors import error_text
from contour.media.errors import MediaError

# Extensions whose containers this PyAV build demuxes (checked: mp4/mov family, avi, matroska/webm,
# MPEG program and transport streams, flv, asf).
VIDEO_EXTENSIONS: frozenset[str] = frozenset(
    {
        ".mp4",
        ".m4v",
        ".mov",
        ".3gp",
        ".avi",
        ".mkv",
        ".webm",
        ".mpg",
        ".mpeg",
        ".ts",
        ".mts",
        ".m2ts",
        ".flv",
        ".wmv",
        ".asf",
    }
)

ORIGINAL_CRF = 18
_LINEAR_FORMATS = {"mpeg", "mpegts", "mpegvideo", "h264", "hevc", "m4v"}
_SEEK_MIN_GAP = 8  # decode through a keyframe closer than this instead of seeking to it
_PNG_COMPRESS_LEVEL = 1  # single frames are served interactively: speed over a few % of size
_ZIP_DATE = (1980, 1, 1, 0, 0, 0)
_TRANSPOSE = {90: Image.Transpose.ROTATE_90, 180: Image.Transpose.ROTATE_180, 270: Image.Transpose.ROTATE_270}


def is_video(path: str | Path) -> bool:
    return Path(path).suffix.lower() in VIDEO_EXTENSIONS


@dataclass(frozen=True)
class VideoInfo:
    width: int  # upright (after rotation)
    height: int
    frame_count: int
    fps: float
    keyframes: list[tuple[int, int]]  # (frame number, pts), ascending; frame 0 is always a seek point
    codec: str = ""
    rotation: int = 0  # display rotation, degrees counterclockwise: 0, 90, 180 or 270


class _MissedKeyframe(Exception):
    """A seek landed after the keyframe asked for."""


# ---------------------------------------------------------------------------------------------
# opening and probing


@contextmanager
def _opened(path: Path) -> Iterator[av.container.InputContainer]:
    try:
        container = av.open(str(path), mode="r")
    except av.FFmpegError as error:
        if isinstance(error, FileNotFoundError):
            raise
        raise MediaError(f"not a readable video ({error_text(error, path)})", file=path.name) from None
    try:
        yield container
    except av.FFmpegError as error:
        raise MediaError(f"the video is corrupt ({error_text(error, path)})", file=path.name) from None
    finally:
        container.close()


def _video_stream(container: av.container.InputContainer, path: Path) -> av.video.stream.VideoStream:
    for stream in container.streams.video:
        if not stream.disposition & Disposition.attached_pic:  # cover art is not the video
            stream.thread_type = "AUTO"
            for other in container.streams:
                if other is not stream:
                    other.discard = Discard.all
            return stream
    raise MediaError("the video has no frames", file=path.name)


def probe_video(path: Path) -> VideoInfo:
    """Frame count, keyframe index, upright size, fps, codec and rotation of a video file."""
    path = Path(path)
    with _opened(path) as container:
        stream = _video_stream(container, path)
        linear = _decodes_linearly(container)
        pts, key_pts = _packet_index(container, stream)
    if pts is None:  # some packets carry no pts: index the decoded frames instead
        linear = True
        with _opened(path) as container:
            pts, key_pts = _decoded_index(container, _video_stream(container, path), path)
    if not pts:
        raise MediaError("the video has no frames", file=path.name)
    pts.sort()
    keyframes = sorted({(bisect_left(pts, p), p) for p in key_pts} | {(0, pts[0])})
    with _opened(path) as container:
        stream = _video_stream(container, path)
        if linear:
            frame_count = len(pts)
            first = next(_decode_forward(container, stream, pts[0], seek=False, check=False), None)
            if first is None:
                raise MediaError("the video cannot be decoded", file=path.name)
        else:
            frame_count, first = _check_tail(container, stream, keyframes, len(pts), path)
        rate = stream.average_rate or stream.guessed_rate or stream.base_rate
        codec = stream.codec_context.name
    rotation = round(first.rotation / 90) * 90 % 360
    width, height = (first.height, first.width) if rotation in (90, 270) else (first.width, first.height)
    return VideoInfo(
        width=width,
        height=height,
        frame_count=frame_count,
        fps=float(rate) if rate else 25.0,
        keyframes=[k for k in keyframes if k[0] < frame_count],
        codec=codec,
        rotation=rotation,
    )


def _decodes_linearly(container: av.container.InputContainer) -> bool:
    """MPEG program/transport streams have no index: after a seek their parser attaches timestamps to
    the wrong frames, so frame numbers could not be trusted. They are decoded from the start."""
    return bool(set(container.format.name.split(",")) & _LINEAR_FORMATS)


def _packet_index(
    container: av.container.InputContainer, stream: av.video.stream.VideoStream
) -> tuple[list[int] | None, list[int]]:
    pts: list[int] = []
    key_pts: list[int] = []
    for packet in container.demux(stream):
        if packet.size == 0 or packet.is_discard:  # the flush packet at the end; frames an edit list cuts
            continue
        if packet.pts is None:
            return None, []
        pts.append(packet.pts)
        if packet.is_keyframe:
            key_pts.append(packet.pts)
    return pts, key_pts


def _decoded_index(
    container: av.container.InputContainer, stream: av.video.stream.VideoStream, path: Path
) -> tuple[list[int], list[int]]:
    pts: list[int] = []
    key_pts: list[int] = []
    for frame in container.decode(stream):
        if frame.pts is None:
            raise MediaError("the video has frames without timestamps", file=path.name)
        pts.append(frame.pts)
        if frame.key_frame:
            key_pts.append(frame.pts)
    return pts, key_pts


def _check_tail(
    container: av.container.InputContainer,
    stream: av.video.stream.VideoStream,
    keyframes: list[tuple[int, int]],
    packet_count: int,
    path: Path,
) -> tuple[int, VideoFrame]:
    """Decodes the last GOP; returns the count of frames that really decode and one decoded frame."""
    index = len(keyframes) - 1
    while True:
        number, pts = keyframes[index]
        decoded = 0
        first: VideoFrame | None = None
        try:
            for frame in _decode_forward(container, stream, pts, seek=True, check=index > 0):
                if first is None:
                    first = frame
                decoded += 1
        except _MissedKeyframe:
            index -= 1
            continue
        if first is None:
            if index == 0:
                raise MediaError("the video cannot be decoded", file=path.name)
            index -= 1  # the whole last GOP is undecodable: count up to the previous one
            packet_count = number
            continue
        return min(packet_count, number + decoded), first


# ---------------------------------------------------------------------------------------------
# decoding


def _decode_forward(
    container: av.container.InputContainer,
    stream: av.video.stream.VideoStream,
    keyframe_pts: int,
    *,
    seek: bool,
    check: bool,
) -> Iterator[VideoFrame]:
    """Frames in presentation order from the keyframe with this pts on."""
    if seek:
        container.seek(keyframe_pts, stream=stream, backward=True, any_frame=False)
    first = True
    for packet in container.demux(stream):
        for frame in stream.decode(packet):
            if frame.pts is not None and frame.pts < keyframe_pts:
                continue
            if first:
                if check and frame.pts is not None and frame.pts != keyframe_pts:
                    raise _MissedKeyframe
                first = False
            yield frame


def _iter_av_frames(path: Path, frame_numbers: Sequence[int], info: VideoInfo) -> Iterator[tuple[int, VideoFrame]]:
    wanted = sorted(set(frame_numbers))
    if wanted and (wanted[0] < 0 or wanted[-1] >= info.frame_count):
        bad = wanted[0] if wanted[0] < 0 else wanted[-1]
        raise MediaError(f"frame {bad} is out of range (the video has {info.frame_count} frames)", file=path.name)
    if not wanted:
        return
    anchors = info.keyframes if info.keyframes and info.keyframes[0][0] == 0 else [(0, 0), *info.keyframes]
    anchor_numbers = [number for number, _ in anchors]
    unreliable: set[int] = set()  # keyframes a seek does not land on

    def anchor_for(target: int) -> int:
        index = bisect_right(anchor_numbers, target) - 1
        while index > 0 and index in unreliable:
            index -= 1
        return index

    with _opened(path) as container:
        stream = _video_stream(container, path)
        if _decodes_linearly(container):
            anchors, anchor_numbers = anchors[:1], anchor_numbers[:1]
        frames: Iterator[VideoFrame] | None = None
        position = 0  # the number of the next frame `frames` yields
        anchor = 0
        fresh = True
        i = 0
        while i < len(wanted):
            target = wanted[i]
            best = anchor_for(target)
            if frames is None or anchors[best][0] > position + _SEEK_MIN_GAP:
                anchor = best
                # Frame 0 of a container not yet read needs no seek; it also covers files that seek badly.
                frames = _decode_forward(
                    container, stream, anchors[anchor][1], seek=not (fresh and anchor == 0), check=anchor > 0
                )
                position = anchors[anchor][0]
                fresh = False
            try:
                frame = next(frames)
            except StopIteration:
                raise MediaError(f"frame {target} could not be decoded", file=path.name) from None
            except _MissedKeyframe:
                unreliable.add(anchor)
                frames = None
                continue
            number = position
            position += 1
            if number == target:
                yield number, frame
                i += 1


def _upright(image: Image.Image, rotation: int) -> Image.Image:
    transpose = _TRANSPOSE.get(rotation % 360)
    return image.transpose(transpose) if transpose is not None else image


def iter_frames(
    path: Path, frame_numbers: Sequence[int], info: VideoInfo | None = None
) -> Iterator[tuple[int, Image.Image]]:
    """Yields (number, upright RGB image) for each requested frame, ascending, each number once."""
    path = Path(path)
    info = info or probe_video(path)
    for number, frame in _iter_av_frames(path, frame_numbers, info):
        yield number, _upright(frame.to_image(), info.rotation)


def frame_as_png(path: Path, frame_number: int, info: VideoInfo | None = None) -> bytes:
    for _, image in iter_frames(Path(path), [frame_number], info):
        buffer = io.BytesIO()
        image.save(buffer, format="PNG", compress_level=_PNG_COMPRESS_LEVEL)
        return buffer.getvalue()
    raise AssertionError("unreachable: iter_frames yields the frame or raises")


def keyframe_manifest_lines(path: Path, info: VideoInfo) -> list[dict[str, object]]:
    """CVAT video manifest key-frame lines. The checksum is the md5 of the decoded frame's RGB bytes
    before rotation, as CVAT computes it."""
    path = Path(path)
    pts_of = dict(info.keyframes)
    return [
        {"number": number, "pts": pts_of[number], "checksum": hashlib.md5(frame.to_image().tobytes()).hexdigest()}
        for number, frame in _iter_av_frames(path, list(pts_of), info)
    ]


# ---------------------------------------------------------------------------------------------
# encoding


def compressed_crf(image_quality: int) -> int:
    return min(51, max(ORIGINAL_CRF, round(51 - 0.4 * image_quality)))


def _rate(fps: float) -> Fraction:
    if not fps or fps <= 0:
        return Fraction(25)
    return Fraction(fps).limit_denominator(1001)


class _Mp4ChunkWriter:
    def __init__(
        self, width: int, height: int, *, quality: Literal["original", "compressed"], image_quality: int, fps: float
    ) -> None:
        self._buffer = io.BytesIO()
        self._container = av.open(
            self._buffer, mode="w", format="mp4", options={"movflags": "faststart"}, io_open=self._reopen
        )
        rate = _rate(fps)
        crf = ORIGINAL_CRF if quality == "original" else compressed_crf(image_quality)
        preset = "veryfast" if quality == "original" else "ultrafast"
        self._stream = self._container.add_stream("libx264", rate=rate, options={"crf": str(crf), "preset": preset})
        self._stream.width = width
        self._stream.height = height
        self._stream.pix_fmt = "yuv420p"
        self._time_base = 1 / rate
        self._stream.codec_context.time_base = self._time_base
        self._count = 0

    def _reopen(self, url: str, flags: int, options: dict[str, str]) -> io.BytesIO:
        # faststart moves the moov box to the front by re-reading what was written through a second
        # handle on the output; for an in-memory output that is a snapshot of the buffer.
        return io.BytesIO(self._buffer.getvalue())

    def add(self, frame: VideoFrame) -> None:
        frame = frame.reformat(format="yuv420p")
        frame.pts = self._count
        frame.time_base = self._time_base
        frame.pict_type = PictureType.NONE  # libx264 would obey the source's frame types otherwise
        self._count += 1
        self._container.mux(self._stream.encode(frame))

    def finish(self) -> bytes:
        self._container.mux(self._stream.encode(None))
        self._container.close()
        return self._buffer.getvalue()


def _even_rgb(image: Image.Image) -> Image.Image:
    image = image.convert("RGB")
    pad_x, pad_y = image.width % 2, image.height % 2
    if not (pad_x or pad_y):
        return image
    array = np.pad(np.asarray(image), ((0, pad_y), (0, pad_x), (0, 0)), mode="edge")
    return Image.fromarray(array)


def _encode_mp4_frames(
    frames: Iterable[VideoFrame], *, quality: Literal["original", "compressed"], image_quality: int, fps: float
) -> bytes:
    writer: _Mp4ChunkWriter | None = None
    for frame in frames:
        if writer is None:
            writer = _Mp4ChunkWriter(frame.width, frame.height, quality=quality, image_quality=image_quality, fps=fps)
        writer.add(frame)
    if writer is None:
        raise ValueError("a chunk needs at least one frame")
    return writer.finish()


def encode_mp4_chunk(
    images: Iterable[Image.Image], *, quality: Literal["original", "compressed"], image_quality: int, fps: float
) -> bytes:
    """H.264 MP4 with one frame per image (odd sizes padded to even by one pixel)."""
    frames = (VideoFrame.from_image(_even_rgb(image)) for image in images)
    return _encode_mp4_frames(frames, quality=quality, image_quality=image_quality, fps=fps)


def _encode_zip(images: Iterable[Image.Image], extension: str, save_options: dict[str, Any]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_STORED) as archive:
        for index, image in enumerate(images):
            entry = io.BytesIO()
            image.convert("RGB").save(entry, **save_options)
            archive.writestr(zipfile.ZipInfo(f"{index:06d}.{extension}", date_time=_ZIP_DATE), entry.getvalue())
    return buffer.getvalue()


def encode_zip_chunk(images: Iterable[Image.Image], image_quality: int) -> bytes:
    """ZIP (stored) of RGB JPEGs named `{i:06d}.jpeg`."""
    quality = min(100, max(1, image_quality))
    return _encode_zip(images, "jpeg", {"format": "JPEG", "quality": quality})


def build_chunk(
    path: Path,
    frame_numbers: Sequence[int],
    *,
    kind: Literal["video", "imageset"],
    quality: Literal["original", "compressed"],
    image_quality: int,
    info: VideoInfo | None = None,
) -> bytes:
    """One chunk of the given video frames. `imageset` original-quality chunks hold lossless PNGs
    (`{i:06d}.png`), like single frames; compressed ones JPEGs at image_quality."""
    path = Path(path)
    info = info or probe_video(path)
    if kind == "imageset":
        images = (image for _, image in iter_frames(path, frame_numbers, info))
        if quality == "original":
            return _encode_zip(images, "png", {"format": "PNG", "compress_level": _PNG_COMPRESS_LEVEL})
        return encode_zip_chunk(images, image_quality)
    if info.rotation == 0 and info.width % 2 == 0 and info.height % 2 == 0:
        # Fast path: decoded frames go to the encoder as YUV, never through RGB.
        frames = (frame for _, frame in _iter_av_frames(path, frame_numbers, info))
        return _encode_mp4_frames(frames, quality=quality, image_quality=image_quality, fps=info.fps)
    images = (image for _, image in iter_frames(path, frame_numbers, info))
    return encode_mp4_chunk(images, quality=quality, image_quality=image_quality, fps=info.fps)
