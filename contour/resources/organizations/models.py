"""Tables of organizations, their memberships (with roles) and invitations."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import JSON, Boolean, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from contour.db import IDS_NEVER_REUSED, Base, UTCDateTime, utcnow
from contour.resources.accounts.models import User


class Role(StrEnum):
    OWNER = "owner"
    MAINTAINER = "maintainer"
    SUPERVISOR = "supervisor"
    WORKER = "worker"


# Higher rank = more rights; used to compare roles.
ROLE_RANK = {Role.WORKER: 1, Role.SUPERVISOR: 2, Role.MAINTAINER: 3, Role.OWNER: 4}


class Organization(Base):
    __tablename__ = "organizations"
    __table_args__ = IDS_NEVER_REUSED

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    slug: Mapped[str] = mapped_column(String(16), unique=True)
    name: Mapped[str] = mapped_column(String(64), default="")
    description: Mapped[str] = mapped_column(Text, default="")
    contact: Mapped[dict[str, object]] = mapped_column(JSON, default=dict)
    owner_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), nullable=True
    )
    created_date: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_date: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    owner: Mapped[User | None] = relationship(lazy="joined")


class Membership(Base):
    __tablename__ = "memberships"
    __table_args__ = (UniqueConstraint("user_id", "organization_id"), IDS_NEVER_REUSED)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    organization_id: Mapped[int] = mapped_column(
        ForeignKey("organizations.id", ondelete="CASCADE"), index=True
    )
    role: Mapped[str] = mapped_column(String(16))
    # Inactive until the invitation is accepted.
    is_active: Mapped[bool] = mapped_column(Boolean, default=False)
    joined_date: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)

    user: Mapped[User] = relationship(lazy="joined")
    organization: Mapped[Organization] = relationship(lazy="joined")


class Invitation(Base):
    __tablename__ = "invitations"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    membership_id: Mapped[int] = mapped_column(
        ForeignKey("memberships.id", ondelete="CASCADE"), unique=True
    )
    owner_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), nullable=True
    )
    created_date: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    sent_date: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    accepted: Mapped[bool] = mapped_column(Boolean, default=False)

    membership: Mapped[Membership] = relationship(lazy="joined")
    owner: Mapped[User | None] = relationship(lazy="joined")
