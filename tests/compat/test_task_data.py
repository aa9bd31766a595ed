"""Task data through cvat-sdk: creation from local, shared and TUS-uploaded files; meta, frames, chunks, jobs."""

from __future__ import annotations

import functools
import io
import zipfile
from pathlib import Path

import pytest
from cvat_sdk.api_client import models
from cvat_sdk.core import uploading
from cvat_sdk.core.client import Client
from cvat_sdk.core.exceptions import BackgroundRequestException
from cvat_sdk.core.proxies import tasks as task_proxies
from cvat_sdk.core.proxies.tasks import ResourceType, Task
from PIL import Image

from tests.compat.conftest import Account, LiveServer
from tests.media_factory import write_image

pytestmark = pytest.mark.compat

LABELS = [models.PatchedLabelRequest(name="car")]
# Five frames of distinct widths, so each frame can be recognised by its size.
WIDTHS = [40, 41, 42, 43, 44]
HEIGHT = 30


def spec(name: str, **fields: object) -> models.TaskWriteRequest:
    return models.TaskWriteRequest(name=name, labels=LABELS, **fields)


def write_frames(directory: Path) -> list[Path]:
    return [
        write_image(directory / f"img{i}.jpg", width, HEIGHT, color=(i * 40, 90, 160)) for i, width in enumerate(WIDTHS)
    ]


@pytest.fixture
def image_paths(tmp_path: Path) -> list[Path]:
    return write_frames(tmp_path / "media")


@pytest.fixture(scope="module")
def module_image_paths(module_tmp_path: Path) -> list[Path]:
    return write_frames(module_tmp_path / "media")


# Built once: the tests that use it only read it.
@pytest.fixture(scope="module")
def task(module_client: Client, module_image_paths: list[Path]) -> Task:
    return module_client.tasks.create_from_data(
        spec=spec("five", segment_size=2),
        resources=module_image_paths,
        data_params={"image_quality": 55, "chunk_size": 2},
    )


def size_of(data: io.RawIOBase | bytes) -> tuple[int, int]:
    with Image.open(io.BytesIO(data if isinstance(data, bytes) else data.read())) as image:
        return image.size


def test_created_task_reports_its_data(task: Task) -> None:
    assert (task.size, task.mode, task.image_quality, task.data_chunk_size) == (5, "annotation", 55, 2)
    assert task.data_compressed_chunk_type == "imageset"
    assert task.status == "annotation"


def test_meta_lists_the_uploaded_images_in_order(task: Task) -> None:
    meta = task.get_meta()
    assert (meta.size, meta.chunk_size, meta.image_quality, meta.start_frame, meta.stop_frame) == (5, 2, 55, 0, 4)
    assert [(f.name, f.width, f.height) for f in meta.frames] == [
        (f"img{i}.jpg", width, HEIGHT) for i, width in enumerate(WIDTHS)
    ]


def test_original_frame_is_the_uploaded_file(task: Task, module_image_paths: list[Path]) -> None:
    assert task.get_frame(3, quality="original").read() == module_image_paths[3].read_bytes()


def test_compressed_frame_is_a_jpeg_of_the_same_size(task: Task) -> None:
    with Image.open(task.get_frame(1, quality="compressed")) as image:
        assert (image.format, image.size) == ("JPEG", (WIDTHS[1], HEIGHT))


def test_compressed_chunk_is_a_zip_of_its_frames(task: Task) -> None:
    buffer = io.BytesIO()
    task.download_chunk(1, buffer, quality="compressed")
    with zipfile.ZipFile(buffer) as archive:
        assert archive.namelist() == ["000000.jpeg", "000001.jpeg"]
        assert [size_of(archive.read(name)) for name in archive.namelist()] == [
            (WIDTHS[2], HEIGHT),
            (WIDTHS[3], HEIGHT),
        ]


def test_original_chunk_keeps_the_uploaded_bytes(task: Task, module_image_paths: list[Path]) -> None:
    buffer = io.BytesIO()
    task.download_chunk(2, buffer, quality="original")
    with zipfile.ZipFile(buffer) as archive:
        assert archive.namelist() == ["000000.jpg"]
        assert archive.read("000000.jpg") == module_image_paths[4].read_bytes()


def test_segment_size_makes_one_job_per_segment(task: Task) -> None:
    jobs = sorted(task.get_jobs(), key=lambda job: job.start_frame)
    assert [(job.start_frame, job.stop_frame) for job in jobs] == [(0, 1), (2, 3), (4, 4)]
    assert {(job.type, job.stage, job.state) for job in jobs} == {("annotation", "annotation", "new")}


def test_job_meta_covers_its_segment(task: Task) -> None:
    job = next(job for job in task.get_jobs() if job.start_frame == 2)
    meta = job.get_meta()
    assert (meta.start_frame, meta.stop_frame, meta.size) == (2, 3, 2)


# Job.get_frame() lets the generated API client parse the body into a temporary file it never closes.
@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
def test_job_serves_frames_of_its_segment(task: Task) -> None:
    job = next(job for job in task.get_jobs() if job.start_frame == 2)
    assert size_of(job.get_frame(3, quality="original")) == (WIDTHS[3], HEIGHT)


def test_task_and_job_previews_are_jpegs(task: Task) -> None:
    with Image.open(task.get_preview()) as preview:
        assert preview.format == "JPEG"
    with Image.open(task.get_jobs()[0].get_preview()) as preview:
        assert preview.format == "JPEG"


def test_share_files_become_a_task(client: Client, live_server: LiveServer, user: Account) -> None:
    share = live_server.data_dir / "share" / user.username
    for i, width in enumerate(WIDTHS[:3]):
        write_image(share / f"s{i}.png", width, HEIGHT)
    task = client.tasks.create_from_data(
        spec=spec("shared"),
        resource_type=ResourceType.SHARE,
        resources=[f"{share.name}/"],
    )
    assert task.size == 3
    assert [(f.name, f.width) for f in task.get_meta().frames] == [
        (f"{share.name}/s{i}.png", width) for i, width in enumerate(WIDTHS[:3])
    ]
    assert size_of(task.get_frame(2, quality="original")) == (WIDTHS[2], HEIGHT)


@pytest.fixture
def tus_uploads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Files over the SDK's request limit (100 MiB) go through TUS; lower the limit so small ones do.

    Gives the names of the files the SDK sent through TUS, in chunks smaller than the files.
    """
    assert uploading.MAX_REQUEST_SIZE == 100 * 2**20
    # `DataUploader` binds the limit as a keyword default when the module loads; pass a small one instead.
    monkeypatch.setattr(task_proxies, "DataUploader", functools.partial(uploading.DataUploader, max_request_size=1024))
    # Several PATCH requests per file, as for a real large file (10 MiB chunks).
    monkeypatch.setattr(uploading, "TUS_CHUNK_SIZE", 997)
    sent: list[str] = []
    upload = uploading.Uploader._upload_file_data_with_tus

    def spy(self: uploading.Uploader, url: str, filename: Path, **kwargs: object) -> str:
        sent.append(Path(filename).name)
        return upload(self, url, filename, **kwargs)  # type: ignore[no-any-return]

    monkeypatch.setattr(uploading.Uploader, "_upload_file_data_with_tus", spy)
    return sent


def test_files_over_the_request_limit_are_uploaded_with_tus(
    client: Client, tmp_path: Path, tus_uploads: list[str]
) -> None:
    small = write_image(tmp_path / "a_small.png", 4, 4)
    large = [write_image(tmp_path / f"b_large{i}.bmp", 60 + i, 40) for i in range(2)]
    task = client.tasks.create_from_data(spec=spec("tus"), resources=[*large, small])
    assert sorted(tus_uploads) == ["b_large0.bmp", "b_large1.bmp"]
    meta = task.get_meta()
    assert [(f.name, f.width) for f in meta.frames] == [("a_small.png", 4), ("b_large0.bmp", 60), ("b_large1.bmp", 61)]
    assert task.get_frame(2, quality="original").read() == large[1].read_bytes()


def test_predefined_order_survives_tus_uploads(client: Client, tmp_path: Path, tus_uploads: list[str]) -> None:
    # The SDK sends bulk files before TUS ones; `upload_file_order` restores the caller's order.
    paths = [
        write_image(tmp_path / "z.bmp", 50, 40),
        write_image(tmp_path / "m.png", 5, 5),
        write_image(tmp_path / "a.bmp", 51, 40),
    ]
    task = client.tasks.create_from_data(
        spec=spec("ordered"),
        resources=paths,
        data_params={"sorting_method": "predefined"},
    )
    assert sorted(tus_uploads) == ["a.bmp", "z.bmp"]
    assert [f.name for f in task.get_meta().frames] == ["z.bmp", "m.png", "a.bmp"]


def test_request_record_of_a_creation_deserializes(
    client: Client, user: Account, image_paths: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    polled: list[str] = []
    wait = Client.wait_for_completion

    def spy(self: Client, rq_id: str, **kwargs: object) -> object:
        polled.append(rq_id)
        return wait(self, rq_id, **kwargs)

    monkeypatch.setattr(Client, "wait_for_completion", spy)
    task = client.tasks.create_from_data(spec=spec("recorded"), resources=image_paths[:2])
    [rq_id] = polled
    request, _ = client.api_client.requests_api.retrieve(rq_id)
    assert (request.id, request.status.value, request.operation.type) == (rq_id, "finished", "create:task")
    assert (request.operation.target, request.operation.task_id, request.result_id) == ("task", task.id, task.id)
    assert request.owner.username == user.username
    assert request.finished_date is not None


def test_corrupt_image_fails_creation_naming_the_file(client: Client, image_paths: list[Path], tmp_path: Path) -> None:
    broken = tmp_path / "media" / "broken.jpg"
    broken.write_bytes(b"\xff\xd8\xff\xe0 definitely not a jpeg")
    with pytest.raises(BackgroundRequestException, match="broken.jpg"):
        client.tasks.create_from_data(spec=spec("broken"), resources=[*image_paths[:2], broken])
