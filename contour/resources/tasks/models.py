"""The tasks table and the segments a task's frames are split into."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from contour.db import IDS_NEVER_REUSED, Base, UTCDateTime, utcnow
from contour.resources.accounts.models import User
from contour.resources.common.storage import StorageLocation
from contour.resources.projects.models import Project


class Task(Base):
    __tablename__ = "tasks"
    __table_args__ = IDS_NEVER_REUSED

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(256), index=True)
    project_id: Mapped[int | None] = mapped_column(
        ForeignKey("projects.id", ondelete="CASCADE"), nullable=True, index=True
    )
    owner_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), nullable=True, index=True
    )
    assignee_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), nullable=True, index=True
    )
    assignee_updated_date: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    bug_tracker: Mapped[str] = mapped_column(Text, default="")
    subset: Mapped[str] = mapped_column(String(64), default="")
    status: Mapped[str] = mapped_column(String(16), default="annotation", index=True)
    organization_id: Mapped[int | None] = mapped_column(
        ForeignKey("organizations.id", ondelete="CASCADE"), nullable=True, index=True
    )
    segment_size: Mapped[int] = mapped_column(Integer, default=0)
    overlap: Mapped[int | None] = mapped_column(Integer, nullable=True)
    consensus_replicas: Mapped[int] = mapped_column(Integer, default=0)
    dimension: Mapped[str] = mapped_column(String(2), default="2d")
    # "" until data is attached, then "annotation" (images) or "interpolation" (video).
    mode: Mapped[str] = mapped_column(String(16), default="")
    # Media facts filled in when data is attached; None means "no data yet" (omitted on read).
    size: Mapped[int | None] = mapped_column(Integer, nullable=True)
    image_quality: Mapped[int | None] = mapped_column(Integer, nullable=True)
    data_chunk_size: Mapped[int | None] = mapped_column(Integer, nullable=True)
    data_original_chunk_type: Mapped[str | None] = mapped_column(String(16), nullable=True)
    data_compressed_chunk_type: Mapped[str | None] = mapped_column(String(16), nullable=True)
    source_storage_id: Mapped[int | None] = mapped_column(
        ForeignKey("storage_locations.id", ondelete="SET NULL"), nullable=True
    )
    target_storage_id: Mapped[int | None] = mapped_column(
        ForeignKey("storage_locations.id", ondelete="SET NULL"), nullable=True
    )
    created_date: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    updated_date: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)

    owner: Mapped[User | None] = relationship(foreign_keys=[owner_id], lazy="joined")
    assignee: Mapped[User | None] = relationship(foreign_keys=[assignee_id], lazy="joined")
    project: Mapped[Project | None] = relationship(lazy="joined")
    source_storage: Mapped[StorageLocation | None] = relationship(
        foreign_keys=[source_storage_id], lazy="joined"
    )
    target_storage: Mapped[StorageLocation | None] = relationship(
        foreign_keys=[target_storage_id], lazy="joined"
    )


class Segment(Base):
    """A run of task frames annotated as one job: [start_frame, stop_frame], or explicit frames."""

    __tablename__ = "segments"
    __table_args__ = IDS_NEVER_REUSED

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    task_id: Mapped[int] = mapped_column(ForeignKey("tasks.id", ondelete="CASCADE"), index=True)
    start_frame: Mapped[int] = mapped_column(Integer)
    stop_frame: Mapped[int] = mapped_column(Integer)
    # "range" or "specific_frames" (ground-truth jobs list their frames explicitly).
    type: Mapped[str] = mapped_column(String(16), default="range")
    frames: Mapped[list[int] | None] = mapped_column(JSON, nullable=True)

    @property
    def frame_count(self) -> int:
        if self.frames is not None:
            return len(self.frames)
        return self.stop_frame - self.start_frame + 1
