"""The `import:annotations` and `import:dataset` background jobs.

The uploaded file is unpacked (safely: `contour.media.archives`) next to itself, read by the
format's importer and written in one transaction. A project import first creates the project's
labels when it has none, then one task per subset from the dataset's images (the same code path
as `create:task`), then imports each subset's annotations into its task; on failure the tasks it
created are deleted again.
"""

from __future__ import annotations

import shutil
from collections import defaultdict
from pathlib import Path

from sqlalchemy import select

from contour.config import get_settings
from contour.db import transaction, utcnow
from contour.formats import model as fm
from contour.formats.errors import DatasetError
from contour.formats.registry import find_importer
from contour.media import archives, images
from contour.resources.common.gcpause import gc_paused
from contour.resources.data.creation import create_task_data
from contour.resources.data.files import remove_task_files, task_staging
from contour.resources.data.schemas import DataRequest
from contour.resources.datasets.importing import do_import_annotations
from contour.resources.datasets.service import remove_import_file
from contour.resources.jobs.models import Job
from contour.resources.labels.models import Label
from contour.resources.labels.schemas import AttributeRequest, LabelRequest, SublabelRequest
from contour.resources.labels.service import LabelOwner, do_create_labels, labels_of
from contour.resources.projects.models import Project
from contour.resources.requests.runner import RequestContext, register_handler
from contour.resources.tasks.models import Task
from contour.resources.tasks.service import task_labels


def _read_dataset(context: RequestContext) -> fm.ImportedDataset:
    entry = find_importer(context.params["format"])
    assert entry is not None and entry.importer is not None
    settings = get_settings()
    uploaded = settings.data_dir / context.params["file"]
    if not uploaded.is_file():
        raise DatasetError("The uploaded file is gone (the import may have run already).")
    options = fm.ImportOptions(conv_mask_to_poly=bool(context.params.get("conv_mask_to_poly", True)),
                               skeleton_sublabels=_skeletons(context), first_frame=_first_frame(context))
    if archives.is_archive(uploaded):
        context.progress(0.05, "Unpacking the dataset")
        root = uploaded.parent / "dataset"
        root.mkdir(exist_ok=True)
        archives.extract_archive(uploaded, root, max_total_bytes=settings.archive_max_total_bytes,
                                 max_ratio=settings.archive_max_ratio, max_members=settings.archive_max_members)
        return entry.importer(root, options)
    accepted = {part.strip().lower() for part in entry.spec.ext.split(",")}
    suffix = uploaded.suffix.lower().lstrip(".")
    if suffix not in accepted - {"zip"}:
        raise DatasetError(f"'{uploaded.name}' is not a zip archive, and {entry.spec.display_name} needs one"
                           + (f" (or a {' or '.join(sorted(accepted - {'zip'})).upper()} file)." if accepted - {"zip"} else "."))
    return entry.importer(uploaded, options)


def _skeletons(context: RequestContext) -> dict[str, tuple[str, ...]]:
    """The target's skeleton labels with their point names, for formats that number points only."""
    with transaction() as db:
        if context.task_id is not None:
            task = db.get(Task, context.task_id)
            labels = task_labels(db, task) if task is not None else []
        else:
            labels = labels_of(db, LabelOwner(project_id=context.project_id))
        return {label.name: tuple(sub.name for sub in label.sublabels) for label in labels if label.type == "skeleton"}


def _first_frame(context: RequestContext) -> int:
    """The task frame a job import starts at (0 for tasks and projects)."""
    if context.job_id is None:
        return 0
    with transaction() as db:
        job = db.get(Job, context.job_id)
        return job.segment.start_frame if job is not None else 0


@register_handler("import:annotations", cleanup=remove_import_file)
def import_annotations(context: RequestContext) -> None:
    # Parsing makes millions of small objects that the cyclic GC would rescan over and over (half
    # the import time on 500,000 shapes); none of them form cycles.
    with gc_paused():
        _import_annotations(context)


def _import_annotations(context: RequestContext) -> None:
    dataset = _read_dataset(context)
    context.progress(0.3, "Importing annotations")
    # No progress reports from here on: they would need a second write transaction, which SQLite
    # cannot open while this one holds the write lock.
    with transaction() as db:
        job = db.get(Job, context.job_id) if context.job_id is not None else None
        task = job.task if job is not None else db.get(Task, context.task_id)
        if task is None:
            raise DatasetError("The task was deleted.")
        do_import_annotations(db, task, dataset, job=job, replace=bool(context.params.get("replace", True)),
                              conv_mask_to_poly=bool(context.params.get("conv_mask_to_poly", True)))
    remove_import_file(context)


# --- project datasets -------------------------------------------------------------------------------


def _label_requests(labels: list[fm.LabelSpec]) -> list[LabelRequest]:
    def attributes(spec: fm.LabelSpec) -> list[AttributeRequest]:
        return [AttributeRequest(name=a.name, mutable=a.mutable, input_type=a.input_type, values=list(a.values),
                                 default_value=a.default_value or None) for a in spec.attributes]

    return [
        LabelRequest(
            name=spec.name, color=spec.color or None, type=spec.type or "any", attributes=attributes(spec),
            sublabels=[SublabelRequest(name=s.name, color=s.color or None, type=s.type or "points",
                                       attributes=attributes(s)) for s in spec.sublabels] or None,
            svg=spec.svg or None,
        )
        for spec in labels
    ]


def _labels_found(items: list[fm.ImportedItem], tracks: list[fm.Track]) -> list[fm.LabelSpec]:
    """Label names on objects, in first-seen order, when the dataset declares none."""
    names: dict[str, fm.LabelSpec] = {}
    for item in items:
        for obj in [*item.tags, *item.shapes]:
            if obj.label not in names:
                elements = tuple(fm.LabelSpec(e.label, type="points") for e in getattr(obj, "elements", []))
                kind = "skeleton" if elements else "any"
                names[obj.label] = fm.LabelSpec(obj.label, type=kind, sublabels=elements)
    for track in tracks:
        names.setdefault(track.label, fm.LabelSpec(track.label))
    return list(names.values())


def _ensure_project_labels(project_id: int, dataset: fm.ImportedDataset, items: list[fm.ImportedItem]) -> None:
    with transaction() as db:
        if db.scalar(select(Label.id).where(Label.project_id == project_id).limit(1)) is not None:
            return
        specs = dataset.labels or _labels_found(items, dataset.tracks)
        if not specs:
            raise DatasetError("The dataset declares no labels and has no annotations to take them from.")
        do_create_labels(db, LabelOwner(project_id=project_id), _label_requests(specs))


def _create_subset_task(context: RequestContext, project: Project, subset: str, items: list[fm.ImportedItem]) -> int:
    with transaction() as db:
        now = utcnow()
        task = Task(name=subset, project_id=project.id, owner_id=context.owner_id, subset=subset if subset != fm.DEFAULT_SUBSET else "",
                    organization_id=project.organization_id, dimension=project.dimension or "2d",
                    created_date=now, updated_date=now)
        db.add(task)
        db.flush()
        task_id = task.id
        project.updated_date = now
        db.merge(project)
    staging = task_staging(task_id)
    staging.mkdir(parents=True, exist_ok=True)
    order = []
    for item in items:
        assert item.image is not None
        relative = (item.name or item.image.stem).replace("\\", "/").strip("/")
        if not Path(relative).suffix or Path(relative).suffix.lower() != item.image.suffix.lower():
            relative += item.image.suffix
        target = staging / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        if not target.exists():
            shutil.copyfile(item.image, target)
            order.append(relative)
    data = DataRequest(image_quality=70, sorting_method="predefined", upload_file_order=order)
    create_task_data(RequestContext(context.request_id, {"data": data.model_dump(mode="json")}, context.owner_id,
                                    task_id, project.id, None, project.organization_id))
    return task_id


@register_handler("import:dataset", cleanup=remove_import_file)
def import_project_dataset(context: RequestContext) -> None:
    dataset = _read_dataset(context)
    context.progress(0.1, "Reading the dataset")
    items = list(dataset.items)
    by_subset: dict[str, list[fm.ImportedItem]] = defaultdict(list)
    for item in items:
        if item.image is None or not images.is_image(item.image):
            raise DatasetError(f"Item '{item.name or item.frame}' has no image in the dataset; a project import "
                               "creates tasks from the dataset's images (export it with images).")
        by_subset[item.subset or fm.DEFAULT_SUBSET].append(item)
    if not by_subset:
        raise DatasetError("The dataset has no items.")
    with transaction() as db:
        project = db.get(Project, context.project_id)
        if project is None:
            raise DatasetError("The project was deleted.")
        db.expunge(project)
    _ensure_project_labels(project.id, dataset, items)
    created: list[int] = []
    try:
        for number, (subset, subset_items) in enumerate(sorted(by_subset.items())):
            context.progress(0.2 + 0.7 * number / len(by_subset), f"Creating the task of subset '{subset}'")
            task_id = _create_subset_task(context, project, subset, subset_items)
            created.append(task_id)
            subset_tracks = dataset.tracks if len(by_subset) == 1 else []
            with transaction() as db:
                task = db.get(Task, task_id)
                assert task is not None
                do_import_annotations(db, task, fm.ImportedDataset(dataset.labels, subset_items, subset_tracks),
                                      conv_mask_to_poly=bool(context.params.get("conv_mask_to_poly", True)))
    except BaseException:
        with transaction() as db:
            for task_id in created:
                task = db.get(Task, task_id)
                if task is not None:
                    db.delete(task)
        for task_id in created:
            remove_task_files(task_id)
        raise
    remove_import_file(context)
