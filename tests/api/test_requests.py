"""The background-request runner: status, progress, results, failures and cancellation while running."""

from __future__ import annotations

from typing import Any

from contour.db import transaction
from contour.errors import ValidationError
from contour.resources.requests.models import BackgroundRequest
from contour.resources.requests.runner import RequestContext, register_handler, run_request
from contour.resources.requests.service import do_submit
from tests.factories import ApiUser, Factory

EVENTS: list[str] = []


def _cancel_from_outside(context: RequestContext) -> None:
    with transaction() as db:
        request = db.get(BackgroundRequest, context.request_id)
        assert request is not None
        request.cancel_requested = True


@register_handler("test:cancelled", cleanup=lambda context: EVENTS.append("cleaned"))
def _cancelled_midway(context: RequestContext) -> int:
    context.progress(0.3, "working")
    _cancel_from_outside(context)  # what POST /api/requests/{id}/cancel does meanwhile
    context.progress(0.6, "still working")
    EVENTS.append("not reached")
    return 1


@register_handler("test:fails", cleanup=lambda context: EVENTS.append("cleaned"))
def _fails(context: RequestContext) -> int:
    raise ValidationError("frame 3: not a readable image")


@register_handler("test:works")
def _works(context: RequestContext) -> int:
    context.progress(0.5, "half way")
    return int(context.params["answer"])


def _submit(user: ApiUser, operation: str, params: dict[str, Any] | None = None) -> str:
    action, target = operation.split(":")
    with transaction() as db:
        request = do_submit(db, request_id=f"action={action}&target={target}&target_id=1", action=action,
                            target=target, owner_id=user.id, params=params or {})
        return request.id


def test_finished_request_carries_its_result(factory: Factory) -> None:
    user = factory.user()
    rq_id = _submit(user, "test:works", {"answer": 42})
    run_request(rq_id)
    body = user.get(f"/api/requests/{rq_id}").json()
    assert body["status"] == "finished" and body["result_id"] == 42 and body["progress"] == 1.0
    assert body["started_date"] and body["finished_date"] and body["expiry_date"]


def test_a_failure_reports_its_message_and_cleans_up(factory: Factory) -> None:
    EVENTS.clear()
    user = factory.user()
    rq_id = _submit(user, "test:fails")
    run_request(rq_id)
    body = user.get(f"/api/requests/{rq_id}").json()
    assert body["status"] == "failed" and body["message"] == "frame 3: not a readable image"
    assert EVENTS == ["cleaned"]


def test_running_work_stops_at_its_next_progress_report_when_cancelled(factory: Factory) -> None:
    EVENTS.clear()
    user = factory.user()
    rq_id = _submit(user, "test:cancelled")
    run_request(rq_id)
    body = user.get(f"/api/requests/{rq_id}").json()
    assert body["status"] == "failed" and "Cancelled" in body["message"]
    assert EVENTS == ["cleaned"]


def test_request_ids_survive_percent_encoding(factory: Factory) -> None:
    user = factory.user()
    rq_id = _submit(user, "test:works", {"answer": 1})
    encoded = rq_id.replace("=", "%3D").replace("&", "%26")
    assert user.get(f"/api/requests/{encoded}").json()["id"] == rq_id


def test_requests_are_private_to_their_owner(factory: Factory) -> None:
    owner, other = factory.user(), factory.user()
    rq_id = _submit(owner, "test:works", {"answer": 1})
    assert other.get(f"/api/requests/{rq_id.replace('&', '%26')}").status_code == 403
    assert other.get("/api/requests").json()["count"] == 0
