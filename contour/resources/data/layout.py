"""Deciding a task's frames from its files: media kind, related images, manifest, order and range."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from contour.errors import ValidationError
from contour.media import images, manifest, pointclouds, related, video
from contour.resources.data.schemas import DataRequest


@dataclass
class FrameLayout:
    kind: str  # "images", "video" or "pointcloud"
    ordered: list[str]  # every media file in task order (before the frame range)
    selected: list[str]  # the task's frames (images/point clouds) after start/stop/step
    related: dict[str, list[str]] = field(default_factory=dict)
    manifest: manifest.ImagesManifest | None = None
    video_path: str | None = None


def _classify(files: list[str]) -> tuple[list[str], list[str], list[str], list[str]]:
    videos, clouds, pictures, manifests = [], [], [], []
    unsupported = []
    for name in files:
        path = Path(name)
        if name.lower().endswith(".jsonl"):
            manifests.append(name)
        elif path.name == "index.json":
            continue  # CVAT's manifest index: regenerated, never media
        elif video.is_video(path):
            videos.append(name)
        elif pointclouds.is_point_cloud(path):
            clouds.append(name)
        elif images.is_image(path):
            pictures.append(name)
        else:
            unsupported.append(name)
    if unsupported:
        shown = ", ".join(unsupported[:5]) + (" …" if len(unsupported) > 5 else "")
        raise ValidationError({"client_files": [f"Unsupported file type: {shown}."]})
    return videos, clouds, pictures, manifests


def plan_frames(root: Path, files: list[str], request: DataRequest, from_archive: bool) -> FrameLayout:
    videos, clouds, pictures, manifests = _classify(files)
    if len(manifests) > 1:
        raise ValidationError("At most one manifest file may be given with the data.")
    if videos:
        if len(videos) > 1 or clouds or pictures:
            raise ValidationError("A video must be the only media of its task.")
        return FrameLayout("video", videos, [], video_path=videos[0])
    if clouds and pictures:
        media, related_map = related.split_related(clouds + pictures)
        if any(not pointclouds.is_point_cloud(Path(m)) for m in media):
            raise ValidationError("Point clouds and 2D images cannot be mixed (except as related images).")
        kind = "pointcloud"
    elif clouds:
        media, related_map = clouds, {}
        kind = "pointcloud"
    elif pictures:
        media, related_map = related.split_related(pictures)
        kind = "images"
    else:
        raise ValidationError("No media files were given.")
    parsed = manifest.read_manifest(root / manifests[0]) if manifests else None
    if parsed is not None and not isinstance(parsed, manifest.ImagesManifest):
        raise ValidationError("A video manifest was given with images.")
    ordered = _order(media, request, parsed, from_archive)
    selected = _frame_range(ordered, request)
    return FrameLayout(kind, ordered, selected, related_map, parsed)


def _order(media: list[str], request: DataRequest, parsed: manifest.ImagesManifest | None, from_archive: bool) -> list[str]:
    if request.job_file_mapping:
        # The mapping fixes both the order of frames and which job gets them.
        return _predefined(media, [name for group in request.job_file_mapping for name in group])
    if parsed is not None:
        in_manifest_order = manifest.check_manifest_matches(parsed, media)
        if request.sorting_method == "predefined":
            return in_manifest_order
    if request.sorting_method == "predefined":
        if request.upload_file_order:
            return _predefined(media, request.upload_file_order)
        if from_archive:
            raise ValidationError("Predefined order of files inside an archive needs a manifest.")
        return media  # the order the files were given in
    return images.sort_names(media, request.sorting_method)


def _predefined(media: list[str], order: list[str]) -> list[str]:
    by_name = {Path(m).name: m for m in media}
    by_path = {m: m for m in media}
    result = []
    for name in order:
        match = by_path.get(name) or by_name.get(Path(name).name)
        if match is None:
            raise ValidationError({"upload_file_order": [f"'{name}' is not among the uploaded files."]})
        result.append(match)
    if len(set(result)) != len(media):
        raise ValidationError({"upload_file_order": ["The order must list every uploaded file exactly once."]})
    return result


def frame_numbers(total: int, request: DataRequest) -> range:
    """Source frame indices kept by start_frame/stop_frame/step (the task's frames, in order)."""
    if request.start_frame >= total:
        raise ValidationError({"start_frame": [f"start_frame {request.start_frame} is past the last frame ({total - 1})."]})
    stop = total - 1 if request.stop_frame is None else min(request.stop_frame, total - 1)
    if stop < request.start_frame:
        raise ValidationError({"stop_frame": ["stop_frame is before start_frame."]})
    return range(request.start_frame, stop + 1, request.frame_step)


def _frame_range(ordered: list[str], request: DataRequest) -> list[str]:
    return [ordered[i] for i in frame_numbers(len(ordered), request)]
