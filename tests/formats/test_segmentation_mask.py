"""Segmentation mask 1.1: pixel-exact round trips, CVAT's label map and merging, 1- and 3-channel PNGs,
Datumaro conformance, the sample dataset, bad input."""

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
from contour.formats.mask_png import voc_colormap
from contour.formats.memory import MemorySource
from contour.formats.model import ImportedDataset, ImportedItem, LabelSpec, Shape, Tag
from tests.formats.builders import CAR, PERSON, box, export_to_dir, export_to_zip, frame, import_from, meta, rich_source
from tests.formats.conftest import SAMPLES

FORMAT = "Segmentation mask 1.1"
Bitmap = npt.NDArray[np.bool_]


def _items(dataset: ImportedDataset) -> dict[str, ImportedItem]:
    return {item.name or "": item for item in dataset.items}


def _masks(item: ImportedItem, width: int, height: int) -> list[tuple[str, bytes]]:
    assert all(s.type == "mask" for s in item.shapes)
    return sorted((s.label, cvat_mask_to_frame(s.points, width, height).tobytes()) for s in item.shapes)


def _expected(*pairs: tuple[str, Bitmap]) -> list[tuple[str, bytes]]:
    return sorted((label, bitmap.tobytes()) for label, bitmap in pairs if bitmap.any())


def _png(array: npt.NDArray[np.uint8]) -> bytes:
    buffer = io.BytesIO()
    Image.fromarray(array).save(buffer, "PNG")
    return buffer.getvalue()


def _write(root: Path, files: dict[str, str | bytes]) -> Path:
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content.encode() if isinstance(content, str) else content)
    return root


# The label map of the hand-made datasets: background is not first, so ids and colours must both be honoured.
_LABELMAP = "cat:10,20,30::\nbackground:0,0,0::\ndog:200,100,0::\n"
_COLORS = np.array([(10, 20, 30), (0, 0, 0), (200, 100, 0)], dtype=np.uint8)


def _classes_and_instances() -> tuple[npt.NDArray[np.uint8], npt.NDArray[np.uint8]]:
    classes = np.ones((12, 16), dtype=np.uint8)  # background
    instances = np.zeros((12, 16), dtype=np.uint8)
    classes[1:5, 1:6], instances[1:5, 1:6] = 0, 1  # a cat
    classes[6:11, 2:5], instances[6:11, 2:5] = 2, 2  # a dog
    classes[6:11, 9:15], instances[6:11, 9:15] = 2, 3  # another dog
    return classes, instances


def _dataset(root: Path, classes: bytes | None, instances: bytes | None, labelmap: str | None = _LABELMAP) -> Path:
    files: dict[str, str | bytes] = {"ImageSets/Segmentation/val.txt": "x\n"}
    if labelmap is not None:
        files["labelmap.txt"] = labelmap
    if classes is not None:
        files["SegmentationClass/x.png"] = classes
    if instances is not None:
        files["SegmentationObject/x.png"] = instances
    return _write(root, files)


# --- round trips -----------------------------------------------------------------------------------------------


def test_round_trip_is_pixel_exact_with_groups_merged_and_z_order_kept(tmp_path: Path) -> None:
    archive = export_to_zip(FORMAT, rich_source(), tmp_path / "seg.zip", save_images=True)
    zipfile.ZipFile(archive).extractall(tmp_path / "out")
    dataset = import_from(FORMAT, tmp_path / "out")
    assert [(label.name, label.color) for label in dataset.labels] == [
        ("animal", "#0000ff"), ("background", "#000000"), ("car", "#ff0000"), ("person", "#00ff00"), ("sunny", "#ffff00"),
    ]
    items = _items(dataset)
    assert list(items) == ["img0", "sub/img1", "img2"]
    assert all((i.subset, i.width, i.height, i.tags) == ("default", 64, 48, []) for i in items.values())
    assert all(i.image is not None and i.image.name.endswith(".png") for i in items.values())
    # Frame 0: the car box and the person polygon are one group, merged into the larger (person, z_order 1);
    # the track's box lies above the ellipse (same z_order, later in the frame).
    group = rectangle_to_bitmap([1, 2, 21, 22], 64, 48) | polygon_to_bitmap([5, 5, 30, 5, 30, 30, 5, 30], 64, 48)
    tracked = rectangle_to_bitmap([40, 10, 50, 20], 64, 48)
    ellipse = ellipse_to_bitmap([32, 24, 42, 30], 0.0, 64, 48)
    assert _masks(items["img0"], 64, 48) == _expected(
        ("person", group), ("car", tracked & ~group), ("car", ellipse & ~tracked & ~group))
    rotated = rectangle_to_bitmap([10, 10, 30, 40], 64, 48, rotation=30.0)
    interpolated = rectangle_to_bitmap([42, 12, 52, 22], 64, 48)
    assert _masks(items["sub/img1"], 64, 48) == _expected(("car", rotated & ~interpolated), ("car", interpolated))
    assert _masks(items["img2"], 64, 48) == _expected(("car", rectangle_to_bitmap([44, 14, 54, 24], 64, 48)))


def test_group_takes_the_label_of_its_largest_member(tmp_path: Path) -> None:
    shapes = [
        Shape("polygon", "car", [0, 0, 4, 0, 4, 4], group=5),
        Shape("mask", "person", bitmap_to_cvat_mask(np.pad(np.ones((6, 6), bool), ((10, 4), (10, 4)))), group=5),
        box("person", 2, 12, 8, 18, z_order=-1),
    ]
    source = MemorySource(meta((CAR, PERSON), 1), [frame(0, "a.jpg", shapes, width=20, height=20)])
    [item] = import_from(FORMAT, export_to_dir(FORMAT, source, tmp_path / "out")).items
    merged = polygon_to_bitmap([0, 0, 4, 0, 4, 4], 20, 20)
    merged[10:16, 10:16] = True
    below = rectangle_to_bitmap([2, 12, 8, 18], 20, 20)
    assert _masks(item, 20, 20) == _expected(("person", merged), ("person", below & ~merged))


def test_export_files_labelmap_and_lists(tmp_path: Path) -> None:
    labels = (CAR, PERSON, LabelSpec("Zebra", "#101010"), LabelSpec("sunny", "#ffff00", "tag"))
    frames = [
        frame(0, "a.jpg", [box("car", 0, 0, 4, 4)]),
        frame(1, "b.jpg", tags=[Tag("sunny")]),  # annotated but without masks: CVAT lists it nowhere
        frame(2, "c.jpg", subset="test"),  # unannotated: listed, no masks
        frame(3, "d.jpg", [Shape("polyline", "car", [0, 0, 5, 5])]),
    ]
    data = export_to_zip(FORMAT, MemorySource(meta(labels, 4), frames), tmp_path / "seg.zip").read_bytes()
    archive = zipfile.ZipFile(io.BytesIO(data))
    assert sorted(archive.namelist()) == [
        "ImageSets/Segmentation/default.txt", "ImageSets/Segmentation/test.txt",
        "SegmentationClass/a.png", "SegmentationObject/a.png", "labelmap.txt",
    ]
    assert archive.read("labelmap.txt").decode() == (
        "# label:color_rgb:parts:actions\nZebra:16,16,16::\nbackground:0,0,0::\ncar:255,0,0::\n"
        "person:0,255,0::\nsunny:255,255,0::\n"
    )
    assert archive.read("ImageSets/Segmentation/default.txt") == b"a\n"
    assert archive.read("ImageSets/Segmentation/test.txt") == b"c\n"
    classes = Image.open(io.BytesIO(archive.read("SegmentationClass/a.png")))
    assert classes.mode == "P" and classes.getpalette()[:9] == [16, 16, 16, 0, 0, 0, 255, 0, 0]
    assert np.unique(np.asarray(classes)).tolist() == [1, 2]  # background is id 1 here
    instances = Image.open(io.BytesIO(archive.read("SegmentationObject/a.png")))
    assert instances.getpalette()[:6] == [0, 0, 0, 128, 0, 0] and np.unique(np.asarray(instances)).tolist() == [0, 1]


def test_many_instances_fall_back_to_rgb_pngs(tmp_path: Path) -> None:
    shapes = [box("car", x, y, x + 1, y + 1) for y in range(20) for x in range(15)]
    source = MemorySource(meta((CAR,), 1), [frame(0, "a.jpg", shapes, width=15, height=20)])
    root = export_to_dir(FORMAT, source, tmp_path / "out")
    with Image.open(root / "SegmentationObject/a.png") as instances:
        assert instances.mode == "RGB"
    [item] = import_from(FORMAT, root).items
    assert len(item.shapes) == 300 and all(cvat_mask_to_frame(s.points, 15, 20).sum() == 1 for s in item.shapes)


# --- importing hand-made PNGs ----------------------------------------------------------------------------------


@pytest.mark.parametrize("channels", [1, 3])
def test_index_and_colour_pngs_import_alike(tmp_path: Path, channels: int) -> None:
    classes, instances = _classes_and_instances()
    if channels == 1:
        class_png, instance_png = _png(classes), _png(instances)
    else:
        class_png, instance_png = _png(_COLORS[classes]), _png(voc_colormap(4)[instances])
    dataset = import_from(FORMAT, _dataset(tmp_path, class_png, instance_png))
    assert [label.name for label in dataset.labels] == ["cat", "background", "dog"]
    [item] = dataset.items
    assert (item.name, item.subset, item.width, item.height) == ("x", "val", 16, 12)
    assert _masks(item, 16, 12) == _expected(
        ("cat", instances == 1), ("dog", instances == 2), ("dog", instances == 3))


def test_class_masks_alone_give_one_mask_per_class(tmp_path: Path) -> None:
    classes, _ = _classes_and_instances()
    [item] = import_from(FORMAT, _dataset(tmp_path, _png(_COLORS[classes]), None)).items
    assert _masks(item, 16, 12) == _expected(("cat", classes == 0), ("dog", classes == 2))


def test_palette_pngs_are_read_by_colour(tmp_path: Path) -> None:
    classes, _ = _classes_and_instances()
    image = Image.fromarray((2 - classes).astype(np.uint8))  # palette order differs from the label map's
    image.putpalette(bytes(_COLORS[::-1].tobytes()))
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    [item] = import_from(FORMAT, _dataset(tmp_path, buffer.getvalue(), None)).items
    assert _masks(item, 16, 12) == _expected(("cat", classes == 0), ("dog", classes == 2))


def test_without_labelmap_the_voc_colours_apply(tmp_path: Path) -> None:
    classes = np.zeros((8, 8), dtype=np.uint8)
    classes[2:4, 2:6] = 15  # person
    [item] = import_from(FORMAT, _dataset(tmp_path, _png(voc_colormap(16)[classes]), None, labelmap=None)).items
    assert _masks(item, 8, 8) == _expected(("person", classes == 15))


# --- Datumaro conformance --------------------------------------------------------------------------------------


def test_export_loads_in_datumaro(tmp_path: Path) -> None:
    import datumaro as dm

    root = export_to_dir(FORMAT, rich_source(), tmp_path / "out", save_images=True)
    dataset = dm.Dataset.import_from(str(root), "voc_segmentation")
    names = [c.name for c in dataset.categories()[dm.AnnotationType.label]]
    assert names == ["animal", "background", "car", "person", "sunny"]
    ours = _items(import_from(FORMAT, root))
    assert sorted(item.id for item in dataset) == sorted(ours)
    for item in dataset:
        masks = sorted((names[a.label], a.image.tobytes()) for a in item.annotations)
        assert masks == _masks(ours[item.id], 64, 48)


def test_datumaro_export_imports(tmp_path: Path) -> None:
    import datumaro as dm

    # Datumaro paints uncovered pixels with class 0 and skips masks of that class, so background comes first.
    _, instances = _classes_and_instances()
    colors = {0: (0, 0, 0), 1: (10, 20, 30), 2: (200, 100, 0)}
    source = dm.Dataset.from_iterable([
        dm.DatasetItem(id="x", subset="val", media=dm.Image.from_numpy(np.zeros((12, 16, 3), dtype=np.uint8)),
                       annotations=[dm.Mask(image=instances == i, label=[0, 1, 2, 2][i], z_order=i) for i in (1, 2, 3)]),
    ], categories={
        dm.AnnotationType.label: dm.LabelCategories.from_iterable(["background", "cat", "dog"]),
        dm.AnnotationType.mask: dm.MaskCategories(colors),
    })
    source.export(str(tmp_path / "dm"), "voc_segmentation", save_media=True)
    dataset = import_from(FORMAT, tmp_path / "dm")
    assert [(label.name, label.color) for label in dataset.labels] == [
        ("background", "#000000"), ("cat", "#0a141e"), ("dog", "#c86400")]
    [item] = dataset.items
    assert item.image == tmp_path / "dm/JPEGImages/x.jpg"
    assert _masks(item, 16, 12) == _expected(("cat", instances == 1), ("dog", instances == 2), ("dog", instances == 3))


# --- the sample dataset ----------------------------------------------------------------------------------------


def test_samples() -> None:
    dataset = import_from(FORMAT, SAMPLES / "voc_dataset" / "voc_dataset1")
    assert len(dataset.labels) == 25
    items = _items(dataset)
    assert {name: item.subset for name, item in items.items()} == {"2007_000001": "train", "2007_000002": "test"}
    assert not items["2007_000002"].shapes and items["2007_000002"].image is not None
    [mask] = items["2007_000001"].shapes  # the boxes of the XML are no part of this format
    assert (mask.label, (items["2007_000001"].width, items["2007_000001"].height)) == ("bicycle", (20, 10))
    assert cvat_mask_to_frame(mask.points, 20, 10).all()
    empty = import_from(FORMAT, SAMPLES / "voc_dataset" / "voc_dataset2")
    assert len(empty.labels) == 22 and list(empty.items) == []


# --- bad input -------------------------------------------------------------------------------------------------


def _error(root: Path) -> DatasetError:
    with pytest.raises(DatasetError) as caught:
        list(import_from(FORMAT, root).items)
    return caught.value


def test_bad_input(tmp_path: Path) -> None:
    classes, instances = _classes_and_instances()
    painted = _COLORS[classes]
    painted[0, 0] = (9, 9, 9)
    error = _error(_dataset(tmp_path / "colour", _png(painted), _png(instances)))
    assert error.file == "SegmentationClass/x.png" and "colour (9, 9, 9)" in str(error)
    error = _error(_dataset(tmp_path / "index", _png(classes + 1), None))
    assert error.file == "SegmentationClass/x.png" and "class index 3" in str(error)
    error = _error(_dataset(tmp_path / "junk", None, b"GIF89a nonsense"))
    assert error.file == "SegmentationObject/x.png" and "not a readable PNG" in str(error)
    error = _error(_dataset(tmp_path / "lonely", None, _png(instances)))
    assert error.file == "SegmentationObject/x.png"
    error = _error(_dataset(tmp_path / "labelmap", None, None, labelmap="cat:1,2::\n"))
    assert (error.file, error.line) == ("labelmap.txt", 1)
    assert "ImageSets/Segmentation" in str(_error(_write(tmp_path / "nolists", {"ImageSets/Main/train.txt": "a\n"})))
    error = _error(_write(tmp_path / "id", {"ImageSets/Segmentation/train.txt": "ok\n/etc/passwd\n"}))
    assert (error.file, error.line) == ("ImageSets/Segmentation/train.txt", 2)
