"""Background work runs through the real queue: in-process consumers, or `contour worker` on Redis."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
from huey import RedisHuey
from sqlalchemy import select

from contour.config import get_settings
from contour.db import transaction, utcnow
from contour.queue import EmbeddedConsumer, load_job_modules, queue
from contour.resources.accounts.jobs import purge_expired_sessions, purge_expired_sessions_task
from contour.resources.accounts.models import UserSession
from tests.factories import Factory


def _make_sessions(factory: Factory) -> None:
    user = factory.user()
    with transaction() as db:
        db.add(UserSession(key="stale", user_id=user.id, expiry_date=utcnow() - timedelta(days=1)))
        db.add(UserSession(key="fresh", user_id=user.id, expiry_date=utcnow() + timedelta(days=1)))


def _session_keys() -> set[str]:
    with transaction() as db:
        return set(db.scalars(select(UserSession.key)))


def test_embedded_consumer_runs_queued_work(factory: Factory) -> None:
    _make_sessions(factory)
    before = _session_keys()
    load_job_modules()
    consumer = EmbeddedConsumer(queue, workers=1, worker_type="thread", periodic=False)
    consumer.start()
    try:
        result = purge_expired_sessions_task()
        removed = result.get(blocking=True, timeout=20)
    finally:
        consumer.stop(graceful=True)
    assert "stale" in before
    assert removed >= 1
    assert "stale" not in _session_keys() and "fresh" in _session_keys()


@pytest.mark.redis
def test_contour_worker_runs_work_queued_in_redis(factory: Factory, tmp_path: Path) -> None:
    redis_url = os.environ.get("CONTOUR_TEST_REDIS_URL")
    if not redis_url:
        pytest.skip("CONTOUR_TEST_REDIS_URL is not set (no Redis reachable)")
    _make_sessions(factory)
    settings = get_settings()
    env = {k: v for k, v in os.environ.items() if not k.startswith("CONTOUR_")}
    env.update(
        CONTOUR_REDIS_URL=redis_url,
        CONTOUR_DATA_DIR=str(settings.data_dir),
        CONTOUR_DATABASE_URL=settings.resolved_database_url,
    )
    log = (tmp_path / "worker.log").open("w")
    worker = subprocess.Popen([sys.executable, "-m", "contour", "worker", "--threads", "1"], env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        redis_queue = RedisHuey("contour", url=redis_url)
        task = redis_queue.task(name="accounts.purge_expired_sessions")(purge_expired_sessions)
        removed = task().get(blocking=True, timeout=60)
    finally:
        worker.terminate()
        worker.wait(timeout=20)
        log.close()
    assert removed >= 1, (tmp_path / "worker.log").read_text()
    assert "stale" not in _session_keys()


def test_planner_statistics_refresh_runs_on_the_current_backend(factory: Factory) -> None:
    from contour.db import get_engine, refresh_planner_statistics

    factory.task(factory.user())
    refresh_planner_statistics(get_engine())
    if get_engine().dialect.name == "sqlite":
        with get_engine().connect() as connection:
            tables = {row[0] for row in connection.exec_driver_sql("SELECT tbl FROM sqlite_stat1")}
        assert "tasks" in tables
