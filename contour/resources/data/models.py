"""Tables of a task's media: how it was ingested, its frames and their related (context) images."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, Boolean, Float, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from contour.db import IDS_NEVER_REUSED, Base, UTCDateTime, utcnow


class TaskMedia(Base):
    """What CVAT calls a task's `data`: the media source and how frames are cut from it."""

    __tablename__ = "task_media"

    task_id: Mapped[int] = mapped_column(ForeignKey("tasks.id", ondelete="CASCADE"), primary_key=True)
    # "images", "video" or "pointcloud"
    kind: Mapped[str] = mapped_column(String(16))
    # "local": files live in the task's directory; "share": referenced in place on the share.
    storage: Mapped[str] = mapped_column(String(16), default="local")
    # "cache": chunks built on first request; "file_system": built during creation.
    storage_method: Mapped[str] = mapped_column(String(16), default="file_system")
    start_frame: Mapped[int] = mapped_column(Integer, default=0)
    stop_frame: Mapped[int] = mapped_column(Integer, default=0)
    frame_step: Mapped[int] = mapped_column(Integer, default=1)
    sorting_method: Mapped[str] = mapped_column(String(16), default="lexicographical")
    use_zip_chunks: Mapped[bool] = mapped_column(Boolean, default=False)
    deleted_frames: Mapped[list[int]] = mapped_column(JSON, default=list)
    chunks_updated_date: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # Video facts (kind == "video"): the file and its exact frame count.
    video_path: Mapped[str | None] = mapped_column(Text, nullable=True)
    video_frame_count: Mapped[int | None] = mapped_column(Integer, nullable=True)
    video_fps: Mapped[float | None] = mapped_column(Float, nullable=True)
    video_width: Mapped[int | None] = mapped_column(Integer, nullable=True)
    video_height: Mapped[int | None] = mapped_column(Integer, nullable=True)
    video_rotation: Mapped[int | None] = mapped_column(Integer, nullable=True)
    # [[frame number, pts], ...]: where decoding may start (read chunks without re-probing).
    video_keyframes: Mapped[list[list[int]] | None] = mapped_column(JSON, nullable=True)
    # Where media paths are relative to: the task's data directory, or the share root.
    root: Mapped[str] = mapped_column(Text, default="")

    @property
    def frame_filter(self) -> str:
        return f"step={self.frame_step}" if self.frame_step > 1 else ""


class MediaFrame(Base):
    """One frame of an image or point-cloud task (video frames live in the video file)."""

    __tablename__ = "media_frames"
    __table_args__ = (UniqueConstraint("task_id", "frame"), IDS_NEVER_REUSED)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    task_id: Mapped[int] = mapped_column(ForeignKey("tasks.id", ondelete="CASCADE"), index=True)
    frame: Mapped[int] = mapped_column(Integer)
    path: Mapped[str] = mapped_column(Text)
    width: Mapped[int] = mapped_column(Integer)
    height: Mapped[int] = mapped_column(Integer)
    related_files: Mapped[list[str]] = mapped_column(JSON, default=list)
