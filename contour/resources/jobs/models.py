"""The jobs table: one annotation job per segment, plus ground-truth jobs."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from contour.db import IDS_NEVER_REUSED, Base, UTCDateTime, utcnow
from contour.resources.accounts.models import User
from contour.resources.tasks.models import Segment, Task


class JobType(StrEnum):
    ANNOTATION = "annotation"
    GROUND_TRUTH = "ground_truth"


class JobStage(StrEnum):
    ANNOTATION = "annotation"
    VALIDATION = "validation"
    ACCEPTANCE = "acceptance"


class JobState(StrEnum):
    NEW = "new"
    IN_PROGRESS = "in progress"
    REJECTED = "rejected"
    COMPLETED = "completed"


class Job(Base):
    __tablename__ = "jobs"
    __table_args__ = IDS_NEVER_REUSED

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    segment_id: Mapped[int] = mapped_column(ForeignKey("segments.id", ondelete="CASCADE"), index=True)
    task_id: Mapped[int] = mapped_column(ForeignKey("tasks.id", ondelete="CASCADE"), index=True)
    type: Mapped[str] = mapped_column(String(16), default=JobType.ANNOTATION)
    stage: Mapped[str] = mapped_column(String(16), default=JobStage.ANNOTATION)
    state: Mapped[str] = mapped_column(String(16), default=JobState.NEW)
    assignee_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), nullable=True, index=True
    )
    assignee_updated_date: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    parent_job_id: Mapped[int | None] = mapped_column(
        ForeignKey("jobs.id", ondelete="CASCADE"), nullable=True
    )
    created_date: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_date: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    # Increases with every change of the job's annotations (stale clients learn of conflicts).
    annotation_version: Mapped[int] = mapped_column(Integer, default=0, server_default="0")

    segment: Mapped[Segment] = relationship(lazy="joined")
    task: Mapped[Task] = relationship(lazy="joined")
    assignee: Mapped[User | None] = relationship(lazy="joined")

    @property
    def status(self) -> str:
        """CVAT's legacy job status, derived from the stage."""
        return {"annotation": "annotation", "validation": "validation"}.get(self.stage, "completed")
