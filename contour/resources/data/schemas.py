"""The task-data request (CVAT's DataRequest) and the meta read shape."""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal

from pydantic import Field, field_validator

from contour.resources.common.read_models import ReadModel
from contour.resources.common.requests import RequestModel

SortingMethod = Literal["lexicographical", "natural", "predefined", "random"]
FRAME_FILTER = re.compile(r"^(step=[1-9]\d*)?$")


class DataRequest(RequestModel):
    image_quality: Annotated[int, Field(ge=0, le=100)] = 70
    client_files: list[Any] = Field(default_factory=list)
    server_files: list[Annotated[str, Field(min_length=1, max_length=4096)]] = Field(default_factory=list)
    server_files_exclude: list[str] = Field(default_factory=list)
    remote_files: list[Annotated[str, Field(min_length=1, max_length=4096)]] = Field(default_factory=list)
    use_zip_chunks: bool = False
    use_cache: bool = False
    copy_data: bool = False
    start_frame: Annotated[int, Field(ge=0, le=2**31 - 1)] = 0
    stop_frame: Annotated[int, Field(ge=0, le=2**31 - 1)] | None = None
    frame_filter: str = ""
    chunk_size: Annotated[int, Field(ge=1, le=10_000)] | None = None
    sorting_method: SortingMethod = "lexicographical"
    upload_file_order: list[str] = Field(default_factory=list)
    job_file_mapping: list[list[str]] | None = None
    filename_pattern: str | None = None
    cloud_storage_id: int | None = None
    validation_params: dict[str, Any] | None = None

    @field_validator("frame_filter")
    @classmethod
    def _frame_filter(cls, value: str) -> str:
        if not FRAME_FILTER.match(value):
            raise ValueError("Use 'step=N' with N ≥ 1, or leave empty.")
        return value

    @property
    def frame_step(self) -> int:
        return int(self.frame_filter.removeprefix("step=")) if self.frame_filter else 1


class FrameMetaRead(ReadModel):
    width: int
    height: int
    name: str
    related_files: int
    has_related_context: bool


class DataMetaRead(ReadModel):
    chunk_size: int | None
    size: int
    image_quality: int
    start_frame: int
    stop_frame: int
    frame_filter: str
    frames: list[FrameMetaRead]
    deleted_frames: list[int]
    included_frames: list[int] | None
    chunks_updated_date: Any
    chapters: list[Any] | None
    storage: str
    cloud_storage_id: int | None


class DataMetaPatch(RequestModel):
    deleted_frames: list[Annotated[int, Field(ge=0, le=2**31 - 1)]] | None = None
    cloud_storage_id: int | None = None
