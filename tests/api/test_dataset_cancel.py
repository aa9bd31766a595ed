"""A running export stops when its user cancels it, and leaves no file behind."""

from __future__ import annotations

from typing import Any

import pytest

from contour.config import get_settings
from contour.db import transaction
from contour.queue import load_job_modules
from contour.resources.requests.models import BackgroundRequest
from contour.resources.requests.runner import RequestContext, run_request
from tests.factories import Factory


def test_cancelling_a_running_export_stops_it_and_removes_the_partial_file(factory: Factory,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    load_job_modules()
    user = factory.user()
    task = factory.task(user)
    factory.split_task(task["id"], size=1000)  # four windows of frames: progress is reported between them
    response = user.post(f"/api/tasks/{task['id']}/dataset/export", params={"format": "CVAT for images 1.1"})
    assert response.status_code == 202
    request_id = response.json()["rq_id"]
    reported: list[float | None] = []
    original = RequestContext.progress

    def cancel_after_the_first_window(self: RequestContext, fraction: float | None, message: str) -> None:
        reported.append(fraction)
        if fraction and fraction > 0:
            assert user.post(f"/api/requests/{request_id}/cancel").status_code == 200
        original(self, fraction, message)

    monkeypatch.setattr(RequestContext, "progress", cancel_after_the_first_window)
    run_request(request_id)  # what the queue's worker runs
    body: dict[str, Any] = user.get(f"/api/requests/{request_id}").json()
    assert body["status"] == "failed" and "Cancelled" in body["message"]
    assert body["result_url"] is None
    assert 0 < max(r or 0 for r in reported) < 0.95
    exports = get_settings().data_dir / "exports"
    assert not exports.exists() or not any(exports.iterdir())
    with transaction() as db:
        row = db.get(BackgroundRequest, request_id)
        assert row is not None and row.result_file is None
