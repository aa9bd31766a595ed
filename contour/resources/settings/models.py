"""The user_settings table: one JSON document of web-app preferences per user."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey
from sqlalchemy.orm import Mapped, mapped_column

from contour.db import Base, UTCDateTime, utcnow


class UserSettings(Base):
    """Stored as the client sent it: the web app owns the keys and their defaults (web/src/lib/settings.ts),
    the server only bounds the document's size and shape."""

    __tablename__ = "user_settings"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    document: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    updated_date: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
