"""Orphan files: what the data directory holds that nothing in the database owns, and the start-up sweep."""

from __future__ import annotations

import os
import time
from pathlib import Path

from contour.config import get_settings
from contour.db import get_sessionmaker, transaction
from contour.orphan_files import find_orphans, sweep
from contour.resources.data.files import chunks_dir, task_dir, task_staging
from contour.resources.datasets.service import export_file_prefix
from contour.resources.requests.models import BackgroundRequest, RequestStatus
from tests.api.data_helpers import upload, wait_request
from tests.factories import Factory
from tests.media_factory import image_bytes


def _orphans() -> list[str]:
    data_dir = get_settings().data_dir
    with get_sessionmaker()() as db:
        return [str(p.relative_to(data_dir)) for p in find_orphans(db, data_dir)]


def _touch(path: Path, data: bytes = b"x") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def test_a_working_installation_has_no_orphans(factory: Factory, worker: None) -> None:
    user = factory.user()
    finished = factory.task(user)
    assert upload(user, finished["id"], {"a.jpg": image_bytes()})["status"] == "finished"
    waiting = factory.task(user)  # its upload has begun: the staging folder is its own
    _touch(task_staging(waiting["id"]) / "b.jpg")
    export = user.post(f"/api/tasks/{finished['id']}/dataset/export", params={"format": "CVAT for images 1.1"})
    assert wait_request(user, export.json()["rq_id"])["status"] == "finished"

    assert _orphans() == []


def test_leftovers_of_failed_work_and_deleted_objects_are_orphans(factory: Factory, worker: None) -> None:
    user = factory.user()
    finished = factory.task(user)
    assert upload(user, finished["id"], {"a.jpg": image_bytes()})["status"] == "finished"
    failed = factory.task(user)
    data_dir = get_settings().data_dir
    _touch(task_dir(failed["id"]) / "raw" / "a.jpg")  # a creation that died without its cleanup
    _touch(task_dir(999_999) / "chunks" / "compressed_000000.zip")  # a deleted task's files
    _touch(chunks_dir(finished["id"]) / ".original_000000.zip.1234.tmp")  # a chunk write cut short
    _touch(task_staging(finished["id"]) / "late.jpg")  # an upload to a task that has its data
    _touch(data_dir / "exports" / f"{export_file_prefix('gone')}0123abcd.part")
    _touch(data_dir / "exports" / "0123456789abcdef01234567-deadbeef.zip")
    _touch(data_dir / "imports" / ("f" * 32) / "annotations.zip")

    assert _orphans() == sorted([
        "exports/0123456789abcdef01234567-deadbeef.zip",
        f"exports/{export_file_prefix('gone')}0123abcd.part",
        "imports/" + "f" * 32,
        f"tasks/{failed['id']}",
        f"tasks/{finished['id']}/chunks/.original_000000.zip.1234.tmp",
        "tasks/999999",
        f"uploads/tasks/{finished['id']}",
    ])


def test_files_of_running_requests_are_theirs(factory: Factory) -> None:
    user = factory.user()
    task = factory.task(user)
    data_dir = get_settings().data_dir
    with transaction() as db:
        for action, params in (("create", {}), ("export", {}), ("import", {"file": "imports/abc/a.zip"})):
            db.add(BackgroundRequest(id=f"action={action}&target=task&target_id={task['id']}", action=action,
                                     target="task", task_id=task["id"], owner_id=user.id, params=params,
                                     status=RequestStatus.STARTED))
    _touch(task_dir(task["id"]) / "raw" / "a.jpg")
    export_id = f"action=export&target=task&target_id={task['id']}"
    _touch(data_dir / "exports" / f"{export_file_prefix(export_id)}x.part")
    _touch(data_dir / "imports" / "abc" / "a.zip")

    assert _orphans() == []


def test_the_sweep_removes_orphans_old_enough_to_belong_to_no_new_work(factory: Factory) -> None:
    data_dir = get_settings().data_dir
    old = _touch(data_dir / "exports" / "0123456789abcdef01234567-00000000.part")
    young = _touch(data_dir / "exports" / "0123456789abcdef01234567-11111111.part")
    an_hour_ago = time.time() - 3600
    os.utime(old, (an_hour_ago, an_hour_ago))

    with get_sessionmaker()() as db:
        removed = sweep(db, data_dir, min_age_s=300)

    assert removed == [old] and not old.exists() and young.exists()
