"""The official cvat-cli creates tasks from local images, videos and archives, and downloads their frames."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cvat_sdk.core.client import Client
from PIL import Image

from tests.compat.conftest import Account, Cli, LiveServer
from tests.media_factory import image_bytes, write_image, write_video, zip_of

pytestmark = pytest.mark.compat

LABELS = json.dumps([{"name": "car"}])
FAST_POLL = ("--completion_verification_period", "0.1")


def create_task(cli: Cli, user: Account, name: str, *resources: Path | str, options: tuple[str, ...] = ()) -> int:
    """`cvat-cli task create NAME local RESOURCES... --labels ...`; the CLI prints only the new id."""
    output = cli.run(
        user, "task", "create", name, "local", *map(str, resources), "--labels", LABELS, *FAST_POLL, *options
    )
    return int(output.strip())


def download_frames(
    cli: Cli, user: Account, task_id: int, frames: list[int], outdir: Path, quality: str | None = None
) -> list[Path]:
    args = ["task", "frames", str(task_id), *map(str, frames), "--outdir", str(outdir)]
    cli.run(user, *args, *(["--quality", quality] if quality else []))
    return sorted(outdir.iterdir())


# Built once: the tests that use it only read it.
@pytest.fixture(scope="module")
def image_task(module_cli: Cli, module_user: Account, module_tmp_path: Path) -> int:
    images = [write_image(module_tmp_path / "media" / f"photo{i}.jpg", 50 + i, 30 + i) for i in range(3)]
    return create_task(module_cli, module_user, "photos", *images)


@pytest.fixture
def video(tmp_path: Path) -> Path:
    return write_video(tmp_path / "clip.mp4", frames=40, width=64, height=48, codec="libx264")


def test_task_create_prints_the_new_task_id(image_task: int, module_client: Client) -> None:
    task = module_client.tasks.retrieve(image_task)
    assert (task.name, task.size, task.mode) == ("photos", 3, "annotation")
    assert [label.name for label in task.get_labels()] == ["car"]


def test_task_frames_saves_original_frames(
    module_cli: Cli, module_user: Account, image_task: int, tmp_path: Path
) -> None:
    saved = download_frames(module_cli, module_user, image_task, [0, 2], tmp_path / "out")
    assert [path.name for path in saved] == [
        f"task_{image_task}_frame_000000.jpg",
        f"task_{image_task}_frame_000002.jpg",
    ]
    for path, expected in zip(saved, [(50, 30), (52, 32)], strict=True):
        with Image.open(path) as image:
            assert image.size == expected


def test_task_frames_saves_compressed_frames(
    module_cli: Cli, module_user: Account, image_task: int, tmp_path: Path
) -> None:
    [saved] = download_frames(module_cli, module_user, image_task, [1], tmp_path / "out", quality="compressed")
    assert saved.name == f"task_{image_task}_frame_000001.jpg"
    with Image.open(saved) as image:
        assert (image.format, image.size) == ("JPEG", (51, 31))


def test_video_becomes_an_interpolation_task(cli: Cli, user: Account, client: Client, video: Path) -> None:
    task = client.tasks.retrieve(create_task(cli, user, "clip", video))
    assert (task.mode, task.size, task.data_original_chunk_type) == ("interpolation", 40, "video")
    meta = task.get_meta()
    assert [(f.name, f.width, f.height) for f in meta.frames] == [("clip.mp4", 64, 48)]


def test_task_frames_of_a_video_are_pngs(cli: Cli, user: Account, video: Path, tmp_path: Path) -> None:
    task_id = create_task(cli, user, "clip", video)
    [saved] = download_frames(cli, user, task_id, [17], tmp_path / "out")
    assert saved.name == f"task_{task_id}_frame_000017.png"
    with Image.open(saved) as image:
        assert (image.format, image.size) == ("PNG", (64, 48))
        red, _, _ = image.convert("RGB").getpixel((32, 24))  # type: ignore[misc]
    assert abs(red - 17 * 8) < 12  # write_video paints frame i with a red channel of i * 8


def test_archive_options_take_effect(cli: Cli, user: Account, client: Client, tmp_path: Path) -> None:
    archive = tmp_path / "photos.zip"
    archive.write_bytes(zip_of({f"set/p{i}.jpg": image_bytes(40 + i, 30) for i in range(7)}))
    task_id = create_task(
        cli, user, "zipped", archive, options=("--image_quality", "40", "--frame_step", "2", "--chunk_size", "3")
    )
    meta = client.tasks.retrieve(task_id).get_meta()
    assert (meta.size, meta.image_quality, meta.chunk_size, meta.frame_filter) == (4, 40, 3, "step=2")
    assert (meta.start_frame, meta.stop_frame) == (0, 6)
    assert [(f.name, f.width) for f in meta.frames] == [(f"set/p{i}.jpg", 40 + i) for i in (0, 2, 4, 6)]


def test_natural_sorting_orders_numbers_by_value(cli: Cli, user: Account, client: Client, tmp_path: Path) -> None:
    paths = [write_image(tmp_path / f"f{n}.png", 10, 10) for n in (10, 2, 1)]
    task_id = create_task(cli, user, "natural", *paths, options=("--sorting-method", "natural"))
    assert [f.name for f in client.tasks.retrieve(task_id).get_meta().frames] == ["f1.png", "f2.png", "f10.png"]


def test_predefined_sorting_keeps_the_command_line_order(
    cli: Cli, user: Account, client: Client, tmp_path: Path
) -> None:
    paths = [write_image(tmp_path / name, 10, 10) for name in ("b.png", "c.png", "a.png")]
    task_id = create_task(cli, user, "predefined", *paths, options=("--sorting-method", "predefined"))
    assert [f.name for f in client.tasks.retrieve(task_id).get_meta().frames] == ["b.png", "c.png", "a.png"]


def test_default_sorting_is_lexicographical(cli: Cli, user: Account, client: Client, tmp_path: Path) -> None:
    paths = [write_image(tmp_path / f"f{n}.png", 10, 10) for n in (10, 2, 1)]
    task_id = create_task(cli, user, "lexicographical", *paths)
    assert [f.name for f in client.tasks.retrieve(task_id).get_meta().frames] == ["f1.png", "f10.png", "f2.png"]


def test_share_directory_is_copied_into_a_task(
    cli: Cli, user: Account, client: Client, live_server: LiveServer
) -> None:
    share = live_server.data_dir / "share" / f"cli-{user.username}"
    for i in range(2):
        write_image(share / f"s{i}.jpg", 20 + i, 10)
    output = cli.run(
        user, "task", "create", "shared", "share", f"{share.name}/", "--labels", LABELS, "--copy_data", *FAST_POLL
    )
    meta = client.tasks.retrieve(int(output.strip())).get_meta()
    assert (meta.storage, [(f.name, f.width) for f in meta.frames]) == (
        "local",
        [(f"{share.name}/s0.jpg", 20), (f"{share.name}/s1.jpg", 21)],
    )
