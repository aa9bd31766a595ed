"""ids never reused: SQLite tables with an integer id become AUTOINCREMENT

Without AUTOINCREMENT SQLite gives a new row max(id) + 1, so the id of the newest row comes back
once that row is deleted, and a client that remembered the id acts on the wrong object. SQLite
cannot change a primary key in place, so each table is rebuilt (copy, drop, rename) from its
reflected definition: columns, constraints, indexes and rows stay as they were. env.py runs this
with foreign keys off (a DROP would otherwise delete the rows referencing the table) and checks
them before committing. Copying the rows starts each table's counter (sqlite_sequence) at its
current maximum id; ids deleted before the upgrade left no trace and cannot be protected.

PostgreSQL: nothing to do, SERIAL sequences never hand out an id twice.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-02 09:00:00.000000
"""

from __future__ import annotations

from alembic import op

revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None

# Every table whose primary key is an integer id (parents first, for readability only: with
# foreign keys off the order does not matter).
TABLES = (
    'users', 'access_tokens', 'organizations', 'memberships', 'storage_locations', 'projects', 'tasks',
    'segments', 'media_frames', 'jobs', 'labels', 'attribute_specs', 'annotation_tags', 'annotation_shapes',
    'annotation_tracks', 'track_keyframes',
)


def _rebuild(autoincrement: bool) -> None:
    bind = op.get_bind()
    if bind.dialect.name != "sqlite":
        return
    if bind.exec_driver_sql("PRAGMA foreign_keys").scalar():
        raise RuntimeError("0007 rebuilds tables and must run with foreign keys off, as contour/migrations/env.py runs it")
    for table in TABLES:
        with op.batch_alter_table(table, recreate="always", table_kwargs={"sqlite_autoincrement": autoincrement}):
            pass


def upgrade() -> None:
    _rebuild(autoincrement=True)


def downgrade() -> None:
    _rebuild(autoincrement=False)
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DELETE FROM sqlite_sequence")
