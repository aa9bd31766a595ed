"""Test set-up: a real database (SQLite, or PostgreSQL via CONTOUR_TEST_DATABASE_URL), emptied between tests."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

# Settings are read once, so the environment must be in place before contour is imported.
_DATA_DIR = Path(tempfile.mkdtemp(prefix="contour-test-"))
os.environ["CONTOUR_DATA_DIR"] = str(_DATA_DIR)
os.environ.pop("CONTOUR_REDIS_URL", None)
if os.environ.get("CONTOUR_TEST_DATABASE_URL"):
    os.environ["CONTOUR_DATABASE_URL"] = os.environ["CONTOUR_TEST_DATABASE_URL"]
else:
    os.environ.pop("CONTOUR_DATABASE_URL", None)
# Cheap argon2 parameters keep user creation fast; production uses the library defaults.
os.environ["CONTOUR_ARGON2_TIME_COST"] = "1"
os.environ["CONTOUR_ARGON2_MEMORY_KIB"] = "1024"

import pytest  # noqa: E402
from fastapi.testclient import TestClient  # noqa: E402
from sqlalchemy import text  # noqa: E402

from contour.app import create_app  # noqa: E402
from contour.config import get_settings  # noqa: E402
from contour.db import get_engine  # noqa: E402
from contour.migrations import upgrade  # noqa: E402
from contour.models import metadata  # noqa: E402
from contour.queue import MAX_POLL_DELAY_S, EmbeddedConsumer, load_job_modules, queue  # noqa: E402
from tests.factories import Factory  # noqa: E402


def backend_name() -> str:
    return get_engine().dialect.name


@pytest.fixture(scope="session", autouse=True)
def database() -> Iterator[None]:
    upgrade(get_settings().resolved_database_url)
    yield
    get_engine().dispose()


def _empty_tables() -> None:
    engine = get_engine()
    tables = list(reversed(metadata.sorted_tables))
    with engine.begin() as connection:
        if engine.dialect.name == "postgresql":
            names = ", ".join(t.name for t in tables)
            connection.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
        else:
            for table in tables:
                connection.execute(table.delete())
            # Counters restart too, as RESTART IDENTITY does: each test sees ids from 1.
            connection.execute(text("DELETE FROM sqlite_sequence"))


def _empty_data_dir() -> None:
    """Task files, uploads and cached chunks go with the rows (ids are reused after emptying)."""
    from contour.resources.data.cache import get_chunk_cache

    for name in ("tasks", "uploads", "share", "exports", "imports"):
        shutil.rmtree(get_settings().data_dir / name, ignore_errors=True)
    get_chunk_cache().clear()


@pytest.fixture(autouse=True)
def clean_database(database: None) -> Iterator[None]:
    yield
    _empty_tables()
    _empty_data_dir()


@pytest.fixture(scope="session")
def app():  # type: ignore[no-untyped-def]
    return create_app()


@pytest.fixture
def client(app) -> Iterator[TestClient]:  # type: ignore[no-untyped-def]
    with TestClient(app) as test_client:
        yield test_client


@pytest.fixture
def factory(app) -> Factory:  # type: ignore[no-untyped-def]
    return Factory(app)


@pytest.fixture
def worker() -> Iterator[None]:
    """In-process consumer threads on the embedded queue, as `contour serve` runs them."""
    load_job_modules()
    queue.flush()
    consumer = EmbeddedConsumer(queue, workers=1, worker_type="thread", periodic=False, max_delay=MAX_POLL_DELAY_S)
    consumer.start()
    yield
    consumer.stop(graceful=True)
