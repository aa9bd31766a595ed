"""The projects table."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from contour.db import IDS_NEVER_REUSED, Base, UTCDateTime, utcnow
from contour.resources.accounts.models import User
from contour.resources.common.storage import StorageLocation
from contour.resources.organizations.models import Organization


class Project(Base):
    __tablename__ = "projects"
    __table_args__ = IDS_NEVER_REUSED

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(256), index=True)
    owner_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), nullable=True, index=True
    )
    assignee_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), nullable=True, index=True
    )
    assignee_updated_date: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    bug_tracker: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(16), default="annotation")
    dimension: Mapped[str | None] = mapped_column(String(2), nullable=True)
    organization_id: Mapped[int | None] = mapped_column(
        ForeignKey("organizations.id", ondelete="CASCADE"), nullable=True, index=True
    )
    source_storage_id: Mapped[int | None] = mapped_column(
        ForeignKey("storage_locations.id", ondelete="SET NULL"), nullable=True
    )
    target_storage_id: Mapped[int | None] = mapped_column(
        ForeignKey("storage_locations.id", ondelete="SET NULL"), nullable=True
    )
    created_date: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_date: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)

    owner: Mapped[User | None] = relationship(foreign_keys=[owner_id], lazy="joined")
    assignee: Mapped[User | None] = relationship(foreign_keys=[assignee_id], lazy="joined")
    organization: Mapped[Organization | None] = relationship(lazy="raise")
    source_storage: Mapped[StorageLocation | None] = relationship(
        foreign_keys=[source_storage_id], lazy="joined"
    )
    target_storage: Mapped[StorageLocation | None] = relationship(
        foreign_keys=[target_storage_id], lazy="joined"
    )
