"""Datumaro 1.0: round trips, conformance with Datumaro's own reader and writer, the sample datasets, bad input."""

from __future__ import annotations

import io
import zipfile
from dataclasses import replace
from pathlib import Path
from typing import Any

import datumaro as dm
import numpy as np
import orjson
import pytest
from datumaro.components.contexts.importer import ImportErrorPolicy
from datumaro.components.errors import AnnotationImportError

from contour.core.geometry import ellipse_radii
from contour.core.masks import bitmap_to_cvat_mask, cvat_mask_to_frame
from contour.formats.archive import DirectoryWriter, ZipArchiveWriter
from contour.formats.datumaro_json import export_datumaro
from contour.formats.datumaro_json_read import import_datumaro
from contour.formats.errors import DatasetError
from contour.formats.memory import MemorySource
from contour.formats.model import Frame, ImportedDataset, ImportedItem, ImportOptions, Shape, Track, TrackedShape
from contour.formats.registry import ExportOptions, find_exporter, find_importer
from contour.formats.tracks import close_gaps, shapes_by_frame, tracks_from_shapes
from tests.formats.builders import CAR, LABELS, PERSON, box, frame, meta
from tests.formats.builders import rich_source as builders_rich_source
from tests.formats.conftest import SAMPLES

FORMAT = "Datumaro 1.0"
SAMPLE = SAMPLES / "datumaro_dataset"


# The codec's own functions: these tests must not depend on every other codec module importing cleanly.
def export_to_dir(_: str, source: MemorySource, root: Path, *, save_images: bool = False) -> Path:
    export_datumaro(source, DirectoryWriter(root), ExportOptions(save_images=save_images))
    return root


def export_to_zip(_: str, source: MemorySource, path: Path, *, save_images: bool = False) -> Path:
    with ZipArchiveWriter(path) as writer:
        export_datumaro(source, writer, ExportOptions(save_images=save_images))
    return path


def import_from(_: str, path: Path) -> ImportedDataset:
    return import_datumaro(path, ImportOptions())


def test_registered_as_cvat_names_it() -> None:
    exporter, importer = find_exporter(FORMAT), find_importer(FORMAT)
    assert exporter is not None and exporter.exporter is export_datumaro and exporter.spec.ext == "ZIP"
    assert importer is not None and importer.importer is import_datumaro and importer.spec.ext == "JSON, ZIP"


def frame_mask(left: int, top: int, width: int, height: int) -> list[float]:
    """CVAT mask points of a width×height block at (left, top) with a hole, on a 64×48 frame."""
    bitmap = np.zeros((48, 64), dtype=bool)
    bitmap[top : top + height, left : left + width] = True
    bitmap[top + 1, left + 1] = False
    return bitmap_to_cvat_mask(bitmap)


def rich_source() -> MemorySource:
    # builders.square_mask() appends a second box to points that already end with one; use a valid mask.
    source = builders_rich_source()
    shapes = source.frame_list[0].shapes
    shapes[:] = [replace(s, points=frame_mask(10, 10, 8, 6)) if s.type == "mask" else s for s in shapes]
    return source


def video_source() -> MemorySource:
    """Eight video frames; a track that leaves on frame 2, comes back on 4 and ends on 5; a plain box."""
    frames = [frame(i, f"frame_{i:06d}.PNG") for i in range(8)]
    frames[6].shapes.append(box("person", 1, 1, 9, 9, z_order=2, attributes={"age": "7"}))
    track = Track("car", [
        TrackedShape("rectangle", 0, [0, 0, 10, 10], attributes={"parked": "false"}),
        TrackedShape("rectangle", 2, [2, 2, 12, 12], outside=True),
        TrackedShape("rectangle", 4, [4, 4, 14, 14], occluded=True, attributes={"parked": "true"}),
        TrackedShape("rectangle", 5, [6, 6, 16, 16]),
        TrackedShape("rectangle", 6, [6, 6, 16, 16], outside=True),
    ], attributes={"color": "blue"}, id=0)
    return MemorySource(meta(size=8, is_video=True), frames, [track])


def by_name(dataset: ImportedDataset) -> dict[str, ImportedItem]:
    return {item.name: item for item in dataset.items if item.name is not None}


def visible(items: list[ImportedItem]) -> dict[int, list[Shape]]:
    """Per-frame visible shapes of the tracks the server would build from the imported shapes."""
    tracked = [(item.frame, s) for item in items for s in item.shapes if s.track_id is not None and item.frame is not None]
    return shapes_by_frame([close_gaps(t) for t in tracks_from_shapes(tracked)], 100)


def assert_same_shape(ours: Shape, theirs: Shape, frame_size: tuple[int, int] = (64, 48)) -> None:
    assert (ours.type, ours.label, ours.occluded, ours.z_order, ours.group) == (
        theirs.type, theirs.label, theirs.occluded, theirs.z_order, theirs.group)
    assert ours.rotation == pytest.approx(theirs.rotation)
    if ours.type == "mask":
        assert (cvat_mask_to_frame(ours.points, *frame_size) == cvat_mask_to_frame(theirs.points, *frame_size)).all()
    elif ours.type == "ellipse":
        assert ellipse_radii(ours.points) == pytest.approx(ellipse_radii(theirs.points))
    else:
        assert ours.points == pytest.approx(theirs.points)
    assert [(e.label, e.points, e.occluded, e.outside) for e in ours.elements] == [
        (e.label, e.points, e.occluded, e.outside) for e in theirs.elements]


class Collect(ImportErrorPolicy):
    """Skips the annotations Datumaro cannot read (1.13 has no skeletons) and remembers why."""

    def __init__(self) -> None:
        self.causes: list[str] = []

    def _handle_annotation_error(self, error: AnnotationImportError) -> None:
        self.causes.append(repr(error.__cause__))


# --- round trips -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("save_images", [False, True])
def test_round_trip_keeps_every_2d_annotation(tmp_path: Path, save_images: bool) -> None:
    source = rich_source()
    root = export_to_dir(FORMAT, source, tmp_path / "out", save_images=save_images)
    assert (root / "annotations" / "default.json").is_file()
    assert (root / "images" / "default" / "sub" / "img1.png").is_file() == save_images
    dataset = import_from(FORMAT, root)

    assert [label.name for label in dataset.labels] == ["car", "person", "animal", "sunny"]
    car, person, animal, _ = dataset.labels
    assert (car.color, [a.name for a in car.attributes]) == ("#ff0000", ["color", "parked"])
    assert [a.name for a in person.attributes] == ["age"]
    assert animal.type == "skeleton" and [(s.name, s.color) for s in animal.sublabels] == [
        ("head", "#111111"), ("tail", "#222222")]
    assert 'data-node-from="1" data-node-to="2"' in animal.svg and 'data-label-name="tail"' in animal.svg

    items = by_name(dataset)
    assert list(items) == ["img0", "sub/img1", "img2"]
    for index, (name, item) in enumerate(items.items()):
        assert (item.frame, item.subset, item.width, item.height) == (index, "default", 64, 48)
        assert (item.image is not None) == save_images
        if item.image is not None:
            assert item.image == (root / "images" / "default" / f"{name}.png").resolve()
    original = source.frame_list[0]
    assert [t.label for t in items["img0"].tags] == ["sunny"]
    plain = [s for s in items["img0"].shapes if s.track_id is None]
    assert len(plain) == len(original.shapes)
    for ours, theirs in zip(plain, original.shapes, strict=True):
        assert_same_shape(ours, theirs)
    assert plain[0].attributes == {"color": "blue", "parked": "true"}
    assert plain[1].attributes == {"age": "40"}
    assert plain[2].attributes == {"color": "red", "parked": "false"}  # defaults, as CVAT writes them
    rotated = [s for s in items["sub/img1"].shapes if s.track_id is None]
    assert [(s.points, s.rotation) for s in rotated] == [([10, 10, 30, 40], 30.0)]

    expected = shapes_by_frame(source.tracks(), 2)
    restored = visible(list(dataset.items))
    assert sorted(restored) == sorted(expected) == [0, 1, 2]
    for number, shapes in expected.items():
        assert [(s.points, s.attributes) for s in restored[number]] == [(s.points, s.attributes) for s in shapes]


def test_video_track_with_gaps_gets_outside_shapes_and_survives(tmp_path: Path) -> None:
    source = video_source()
    dataset = import_from(FORMAT, export_to_dir(FORMAT, source, tmp_path / "out"))
    items = by_name(dataset)
    assert list(items) == [f"frame_{i:06d}" for i in range(8)]
    outside = {item.frame: s.points for item in items.values() for s in item.shapes if s.outside}
    assert outside == {2: [1, 1, 11, 11], 6: [6, 6, 16, 16]}  # first missing frame after each run, last box there
    tracked = [s for item in items.values() for s in item.shapes if s.track_id is not None and not s.outside]
    assert [s.keyframe for s in tracked] == [True, False, True, True]
    assert [s.attributes for s in tracked] == [{"color": "blue", "parked": "false"}] * 2 + [
        {"color": "blue", "parked": "true"}] * 2
    expected = shapes_by_frame(source.tracks(), 7)
    restored = visible(list(dataset.items))
    assert sorted(restored) == sorted(expected) == [0, 1, 4, 5]
    for number, shapes in expected.items():
        assert [(s.points, s.occluded) for s in restored[number]] == [(s.points, s.occluded) for s in shapes]
    assert [(s.points, s.z_order, s.attributes) for s in items["frame_000006"].shapes if not s.outside] == [
        ([1, 1, 9, 9], 2, {"age": "7"})]


def test_project_subsets_go_to_their_own_files_and_zip_imports_one_folder_deeper(tmp_path: Path) -> None:
    frames = [frame(0, "a.jpg", [box("car", 0, 0, 5, 5)], subset="Train"),
              frame(1, "b.jpg", [box("person", 1, 1, 4, 4)], subset="Validation set"),
              frame(2, "c.jpg", subset="Train")]
    source = MemorySource(replace(meta(size=3), kind="project"), frames)
    data = export_to_zip(FORMAT, source, tmp_path / "out.zip", save_images=True).read_bytes()
    names = sorted(zipfile.ZipFile(io.BytesIO(data)).namelist())
    assert names == ["annotations/Train.json", "annotations/Validation set.json", "images/Train/a.png",
                     "images/Train/c.png", "images/Validation set/b.png"]
    zipfile.ZipFile(io.BytesIO(data)).extractall(tmp_path / "x" / "top")
    dataset = import_from(FORMAT, tmp_path / "x")
    assert [(i.name, i.subset, i.frame, [s.label for s in i.shapes]) for i in dataset.items] == [
        ("a", "Train", 0, ["car"]), ("c", "Train", 2, []), ("b", "Validation set", 1, ["person"])]
    single = import_from(FORMAT, tmp_path / "x" / "top" / "annotations" / "Train.json")
    assert [(i.name, i.image is not None) for i in single.items] == [("a", True), ("c", True)]


def test_export_streams_frames_once(tmp_path: Path) -> None:
    source = rich_source()
    calls = []
    frames = source.frames

    def once() -> Any:
        calls.append(1)
        return frames()

    source.frames = once  # type: ignore[method-assign]
    export_to_dir(FORMAT, source, tmp_path / "out")
    assert calls == [1]


def test_empty_task_still_writes_its_annotation_file(tmp_path: Path) -> None:
    root = export_to_dir(FORMAT, MemorySource(meta(size=0), []), tmp_path / "out")
    data = orjson.loads((root / "annotations" / "default.json").read_bytes())
    assert data["items"] == [] and [e["name"] for e in data["categories"]["label"]["labels"]][:2] == ["car", "person"]


# --- conformance with Datumaro ---------------------------------------------------------------------------------


# Datumaro's RleMask.image trips NumPy 2's __array__ copy deprecation.
@pytest.mark.filterwarnings("ignore:__array__ implementation doesn't accept a copy keyword:DeprecationWarning")
@pytest.mark.parametrize("save_images", [False, True])
def test_datumaro_reads_our_export(tmp_path: Path, save_images: bool) -> None:
    source = rich_source()
    root = export_to_dir(FORMAT, source, tmp_path / "out", save_images=save_images)
    policy = Collect()
    theirs = dm.Dataset.import_from(str(root), "datumaro", error_policy=policy)
    assert policy.causes == ["KeyError('skeleton')"]  # Datumaro 1.13 has no skeleton type (CVAT's fork has)
    labels = theirs.categories()[dm.AnnotationType.label]
    assert [(c.name, c.parent) for c in labels.items] == [
        ("car", ""), ("person", ""), ("animal", ""), ("head", "animal"), ("tail", "animal"), ("sunny", "")]
    assert theirs.categories()[dm.AnnotationType.points].items[2].labels == ["head", "tail"]
    items = {item.id: item for item in theirs}
    assert list(items) == ["img0", "sub/img1", "img2"]
    assert [items[k].attributes["frame"] for k in items] == [0, 1, 2]
    assert all(item.media.has_data == save_images for item in items.values())
    img0 = items["img0"].annotations
    kinds = [a.type.name for a in img0]
    assert kinds == ["label", "bbox", "polygon", "polyline", "points", "ellipse", "mask", "bbox"]
    bbox, polygon, polyline, points, ellipse, mask, tracked = img0[1:]
    assert (bbox.get_bbox(), bbox.label, bbox.group) == ([1, 2, 20, 20], 0, 1)
    assert bbox.attributes == {"color": "blue", "parked": True, "occluded": False, "rotation": 0.0}
    assert (polygon.points, polygon.z_order, polygon.attributes["age"]) == ([5, 5, 30, 5, 30, 30, 5, 30], 1, 40.0)
    assert polyline.attributes["occluded"] is True and points.points == [3, 4, 8, 9]
    assert ellipse.points == [22, 18, 42, 30]
    expected_mask = cvat_mask_to_frame(frame_mask(10, 10, 8, 6), 64, 48)
    assert mask.label == 1 and (mask.image.astype(bool) == expected_mask).all()
    assert tracked.attributes["track_id"] == 0 and tracked.attributes["keyframe"] is True
    assert [a.attributes["keyframe"] for a in items["sub/img1"].annotations if "track_id" in a.attributes] == [False]


@pytest.mark.parametrize("save_media", [False, True])
def test_we_read_what_datumaro_writes(tmp_path: Path, save_media: bool) -> None:
    bitmap = np.zeros((6, 8), dtype=np.uint8)
    bitmap[1:3, 2:5] = 1
    image = dm.Image.from_numpy(np.zeros((6, 8, 3), dtype=np.uint8))
    dataset = dm.Dataset.from_iterable([
        dm.DatasetItem("a", subset="train", media=image, attributes={"frame": 3}, annotations=[
            dm.Bbox(1, 2, 3, 4, label=0, attributes={"occluded": True, "x": 1.5, "rotation": 15.0}, group=2, z_order=3),
            dm.Polygon([0, 0, 4, 0, 4, 4], label=1, group=2),
            dm.Mask(bitmap, label=1),
            dm.Ellipse(1, 1, 5, 3, label=0),
            dm.Label(1, attributes={"flag": True}),
            dm.Points([1, 1, 2, 2], label=0),
            dm.Bbox(0, 0, 1, 1, label=0, attributes={"track_id": 4, "keyframe": True}),
            dm.Caption("ignored"),
        ]),
        dm.DatasetItem("b/c", subset="val", media=image, annotations=[dm.PolyLine([0, 0, 3, 3], label=0, group=7)]),
    ], categories=["cat", "dog"])
    dataset.export(str(tmp_path), "datumaro", save_media=save_media)
    ours = import_from(FORMAT, tmp_path)
    assert [label.name for label in ours.labels] == ["cat", "dog"]
    items = by_name(ours)
    a, bc = items["a"], items["b/c"]
    assert (a.frame, a.subset, a.width, a.height, bc.frame, bc.subset) == (3, "train", 8, 6, None, "val")
    assert (a.image is not None, bc.image is not None) == (save_media, save_media)
    assert [(t.label, t.attributes) for t in a.tags] == [("dog", {"flag": "true"})]
    rect, polygon, mask, ellipse, points, tracked = a.shapes
    assert (rect.type, rect.points, rect.occluded, rect.rotation, rect.z_order, rect.group, rect.attributes) == (
        "rectangle", [1, 2, 4, 6], True, 15.0, 3, 2, {"x": "1.5"})
    assert (polygon.label, polygon.points, polygon.group) == ("dog", [0, 0, 4, 0, 4, 4], 2)
    assert (mask.type, mask.points) == ("mask", [0, 6, 2, 1, 4, 2])
    assert (ellipse.type, ellipse.points) == ("ellipse", [3, 2, 5, 1])
    assert (points.type, points.points) == ("points", [1, 1, 2, 2])
    assert (tracked.track_id, tracked.keyframe) == (4, True)
    assert [(s.type, s.points, s.group) for s in bc.shapes] == [("polyline", [0, 0, 3, 3], 0)]  # one-shape group


# --- the sample datasets ---------------------------------------------------------------------------------------


def test_sample_with_skeleton_reads_datumaros_flat_points() -> None:
    dataset = import_from(FORMAT, SAMPLE / "with_skeleton")
    (label,) = dataset.labels
    assert (label.name, label.type) == ("skeleton-label", "skeleton")
    assert [s.name for s in label.sublabels] == ["point1-label", "point3-label", "point2-label"]
    assert label.svg.count("<line") == 2 and label.svg.count("<circle") == 3
    (item,) = dataset.items
    assert (item.name, item.subset, item.width, item.height) == ("100", "default", 6, 10)
    assert item.image == (SAMPLE / "with_skeleton" / "images" / "default" / "100.jpg").resolve()
    (skeleton,) = item.shapes
    assert (skeleton.type, skeleton.track_id, skeleton.attributes) == ("skeleton", None, {})
    assert [(e.label, e.points, e.outside, e.attributes) for e in skeleton.elements] == [
        ("point1-label", [0.9, 3.53], False, {}),
        ("point3-label", [2.45, 7.6], False, {"point3-attribute-checkbox": "true"}),
        ("point2-label", [5.2, 2.5], False, {"point2-attribute-text": "some text"}),
    ]


def test_sample_with_point_clouds() -> None:
    dataset = import_from(FORMAT, SAMPLE / "with_pcd")
    assert [label.name for label in dataset.labels] == ["cat"]
    items = list(dataset.items)
    assert [(i.name, i.frame, len(i.shapes)) for i in items] == [("0000000000", 0, 1), ("0000000001", 1, 0),
                                                                  ("0000000002", 2, 0)]
    (cuboid,) = items[0].shapes
    assert (cuboid.type, cuboid.label, cuboid.occluded) == ("cuboid", "cat", False)
    assert cuboid.points == pytest.approx([0.84, -0.22, 0.64, 0, 0, 0, 1, 1, 1] + [0] * 7)


def test_sample_diverse() -> None:
    # train.json has a box with label_id 5 among 5 labels: CVAT rejects it too.
    with pytest.raises(DatasetError, match="label_id 5 is not one of the 5 labels") as error:
        import_from(FORMAT, SAMPLE / "diverse")
    assert error.value.file == "annotations/train.json" and "'21'" in str(error.value)
    subsets = {name: import_from(FORMAT, SAMPLE / "diverse" / "annotations" / f"{name}.json")
               for name in ("default", "val", "test")}
    assert [label.name for label in subsets["val"].labels] == ["cat0", "cat1", "cat2", "cat3", "cat4"]
    assert {n: [(i.name, len(i.shapes)) for i in d.items] for n, d in subsets.items()} == {
        "default": [("42", 0), ("43", 0)], "val": [("2", 0)], "test": [("1", 1), ("42", 0)]}
    item43 = list(subsets["default"].items)[1]
    assert (item43.width, item43.height, item43.image) == (4, 2, None)
    (cuboid,) = next(iter(subsets["test"].items)).shapes
    assert (cuboid.type, cuboid.occluded, cuboid.points[:9]) == ("cuboid", True, [1, 2, 3, 2, 2, 4, 1, 3, 4])


# --- bad input -------------------------------------------------------------------------------------------------


def write_dataset(root: Path, document: object, name: str = "default.json") -> Path:
    (root / "annotations").mkdir(parents=True, exist_ok=True)
    (root / "annotations" / name).write_bytes(document if isinstance(document, bytes) else orjson.dumps(document))
    return root


def document(*annotations: object, labels: tuple[str, ...] = ("car",), **item: object) -> dict[str, object]:
    return {"categories": {"label": {"labels": [{"name": n, "parent": "", "attributes": []} for n in labels]}},
            "items": [{"id": "a", "annotations": list(annotations), **item}]}


def test_malformed_json_names_file_and_line(tmp_path: Path) -> None:
    write_dataset(tmp_path, b'{"categories": {},\n "items": [\n  {"id": "a",]}')
    with pytest.raises(DatasetError) as error:
        import_from(FORMAT, tmp_path)
    assert (error.value.file, error.value.line) == ("annotations/default.json", 3)


@pytest.mark.parametrize(("content", "message"), [
    ({"images": [], "annotations": [], "categories": []}, "not a Datumaro annotation file"),
    ({"dm_format_version": "2.0", "categories": {}, "items": []}, "version '2.0' is not supported"),
    (document({"type": "bbox", "label_id": 3, "bbox": [0, 0, 1, 1]}), "label_id 3 is not one of the 1 labels"),
    (document({"type": "bbox", "label_id": 0, "bbox": [0, 0, 1]}), "bbox must be a list of 4 numbers"),
    (document({"type": "polygon", "label_id": 0, "points": [0, 0, 1, "x"]}), "polygon must be a list"),
    (document({"type": "polygon", "label_id": 0, "points": [0, 0, 1, 1]}), "needs at least 3 points"),
    (document({"type": "points", "label_id": 0, "points": [0, 0, 1]}), "as x, y pairs, got 3 numbers"),
    (document({"type": "mask", "label_id": 0, "rle": {"counts": "", "size": [1 << 20, 1 << 20]}}), "larger than any"),
    (document({"type": "mask", "label_id": 0, "rle": {"counts": [1, 2], "size": [2, 2]}}), "bad mask RLE"),
    (document({"type": "bbox", "label_id": True, "bbox": [0, 0, 1, 1]}), "label_id must be an integer"),
    (document({"type": "bbox", "label_id": 0, "bbox": [0, 0, 1, 1], "attributes": []}), "attributes must be an obj"),
    (document({"type": "skeleton", "label_id": 0, "points": [1, 2]}), "skeleton points"),
    (document(attr={"frame": -1}), "frame -1 is negative"),
    ({"categories": {}, "items": [7]}, "each item must be an object"),
    ({"categories": {"label": {"labels": [{"parent": ""}]}}, "items": []}, "categories.label.labels"),
])
def test_bad_content_is_a_dataset_error_naming_the_file(tmp_path: Path, content: object, message: str) -> None:
    write_dataset(tmp_path, content)
    with pytest.raises(DatasetError, match=message) as error:
        import_from(FORMAT, tmp_path)
    assert error.value.file == "annotations/default.json"


def test_two_shapes_of_one_track_on_a_frame(tmp_path: Path) -> None:
    shape = {"type": "bbox", "label_id": 0, "bbox": [0, 0, 1, 1], "attributes": {"track_id": 1, "keyframe": True}}
    content = document(shape, attr={"frame": 0})
    content["items"].append({"id": "b", "annotations": [shape], "attr": {"frame": 0}})  # type: ignore[attr-defined]
    write_dataset(tmp_path, content)
    with pytest.raises(DatasetError, match="track 1 has two shapes on frame 0"):
        import_from(FORMAT, tmp_path)


def test_track_id_without_keyframe_is_a_plain_shape_as_in_cvat(tmp_path: Path) -> None:
    write_dataset(tmp_path, document({"type": "bbox", "label_id": 0, "bbox": [0, 0, 1, 1],
                                      "attributes": {"track_id": 1, "source": "AUTO", "score": 0.5}}))
    (shape,) = next(iter(import_from(FORMAT, tmp_path).items)).shapes
    assert (shape.track_id, shape.source, shape.attributes) == (None, "auto", {"score": "0.5"})


def test_not_a_datumaro_folder(tmp_path: Path) -> None:
    (tmp_path / "gt").mkdir()
    (tmp_path / "gt" / "gt.txt").write_text("1,1,0,0,1,1,1,1,1\n")
    with pytest.raises(DatasetError, match="not a Datumaro dataset"):
        import_from(FORMAT, tmp_path)


def test_image_paths_cannot_leave_the_dataset(tmp_path: Path) -> None:
    (tmp_path / "secret.jpg").write_bytes(b"x")
    root = write_dataset(tmp_path / "ds", document(image={"path": "../../../secret.jpg", "size": [4, 4]}))
    (root / "images" / "default").mkdir(parents=True)
    (item,) = import_from(FORMAT, root).items
    assert (item.image, item.width, item.height) == (None, 4, 4)


def test_cuboids_keep_their_corners(tmp_path: Path) -> None:
    points = [float(v) for v in range(16)]
    source = MemorySource(meta((CAR, PERSON)), [Frame(0, "a.jpg", 64, 48, shapes=[Shape("cuboid", "car", points)])])
    root = export_to_dir(FORMAT, source, tmp_path / "out")
    (ann,) = orjson.loads((root / "annotations" / "default.json").read_bytes())["items"][0]["annotations"]
    assert ann["type"] == "cuboid_2d" and ann["points"][0] == [0, 1] and ann["points"][1] == [8, 9]
    (shape,) = next(iter(import_from(FORMAT, root).items)).shapes
    assert (shape.type, shape.points) == ("cuboid", points)
    theirs = next(iter(dm.Dataset.import_from(str(root), "datumaro")))
    assert theirs.annotations[0].type == dm.AnnotationType.cuboid_2d


def test_every_label_of_the_task_is_declared(tmp_path: Path) -> None:
    root = export_to_dir(FORMAT, MemorySource(meta(LABELS), [frame(0, "a.jpg")]), tmp_path / "out")
    assert [label.name for label in import_from(FORMAT, root).labels] == [label.name for label in LABELS]


def test_parents_without_points_are_a_taxonomy_not_skeletons(tmp_path: Path) -> None:
    content = {"categories": {
        "label": {"labels": [{"name": "animal", "parent": ""}, {"name": "dog", "parent": "animal", "attributes": ["a"]}]},
        "mask": [], "points": 5,  # malformed sections are ignored, as they say nothing about labels
    }, "items": [{"id": "a", "annotations": [{"type": "bbox", "label_id": 1, "bbox": [0, 0, 2, 2]}]}]}
    dataset = import_from(FORMAT, write_dataset(tmp_path, content))
    assert [(label.name, label.type, [a.name for a in label.attributes]) for label in dataset.labels] == [
        ("animal", "any", []), ("dog", "any", ["a"])]
    assert [s.label for s in next(iter(dataset.items)).shapes] == ["dog"]


def test_project_tasks_sharing_a_file_name_get_distinct_items(tmp_path: Path) -> None:
    frames = [frame(0, "a.jpg", [box("car", 0, 0, 5, 5)]), frame(0, "a.jpg", [box("person", 0, 0, 5, 5)])]
    source = MemorySource(replace(meta(size=2), kind="project"), frames)
    root = export_to_dir(FORMAT, source, tmp_path / "out", save_images=True)
    assert sorted(p.name for p in (root / "images" / "default").iterdir()) == ["a.png", "a_1.png"]
    items = list(import_from(FORMAT, root).items)
    assert [(i.name, [s.label for s in i.shapes], i.image is not None) for i in items] == [
        ("a", ["car"], True), ("a_1", ["person"], True)]
