"""Annotation tables: tags, shapes (skeleton elements point at their parent), tracks and keyframes.

Points and attribute values are JSON columns: annotations are written and read whole per job,
never queried by coordinate, and one JSON value per object is far cheaper than a row per value.
"""

from __future__ import annotations

from sqlalchemy import JSON, Boolean, Float, ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from contour.db import IDS_NEVER_REUSED, Base


class AnnotationTag(Base):
    __tablename__ = "annotation_tags"
    # Exports read a job's objects a window of frames at a time.
    __table_args__ = (Index("ix_annotation_tags_job_frame", "job_id", "frame"), IDS_NEVER_REUSED)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    job_id: Mapped[int] = mapped_column(ForeignKey("jobs.id", ondelete="CASCADE"), index=True)
    frame: Mapped[int] = mapped_column(Integer)
    label_id: Mapped[int] = mapped_column(ForeignKey("labels.id", ondelete="CASCADE"), index=True)
    group: Mapped[int | None] = mapped_column(Integer, nullable=True)
    source: Mapped[str] = mapped_column(String(16), default="manual")
    # [[spec_id, value], ...]
    attributes: Mapped[list[list[object]]] = mapped_column(JSON, default=list)


class AnnotationShape(Base):
    __tablename__ = "annotation_shapes"
    __table_args__ = (Index("ix_annotation_shapes_job_frame", "job_id", "frame"), IDS_NEVER_REUSED)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    job_id: Mapped[int] = mapped_column(ForeignKey("jobs.id", ondelete="CASCADE"), index=True)
    parent_id: Mapped[int | None] = mapped_column(
        ForeignKey("annotation_shapes.id", ondelete="CASCADE"), nullable=True, index=True
    )
    type: Mapped[str] = mapped_column(String(16))
    frame: Mapped[int] = mapped_column(Integer)
    label_id: Mapped[int] = mapped_column(ForeignKey("labels.id", ondelete="CASCADE"), index=True)
    group: Mapped[int | None] = mapped_column(Integer, nullable=True)
    source: Mapped[str] = mapped_column(String(16), default="manual")
    occluded: Mapped[bool] = mapped_column(Boolean, default=False)
    outside: Mapped[bool] = mapped_column(Boolean, default=False)
    z_order: Mapped[int] = mapped_column(Integer, default=0)
    rotation: Mapped[float] = mapped_column(Float, default=0.0)
    score: Mapped[float] = mapped_column(Float, default=1.0)
    points: Mapped[list[float]] = mapped_column(JSON, default=list)
    attributes: Mapped[list[list[object]]] = mapped_column(JSON, default=list)


class AnnotationTrack(Base):
    __tablename__ = "annotation_tracks"
    __table_args__ = IDS_NEVER_REUSED

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    job_id: Mapped[int] = mapped_column(ForeignKey("jobs.id", ondelete="CASCADE"), index=True)
    parent_id: Mapped[int | None] = mapped_column(
        ForeignKey("annotation_tracks.id", ondelete="CASCADE"), nullable=True, index=True
    )
    frame: Mapped[int] = mapped_column(Integer)
    label_id: Mapped[int] = mapped_column(ForeignKey("labels.id", ondelete="CASCADE"), index=True)
    group: Mapped[int | None] = mapped_column(Integer, nullable=True)
    source: Mapped[str] = mapped_column(String(16), default="manual")
    # Immutable attributes live on the track; mutable ones on each keyframe.
    attributes: Mapped[list[list[object]]] = mapped_column(JSON, default=list)


class TrackKeyframe(Base):
    __tablename__ = "track_keyframes"
    __table_args__ = IDS_NEVER_REUSED

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    track_id: Mapped[int] = mapped_column(ForeignKey("annotation_tracks.id", ondelete="CASCADE"), index=True)
    type: Mapped[str] = mapped_column(String(16))
    frame: Mapped[int] = mapped_column(Integer)
    occluded: Mapped[bool] = mapped_column(Boolean, default=False)
    outside: Mapped[bool] = mapped_column(Boolean, default=False)
    z_order: Mapped[int] = mapped_column(Integer, default=0)
    rotation: Mapped[float] = mapped_column(Float, default=0.0)
    points: Mapped[list[float]] = mapped_column(JSON, default=list)
    attributes: Mapped[list[list[object]]] = mapped_column(JSON, default=list)
