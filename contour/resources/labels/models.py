"""Labels (of a project or of a standalone task), skeleton sublabels, and attribute specs."""

from __future__ import annotations

from sqlalchemy import JSON, Boolean, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from contour.db import IDS_NEVER_REUSED, Base


class Label(Base):
    __tablename__ = "labels"
    __table_args__ = IDS_NEVER_REUSED

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    project_id: Mapped[int | None] = mapped_column(
        ForeignKey("projects.id", ondelete="CASCADE"), nullable=True, index=True
    )
    task_id: Mapped[int | None] = mapped_column(
        ForeignKey("tasks.id", ondelete="CASCADE"), nullable=True, index=True
    )
    parent_id: Mapped[int | None] = mapped_column(
        ForeignKey("labels.id", ondelete="CASCADE"), nullable=True, index=True
    )
    name: Mapped[str] = mapped_column(String(64))
    color: Mapped[str] = mapped_column(String(8))
    type: Mapped[str] = mapped_column(String(16), default="any")
    svg: Mapped[str] = mapped_column(Text, default="")

    attributes: Mapped[list[AttributeSpec]] = relationship(
        cascade="all, delete-orphan", order_by="AttributeSpec.id", lazy="selectin"
    )
    sublabels: Mapped[list[Label]] = relationship(
        cascade="all, delete-orphan", order_by="Label.id", lazy="selectin"
    )


class AttributeSpec(Base):
    __tablename__ = "attribute_specs"
    __table_args__ = IDS_NEVER_REUSED

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    label_id: Mapped[int] = mapped_column(ForeignKey("labels.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(64))
    mutable: Mapped[bool] = mapped_column(Boolean, default=False)
    input_type: Mapped[str] = mapped_column(String(16))
    default_value: Mapped[str] = mapped_column(String(128), default="")
    values: Mapped[list[str]] = mapped_column(JSON, default=list)
