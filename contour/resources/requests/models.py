"""The requests table: one row per piece of background work a user started."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import JSON, Boolean, Float, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from contour.db import Base, UTCDateTime, utcnow
from contour.resources.accounts.models import User


class RequestStatus(StrEnum):
    QUEUED = "queued"
    STARTED = "started"
    FAILED = "failed"
    FINISHED = "finished"


class BackgroundRequest(Base):
    __tablename__ = "requests"

    id: Mapped[str] = mapped_column(String(255), primary_key=True)
    action: Mapped[str] = mapped_column(String(32), index=True)
    target: Mapped[str] = mapped_column(String(16))
    subresource: Mapped[str | None] = mapped_column(String(32), nullable=True)
    status: Mapped[str] = mapped_column(String(16), default=RequestStatus.QUEUED, index=True)
    message: Mapped[str] = mapped_column(Text, default="")
    progress: Mapped[float | None] = mapped_column(Float, nullable=True)
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), nullable=True, index=True)
    organization_id: Mapped[int | None] = mapped_column(Integer, nullable=True, index=True)
    project_id: Mapped[int | None] = mapped_column(Integer, nullable=True, index=True)
    task_id: Mapped[int | None] = mapped_column(Integer, nullable=True, index=True)
    job_id: Mapped[int | None] = mapped_column(Integer, nullable=True, index=True)
    format: Mapped[str | None] = mapped_column(String(64), nullable=True)
    function_id: Mapped[str | None] = mapped_column(String(64), nullable=True)
    lightweight: Mapped[bool | None] = mapped_column(Boolean, nullable=True)
    # What the runner needs to do the work (validated request parameters).
    params: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    result_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    # Path of a produced file (exports), relative to the data directory.
    result_file: Mapped[str | None] = mapped_column(Text, nullable=True)
    cancel_requested: Mapped[bool] = mapped_column(Boolean, default=False)
    # The worker that claimed the request (contour.resources.requests.workers) and its last sign of life:
    # a started request whose worker is gone is failed by the watchdog (leases.py).
    worker: Mapped[str | None] = mapped_column(String(200), nullable=True)
    heartbeat_date: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    created_date: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    started_date: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    finished_date: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    expiry_date: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)

    owner: Mapped[User | None] = relationship(lazy="joined")

    @property
    def is_done(self) -> bool:
        return self.status in (RequestStatus.FAILED, RequestStatus.FINISHED)
