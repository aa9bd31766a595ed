"""Periodic database upkeep run by the queue (embedded consumer or `contour worker`)."""

from __future__ import annotations

from huey import crontab

from contour.db import get_engine, refresh_planner_statistics
from contour.queue import queue


@queue.periodic_task(crontab(minute="41"), name="maintenance.refresh_planner_statistics")
def refresh_statistics_hourly() -> None:
    refresh_planner_statistics(get_engine())
