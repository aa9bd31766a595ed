"""MOT 1.1: round trips, conformance with Datumaro's `mot_seq` reader and `mot_seq_gt` writer, samples, bad input."""

from __future__ import annotations

import io
import zipfile
from dataclasses import replace
from pathlib import Path

import datumaro as dm
import numpy as np
import pytest

from contour.formats.archive import DirectoryWriter, ZipArchiveWriter
from contour.formats.errors import DatasetError
from contour.formats.memory import BytesMedia, MemorySource, blank_png
from contour.formats.model import (
    AttributeSpec,
    ImportedDataset,
    ImportedItem,
    ImportOptions,
    LabelSpec,
    Track,
    TrackedShape,
)
from contour.formats.mot import MOT_LABELS, export_mot, import_mot
from contour.formats.registry import ExportOptions, find_exporter, find_importer
from contour.formats.tracks import close_gaps, shapes_by_frame, tracks_from_shapes
from tests.formats.builders import CAR, PERSON, box, frame, meta, rich_source
from tests.formats.conftest import SAMPLES

FORMAT = "MOT 1.1"
SAMPLE = SAMPLES / "mot_dataset"
WALKER = LabelSpec("walker", "#123456", "any", (
    AttributeSpec("visibility", "number", True, ("0", "1", "0.01"), "0.5"),
    AttributeSpec("ignored", "checkbox", True, ("false",), "false"),
))


# The codec's own functions: these tests must not depend on every other codec module importing cleanly.
def export_to_dir(source: MemorySource, root: Path, *, save_images: bool = False) -> Path:
    export_mot(source, DirectoryWriter(root), ExportOptions(save_images=save_images))
    return root


def import_from(path: Path) -> ImportedDataset:
    return import_mot(path, ImportOptions())


def gt_lines(root: Path) -> list[str]:
    return (root / "gt" / "gt.txt").read_bytes().decode().split("\r\n")[:-1]


def visible(items: list[ImportedItem]) -> dict[int, list[tuple[list[float], bool]]]:
    """Per-frame visible boxes of the tracks the server would build from the imported shapes."""
    tracked = [(item.frame, s) for item in items for s in item.shapes if s.track_id is not None and item.frame is not None]
    grouped = shapes_by_frame([close_gaps(t) for t in tracks_from_shapes(tracked)], 100)
    return {f: [(s.points, s.occluded) for s in shapes] for f, shapes in grouped.items()}


def video_source() -> MemorySource:
    """Eight video frames; a track that leaves on frame 2, comes back on 4 and ends on 5; another on 6 and 7."""
    frames = [frame(i, f"frame_{i:06d}.PNG") for i in range(8)]
    frames[3].shapes.append(box("person", 1, 1, 9, 9))
    frames[3].shapes.append(box("person", 1, 1, 9, 9, occluded=True))
    tracks = [
        Track("car", [
            TrackedShape("rectangle", 0, [0, 0, 10, 10]),
            TrackedShape("rectangle", 2, [2, 2, 12, 12], outside=True),
            TrackedShape("rectangle", 4, [4, 4, 14, 14], occluded=True),
            TrackedShape("rectangle", 5, [6, 6, 16, 16]),
            TrackedShape("rectangle", 6, [6, 6, 16, 16], outside=True),
        ], id=0),
        Track("person", [TrackedShape("rectangle", 6, [20, 20, 30, 35.5])], id=1),
    ]
    return MemorySource(meta(size=8, is_video=True), frames, tracks)


def test_registered_as_cvat_names_it() -> None:
    exporter, importer = find_exporter(FORMAT), find_importer(FORMAT)
    assert exporter is not None and exporter.exporter is export_mot and exporter.spec.ext == "ZIP"
    assert importer is not None and importer.importer is import_mot


# --- round trips -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("save_images", [False, True])
def test_round_trip_keeps_boxes_and_tracks(tmp_path: Path, save_images: bool) -> None:
    root = export_to_dir(rich_source(), tmp_path / "out", save_images=save_images)
    # Plain boxes have track -1; CVAT's track 0 is MOT's 1; only rectangles are written (rotation is lost).
    assert gt_lines(root) == [
        "1,-1,1.0,2.0,20.0,20.0,1,1,1.0", "1,1,40.0,10.0,10.0,10.0,1,1,1.0",
        "2,-1,10.0,10.0,20.0,30.0,1,1,1.0", "2,1,42.0,12.0,10.0,10.0,1,1,1.0", "3,1,44.0,14.0,10.0,10.0,1,1,1.0",
    ]
    assert (root / "gt" / "labels.txt").read_text() == "car\nperson\nanimal\nsunny"
    images = sorted(p.relative_to(root).as_posix() for p in root.rglob("*.png"))
    assert images == ([f"img1/{n:06d}.png" for n in (1, 2, 3)] if save_images else [])

    dataset = import_from(root)
    assert [label.name for label in dataset.labels] == ["car", "person", "animal", "sunny"]
    items = list(dataset.items)
    # Images named by frame id join the boxes of that frame.
    assert [(i.frame, i.name, i.image is not None) for i in items] == [(f, None, save_images) for f in range(3)]
    plain = [(i.frame, s.label, s.points, s.occluded) for i in items for s in i.shapes if s.track_id is None]
    assert plain == [(0, "car", [1, 2, 21, 22], False), (1, "car", [10, 10, 30, 40], False)]
    assert visible(items) == {0: [([40, 10, 50, 20], False)], 1: [([42, 12, 52, 22], False)],
                              2: [([44, 14, 54, 24], False)]}
    assert items[0].shapes[0].attributes == {"visibility": "1", "ignored": "false"}


def test_video_tracks_with_gaps_survive(tmp_path: Path) -> None:
    source = video_source()
    root = export_to_dir(source, tmp_path / "out")
    assert [line for line in gt_lines(root) if line.startswith("4,")] == [
        "4,-1,1.0,1.0,8.0,8.0,1,2,1.0", "4,-1,1.0,1.0,8.0,8.0,1,2,0.0"]  # occluded: visibility 0
    dataset = import_from(root)
    items = {item.frame: item for item in dataset.items}
    assert sorted(items) == list(range(8))
    outside = sorted((frame, s.track_id) for frame, item in items.items() for s in item.shapes if s.outside)
    # The first frame after each visible run, while the sequence still has frames (track 2 ends on the last one).
    assert outside == [(2, 1), (6, 1)]
    expected = {f: [(s.points, s.occluded) for s in shapes] for f, shapes in shapes_by_frame(source.tracks(), 7).items()}
    assert visible(list(dataset.items)) == expected
    assert [s.occluded for s in items[3].shapes] == [False, True]


def test_visibility_and_ignored_attributes(tmp_path: Path) -> None:
    frames = [frame(0, "a.jpg", [
        box("walker", 0, 0, 4, 4, attributes={"visibility": "0.25", "ignored": "true"}),
        box("walker", 0, 0, 4, 4),  # the label's defaults: 0.5 visible, not ignored
        box("car", 0, 0, 4, 4, occluded=True, attributes={"color": "red"}),
    ])]
    root = export_to_dir(MemorySource(meta((WALKER, CAR)), frames), tmp_path / "out")
    assert gt_lines(root) == ["1,-1,0.0,0.0,4.0,4.0,0,1,0.25", "1,-1,0.0,0.0,4.0,4.0,1,1,0.5",
                              "1,-1,0.0,0.0,4.0,4.0,1,2,0.0"]
    (item,) = import_from(root).items
    assert [(s.attributes, s.occluded) for s in item.shapes] == [
        ({"visibility": "0.25", "ignored": "true"}, False), ({"visibility": "0.5", "ignored": "false"}, False),
        ({"visibility": "0", "ignored": "false"}, True)]


def test_zip_export_and_streaming(tmp_path: Path) -> None:
    source = rich_source()
    calls = []
    frames = source.frames

    def once():  # type: ignore[no-untyped-def]
        calls.append(1)
        return frames()

    source.frames = once  # type: ignore[method-assign]
    with ZipArchiveWriter(tmp_path / "out.zip") as writer:
        export_mot(source, writer, ExportOptions(save_images=True))
    data = (tmp_path / "out.zip").read_bytes()
    assert calls == [1]
    assert sorted(zipfile.ZipFile(io.BytesIO(data)).namelist()) == [
        "gt/gt.txt", "gt/labels.txt", "img1/000001.png", "img1/000002.png", "img1/000003.png"]
    zipfile.ZipFile(io.BytesIO(data)).extractall(tmp_path / "x" / "seq")
    assert len(list(import_from(tmp_path / "x").items)) == 3  # one folder deeper


# --- conformance with Datumaro ---------------------------------------------------------------------------------


def datumaro_boxes(root: Path) -> list[tuple[int, int | None, list[float], object]]:
    """(frame id, label, x/y/w/h, track id) of every box Datumaro's `mot_seq` reader finds."""
    theirs = dm.Dataset.import_from(str(root), "mot_seq")
    return sorted((int(item.id), b.label, b.get_bbox(), b.attributes.get("track_id"))
                  for item in theirs for b in item.annotations)


def datumaro_images(root: Path) -> dict[int, tuple[str, tuple[int, int]]]:
    """Datumaro's items with an image: frame id -> (file name, (height, width))."""
    theirs = dm.Dataset.import_from(str(root), "mot_seq")
    return {int(item.id): (Path(item.media.path).name, item.media.size) for item in theirs
            if isinstance(item.media, dm.Image) and item.media.has_data}


@pytest.mark.parametrize("save_images", [False, True])
def test_datumaro_reads_our_export(tmp_path: Path, save_images: bool) -> None:
    root = export_to_dir(video_source(), tmp_path / "out", save_images=save_images)
    theirs = dm.Dataset.import_from(str(root), "mot_seq")
    labels = theirs.categories()[dm.AnnotationType.label]
    assert [c.name for c in labels.items] == ["car", "person", "animal", "sunny"]
    boxes = sorted((int(item.id), b.label, b.get_bbox(), b.attributes.get("track_id"), b.attributes["occluded"])
                   for item in theirs for b in item.annotations)
    assert boxes == [
        (1, 0, [0, 0, 10, 10], 1, False), (2, 0, [1, 1, 10, 10], 1, False),
        (4, 1, [1, 1, 8, 8], None, False), (4, 1, [1, 1, 8, 8], None, True),
        (5, 0, [4, 4, 10, 10], 1, True), (6, 0, [6, 6, 10, 10], 1, False),
        (7, 1, [20, 20, 10, 15.5], 2, False), (8, 1, [20, 20, 10, 15.5], 2, False),
    ]
    assert all(b.attributes["ignored"] is False for item in theirs for b in item.annotations)
    assert sorted(int(item.id) for item in theirs if item.media is not None and item.media.has_data) == (
        list(range(1, 9)) if save_images else [])


def test_video_frames_are_saved_as_numbered_images(tmp_path: Path) -> None:
    root = export_to_dir(video_source(), tmp_path / "out", save_images=True)
    # `frame_000000` is no integer: frames are numbered by position from 1, six digits, as CVAT names them.
    assert sorted(p.name for p in (root / "img1").iterdir()) == [f"{n:06d}.png" for n in range(1, 9)]
    assert datumaro_images(root) == {n: (f"{n:06d}.png", (48, 64)) for n in range(1, 9)}


def test_datumaro_reads_an_image_task_export_with_its_images(tmp_path: Path) -> None:
    frames = [frame(0, "street/a.jpg", [box("car", 1, 2, 11, 22)], width=40, height=30),
              frame(1, "b.jpg", width=40, height=30),
              frame(2, "c.png", [box("person", 5, 5, 9, 9)], width=40, height=30)]
    track = Track("car", [TrackedShape("rectangle", 1, [2, 2, 6, 6]), TrackedShape("rectangle", 2, [2, 2, 6, 6],
                                                                                   outside=True)], id=0)
    source = MemorySource(meta((CAR, PERSON)), frames, [track])
    source.images = {0: BytesMedia(blank_png(40, 30), ".jpg"), 2: BytesMedia(blank_png(40, 30), ".png")}
    root = export_to_dir(source, tmp_path / "out", save_images=True)
    assert datumaro_images(root) == {1: ("000001.jpg", (30, 40)), 2: ("000002.png", (30, 40)),
                                     3: ("000003.png", (30, 40))}
    assert datumaro_boxes(root) == [(1, 0, [1, 2, 10, 20], None), (2, 0, [2, 2, 4, 4], 1), (3, 1, [5, 5, 4, 4], None)]


def test_a_later_jobs_frames_are_numbered_from_one(tmp_path: Path) -> None:
    frames = [frame(4, "e.jpg", [box("car", 0, 0, 5, 5)]), frame(5, "f.jpg"), frame(6, "g.jpg", [box("car", 1, 1, 3, 3)])]
    track = Track("person", [TrackedShape("rectangle", 5, [2, 2, 6, 6]), TrackedShape("rectangle", 6, [3, 3, 7, 7])],
                  id=0)
    source = MemorySource(replace(meta((CAR, PERSON), size=10), kind="job"), frames, [track])
    root = export_to_dir(source, tmp_path / "out", save_images=True)
    assert gt_lines(root) == ["1,-1,0.0,0.0,5.0,5.0,1,1,1.0", "2,1,2.0,2.0,4.0,4.0,1,2,1.0",
                              "3,-1,1.0,1.0,2.0,2.0,1,1,1.0", "3,1,3.0,3.0,4.0,4.0,1,2,1.0"]
    assert set(datumaro_images(root)) == {1, 2, 3}
    assert datumaro_boxes(root) == [(1, 0, [0, 0, 5, 5], None), (2, 1, [2, 2, 4, 4], 1), (3, 0, [1, 1, 2, 2], None),
                                    (3, 1, [3, 3, 4, 4], 1)]
    # Imported into that job, the sequence starts at the job's first frame again.
    items = list(import_mot(root, ImportOptions(first_frame=4)).items)
    assert [(i.frame, len(i.shapes), i.image is not None) for i in items] == [(4, 1, True), (5, 1, True), (6, 2, True)]


def test_integer_item_ids_are_their_own_frame_ids(tmp_path: Path) -> None:
    # Datumaro casts item ids with int(): `000007` is frame 7, `b` is numbered by its position (2).
    frames = [frame(0, "000007.jpg", [box("car", 0, 0, 1, 1)]), frame(1, "b.jpg", [box("car", 0, 0, 2, 2)]),
              frame(2, "2.jpg", [box("car", 0, 0, 3, 3)])]
    root = export_to_dir(MemorySource(meta((CAR,)), frames), tmp_path / "out", save_images=True)
    assert gt_lines(root) == ["7,-1,0.0,0.0,1.0,1.0,1,1,1.0", "2,-1,0.0,0.0,2.0,2.0,1,1,1.0",
                              "2,-1,0.0,0.0,3.0,3.0,1,1,1.0"]
    # Frame id 2 twice: its image is the first item's (a zip member is written once).
    assert sorted(p.name for p in (root / "img1").iterdir()) == ["000002.png", "000007.png"]


def test_old_exports_with_images_named_by_frame_still_import(tmp_path: Path) -> None:
    # Before CVAT's numbering, images were saved under the frame's name: they are matched by name.
    root = write_sequence(tmp_path, "1,-1,0,0,2,2,1,1,1\n2,-1,0,0,3,3,1,1,1\n")
    (root / "img1").mkdir()
    for name in ("frame_000000.PNG", "frame_000001.PNG"):
        (root / "img1" / name).write_bytes(blank_png(4, 4))
    items = list(import_from(root).items)
    assert [(i.frame, i.name, len(i.shapes)) for i in items] == [
        (0, None, 1), (1, None, 1), (None, "frame_000000", 0), (None, "frame_000001", 0)]


@pytest.mark.parametrize("save_media", [False, True])
def test_we_read_what_datumaro_writes(tmp_path: Path, save_media: bool) -> None:
    image = dm.Image.from_numpy(np.zeros((6, 8, 3), dtype=np.uint8))
    dataset = dm.Dataset.from_iterable([
        dm.DatasetItem(1, media=image, annotations=[
            dm.Bbox(1, 2, 3, 4, label=1, attributes={"track_id": 7, "visibility": 0.75}),
            dm.Bbox(0, 0, 2, 2, label=0, attributes={"ignored": True, "occluded": True}),
            dm.Polygon([0, 0, 1, 0, 1, 1], label=0),
        ]),
        dm.DatasetItem(2, media=image, annotations=[dm.Bbox(2, 3, 3, 4, label=1, attributes={"track_id": 7})]),
        dm.DatasetItem(3, media=image),
    ], categories=["cat", "dog"])
    dataset.export(str(tmp_path), "mot_seq_gt", save_media=save_media)
    ours = import_from(tmp_path)
    assert [label.name for label in ours.labels] == ["cat", "dog"]
    items = list(ours.items)
    # Without images nothing tells that the empty third frame exists.
    assert [(i.frame, i.image is not None) for i in items] == [(f, save_media) for f in range(3 if save_media else 2)]
    first, second = items[0].shapes
    assert (first.label, first.points, first.track_id, first.attributes) == (
        "dog", [1, 2, 4, 6], 1, {"visibility": "0.75", "ignored": "false"})
    assert (second.label, second.track_id, second.occluded, second.attributes) == (
        "cat", None, True, {"visibility": "0", "ignored": "true"})
    assert [(s.points, s.track_id, s.outside) for s in items[1].shapes] == [([2, 3, 5, 7], 1, False)]
    if save_media:
        assert [(s.points, s.outside) for s in items[2].shapes] == [([2, 3, 5, 7], True)]  # the track ends on 2


# --- the sample datasets ---------------------------------------------------------------------------------------


def test_sample_sequences() -> None:
    for name, image in (("mot_seq", True), ("mot_seq_with_seqinfo", False)):
        dataset = import_from(SAMPLE / name)
        assert [label.name for label in dataset.labels] == [f"label_{i}" for i in range(10)]
        (item,) = dataset.items
        assert item.frame == 0 and (item.image is not None) == image
        (shape,) = item.shapes
        assert (shape.type, shape.label, shape.points, shape.track_id, shape.occluded) == (
            "rectangle", "label_2", [0, 4, 4, 12], None, False)
        assert shape.attributes == {"visibility": "1", "ignored": "false"}
    seqinfo = next(iter(import_from(SAMPLE / "mot_seq_with_seqinfo").items))
    assert (seqinfo.width, seqinfo.height) == (16, 16)
    with pytest.raises(DatasetError, match="2 MOT sequences found"):
        import_from(SAMPLE)


def test_bare_gt_file_and_default_labels(tmp_path: Path) -> None:
    (tmp_path / "gt.txt").write_text("2,3,1,1,2,2,1,3,1\n\n1,3,0,0,2,2,1,3\n")
    dataset = import_from(tmp_path)
    assert [label.name for label in dataset.labels] == list(MOT_LABELS)
    assert [(i.frame, [(s.label, s.points, s.track_id) for s in i.shapes]) for i in dataset.items] == [
        (0, [("car", [0, 0, 2, 2], 3)]), (1, [("car", [1, 1, 3, 3], 3)])]


# --- bad input -------------------------------------------------------------------------------------------------


def write_sequence(root: Path, rows: str | bytes, labels: str = "car\nperson\n") -> Path:
    (root / "gt").mkdir(parents=True, exist_ok=True)
    (root / "gt" / "gt.txt").write_bytes(rows.encode() if isinstance(rows, str) else rows)
    (root / "gt" / "labels.txt").write_text(labels)
    return root


@pytest.mark.parametrize(("rows", "line", "message"), [
    ("1,1,0,0,1,1,1,1,1\n1,x,0,0,1,1,1,1,1\n", 2, "track_id must be a number, got 'x'"),
    ("1,1,0,0,1,1,1,1,1\n\n2,1,0,0,1,1,1,3,1\n", 3, "class_id 3 is unknown: there are 2 labels"),
    ("1,1,0,0,1,1,1,0,1\n", 1, "class_id 0 is unknown"),
    ("1,1,0,0,1,1,1\n", 1, "expected 8 to 10 comma-separated values"),
    ("1,1,0,0,1,1,1,1,1,1,1\n", 1, "got 11"),
    ("0,1,0,0,1,1,1,1,1\n", 1, "frame_id 0 is out of range"),
    ("1.5,1,0,0,1,1,1,1,1\n", 1, "frame_id must be a finite integer"),
    ("1,1,0,0,-1,1,1,1,1\n", 1, "negative size"),
    ("1,1,0,0,nan,1,1,1,1\n", 1, "w must be a finite number"),
    ("1,1,0,0,1,1,1,1,1\n1,1,2,2,1,1,1,1,1\n", 2, "track 1 has a second box on frame 1"),
    (b"1,1,0,0,1,1,1,1,1\n1,1,0,0,1,1,1,1,\xff\n", 2, "not UTF-8"),
])
def test_bad_rows_name_file_and_line(tmp_path: Path, rows: str | bytes, line: int, message: str) -> None:
    with pytest.raises(DatasetError, match=message) as error:
        import_from(write_sequence(tmp_path, rows))
    assert (error.value.file, error.value.line) == ("gt/gt.txt", line)


def test_missing_gt_is_not_a_mot_sequence(tmp_path: Path) -> None:
    (tmp_path / "annotations").mkdir()
    (tmp_path / "annotations" / "default.json").write_text("{}")
    with pytest.raises(DatasetError, match="not a MOT sequence"):
        import_from(tmp_path)


@pytest.mark.parametrize(("seqinfo", "message"), [
    ("[Sequence]\nseqLength=ten\n", "seqlength must be an integer"),
    ("[Sequence]\nimDir=../../etc\n", "points outside the sequence"),
    ("seqLength=1\n", "malformed seqinfo.ini"),
])
def test_bad_seqinfo(tmp_path: Path, seqinfo: str, message: str) -> None:
    root = write_sequence(tmp_path, "1,1,0,0,1,1,1,1,1\n")
    (root / "seqinfo.ini").write_text(seqinfo)
    with pytest.raises(DatasetError, match=message) as error:
        import_from(root)
    assert error.value.file == "seqinfo.ini"


def test_only_known_labels_and_rectangles_are_exported(tmp_path: Path) -> None:
    frames = [frame(0, "a.jpg", [box("ghost", 0, 0, 1, 1), box("person", 0, 0, 1, 1)], width=8, height=8)]
    root = export_to_dir(MemorySource(meta((CAR, PERSON)), frames), tmp_path / "out")
    assert gt_lines(root) == ["1,-1,0.0,0.0,1.0,1.0,1,2,1.0"]


def test_project_frames_are_numbered_in_export_order(tmp_path: Path) -> None:
    # A project's frames come with CVAT's unique names (`a`, `a_1`): numbered by position like any other.
    frames = [frame(0, "a.jpg", [box("car", 0, 0, 1, 1)]), frame(0, "a_1.jpg", [box("car", 0, 0, 2, 2)])]
    source = MemorySource(replace(meta((CAR,), size=2), kind="project"), frames)
    root = export_to_dir(source, tmp_path / "out", save_images=True)
    assert gt_lines(root) == ["1,-1,0.0,0.0,1.0,1.0,1,1,1.0", "2,-1,0.0,0.0,2.0,2.0,1,1,1.0"]
    assert sorted(p.name for p in (root / "img1").iterdir()) == ["000001.png", "000002.png"]
