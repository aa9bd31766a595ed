"""Context ("related") images: split an upload's files into frames and the context images of each frame.

The layouts are CVAT's (paths relative to the upload root, `/`-separated):
* 2D: `dir/img1.jpg` owns `dir/related_images/img1_jpg/*` (the folder is the file name with its
  last dot turned into `_`). Nothing under a `related_images/` folder is ever a frame.
* 3D, for a cloud `dir/name.pcd` (or a KITTI `name.bin`, which becomes `name.pcd`):
  - `dir/related_images/name_pcd/*`, and `dir/../related_images/name_pcd/*` (the `pointcloud/`
    layout, where clouds sit in a folder beside `related_images/`);
  - images beside the cloud with the same stem (`dir/name.png`);
  - every image in `dir` when the folder itself is called `name` (one folder per frame);
  - KITTI raw: `velodyne_points/data/name.bin` owns `image_XX/data/name.*` in each sibling camera folder.
  In a point-cloud upload every image is context: one that belongs to no cloud is dropped, since a
  3D task has no image frames (CVAT does the same).
"""

from __future__ import annotations

import posixpath
import re
from collections import defaultdict
from collections.abc import Sequence

from contour.errors import ValidationError
from contour.media.images import is_image
from contour.media.pointclouds import is_point_cloud

MAX_RELATED_IMAGES = 12
RELATED_DIR = "related_images"

_KITTI_CAMERA = re.compile(r"image_\d", re.IGNORECASE)
_KITTI_CLOUDS = "velodyne_points/data"


def split_related(paths: Sequence[str]) -> tuple[list[str], dict[str, list[str]]]:
    """(frames in their original order, frame -> its sorted context images for frames that have any).

    Frames are every path that is not a context image; telling media from other files is the caller's job.
    """
    if any(is_point_cloud(path) for path in paths):
        related = _related_3d(paths)
        media = [path for path in paths if not is_image(path)]
    else:
        related = _related_2d(paths)
        media = [path for path in paths if not _in_related_dir(path)]
    for frame, images in related.items():
        if len(images) > MAX_RELATED_IMAGES:
            raise ValidationError(
                f"{frame}: {len(images)} context images, at most {MAX_RELATED_IMAGES} are allowed per frame"
            )
    return media, related


def _related_2d(paths: Sequence[str]) -> dict[str, list[str]]:
    by_folder: dict[str, list[str]] = defaultdict(list)
    for path in paths:
        if _in_related_dir(path) and is_image(path):
            by_folder[posixpath.dirname(path)].append(path)
    related: dict[str, list[str]] = {}
    for path in paths:
        if is_image(path) and not _in_related_dir(path):
            folder, name = posixpath.split(path)
            images = by_folder.get(_join(folder, RELATED_DIR, _folder_name(name)))
            if images:
                related[path] = sorted(images)
    return related


def _related_3d(paths: Sequence[str]) -> dict[str, list[str]]:
    by_folder: dict[str, list[str]] = defaultdict(list)
    by_stem: dict[tuple[str, str], list[str]] = defaultdict(list)
    for path in paths:
        if is_image(path):
            folder, name = posixpath.split(path)
            by_folder[folder].append(path)
            by_stem[folder, posixpath.splitext(name)[0]].append(path)
    cameras = _kitti_camera_folders(by_folder)
    related: dict[str, list[str]] = {}
    for path in paths:
        if not is_point_cloud(path):
            continue
        folder, name = posixpath.split(path)
        stem = posixpath.splitext(name)[0]
        found: set[str] = set()
        folder_names = {_folder_name(name), f"{stem}_pcd"}  # a .bin is matched as the .pcd it becomes
        roots = [_join(folder, RELATED_DIR)] + ([_join(posixpath.dirname(folder), RELATED_DIR)] if folder else [])
        for root in roots:
            for folder_name in folder_names:
                found.update(by_folder.get(_join(root, folder_name), ()))
        if posixpath.basename(folder) == stem:
            found.update(by_folder.get(folder, ()))
        else:
            found.update(by_stem.get((folder, stem), ()))
        if folder == _KITTI_CLOUDS or folder.endswith("/" + _KITTI_CLOUDS):
            for camera in cameras.get(posixpath.dirname(posixpath.dirname(folder)), ()):
                found.update(by_stem.get((camera, stem), ()))
        if found:
            related[path] = sorted(found)
    return related


def _kitti_camera_folders(by_folder: dict[str, list[str]]) -> dict[str, list[str]]:
    """Sequence folder -> its `image_XX/data` folders that hold images."""
    cameras: dict[str, list[str]] = defaultdict(list)
    for folder in by_folder:
        camera, leaf = posixpath.split(folder)
        if leaf == "data" and _KITTI_CAMERA.match(posixpath.basename(camera)):
            cameras[posixpath.dirname(camera)].append(folder)
    return cameras


def _in_related_dir(path: str) -> bool:
    return RELATED_DIR in path.split("/")[:-1]


def _folder_name(file_name: str) -> str:
    return "_".join(file_name.rsplit(".", 1))


def _join(*parts: str) -> str:
    return "/".join(part for part in parts if part)
