"""Job request shapes and the JobRead serializer."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import Field

from contour.resources.accounts.schemas import serialize_basic_user
from contour.resources.common.read_models import BasicUserRead, CountedUrlRead, ReadModel, StorageRead, UrlRead
from contour.resources.common.requests import RequestModel
from contour.resources.common.storage import serialize_storage
from contour.resources.common.types import DbId
from contour.resources.jobs.models import Job, JobStage, JobState


class JobPatchRequest(RequestModel):
    assignee: DbId | None = None
    stage: JobStage | None = None
    state: JobState | None = None


class JobWriteRequest(RequestModel):
    """Creates a ground-truth job; annotation jobs come from the task's segments."""

    type: Literal["ground_truth", "annotation", "consensus_replica"]
    task_id: DbId
    assignee: DbId | None = None
    stage: JobStage | None = None
    state: JobState | None = None
    frame_selection_method: Literal["random_uniform", "random_per_job", "manual"] = "random_uniform"
    frame_count: Annotated[int, Field(ge=1)] | None = None
    frame_share: Annotated[float, Field(gt=0, le=1)] | None = None
    frames_per_job_count: Annotated[int, Field(ge=1)] | None = None
    frames_per_job_share: Annotated[float, Field(gt=0, le=1)] | None = None
    random_seed: Annotated[int, Field(ge=0)] | None = None
    seed: Annotated[int, Field(ge=0)] | None = None
    frames: list[Annotated[int, Field(ge=0)]] | None = None


def serialize_job(job: Job, base: str, issue_count: int = 0) -> dict[str, Any]:
    task = job.task
    project = task.project
    return {
        "url": f"{base}/api/jobs/{job.id}",
        "id": job.id,
        "task_id": task.id,
        "task_name": task.name,
        "project_id": task.project_id,
        "project_name": project.name if project is not None else None,
        "assignee": serialize_basic_user(job.assignee, base),
        "assignee_updated_date": job.assignee_updated_date,
        "guide_id": None,
        "bug_tracker": (project.bug_tracker if project is not None else task.bug_tracker) or None,
        "dimension": task.dimension,
        "mode": task.mode,
        "media_type": "point_cloud" if task.dimension == "3d" else "image",
        "status": job.status,
        "stage": job.stage,
        "state": job.state,
        "type": job.type,
        "frame_count": job.segment.frame_count,
        "start_frame": job.segment.start_frame,
        "stop_frame": job.segment.stop_frame,
        "data_chunk_size": task.data_chunk_size,
        "data_compressed_chunk_type": task.data_compressed_chunk_type,
        "data_original_chunk_type": task.data_original_chunk_type,
        "created_date": job.created_date,
        "updated_date": job.updated_date,
        "organization": task.organization_id,
        "target_storage": serialize_storage(task.target_storage),
        "source_storage": serialize_storage(task.source_storage),
        "parent_job_id": job.parent_job_id,
        "replicas_count": 0,
        "issues": {"count": issue_count, "url": f"{base}/api/issues?job_id={job.id}"},
        "labels": {"url": f"{base}/api/labels?job_id={job.id}"},
    }


class JobRead(ReadModel):
    url: str
    id: int
    task_id: int
    task_name: str | None
    project_id: int | None
    project_name: str | None
    assignee: BasicUserRead | None
    assignee_updated_date: datetime | None
    guide_id: int | None
    bug_tracker: str | None
    dimension: str
    mode: str
    media_type: str
    status: str
    stage: str
    state: str
    type: str
    frame_count: int
    start_frame: int
    stop_frame: int
    data_chunk_size: int | None
    data_compressed_chunk_type: str | None
    data_original_chunk_type: str | None
    created_date: datetime
    updated_date: datetime
    organization: int | None
    target_storage: StorageRead | None
    source_storage: StorageRead | None
    parent_job_id: int | None
    replicas_count: int
    issues: CountedUrlRead
    labels: UrlRead
