"""Project use cases: create with labels, update (labels, assignee, owner, organization), delete."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from contour.db import utcnow
from contour.errors import PermissionDenied, ValidationError
from contour.resources.common.actor import Actor, OrgScope
from contour.resources.common.ownership import do_apply_ownership_changes
from contour.resources.common.storage import storage_from_request
from contour.resources.common.users import check_user_ref
from contour.resources.labels.service import LabelOwner, do_create_labels, do_patch_labels
from contour.resources.organizations.models import Organization, Role
from contour.resources.projects import access
from contour.resources.projects.models import Project
from contour.resources.projects.schemas import ProjectPatchRequest, ProjectWriteRequest
from contour.resources.tasks.models import Task


def do_create_project(db: Session, actor: Actor, scope: OrgScope, request: ProjectWriteRequest) -> Project:
    if not access.can_create(actor, scope):
        raise PermissionDenied("You may not create projects here.")
    organization_id = scope.target_organization_id
    owner = check_user_ref(db, request.owner_id, "owner_id", organization_id) or actor.user
    assignee = check_user_ref(db, request.assignee_id, "assignee_id", organization_id)
    now = utcnow()
    project = Project(
        name=request.name,
        owner_id=owner.id,
        assignee_id=assignee.id if assignee else None,
        assignee_updated_date=now if assignee else None,
        bug_tracker=request.bug_tracker,
        organization_id=organization_id,
        source_storage=storage_from_request(request.source_storage),
        target_storage=storage_from_request(request.target_storage),
        created_date=now,
        updated_date=now,
    )
    db.add(project)
    db.flush()
    do_create_labels(db, LabelOwner(project_id=project.id), request.labels)
    return project


def do_update_project(db: Session, actor: Actor, project: Project, request: ProjectPatchRequest) -> Project:
    fields = request.model_fields_set
    if ("owner_id" in fields or "organization_id" in fields) and not access.can_delete(actor, project):
        raise PermissionDenied("Only the owner or an organization maintainer may transfer a project.")
    if "organization_id" in fields and request.organization_id != project.organization_id:
        _do_move_to_organization(db, actor, project, request.organization_id)
    if request.name is not None:
        project.name = request.name
    if request.bug_tracker is not None:
        project.bug_tracker = request.bug_tracker
    do_apply_ownership_changes(db, project, request, "project")
    if request.labels is not None:
        do_patch_labels(db, LabelOwner(project_id=project.id), request.labels)
    project.updated_date = utcnow()
    db.flush()
    db.expire(project, ["owner", "assignee"])
    return project


def _do_move_to_organization(db: Session, actor: Actor, project: Project, organization_id: int | None) -> None:
    """Transfer a project (and its tasks) to another organization or to the personal workspace."""
    if organization_id is not None:
        if db.get(Organization, organization_id) is None:
            raise ValidationError({"organization_id": [f"Organization {organization_id} does not exist."]})
        if not (actor.is_admin or actor.has_role(organization_id, Role.MAINTAINER)):
            raise PermissionDenied("You must be a maintainer or owner of the target organization.")
    project.organization_id = organization_id
    db.execute(update(Task).where(Task.project_id == project.id).values(organization_id=organization_id))


def do_delete_project(db: Session, project: Project) -> None:
    from contour.resources.requests.models import BackgroundRequest
    from contour.resources.requests.service import do_forget_requests
    from contour.resources.tasks.service import forget_media_after_commit

    task_ids = list(db.scalars(select(Task.id).where(Task.project_id == project.id)))
    do_forget_requests(db, BackgroundRequest.project_id == project.id, BackgroundRequest.task_id.in_(task_ids))
    forget_media_after_commit(db, task_ids)
    db.delete(project)


def task_counts(db: Session, project_ids: Sequence[int]) -> dict[int, int]:
    if not project_ids:
        return {}
    rows = db.execute(
        select(Task.project_id, func.count(Task.id)).where(Task.project_id.in_(project_ids)).group_by(Task.project_id)
    )
    return dict(rows.all())


def task_subsets(db: Session, project_ids: Sequence[int]) -> dict[int, list[str]]:
    if not project_ids:
        return {}
    rows = db.execute(
        select(Task.project_id, Task.subset)
        .where(Task.project_id.in_(project_ids), Task.subset != "")
        .distinct()
        .order_by(Task.subset)
    )
    subsets: dict[int, list[str]] = defaultdict(list)
    for pid, subset in rows:
        subsets[pid].append(subset)
    return subsets
