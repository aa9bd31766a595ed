"""Who may see, create, change and delete projects (CVAT's documented rules)."""

from __future__ import annotations

from sqlalchemy import ColumnElement, or_, select
from sqlalchemy.orm import Session

from contour.resources.common.actor import Actor, OrgScope
from contour.resources.common.authorize import authorize
from contour.resources.common.visibility import can_create_in_scope, scoped_visibility
from contour.resources.jobs.models import Job
from contour.resources.organizations.models import Role
from contour.resources.projects.models import Project
from contour.resources.tasks.models import Task


def _ties(actor: Actor, project: Project) -> bool:
    return actor.id in (project.owner_id, project.assignee_id)


def _tied_through_tasks(db: Session, actor: Actor, project: Project) -> bool:
    task_tie = select(Task.id).where(
        Task.project_id == project.id, or_(Task.owner_id == actor.id, Task.assignee_id == actor.id)
    )
    job_tie = select(Job.id).join(Task, Job.task_id == Task.id).where(
        Task.project_id == project.id, Job.assignee_id == actor.id
    )
    return db.scalar(task_tie.limit(1)) is not None or db.scalar(job_tie.limit(1)) is not None


def _member(actor: Actor, project: Project) -> bool:
    return project.organization_id is None or actor.role_in(project.organization_id) is not None


def can_view(db: Session, actor: Actor, project: Project) -> bool:
    if actor.is_admin:
        return True
    if not _member(actor, project):
        return False
    if actor.has_role(project.organization_id, Role.SUPERVISOR):
        return True
    return _ties(actor, project) or _tied_through_tasks(db, actor, project)


def can_change(actor: Actor, project: Project) -> bool:
    if actor.is_admin:
        return True
    if not _member(actor, project):
        return False
    return _ties(actor, project) or actor.has_role(project.organization_id, Role.MAINTAINER)


def can_delete(actor: Actor, project: Project) -> bool:
    if actor.is_admin:
        return True
    if not _member(actor, project):
        return False
    return actor.id == project.owner_id or actor.has_role(project.organization_id, Role.MAINTAINER)


def can_create(actor: Actor, scope: OrgScope) -> bool:
    return can_create_in_scope(actor, scope)


def visible(actor: Actor, scope: OrgScope) -> ColumnElement[bool]:
    uid = actor.id
    through_tasks = Project.id.in_(
        select(Task.project_id).where(or_(Task.owner_id == uid, Task.assignee_id == uid))
    )
    through_jobs = Project.id.in_(
        select(Task.project_id).join(Job, Job.task_id == Task.id).where(Job.assignee_id == uid)
    )
    personal = or_(Project.owner_id == uid, Project.assignee_id == uid, through_tasks, through_jobs)
    return scoped_visibility(actor, scope, Project.organization_id, personal)


def access_project(db: Session, actor: Actor, project_id: int, action: str = "view") -> Project:
    """Load a project and check `action` (view, change, delete); 404 if missing, 403 if denied."""
    return authorize(
        db.get(Project, project_id),
        "project",
        action,
        {
            "view": lambda p: can_view(db, actor, p),
            "change": lambda p: can_change(actor, p),
            "delete": lambda p: can_delete(actor, p),
        },
    )
