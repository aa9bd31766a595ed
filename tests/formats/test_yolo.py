"""YOLO 1.1: round trips, the files CVAT's layout needs, Datumaro conformance, the sample dataset, bad input."""

from __future__ import annotations

import zipfile
from pathlib import Path

import numpy as np
import pytest

from contour.formats.errors import DatasetError
from contour.formats.memory import MemorySource
from contour.formats.model import ImportedDataset, ImportedItem, LabelSpec, Shape
from tests.formats.builders import box, export_to_dir, export_to_zip, frame, import_from, meta, rich_source
from tests.formats.conftest import SAMPLES

FORMAT = "YOLO 1.1"


def _items(dataset: ImportedDataset) -> dict[str, ImportedItem]:
    return {item.name or "": item for item in dataset.items}


def _boxes(item: ImportedItem) -> list[tuple[str, list[float]]]:
    return sorted((s.label, [round(p, 3) for p in s.points]) for s in item.shapes)


def _write(root: Path, files: dict[str, str | bytes]) -> Path:
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content.encode() if isinstance(content, str) else content)
    return root


def _dataset(root: Path, label_text: str = "0 0.5 0.5 0.2 0.2\n", **extra: str) -> Path:
    files: dict[str, str | bytes] = {
        "obj.data": "classes = 2\ntrain = data/train.txt\nnames = data/obj.names\nbackup = backup/\n",
        "obj.names": "cat\ndog\n",
        "train.txt": "data/obj_train_data/a.jpg\n",
        "obj_train_data/a.txt": label_text,
    }
    files.update(extra)
    return _write(root, files)


# --- round trips -----------------------------------------------------------------------------------------------


def test_round_trip_with_images_keeps_axis_aligned_boxes(tmp_path: Path) -> None:
    root = export_to_dir(FORMAT, rich_source(), tmp_path / "out", save_images=True)
    dataset = import_from(FORMAT, root)
    assert [label.name for label in dataset.labels] == ["car", "person", "animal", "sunny"]
    items = _items(dataset)
    assert set(items) == {"img0", "sub/img1", "img2"}
    assert all(item.subset == "train" and (item.width, item.height) == (64, 48) for item in items.values())
    assert all(not item.normalized and item.image is not None and item.image.is_file() for item in items.values())
    # The rotated box on frame 1 is dropped (as CVAT does); the track's box shows on every frame.
    assert _boxes(items["img0"]) == [("car", [1.0, 2.0, 21.0, 22.0]), ("car", [40.0, 10.0, 50.0, 20.0])]
    assert _boxes(items["sub/img1"]) == [("car", [42.0, 12.0, 52.0, 22.0])]
    assert _boxes(items["img2"]) == [("car", [44.0, 14.0, 54.0, 24.0])]
    assert all(s.type == "rectangle" and not s.attributes and s.track_id is None
               for item in items.values() for s in item.shapes)


def test_round_trip_without_images_gives_normalised_boxes(tmp_path: Path) -> None:
    archive = export_to_zip(FORMAT, rich_source(), tmp_path / "out.zip")
    # The server hands importers the extracted archive.
    with zipfile.ZipFile(archive) as opened:
        assert not [n for n in opened.namelist() if n.endswith((".png", ".jpg"))]
        opened.extractall(tmp_path / "extracted")
    items = _items(import_from(FORMAT, tmp_path / "extracted"))
    item = items["img0"]
    assert item.normalized and item.width is None and item.height is None and item.image is None
    first = sorted(item.shapes, key=lambda s: s.points[0])[0]
    assert first.points == pytest.approx([1 / 64, 2 / 48, 21 / 64, 22 / 48], abs=1e-6)


def test_layout_matches_cvat(tmp_path: Path) -> None:
    source = MemorySource(meta((LabelSpec("a"), LabelSpec("b")), size=3), [
        frame(0, "x.jpg", [box("b", 0, 0, 32, 24)]),
        frame(1, "y.png", [], subset="valid"),
        frame(2, "dir/z.jpeg", [Shape("polygon", "a", [0, 0, 5, 0, 5, 5])]),
    ])
    root = export_to_dir(FORMAT, source, tmp_path / "out")
    assert (root / "obj.data").read_text() == (
        "classes = 2\ntrain = data/train.txt\nvalid = data/valid.txt\nnames = data/obj.names\nbackup = backup/\n")
    assert (root / "obj.names").read_text() == "a\nb\n"
    assert (root / "train.txt").read_text() == "data/obj_train_data/x.jpg\ndata/obj_train_data/dir/z.jpeg\n"
    assert (root / "valid.txt").read_text() == "data/obj_valid_data/y.png\n"
    assert (root / "obj_train_data/x.txt").read_text() == "1 0.250000 0.250000 0.500000 0.500000\n"
    # Every item gets a label file, an empty one when nothing in it can be written.
    assert (root / "obj_train_data/dir/z.txt").read_text() == ""
    assert (root / "obj_valid_data/y.txt").read_text() == ""


def test_reserved_subset_is_refused(tmp_path: Path) -> None:
    source = MemorySource(meta((LabelSpec("a"),), size=1), [frame(0, "x.jpg", subset="names")])
    with pytest.raises(DatasetError, match="reserved"):
        export_to_dir(FORMAT, source, tmp_path / "out")


def test_root_one_folder_deeper(tmp_path: Path) -> None:
    _dataset(tmp_path / "top" / "inner")
    items = _items(import_from(FORMAT, tmp_path / "top"))
    assert _boxes(items["a"]) == [("cat", [0.4, 0.4, 0.6, 0.6])]


# --- Datumaro conformance --------------------------------------------------------------------------------------


def test_export_loads_in_datumaro(tmp_path: Path) -> None:
    import datumaro as dm

    root = export_to_dir(FORMAT, rich_source(), tmp_path / "out", save_images=True)
    dataset = dm.Dataset.import_from(str(root), "yolo")
    names = [c.name for c in dataset.categories()[dm.AnnotationType.label]]
    assert names == ["car", "person", "animal", "sunny"]
    found = {
        item.id: (item.subset, item.media.size, sorted((names[a.label], [round(v, 3) for v in a.points])
                                                       for a in item.annotations))
        for item in dataset
    }
    assert found == {
        "img0": ("train", (48, 64), [("car", [1.0, 2.0, 21.0, 22.0]), ("car", [40.0, 10.0, 50.0, 20.0])]),
        "sub/img1": ("train", (48, 64), [("car", [42.0, 12.0, 52.0, 22.0])]),
        "img2": ("train", (48, 64), [("car", [44.0, 14.0, 54.0, 24.0])]),
    }


def test_datumaro_export_imports(tmp_path: Path) -> None:
    import datumaro as dm

    image = np.zeros((20, 40, 3), dtype=np.uint8)
    source = dm.Dataset.from_iterable([
        dm.DatasetItem(id="one", subset="train", media=dm.Image.from_numpy(image),
                       annotations=[dm.Bbox(2, 4, 10, 6, label=1), dm.Bbox(0, 0, 40, 20, label=0)]),
        dm.DatasetItem(id="nested/two", subset="valid", media=dm.Image.from_numpy(image), annotations=[]),
    ], categories=["cat", "dog"])
    source.export(str(tmp_path / "dm"), "yolo", save_media=True)
    dataset = import_from(FORMAT, tmp_path / "dm")
    assert [label.name for label in dataset.labels] == ["cat", "dog"]
    items = _items(dataset)
    assert {name: (item.subset, item.width, item.height) for name, item in items.items()} == {
        "one": ("train", 40, 20), "nested/two": ("valid", 40, 20)}
    assert _boxes(items["one"]) == [("cat", [0.0, 0.0, 40.0, 20.0]), ("dog", [2.0, 4.0, 12.0, 10.0])]
    assert items["nested/two"].shapes == []


# --- the sample dataset ----------------------------------------------------------------------------------------


def test_sample_dataset() -> None:
    dataset = import_from(FORMAT, SAMPLES / "yolo_dataset" / "yolo")
    assert [label.name for label in dataset.labels] == [f"label_{i}" for i in range(10)]
    items = list(dataset.items)
    assert len(items) == 1
    item = items[0]
    assert (item.name, item.subset, item.width, item.height) == ("1", "train", 15, 10)
    assert item.image is not None and item.image.name == "1.jpg"
    assert _boxes(item) == [("label_2", [-0.0, 2.0, 4.0, 4.0]), ("label_4", [3.0, 3.0, 5.0, 6.0])]


# --- bad input -------------------------------------------------------------------------------------------------


def _error(path: Path) -> DatasetError:
    with pytest.raises(DatasetError) as caught:
        dataset = import_from(FORMAT, path)
        list(dataset.items)
    return caught.value


def test_missing_obj_data(tmp_path: Path) -> None:
    _write(tmp_path, {"obj.names": "a\n", "train.txt": "x.jpg\n"})
    assert "obj.data" in str(_error(tmp_path))


def test_coco_file_is_not_yolo(tmp_path: Path) -> None:
    _write(tmp_path, {"annotations/instances_default.json": '{"images": []}'})
    assert "obj.data is missing" in str(_error(tmp_path))


def test_missing_names_file(tmp_path: Path) -> None:
    _dataset(tmp_path)
    (tmp_path / "obj.names").unlink()
    error = _error(tmp_path)
    assert error.file == "obj.data" and "obj.names" in str(error)


def test_missing_subset_list(tmp_path: Path) -> None:
    _dataset(tmp_path)
    (tmp_path / "train.txt").unlink()
    error = _error(tmp_path)
    assert (error.file, error.line) == ("obj.data", 2)


def test_malformed_obj_data(tmp_path: Path) -> None:
    _dataset(tmp_path, **{"obj.data": "classes = 2\n{\"images\": []}\n"})
    error = _error(tmp_path)
    assert (error.file, error.line) == ("obj.data", 2)


@pytest.mark.parametrize(("text", "message", "line"), [
    ("0 0.5 0.5 0.2 0.2\n1 0.5 abc 0.2 0.2\n", "not a number", 2),
    ("\n0 0.5 0.5 0.2\n", "expected 5 fields", 2),
    ("0 0.5 0.5 0.2 0.2 7\n", "expected 5 fields", 1),
    ("2 0.5 0.5 0.2 0.2\n", "unknown class id 2", 1),
    ("-1 0.5 0.5 0.2 0.2\n", "unknown class id -1", 1),
    ("x 0.5 0.5 0.2 0.2\n", "class id is not an integer", 1),
    ("0 0.5 0.5 -0.2 0.2\n", "must not be negative", 1),
    ("0 0.5 nan 0.2 0.2\n", "finite", 1),
])
def test_bad_label_lines(tmp_path: Path, text: str, message: str, line: int) -> None:
    _dataset(tmp_path, text)
    error = _error(tmp_path)
    assert message in str(error)
    assert (error.file, error.line) == ("obj_train_data/a.txt", line)


def test_binary_label_file(tmp_path: Path) -> None:
    _dataset(tmp_path)
    (tmp_path / "obj_train_data/a.txt").write_bytes(b"0 0.5 0.5 0.2 0.2\n\xff\xfe\n")
    error = _error(tmp_path)
    assert (error.file, error.line) == ("obj_train_data/a.txt", 2)


@pytest.mark.parametrize("entry", ["../outside.jpg", "/etc/passwd", "data/../../x.jpg"])
def test_list_paths_must_stay_inside(tmp_path: Path, entry: str) -> None:
    _dataset(tmp_path, **{"train.txt": f"data/obj_train_data/a.jpg\n{entry}\n"})
    error = _error(tmp_path)
    assert (error.file, error.line) == ("train.txt", 2)
    assert "inside the dataset" in str(error)


def test_missing_label_file_means_no_objects(tmp_path: Path) -> None:
    _dataset(tmp_path, **{"train.txt": "data/obj_train_data/a.jpg\ndata/obj_train_data/b.jpg\n"})
    items = _items(import_from(FORMAT, tmp_path))
    assert items["b"].shapes == [] and len(items["a"].shapes) == 1
