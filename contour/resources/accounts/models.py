"""Tables of users and of the ways they authenticate (sessions, API keys, personal access tokens)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, Boolean, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from contour.db import IDS_NEVER_REUSED, Base, UTCDateTime, utcnow


class User(Base):
    __tablename__ = "users"
    __table_args__ = IDS_NEVER_REUSED

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(String(150), unique=True)
    email: Mapped[str] = mapped_column(String(254), default="", index=True)
    password_hash: Mapped[str] = mapped_column(String(255), default="")
    first_name: Mapped[str] = mapped_column(String(150), default="")
    last_name: Mapped[str] = mapped_column(String(150), default="")
    is_staff: Mapped[bool] = mapped_column(Boolean, default=False)
    is_superuser: Mapped[bool] = mapped_column(Boolean, default=False)
    is_active: Mapped[bool] = mapped_column(Boolean, default=True)
    # CVAT privilege groups: admin, user, worker.
    groups: Mapped[list[str]] = mapped_column(JSON, default=lambda: ["user"])
    date_joined: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_login: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)

    @property
    def is_admin(self) -> bool:
        return self.is_superuser or self.is_staff or "admin" in self.groups


class UserSession(Base):
    """A browser/SDK login session, addressed by the `sessionid` cookie."""

    __tablename__ = "user_sessions"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    created_date: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    expiry_date: Mapped[datetime] = mapped_column(UTCDateTime, index=True)


class ApiKey(Base):
    """The legacy `Authorization: Token <key>` key that login returns; one per user."""

    __tablename__ = "api_keys"

    key: Mapped[str] = mapped_column(String(40), primary_key=True)
    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), unique=True
    )
    created_date: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class AccessToken(Base):
    """A personal access token (`Authorization: Bearer`); only its SHA-256 digest is stored."""

    __tablename__ = "access_tokens"
    __table_args__ = IDS_NEVER_REUSED

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(50))
    owner_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    digest: Mapped[str] = mapped_column(String(64), unique=True)
    read_only: Mapped[bool] = mapped_column(Boolean, default=False)
    created_date: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_date: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
    expiry_date: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    last_used_date: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
