"""Context images: CVAT's 2D and 3D layouts attach them to their frame and keep them out of the frames."""

from __future__ import annotations

import pytest

from contour.errors import ValidationError
from contour.media.related import MAX_RELATED_IMAGES, split_related


def test_2d_context_images_belong_to_the_image_named_by_their_folder() -> None:
    media, related = split_related(
        [
            "dir/img1.jpg",
            "dir/img2.jpg",
            "dir/related_images/img1_jpg/ctx1.png",
            "dir/related_images/img1_jpg/ctx0.jpg",
        ]
    )
    assert media == ["dir/img1.jpg", "dir/img2.jpg"]
    assert related == {"dir/img1.jpg": ["dir/related_images/img1_jpg/ctx0.jpg", "dir/related_images/img1_jpg/ctx1.png"]}


def test_2d_context_folder_name_includes_the_extension() -> None:
    _, related = split_related(["a.png", "a.jpg", "related_images/a_png/ctx.jpg"])
    assert related == {"a.png": ["related_images/a_png/ctx.jpg"]}


def test_2d_context_images_of_a_missing_frame_are_not_frames() -> None:
    media, related = split_related(["img1.jpg", "related_images/gone_jpg/ctx.jpg", "related_images/stray.png"])
    assert media == ["img1.jpg"] and related == {}


def test_2d_frames_keep_their_original_order() -> None:
    media, _ = split_related(["b.jpg", "related_images/b_jpg/x.png", "a.jpg", "c/d.jpg"])
    assert media == ["b.jpg", "a.jpg", "c/d.jpg"]


def test_2d_context_images_only_come_from_the_frames_own_folder() -> None:
    _, related = split_related(["x/img.jpg", "y/img.jpg", "y/related_images/img_jpg/ctx.png"])
    assert related == {"y/img.jpg": ["y/related_images/img_jpg/ctx.png"]}


def test_3d_context_images_beside_the_cloud() -> None:
    media, related = split_related(["scene/0001.pcd", "scene/related_images/0001_pcd/cam.jpg"])
    assert media == ["scene/0001.pcd"]
    assert related == {"scene/0001.pcd": ["scene/related_images/0001_pcd/cam.jpg"]}


def test_3d_pointcloud_folder_layout_finds_context_images_one_level_up() -> None:
    media, related = split_related(
        [
            "pointcloud/0001.pcd",
            "pointcloud/0002.pcd",
            "related_images/0001_pcd/front.png",
            "related_images/0001_pcd/back.png",
            "related_images/0002_pcd/front.png",
        ]
    )
    assert media == ["pointcloud/0001.pcd", "pointcloud/0002.pcd"]
    assert related == {
        "pointcloud/0001.pcd": ["related_images/0001_pcd/back.png", "related_images/0001_pcd/front.png"],
        "pointcloud/0002.pcd": ["related_images/0002_pcd/front.png"],
    }


def test_kitti_raw_layout_takes_the_same_frame_from_every_camera() -> None:
    media, related = split_related(
        [
            "drive/velodyne_points/data/0000000000.bin",
            "drive/velodyne_points/data/0000000001.bin",
            "drive/IMAGE_00/data/0000000000.png",
            "drive/IMAGE_01/data/0000000000.png",
            "drive/image_02/data/0000000001.jpg",
            "drive/IMAGE_00/data/0000000001.png",
        ]
    )
    assert media == ["drive/velodyne_points/data/0000000000.bin", "drive/velodyne_points/data/0000000001.bin"]
    assert related == {
        "drive/velodyne_points/data/0000000000.bin": [
            "drive/IMAGE_00/data/0000000000.png",
            "drive/IMAGE_01/data/0000000000.png",
        ],
        "drive/velodyne_points/data/0000000001.bin": [
            "drive/IMAGE_00/data/0000000001.png",
            "drive/image_02/data/0000000001.jpg",
        ],
    }


def test_kitti_files_that_are_not_images_stay_for_the_caller() -> None:
    media, _ = split_related(["velodyne_points/data/0.bin", "velodyne_points/timestamps.txt", "IMAGE_00/data/0.png"])
    assert media == ["velodyne_points/data/0.bin", "velodyne_points/timestamps.txt"]


def test_3d_image_with_the_clouds_stem_in_its_folder_is_context() -> None:
    _, related = split_related(["data/frame.pcd", "data/frame.png", "data/other.png"])
    assert related == {"data/frame.pcd": ["data/frame.png"]}


def test_3d_folder_named_after_the_cloud_makes_all_its_images_context() -> None:
    _, related = split_related(["data/frame_1/frame_1.pcd", "data/frame_1/left.png", "data/frame_1/right.jpg"])
    assert related == {"data/frame_1/frame_1.pcd": ["data/frame_1/left.png", "data/frame_1/right.jpg"]}


def test_3d_images_that_belong_to_no_cloud_are_not_frames() -> None:
    media, related = split_related(["a.pcd", "lonely.png"])
    assert media == ["a.pcd"] and related == {}


def test_at_most_twelve_context_images_per_frame() -> None:
    allowed = ["img.jpg"] + [f"related_images/img_jpg/{i:02d}.png" for i in range(MAX_RELATED_IMAGES)]
    assert len(split_related(allowed)[1]["img.jpg"]) == MAX_RELATED_IMAGES
    with pytest.raises(ValidationError, match=r"img\.jpg: 13 context images, at most 12"):
        split_related([*allowed, "related_images/img_jpg/extra.png"])
