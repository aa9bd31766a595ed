"""Task use cases: create (standalone with labels, or inside a project), update, move, delete."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from contour.db import utcnow
from contour.errors import PermissionDenied, ValidationError
from contour.resources.common.actor import Actor, OrgScope
from contour.resources.common.ownership import do_apply_ownership_changes
from contour.resources.common.storage import storage_from_request
from contour.resources.common.users import check_user_ref
from contour.resources.jobs.models import Job, JobStage, JobState
from contour.resources.labels.models import Label
from contour.resources.labels.service import LabelOwner, do_create_labels, do_patch_labels, labels_of
from contour.resources.projects import access as project_access
from contour.resources.projects.models import Project
from contour.resources.tasks import access
from contour.resources.tasks.models import Task
from contour.resources.tasks.moving import do_move_task_to_project
from contour.resources.tasks.schemas import TaskPatchRequest, TaskWriteRequest


def label_owner_of(task: Task) -> LabelOwner:
    """A task in a project uses the project's labels."""
    if task.project_id is not None:
        return LabelOwner(project_id=task.project_id)
    return LabelOwner(task_id=task.id)


def do_create_task(db: Session, actor: Actor, scope: OrgScope, request: TaskWriteRequest) -> Task:
    project: Project | None = None
    if request.project_id is not None:
        project = db.get(Project, request.project_id)
        if project is None:
            raise ValidationError({"project_id": [f'Invalid pk "{request.project_id}" - object does not exist.']})
        if not project_access.can_view(db, actor, project):
            raise PermissionDenied(f"You may not add tasks to project {project.id}.")
        if request.labels:
            raise ValidationError({"labels": ["A task in a project uses the project's labels; send no labels."]})
    elif not request.labels:
        raise ValidationError({"labels": ["Label set or project_id must be present."]})
    if not access.can_create(actor, scope, project):
        raise PermissionDenied("You may not create tasks here.")
    organization_id = project.organization_id if project is not None else scope.target_organization_id
    owner = check_user_ref(db, request.owner_id, "owner_id", organization_id) or actor.user
    assignee = check_user_ref(db, request.assignee_id, "assignee_id", organization_id)
    now = utcnow()
    task = Task(
        name=request.name,
        project_id=project.id if project is not None else None,
        owner_id=owner.id,
        assignee_id=assignee.id if assignee else None,
        assignee_updated_date=now if assignee else None,
        bug_tracker=request.bug_tracker,
        subset=request.subset,
        organization_id=organization_id,
        segment_size=request.segment_size,
        overlap=request.overlap,
        consensus_replicas=request.consensus_replicas,
        dimension=project.dimension if project is not None and project.dimension else "2d",
        source_storage=storage_from_request(request.source_storage),
        target_storage=storage_from_request(request.target_storage),
        created_date=now,
        updated_date=now,
    )
    db.add(task)
    db.flush()
    if project is None:
        do_create_labels(db, LabelOwner(task_id=task.id), request.labels)
    else:
        project.updated_date = now
    return task


def do_update_task(db: Session, actor: Actor, task: Task, request: TaskPatchRequest) -> Task:
    fields = request.model_fields_set
    if ("owner_id" in fields or "organization_id" in fields) and not access.can_delete(actor, task):
        raise PermissionDenied("Only the owner or an organization maintainer may transfer a task.")
    # While moving, `labels` maps the task's labels to the project's (CVAT's rename on the way).
    moving = "project_id" in fields and request.project_id != task.project_id
    if moving:
        do_move_task_to_project(db, actor, task, request.project_id, request.labels or [])
    if "organization_id" in fields and request.organization_id != task.organization_id:
        if task.project_id is not None:
            raise ValidationError({"organization_id": ["A task in a project belongs to the project's organization."]})
        if request.organization_id is not None and not (actor.is_admin or actor.role_in(request.organization_id)):
            raise PermissionDenied("You are not a member of the target organization.")
        task.organization_id = request.organization_id
    if request.name is not None:
        task.name = request.name
    if request.bug_tracker is not None:
        task.bug_tracker = request.bug_tracker
    if request.subset is not None:
        task.subset = request.subset
    do_apply_ownership_changes(db, task, request, "task")
    if request.labels is not None and not moving:
        if task.project_id is not None:
            raise ValidationError({"labels": ["This task is in a project; change the project's labels instead."]})
        do_patch_labels(db, LabelOwner(task_id=task.id), request.labels)
    task.updated_date = utcnow()
    db.flush()
    db.expire(task, ["owner", "assignee", "project"])
    return task


def do_delete_task(db: Session, task: Task) -> None:
    from contour.resources.requests.models import BackgroundRequest
    from contour.resources.requests.service import do_forget_requests

    do_forget_requests(db, BackgroundRequest.task_id == task.id)
    db.delete(task)
    forget_media_after_commit(db, [task.id])


def forget_media_after_commit(db: Session, task_ids: Sequence[int]) -> None:
    """Once the deletion is committed, remove the tasks' files and cached chunks."""
    from contour.resources.data.service import do_forget_task_media
    from contour.resources.requests.service import after_commit

    ids = list(task_ids)
    after_commit(db, lambda: [do_forget_task_media(task_id) for task_id in ids])  # type: ignore[func-returns-value]


def job_counts(db: Session, task_ids: Sequence[int]) -> dict[int, tuple[int, int, int]]:
    """Per task: (jobs, completed jobs, jobs in validation)."""
    if not task_ids:
        return {}
    rows = db.execute(
        select(
            Job.task_id,
            func.count(Job.id),
            func.sum(case((Job.state == JobState.COMPLETED, 1), else_=0)),
            func.sum(case((Job.stage == JobStage.VALIDATION, 1), else_=0)),
        )
        .where(Job.task_id.in_(task_ids))
        .group_by(Job.task_id)
    )
    return {tid: (int(total), int(done or 0), int(validation or 0)) for tid, total, done, validation in rows}


def do_refresh_task_status(db: Session, task: Task) -> None:
    """Task status follows its jobs: annotation while any job annotates, then validation, then completed."""
    stages = set(db.scalars(select(Job.stage).where(Job.task_id == task.id, Job.type == "annotation")))
    if not stages or JobStage.ANNOTATION in stages:
        task.status = "annotation"
    elif JobStage.VALIDATION in stages:
        task.status = "validation"
    else:
        task.status = "completed"


def task_labels(db: Session, task: Task) -> list[Label]:
    return labels_of(db, label_owner_of(task))
