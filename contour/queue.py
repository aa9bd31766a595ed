"""The background-work queue (Huey): SQLite storage with in-process consumer threads by default,
Redis storage with separate `contour worker` processes when CONTOUR_REDIS_URL is set.

The queue only transports work; anything a user must see about it is stored in our database.
"""

from __future__ import annotations

import importlib
import logging
import pkgutil

from huey import Huey, RedisHuey, SqliteHuey
from huey.consumer import Consumer

import contour.resources
from contour.config import Settings, get_settings

log = logging.getLogger(__name__)


def build_queue(settings: Settings) -> Huey:
    if settings.redis_url:
        return RedisHuey("contour", url=settings.redis_url)
    return SqliteHuey("contour", filename=str((settings.data_dir / "queue.db").resolve()))


queue: Huey = build_queue(get_settings())


def load_job_modules() -> None:
    """Import every `contour.resources.<name>.jobs` module so its tasks are registered."""
    importlib.import_module("contour.maintenance")
    for module in pkgutil.iter_modules(contour.resources.__path__):
        try:
            importlib.import_module(f"contour.resources.{module.name}.jobs")
        except ModuleNotFoundError as exc:
            if exc.name != f"contour.resources.{module.name}.jobs":
                raise


def is_embedded(settings: Settings | None = None) -> bool:
    return not (settings or get_settings()).redis_url


class EmbeddedConsumer(Consumer):
    """Consumer threads inside the server process; the server keeps its own signal handling."""

    def _set_signal_handlers(self) -> None:
        pass


# Huey backs off polling an idle SQLite queue up to 10 s; a user waiting on a task would feel that.
MAX_POLL_DELAY_S = 0.5


def start_embedded_consumer(workers: int) -> Consumer:
    load_job_modules()
    consumer = EmbeddedConsumer(queue, workers=workers, worker_type="thread", periodic=True, max_delay=MAX_POLL_DELAY_S)
    consumer.start()
    log.info("embedded queue consumer started with %d thread(s)", workers)
    return consumer


def run_worker(workers: int) -> None:
    """`contour worker`: a standalone consumer process (blocks until interrupted)."""
    from contour.resources.requests.watchdog import start_watchdog

    load_job_modules()
    start_watchdog()
    Consumer(queue, workers=workers, worker_type="thread", periodic=True, max_delay=MAX_POLL_DELAY_S).run()
