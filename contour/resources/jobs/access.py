"""Who may see and change jobs, and who may assign them (CVAT's documented rules)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, or_, select
from sqlalchemy.orm import Session

from contour.resources.common.actor import Actor, OrgScope
from contour.resources.common.authorize import authorize
from contour.resources.common.visibility import scoped_visibility
from contour.resources.jobs.models import Job
from contour.resources.organizations.models import Role
from contour.resources.projects.models import Project
from contour.resources.tasks import access as task_access
from contour.resources.tasks.models import Task


def can_view(db: Session, actor: Actor, job: Job) -> bool:
    if job.assignee_id == actor.id and (
        job.task.organization_id is None or actor.role_in(job.task.organization_id) is not None
    ):
        return True
    return task_access.can_view(db, actor, job.task) and (
        actor.is_admin
        or actor.has_role(job.task.organization_id, Role.SUPERVISOR)
        or actor.id in (job.task.owner_id, job.task.assignee_id)
        or task_access.project_ties(actor, job.task)
    )


def can_change(actor: Actor, job: Job) -> bool:
    """Change stage/state: the job's assignee, or anyone who may change its task."""
    member = job.task.organization_id is None or actor.role_in(job.task.organization_id) is not None
    return (member and job.assignee_id == actor.id) or task_access.can_change(actor, job.task)


def can_assign(actor: Actor, job: Job) -> bool:
    """Change the assignee: whoever may change the task, and organization supervisors."""
    return task_access.can_change(actor, job.task) or actor.has_role(job.task.organization_id, Role.SUPERVISOR)


def visible(actor: Actor, scope: OrgScope, task_table: type[Task] | Any = Task) -> ColumnElement[bool]:
    """Jobs the actor may see; `task_table` is the (aliased) tasks table the query joins."""
    uid = actor.id
    through_task = Job.task_id.in_(select(Task.id).where(or_(Task.owner_id == uid, Task.assignee_id == uid)))
    through_project = Job.task_id.in_(
        select(Task.id).join(Project, Task.project_id == Project.id).where(
            or_(Project.owner_id == uid, Project.assignee_id == uid)
        )
    )
    personal = or_(Job.assignee_id == uid, through_task, through_project)
    return scoped_visibility(actor, scope, task_table.organization_id, personal)


def access_job(db: Session, actor: Actor, job_id: int, action: str = "view") -> Job:
    """Load a job and check `action` (view, change, assign, delete); 404 if missing, 403 if denied."""
    return authorize(
        db.get(Job, job_id),
        "job",
        action,
        {
            "view": lambda j: can_view(db, actor, j),
            "change": lambda j: can_change(actor, j),
            "assign": lambda j: can_assign(actor, j),
            "delete": lambda j: task_access.can_change(actor, j.task),
        },
    )
