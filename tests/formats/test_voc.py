"""PASCAL VOC 1.1: round trips, the layout CVAT writes, Datumaro conformance, the sample datasets, bad input."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import numpy as np
import numpy.typing as npt
import pytest
from PIL import Image

from contour.core.masks import (
    bitmap_to_cvat_mask,
    cvat_mask_to_frame,
    ellipse_to_bitmap,
    polygon_to_bitmap,
    rectangle_to_bitmap,
)
from contour.formats.errors import DatasetError
from contour.formats.mask_png import shape_segment, voc_color_index, voc_colormap
from contour.formats.matching import FrameMatcher
from contour.formats.memory import MemorySource
from contour.formats.model import ImportedDataset, ImportedItem, LabelSpec, Shape, Tag, Track, TrackedShape
from contour.formats.tracks import tracks_from_shapes
from tests.formats.builders import (
    CAR,
    PERSON,
    box,
    export_to_dir,
    export_to_zip,
    frame,
    import_from,
    meta,
    rich_source,
    zip_names,
)
from tests.formats.conftest import SAMPLES

FORMAT = "PASCAL VOC 1.1"
Bitmap = npt.NDArray[np.bool_]


def _items(dataset: ImportedDataset) -> dict[str, ImportedItem]:
    return {item.name or "": item for item in dataset.items}


def _shapes(item: ImportedItem, kind: str) -> list[Shape]:
    return [s for s in item.shapes if s.type == kind]


def _bitmap(shape: Shape, width: int, height: int) -> Bitmap:
    return cvat_mask_to_frame(shape.points, width, height)


def _write(root: Path, files: dict[str, str | bytes]) -> Path:
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content.encode() if isinstance(content, str) else content)
    return root


def _mask(bitmap: Bitmap) -> list[float]:
    return bitmap_to_cvat_mask(bitmap)


def _png(array: npt.NDArray[np.uint8]) -> bytes:
    buffer = io.BytesIO()
    Image.fromarray(array).save(buffer, "PNG")
    return buffer.getvalue()


_XML = """<annotation>
  <filename>{name}.jpg</filename>
  <size><width>40</width><height>30</height><depth>3</depth></size>
  {objects}
</annotation>
"""
_CAT = "<object><name>cat</name><bndbox><xmin>1</xmin><ymin>2</ymin><xmax>10</xmax><ymax>12</ymax></bndbox></object>"


def _dataset(root: Path, objects: str = _CAT, labelmap: str | None = "background:::\ncat:::\ndog:::\n",
             **extra: str | bytes) -> Path:
    files: dict[str, str | bytes] = {"ImageSets/Main/train.txt": "a\n", "Annotations/a.xml": _XML.format(name="a", objects=objects)}
    if labelmap is not None:
        files["labelmap.txt"] = labelmap
    files.update(extra)
    return _write(root, files)


# --- round trips -----------------------------------------------------------------------------------------------


def test_round_trip_keeps_boxes_attributes_rotation_tracks_tags_and_masks(tmp_path: Path) -> None:
    archive = export_to_zip(FORMAT, rich_source(), tmp_path / "voc.zip")
    zipfile.ZipFile(archive).extractall(tmp_path / "out")
    dataset = import_from(FORMAT, tmp_path / "out")
    assert [(label.name, label.color) for label in dataset.labels] == [
        ("background", "#000000"), ("car", "#800000"), ("person", "#008000"), ("animal", "#808000"), ("sunny", "#000080"),
    ]
    items = _items(dataset)
    assert list(items) == ["img0.jpg", "sub/img1.jpg", "img2.jpg"]
    assert all((i.subset, i.width, i.height, i.image) == ("default", 64, 48, None) for i in items.values())
    first, second, third = items.values()
    assert [t.label for t in first.tags] == ["sunny"] and not second.tags and not third.tags

    plain, tracked = _shapes(first, "rectangle")
    assert (plain.label, plain.points, plain.rotation, plain.track_id) == ("car", [1.0, 2.0, 21.0, 22.0], 0.0, None)
    assert plain.attributes == {"color": "blue", "parked": "true", "truncated": "false", "difficult": "false"}
    assert (tracked.points, tracked.track_id, tracked.keyframe) == ([40.0, 10.0, 50.0, 20.0], 0, True)
    assert tracked.attributes == {"color": "red", "parked": "false", "truncated": "false", "difficult": "false"}
    rotated, interpolated = _shapes(second, "rectangle")
    assert (rotated.points, rotated.rotation, rotated.track_id) == ([10.0, 10.0, 30.0, 40.0], 30.0, None)
    assert (interpolated.points, interpolated.track_id, interpolated.keyframe) == ([42.0, 12.0, 52.0, 22.0], 0, False)
    [last] = _shapes(third, "rectangle")
    assert (last.points, last.keyframe, last.attributes["parked"]) == ([44.0, 14.0, 54.0, 24.0], True, "true")

    # The person polygon (z_order 1) lies over the car ellipse; polylines, points and the skeleton are lost.
    polygon = polygon_to_bitmap([5, 5, 30, 5, 30, 30, 5, 30], 64, 48)
    ellipse = ellipse_to_bitmap([32, 24, 42, 30], 0.0, 64, 48)
    masks = {s.label: _bitmap(s, 64, 48) for s in _shapes(first, "mask")}
    assert set(masks) == {"car", "person"} and len(first.shapes) == 4
    assert np.array_equal(masks["person"], polygon) and np.array_equal(masks["car"], ellipse & ~polygon)
    assert not _shapes(second, "mask") and not _shapes(third, "mask")


def test_masks_are_pixel_exact_and_painted_in_z_order(tmp_path: Path) -> None:
    blob = np.zeros((30, 40), dtype=bool)
    blob[3:9, 25:31] = True
    blob[5, 31:35] = True
    shapes = [
        Shape("polygon", "car", [2, 2, 12, 3, 8, 14]),
        Shape("ellipse", "person", [30, 22, 36, 19], rotation=25.0),
        Shape("mask", "car", _mask(blob)),
        # Overlapping pair: the higher z_order wins wherever both lie, whatever the list order.
        Shape("polygon", "person", [0, 18, 12, 18, 12, 29, 0, 29], z_order=3),
        Shape("polygon", "car", [6, 15, 16, 15, 16, 25, 6, 25], z_order=1),
    ]
    source = MemorySource(meta((CAR, PERSON), 1), [frame(0, "a.png", shapes, width=40, height=30)])
    item = next(iter(import_from(FORMAT, export_to_dir(FORMAT, source, tmp_path / "out")).items))
    found = sorted((s.label, _bitmap(s, 40, 30).tobytes()) for s in item.shapes)
    top = polygon_to_bitmap([0, 18, 12, 18, 12, 29, 0, 29], 40, 30)
    expected = sorted([
        ("car", polygon_to_bitmap([2, 2, 12, 3, 8, 14], 40, 30).tobytes()),
        ("person", ellipse_to_bitmap([30, 22, 36, 19], 25.0, 40, 30).tobytes()),
        ("car", blob.tobytes()),
        ("person", top.tobytes()),
        ("car", (polygon_to_bitmap([6, 15, 16, 15, 16, 25, 6, 25], 40, 30) & ~top).tobytes()),
    ])
    assert found == expected


def test_upright_boxes_rasterise_like_polygons() -> None:
    rng = np.random.default_rng(7)
    for _ in range(200):
        x0, y0 = rng.uniform(-5, 30, 2)
        x1, y1 = x0 + rng.uniform(0, 20), y0 + rng.uniform(0, 20)
        segment = shape_segment(box("car", x0, y0, x1, y1), 32, 24)
        expected = rectangle_to_bitmap([x0, y0, x1, y1], 32, 24)
        found = np.zeros((24, 32), dtype=bool)
        if segment is not None:
            found[segment.top : segment.top + segment.bitmap.shape[0],
                  segment.left : segment.left + segment.bitmap.shape[1]] = segment.bitmap
        assert np.array_equal(found, expected)


def test_video_tracks_round_trip_as_track_shapes(tmp_path: Path) -> None:
    names = [f"frame_{i:06d}.PNG" for i in range(5)]
    track = Track("car", [
        TrackedShape("rectangle", 0, [1, 1, 11, 11]),
        TrackedShape("rectangle", 2, [5, 5, 15, 15]),
        TrackedShape("rectangle", 3, [5, 5, 15, 15], outside=True),
    ], id=0)
    source = MemorySource(meta((CAR,), 5, is_video=True), [frame(i, n) for i, n in enumerate(names)], [track])
    root = export_to_dir(FORMAT, source, tmp_path / "out")
    assert "<folder>frame</folder>" in (root / "Annotations/frame_000000.xml").read_text()
    assert (root / "ImageSets/Action/default.txt").read_text() == "frame_000003\nframe_000004\n"
    matcher = FrameMatcher(names, is_video=True)
    pairs = []
    for item in import_from(FORMAT, root).items:
        index = matcher.match(item.name, item.frame)
        assert index is not None and item.name == names[index]
        pairs += [(index, shape) for shape in item.shapes]
    assert [(i, s.keyframe, s.points) for i, s in pairs] == [
        (0, True, [1.0, 1.0, 11.0, 11.0]), (1, False, [3.0, 3.0, 13.0, 13.0]), (2, True, [5.0, 5.0, 15.0, 15.0]),
    ]
    [rebuilt] = tracks_from_shapes(pairs)
    assert [s.frame for s in rebuilt.shapes] == [0, 1, 2]


def test_special_characters_survive_and_stay_valid_xml(tmp_path: Path) -> None:
    odd = LabelSpec("a<b&c", "#123456")
    shapes = [box("a<b&c", 1, 1, 5, 5, occluded=True, attributes={"note": 'say "hi" & <bye>\x01', "pose": "Left",
                                                                  "truncated": "true", "difficult": "1"})]
    source = MemorySource(meta((odd, LabelSpec("../up", "#000001")), 1),
                          [frame(0, "dir/x y.jpg", shapes, tags=[Tag("../up")])])
    root = export_to_dir(FORMAT, source, tmp_path / "out")
    # A label named like a path gets no class list (its tag is lost) rather than a file outside the lists.
    assert sorted(p.name for p in (root / "ImageSets/Main").iterdir()) == [
        "a<b&c_default.txt", "background_default.txt", "default.txt"]
    [item] = import_from(FORMAT, root).items
    [shape] = item.shapes
    assert (item.name, shape.label, shape.occluded) == ("dir/x y.jpg", "a<b&c", True)
    assert shape.attributes == {"note": 'say "hi" & <bye>\ufffd', "pose": "Left", "truncated": "true", "difficult": "true"}
    xml = (root / "Annotations/dir/x y.xml").read_text()
    assert "<pose>Left</pose>" in xml and "<truncated>1</truncated>" in xml and "<difficult>1</difficult>" in xml


# --- the files CVAT writes -------------------------------------------------------------------------------------


def test_export_layout_lists_and_labelmap(tmp_path: Path) -> None:
    source = rich_source()
    source.frame_list.append(frame(3, "empty.jpg", subset="test"))
    source.track_list[0].shapes.append(TrackedShape("rectangle", 3, [44, 14, 54, 24], outside=True))
    data = export_to_zip(FORMAT, source, tmp_path / "voc.zip", save_images=True).read_bytes()
    assert zip_names(data) == sorted([
        "Annotations/img0.xml", "Annotations/sub/img1.xml", "Annotations/img2.xml", "Annotations/empty.xml",
        "ImageSets/Main/default.txt", "ImageSets/Main/test.txt",
        *(f"ImageSets/Main/{label}_default.txt" for label in ("background", "car", "person", "animal", "sunny")),
        "ImageSets/Segmentation/default.txt", "ImageSets/Segmentation/test.txt",
        "ImageSets/Action/test.txt", "ImageSets/Layout/test.txt",
        "JPEGImages/img0.png", "JPEGImages/sub/img1.png", "JPEGImages/img2.png", "JPEGImages/empty.png",
        "SegmentationClass/img0.png", "SegmentationObject/img0.png", "labelmap.txt",
    ])
    archive = zipfile.ZipFile(io.BytesIO(data))
    text = {name: archive.read(name).decode() for name in archive.namelist() if name.endswith(".txt")}
    assert text["labelmap.txt"] == (
        "# label:color_rgb:parts:actions\nbackground:0,0,0::\ncar:128,0,0::\nperson:0,128,0::\n"
        "animal:128,128,0::\nsunny:0,0,128::\n"
    )
    assert text["ImageSets/Main/default.txt"] == "img0\nsub/img1\nimg2\n"
    assert text["ImageSets/Main/sunny_default.txt"] == "img0  1\n"
    assert text["ImageSets/Main/car_default.txt"] == "img0 -1\n"
    assert text["ImageSets/Segmentation/default.txt"] == "img0\n"
    assert text["ImageSets/Segmentation/test.txt"] == text["ImageSets/Layout/test.txt"] == "empty\n"
    xml = archive.read("Annotations/empty.xml").decode()
    assert "<filename>empty.png</filename>" in xml and "<segmented>0</segmented>" in xml and "<object>" not in xml
    # Palette PNGs: the pixel values are the ids, the palette their VOC colours.
    classes = Image.open(io.BytesIO(archive.read("SegmentationClass/img0.png")))
    assert classes.mode == "P" and classes.getpalette()[:6] == [0, 0, 0, 128, 0, 0]
    assert set(np.unique(np.asarray(classes)).tolist()) == {0, 1, 2}


def test_a_task_background_label_keeps_its_place_and_stays_black(tmp_path: Path) -> None:
    labels = (CAR, LabelSpec("background", "#00ff00"))
    shapes = [Shape("polygon", "car", [0, 0, 20, 0, 20, 20]), Shape("polygon", "background", [0, 0, 8, 0, 8, 8], z_order=1)]
    source = MemorySource(meta(labels, 1), [frame(0, "a.jpg", shapes, width=24, height=24)])
    root = export_to_dir(FORMAT, source, tmp_path / "out")
    assert (root / "labelmap.txt").read_text().splitlines()[1:] == ["car:128,0,0::", "background:0,0,0::"]
    [item] = import_from(FORMAT, root).items
    [car] = item.shapes  # the background polygon cut a hole into the car
    triangle = polygon_to_bitmap([0, 0, 20, 0, 20, 20], 24, 24)
    assert np.array_equal(_bitmap(car, 24, 24), triangle & ~polygon_to_bitmap([0, 0, 8, 0, 8, 8], 24, 24))


# --- Datumaro conformance --------------------------------------------------------------------------------------


def test_export_loads_in_datumaro(tmp_path: Path) -> None:
    import datumaro as dm

    root = export_to_dir(FORMAT, rich_source(), tmp_path / "out", save_images=True)
    dataset = dm.Dataset.import_from(str(root), "voc")
    names = [c.name for c in dataset.categories()[dm.AnnotationType.label]]
    assert names == ["background", "car", "person", "animal", "sunny"]
    ours = {Path(item.name or "").with_suffix("").as_posix(): item for item in import_from(FORMAT, root).items}
    assert sorted((item.subset, item.id) for item in dataset) == [("default", k) for k in sorted(ours)]
    for item in dataset:
        expected = ours[item.id]
        assert item.media.size == (48, 64)
        labels = [names[a.label] for a in item.annotations if a.type == dm.AnnotationType.label]
        assert labels == [t.label for t in expected.tags]
        boxes = [a for a in item.annotations if a.type == dm.AnnotationType.bbox]
        ours_boxes = _shapes(expected, "rectangle")
        assert [(names[b.label], b.points) for b in boxes] == [(s.label, s.points) for s in ours_boxes]
        for found, shape in zip(boxes, ours_boxes, strict=True):
            assert found.attributes["occluded"] is False and found.attributes["truncated"] is False
            assert float(found.attributes["rotation"]) == shape.rotation
            assert {k: found.attributes[k] for k in ("color", "parked")} == {k: shape.attributes[k] for k in ("color", "parked")}
        masks = sorted((names[a.label], a.image.tobytes()) for a in item.annotations if a.type == dm.AnnotationType.mask)
        assert masks == sorted((s.label, _bitmap(s, 64, 48).tobytes()) for s in _shapes(expected, "mask"))


def test_datumaro_export_imports(tmp_path: Path) -> None:
    import datumaro as dm

    blob = np.zeros((30, 40), dtype=np.uint8)
    blob[5:15, 20:35] = 1
    other = np.zeros((30, 40), dtype=np.uint8)
    other[20:28, 2:9] = 1
    image = np.full((30, 40, 3), 127, dtype=np.uint8)
    source = dm.Dataset.from_iterable([
        dm.DatasetItem(id="one", subset="train", media=dm.Image.from_numpy(image), annotations=[
            dm.Bbox(1, 2, 3, 4, label=1, attributes={"truncated": True, "difficult": False, "occluded": True,
                                                      "pose": "Left", "color": "red"}),
            dm.Mask(image=blob, label=2), dm.Mask(image=other, label=1), dm.Label(3),
        ]),
        dm.DatasetItem(id="nested/two", subset="val", media=dm.Image.from_numpy(image), annotations=[
            dm.Bbox(0, 0, 10, 10, label=2),
        ]),
    ], categories=["background", "cat", "dog", "bird"])
    source.export(str(tmp_path / "dm"), "voc", save_media=True)
    dataset = import_from(FORMAT, tmp_path / "dm")
    assert [label.name for label in dataset.labels] == ["background", "cat", "dog", "bird"]
    items = _items(dataset)
    assert {name: item.subset for name, item in items.items()} == {"one.jpg": "train", "nested/two.jpg": "val"}
    one, two = items["one.jpg"], items["nested/two.jpg"]
    assert one.image == tmp_path / "dm/JPEGImages/one.jpg" and (one.width, one.height) == (40, 30)
    [cat] = _shapes(one, "rectangle")
    assert (cat.label, cat.points, cat.occluded) == ("cat", [1.0, 2.0, 4.0, 6.0], True)
    assert cat.attributes == {"truncated": "true", "difficult": "false", "pose": "Left", "color": "red"}
    masks = sorted((s.label, _bitmap(s, 40, 30).tobytes()) for s in _shapes(one, "mask"))
    assert masks == sorted([("dog", blob.astype(bool).tobytes()), ("cat", other.astype(bool).tobytes())])
    assert [t.label for t in one.tags] == ["bird"]
    assert [(s.label, s.points) for s in two.shapes] == [("dog", [0.0, 0.0, 10.0, 10.0])]


def test_datumaro_detection_export_imports(tmp_path: Path) -> None:
    import datumaro as dm

    source = dm.Dataset.from_iterable([
        dm.DatasetItem(id="a", subset="default", annotations=[dm.Bbox(2.5, 3, 4, 5, label=0)]),
    ], categories=["cat"])
    source.export(str(tmp_path / "dm"), "voc_detection")
    [item] = import_from(FORMAT, tmp_path / "dm").items
    assert [(s.label, s.points) for s in item.shapes] == [("cat", [2.5, 3.0, 6.5, 8.0])]


# --- the sample datasets ---------------------------------------------------------------------------------------


def test_sample_with_layout_actions_tags_and_masks() -> None:
    dataset = import_from(FORMAT, SAMPLES / "voc_dataset" / "voc_dataset1")
    assert len(dataset.labels) == 25 and dataset.labels[22].name == "head"  # the VOC labels, then the parts
    person = next(label for label in dataset.labels if label.name == "person")
    assert len(person.attributes) == 11 and person.attributes[0].input_type == "checkbox"
    items = _items(dataset)
    assert {name: item.subset for name, item in items.items()} == {"2007_000001.jpg": "train", "2007_000002": "test"}
    first, second = items["2007_000001.jpg"], items["2007_000002"]
    assert (first.width, first.height) == (20, 10) and first.image is not None and first.image.name == "2007_000001.jpg"
    assert second.image is not None and second.image.name == "2007_000002.jpg" and not second.shapes
    assert len(first.tags) == 11 and {"aeroplane", "ignored", "train"} <= {t.label for t in first.tags}
    cat, person_box, head, mask = first.shapes
    assert (cat.label, cat.points, cat.group) == ("cat", [1.0, 2.0, 3.0, 4.0], 0)
    assert cat.attributes == {"truncated": "true", "difficult": "false", "pose": "Unspecified"}
    assert (person_box.label, head.label, person_box.group, head.group) == ("person", "head", 1, 1)
    assert head.points == [5.5, 6.0, 7.5, 8.0]
    assert person_box.attributes["phoning"] == "true" and person_box.attributes["jumping"] == "false"
    assert (mask.type, mask.label) == ("mask", "bicycle") and _bitmap(mask, 20, 10).all()


def test_samples_with_a_labelmap_and_with_comments() -> None:
    dataset = import_from(FORMAT, SAMPLES / "voc_dataset" / "voc_dataset2")
    assert len(dataset.labels) == 22 and dataset.labels[-1].name == "ignored"
    items = _items(dataset)
    assert list(items) == ["@.jpg", "a.jpg", "b.jpg", "c.jpg", "d.jpg"] and {i.subset for i in items.values()} == {"trainval"}
    assert sum(len(i.shapes) for i in items.values()) == 4 and not any(i.tags for i in items.values())
    assert [(s.label, s.occluded) for s in items["a.jpg"].shapes] == [("background", True)]
    [only] = import_from(FORMAT, SAMPLES / "voc_dataset" / "voc_dataset3").items
    assert (only.name, only.subset, [s.label for s in only.shapes]) == ("2007_000001.jpg", "train", ["cat"])


def test_one_folder_deeper_and_bare_xml_files(tmp_path: Path) -> None:
    _dataset(tmp_path / "zip" / "top")
    [item] = import_from(FORMAT, tmp_path / "zip").items
    assert item.name == "a.jpg" and item.shapes[0].label == "cat"
    _write(tmp_path / "flat", {"x/b.xml": _XML.format(name="b", objects=_CAT.replace("cat", "helicopter"))})
    flat = import_from(FORMAT, tmp_path / "flat")
    [item] = flat.items
    assert (item.name, item.subset, item.shapes[0].label) == ("b.jpg", None, "helicopter")
    assert len(flat.labels) == 25  # no labelmap: the VOC labels, and other names are the server's to report


# --- bad input -------------------------------------------------------------------------------------------------


def _error(root: Path) -> DatasetError:
    with pytest.raises(DatasetError) as caught:
        list(import_from(FORMAT, root).items)
    return caught.value


def test_malformed_xml_names_file_and_line(tmp_path: Path) -> None:
    error = _error(_dataset(tmp_path, objects="<object>\n<name>cat</name>\n</objekt>"))
    assert (error.file, error.line) == ("Annotations/a.xml", 6) and "malformed XML" in str(error)


def test_label_missing_from_labelmap_names_file_and_line(tmp_path: Path) -> None:
    error = _error(_dataset(tmp_path, objects=_CAT + "\n  " + _CAT.replace("cat", "horse")))
    assert (error.file, error.line) == ("Annotations/a.xml", 5) and "'horse'" in str(error)


def test_entities_are_refused(tmp_path: Path) -> None:
    xml = '<?xml version="1.0"?>\n<!DOCTYPE annotation [\n<!ENTITY big "cat">\n]>\n<annotation><object><name>&big;</name></object></annotation>'
    error = _error(_dataset(tmp_path, **{"Annotations/a.xml": xml}))
    assert (error.file, error.line) == ("Annotations/a.xml", 3) and "entities are not allowed" in str(error)


@pytest.mark.parametrize(("objects", "line", "words"), [
    ("<object><name>cat</name></object>", 4, "no <bndbox>"),
    ("<object>\n<name>cat</name><bndbox><xmin>one</xmin></bndbox></object>", 5, "not a number"),
    ("<object><name>cat</name><bndbox><xmin>1</xmin><ymin>2</ymin><xmax>nan</xmax><ymax>3</ymax></bndbox></object>",
     4, "out of range"),
    ("<object><name>cat</name><bndbox><xmin>5</xmin><ymin>2</ymin><xmax>1</xmax><ymax>3</ymax></bndbox></object>",
     4, "inverted"),
    ("<object><bndbox/></object>", 4, "no <name>"),
    (_CAT.replace("</object>", "<truncated>2</truncated></object>"), 4, "must be 0 or 1"),
    (_CAT.replace("</object>", "<attributes><attribute><name>rotation</name><value>x</value></attribute>"
                  "</attributes></object>"), 4, "out of range"),
])
def test_broken_objects(tmp_path: Path, objects: str, line: int, words: str) -> None:
    error = _error(_dataset(tmp_path, objects=objects))
    assert (error.file, error.line) == ("Annotations/a.xml", line) and words in str(error)


def test_wrong_formats_are_refused(tmp_path: Path) -> None:
    coco = _write(tmp_path / "coco", {"annotations/instances_default.json": '{"images": []}'})
    assert "no PASCAL VOC dataset" in str(_error(coco))
    cvat = _write(tmp_path / "cvat", {"annotations.xml": "<annotations>\n<version>1.1</version>\n</annotations>"})
    error = _error(cvat)
    assert (error.file, error.line) == ("annotations.xml", 1) and "<annotations>" in str(error)
    assert "no PASCAL VOC dataset" in str(_error(_write(tmp_path / "empty", {"readme.md": "hi"})))


@pytest.mark.parametrize(("files", "where", "words"), [
    ({"labelmap.txt": "cat:::\ndog::\n"}, ("labelmap.txt", 2), "4 ':'-separated fields"),
    ({"labelmap.txt": "cat:300,0,0::\n"}, ("labelmap.txt", 1), "r,g,b"),
    ({"labelmap.txt": "cat:::\ncat:::\n"}, ("labelmap.txt", 2), "twice"),
    ({"ImageSets/Main/cat_train.txt": "a  1\nb 2\n"}, ("ImageSets/Main/cat_train.txt", 2), "<1|0|-1>"),
    ({"ImageSets/Main/train.txt": "a\n../../etc/passwd\n"}, ("ImageSets/Main/train.txt", 2), "not a path inside"),
    ({"ImageSets/Layout/train.txt": '"a 1\n'}, ("ImageSets/Layout/train.txt", 1), "quotes"),
])
def test_broken_lists_and_labelmaps(tmp_path: Path, files: dict[str, str], where: tuple[str, int], words: str) -> None:
    error = _error(_dataset(tmp_path, **files))
    assert (error.file, error.line) == where and words in str(error)


def test_broken_masks_name_the_file(tmp_path: Path) -> None:
    colors = voc_colormap(3)
    painted = np.zeros((30, 40, 3), dtype=np.uint8)
    painted[:5] = colors[1]
    unknown = painted.copy()
    unknown[0, 0] = (1, 2, 3)
    assert "not a readable PNG" in str(_error(_dataset(tmp_path / "a", **{"SegmentationClass/a.png": b"\x89PNG junk"})))
    error = _error(_dataset(tmp_path / "b", **{"SegmentationClass/a.png": _png(unknown)}))
    assert error.file == "SegmentationClass/a.png" and "colour (1, 2, 3)" in str(error)
    error = _error(_dataset(tmp_path / "c", **{"SegmentationObject/a.png": _png(painted)}))
    assert error.file == "SegmentationObject/a.png" and "no SegmentationClass/a.png" in str(error)
    grey = np.full((30, 40), 7, dtype=np.uint8)
    error = _error(_dataset(tmp_path / "d", **{"SegmentationClass/a.png": _png(grey)}))
    assert error.file == "SegmentationClass/a.png" and "class index 7" in str(error)
    small = _png(np.zeros((3, 3), dtype=np.uint8))
    error = _error(_dataset(tmp_path / "e", **{"SegmentationClass/a.png": _png(painted), "SegmentationObject/a.png": small}))
    assert error.file == "SegmentationObject/a.png" and "3×3" in str(error)


def _voc_color(index: int) -> tuple[int, int, int]:
    """The VOC devkit's colour of an index: its bits 3k, 3k+1, 3k+2 set bit 7-k of red, green, blue."""
    rgb = [0, 0, 0]
    for k in range(8):
        for channel in range(3):
            rgb[channel] |= ((index >> (3 * k + channel)) & 1) << (7 - k)
    return rgb[0], rgb[1], rgb[2]


def test_voc_colours_and_their_inverse_beyond_the_palette() -> None:
    assert [tuple(c) for c in voc_colormap(256).tolist()] == [_voc_color(i) for i in range(256)]
    ids = [0, 1, 15, 255, 256, 70000, (1 << 24) - 1]
    colors = np.array([_voc_color(i) for i in ids], dtype=np.uint8)
    assert voc_color_index(colors).tolist() == ids


def test_tags_of_labels_outside_the_map_are_kept_by_label(tmp_path: Path) -> None:
    dataset = import_from(FORMAT, _dataset(tmp_path, **{"ImageSets/Main/dog_train.txt": "a 1\n# c\n"}))
    [item] = dataset.items
    assert item.tags == [Tag("dog")]


def test_action_and_layout_lists_name_items_before_their_object_numbers(tmp_path: Path) -> None:
    lists = {"ImageSets/Action/train.txt": "a 1\nb 2\n", "ImageSets/Layout/train.txt": '"c d" 1\ne 3\n'}
    dataset = import_from(FORMAT, _dataset(tmp_path, **lists))
    assert [(item.name, item.subset) for item in dataset.items] == [
        ("a.jpg", "train"), ("b", "train"), ("c d", "train"), ("e", "train")]
