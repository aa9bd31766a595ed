"""Ultralytics YOLO Detection (+ Track), Oriented Bounding Boxes, Segmentation, Pose and Classification codecs:
round trips, CVAT's layout, both folder layouts, Datumaro conformance, the sample datasets and bad input."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import numpy as np
import pytest

from contour.core.masks import bitmap_to_cvat_mask, cvat_mask_to_frame, polygon_to_bitmap
from contour.formats.errors import DatasetError
from contour.formats.memory import BytesMedia, MemorySource
from contour.formats.model import ImportedDataset, ImportedItem, ImportOptions, LabelSpec, Shape, Tag
from contour.formats.ultralytics import data_yaml, import_dataset
from contour.formats.ultralytics_yaml import load_yaml
from tests.formats.builders import (
    SKELETON,
    box,
    export_to_dir,
    export_to_zip,
    frame,
    import_from,
    meta,
    rich_source,
)
from tests.formats.conftest import SAMPLES

DETECTION = "Ultralytics YOLO Detection 1.0"
TRACK = "Ultralytics YOLO Detection Track 1.0"
OBB = "Ultralytics YOLO Oriented Bounding Boxes 1.0"
SEGMENTATION = "Ultralytics YOLO Segmentation 1.0"
POSE = "Ultralytics YOLO Pose 1.0"
CLASSIFICATION = "Ultralytics YOLO Classification 1.0"
YOLO_SAMPLES = SAMPLES / "yolo_dataset"


def _items(dataset: ImportedDataset) -> dict[str, ImportedItem]:
    return {item.name or "": item for item in dataset.items}


def _rounded(points: list[float], digits: int = 3) -> list[float]:
    return [round(p, digits) + 0.0 for p in points]


def _write(root: Path, files: dict[str, str | bytes]) -> Path:
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content.encode() if isinstance(content, str) else content)
    return root


def _jpeg(width: int, height: int) -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (width, height)).save(buffer, "JPEG")
    return buffer.getvalue()


def _error(format_name: str, path: Path) -> DatasetError:
    with pytest.raises(DatasetError) as caught:
        list(import_from(format_name, path).items)
    return caught.value


# --- Detection -------------------------------------------------------------------------------------------------


def test_detection_round_trip_with_images(tmp_path: Path) -> None:
    root = export_to_dir(DETECTION, rich_source(), tmp_path / "out", save_images=True)
    dataset = import_from(DETECTION, root)
    assert [label.name for label in dataset.labels] == ["car", "person", "animal", "sunny"]
    items = _items(dataset)
    assert set(items) == {"img0", "sub/img1", "img2"}
    assert all((i.subset, i.width, i.height, i.normalized) == ("train", 64, 48, False) for i in items.values())
    assert all(i.image is not None and i.image.is_file() for i in items.values())
    shapes = {name: sorted((s.type, s.label, _rounded(s.points)) for s in item.shapes) for name, item in items.items()}
    assert shapes == {
        "img0": [("rectangle", "car", [1.0, 2.0, 21.0, 22.0]), ("rectangle", "car", [40.0, 10.0, 50.0, 20.0])],
        "sub/img1": [("rectangle", "car", [42.0, 12.0, 52.0, 22.0])],
        "img2": [("rectangle", "car", [44.0, 14.0, 54.0, 24.0])],
    }
    assert all(s.track_id is None for item in items.values() for s in item.shapes)


def test_detection_layout_matches_cvat(tmp_path: Path) -> None:
    root = export_to_dir(DETECTION, rich_source(), tmp_path / "out")
    assert sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()) == [
        "data.yaml", "labels/train/img0.txt", "labels/train/img2.txt", "labels/train/sub/img1.txt", "train.txt"]
    assert (root / "train.txt").read_text() == (
        "data/images/train/img0.jpg\ndata/images/train/sub/img1.jpg\ndata/images/train/img2.jpg\n")
    assert load_yaml((root / "data.yaml").read_text(), "data.yaml") == {
        "path": ".", "train": "train.txt", "names": {0: "car", 1: "person", 2: "animal", 3: "sunny"}}
    assert (root / "labels/train/img0.txt").read_text() == (
        "0 0.171875 0.250000 0.312500 0.416667\n0 0.703125 0.312500 0.156250 0.208333\n")


def test_frames_without_objects_get_no_label_file(tmp_path: Path) -> None:
    source = MemorySource(meta((LabelSpec("a"),), size=2), [
        frame(0, "x.jpg", [Shape("polygon", "a", [0, 0, 4, 0, 4, 4])]), frame(1, "y.jpg", subset="val")])
    root = export_to_dir(DETECTION, source, tmp_path / "out")
    assert not (root / "labels").exists()
    assert (root / "val.txt").read_text() == "data/images/val/y.jpg\n"
    config = load_yaml((root / "data.yaml").read_text(), "data.yaml")
    assert isinstance(config, dict) and config["train"] == "train.txt" and config["val"] == "val.txt"
    assert {item.name: item.shapes for item in import_from(DETECTION, root).items} == {"x": [], "y": []}


def test_detection_track_writes_track_ids(tmp_path: Path) -> None:
    root = export_to_dir(TRACK, rich_source(), tmp_path / "out")
    assert (root / "labels/train/img0.txt").read_text() == (
        "0 0.171875 0.250000 0.312500 0.416667\n0 0.703125 0.312500 0.156250 0.208333 0\n")
    items = _items(import_from(DETECTION, root))
    tracked = [(name, s.track_id, s.keyframe) for name, item in sorted(items.items()) for s in item.shapes
               if s.track_id is not None]
    assert tracked == [("img0", 0, True), ("img2", 0, True), ("sub/img1", 0, True)]
    assert all(item.normalized for item in items.values())


def test_import_without_images_is_normalised(tmp_path: Path) -> None:
    archive = export_to_zip(DETECTION, rich_source(), tmp_path / "out.zip")
    with zipfile.ZipFile(archive) as opened:
        opened.extractall(tmp_path / "x")
    item = _items(import_from(DETECTION, tmp_path / "x"))["img2"]
    assert item.normalized and item.width is None and item.image is None
    assert item.shapes[0].points == pytest.approx([44 / 64, 14 / 48, 54 / 64, 24 / 48], abs=1e-6)


def test_roboflow_layout_and_flow_names(tmp_path: Path) -> None:
    _write(tmp_path / "ds", {
        "data.yaml": "train: ../train/images\nval: ../valid/images\ntest:\n\nnc: 2\nnames: ['cat', 'dog']\n"
                     "roboflow:\n  workspace: w\n  version: 3\n",
        "train/images/a.jpg": _jpeg(20, 10), "train/labels/a.txt": "1 0.5 0.5 0.5 0.2 4\n",
        "valid/images/deep/b.jpg": _jpeg(10, 10), "valid/labels/deep/b.txt": "0 0.5 0.5 1 1\n",
    })
    dataset = import_from(DETECTION, tmp_path)  # a zip with one top folder
    assert [label.name for label in dataset.labels] == ["cat", "dog"]
    items = _items(dataset)
    assert {n: (i.subset, i.width, i.height) for n, i in items.items()} == {
        "a": ("train", 20, 10), "deep/b": ("val", 10, 10)}
    assert [(s.label, s.points, s.track_id) for s in items["a"].shapes] == [("dog", [5.0, 4.0, 15.0, 6.0], 4)]
    assert [(s.label, s.points) for s in items["deep/b"].shapes] == [("cat", [0.0, 0.0, 10.0, 10.0])]


def test_subsets_found_from_folders_when_yaml_lists_none(tmp_path: Path) -> None:
    _write(tmp_path, {
        "data.yaml": "names:\n  3: far\n  1: near\n",
        "images/train/a.jpg": _jpeg(8, 8), "labels/train/a.txt": "3 0.5 0.5 0.5 0.5\n",
        "labels/val/b.txt": "1 0.5 0.5 0.5 0.5\n",
    })
    dataset = import_from(DETECTION, tmp_path)
    assert [label.name for label in dataset.labels] == ["near", "far"]
    items = _items(dataset)
    assert (items["a"].subset, items["a"].shapes[0].label, items["a"].normalized) == ("train", "far", False)
    assert (items["b"].subset, items["b"].shapes[0].label, items["b"].normalized) == ("val", "near", True)


# --- Oriented bounding boxes -----------------------------------------------------------------------------------


def test_oriented_boxes_round_trip(tmp_path: Path) -> None:
    source = MemorySource(meta((LabelSpec("car"), LabelSpec("sign")), size=1), [frame(0, "a.jpg", [
        box("car", 10, 10, 30, 40, rotation=30.0), box("sign", 2, 3, 8, 5),
        Shape("polygon", "car", [0, 0, 5, 0, 5, 5]),
    ])])
    root = export_to_dir(OBB, source, tmp_path / "out", save_images=True)
    assert (root / "labels/train/a.txt").read_text().splitlines()[1] == (
        "1 0.031250 0.062500 0.125000 0.062500 0.125000 0.104167 0.031250 0.104167")
    shapes = _items(import_from(OBB, root))["a"].shapes
    assert [(s.type, s.label) for s in shapes] == [("rectangle", "car"), ("rectangle", "sign")]
    assert shapes[0].points == pytest.approx([10, 10, 30, 40], abs=1e-3)
    assert shapes[0].rotation == pytest.approx(30.0, abs=1e-3)
    assert shapes[1].points == pytest.approx([2, 3, 8, 5], abs=1e-3) and shapes[1].rotation == pytest.approx(0.0)


def test_oriented_boxes_sample() -> None:
    dataset = import_from(OBB, YOLO_SAMPLES / "yolov8_oriented_boxes")
    assert len(dataset.labels) == 10
    (item,) = list(dataset.items)
    assert (item.name, item.width, item.height) == ("1", 15, 10)
    found = [(s.label, _rounded(s.points, 2), round(s.rotation, 2)) for s in item.shapes]
    assert found == [("label_2", [1.0, 2.0, 4.0, 6.0], 30.0), ("label_4", [3.0, 2.0, 9.0, 4.0], 120.0)]


# --- Segmentation ----------------------------------------------------------------------------------------------


def _square_mask(left: int, top: int, size: int) -> list[float]:
    bitmap = np.zeros((48, 64), dtype=bool)
    bitmap[top:top + size, left:left + size] = True
    return bitmap_to_cvat_mask(bitmap)


def test_segmentation_round_trip(tmp_path: Path) -> None:
    mask = _square_mask(10, 10, 8)
    source = MemorySource(meta((LabelSpec("a"), LabelSpec("b")), size=1), [frame(0, "a.jpg", [
        Shape("polygon", "a", [5, 5, 30, 5, 30, 30, 5, 30]),
        Shape("mask", "b", mask),
        Shape("ellipse", "a", [40, 24, 50, 30]),
        box("a", 1, 1, 5, 5), Shape("polyline", "a", [0, 0, 9, 9]),
    ])])
    root = export_to_dir(SEGMENTATION, source, tmp_path / "out", save_images=True)
    shapes = _items(import_from(SEGMENTATION, root))["a"].shapes
    assert [(s.type, s.label) for s in shapes] == [("polygon", "a"), ("polygon", "b"), ("polygon", "a")]
    assert shapes[0].points == pytest.approx([5, 5, 30, 5, 30, 30, 5, 30], abs=1e-3)
    # The mask comes back as its outline: rasterised again, exactly the same pixels.
    assert np.array_equal(polygon_to_bitmap(shapes[1].points, 64, 48), cvat_mask_to_frame(mask, 64, 48))
    ellipse = np.asarray(shapes[2].points).reshape(-1, 2)
    assert len(ellipse) == 64
    assert np.allclose(((ellipse[:, 0] - 40) / 10) ** 2 + ((ellipse[:, 1] - 24) / 6) ** 2, 1, atol=1e-3)


def test_segmentation_mask_with_two_parts_gives_two_lines(tmp_path: Path) -> None:
    bitmap = np.zeros((48, 64), dtype=bool)
    bitmap[2:6, 2:6] = True
    bitmap[20:30, 40:50] = True
    source = MemorySource(meta((LabelSpec("m"),), size=1), [frame(0, "a.jpg", [
        Shape("mask", "m", bitmap_to_cvat_mask(bitmap))])])
    root = export_to_dir(SEGMENTATION, source, tmp_path / "out")
    assert len((root / "labels/train/a.txt").read_text().splitlines()) == 2


def test_segmentation_sample() -> None:
    dataset = import_from(SEGMENTATION, YOLO_SAMPLES / "yolov8_segmentation")
    (item,) = list(dataset.items)
    assert [(s.type, s.label, _rounded(s.points)) for s in item.shapes] == [
        ("polygon", "label_2", [1.5, 1.0, 6.0, 1.0, 6.0, 5.0]),
        ("polygon", "label_4", [3.0, 1.5, 6.0, 1.5, 6.0, 7.5, 4.5, 7.5, 3.75, 3.0]),
    ]


def test_segmentation_track_id_is_read(tmp_path: Path) -> None:
    _write(tmp_path, {"data.yaml": "train: images/train\nnames: [a]\n",
                      "labels/train/f.txt": "0 0.1 0.1 0.4 0.1 0.4 0.5 12\n0 0.1 0.1 0.4 0.1 0.4 0.5\n"})
    shapes = _items(import_from(SEGMENTATION, tmp_path))["f"].shapes
    assert [(s.track_id, len(s.points)) for s in shapes] == [(12, 6), (None, 6)]


# --- Pose ------------------------------------------------------------------------------------------------------


HAND = LabelSpec("hand", type="skeleton", sublabels=tuple(LabelSpec(n, type="points") for n in ("a", "b", "c")))


def _pose_source() -> MemorySource:
    return MemorySource(meta((LabelSpec("car"), SKELETON, HAND), size=1), [frame(0, "p.jpg", [
        Shape("skeleton", "animal", [], elements=[
            Shape("points", "head", [12, 12]), Shape("points", "tail", [28, 30], occluded=True)]),
        Shape("skeleton", "hand", [], elements=[
            Shape("points", "c", [8, 24]), Shape("points", "a", [32, 12]), Shape("points", "b", [1, 1], outside=True)]),
        box("car", 1, 1, 5, 5),
    ])])


def test_pose_layout(tmp_path: Path) -> None:
    root = export_to_dir(POSE, _pose_source(), tmp_path / "out")
    config = load_yaml((root / "data.yaml").read_text(), "data.yaml")
    assert config == {"path": ".", "train": "train.txt", "kpt_shape": [3, 3], "names": {0: "animal", 1: "hand"}}
    assert (root / "labels/train/p.txt").read_text() == (
        "0 0.312500 0.437500 0.250000 0.375000 0.187500 0.250000 2 0.437500 0.625000 1 0.0 0.0 0\n"
        "1 0.312500 0.375000 0.375000 0.250000 0.500000 0.250000 2 0.015625 0.020833 0 0.125000 0.500000 2\n")


def test_pose_round_trip_with_sublabel_hint(tmp_path: Path) -> None:
    root = export_to_dir(POSE, _pose_source(), tmp_path / "out", save_images=True)
    hint = {"animal": ["head", "tail"], "hand": ["a", "b", "c"]}
    dataset = import_dataset(root, ImportOptions(), "pose", hint)
    assert [(label.name, label.type, [s.name for s in label.sublabels]) for label in dataset.labels] == [
        ("animal", "skeleton", ["head", "tail"]), ("hand", "skeleton", ["a", "b", "c"])]
    shapes = _items(dataset)["p"].shapes
    found = [(s.label, [(e.label, _rounded(e.points), e.occluded, e.outside) for e in s.elements]) for s in shapes]
    assert found == [
        ("animal", [("head", [12.0, 12.0], False, False), ("tail", [28.0, 30.0], True, False)]),
        ("hand", [("a", [32.0, 12.0], False, False), ("b", [1.0, 1.0], False, True), ("c", [8.0, 24.0], False, False)]),
    ]


def test_pose_without_hint_names_points_by_position(tmp_path: Path) -> None:
    root = export_to_dir(POSE, _pose_source(), tmp_path / "out")
    dataset = import_from(POSE, root)
    assert [[s.name for s in label.sublabels] for label in dataset.labels] == [["1", "2", "3"], ["1", "2", "3"]]
    item = _items(dataset)["p"]
    assert item.normalized
    # Padding points (the animal has two of the three) come back outside.
    assert [(e.label, e.outside) for e in item.shapes[0].elements] == [("1", False), ("2", False), ("3", True)]


def test_pose_hint_with_too_many_points_is_refused(tmp_path: Path) -> None:
    root = export_to_dir(POSE, _pose_source(), tmp_path / "out")
    with pytest.raises(DatasetError, match="kpt_shape allows 3"):
        import_dataset(root, ImportOptions(), "pose", {"hand": ["a", "b", "c", "d"]})


@pytest.mark.parametrize("folder", ["yolov8_pose", "yolov8_pose_two_values_per_point"])
def test_pose_samples(folder: str) -> None:
    dataset = import_from(POSE, YOLO_SAMPLES / folder)
    assert [(label.name, len(label.sublabels)) for label in dataset.labels] == [("skeleton_label", 3)]
    (item,) = list(dataset.items)
    (skeleton,) = item.shapes
    assert [(e.label, _rounded(e.points), e.outside) for e in skeleton.elements] == [
        ("1", [1.5, 2.0], False), ("2", [4.5, 4.0], False), ("3", [7.5, 6.0], False)]


# --- Classification --------------------------------------------------------------------------------------------


def test_classification_round_trip(tmp_path: Path) -> None:
    source = rich_source()
    source.frame_list[1].tags = [Tag("sunny"), Tag("car")]
    source.images[0] = BytesMedia(_jpeg(64, 48), ".jpg")
    root = export_to_dir(CLASSIFICATION, source, tmp_path / "out", save_images=True)
    assert sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()) == [
        "train/car/img1.png", "train/labels.json", "train/no_label/img2.png", "train/sunny/img0.jpg",
        "train/sunny/img1.png"]
    dataset = import_from(CLASSIFICATION, root)
    assert [label.name for label in dataset.labels] == ["car", "sunny"]
    items = _items(dataset)
    assert {n: ([t.label for t in i.tags], i.subset, i.width) for n, i in items.items()} == {
        "img0": (["sunny"], "train", 64), "sub/img1": (["sunny", "car"], "train", 64), "img2": ([], "train", 64)}
    assert all(not item.shapes for item in items.values())


def test_classification_same_file_name_twice(tmp_path: Path) -> None:
    source = MemorySource(meta((LabelSpec("t", type="tag"),), size=2), [
        frame(0, "a/x.jpg", tags=[Tag("t")]), frame(1, "b/x.jpg", tags=[Tag("t")], subset="val")])
    source.frame_list[1].subset = "train"
    root = export_to_dir(CLASSIFICATION, source, tmp_path / "out", save_images=True)
    assert sorted(p.name for p in (root / "train" / "t").iterdir()) == ["x.0.png", "x.png"]
    assert set(_items(import_from(CLASSIFICATION, root))) == {"a/x", "b/x"}


def test_classification_folders_without_listing(tmp_path: Path) -> None:
    image = _jpeg(4, 4)
    _write(tmp_path, {"train/cat/a.jpg": image, "train/dog/a.jpg": image, "val/no_label/b.jpg": image})
    dataset = import_from(CLASSIFICATION, tmp_path)
    assert [label.name for label in dataset.labels] == ["cat", "dog"]
    assert {n: ([t.label for t in i.tags], i.subset) for n, i in _items(dataset).items()} == {
        "a": (["cat", "dog"], "train"), "b": ([], "val")}


def test_classification_sample() -> None:
    dataset = import_from(CLASSIFICATION, YOLO_SAMPLES / "yolov8_classification")
    assert [label.name for label in dataset.labels] == ["label_0", "label_1"]
    assert {n: ([t.label for t in i.tags], i.width, i.height) for n, i in _items(dataset).items()} == {
        "1": (["label_0"], 15, 10), "2": (["label_0"], 15, 10), "3": (["label_1"], 15, 10)}


def test_classification_bad_listing(tmp_path: Path) -> None:
    _write(tmp_path, {"train/labels.json": '{"a": {"labels": ["x"], "path": "x/a.jpg"},\n "b": [}'})
    error = _error(CLASSIFICATION, tmp_path)
    assert (error.file, error.line) == ("train/labels.json", 2)
    _write(tmp_path, {"train/labels.json": '{"a": {"labels": "x"}}'})
    assert "needs 'labels'" in str(_error(CLASSIFICATION, tmp_path))


def test_classification_refuses_detection_dataset() -> None:
    assert "not Ultralytics YOLO Classification" in str(_error(CLASSIFICATION, YOLO_SAMPLES / "yolov8_detection"))


def test_classification_empty_folder(tmp_path: Path) -> None:
    (tmp_path / "train").mkdir()
    assert "expected <subset>/<label>/<image>" in str(_error(CLASSIFICATION, tmp_path))


# --- Datumaro conformance --------------------------------------------------------------------------------------


def test_detection_export_loads_in_datumaro(tmp_path: Path) -> None:
    import datumaro as dm

    source = MemorySource(meta((LabelSpec("car"), LabelSpec("person")), size=3), [
        frame(0, "a.jpg", [box("car", 1, 2, 21, 22), box("person", 30, 10, 60, 40)]),
        frame(1, "b.jpg", [box("person", 0, 0, 64, 48)], subset="val"),
        frame(2, "c.jpg", [box("car", 10, 10, 20, 20)], subset="val"),
    ])
    root = export_to_dir(DETECTION, source, tmp_path / "out", save_images=True)
    dataset = dm.Dataset.import_from(str(root), "yolo")
    names = [c.name for c in dataset.categories()[dm.AnnotationType.label]]
    assert names == ["car", "person"]
    found = {(item.id, item.subset): sorted((names[a.label], _rounded(a.points)) for a in item.annotations)
             for item in dataset}
    assert found == {
        ("a", "train"): [("car", [1.0, 2.0, 21.0, 22.0]), ("person", [30.0, 10.0, 60.0, 40.0])],
        ("b", "val"): [("person", [0.0, 0.0, 64.0, 48.0])],
        ("c", "val"): [("car", [10.0, 10.0, 20.0, 20.0])],
    }


def test_datumaro_export_imports(tmp_path: Path) -> None:
    import datumaro as dm

    image = np.zeros((20, 40, 3), dtype=np.uint8)
    source = dm.Dataset.from_iterable([
        dm.DatasetItem(id="a", subset="train", media=dm.Image.from_numpy(image),
                       annotations=[dm.Bbox(2, 3, 10, 5, label=1)]),
        dm.DatasetItem(id="b", subset="val", media=dm.Image.from_numpy(image),
                       annotations=[dm.Bbox(0, 0, 4, 4, label=0), dm.Bbox(20, 10, 20, 10, label=1)]),
        dm.DatasetItem(id="c", subset="val", media=dm.Image.from_numpy(image)),
    ], categories=["x", "y"])
    source.export(str(tmp_path / "dm"), "yolo_ultralytics", save_media=True)
    dataset = import_from(DETECTION, tmp_path / "dm")
    assert [label.name for label in dataset.labels] == ["x", "y"]
    found = {n: (i.subset, i.width, i.height, sorted((s.label, _rounded(s.points)) for s in i.shapes))
             for n, i in _items(dataset).items()}
    assert found == {
        "a": ("train", 40, 20, [("y", [2.0, 3.0, 12.0, 8.0])]),
        "b": ("val", 40, 20, [("x", [0.0, 0.0, 4.0, 4.0]), ("y", [20.0, 10.0, 40.0, 20.0])]),
        "c": ("val", 40, 20, []),
    }


def test_data_yaml_reads_the_same_in_pyyaml() -> None:
    import yaml  # Datumaro's dependency, the reader Ultralytics itself uses

    names = ["plain", "with: colon", "#hash", "123", "true", " padded", "quote\"s", "été", "null", "a'b"]
    written = data_yaml(["train", "val 2"], names, kpt_points=4).decode()
    expected = {"path": ".", "train": "train.txt", "val 2": "val 2.txt", "kpt_shape": [4, 3],
                "names": dict(enumerate(names))}
    assert yaml.safe_load(written) == expected
    assert load_yaml(written, "data.yaml") == expected


# --- samples ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("folder", [
    "yolov8_detection", "yolov8_detection_with_list_of_imgs", "yolov8_detection_with_list_of_names",
    "yolov8_detection_with_subset_txt",
])
def test_detection_samples(folder: str) -> None:
    dataset = import_from(DETECTION, YOLO_SAMPLES / folder)
    assert [label.name for label in dataset.labels] == [f"label_{i}" for i in range(10)]
    (item,) = list(dataset.items)
    assert (item.name, item.subset, item.width, item.height) == ("1", "train", 15, 10)
    assert item.image is not None and item.image.name == "1.jpg"
    assert [(s.label, _rounded(s.points)) for s in item.shapes] == [
        ("label_2", [0.0, 2.0, 4.0, 4.0]), ("label_4", [3.0, 3.0, 5.0, 6.0])]


# --- bad input -------------------------------------------------------------------------------------------------


def _detection(root: Path, labels: str, **extra: str | bytes) -> Path:
    files: dict[str, str | bytes] = {"data.yaml": "train: train.txt\nnames:\n  0: a\n  1: b\n",
                                     "train.txt": "data/images/train/x.jpg\n", "labels/train/x.txt": labels}
    files.update(extra)
    return _write(root, files)


def test_missing_data_yaml(tmp_path: Path) -> None:
    _write(tmp_path, {"labels/train/x.txt": "0 0.5 0.5 0.1 0.1\n"})
    assert "data.yaml is missing" in str(_error(DETECTION, tmp_path))


@pytest.mark.parametrize(("text", "message", "line"), [
    ("train: [a, b\nnames: [x]\n", "not valid YAML", 2),
    ("names:\n  0: a\n\t1: b\n", "not valid YAML", 3),
    ("- a\n- b\n", "expected a mapping", None),
    ("train: x.txt\n", "'names'", None),
    ("names: 3\n", "'names' must map", None),
])
def test_bad_data_yaml(tmp_path: Path, text: str, message: str, line: int | None) -> None:
    _detection(tmp_path, "", **{"data.yaml": text})
    error = _error(DETECTION, tmp_path)
    assert message in str(error)
    assert (error.file, error.line) == ("data.yaml", line)


@pytest.mark.parametrize(("format_name", "text", "message", "line"), [
    (DETECTION, "0 0.5 0.5 0.1 0.1\n0 0.5 oops 0.1 0.1\n", "not a number", 2),
    (DETECTION, "0 0.5 0.5 0.1\n", "expected 5 or 6 fields", 1),
    (DETECTION, "0 0.5 0.5 0.1 0.1 1.5\n", "track id is not an integer", 1),
    (DETECTION, "5 0.5 0.5 0.1 0.1\n", "unknown class id 5", 1),
    (OBB, "0 0.1 0.1 0.2 0.1 0.2 0.2 0.1\n", "expected 9 or 10 fields", 1),
    (SEGMENTATION, "0 0.1 0.1 0.2 0.2\n", "at least 3 points", 1),
    (SEGMENTATION, "0 0.1 0.1 0.2 0.2 0.3 inf\n", "finite", 1),
])
def test_bad_label_lines(tmp_path: Path, format_name: str, text: str, message: str, line: int) -> None:
    _detection(tmp_path, text)
    error = _error(format_name, tmp_path)
    assert message in str(error)
    assert (error.file, error.line) == ("labels/train/x.txt", line)


def test_bad_pose_input(tmp_path: Path) -> None:
    _detection(tmp_path, "0 0.5 0.5 0.1 0.1 0.2 0.2 2\n")
    assert "'kpt_shape' is missing" in str(_error(POSE, tmp_path))
    _detection(tmp_path, "0 0.5 0.5 0.1 0.1 0.2 0.2 2\n",
               **{"data.yaml": "train: train.txt\nkpt_shape: [1, 4]\nnames: [s]\n"})
    assert "'kpt_shape' must be [points, 2 or 3]" in str(_error(POSE, tmp_path))
    _detection(tmp_path, "0 0.5 0.5 0.1 0.1 0.2 0.2 5\n",
               **{"data.yaml": "train: train.txt\nkpt_shape: [1, 3]\nnames: [s]\n"})
    error = _error(POSE, tmp_path)
    assert "must be 0, 1 or 2" in str(error) and (error.file, error.line) == ("labels/train/x.txt", 1)
    _detection(tmp_path, "0 0.5 0.5 0.1 0.1 0.2 0.2\n",
               **{"data.yaml": "train: train.txt\nkpt_shape: [1, 3]\nnames: [s]\n"})
    assert "expected 8 fields" in str(_error(POSE, tmp_path))


def test_missing_subset_sources(tmp_path: Path) -> None:
    _detection(tmp_path, "", **{"data.yaml": "train: lists/train.txt\nnames: [a]\n"})
    error = _error(DETECTION, tmp_path)
    assert "'lists/train.txt' is missing" in str(error) and error.file == "data.yaml"
    _detection(tmp_path, "", **{"data.yaml": "train: images/other\nnames: [a]\n"})
    assert "'images/other' is missing" in str(_error(DETECTION, tmp_path))


@pytest.mark.parametrize("entry", ["/etc/passwd", "images/../../x.jpg", "C:/data/x.jpg", "/x/../../../etc/hostname"])
def test_list_paths_must_stay_inside(tmp_path: Path, entry: str) -> None:
    _detection(tmp_path, "", **{"train.txt": f"images/train/x.jpg\n{entry}\n"})
    error = _error(DETECTION, tmp_path)
    assert (error.file, error.line) == ("train.txt", 2)


def test_leading_parent_folders_stay_inside(tmp_path: Path) -> None:
    # Roboflow-style "../" is read inside the dataset (as Ultralytics does), never above it.
    _detection(tmp_path, "", **{"train.txt": "../../images/train/x.jpg\n"})
    (item,) = list(import_from(DETECTION, tmp_path).items)
    assert item.name == "x"


def test_yolo_dataset_is_not_ultralytics() -> None:
    assert "data.yaml is missing" in str(_error(DETECTION, YOLO_SAMPLES / "yolo"))


# --- YAML ------------------------------------------------------------------------------------------------------


def test_yaml_reads_ultralytics_files() -> None:
    text = (
        "# Ultralytics-style config\npath: ../datasets/coco8  # dataset root\ntrain: images/train\n"
        "val: [images/val, extra.txt]\ntest:  # optional\nnames: ['person', \"bi cycle\"]\nkpt_shape: [17, 3]\n"
    )
    assert load_yaml(text, "data.yaml") == {
        "path": "../datasets/coco8", "train": "images/train", "val": ["images/val", "extra.txt"], "test": None,
        "names": ["person", "bi cycle"], "kpt_shape": [17, 3],
    }


@pytest.mark.parametrize(("text", "line"), [("a: 'open\n", 2), ("a: {b: 1]\n", 1), ("a: [1, 2] x\n", 1)])
def test_yaml_errors_name_the_file_and_line(text: str, line: int) -> None:
    with pytest.raises(DatasetError) as caught:
        load_yaml(text, "x.yaml")
    assert "not valid YAML" in str(caught.value)
    assert (caught.value.file, caught.value.line) == ("x.yaml", line)


def test_yaml_objects_are_not_constructed() -> None:
    with pytest.raises(DatasetError):
        load_yaml("a: !!python/object/apply:os.system ['true']\n", "x.yaml")


def test_classification_without_images_and_one_folder_deeper(tmp_path: Path) -> None:
    root = export_to_zip(CLASSIFICATION, rich_source(), tmp_path / "out.zip")
    with zipfile.ZipFile(root) as opened:
        assert opened.namelist() == ["train/labels.json"]
        opened.extractall(tmp_path / "x" / "top")
    items = _items(import_from(CLASSIFICATION, tmp_path / "x"))
    assert {n: ([t.label for t in i.tags], i.image) for n, i in items.items()} == {
        "img0": (["sunny"], None), "sub/img1": ([], None), "img2": ([], None)}
    _write(tmp_path / "y" / "top", {"train/cat/a.jpg": _jpeg(4, 4)})
    assert {n: i.subset for n, i in _items(import_from(CLASSIFICATION, tmp_path / "y")).items()} == {"a": "train"}
