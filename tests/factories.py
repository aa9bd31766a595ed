"""Builders of real objects through the same services and endpoints users hit."""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import Any

from fastapi import FastAPI
from fastapi.testclient import TestClient

from contour.core.segments import effective_overlap, split_into_segments
from contour.db import transaction
from contour.resources.accounts.service import do_create_user, do_login
from contour.resources.jobs.service import do_split_into_jobs
from contour.resources.tasks.models import Task

PASSWORD = "correct-horse-battery"
_counter = itertools.count(1)


@dataclass
class ApiUser:
    id: int
    username: str
    email: str
    client: TestClient

    def get(self, url: str, **kwargs: Any):  # type: ignore[no-untyped-def]
        return self.client.get(url, **kwargs)

    def post(self, url: str, **kwargs: Any):  # type: ignore[no-untyped-def]
        return self.client.post(url, **kwargs)

    def patch(self, url: str, **kwargs: Any):  # type: ignore[no-untyped-def]
        return self.client.patch(url, **kwargs)

    def delete(self, url: str, **kwargs: Any):  # type: ignore[no-untyped-def]
        return self.client.delete(url, **kwargs)

    def head(self, url: str, **kwargs: Any):  # type: ignore[no-untyped-def]
        return self.client.head(url, **kwargs)


class Factory:
    def __init__(self, app: FastAPI) -> None:
        self.app = app

    def user(self, username: str | None = None, *, superuser: bool = False, groups: list[str] | None = None) -> ApiUser:
        username = username or f"user{next(_counter)}"
        email = f"{username}@example.com"
        with transaction() as db:
            user = do_create_user(db, username, PASSWORD, email=email, is_superuser=superuser)
            if groups is not None:
                user.groups = groups
            user_id = user.id
            key = do_login(db, username, PASSWORD).api_key
        client = TestClient(self.app, headers={"Authorization": f"Token {key}"})
        return ApiUser(user_id, username, email, client)

    def organization(self, owner: ApiUser, slug: str | None = None) -> dict[str, Any]:
        slug = slug or f"org{next(_counter)}"
        response = owner.post("/api/organizations", json={"slug": slug, "name": slug.upper()})
        assert response.status_code == 201, response.text
        return response.json()

    def member(self, org: dict[str, Any], owner: ApiUser, user: ApiUser, role: str) -> None:
        """Invite `user` with `role` and accept, as a real user would."""
        invitation = owner.post(
            "/api/invitations", json={"role": role, "email": user.email}, headers={"X-Organization": org["slug"]}
        )
        assert invitation.status_code == 201, invitation.text
        accepted = user.post(f"/api/invitations/{invitation.json()['key']}/accept")
        assert accepted.status_code == 200, accepted.text

    def project(self, user: ApiUser, org: str | None = None, **fields: Any) -> dict[str, Any]:
        body = {"name": f"project {next(_counter)}", "labels": [{"name": "car"}, {"name": "person"}]} | fields
        headers = {"X-Organization": org} if org is not None else {}
        response = user.post("/api/projects", json=body, headers=headers)
        assert response.status_code == 201, response.text
        return response.json()

    def task(self, user: ApiUser, org: str | None = None, **fields: Any) -> dict[str, Any]:
        body: dict[str, Any] = {"name": f"task {next(_counter)}"} | fields
        if "project_id" not in body:
            body.setdefault("labels", [{"name": "car"}])
        headers = {"X-Organization": org} if org is not None else {}
        response = user.post("/api/tasks", json=body, headers=headers)
        assert response.status_code == 201, response.text
        return response.json()

    def split_task(self, task_id: int, size: int, segment_size: int = 0, overlap: int | None = None) -> None:
        """Give a task `size` frames and its jobs, as the data pipeline does once media is ingested."""
        with transaction() as db:
            task = db.get(Task, task_id)
            assert task is not None
            task.size = size
            task.mode = "annotation"
            task.segment_size = segment_size
            effective = segment_size if 0 < segment_size <= size else size
            task.overlap = effective_overlap(overlap, effective, interpolation=False)
            do_split_into_jobs(db, task, split_into_segments(size, segment_size, overlap))
