"""Where a project's or task's import sources and export targets live (local or a cloud storage)."""

from __future__ import annotations

from typing import Literal

from sqlalchemy import Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from contour.db import IDS_NEVER_REUSED, Base
from contour.resources.common.requests import RequestModel
from contour.resources.common.types import DbId


class StorageLocation(Base):
    __tablename__ = "storage_locations"
    __table_args__ = IDS_NEVER_REUSED

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    location: Mapped[str] = mapped_column(String(16), default="local")
    cloud_storage_id: Mapped[int | None] = mapped_column(Integer, nullable=True)


class StorageRequest(RequestModel):
    location: Literal["local", "cloud_storage"] = "local"
    cloud_storage_id: DbId | None = None


def storage_from_request(request: StorageRequest | None) -> StorageLocation:
    if request is None:
        return StorageLocation(location="local", cloud_storage_id=None)
    return StorageLocation(location=request.location, cloud_storage_id=request.cloud_storage_id)


def update_storage(
    current: StorageLocation | None, request: StorageRequest | None
) -> StorageLocation:
    if current is None:
        return storage_from_request(request)
    if request is not None:
        current.location = request.location
        current.cloud_storage_id = request.cloud_storage_id
    return current


def serialize_storage(storage: StorageLocation | None) -> dict[str, object] | None:
    if storage is None:
        return None
    return {"id": storage.id, "location": storage.location, "cloud_storage_id": storage.cloud_storage_id}
