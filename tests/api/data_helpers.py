"""Helpers of task-data tests: waiting on requests, creating tasks with media."""

from __future__ import annotations

import time
from typing import Any

from tests.factories import ApiUser, Factory


def wait_request(user: ApiUser, rq_id: str, timeout: float = 60) -> dict[str, Any]:
    deadline = time.monotonic() + timeout
    while True:
        body = user.get(f"/api/requests/{rq_id}").json()
        if body["status"] in ("finished", "failed"):
            return body
        assert time.monotonic() < deadline, f"request still {body['status']}: {body}"
        time.sleep(0.05)


def upload(user: ApiUser, task_id: int, files: dict[str, bytes], **params: Any) -> dict[str, Any]:
    """Plain multipart upload with parameters (what the web app sends); returns the finished request."""
    form = {k: (str(v).lower() if isinstance(v, bool) else str(v)) for k, v in params.items()}
    multipart = [(f"client_files[{i}]", (name, data)) for i, (name, data) in enumerate(files.items())]
    response = user.post(f"/api/tasks/{task_id}/data", data=form, files=multipart)
    assert response.status_code == 202, response.text
    return wait_request(user, response.json()["rq_id"])


def task_with_files(factory: Factory, user: ApiUser, files: dict[str, bytes], task_fields: dict[str, Any] | None = None,
                    **params: Any) -> dict[str, Any]:
    task = factory.task(user, **(task_fields or {}))
    request = upload(user, task["id"], files, **params)
    assert request["status"] == "finished", request
    return user.get(f"/api/tasks/{task['id']}").json()
