"""Task request shapes and the TaskRead serializer (CVAT field names; non-null fields omitted, not null)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from pydantic import Field

from contour.resources.accounts.schemas import serialize_basic_user
from contour.resources.common.read_models import BasicUserRead, JobsSummaryRead, ReadModel, StorageRead, UrlRead
from contour.resources.common.requests import RequestModel
from contour.resources.common.storage import StorageRequest, serialize_storage
from contour.resources.common.types import DbId
from contour.resources.labels.schemas import LabelRequest
from contour.resources.tasks.models import Task

NonNegative = Annotated[int, Field(ge=0, le=2147483647)]


class TaskWriteRequest(RequestModel):
    name: Annotated[str, Field(min_length=1, max_length=256)]
    project_id: DbId | None = None
    owner_id: DbId | None = None
    assignee_id: DbId | None = None
    bug_tracker: Annotated[str, Field(max_length=2000)] = ""
    overlap: NonNegative | None = None
    segment_size: NonNegative = 0
    labels: list[LabelRequest] = Field(default_factory=list)
    subset: Annotated[str, Field(max_length=64)] = ""
    target_storage: StorageRequest | None = None
    source_storage: StorageRequest | None = None
    consensus_replicas: NonNegative = 0
    initial_replicas: NonNegative | None = None


class TaskPatchRequest(RequestModel):
    name: Annotated[str, Field(min_length=1, max_length=256)] | None = None
    project_id: DbId | None = None
    owner_id: DbId | None = None
    assignee_id: DbId | None = None
    bug_tracker: Annotated[str, Field(max_length=2000)] | None = None
    labels: list[LabelRequest] | None = None
    subset: Annotated[str, Field(max_length=64)] | None = None
    target_storage: StorageRequest | None = None
    source_storage: StorageRequest | None = None
    organization_id: DbId | None = None


def serialize_task(task: Task, base: str, job_counts: tuple[int, int, int]) -> dict[str, Any]:
    total, completed, validation = job_counts
    data: dict[str, Any] = {
        "url": f"{base}/api/tasks/{task.id}",
        "id": task.id,
        "name": task.name,
        "project_id": task.project_id,
        "project_name": task.project.name if task.project is not None else None,
        "owner": serialize_basic_user(task.owner, base),
        "assignee": serialize_basic_user(task.assignee, base),
        "assignee_updated_date": task.assignee_updated_date,
        "guide_id": None,
        "bug_tracker": task.bug_tracker,
        "created_date": task.created_date,
        "updated_date": task.updated_date,
        "overlap": task.overlap,
        "segment_size": task.segment_size,
        "status": task.status,
        "data_chunk_size": task.data_chunk_size,
        "data_compressed_chunk_type": task.data_compressed_chunk_type,
        "data_original_chunk_type": task.data_original_chunk_type,
        "data_cloud_storage_id": None,
        "dimension": task.dimension,
        "mode": task.mode,
        "media_type": "point_cloud" if task.dimension == "3d" else "image",
        "subset": task.subset,
        "organization": task.organization_id,
        "organization_id": task.organization_id,
        "target_storage": serialize_storage(task.target_storage),
        "source_storage": serialize_storage(task.source_storage),
        "jobs": {
            "count": total,
            "completed": completed,
            "validation": validation,
            "url": f"{base}/api/jobs?task_id={task.id}",
        },
        "labels": {"url": f"{base}/api/labels?task_id={task.id}"},
        "initial_replicas": task.consensus_replicas,
        "consensus_replicas": task.consensus_replicas,
        "validation_mode": None,
    }
    # CVAT omits media facts until data is attached; null would break the SDK's strict types.
    if task.size is not None:
        data["size"] = task.size
        data["data"] = task.id
    if task.image_quality is not None:
        data["image_quality"] = task.image_quality
    return data


class TaskRead(ReadModel):
    url: str
    id: int
    name: str
    project_id: int | None
    project_name: str | None
    owner: BasicUserRead | None
    assignee: BasicUserRead | None
    assignee_updated_date: datetime | None
    guide_id: int | None
    bug_tracker: str
    created_date: datetime
    updated_date: datetime
    overlap: int | None
    segment_size: int
    status: str
    data_chunk_size: int | None
    data_compressed_chunk_type: str | None
    data_original_chunk_type: str | None
    data_cloud_storage_id: int | None
    dimension: str
    mode: str
    media_type: str
    subset: str
    organization: int | None
    organization_id: int | None
    target_storage: StorageRead | None
    source_storage: StorageRead | None
    jobs: JobsSummaryRead
    labels: UrlRead
    initial_replicas: int
    consensus_replicas: int
    validation_mode: str | None
    # Present once the task has data (omitted before, as CVAT does).
    size: int | None = None
    data: int | None = None
    image_quality: int | None = None
