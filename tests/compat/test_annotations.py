"""cvat-sdk drives the annotation API: get/set/update/remove annotations with SDK model objects."""

from __future__ import annotations

from pathlib import Path

import pytest
from cvat_sdk.api_client import models
from cvat_sdk.core.client import Client
from cvat_sdk.core.proxies.tasks import ResourceType, Task

from tests.media_factory import write_images

pytestmark = pytest.mark.compat

LABELS = [
    models.PatchedLabelRequest(name="car", attributes=[
        models.AttributeRequest(name="model", mutable=False, input_type="select", values=["sedan", "suv"]),
        models.AttributeRequest(name="speed", mutable=True, input_type="number", values=["0", "100", "1"]),
    ]),
    models.PatchedLabelRequest(name="person", type="skeleton", sublabels=[
        models.SublabelRequest(name="head"), models.SublabelRequest(name="foot"),
    ], svg='<circle data-label-name="head"></circle><circle data-label-name="foot"></circle>'),
]


@pytest.fixture
def task(client: Client, tmp_path: Path) -> Task:
    paths = write_images(tmp_path, [f"f{i}.jpg" for i in range(6)])
    return client.tasks.create_from_data(
        spec=models.TaskWriteRequest(name="annotated", labels=LABELS, segment_size=4, overlap=1),
        resource_type=ResourceType.LOCAL,
        resources=[str(p) for p in paths],
    )


def first_job(task: Task):  # type: ignore[no-untyped-def]
    return min(task.get_jobs(), key=lambda job: job.start_frame)


def _ids(task: Task) -> dict[str, int]:
    ids: dict[str, int] = {}
    for label in task.get_labels():
        ids[label.name] = label.id
        for attribute in label.attributes:
            ids[f"{label.name}.{attribute.name}"] = attribute.id
        for sub in label.sublabels:
            ids[f"{label.name}/{sub.name}"] = sub.id
    return ids


def test_job_set_then_get_annotations_round_trips(task: Task) -> None:
    ids = _ids(task)
    job = first_job(task)
    job.set_annotations(models.LabeledDataRequest(
        shapes=[
            models.LabeledShapeRequest(type="rectangle", frame=1, label_id=ids["car"], points=[1.0, 2.0, 3.0, 4.0],
                                       attributes=[models.AttributeValRequest(spec_id=ids["car.model"], value="suv")]),
            models.LabeledShapeRequest(type="skeleton", frame=2, label_id=ids["person"], points=[], elements=[
                models.SubLabeledShapeRequest(type="points", frame=2, label_id=ids["person/head"], points=[5.0, 5.0]),
                models.SubLabeledShapeRequest(type="points", frame=2, label_id=ids["person/foot"], points=[5.0, 9.0]),
            ]),
        ],
        tracks=[models.LabeledTrackRequest(frame=0, label_id=ids["car"], shapes=[
            models.TrackedShapeRequest(type="rectangle", frame=0, points=[0.0, 0.0, 2.0, 2.0]),
            models.TrackedShapeRequest(type="rectangle", frame=3, points=[1.0, 1.0, 3.0, 3.0], outside=True),
        ])],
        tags=[models.LabeledImageRequest(frame=0, label_id=ids["car"])],
    ))
    data = job.get_annotations()
    assert [str(s.type) for s in data.shapes] == ["rectangle", "skeleton"]
    assert data.shapes[0].attributes[0].value == "suv"
    assert len(data.shapes[1].elements) == 2
    assert [s.frame for s in data.tracks[0].shapes] == [0, 3] and data.tracks[0].shapes[1].outside
    assert len(data.tags) == 1


def test_update_annotations_appends_and_updates(task: Task) -> None:
    ids = _ids(task)
    job = first_job(task)
    job.set_annotations(models.LabeledDataRequest(shapes=[
        models.LabeledShapeRequest(type="points", frame=0, label_id=ids["car"], points=[1.0, 1.0]),
    ]))
    existing = job.get_annotations().shapes[0]
    job.update_annotations(models.PatchedLabeledDataRequest(shapes=[
        models.LabeledShapeRequest(id=existing.id, type="points", frame=0, label_id=ids["car"], points=[7.0, 7.0]),
        models.LabeledShapeRequest(type="points", frame=1, label_id=ids["car"], points=[2.0, 2.0]),
    ]))
    shapes = {s.frame: s for s in job.get_annotations().shapes}
    assert shapes[0].id == existing.id and shapes[0].points == [7.0, 7.0]
    assert shapes[1].points == [2.0, 2.0]


def test_task_remove_annotations_by_id(task: Task) -> None:
    ids = _ids(task)
    task.set_annotations(models.LabeledDataRequest(shapes=[
        models.LabeledShapeRequest(type="points", frame=0, label_id=ids["car"], points=[1.0, 1.0]),
        models.LabeledShapeRequest(type="points", frame=5, label_id=ids["car"], points=[1.0, 1.0]),
    ]))
    shapes = task.get_annotations().shapes
    assert len(shapes) == 2
    task.remove_annotations(ids=[shapes[0].id])
    remaining = task.get_annotations().shapes
    assert [s.id for s in remaining] == [shapes[1].id]
    task.remove_annotations()
    assert task.get_annotations().shapes == []


def test_task_annotations_on_overlap_frames_come_back_once(task: Task) -> None:
    ids = _ids(task)
    task.set_annotations(models.LabeledDataRequest(shapes=[
        models.LabeledShapeRequest(type="rectangle", frame=3, label_id=ids["car"], points=[1.0, 1.0, 9.0, 9.0]),
    ]))
    jobs = task.get_jobs()
    assert all(len(job.get_annotations().shapes) == 1 for job in jobs)
    assert len(task.get_annotations().shapes) == 1
