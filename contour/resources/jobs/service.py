"""Job use cases: split a task into segment jobs, create ground-truth jobs, update stage/state/assignee."""

from __future__ import annotations

import random
from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from contour.core.segments import SegmentRange
from contour.db import utcnow
from contour.errors import PermissionDenied, ValidationError
from contour.resources.common.actor import Actor
from contour.resources.common.users import check_user_ref
from contour.resources.jobs import access
from contour.resources.jobs.models import Job, JobStage, JobState, JobType
from contour.resources.jobs.schemas import JobPatchRequest, JobWriteRequest
from contour.resources.tasks import access as task_access
from contour.resources.tasks.models import Segment, Task
from contour.resources.tasks.service import do_refresh_task_status


def do_split_into_jobs(db: Session, task: Task, segments: Sequence[SegmentRange]) -> list[Job]:
    """Create one segment and one annotation job per range; called when a task's data is ready."""
    jobs = []
    for rng in segments:
        segment = Segment(task_id=task.id, start_frame=rng.start_frame, stop_frame=rng.stop_frame)
        db.add(segment)
        db.flush()
        job = Job(segment_id=segment.id, task_id=task.id, type=JobType.ANNOTATION)
        db.add(job)
        jobs.append(job)
    db.flush()
    do_refresh_task_status(db, task)
    return jobs


def do_create_ground_truth_job(db: Session, actor: Actor, request: JobWriteRequest) -> Job:
    if request.type != JobType.GROUND_TRUTH:
        raise ValidationError({"type": ["Only ground_truth jobs can be created; annotation jobs come from the task's data."]})
    task = db.get(Task, request.task_id)
    if task is None or not task_access.can_view(db, actor, task):
        raise ValidationError({"task_id": [f'Invalid pk "{request.task_id}" - object does not exist.']})
    if not task_access.can_change(actor, task):
        raise PermissionDenied(f"You may not add jobs to task {task.id}.")
    if not task.size:
        raise ValidationError({"task_id": ["The task has no data yet."]})
    existing = db.scalar(select(Job.id).where(Job.task_id == task.id, Job.type == JobType.GROUND_TRUTH))
    if existing is not None:
        raise ValidationError({"task_id": ["The task already has a ground truth job."]})
    frames = _select_frames(db, task, request)
    segment = Segment(
        task_id=task.id, start_frame=frames[0], stop_frame=frames[-1], type="specific_frames", frames=frames
    )
    db.add(segment)
    db.flush()
    assignee = check_user_ref(db, request.assignee, "assignee", task.organization_id)
    job = Job(
        segment_id=segment.id,
        task_id=task.id,
        type=JobType.GROUND_TRUTH,
        stage=request.stage or JobStage.ANNOTATION,
        state=request.state or JobState.NEW,
        assignee_id=assignee.id if assignee else None,
        assignee_updated_date=utcnow() if assignee else None,
    )
    db.add(job)
    db.flush()
    return job


def _select_frames(db: Session, task: Task, request: JobWriteRequest) -> list[int]:
    size = task.size or 0
    rng = random.Random(request.random_seed if request.random_seed is not None else request.seed)
    method = request.frame_selection_method
    if method == "manual":
        frames = sorted(set(request.frames or []))
        if not frames:
            raise ValidationError({"frames": ["Manual frame selection needs a non-empty 'frames' list."]})
        if frames[-1] >= size:
            raise ValidationError({"frames": [f"Frame {frames[-1]} is outside the task (0..{size - 1})."]})
        return frames
    if method == "random_uniform":
        count = request.frame_count or (round(request.frame_share * size) if request.frame_share else 0)
        if count < 1:
            raise ValidationError({"frame_count": ["Give frame_count or frame_share."]})
        if count > size:
            raise ValidationError({"frame_count": [f"The task has only {size} frames."]})
        return sorted(rng.sample(range(size), count))
    # random_per_job: the same number of frames from every annotation job's segment.
    segments = db.scalars(
        select(Segment).join(Job, Job.segment_id == Segment.id).where(
            Segment.task_id == task.id, Job.type == JobType.ANNOTATION
        )
    ).all()
    chosen: set[int] = set()
    for segment in segments:
        span = list(range(segment.start_frame, segment.stop_frame + 1))
        per_job = request.frames_per_job_count or (
            round(request.frames_per_job_share * len(span)) if request.frames_per_job_share else 0
        )
        if per_job < 1:
            raise ValidationError({"frames_per_job_count": ["Give frames_per_job_count or frames_per_job_share."]})
        chosen.update(rng.sample(span, min(per_job, len(span))))
    return sorted(chosen)


def do_update_job(db: Session, actor: Actor, job: Job, request: JobPatchRequest) -> Job:
    fields = request.model_fields_set
    if "assignee" in fields and request.assignee != job.assignee_id:
        if not access.can_assign(actor, job):
            raise PermissionDenied(f"You may not assign job {job.id}.")
        check_user_ref(db, request.assignee, "assignee", job.task.organization_id)
        job.assignee_id = request.assignee
        job.assignee_updated_date = utcnow()
    if request.stage is not None or request.state is not None:
        if not access.can_change(actor, job):
            raise PermissionDenied(f"You may not change job {job.id}.")
        if request.stage is not None:
            job.stage = request.stage
        if request.state is not None:
            job.state = request.state
    job.updated_date = utcnow()
    db.flush()
    db.expire(job, ["assignee"])
    do_refresh_task_status(db, job.task)
    return job


def do_delete_job(db: Session, job: Job) -> None:
    if job.type != JobType.GROUND_TRUTH:
        raise ValidationError("Only ground truth jobs can be deleted.")
    from contour.resources.requests.models import BackgroundRequest
    from contour.resources.requests.service import do_forget_requests

    do_forget_requests(db, BackgroundRequest.job_id == job.id)
    segment = job.segment
    db.delete(job)
    db.delete(segment)
