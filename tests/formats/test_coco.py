"""COCO 1.0 and COCO Keypoints 1.0: CVAT's instance rules, round trips, conformance with Datumaro's reader and
writer, the sample datasets, bad input."""

from __future__ import annotations

import io
import shutil
import zipfile
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import datumaro as dm
import numpy as np
import orjson
import pytest
from PIL import Image as PILImage

from contour.core.masks import (
    bitmap_to_coco_rle,
    bitmap_to_cvat_mask,
    coco_rle_to_bitmap,
    cvat_mask_to_frame,
    ellipse_to_bitmap,
    polygon_to_bitmap,
)
from contour.formats.coco_keypoints import keypoint_layout
from contour.formats.errors import DatasetError
from contour.formats.memory import MemorySource
from contour.formats.model import AttributeSpec, Frame, ImportedDataset, LabelSpec, Shape, Track, TrackedShape
from contour.formats.tracks import shapes_by_frame, tracks_from_shapes
from tests.formats.builders import (
    CAR,
    PERSON,
    box,
    export_to_dir,
    export_to_zip,
    frame,
    import_from,
    meta,
    zip_names,
)
from tests.formats.builders import rich_source as builders_rich_source
from tests.formats.conftest import SAMPLES

FORMAT = "COCO 1.0"
KEYPOINTS = "COCO Keypoints 1.0"
SAMPLE = SAMPLES / "coco_dataset"
INSTANCES_FILE = "annotations/instances_default.json"
KEYPOINTS_FILE = "annotations/person_keypoints_default.json"


def block(left: int, top: int, width: int, height: int) -> np.ndarray[Any, np.dtype[np.bool_]]:
    """A 64×48 frame bitmap: a width×height block at (left, top) less its top-left pixel (not a rectangle)."""
    bitmap = np.zeros((48, 64), dtype=bool)
    bitmap[top : top + height, left : left + width] = True
    bitmap[top, left] = False
    return bitmap


def rich_source() -> MemorySource:
    # builders.square_mask() appends a second box to points that already end with one; use a valid mask.
    source = builders_rich_source()
    shapes = source.frame_list[0].shapes
    shapes[:] = [replace(s, points=bitmap_to_cvat_mask(block(10, 10, 8, 6))) if s.type == "mask" else s for s in shapes]
    return source


def read_json(path: Path) -> Any:
    return orjson.loads(path.read_bytes())


def by_name(dataset: ImportedDataset) -> dict[str, list[Shape]]:
    return {str(item.name): item.shapes for item in dataset.items}


def write_json(path: Path, data: object) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(orjson.dumps(data, option=orjson.OPT_INDENT_2))
    return path


def coco_document(**changes: Any) -> dict[str, Any]:
    """A small valid instances document; keyword arguments replace its top-level keys."""
    document: dict[str, Any] = {
        "licenses": [], "info": {},
        "categories": [{"id": 1, "name": "car", "supercategory": ""}],
        "images": [{"id": 1, "width": 64, "height": 48, "file_name": "a.jpg"}],
        "annotations": [{"id": 1, "image_id": 1, "category_id": 1, "segmentation": [], "bbox": [1, 2, 3, 4],
                         "iscrowd": 0, "area": 12}],
    }
    document.update(changes)
    return document


# --- export: CVAT's rules --------------------------------------------------------------------------------------


def test_export_layout_header_and_ids(tmp_path: Path) -> None:
    data = export_to_zip(FORMAT, rich_source(), tmp_path / "out.zip", save_images=True).read_bytes()
    assert zip_names(data) == [
        INSTANCES_FILE, "images/default/img0.png", "images/default/img2.png", "images/default/sub/img1.png",
    ]
    document = orjson.loads(zipfile.ZipFile(io.BytesIO(data)).read(INSTANCES_FILE))
    assert list(document) == ["licenses", "info", "categories", "images", "annotations"]
    assert document["licenses"] == [{"name": "", "id": 0, "url": ""}]
    # Every label is a category, skeleton points after their skeleton (CVAT's flat label list).
    assert [(c["id"], c["name"], c["supercategory"]) for c in document["categories"]] == [
        (1, "car", ""), (2, "person", ""), (3, "animal", ""), (4, "head", "animal"), (5, "tail", "animal"),
        (6, "sunny", ""),
    ]
    assert [(i["id"], i["file_name"], i["width"], i["height"]) for i in document["images"]] == [
        (1, "img0.png", 64, 48), (2, "sub/img1.png", 64, 48), (3, "img2.png", 64, 48),
    ]
    assert [a["id"] for a in document["annotations"]] == list(range(1, len(document["annotations"]) + 1))


def test_export_follows_cvat_instances(tmp_path: Path) -> None:
    export_to_dir(FORMAT, rich_source(), tmp_path)
    document = read_json(tmp_path / INSTANCES_FILE)
    assert [i["file_name"] for i in document["images"]] == ["img0.jpg", "sub/img1.jpg", "img2.jpg"]
    frame0 = [a for a in document["annotations"] if a["image_id"] == 1]
    # Ungrouped first (ellipse and mask as RLE, the track's box), then group 1 merged; polylines, points,
    # skeletons and tags have no place in instances.
    ellipse, mask, track_box, group = frame0
    assert ellipse["category_id"] == 1 and ellipse["iscrowd"] == 1
    expected_ellipse = ellipse_to_bitmap([32, 24, 42, 30], 0.0, 64, 48)
    assert ellipse["segmentation"]["size"] == [48, 64]
    assert np.array_equal(coco_rle_to_bitmap(ellipse["segmentation"]), expected_ellipse)
    assert ellipse["area"] == expected_ellipse.sum()
    assert ellipse["attributes"] == {"color": "red", "parked": False, "occluded": False}
    assert mask["category_id"] == 2 and mask["iscrowd"] == 1
    assert np.array_equal(coco_rle_to_bitmap(mask["segmentation"]), block(10, 10, 8, 6))
    assert mask["bbox"] == [10.0, 10.0, 8.0, 6.0] and mask["area"] == 47.0
    assert track_box["segmentation"] == [] and track_box["bbox"] == [40.0, 10.0, 10.0, 10.0]
    assert track_box["attributes"] == {
        "color": "red", "parked": False, "occluded": False, "rotation": 0.0, "track_id": 0, "keyframe": True,
    }
    # The polygon (625 px²) outweighs the box (400 px²): it leads, the bbox covers both.
    assert group["category_id"] == 2 and group["iscrowd"] == 0
    assert group["segmentation"] == [[5.0, 5.0, 30.0, 5.0, 30.0, 30.0, 5.0, 30.0]]
    assert group["bbox"] == [1.0, 2.0, 29.0, 28.0] and group["area"] == 625.0
    assert group["attributes"] == {"age": 40.0, "occluded": False}
    rotated, interpolated = [a for a in document["annotations"] if a["image_id"] == 2]
    assert rotated["bbox"] == [10.0, 10.0, 20.0, 30.0] and rotated["attributes"]["rotation"] == 30.0
    assert interpolated["attributes"]["keyframe"] is False


IS_CROWD = LabelSpec("crowd", attributes=(AttributeSpec("is_crowd", "checkbox", False, ("false",), "false"),))


def test_is_crowd_and_group_leaders(tmp_path: Path) -> None:
    polygon = [2, 2, 20, 2, 20, 20, 2, 20]
    mask = bitmap_to_cvat_mask(block(30, 5, 6, 4))
    shapes = [
        Shape("polygon", "crowd", polygon, attributes={"is_crowd": "true"}),
        Shape("mask", "crowd", mask),  # is_crowd defaults to false: traced into polygons
        # No is_crowd: a mask of the leader's label in the group makes one RLE of everything.
        Shape("polygon", "car", [40, 30, 60, 30, 60, 46, 40, 46], group=1),
        Shape("mask", "car", bitmap_to_cvat_mask(block(50, 20, 4, 4)), group=1),
        # A mask of another label: polygons, the mask traced.
        Shape("polygon", "car", [0, 30, 20, 30, 20, 46, 0, 46], group=2),
        Shape("mask", "person", bitmap_to_cvat_mask(block(22, 40, 4, 4)), group=2),
    ]
    source = MemorySource(meta((CAR, PERSON, IS_CROWD), 1), [frame(0, "a.png", shapes)])
    export_to_dir(FORMAT, source, tmp_path)
    crowd, traced, merged, split = read_json(tmp_path / INSTANCES_FILE)["annotations"]
    assert crowd["iscrowd"] == 1 and "is_crowd" not in crowd["attributes"]
    assert np.array_equal(coco_rle_to_bitmap(crowd["segmentation"]), polygon_to_bitmap(polygon, 64, 48))
    assert traced["iscrowd"] == 0 and len(traced["segmentation"]) == 1
    assert np.array_equal(polygon_to_bitmap(traced["segmentation"][0], 64, 48), block(30, 5, 6, 4))
    assert merged["iscrowd"] == 1 and merged["category_id"] == 1
    expected = polygon_to_bitmap([40, 30, 60, 30, 60, 46, 40, 46], 64, 48) | block(50, 20, 4, 4)
    assert np.array_equal(coco_rle_to_bitmap(merged["segmentation"]), expected)
    assert merged["bbox"] == [40.0, 20.0, 20.0, 26.0]
    assert split["iscrowd"] == 0 and len(split["segmentation"]) == 2
    # Read back: an RLE is a mask, polygons of one annotation share a group.
    shapes_back = import_from(FORMAT, tmp_path).items
    (item,) = shapes_back
    assert [(s.type, s.label, s.group) for s in item.shapes] == [
        ("mask", "crowd", 0), ("polygon", "crowd", 0), ("mask", "car", 0), ("polygon", "car", 1), ("polygon", "car", 1),
    ]
    assert np.array_equal(cvat_mask_to_frame(item.shapes[2].points, 64, 48), expected)


def test_rasters_at_the_frame_edges(tmp_path: Path) -> None:
    # Shapes cut by the frame's edges and a rotated ellipse: the shape-sized rasters give the frame's pixels.
    ellipse = [60, 40, 70, 33]
    polygon = [-5.5, 30.2, 12.7, 28.1, 9.3, 55.0]
    edge_mask = np.zeros((48, 64), dtype=bool)
    edge_mask[40:48, 58:64] = True
    shapes = [
        Shape("ellipse", "crowd", ellipse, rotation=35.0, attributes={"is_crowd": "true"}),
        Shape("polygon", "crowd", polygon, attributes={"is_crowd": "1"}),
        Shape("mask", "crowd", bitmap_to_cvat_mask(edge_mask), attributes={"is_crowd": "true", "score": "0.25"}),
    ]
    export_to_dir(FORMAT, MemorySource(meta((IS_CROWD,), 1), [frame(0, "a.png", shapes)]), tmp_path)
    first, second, third = read_json(tmp_path / INSTANCES_FILE)["annotations"]
    assert np.array_equal(coco_rle_to_bitmap(first["segmentation"]), ellipse_to_bitmap(ellipse, 35.0, 64, 48))
    assert np.array_equal(coco_rle_to_bitmap(second["segmentation"]), polygon_to_bitmap(polygon, 64, 48))
    assert np.array_equal(coco_rle_to_bitmap(third["segmentation"]), edge_mask)
    assert third["score"] == 0.25 and "score" not in third["attributes"] and third["bbox"] == [58.0, 40.0, 6.0, 8.0]


def test_compressed_rle_is_read(tmp_path: Path) -> None:
    bitmap = block(20, 7, 9, 13)
    rle = bitmap_to_coco_rle(bitmap, compressed=True)
    document = coco_document(annotations=[_annotation(segmentation=rle, iscrowd=1)])
    ((mask,),) = [i.shapes for i in import_from(FORMAT, write_json(tmp_path / "instances_x.json", document)).items]
    assert mask.type == "mask" and np.array_equal(cvat_mask_to_frame(mask.points, 64, 48), bitmap)


def test_export_subsets_and_empty_source(tmp_path: Path) -> None:
    frames = [
        frame(0, "a.jpg", [box("car", 0, 0, 5, 5)], subset="train"),
        frame(1, "b.jpg", [box("car", 1, 1, 5, 5)], subset="val"),
        frame(2, "c.jpg", [], subset="train"),
    ]
    export_to_dir(FORMAT, MemorySource(meta(), frames), tmp_path / "split", save_images=True)
    train = read_json(tmp_path / "split/annotations/instances_train.json")
    val = read_json(tmp_path / "split/annotations/instances_val.json")
    assert [i["id"] for i in train["images"]] == [1, 3] and [i["id"] for i in val["images"]] == [2]
    assert [a["id"] for a in val["annotations"]] == [1]
    assert (tmp_path / "split/images/val/b.png").is_file()
    dataset = import_from(FORMAT, tmp_path / "split")
    assert sorted((i.subset, i.name) for i in dataset.items) == [("train", "a"), ("train", "c"), ("val", "b")]
    export_to_dir(FORMAT, MemorySource(meta(), []), tmp_path / "empty")
    empty = read_json(tmp_path / "empty" / INSTANCES_FILE)
    assert empty["images"] == [] and empty["annotations"] == [] and len(empty["categories"]) == 6


class OnceSource(MemorySource):
    """An export source whose frames can be read only once, as the server's."""

    def frames(self) -> Iterator[Frame]:
        assert not getattr(self, "read", False), "frames() read twice"
        self.read = True
        yield from super().frames()


def test_export_reads_frames_once(tmp_path: Path) -> None:
    source = rich_source()
    once = OnceSource(source.meta, source.frame_list, source.track_list)
    export_to_zip(KEYPOINTS, once, tmp_path / "k.zip", save_images=True)
    once.read = False
    export_to_zip(FORMAT, once, tmp_path / "i.zip")


# --- round trips -----------------------------------------------------------------------------------------------


def test_round_trip(tmp_path: Path) -> None:
    source = rich_source()
    export_to_zip(FORMAT, source, tmp_path / "out.zip", save_images=True)
    with zipfile.ZipFile(tmp_path / "out.zip") as archive:
        archive.extractall(tmp_path / "x")
    dataset = import_from(FORMAT, tmp_path / "x")
    assert [label.name for label in dataset.labels] == ["car", "person", "animal", "head", "tail", "sunny"]
    items = list(dataset.items)
    assert [(i.name, i.subset, i.width, i.height) for i in items] == [
        ("img0", "default", 64, 48), ("sub/img1", "default", 64, 48), ("img2", "default", 64, 48),
    ]
    assert all(i.image is not None and i.image.is_file() for i in items)
    ellipse, mask, track_box, polygon = items[0].shapes
    assert ellipse.type == "mask" and ellipse.label == "car"
    assert np.array_equal(cvat_mask_to_frame(ellipse.points, 64, 48), ellipse_to_bitmap([32, 24, 42, 30], 0, 64, 48))
    assert ellipse.attributes == {"color": "red", "parked": "false"}
    assert np.array_equal(cvat_mask_to_frame(mask.points, 64, 48), block(10, 10, 8, 6))
    assert (polygon.type, polygon.label, polygon.points, polygon.attributes) == (
        "polygon", "person", [5, 5, 30, 5, 30, 30, 5, 30], {"age": "40"},
    )
    assert not polygon.occluded and polygon.track_id is None
    (rotated,) = items[1].shapes  # the track's interpolated box is not a keyframe: CVAT drops it
    assert (rotated.type, rotated.points, rotated.rotation) == ("rectangle", [10, 10, 30, 40], 30.0)
    assert rotated.attributes == {"color": "red", "parked": "false"}
    # The track comes back with its keyframes and attributes.
    pairs = [(index, s) for index, item in enumerate(items) for s in item.shapes if s.track_id is not None]
    assert track_box.track_id == 0 and track_box.keyframe
    (track,) = tracks_from_shapes(pairs)
    assert [(s.frame, s.points, s.outside, s.attributes) for s in track.shapes] == [
        (0, [40, 10, 50, 20], False, {"color": "red", "parked": "false"}),
        (2, [44, 14, 54, 24], False, {"color": "red", "parked": "true"}),
    ]


def video_source() -> MemorySource:
    """Eight video frames; a track that leaves on frame 2, comes back on 4 and ends on 6."""
    frames = [frame(i, f"frame_{i:06d}.PNG") for i in range(8)]
    track = Track("car", [
        TrackedShape("rectangle", 0, [0, 0, 10, 10], attributes={"parked": "false"}),
        TrackedShape("rectangle", 2, [2, 2, 12, 12], outside=True),
        TrackedShape("rectangle", 4, [4, 4, 14, 14], occluded=True, attributes={"parked": "true"}),
        TrackedShape("rectangle", 6, [8, 8, 18, 18]),
        TrackedShape("rectangle", 7, [8, 8, 18, 18], outside=True),
    ], attributes={"color": "blue"}, id=0)
    return MemorySource(meta(size=8, is_video=True), frames, [track])


def test_track_round_trip_shows_on_the_same_frames(tmp_path: Path) -> None:
    source = video_source()
    export_to_dir(FORMAT, source, tmp_path)
    items = list(import_from(FORMAT, tmp_path).items)
    assert [i.name for i in items] == [f"frame_{i:06d}" for i in range(8)]
    pairs = [(index, s) for index, item in enumerate(items) for s in item.shapes]
    tracks = tracks_from_shapes(pairs)
    expected = shapes_by_frame(source.track_list, 7)
    got = shapes_by_frame(tracks, 7)
    assert sorted(got) == sorted(expected) == [0, 1, 4, 5, 6]
    for index in expected:
        (want,), (have,) = expected[index], got[index]
        assert have.points == pytest.approx(want.points) and have.occluded == want.occluded
        assert have.attributes["parked"] == want.attributes["parked"]


def test_keypoints_export_and_round_trip(tmp_path: Path) -> None:
    source = rich_source()
    shapes = source.frame_list[1].shapes
    # A skeleton grouped with a box takes the box as its bbox; an outside point has visibility 0.
    shapes.append(Shape("skeleton", "animal", [], group=3, attributes={}, elements=[
        Shape("points", "head", [14, 15], outside=True), Shape("points", "tail", [20, 22]),
    ]))
    shapes.append(box("car", 12, 13, 25, 30, group=3))
    export_to_dir(KEYPOINTS, source, tmp_path, save_images=True)
    document = read_json(tmp_path / KEYPOINTS_FILE)
    assert [(c["id"], c["name"], c["keypoints"], c["skeleton"]) for c in document["categories"]] == [
        (1, "car", [], []), (2, "person", [], []), (3, "animal", ["head", "tail"], [[1, 2]]), (6, "sunny", [], []),
    ]
    solitary, grouped = document["annotations"]
    assert solitary["image_id"] == 1 and solitary["category_id"] == 3
    assert solitary["keypoints"] == [12, 12, 2, 28, 30, 1] and solitary["num_keypoints"] == 2
    assert solitary["bbox"] == [12, 12, 16, 18] and solitary["segmentation"] == [] and solitary["area"] == 288
    assert grouped["image_id"] == 2 and grouped["category_id"] == 3
    assert grouped["keypoints"] == [14, 15, 0, 20, 22, 2] and grouped["num_keypoints"] == 1
    assert grouped["bbox"] == [12, 13, 13, 17]

    dataset = import_from(KEYPOINTS, tmp_path)
    labels = {label.name: label for label in dataset.labels}
    assert list(labels) == ["car", "person", "animal", "sunny"]
    animal = labels["animal"]
    assert animal.type == "skeleton" and [s.name for s in animal.sublabels] == ["head", "tail"]
    assert keypoint_layout(animal) == (["head", "tail"], [[1, 2]])
    items = by_name(dataset)
    assert set(items) == {"img0", "sub/img1", "img2"} and items["img2"] == []
    (first,) = items["img0"]
    assert [(e.label, e.points, e.occluded, e.outside) for e in first.elements] == [
        ("head", [12, 12], False, False), ("tail", [28, 30], True, False),
    ]
    (second,) = items["sub/img1"]
    assert [(e.label, e.points, e.occluded, e.outside) for e in second.elements] == [
        ("head", [14, 15], False, True), ("tail", [20, 22], False, False),
    ]


def test_skeleton_track_round_trip(tmp_path: Path) -> None:
    # The head has a keyframe of its own on frame 2, where the skeleton has none: it must survive.
    track = Track("animal", [TrackedShape("skeleton", 0, []), TrackedShape("skeleton", 4, [])], id=0, elements=[
        Track("head", [TrackedShape("points", 0, [1, 1]), TrackedShape("points", 2, [9, 5], occluded=True),
                       TrackedShape("points", 4, [1, 9])]),
        Track("tail", [TrackedShape("points", 0, [20, 20]), TrackedShape("points", 4, [24, 20]),
                       TrackedShape("points", 5, [24, 20], outside=True)]),
    ])
    source = MemorySource(meta(size=7, is_video=True), [frame(i, f"frame_{i:06d}.PNG") for i in range(7)], [track])
    export_to_dir(KEYPOINTS, source, tmp_path)
    items = list(import_from(KEYPOINTS, tmp_path).items)
    tracks = tracks_from_shapes([(index, s) for index, item in enumerate(items) for s in item.shapes])
    expected, got = shapes_by_frame([track], 6), shapes_by_frame(tracks, 6)
    assert sorted(got) == sorted(expected) == list(range(7))
    for index in expected:
        (want,), (have,) = expected[index], got[index]
        assert [(e.label, e.occluded, e.outside) for e in have.elements] == [
            (e.label, e.occluded, e.outside) for e in want.elements
        ], index
        for have_point, want_point in zip(have.elements, want.elements, strict=True):
            if not want_point.outside:
                assert have_point.points == pytest.approx(want_point.points), index


def test_keypoint_layout_follows_the_svg_order() -> None:
    svg = (
        '<line data-type="edge" data-node-from="3" data-node-to="1"></line>'
        '<circle data-node-id="3" data-label-name="c"></circle><circle data-node-id="1" data-label-name="a"></circle>'
    )
    label = LabelSpec("s", type="skeleton", sublabels=(LabelSpec("a"), LabelSpec("c")), svg=svg)
    assert keypoint_layout(label) == (["c", "a"], [[1, 2]])
    broken = replace(label, svg="<circle")
    assert keypoint_layout(broken) == (["a", "c"], [])


# --- conformance with Datumaro --------------------------------------------------------------------------------


# pycocotools (under Datumaro's RLE masks) warns about NumPy 2's copy keyword when decoding.
@pytest.mark.filterwarnings("ignore:__array__ implementation doesn't accept a copy keyword:DeprecationWarning")
def test_datumaro_reads_our_instances(tmp_path: Path) -> None:
    export_to_dir(FORMAT, rich_source(), tmp_path, save_images=True)
    dataset = dm.Dataset.import_from(str(tmp_path), "coco_instances")
    names = [c.name for c in dataset.categories()[dm.AnnotationType.label].items]
    assert names == ["car", "person", "animal", "head", "tail", "sunny"]
    assert sorted(item.id for item in dataset) == ["img0", "img2", "sub/img1"]
    item = dataset.get("img0", "default")
    assert item.media.size == (48, 64)
    masks = sorted((a for a in item.annotations if a.type == dm.AnnotationType.mask), key=lambda a: a.label)
    assert [names[m.label] for m in masks] == ["car", "person"]
    assert np.array_equal(masks[0].image.astype(bool), ellipse_to_bitmap([32, 24, 42, 30], 0, 64, 48))
    assert np.array_equal(masks[1].image.astype(bool), block(10, 10, 8, 6))
    (polygon,) = [a for a in item.annotations if a.type == dm.AnnotationType.polygon]
    assert names[polygon.label] == "person" and polygon.points == [5, 5, 30, 5, 30, 30, 5, 30]
    assert polygon.attributes["age"] == 40 and polygon.attributes["occluded"] is False
    boxes = {tuple(a.get_bbox()): a for a in item.annotations if a.type == dm.AnnotationType.bbox}
    track = boxes[(40.0, 10.0, 10.0, 10.0)]
    assert track.attributes["track_id"] == 0 and track.attributes["keyframe"] is True
    (rotated,) = dataset.get("sub/img1", "default").annotations[-1:]
    assert rotated.attributes["rotation"] == 30.0


def test_datumaro_reads_our_keypoints(tmp_path: Path) -> None:
    export_to_dir(KEYPOINTS, rich_source(), tmp_path, save_images=True)
    dataset = dm.Dataset.import_from(str(tmp_path), "coco_person_keypoints")
    labels = dataset.categories()[dm.AnnotationType.label]
    points_categories = dataset.categories()[dm.AnnotationType.points]
    animal = labels.find("animal")[0]
    assert points_categories[animal].labels == ["head", "tail"]
    (points,) = [a for a in dataset.get("img0", "default").annotations if a.type == dm.AnnotationType.points]
    assert points.label == animal and points.points == [12, 12, 28, 30]
    assert points.visibility == [dm.Points.Visibility.visible, dm.Points.Visibility.hidden]


def _image(height: int, width: int) -> dm.Image:
    return dm.Image.from_numpy(np.zeros((height, width, 3), dtype=np.uint8))


def test_we_read_datumaro_instances(tmp_path: Path) -> None:
    mask = np.zeros((10, 12), dtype=np.uint8)
    mask[2:6, 3:9] = 1
    dataset = dm.Dataset.from_iterable([
        dm.DatasetItem("dir/one", subset="train", media=_image(10, 12), annotations=[
            dm.Bbox(1, 2, 3, 4, label=0, attributes={"x": 1, "flag": True, "text": "hi", "occluded": True}),
            dm.Polygon([0, 0, 4, 0, 4, 3], label=1, group=5, attributes={"score": 0.5}),
            dm.Mask(mask, label=1, attributes={"is_crowd": True}),
        ]),
        dm.DatasetItem("two", subset="val", media=_image(10, 12), annotations=[dm.Bbox(0, 0, 2, 2, label=1)]),
        dm.DatasetItem("empty", subset="val", media=_image(10, 12)),
    ], categories=["cat", "dog"])
    dataset.export(str(tmp_path), "coco_instances", save_media=True)
    imported = import_from(FORMAT, tmp_path)
    assert [label.name for label in imported.labels] == ["cat", "dog"]
    items = {(i.subset, i.name): i for i in imported.items}
    assert set(items) == {("train", "dir/one"), ("val", "two"), ("val", "empty")}
    one = items["train", "dir/one"]
    assert one.image == tmp_path / "images/train/dir/one.jpg" and (one.width, one.height) == (12, 10)
    shapes = {s.type: s for s in one.shapes}
    assert shapes["rectangle"].points == [1, 2, 4, 6] and shapes["rectangle"].label == "cat"
    assert shapes["rectangle"].occluded and shapes["rectangle"].attributes == {"x": "1", "flag": "true", "text": "hi"}
    assert shapes["polygon"].points == [0, 0, 4, 0, 4, 3] and shapes["polygon"].score == 0.5
    assert np.array_equal(cvat_mask_to_frame(shapes["mask"].points, 12, 10), mask.astype(bool))
    assert [s.points for s in items["val", "two"].shapes] == [[0, 0, 2, 2]] and items["val", "empty"].shapes == []


def test_we_read_datumaro_keypoints(tmp_path: Path) -> None:
    categories = {
        dm.AnnotationType.label: dm.LabelCategories.from_iterable(["pose"]),
        dm.AnnotationType.points: dm.PointsCategories.from_iterable([(0, ["nose", "eye", "ear"], {(1, 2), (2, 3)})]),
    }
    dataset = dm.Dataset.from_iterable([
        dm.DatasetItem("p", media=_image(20, 20), annotations=[
            dm.Points([1, 2, 3, 4, 5, 6], [2, 1, 0], label=0, attributes={"kind": "a"}),
        ]),
    ], categories=categories)
    dataset.export(str(tmp_path), "coco_person_keypoints", save_media=True)
    imported = import_from(KEYPOINTS, tmp_path)
    (pose,) = imported.labels
    names, edges = keypoint_layout(pose)
    assert names == ["nose", "eye", "ear"] and sorted(edges) == [[1, 2], [2, 3]]
    ((skeleton,),) = [i.shapes for i in imported.items]
    assert skeleton.attributes == {"kind": "a"}
    assert [(e.label, e.points, e.occluded, e.outside) for e in skeleton.elements] == [
        ("nose", [1, 2], False, False), ("eye", [3, 4], True, False), ("ear", [5, 6], False, True),
    ]


def test_we_read_datumaro_panoptic(tmp_path: Path) -> None:
    first = np.zeros((8, 10), dtype=np.uint8)
    first[1:4, 2:7] = 1
    second = np.zeros((8, 10), dtype=np.uint8)
    second[5:8, 0:3] = 1
    dataset = dm.Dataset.from_iterable([
        dm.DatasetItem("pan", subset="val", media=_image(8, 10), annotations=[
            dm.Mask(first, label=0, id=300, attributes={"kind": "x"}), dm.Mask(second, label=1, id=70000),
        ]),
    ], categories=["sky", "road"])
    dataset.export(str(tmp_path), "coco_panoptic", save_media=True)
    imported = import_from(FORMAT, tmp_path)
    assert [label.name for label in imported.labels] == ["sky", "road"]
    (item,) = imported.items
    assert (item.subset, item.name) == ("val", "pan")
    sky, road = item.shapes
    assert (sky.type, sky.label, sky.attributes, road.label) == ("mask", "sky", {"kind": "x"}, "road")
    assert np.array_equal(cvat_mask_to_frame(sky.points, 10, 8), first.astype(bool))
    assert np.array_equal(cvat_mask_to_frame(road.points, 10, 8), second.astype(bool))


# --- the sample datasets ---------------------------------------------------------------------------------------


def test_sample_instances() -> None:
    dataset = import_from(FORMAT, SAMPLE / "coco_instances")
    assert [label.name for label in dataset.labels] == ["a", "b", "c"]
    items = {(i.subset, i.name): i for i in dataset.items}
    assert set(items) == {("train", "a"), ("val", "b")}
    train, val = items["train", "a"], items["val", "b"]
    assert (train.width, train.height) == (10, 5) and train.image == SAMPLE / "coco_instances/images/train/a.jpg"
    assert [(s.type, s.label, s.points) for s in train.shapes] == [("rectangle", "b", [2, 2, 5, 3])]
    polygon, mask = val.shapes
    assert (polygon.type, polygon.label, polygon.points) == ("polygon", "a", [0, 0, 1, 0, 1, 2, 0, 2])
    assert polygon.attributes == {"x": "1", "y": "hello"}
    expected = np.zeros((10, 5), dtype=bool)
    expected[:, :2] = True  # 20 column-major pixels of a 10×5 image
    assert mask.label == "b" and np.array_equal(cvat_mask_to_frame(mask.points, 5, 10), expected)


def test_sample_keypoints() -> None:
    dataset = import_from(KEYPOINTS, SAMPLE / "coco_person_keypoints")
    a, b = dataset.labels
    # The sample's edges are 0-based; category b lists no names, its annotations carry three points.
    assert keypoint_layout(a) == (["a_1", "a_2", "a_3"], [[1, 2], [2, 3]])
    assert keypoint_layout(b) == (["1", "2", "3"], [[1, 2], [2, 3]])
    items = {(i.subset, i.name): i.shapes for i in dataset.items}
    ((train,),) = [items["train", "a"]]
    assert train.label == "b" and [(e.points, e.occluded, e.outside) for e in train.elements] == [
        ([0, 0], False, True), ([0, 2], True, False), ([4, 1], False, False),
    ]
    val = items["val", "b"]
    assert [(s.label, len(s.elements), s.attributes) for s in val] == [("a", 3, {"x": "1", "y": "hello"}), ("b", 3, {})]
    # Read as COCO 1.0, the same files give their segmentations and boxes.
    instances = {(i.subset, i.name): i.shapes for i in import_from(FORMAT, SAMPLE / "coco_person_keypoints").items}
    assert [s.type for s in instances["train", "a"]] == ["rectangle"]
    assert [s.type for s in instances["val", "b"]] == ["polygon", "mask"]


def test_sample_panoptic() -> None:
    dataset = import_from(FORMAT, SAMPLE / "coco_panoptic")
    assert [label.name for label in dataset.labels] == ["a", "b"]
    items = {(i.subset, i.name): i.shapes for i in dataset.items}
    (train,) = items["train", "a"]
    assert train.label == "a" and cvat_mask_to_frame(train.points, 5, 5).sum() == 25
    seven, twenty = items["val", "b"]
    assert (seven.label, twenty.label) == ("a", "b")
    assert cvat_mask_to_frame(seven.points, 5, 10).sum() == cvat_mask_to_frame(twenty.points, 5, 10).sum() == 20


def test_sample_with_every_task_reads_instances() -> None:
    dataset = import_from(FORMAT, SAMPLE / "coco")
    items = {(i.subset, i.name): [s.type for s in i.shapes] for i in dataset.items}
    assert items == {("train", "a"): ["rectangle"], ("val", "b"): ["polygon", "mask"]}
    keypoints = {(i.subset, i.name): len(i.shapes) for i in import_from(KEYPOINTS, SAMPLE / "coco").items}
    assert keypoints == {("train", "a"): 1, ("val", "b"): 2}


@pytest.mark.parametrize("folder", ["coco_captions", "coco_labels", "coco_image_info", "coco_stuff"])
def test_samples_without_instances_are_refused(folder: str) -> None:
    with pytest.raises(DatasetError, match="no COCO annotations"):
        import_from(FORMAT, SAMPLE / folder)
    with pytest.raises(DatasetError, match="no COCO keypoints"):
        import_from(KEYPOINTS, SAMPLE / folder)


# --- uploads and layouts ----------------------------------------------------------------------------------------


def test_bare_json_and_nested_root(tmp_path: Path) -> None:
    export_to_dir(FORMAT, rich_source(), tmp_path / "export")
    bare = import_from(FORMAT, tmp_path / "export" / INSTANCES_FILE)
    assert [i.name for i in bare.items] == ["img0", "sub/img1", "img2"] and all(i.image is None for i in bare.items)
    shutil.copytree(tmp_path / "export", tmp_path / "outer" / "top")
    nested = import_from(FORMAT, tmp_path / "outer")
    assert [len(i.shapes) for i in nested.items] == [len(i.shapes) for i in bare.items] == [4, 1, 1]
    export_to_dir(KEYPOINTS, rich_source(), tmp_path / "kp")
    assert len(list(import_from(KEYPOINTS, tmp_path / "kp" / KEYPOINTS_FILE).items)) == 3
    # A folder with one JSON file of another name is read as that task's file.
    write_json(tmp_path / "single" / "mine.json", coco_document())
    assert [len(i.shapes) for i in import_from(FORMAT, tmp_path / "single").items] == [1]


# --- bad input -------------------------------------------------------------------------------------------------


def _annotation(**changes: Any) -> dict[str, Any]:
    entry = coco_document()["annotations"][0]
    entry.update(changes)
    return entry


BAD_DOCUMENTS = [
    ({"images": None}, "no 'images' list"),
    ({"categories": None}, "'categories' must be a list"),
    ({"annotations": [{"id": 1, "image_id": 1, "bbox": [0, 0, 1, 1]}]}, "'category_id' is missing"),
    ({"annotations": [_annotation(category_id=9)]}, "category_id 9 is not a declared category"),
    ({"annotations": [_annotation(image_id=7)]}, "image_id 7 is not in 'images'"),
    ({"annotations": [_annotation(image_id=True)]}, "'image_id' must be an integer"),
    ({"annotations": [_annotation(bbox=[0, 0, -1, 1])]}, "negative size"),
    ({"annotations": [_annotation(bbox=[0, 0, 1e300, 1])]}, "out of range"),
    ({"annotations": [_annotation(segmentation=[[0, 0, 1, 1]])]}, "at least 3 x, y pairs"),
    ({"annotations": [_annotation(segmentation={"counts": [0, 5], "size": [2, 3]})]}, "does not match the image"),
    ({"annotations": [_annotation(segmentation={"counts": [0, 5], "size": [48, 64]})]}, "bad RLE"),
    ({"annotations": [_annotation(attributes=[1])]}, "'attributes' must be an object"),
    ({"annotations": [_annotation(attributes={"occluded": "maybe"})]}, "'occluded' must be a boolean"),
    ({"images": [{"id": 1, "file_name": "../up.jpg"}]}, "must be a relative path"),
    ({"images": [{"id": 1, "file_name": "a.jpg"}, {"id": 1, "file_name": "b.jpg"}]}, "listed twice"),
    ({"categories": [{"id": 1, "name": "a"}, {"id": 1, "name": "b"}]}, "declared twice"),
]


@pytest.mark.parametrize(("changes", "message"), BAD_DOCUMENTS)
def test_bad_documents(tmp_path: Path, changes: dict[str, Any], message: str) -> None:
    write_json(tmp_path / INSTANCES_FILE, coco_document(**changes))
    with pytest.raises(DatasetError, match=message) as caught:
        import_from(FORMAT, tmp_path)
    assert caught.value.file == INSTANCES_FILE


def test_malformed_json_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / INSTANCES_FILE
    path.parent.mkdir(parents=True)
    path.write_text('{\n  "images": [],\n  "annotations": [,]\n}\n')
    with pytest.raises(DatasetError, match="malformed JSON") as caught:
        import_from(FORMAT, tmp_path)
    assert (caught.value.file, caught.value.line) == (INSTANCES_FILE, 3)
    with pytest.raises(DatasetError, match="top level is not an object"):
        import_from(FORMAT, write_json(tmp_path / "list.json", [1, 2]))


def test_wrong_formats_are_refused(tmp_path: Path) -> None:
    voc = tmp_path / "voc"
    (voc / "Annotations").mkdir(parents=True)
    (voc / "Annotations" / "a.xml").write_text("<annotation/>")
    with pytest.raises(DatasetError, match="no COCO annotations"):
        import_from(FORMAT, voc)
    datumaro = write_json(tmp_path / "dm" / "annotations" / "default.json", {"items": [], "categories": {}})
    with pytest.raises(DatasetError, match="no 'images' list") as caught:
        import_from(FORMAT, datumaro.parents[1])
    assert caught.value.file == "annotations/default.json"
    # An instances file is no keypoints file.
    with pytest.raises(DatasetError, match="no 'keypoints' list"):
        import_from(KEYPOINTS, write_json(tmp_path / "person_keypoints_default.json", coco_document()))


def test_bad_keypoints(tmp_path: Path) -> None:
    categories = [{"id": 1, "name": "pose", "keypoints": ["a", "b"], "skeleton": [[1, 2]]}]
    for keypoints, message in (([1, 2, 3], "visibility 3"), ([1, 2], "triplets"), (None, "'keypoints' is missing")):
        entry = _annotation(**({"keypoints": keypoints} if keypoints is not None else {}))
        path = write_json(tmp_path / KEYPOINTS_FILE, coco_document(categories=categories, annotations=[entry]))
        with pytest.raises(DatasetError, match=message):
            import_from(KEYPOINTS, path)
    repeated = [{"id": 1, "name": "pose", "keypoints": ["a", "a"], "skeleton": []}]
    with pytest.raises(DatasetError, match="repeats a name"):
        import_from(KEYPOINTS, write_json(tmp_path / KEYPOINTS_FILE, coco_document(categories=repeated)))


def test_panoptic_mask_problems(tmp_path: Path) -> None:
    document = coco_document(annotations=[
        {"image_id": 1, "file_name": "a.png", "segments_info": [{"id": 5, "category_id": 1, "iscrowd": 0}]},
    ])
    write_json(tmp_path / "annotations/panoptic_default.json", document)
    with pytest.raises(DatasetError, match="missing") as caught:
        import_from(FORMAT, tmp_path)
    assert caught.value.file == "annotations/panoptic_default/a.png"
    (tmp_path / "annotations/panoptic_default").mkdir()
    (tmp_path / "annotations/panoptic_default/a.png").write_bytes(b"not a png")
    with pytest.raises(DatasetError, match="cannot read"):
        import_from(FORMAT, tmp_path)
    PILImage.new("RGB", (64, 48), (5, 0, 0)).save(tmp_path / "annotations/panoptic_default/a.png")
    ((mask,),) = [i.shapes for i in import_from(FORMAT, tmp_path).items]
    assert cvat_mask_to_frame(mask.points, 64, 48).all()
    document["annotations"][0]["segments_info"][0]["category_id"] = 3
    write_json(tmp_path / "annotations/panoptic_default.json", document)
    with pytest.raises(DatasetError, match="category_id 3"):
        import_from(FORMAT, tmp_path)

