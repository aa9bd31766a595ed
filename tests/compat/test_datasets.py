"""cvat-sdk and cvat-cli export and import datasets: tasks, jobs and projects, several formats."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest
from cvat_sdk.api_client import models
from cvat_sdk.core.client import Client
from cvat_sdk.core.proxies.tasks import ResourceType, Task

from tests.compat.conftest import Account, Cli
from tests.media_factory import write_images

pytestmark = pytest.mark.compat

LABELS = [
    models.PatchedLabelRequest(name="car", attributes=[
        models.AttributeRequest(name="model", mutable=False, input_type="select", values=["sedan", "suv"]),
    ]),
    models.PatchedLabelRequest(name="person"),
]
FAST_POLL = ("--completion_verification_period", "0.1")


@pytest.fixture
def task(client: Client, tmp_path: Path) -> Task:
    paths = write_images(tmp_path / "media", [f"f{i}.jpg" for i in range(4)])
    task = client.tasks.create_from_data(
        spec=models.TaskWriteRequest(name="exported", labels=LABELS, segment_size=2),
        resource_type=ResourceType.LOCAL, resources=[str(p) for p in paths],
    )
    ids = {label.name: label.id for label in task.get_labels()}
    task.set_annotations(models.LabeledDataRequest(shapes=[
        models.LabeledShapeRequest(type="rectangle", frame=0, label_id=ids["car"], points=[1.0, 2.0, 20.0, 30.0]),
        models.LabeledShapeRequest(type="polygon", frame=3, label_id=ids["person"],
                                   points=[2.0, 2.0, 20.0, 2.0, 10.0, 20.0]),
    ]))
    return task


def _shape_summary(task: Task) -> list[tuple[str, int, list[float]]]:
    names = {label.id: label.name for label in task.get_labels()}
    shapes = task.get_annotations().shapes
    return sorted((names[s.label_id], s.frame, [round(p, 1) for p in s.points]) for s in shapes)


@pytest.mark.parametrize("fmt", ["CVAT for images 1.1", "COCO 1.0", "Datumaro 1.0"])
def test_sdk_exports_a_task_and_imports_it_back(task: Task, tmp_path: Path, fmt: str) -> None:
    before = _shape_summary(task)
    target = tmp_path / "export.zip"
    task.export_dataset(fmt, target, include_images=False)
    assert zipfile.is_zipfile(target)
    task.remove_annotations()
    assert task.get_annotations().shapes == []
    importer = "CVAT 1.1" if fmt.startswith("CVAT") else fmt
    task.import_annotations(importer, target)
    assert _shape_summary(task) == before


def test_sdk_exports_and_imports_a_job(task: Task, tmp_path: Path) -> None:
    job = max(task.get_jobs(), key=lambda j: j.start_frame)
    target = tmp_path / "job.zip"
    job.export_dataset("CVAT for images 1.1", target, include_images=True)
    names = zipfile.ZipFile(target).namelist()
    assert "annotations.xml" in names and "images/f3.jpg" in names and "images/f0.jpg" not in names
    job.remove_annotations()
    job.import_annotations("CVAT 1.1", target)
    assert [s.frame for s in job.get_annotations().shapes] == [3]


def test_sdk_creates_a_project_from_a_dataset(client: Client, task: Task, tmp_path: Path) -> None:
    target = tmp_path / "dataset.zip"
    task.export_dataset("COCO 1.0", target, include_images=True)
    project = client.projects.create_from_dataset(
        models.ProjectWriteRequest(name="from coco"), dataset_path=str(target), dataset_format="COCO 1.0",
    )
    assert {label.name for label in project.get_labels()} >= {"car", "person"}
    tasks = project.get_tasks()
    assert len(tasks) == 1 and tasks[0].size == 4
    assert len(tasks[0].get_annotations().shapes) == 2


def test_cli_exports_with_images_and_imports_annotations(cli: Cli, user: Account, task: Task, tmp_path: Path) -> None:
    target = tmp_path / "cli.zip"
    cli.run(user, "task", "export-dataset", str(task.id), str(target), "--format", "YOLO 1.1",
            "--with-images", "True", *FAST_POLL)
    names = zipfile.ZipFile(target).namelist()
    assert "obj.names" in names and any(n.endswith("f0.jpg") for n in names)
    task.remove_annotations()
    cli.run(user, "task", "import-dataset", str(task.id), str(target), "--format", "YOLO 1.1")
    shapes = task.get_annotations().shapes
    assert [(s.type.value, s.frame) for s in shapes] == [("rectangle", 0)]


def test_cli_export_into_a_directory_uses_the_servers_file_name(cli: Cli, user: Account, task: Task,
                                                                  tmp_path: Path) -> None:
    cli.run(user, "task", "export-dataset", str(task.id), str(tmp_path), "--format", "COCO 1.0", *FAST_POLL)
    files = [p.name for p in tmp_path.iterdir() if p.suffix == ".zip"]
    assert len(files) == 1 and files[0].startswith("task_exported_annotations_") and files[0].endswith("_coco 1.0.zip")


def test_cli_creates_a_project_with_a_dataset(cli: Cli, user: Account, task: Task, tmp_path: Path) -> None:
    target = tmp_path / "dataset.zip"
    task.export_dataset("CVAT for images 1.1", target, include_images=True)
    output = cli.run(user, "project", "create", "cli project", "--dataset_path", str(target),
                     "--dataset_format", "CVAT 1.1", *FAST_POLL)
    project_id = int(output.strip().splitlines()[-1])
    listed = json.loads(cli.run(user, "task", "ls", "--json"))
    assert any(t["project_id"] == project_id for t in listed)
