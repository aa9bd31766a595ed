"""Alembic environment: runs migrations on our engine, serialised across replicas on PostgreSQL.

On SQLite all pending migrations run in one real transaction with foreign keys off (see
`_sqlite_migration_engine`), and the foreign keys are checked before it commits.
"""

from __future__ import annotations

from typing import Any

from alembic import context
from sqlalchemy import Connection, Engine, event, text

from contour.db import make_engine
from contour.models import metadata

# Any constant works; it only has to be the same for every replica starting at once.
MIGRATION_LOCK_ID = 727_001


def _sqlite_migration_engine(url: str) -> Engine:
    """An engine for SQLite migrations only, different from the application's in two ways.

    Foreign keys are off: SQLite alters a table by rebuilding it (copy, DROP, rename), and with
    them on the DROP deletes every row that references the table, cascading. The pragma is
    ignored inside a transaction, so it is set as the connection opens.
    Transactions are ours: the driver opens one only before INSERT/UPDATE/DELETE, so a migration
    failing half-way would keep its earlier CREATE/DROP statements; we emit BEGIN ourselves.
    """
    engine = make_engine(url)

    def on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None
        dbapi_connection.execute("PRAGMA foreign_keys=OFF")

    def on_begin(connection: Connection) -> None:
        connection.exec_driver_sql("BEGIN")

    # Registered after make_engine's own connect listener, so foreign keys end up off.
    event.listen(engine, "connect", on_connect)
    event.listen(engine, "begin", on_begin)
    return engine


def _check_foreign_keys(connection: Connection) -> None:
    """Refuse to commit a migration that left rows pointing at nothing (foreign keys were off)."""
    broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
    if broken:
        tables = sorted({str(row[0]) for row in broken})
        raise RuntimeError(
            f"migration rolled back: {len(broken)} rows would break foreign keys (in {', '.join(tables)})"
        )


def run_migrations_online() -> None:
    url = context.config.get_main_option("sqlalchemy.url")
    assert url is not None
    is_sqlite = url.startswith("sqlite")
    engine = _sqlite_migration_engine(url) if is_sqlite else make_engine(url)
    with engine.connect() as connection:
        is_postgres = connection.dialect.name == "postgresql"
        if is_postgres:
            connection.execute(text("SELECT pg_advisory_lock(:id)"), {"id": MIGRATION_LOCK_ID})
            connection.commit()
        try:
            context.configure(
                connection=connection,
                target_metadata=metadata,
                render_as_batch=is_sqlite,
                compare_type=True,
                # SQLite's DDL is transactional once BEGIN is really sent (above).
                transactional_ddl=True,
            )
            with context.begin_transaction():
                before = context.get_context().get_current_heads()
                context.run_migrations()
                if is_sqlite and context.get_context().get_current_heads() != before:
                    _check_foreign_keys(connection)
            connection.commit()
        finally:
            if is_postgres:
                connection.execute(text("SELECT pg_advisory_unlock(:id)"), {"id": MIGRATION_LOCK_ID})
                connection.commit()
    engine.dispose()


if context.is_offline_mode():
    raise SystemExit("offline migrations are not supported; run `contour migrate`")
run_migrations_online()
