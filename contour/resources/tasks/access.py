"""Who may see, create, change and delete tasks (CVAT's documented rules)."""

from __future__ import annotations

from sqlalchemy import ColumnElement, or_, select
from sqlalchemy.orm import Session

from contour.resources.common.actor import Actor, OrgScope
from contour.resources.common.authorize import authorize
from contour.resources.common.visibility import can_create_in_scope, scoped_visibility
from contour.resources.jobs.models import Job
from contour.resources.organizations.models import Role
from contour.resources.projects import access as project_access
from contour.resources.projects.models import Project
from contour.resources.tasks.models import Task


def _member(actor: Actor, task: Task) -> bool:
    return task.organization_id is None or actor.role_in(task.organization_id) is not None


def project_ties(actor: Actor, task: Task) -> bool:
    project = task.project
    return project is not None and actor.id in (project.owner_id, project.assignee_id)


def can_view(db: Session, actor: Actor, task: Task) -> bool:
    if actor.is_admin:
        return True
    if not _member(actor, task):
        return False
    if actor.has_role(task.organization_id, Role.SUPERVISOR):
        return True
    if actor.id in (task.owner_id, task.assignee_id) or project_ties(actor, task):
        return True
    job_tie = select(Job.id).where(Job.task_id == task.id, Job.assignee_id == actor.id).limit(1)
    return db.scalar(job_tie) is not None


def can_change(actor: Actor, task: Task) -> bool:
    if actor.is_admin:
        return True
    if not _member(actor, task):
        return False
    if actor.id in (task.owner_id, task.assignee_id) or project_ties(actor, task):
        return True
    return actor.has_role(task.organization_id, Role.MAINTAINER)


def can_delete(actor: Actor, task: Task) -> bool:
    if actor.is_admin:
        return True
    if not _member(actor, task):
        return False
    project_owner = task.project is not None and task.project.owner_id == actor.id
    return actor.id == task.owner_id or project_owner or actor.has_role(task.organization_id, Role.MAINTAINER)


def can_create(actor: Actor, scope: OrgScope, project: Project | None) -> bool:
    if project is not None:
        # Adding a task to a project is changing the project.
        return project_access.can_change(actor, project) and (actor.is_admin or not actor.is_worker)
    return can_create_in_scope(actor, scope)


def visible(actor: Actor, scope: OrgScope) -> ColumnElement[bool]:
    uid = actor.id
    through_project = Task.project_id.in_(
        select(Project.id).where(or_(Project.owner_id == uid, Project.assignee_id == uid))
    )
    through_jobs = Task.id.in_(select(Job.task_id).where(Job.assignee_id == uid))
    personal = or_(Task.owner_id == uid, Task.assignee_id == uid, through_project, through_jobs)
    return scoped_visibility(actor, scope, Task.organization_id, personal)


def access_task(db: Session, actor: Actor, task_id: int, action: str = "view") -> Task:
    """Load a task and check `action` (view, change, delete); 404 if missing, 403 if denied."""
    return authorize(
        db.get(Task, task_id),
        "task",
        action,
        {
            "view": lambda t: can_view(db, actor, t),
            "change": lambda t: can_change(actor, t),
            "delete": lambda t: can_delete(actor, t),
        },
    )
