"""The migrations build exactly the schema the models describe, on the backend under test, and
upgrade existing SQLite databases without losing a row."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Engine, Integer, Table, create_engine
from sqlalchemy.orm import Session

from contour.db import get_engine, make_engine
from contour.migrations import upgrade
from contour.models import metadata
from contour.resources.accounts.models import AccessToken, User
from contour.resources.annotations.models import AnnotationShape, AnnotationTag, AnnotationTrack, TrackKeyframe
from contour.resources.common.storage import StorageLocation
from contour.resources.data.models import MediaFrame, TaskMedia
from contour.resources.jobs.models import Job
from contour.resources.labels.models import AttributeSpec, Label
from contour.resources.organizations.models import Invitation, Membership, Organization
from contour.resources.projects.models import Project
from contour.resources.tasks.models import Segment, Task


def test_migrated_schema_matches_the_models() -> None:
    with get_engine().connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        differences = compare_metadata(context, metadata)
    assert differences == [], "run alembic revision --autogenerate: the models changed without a migration"


# --- SQLite, on scratch database files whatever the backend under test ---------------------------


def _integer_id_tables() -> list[Table]:
    return [t for t in metadata.sorted_tables if [c.name for c in t.primary_key] == ["id"]
            and isinstance(t.c.id.type, Integer)]


def _structure(path: Path) -> dict[str, Any]:
    """Each table as SQLite sees it: columns (by name), foreign keys, indexes and constraints."""
    with sqlite3.connect(path) as db:
        names = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
                                          " AND name != 'alembic_version'")]
        tables = {}
        for name in names:
            indexes = {(r[1] if r[3] == "c" else r[3], r[2], r[4], tuple(c[2] for c in db.execute(f'PRAGMA index_info("{r[1]}")')))
                       for r in db.execute(f'PRAGMA index_list("{name}")')}
            sql = db.execute("SELECT sql FROM sqlite_master WHERE name = ?", (name,)).fetchone()[0]
            tables[name] = {
                "columns": {r[1]: r[2:] for r in db.execute(f'PRAGMA table_xinfo("{name}")')},
                "foreign_keys": sorted(r[2:] for r in db.execute(f'PRAGMA foreign_key_list("{name}")')),
                "indexes": sorted(indexes),
                "autoincrement": "AUTOINCREMENT" in sql,
            }
    return tables


def test_migrated_sqlite_tables_are_those_the_models_create(tmp_path: Path) -> None:
    upgrade(f"sqlite:///{tmp_path / 'migrated.db'}")
    engine = create_engine(f"sqlite:///{tmp_path / 'models.db'}")
    metadata.create_all(engine)
    engine.dispose()
    assert _structure(tmp_path / "migrated.db") == _structure(tmp_path / "models.db")


def test_every_table_with_an_integer_id_never_reuses_ids() -> None:
    missing = [t.name for t in _integer_id_tables() if not t.dialect_options["sqlite"]["autoincrement"]]
    assert missing == [], "give these tables __table_args__ = IDS_NEVER_REUSED"


@pytest.fixture
def at_0006(tmp_path: Path) -> Iterator[tuple[str, Engine]]:
    """A SQLite database at revision 0006 (before ids were protected), holding one of everything."""
    url = f"sqlite:///{tmp_path / 'old.db'}"
    upgrade(url, "0006")
    engine = make_engine(url)
    with Session(engine) as db, db.begin():
        _seed(db)
    yield url, engine
    engine.dispose()


def _seed(db: Session) -> None:
    owner, worker = User(username="owner", email="o@example.com"), User(username="worker", email="w@example.com")
    db.add_all([owner, worker])
    db.flush()
    db.add(AccessToken(name="ci", owner_id=owner.id, digest="d" * 64))
    org = Organization(slug="org", owner_id=owner.id)
    db.add(org)
    db.flush()
    membership = Membership(user_id=worker.id, organization_id=org.id, role="worker", is_active=True)
    db.add(membership)
    db.flush()
    db.add(Invitation(key="k", membership_id=membership.id, owner_id=owner.id))
    project = Project(name="p", owner_id=owner.id, organization_id=org.id,
                      source_storage=StorageLocation(), target_storage=StorageLocation())
    db.add(project)
    db.flush()
    for name in ("older", "newest"):
        task = Task(name=name, owner_id=owner.id, project_id=project.id if name == "older" else None, size=4, mode="annotation")
        db.add(task)
        db.flush()
        db.add(TaskMedia(task_id=task.id, kind="images"))
        db.add_all(MediaFrame(task_id=task.id, frame=f, path=f"{f}.png", width=8, height=8) for f in range(4))
        person = Label(project_id=task.project_id, task_id=None if task.project_id else task.id, name="person",
                       color="#ff0000", type="skeleton",
                       attributes=[AttributeSpec(name="pose", input_type="select", values=["up", "down"])])
        db.add(person)
        db.flush()
        head = Label(parent_id=person.id, project_id=person.project_id, task_id=person.task_id, name="head", color="#00ff00")
        db.add(head)
        segment = Segment(task_id=task.id, start_frame=0, stop_frame=3)
        db.add(segment)
        db.flush()
        job = Job(segment_id=segment.id, task_id=task.id, assignee_id=worker.id)
        db.add(job)
        db.flush()
        ground_truth_segment = Segment(task_id=task.id, start_frame=1, stop_frame=2, type="specific_frames", frames=[1, 2])
        db.add(ground_truth_segment)
        db.flush()
        db.add(Job(segment_id=ground_truth_segment.id, task_id=task.id, type="ground_truth", parent_job_id=job.id))
        db.add(AnnotationTag(job_id=job.id, frame=0, label_id=person.id))
        skeleton = AnnotationShape(job_id=job.id, type="skeleton", frame=1, label_id=person.id)
        db.add(skeleton)
        db.flush()
        db.add(AnnotationShape(job_id=job.id, parent_id=skeleton.id, type="points", frame=1, label_id=head.id, points=[1.0, 2.0]))
        track = AnnotationTrack(job_id=job.id, frame=0, label_id=person.id)
        db.add(track)
        db.flush()
        element = AnnotationTrack(job_id=job.id, parent_id=track.id, frame=0, label_id=head.id)
        db.add(element)
        db.flush()
        db.add_all(TrackKeyframe(track_id=t.id, type="points", frame=f, points=[1.0, 1.0]) for t in (track, element) for f in (0, 2))
    db.flush()


def _delete_newest_task(engine: Engine) -> int:
    """As the server does, with foreign keys on: its jobs, labels and annotations go with it."""
    with Session(engine) as db, db.begin():
        newest = db.query(Task).order_by(Task.id.desc()).first()
        assert newest is not None and newest.name == "newest"
        db.delete(newest)
    return newest.id


def _rows(engine: Engine) -> dict[str, list[tuple[Any, ...]]]:
    with engine.connect() as connection:
        return {t.name: [tuple(r) for r in connection.exec_driver_sql(f'SELECT * FROM "{t.name}" ORDER BY rowid')]
                for t in metadata.sorted_tables}


def test_upgrading_sqlite_keeps_every_row_and_reference(at_0006: tuple[str, Engine]) -> None:
    url, engine = at_0006
    _delete_newest_task(engine)
    before = _rows(engine)
    assert all(before[t.name] for t in _integer_id_tables()), "the seed must put rows in every table"

    upgrade(url)

    assert _rows(engine) == before
    with engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall() == []
        assert connection.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


def test_upgraded_sqlite_tables_count_from_their_largest_id(at_0006: tuple[str, Engine]) -> None:
    url, engine = at_0006
    upgrade(url)
    with engine.connect() as connection:
        for table in _integer_id_tables():
            sql = connection.exec_driver_sql("SELECT sql FROM sqlite_master WHERE name = ?", (table.name,)).scalar()
            assert "AUTOINCREMENT" in sql, table.name
            counter = connection.exec_driver_sql("SELECT seq FROM sqlite_sequence WHERE name = ?", (table.name,)).scalar()
            largest = connection.exec_driver_sql(f'SELECT max(id) FROM "{table.name}"').scalar()
            assert counter == largest, table.name


def test_after_the_upgrade_a_deleted_tasks_id_is_never_given_again(at_0006: tuple[str, Engine]) -> None:
    url, engine = at_0006
    upgrade(url)
    deleted = _delete_newest_task(engine)
    with Session(engine) as db, db.begin():
        task = Task(name="after the upgrade")
        db.add(task)
        db.flush()
        assert task.id > deleted


def test_an_sqlite_upgrade_that_would_break_foreign_keys_is_rolled_back_whole(at_0006: tuple[str, Engine]) -> None:
    url, engine = at_0006
    with engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA foreign_keys=OFF")
        connection.exec_driver_sql("UPDATE segments SET task_id = 999 WHERE id = 1")
        connection.commit()
        connection.exec_driver_sql("PRAGMA foreign_keys=ON")
    before = _rows(engine)

    with pytest.raises(RuntimeError, match="would break foreign keys"):
        upgrade(url)

    assert _rows(engine) == before
    with engine.connect() as connection:
        assert connection.exec_driver_sql("SELECT version_num FROM alembic_version").scalar() == "0006"
        tables = connection.exec_driver_sql("SELECT name, sql FROM sqlite_master WHERE type = 'table'").fetchall()
    assert not [name for name, sql in tables if name.startswith("_alembic_tmp") or "AUTOINCREMENT" in sql]
