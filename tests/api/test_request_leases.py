"""Interrupted requests: a started request whose worker is gone is failed, cleaned up, and can be run again.

The kill itself is exercised in tests/faults; here the worker's death is a row whose worker identity names a
process that does not exist (on this host) or whose lease ran out (another host).
"""

from __future__ import annotations

import socket
from datetime import timedelta
from typing import Any

import pytest

from contour.config import get_settings
from contour.db import transaction, utcnow
from contour.resources.data.files import raw_dir, task_dir
from contour.resources.requests import leases
from contour.resources.requests.models import BackgroundRequest, RequestStatus
from contour.resources.requests.runner import RequestContext, clean_up_after, register_handler
from contour.resources.requests.service import request_id_for
from contour.resources.requests.workers import is_alive, this_worker
from tests.api.data_helpers import upload
from tests.factories import ApiUser, Factory
from tests.media_factory import image_bytes

DEAD_HERE = f"{socket.gethostname()}/4194303/1"  # above Linux's largest pid: never a live process
ELSEWHERE = "another-host/42/1000"


def _started(user: ApiUser, task_id: int, worker: str, heartbeat_ago_s: float = 0.0, **fields: Any) -> str:
    """A create request some worker claimed, as the database shows it after that worker died."""
    now = utcnow()
    request_id = request_id_for("create", "task", task_id)
    with transaction() as db:
        db.add(BackgroundRequest(
            id=request_id, action="create", target="task", owner_id=user.id, task_id=task_id,
            params={"data": {"image_quality": 70}}, status=RequestStatus.STARTED, progress=0.4,
            message="Images are being compressed", started_date=now - timedelta(seconds=heartbeat_ago_s + 1),
            heartbeat_date=now - timedelta(seconds=heartbeat_ago_s), worker=worker, **fields))
    return request_id


def _half_made_task(factory: Factory) -> tuple[ApiUser, dict[str, Any]]:
    user = factory.user()
    task = factory.task(user)
    raw_dir(task["id"]).mkdir(parents=True)
    (raw_dir(task["id"]) / "a.jpg").write_bytes(image_bytes())
    return user, task


def test_worker_identities_tell_a_dead_process_on_this_host() -> None:
    assert is_alive(this_worker()) is True
    assert is_alive(DEAD_HERE) is False
    assert is_alive(ELSEWHERE) is None


def test_a_request_whose_worker_process_died_here_is_failed_at_once_and_cleaned_up(factory: Factory) -> None:
    user, task = _half_made_task(factory)
    request_id = _started(user, task["id"], DEAD_HERE)

    assert leases.reap_abandoned(clean_up_after) == [request_id]

    body = user.get(f"/api/requests/{request_id}").json()
    assert body["status"] == "failed" and "interrupted" in body["message"] and body["finished_date"]
    assert not task_dir(task["id"]).exists()


def test_the_same_operation_can_run_again_after_an_interruption(factory: Factory, worker: None) -> None:
    user, task = _half_made_task(factory)
    request_id = _started(user, task["id"], DEAD_HERE)
    leases.reap_abandoned(clean_up_after)

    again = upload(user, task["id"], {"a.jpg": image_bytes(), "b.jpg": image_bytes()})

    assert again["id"] == request_id and again["status"] == "finished"
    assert user.get(f"/api/tasks/{task['id']}").json()["size"] == 2


def test_a_request_on_another_host_is_failed_only_when_its_lease_runs_out(factory: Factory) -> None:
    user, task = _half_made_task(factory)
    lease = get_settings().request_lease_s
    request_id = _started(user, task["id"], ELSEWHERE, heartbeat_ago_s=lease / 2)

    assert leases.reap_abandoned(clean_up_after) == []
    assert leases.reap_abandoned(clean_up_after, now=utcnow() + timedelta(seconds=lease)) == [request_id]
    assert user.get(f"/api/requests/{request_id}").json()["status"] == "failed"


def test_a_renewed_lease_keeps_the_request_alive(factory: Factory) -> None:
    user, task = _half_made_task(factory)
    lease = get_settings().request_lease_s
    request_id = _started(user, task["id"], this_worker(), heartbeat_ago_s=2 * lease)

    leases.renew([request_id])

    assert leases.reap_abandoned(clean_up_after) == []
    assert user.get(f"/api/requests/{request_id}").json()["status"] == "started"


def test_cancelling_a_request_whose_worker_died_fails_it_as_cancelled(factory: Factory) -> None:
    user, task = _half_made_task(factory)
    request_id = _started(user, task["id"], DEAD_HERE)

    assert user.post(f"/api/requests/{request_id}/cancel").status_code == 200
    leases.reap_abandoned(clean_up_after)

    body = user.get(f"/api/requests/{request_id}").json()
    assert body["status"] == "failed" and body["message"] == leases.CANCELLED


FINISHED_BY_THE_LOSER: list[str] = []


@register_handler("test:loses-its-lease")
def _loses_its_lease(context: RequestContext) -> int:
    leases.reap_abandoned(clean_up_after, now=utcnow() + timedelta(seconds=10 * get_settings().request_lease_s))
    context.progress(0.9, "still working")  # the reaper failed the request meanwhile: this must stop the handler
    FINISHED_BY_THE_LOSER.append(context.request_id)
    return 1


def test_a_worker_whose_request_was_reaped_stops_and_keeps_the_verdict(factory: Factory) -> None:
    from contour.resources.requests.runner import run_request
    from contour.resources.requests.service import do_submit

    user = factory.user()
    with transaction() as db:
        request_id = do_submit(db, request_id="action=test&target=loses-its-lease&target_id=1", action="test",
                               target="loses-its-lease", owner_id=user.id, params={}).id
    run_request(request_id)

    assert FINISHED_BY_THE_LOSER == []
    body = user.get(f"/api/requests/{request_id}").json()
    assert body["status"] == "failed" and "interrupted" in body["message"]


def test_a_queued_request_the_queue_lost_is_queued_again(factory: Factory) -> None:
    user = factory.user()
    with transaction() as db:
        for name, age in (("lost", 60), ("waiting", 60), ("just-made", 1)):
            db.add(BackgroundRequest(id=f"action=x&target={name}&target_id=1", action="x", target=name,
                                     owner_id=user.id, params={}, status=RequestStatus.QUEUED,
                                     created_date=utcnow() - timedelta(seconds=age)))
    sent: list[str] = []

    leases.requeue_lost({"action=x&target=waiting&target_id=1"}, sent.append)

    assert sent == ["action=x&target=lost&target_id=1"]


@pytest.mark.parametrize("kind", ["task", "project"])
def test_deleting_an_object_deletes_its_requests_and_export_files_at_once(factory: Factory, worker: None,
                                                                          kind: str) -> None:
    from tests.api.data_helpers import wait_request

    user = factory.user()
    project = factory.project(user) if kind == "project" else None
    task = factory.task(user, **({"project_id": project["id"]} if project else {}))
    assert upload(user, task["id"], {"a.jpg": image_bytes()})["status"] == "finished"
    response = user.post(f"/api/tasks/{task['id']}/dataset/export", params={"format": "CVAT for images 1.1",
                                                                           "save_images": True})
    export = wait_request(user, response.json()["rq_id"])
    assert export["status"] == "finished"
    exports = list((get_settings().data_dir / "exports").iterdir())
    assert len(exports) == 1

    url = f"/api/projects/{project['id']}" if project else f"/api/tasks/{task['id']}"
    assert user.delete(url).status_code == 204

    assert not exports[0].exists()
    assert user.get(f"/api/requests/{export['id']}").status_code == 404
    assert user.get("/api/requests").json()["count"] == 0
