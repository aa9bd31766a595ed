"""Video probing, seeking decode and chunk encoding, on small videos generated with PyAV.

Every generated frame carries its own index as 8 bits drawn as white 8x8 blocks along the top
row, so a test can tell which frame it got back, whatever the codec did to the pixels.
"""

from __future__ import annotations

import hashlib
import io
import zipfile
from dataclasses import replace
from pathlib import Path

import av
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image

from contour.errors import ValidationError
from contour.media import video
from contour.media.video import (
    VideoInfo,
    build_chunk,
    compressed_crf,
    encode_mp4_chunk,
    encode_zip_chunk,
    frame_as_png,
    is_video,
    iter_frames,
    keyframe_manifest_lines,
    probe_video,
)

WIDTH, HEIGHT, BLOCK = 64, 48, 8
FRAMES = 90

# (id, file name, encoder, encoder options)
FORMATS = [
    ("h264-bframes-mp4", "clip.mp4", "libx264", {"g": "12", "bf": "2"}),
    ("h264-mkv", "clip.mkv", "libx264", {"g": "12"}),
    ("h264-mov", "clip.mov", "libx264", {"g": "12"}),
    ("mpeg4-bframes-avi", "clip.avi", "mpeg4", {"g": "12", "bf": "2"}),
    ("vp8-webm", "clip.webm", "libvpx", {"g": "12"}),
    ("vp9-webm", "clip.webm", "libvpx-vp9", {"g": "12"}),
    ("mpeg2-mpg", "clip.mpg", "mpeg2video", {"g": "12", "bf": "2"}),
]


def indexed_frame(index: int, width: int = WIDTH, height: int = HEIGHT) -> np.ndarray:
    pixels = np.full((height, width, 3), 40, np.uint8)
    for bit in range(8):
        if index >> bit & 1:
            pixels[:BLOCK, bit * BLOCK : (bit + 1) * BLOCK] = 255
    return pixels


def read_index(image: Image.Image) -> int:
    luma = np.asarray(image.convert("L"), dtype=np.float32)
    return sum(1 << bit for bit in range(8) if luma[2:6, bit * BLOCK + 2 : bit * BLOCK + 6].mean() > 150)


def write_video(
    path: Path,
    encoder: str,
    options: dict[str, str] | None = None,
    *,
    frames: int = FRAMES,
    width: int = WIDTH,
    height: int = HEIGHT,
    rotation: float | None = None,
) -> Path:
    with av.open(str(path), "w") as container:
        stream = container.add_stream(encoder, rate=25, options=options or {})
        stream.width, stream.height, stream.pix_fmt = width, height, "yuv420p"
        if rotation is not None:
            stream.set_display_rotation(rotation)
        for index in range(frames):
            frame = av.VideoFrame.from_ndarray(indexed_frame(index, width, height), format="rgb24")
            container.mux(stream.encode(frame))
        container.mux(stream.encode(None))
    return path


def decode_all(data: Path | bytes) -> list[Image.Image]:
    source = io.BytesIO(data) if isinstance(data, bytes) else str(data)
    with av.open(source) as container:
        return [frame.to_image() for frame in container.decode(video=0)]


@pytest.fixture(scope="module", params=FORMATS, ids=[f[0] for f in FORMATS])
def clip(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, VideoInfo]:
    name, file_name, encoder, options = request.param
    path = write_video(tmp_path_factory.mktemp(name) / file_name, encoder, options)
    return path, probe_video(path)


@pytest.fixture(scope="module")
def h264_clip(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, VideoInfo]:
    path = write_video(tmp_path_factory.mktemp("h264") / "clip.mp4", "libx264", {"g": "12", "bf": "2"})
    return path, probe_video(path)


# --- probing --------------------------------------------------------------------------------------


def test_probe_counts_exactly_the_frames_that_decode(clip: tuple[Path, VideoInfo]) -> None:
    path, info = clip
    assert info.frame_count == FRAMES == len(decode_all(path))
    assert (info.width, info.height, info.rotation) == (WIDTH, HEIGHT, 0)
    assert info.fps == 25


def test_probe_indexes_keyframes_in_presentation_order(clip: tuple[Path, VideoInfo]) -> None:
    _, info = clip
    numbers = [number for number, _ in info.keyframes]
    assert numbers[0] == 0 and numbers == sorted(set(numbers))
    assert len(numbers) >= FRAMES // 12
    assert [pts for _, pts in info.keyframes] == sorted(pts for _, pts in info.keyframes)


def test_probe_names_the_codec(h264_clip: tuple[Path, VideoInfo]) -> None:
    assert h264_clip[1].codec == "h264"


def test_a_single_frame_video_has_one_frame(tmp_path: Path) -> None:
    path = write_video(tmp_path / "one.mp4", "libx264", frames=1)
    info = probe_video(path)
    assert info.frame_count == 1 and info.keyframes[0][0] == 0
    assert [(n, read_index(image)) for n, image in iter_frames(path, [0], info)] == [(0, 0)]


def test_an_audio_only_file_has_no_frames(tmp_path: Path) -> None:
    path = tmp_path / "sound.mp4"
    with av.open(str(path), "w") as container:
        stream = container.add_stream("aac", rate=44100)
        for i in range(10):
            frame = av.AudioFrame.from_ndarray(np.zeros((1, 1024), np.float32), format="fltp", layout="mono")
            frame.sample_rate, frame.pts = 44100, i * 1024
            container.mux(stream.encode(frame))
        container.mux(stream.encode(None))
    with pytest.raises(ValidationError, match="sound.mp4: the video has no frames"):
        probe_video(path)


def test_a_video_stream_without_frames_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "empty.mp4"
    with av.open(str(path), "w") as container:
        stream = container.add_stream("libx264", rate=25)
        stream.width, stream.height, stream.pix_fmt = WIDTH, HEIGHT, "yuv420p"
        container.start_encoding()
    with pytest.raises(ValidationError, match="empty.mp4: the video has no frames"):
        probe_video(path)


def test_a_truncated_file_is_rejected(tmp_path: Path) -> None:
    path = write_video(tmp_path / "cut.mp4", "libx264", {"g": "12"})
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    with pytest.raises(ValidationError, match="cut.mp4: "):
        probe_video(path)


def test_a_file_that_is_not_a_video_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "noise.mp4"
    path.write_bytes(np.random.default_rng(0).bytes(5000))
    with pytest.raises(ValidationError, match="noise.mp4: "):
        probe_video(path)


def test_is_video_goes_by_extension() -> None:
    assert is_video("a/b/clip.MP4") and is_video(Path("x.webm")) and is_video("x.avi")
    assert not is_video("image.jpg") and not is_video("archive.zip")


# --- decoding -------------------------------------------------------------------------------------


def test_iter_frames_yields_every_frame_in_presentation_order(clip: tuple[Path, VideoInfo]) -> None:
    path, info = clip
    got = [(number, read_index(image)) for number, image in iter_frames(path, range(FRAMES), info)]
    assert got == [(n, n) for n in range(FRAMES)]


@settings(max_examples=8, deadline=None)
@given(data=st.data())
def test_iter_frames_returns_exactly_the_requested_frames(clip: tuple[Path, VideoInfo], data: st.DataObject) -> None:
    path, info = clip
    wanted = data.draw(st.sets(st.integers(0, FRAMES - 1), min_size=1, max_size=15))
    got = [(number, read_index(image)) for number, image in iter_frames(path, list(wanted), info)]
    assert got == [(n, n) for n in sorted(wanted)]


@settings(max_examples=8, deadline=None)
@given(start=st.integers(0, FRAMES - 1), step=st.integers(1, 30), length=st.integers(1, 36))
def test_iter_frames_follows_step_filters(clip: tuple[Path, VideoInfo], start: int, step: int, length: int) -> None:
    path, info = clip
    wanted = list(range(start, FRAMES, step))[:length]
    assert [read_index(image) for _, image in iter_frames(path, wanted, info)] == wanted


def test_iter_frames_starts_at_the_keyframe_before_the_first_frame(
    h264_clip: tuple[Path, VideoInfo], monkeypatch: pytest.MonkeyPatch
) -> None:
    path, info = h264_clip
    starts: list[tuple[int, bool]] = []
    decode_forward = video._decode_forward

    def spy(container, stream, keyframe_pts, *, seek, check):  # type: ignore[no-untyped-def]
        starts.append((keyframe_pts, seek))
        return decode_forward(container, stream, keyframe_pts, seek=seek, check=check)

    monkeypatch.setattr(video, "_decode_forward", spy)
    first, second = info.keyframes[-3][0] + 1, info.keyframes[-1][0] + 1
    assert [n for n, _ in iter_frames(path, [first, second], info)] == [first, second]
    assert starts == [(info.keyframes[-3][1], True), (info.keyframes[-1][1], True)]


def test_a_video_info_rebuilt_from_the_manifest_decodes_the_same(clip: tuple[Path, VideoInfo]) -> None:
    path, info = clip
    lines = keyframe_manifest_lines(path, info)
    rebuilt = VideoInfo(
        width=info.width,
        height=info.height,
        frame_count=info.frame_count,
        fps=info.fps,
        keyframes=[(line["number"], line["pts"]) for line in lines],  # type: ignore[misc]
    )
    wanted = [3, 40, 41, 77, FRAMES - 1]
    assert [read_index(image) for _, image in iter_frames(path, wanted, rebuilt)] == wanted


def test_frames_out_of_range_are_rejected(h264_clip: tuple[Path, VideoInfo]) -> None:
    path, info = h264_clip
    with pytest.raises(ValidationError, match=f"frame {FRAMES} is out of range"):
        list(iter_frames(path, [0, FRAMES], info))


def test_odd_dimensions_are_kept(tmp_path: Path) -> None:
    path = write_video(tmp_path / "odd.avi", "mpeg4", width=63, height=47)
    info = probe_video(path)
    assert (info.width, info.height) == (63, 47)
    [(_, image)] = iter_frames(path, [5], info)
    assert image.size == (63, 47) and read_index(image) == 5


def test_a_rotated_video_is_decoded_upright(tmp_path: Path) -> None:
    # A display matrix rotation of -90 degrees (a phone's "rotate=90" portrait clip) turns the
    # picture clockwise: the coded top row becomes the right column, read top to bottom.
    path = write_video(tmp_path / "portrait.mp4", "libx264", {"g": "12"}, rotation=-90)
    info = probe_video(path)
    assert (info.width, info.height, info.rotation) == (HEIGHT, WIDTH, 270)
    [(_, image)] = iter_frames(path, [13], info)
    assert image.size == (HEIGHT, WIDTH)
    upright_back = image.transpose(Image.Transpose.ROTATE_90)  # undo the clockwise turn
    assert read_index(upright_back) == 13
    chunk = build_chunk(path, [13, 14], kind="video", quality="compressed", image_quality=70, info=info)
    assert [read_index(i.transpose(Image.Transpose.ROTATE_90)) for i in decode_all(chunk)] == [13, 14]


# --- chunks ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("quality", ["original", "compressed"])
def test_video_chunk_decodes_back_to_the_requested_frames(clip: tuple[Path, VideoInfo], quality: str) -> None:
    path, info = clip
    wanted = list(range(30, 66))
    chunk = build_chunk(path, wanted, kind="video", quality=quality, image_quality=50, info=info)  # type: ignore[arg-type]
    frames = decode_all(chunk)
    assert [read_index(image) for image in frames] == wanted
    assert frames[0].size == (WIDTH, HEIGHT)


def test_video_chunk_is_h264_mp4_with_the_index_first(h264_clip: tuple[Path, VideoInfo]) -> None:
    path, info = h264_clip
    chunk = build_chunk(path, range(0, 36, 3), kind="video", quality="compressed", image_quality=70, info=info)
    assert chunk.find(b"moov") < chunk.find(b"mdat")
    with av.open(io.BytesIO(chunk)) as container:
        stream = container.streams.video[0]
        assert container.format.name.startswith("mov,mp4") and stream.codec_context.name == "h264"
        assert stream.average_rate == 25


def test_compressed_quality_maps_to_crf_never_better_than_original() -> None:
    assert compressed_crf(70) == 23
    assert compressed_crf(100) == video.ORIGINAL_CRF == compressed_crf(95)
    assert compressed_crf(0) == 51


def test_encode_mp4_chunk_pads_odd_sizes_by_one_pixel() -> None:
    images = [Image.fromarray(indexed_frame(i, 63, 47)) for i in range(7)]
    frames = decode_all(encode_mp4_chunk(images, quality="original", image_quality=100, fps=29.97))
    assert [read_index(image) for image in frames] == list(range(7))
    assert frames[0].size == (64, 48)


def test_zip_chunk_holds_one_jpeg_per_frame(clip: tuple[Path, VideoInfo]) -> None:
    path, info = clip
    wanted = [2, 9, 10, 50]
    chunk = build_chunk(path, wanted, kind="imageset", quality="compressed", image_quality=80, info=info)
    with zipfile.ZipFile(io.BytesIO(chunk)) as archive:
        assert archive.namelist() == ["000000.jpeg", "000001.jpeg", "000002.jpeg", "000003.jpeg"]
        assert {entry.compress_type for entry in archive.infolist()} == {zipfile.ZIP_STORED}
        images = [Image.open(io.BytesIO(archive.read(name))) for name in archive.namelist()]
    assert {(image.format, image.mode, image.size) for image in images} == {("JPEG", "RGB", (WIDTH, HEIGHT))}
    assert [read_index(image) for image in images] == wanted


def test_zip_chunks_are_deterministic() -> None:
    images = [Image.fromarray(indexed_frame(i)) for i in range(3)]
    assert encode_zip_chunk(images, 70) == encode_zip_chunk(images, 70)


def test_original_imageset_chunk_holds_lossless_pngs(h264_clip: tuple[Path, VideoInfo]) -> None:
    path, info = h264_clip
    chunk = build_chunk(path, [4, 5], kind="imageset", quality="original", image_quality=10, info=info)
    expected = [np.asarray(image) for n, image in iter_frames(path, [4, 5], info)]
    with zipfile.ZipFile(io.BytesIO(chunk)) as archive:
        assert archive.namelist() == ["000000.png", "000001.png"]
        got = [np.asarray(Image.open(io.BytesIO(archive.read(name)))) for name in archive.namelist()]
    assert all(np.array_equal(a, b) for a, b in zip(got, expected, strict=True))


def test_frame_as_png_is_the_decoded_frame(clip: tuple[Path, VideoInfo]) -> None:
    path, info = clip
    image = Image.open(io.BytesIO(frame_as_png(path, 47, info)))
    assert image.format == "PNG" and image.size == (WIDTH, HEIGHT) and read_index(image) == 47


def test_manifest_lines_checksum_each_keyframe_like_cvat(clip: tuple[Path, VideoInfo]) -> None:
    path, info = clip
    decoded = decode_all(path)
    lines = keyframe_manifest_lines(path, info)
    assert [(line["number"], line["pts"]) for line in lines] == info.keyframes
    for line in lines:
        assert line["checksum"] == hashlib.md5(decoded[line["number"]].tobytes()).hexdigest()  # type: ignore[index]


def test_probing_is_not_needed_when_info_is_given(
    h264_clip: tuple[Path, VideoInfo], monkeypatch: pytest.MonkeyPatch
) -> None:
    path, info = h264_clip

    def no_probe(path: Path) -> VideoInfo:
        raise AssertionError("probed again")

    monkeypatch.setattr(video, "probe_video", no_probe)
    assert build_chunk(path, [0], kind="video", quality="original", image_quality=70, info=replace(info))
