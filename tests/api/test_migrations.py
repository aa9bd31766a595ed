"""The migrations build exactly the schema the models describe, on the backend under test."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from contour.db import get_engine
from contour.models import metadata


def test_migrated_schema_matches_the_models() -> None:
    with get_engine().connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        differences = compare_metadata(context, metadata)
    assert differences == [], "run alembic revision --autogenerate: the models changed without a migration"
