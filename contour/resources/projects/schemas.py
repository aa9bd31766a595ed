"""Project request shapes and the ProjectRead serializer (CVAT field names and nullability)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Annotated, Any

from pydantic import Field

from contour.resources.accounts.schemas import serialize_basic_user
from contour.resources.common.read_models import BasicUserRead, CountedUrlRead, ReadModel, StorageRead, UrlRead
from contour.resources.common.requests import RequestModel
from contour.resources.common.storage import StorageRequest, serialize_storage
from contour.resources.common.types import DbId
from contour.resources.labels.schemas import LabelRequest
from contour.resources.projects.models import Project


class ProjectWriteRequest(RequestModel):
    name: Annotated[str, Field(min_length=1, max_length=256)]
    labels: list[LabelRequest] = Field(default_factory=list)
    owner_id: DbId | None = None
    assignee_id: DbId | None = None
    bug_tracker: Annotated[str, Field(max_length=2000)] = ""
    target_storage: StorageRequest | None = None
    source_storage: StorageRequest | None = None


class ProjectPatchRequest(RequestModel):
    name: Annotated[str, Field(min_length=1, max_length=256)] | None = None
    labels: list[LabelRequest] | None = None
    owner_id: DbId | None = None
    assignee_id: DbId | None = None
    bug_tracker: Annotated[str, Field(max_length=2000)] | None = None
    target_storage: StorageRequest | None = None
    source_storage: StorageRequest | None = None
    organization_id: DbId | None = None


def serialize_project(
    project: Project, base: str, task_count: int, task_subsets: list[str]
) -> dict[str, Any]:
    return {
        "url": f"{base}/api/projects/{project.id}",
        "id": project.id,
        "name": project.name,
        "owner": serialize_basic_user(project.owner, base),
        "assignee": serialize_basic_user(project.assignee, base),
        "assignee_updated_date": project.assignee_updated_date,
        "guide_id": None,
        "bug_tracker": project.bug_tracker,
        "task_subsets": task_subsets,
        "created_date": project.created_date,
        "updated_date": project.updated_date,
        "status": project.status,
        "dimension": project.dimension,
        "organization": project.organization_id,
        "organization_id": project.organization_id,
        "target_storage": serialize_storage(project.target_storage),
        "source_storage": serialize_storage(project.source_storage),
        "tasks": {"count": task_count, "url": f"{base}/api/tasks?project_id={project.id}"},
        "labels": {"url": f"{base}/api/labels?project_id={project.id}"},
    }


def serialize_projects(
    projects: list[Project], base: str, counts: Mapping[int, int], subsets: Mapping[int, list[str]]
) -> list[dict[str, Any]]:
    return [serialize_project(p, base, counts.get(p.id, 0), subsets.get(p.id, [])) for p in projects]


class ProjectRead(ReadModel):
    url: str
    id: int
    name: str
    owner: BasicUserRead | None
    assignee: BasicUserRead | None
    assignee_updated_date: datetime | None
    guide_id: int | None
    bug_tracker: str
    task_subsets: list[str]
    created_date: datetime
    updated_date: datetime
    status: str
    dimension: str | None
    organization: int | None
    organization_id: int | None
    target_storage: StorageRead | None
    source_storage: StorageRead | None
    tasks: CountedUrlRead
    labels: UrlRead
