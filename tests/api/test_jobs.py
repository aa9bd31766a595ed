"""Jobs: segments with overlap, job fields, stage/state/assignee changes, ground-truth jobs."""

from __future__ import annotations

from tests.factories import Factory


def test_task_is_split_into_jobs_per_segment(factory: Factory) -> None:
    user = factory.user()
    task = factory.task(user, segment_size=4)
    factory.split_task(task["id"], size=10, segment_size=4, overlap=1)
    jobs = user.get(f"/api/jobs?task_id={task['id']}&sort=id").json()["results"]
    assert [(j["start_frame"], j["stop_frame"]) for j in jobs] == [(0, 3), (3, 6), (6, 9)]
    assert all(j["type"] == "annotation" and j["stage"] == "annotation" and j["state"] == "new" for j in jobs)
    assert jobs[0]["frame_count"] == 4
    assert user.get(f"/api/tasks/{task['id']}").json()["jobs"]["count"] == 3


def test_job_has_the_fields_the_sdk_requires(factory: Factory) -> None:
    user = factory.user()
    task = factory.task(user)
    factory.split_task(task["id"], size=5)
    job = user.get(f"/api/jobs?task_id={task['id']}").json()["results"][0]
    assert job["task_id"] == task["id"] and job["project_id"] is None
    assert job["issues"] == {"count": 0, "url": f"http://testserver/api/issues?job_id={job['id']}"}
    assert job["labels"]["url"].endswith(f"/api/labels?job_id={job['id']}")
    assert job["dimension"] == "2d" and job["mode"] == "annotation" and job["media_type"] == "image"


def test_job_stage_and_state_drive_the_task_status(factory: Factory) -> None:
    user = factory.user()
    task = factory.task(user)
    factory.split_task(task["id"], size=5)
    job = user.get(f"/api/jobs?task_id={task['id']}").json()["results"][0]
    updated = user.patch(f"/api/jobs/{job['id']}", json={"stage": "validation", "state": "in progress"}).json()
    assert updated["stage"] == "validation" and updated["status"] == "validation"
    task_after = user.get(f"/api/tasks/{task['id']}").json()
    assert task_after["status"] == "validation" and task_after["jobs"]["validation"] == 1
    user.patch(f"/api/jobs/{job['id']}", json={"stage": "acceptance", "state": "completed"})
    task_after = user.get(f"/api/tasks/{task['id']}").json()
    assert task_after["status"] == "completed" and task_after["jobs"]["completed"] == 1


def test_invalid_job_state_is_rejected(factory: Factory) -> None:
    user = factory.user()
    task = factory.task(user)
    factory.split_task(task["id"], size=5)
    job = user.get(f"/api/jobs?task_id={task['id']}").json()["results"][0]
    response = user.patch(f"/api/jobs/{job['id']}", json={"state": "sleeping"})
    assert response.status_code == 400 and "state" in response.json()


def test_assigned_worker_sees_only_their_job(factory: Factory) -> None:
    owner, worker = factory.user(), factory.user()
    task = factory.task(owner)
    factory.split_task(task["id"], size=10, segment_size=5)
    first, second = owner.get(f"/api/jobs?task_id={task['id']}&sort=id").json()["results"]
    assert owner.patch(f"/api/jobs/{first['id']}", json={"assignee": worker.id}).status_code == 200
    visible = worker.get("/api/jobs").json()["results"]
    assert [j["id"] for j in visible] == [first["id"]]
    assert worker.get(f"/api/jobs/{second['id']}").status_code == 403
    assert worker.get(f"/api/tasks/{task['id']}").status_code == 200
    assert worker.patch(f"/api/jobs/{first['id']}", json={"state": "in progress"}).status_code == 200
    assert worker.patch(f"/api/jobs/{first['id']}", json={"assignee": None}).status_code == 403


def test_ground_truth_job_with_manual_frames(factory: Factory) -> None:
    user = factory.user()
    task = factory.task(user)
    factory.split_task(task["id"], size=10)
    body = {"type": "ground_truth", "task_id": task["id"], "frame_selection_method": "manual", "frames": [7, 2, 5]}
    job = user.post("/api/jobs", json=body).json()
    assert job["type"] == "ground_truth" and job["frame_count"] == 3
    assert (job["start_frame"], job["stop_frame"]) == (2, 7)
    assert user.post("/api/jobs", json=body).status_code == 400, "one ground truth job per task"
    assert user.delete(f"/api/jobs/{job['id']}").status_code == 204


def test_ground_truth_random_selection_is_reproducible(factory: Factory) -> None:
    user = factory.user()
    frames = []
    for _ in range(2):
        task = factory.task(user)
        factory.split_task(task["id"], size=50)
        body = {"type": "ground_truth", "task_id": task["id"], "frame_count": 5, "random_seed": 42}
        job = user.post("/api/jobs", json=body).json()
        frames.append((job["start_frame"], job["stop_frame"], job["frame_count"]))
    assert frames[0] == frames[1] and frames[0][2] == 5


def test_ground_truth_needs_task_data_and_valid_frames(factory: Factory) -> None:
    user = factory.user()
    task = factory.task(user)
    body = {"type": "ground_truth", "task_id": task["id"], "frame_selection_method": "manual", "frames": [1]}
    assert user.post("/api/jobs", json=body).status_code == 400
    factory.split_task(task["id"], size=3)
    body["frames"] = [5]
    response = user.post("/api/jobs", json=body)
    assert response.status_code == 400 and "outside" in str(response.json())


def test_annotation_jobs_cannot_be_deleted(factory: Factory) -> None:
    user = factory.user()
    task = factory.task(user)
    factory.split_task(task["id"], size=5)
    job = user.get(f"/api/jobs?task_id={task['id']}").json()["results"][0]
    assert user.delete(f"/api/jobs/{job['id']}").status_code == 400
