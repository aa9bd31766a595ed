"""Reading and writing a job's annotations in bulk (Core inserts with RETURNING, column selects).

The ORM is bypassed on purpose: a job can hold 100,000 shapes, and building an ORM object per
row would dominate the request (bench/annotations.py).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Sequence
from typing import Any

from sqlalchemy import delete, insert, select, text
from sqlalchemy.orm import Session

from contour.resources.annotations.models import AnnotationShape, AnnotationTag, AnnotationTrack, TrackKeyframe
from contour.resources.annotations.schemas import (
    AttributeValueIn,
    LabeledDataIn,
    ShapeFields,
    ShapeIn,
    TagIn,
    TrackFields,
    TrackIn,
)

Json = dict[str, Any]


def _attrs(values: Sequence[AttributeValueIn]) -> list[list[object]]:
    return [[a.spec_id, a.value] for a in values]


def _attrs_out(values: list[list[Any]]) -> list[Json]:
    return [{"spec_id": spec_id, "value": value} for spec_id, value in values]


def _allocate_ids(db: Session, model: Any, count: int, taken: int = 0) -> list[int]:
    """Ids for `count` new rows, so inserts run as one bulk executemany (RETURNING with ordered
    results made SQLite insert row by row). Never ids given before, even to rows since deleted.
    PostgreSQL: from the table's sequence. SQLite: reserved by moving the table's AUTOINCREMENT
    counter past them in one statement, a write, so the database's write lock keeps them ours."""
    if count == 0:
        return []
    table = model.__table__.name
    if db.get_bind().dialect.name == "postgresql":
        rows = db.execute(
            text("SELECT nextval(pg_get_serial_sequence(:table, 'id')) FROM generate_series(1, :count)"),
            {"table": table, "count": count},
        )
        return [int(r[0]) for r in rows]
    # SQLite's own rule: past both the counter and the largest id present.
    params = {"table": table, "count": count, "taken": taken}
    last = db.scalar(text(
        f"UPDATE sqlite_sequence SET seq = max(seq, (SELECT coalesce(max(id), 0) FROM {table}), :taken) + :count "
        "WHERE name = :table RETURNING seq"
    ), params)
    if last is None:  # SQLite creates a table's counter at its first insert
        last = db.scalar(text(
            f"INSERT INTO sqlite_sequence (name, seq) SELECT :table, max(coalesce(max(id), 0), :taken) + :count "
            f"FROM {table} RETURNING seq"
        ), params)
    start = int(last) - count + 1
    return list(range(start, start + count))


def _insert(db: Session, model: Any, rows: list[Json]) -> list[int]:
    if not rows:
        return []
    missing = [row for row in rows if "id" not in row]
    # Ids kept by ?action=update are the client's: they may lie above the table's counter.
    taken = max((row["id"] for row in rows if "id" in row), default=0)
    for row, new_id in zip(missing, _allocate_ids(db, model, len(missing), taken), strict=True):
        row["id"] = new_id
    # The table, not the mapped class: Core's executemany skips the ORM's bulk-insert bookkeeping
    # (about 30% of an import's insert time, bench/export.py).
    db.execute(insert(model.__table__), rows)
    return [row["id"] for row in rows]


def _keep_id(row: Json, given: int | None, keep_ids: bool) -> Json:
    if keep_ids and given is not None:
        row["id"] = given
    return row


def _shape_row(job_id: int, shape: ShapeFields, parent_id: int | None, keep_ids: bool) -> Json:
    return _keep_id({
        "job_id": job_id, "parent_id": parent_id, "type": shape.type, "frame": shape.frame,
        "label_id": shape.label_id, "group": shape.group, "source": shape.source, "occluded": shape.occluded,
        "outside": shape.outside, "z_order": shape.z_order, "rotation": shape.rotation, "score": shape.score,
        "points": shape.points, "attributes": _attrs(shape.attributes),
    }, shape.id, keep_ids)


def normalized_keyframes(track: TrackFields) -> list[Json]:
    """CVAT's rule: a track starting before its first keyframe gets an outside copy of it there."""
    shapes = [
        {"type": s.type, "frame": s.frame, "occluded": s.occluded, "outside": s.outside, "z_order": s.z_order,
         "rotation": s.rotation, "points": s.points, "attributes": _attrs(s.attributes)}
        for s in track.shapes
    ]
    if shapes and track.frame < shapes[0]["frame"]:
        shapes.insert(0, dict(shapes[0], frame=track.frame, outside=True))
    return shapes


def insert_annotations(db: Session, job_id: int, data: LabeledDataIn, *, keep_ids: bool = False) -> None:
    """Append the objects of `data` to a job (keeping given ids for PATCH ?action=update)."""
    tag_rows = [
        _keep_id({"job_id": job_id, "frame": t.frame, "label_id": t.label_id, "group": t.group, "source": t.source,
                  "attributes": _attrs(t.attributes)}, t.id, keep_ids)
        for t in data.tags
    ]
    _insert(db, AnnotationTag, tag_rows)
    shape_ids = _insert(db, AnnotationShape, [_shape_row(job_id, s, None, keep_ids) for s in data.shapes])
    element_rows = [
        _shape_row(job_id, element, parent_id, False)
        for shape, parent_id in zip(data.shapes, shape_ids, strict=True)
        for element in shape.elements
    ]
    _insert(db, AnnotationShape, element_rows)
    _insert_tracks(db, job_id, data.tracks, keep_ids)


def _insert_tracks(db: Session, job_id: int, tracks: Sequence[TrackIn], keep_ids: bool) -> None:
    def track_row(track: TrackFields, parent_id: int | None, keep: bool) -> Json:
        first = min((s.frame for s in track.shapes), default=track.frame)
        return _keep_id({"job_id": job_id, "parent_id": parent_id, "frame": min(track.frame, first),
                         "label_id": track.label_id, "group": track.group, "source": track.source,
                         "attributes": _attrs(track.attributes)}, track.id, keep)

    track_ids = _insert(db, AnnotationTrack, [track_row(t, None, keep_ids) for t in tracks])
    elements = [(element, parent_id) for track, parent_id in zip(tracks, track_ids, strict=True) for element in track.elements]
    element_ids = _insert(db, AnnotationTrack, [track_row(e, parent, False) for e, parent in elements])
    keyframes = [
        dict(shape, track_id=track_id)
        for track, track_id in zip([*tracks, *(e for e, _ in elements)], [*track_ids, *element_ids], strict=True)
        for shape in normalized_keyframes(track)
    ]
    if keyframes:
        db.execute(insert(TrackKeyframe.__table__), keyframes)


def delete_objects(db: Session, job_ids: Collection[int], tag_ids: Collection[int], shape_ids: Collection[int],
                   track_ids: Collection[int]) -> None:
    if tag_ids:
        db.execute(delete(AnnotationTag).where(AnnotationTag.job_id.in_(job_ids), AnnotationTag.id.in_(tag_ids)))
    if shape_ids:
        db.execute(delete(AnnotationShape).where(AnnotationShape.job_id.in_(job_ids), AnnotationShape.id.in_(shape_ids)))
    if track_ids:
        db.execute(delete(AnnotationTrack).where(AnnotationTrack.job_id.in_(job_ids), AnnotationTrack.id.in_(track_ids)))


def existing_ids(db: Session, job_ids: Collection[int], tag_ids: Collection[int], shape_ids: Collection[int],
                 track_ids: Collection[int]) -> tuple[set[int], set[int], set[int]]:
    """Which of the given top-level object ids the jobs hold."""
    def found(model: Any, ids: Collection[int]) -> set[int]:
        if not ids:
            return set()
        return set(db.scalars(select(model.id).where(model.job_id.in_(job_ids), model.id.in_(ids))))

    return found(AnnotationTag, tag_ids), found(AnnotationShape, shape_ids), found(AnnotationTrack, track_ids)


def clear_jobs(db: Session, job_ids: Collection[int]) -> None:
    for model in (AnnotationTag, AnnotationShape, AnnotationTrack):
        db.execute(delete(model).where(model.job_id.in_(job_ids)))  # type: ignore[attr-defined]


def load_annotations(db: Session, job_ids: Collection[int]) -> Json:
    """LabeledData of the given jobs (objects in id order), as CVAT serializes it."""
    tags = [
        {"id": r.id, "frame": r.frame, "label_id": r.label_id, "group": r.group, "source": r.source,
         "attributes": _attrs_out(r.attributes)}
        for r in db.execute(select(AnnotationTag.__table__).where(AnnotationTag.job_id.in_(job_ids)).order_by(AnnotationTag.id))
    ]
    shapes: list[Json] = []
    elements: dict[int, list[Json]] = defaultdict(list)
    table = AnnotationShape.__table__
    for r in db.execute(select(table).where(table.c.job_id.in_(job_ids)).order_by(table.c.id)):
        shape = {"id": r.id, "type": r.type, "frame": r.frame, "label_id": r.label_id, "group": r.group,
                 "source": r.source, "occluded": r.occluded, "outside": r.outside, "z_order": r.z_order,
                 "rotation": r.rotation, "points": r.points, "score": r.score, "attributes": _attrs_out(r.attributes)}
        if r.parent_id is None:
            shape["elements"] = elements[r.id]
            shapes.append(shape)
        else:
            elements[r.parent_id].append(shape)
    return {"version": 0, "tags": tags, "shapes": shapes, "tracks": load_tracks(db, job_ids), "intervals": []}


def load_tracks(db: Session, job_ids: Collection[int]) -> list[Json]:
    tracks_table, keys_table = AnnotationTrack.__table__, TrackKeyframe.__table__
    keyframes: dict[int, list[Json]] = defaultdict(list)
    query = (
        select(keys_table).join(tracks_table, keys_table.c.track_id == tracks_table.c.id)
        .where(tracks_table.c.job_id.in_(job_ids)).order_by(keys_table.c.track_id, keys_table.c.frame)
    )
    for r in db.execute(query):
        keyframes[r.track_id].append({
            "id": r.id, "type": r.type, "frame": r.frame, "occluded": r.occluded, "outside": r.outside,
            "z_order": r.z_order, "rotation": r.rotation, "points": r.points, "attributes": _attrs_out(r.attributes),
        })
    tracks: list[Json] = []
    elements: dict[int, list[Json]] = defaultdict(list)
    for r in db.execute(select(tracks_table).where(tracks_table.c.job_id.in_(job_ids)).order_by(tracks_table.c.id)):
        track = {"id": r.id, "frame": r.frame, "label_id": r.label_id, "group": r.group, "source": r.source,
                 "attributes": _attrs_out(r.attributes), "shapes": keyframes[r.id]}
        if r.parent_id is None:
            track["elements"] = elements[r.id]
            tracks.append(track)
        else:
            elements[r.parent_id].append(track)
    return tracks


def ids_of(data: LabeledDataIn) -> tuple[list[int], list[int], list[int]]:
    def collect(items: Sequence[TagIn | ShapeIn | TrackIn]) -> list[int]:
        return [item.id for item in items if item.id is not None]

    return collect(data.tags), collect(data.shapes), collect(data.tracks)
