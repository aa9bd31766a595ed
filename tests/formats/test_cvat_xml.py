"""CVAT for images / CVAT for video 1.1 and the CVAT 1.1 import: round trips of both layouts, CVAT's
numbering and layout details, Datumaro conformance, the sample datasets, bad input."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import datumaro as dm
import numpy as np
import pytest
from lxml import etree

from contour.core.masks import bitmap_to_cvat_mask, cvat_mask_to_frame
from contour.formats.errors import DatasetError
from contour.formats.memory import BytesMedia, MemorySource, blank_png
from contour.formats.model import (
    DatasetMeta,
    Frame,
    ImportedDataset,
    ImportedItem,
    Segment,
    Shape,
    Tag,
    Track,
    TrackedShape,
)
from contour.formats.registry import find_exporter, find_importer
from tests.formats.builders import LABELS, box, export_to_dir, export_to_zip, frame, import_from, meta, rich_source
from tests.formats.conftest import SAMPLES

IMAGES, VIDEO, IMPORT = "CVAT for images 1.1", "CVAT for video 1.1", "CVAT 1.1"
SAMPLE = SAMPLES / "cvat_dataset"


def _items(dataset: ImportedDataset) -> dict[str, ImportedItem]:
    return {item.name or f"#{item.frame}": item for item in dataset.items}


def _key(shape: Shape) -> tuple[object, ...]:
    """What CVAT XML keeps of a shape, numbers at its two decimals."""
    elements = tuple(_key(e) + (e.outside,) for e in shape.elements)
    return (shape.type, shape.label, tuple(round(p, 2) for p in shape.points), shape.occluded, shape.z_order,
            round(shape.rotation, 2), shape.group, shape.source, tuple(sorted(shape.attributes.items())), elements)


def _with_media(source: MemorySource) -> MemorySource:
    """Saved images named like the frames (Datumaro looks an item's image up by its name)."""
    for f in source.frame_list:
        source.images[f.index] = BytesMedia(blank_png(f.width, f.height), "." + f.name.rsplit(".", 1)[1])
    return source


def _xml(root: Path) -> etree._Element:
    return etree.parse(str(root / "annotations.xml")).getroot()


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path


def _document(body: str, meta_xml: str = "<meta><task><labels><label><name>car</name></label></labels></task></meta>") -> str:
    return f'<?xml version="1.0" encoding="utf-8"?>\n<annotations>\n<version>1.1</version>\n{meta_xml}\n{body}\n</annotations>\n'


# --- registration -------------------------------------------------------------------------------------------------


def test_formats_are_registered_as_in_cvat() -> None:
    images, video, importer = find_exporter(IMAGES), find_exporter(VIDEO), find_importer(IMPORT)
    assert images is not None and video is not None and importer is not None
    assert (images.spec.ext, video.spec.ext, importer.spec.ext) == ("ZIP", "ZIP", "XML, ZIP")
    assert find_importer(IMAGES) is None and find_exporter(IMPORT) is None


# --- CVAT for images ----------------------------------------------------------------------------------------------


def test_images_round_trip_keeps_every_shape_and_label(tmp_path: Path) -> None:
    source = _with_media(rich_source())
    root = export_to_dir(IMAGES, source, tmp_path / "out", save_images=True)
    dataset = import_from(IMPORT, root)
    assert dataset.labels == list(LABELS)
    items = _items(dataset)
    assert list(items) == ["img0.jpg", "sub/img1.jpg", "img2.jpg"]
    expected = {f.name: f for f in rich_source().frames()}
    for name, item in items.items():
        assert (item.frame, item.subset, item.width, item.height) == (expected[name].index, "default", 64, 48)
        assert item.image == root / "images" / name
        # Tracks are split into per-frame shapes (their identity is lost, as in CVAT).
        assert sorted(map(_key, item.shapes)) == sorted(map(_key, expected[name].shapes))
        assert all(s.track_id is None for s in item.shapes)
    assert items["img0.jpg"].tags == [Tag("sunny")]
    assert dataset.tracks == []


def test_images_layout_follows_cvat(tmp_path: Path) -> None:
    root = export_to_dir(IMAGES, rich_source(), tmp_path / "out")
    text = (root / "annotations.xml").read_text()
    assert text.startswith('<?xml version="1.0" encoding="utf-8"?>\n<annotations>\n  <version>1.1</version>\n  <meta>')
    document = _xml(root)
    assert [c.tag for c in document] == ["version", "meta", "image", "image", "image"]
    task = document.find("meta/task")
    assert task is not None and document.find("meta/dumped") is not None
    assert [c.tag for c in task] == ["id", "name", "size", "mode", "overlap", "bugtracker", "created", "updated",
                                     "subset", "start_frame", "stop_frame", "frame_filter", "segments", "owner",
                                     "assignee", "labels"]
    labels = task.findall("labels/label")
    assert [label.findtext("name") for label in labels] == ["car", "person", "animal", "head", "tail", "sunny"]
    assert [label.findtext("parent") for label in labels][3:5] == ["animal", "animal"]
    attribute = labels[0].find("attributes/attribute")
    assert attribute is not None and [c.tag for c in attribute] == ["name", "mutable", "input_type", "default_value", "values"]
    assert attribute.findtext("values") == "red\nblue" and attribute.findtext("mutable") == "False"
    first = document.find("image")
    assert first is not None and dict(first.attrib) == {"id": "0", "name": "img0.jpg", "width": "64", "height": "48"}
    car = first.find("box")
    assert car is not None and list(car.attrib.items()) == [
        ("label", "car"), ("source", "manual"), ("occluded", "0"), ("xtl", "1.00"), ("ytl", "2.00"),
        ("xbr", "21.00"), ("ybr", "22.00"), ("z_order", "0"), ("group_id", "1")]
    assert [(a.get("name"), a.text) for a in car.iter("attribute")] == [("color", "blue"), ("parked", "true")]
    # Shapes by z_order (the polygon has 1), then tags; a skeleton has no occluded, its points no z_order.
    assert [c.tag for c in first][-2:] == ["polygon", "tag"]
    skeleton = first.find("skeleton")
    assert skeleton is not None and "occluded" not in skeleton.attrib
    assert [dict(p.attrib) for p in skeleton] == [
        {"label": "head", "source": "manual", "outside": "0", "occluded": "0", "points": "12.00,12.00"},
        {"label": "tail", "source": "manual", "outside": "0", "occluded": "1", "points": "28.00,30.00"}]
    mask = first.find("mask")
    assert mask is not None and (mask.get("left"), mask.get("top"), mask.get("width"), mask.get("height")) == ("10", "10", "8", "8")
    assert mask.get("rle") == "0, 64"
    ellipse = first.find("ellipse")
    assert ellipse is not None and (ellipse.get("cx"), ellipse.get("rx"), ellipse.get("ry")) == ("32.00", "10.00", "-6.00")
    rotated = document.findall("image")[1].find("box")
    assert rotated is not None and rotated.get("rotation") == "30.00"


def test_mask_round_trip_is_pixel_exact(tmp_path: Path) -> None:
    bitmap = np.random.default_rng(7).random((48, 64)) > 0.6
    bitmap[:3] = False
    points = bitmap_to_cvat_mask(bitmap)
    source = MemorySource(meta(), [frame(0, "a.png", [Shape("mask", "person", points, group=3)])])
    dataset = import_from(IMPORT, export_to_dir(IMAGES, source, tmp_path / "out"))
    (mask,) = _items(dataset)["a.png"].shapes
    assert mask.points == points and mask.group == 3
    assert np.array_equal(cvat_mask_to_frame(mask.points, 64, 48), bitmap)


def test_cuboids_sources_and_absent_skeleton_points_round_trip(tmp_path: Path) -> None:
    cuboid = [float(v) for v in range(1, 17)]
    shapes = [
        Shape("cuboid", "car", cuboid, source="auto", z_order=-1),
        Shape("skeleton", "animal", [], source="semi-auto", attributes={}, elements=[
            Shape("points", "head", [1.5, 2.5], outside=True), Shape("points", "tail", [3, 4], source="auto")]),
        Shape("ellipse", "car", [10, 10, 14, 7], rotation=45.5),
    ]
    source = MemorySource(meta(), [frame(0, "a.png", shapes, [Tag("sunny", group=4, source="auto")])])
    item = _items(import_from(IMPORT, export_to_dir(IMAGES, source, tmp_path / "out")))["a.png"]
    assert sorted(map(_key, item.shapes)) == sorted(map(_key, shapes))
    assert item.tags == [Tag("sunny", 4, "auto")]


def test_numbers_keep_two_decimals(tmp_path: Path) -> None:
    source = MemorySource(meta(), [frame(0, "a.png", [box("car", 1.234567, 2.005, 10.999, 20.5)])])
    root = export_to_dir(IMAGES, source, tmp_path / "out")
    element = _xml(root).find("image/box")
    assert element is not None and [element.get(n) for n in ("xtl", "ytl", "xbr", "ybr")] == ["1.23", "2.00", "11.00", "20.50"]
    (shape,) = _items(import_from(IMPORT, root))["a.png"].shapes
    assert shape.points == [1.23, 2.0, 11.0, 20.5]


def test_special_characters_are_escaped(tmp_path: Path) -> None:
    label = replace(LABELS[0], name='a&b <"c">')
    value = 'x < y & "z"\nsecond line'
    source = MemorySource(meta((label,)), [frame(0, "dir/it's & more.png", [
        box('a&b <"c">', 1, 2, 3, 4, attributes={"color": value})], [Tag('a&b <"c">', attributes={"color": "<&>"})])])
    dataset = import_from(IMPORT, export_to_dir(IMAGES, source, tmp_path / "out"))
    assert dataset.labels[0].name == 'a&b <"c">'
    item = _items(dataset)["dir/it's & more.png"]
    assert item.shapes[0].label == 'a&b <"c">' and item.shapes[0].attributes == {"color": value}
    assert item.tags[0].attributes == {"color": "<&>"}


def test_project_export_lists_subsets_and_task_ids(tmp_path: Path) -> None:
    project = DatasetMeta("project", 9, "proj", LABELS, tasks=((1, "a", 2, "train"), (2, "b", 1, "val"), (3, "c", 2, "train")))
    frames = [replace(frame(i, f"t{task}_{i}.png", [box("car", i, i, 9, 9)], subset=subset), task_id=task)
              for task, subset, count in ((1, "train", 2), (2, "val", 1), (3, "train", 2)) for i in range(count)]
    root = export_to_dir(IMAGES, MemorySource(project, frames), tmp_path / "out", save_images=True)
    document = _xml(root)
    assert document.find("meta/project/tasks") is not None and document.findtext("meta/project/subsets") == "train\nval"
    images = [(i.get("id"), i.get("name"), i.get("subset"), i.get("task_id")) for i in document.iter("image")]
    # Within a subset, a task's images are numbered on from the previous task's.
    assert images == [("0", "t1_0.png", "train", "1"), ("1", "t1_1.png", "train", "1"), ("0", "t2_0.png", "val", "2"),
                      ("2", "t3_0.png", "train", "3"), ("3", "t3_1.png", "train", "3")]
    assert (root / "images" / "train" / "t3_1.png").is_file() and (root / "images" / "val" / "t2_0.png").is_file()
    items = _items(import_from(IMPORT, root))
    assert [(n, i.frame, i.subset) for n, i in items.items()] == [
        ("t1_0.png", 0, "train"), ("t1_1.png", 1, "train"), ("t2_0.png", 0, "val"), ("t3_0.png", 0, "train"),
        ("t3_1.png", 1, "train")]
    assert all(i.image == root / "images" / i.subset / n for n, i in items.items() if i.subset)


def test_job_frames_use_the_task_numbering(tmp_path: Path) -> None:
    job = replace(meta(size=20), kind="job", id=7, start_frame=5, stop_frame=43, frame_filter="step=2",
                  segments=(Segment(7, 10, 19),))
    frames = [frame(i, f"img{i}.png", [box("car", 1, 1, 5, 5)]) for i in range(10, 13)]
    root = export_to_dir(IMAGES, MemorySource(job, frames), tmp_path / "out")
    document = _xml(root)
    assert [document.findtext(f"meta/job/{n}") for n in ("size", "start_frame", "stop_frame")] == ["10", "25", "43"]
    assert [i.get("id") for i in document.iter("image")] == ["25", "27", "29"]
    assert [i.frame for i in import_from(IMPORT, root).items] == [10, 11, 12]


def test_video_frames_are_named_without_extension(tmp_path: Path) -> None:
    frames = [frame(i, f"frame_{i:06d}.PNG") for i in range(2)]
    source = MemorySource(meta(size=2, is_video=True), frames, images={i: BytesMedia(blank_png(64, 48), ".PNG") for i in range(2)})
    root = export_to_dir(IMAGES, source, tmp_path / "out", save_images=True)
    assert [i.get("name") for i in _xml(root).iter("image")] == ["frame_000000", "frame_000001"]
    assert _xml(root).findtext("meta/task/original_size/width") == "64"
    items = _items(import_from(IMPORT, root))
    assert items["frame_000001"].image == root / "images" / "frame_000001.PNG"


def test_zip_export_holds_annotations_and_images(tmp_path: Path) -> None:
    archive = export_to_zip(IMAGES, _with_media(rich_source()), tmp_path / "out.zip", save_images=True)
    with zipfile.ZipFile(archive) as opened:
        assert sorted(opened.namelist()) == ["annotations.xml", "images/img0.jpg", "images/img2.jpg", "images/sub/img1.jpg"]
        etree.fromstring(opened.read("annotations.xml"))


# --- CVAT for video -----------------------------------------------------------------------------------------------


def _video_source(**fields: Any) -> MemorySource:
    frames = [frame(i, f"frame_{i:06d}.PNG") for i in range(6)]
    frames[0].tags.append(Tag("sunny"))
    frames[1].shapes.append(box("person", 1, 1, 5, 5, source="auto", attributes={"age": "7"}, group=3))
    frames[5].shapes.append(Shape("polygon", "person", [1, 1, 9, 1, 9, 9], z_order=2))
    car = Track("car", [
        TrackedShape("rectangle", 0, [0, 0, 10, 10], attributes={"parked": "false"}),
        TrackedShape("rectangle", 3, [3, 3, 13, 13], occluded=True, attributes={"parked": "true"}),
        TrackedShape("rectangle", 5, [3, 3, 13, 13], outside=True),
    ], group=2, source="semi-auto", attributes={"color": "blue"}, id=0)
    animal = Track("animal", [TrackedShape("skeleton", 1, []), TrackedShape("skeleton", 4, [])], elements=[
        Track("head", [TrackedShape("points", 1, [10, 10]), TrackedShape("points", 4, [16, 16])]),
        Track("tail", [TrackedShape("points", 1, [20, 20]), TrackedShape("points", 2, [20, 20], outside=True)]),
    ], id=1)
    return MemorySource(replace(meta(size=6, is_video=True), **fields), frames, [car, animal])


def _frames(track: Track) -> list[tuple[int, bool]]:
    return [(s.frame, s.outside) for s in track.shapes]


def test_video_writes_every_frame_of_a_track_and_reads_back_its_keyframes(tmp_path: Path) -> None:
    root = export_to_dir(VIDEO, _video_source(), tmp_path / "out")
    first = _xml(root).find("track")
    assert first is not None and dict(first.attrib) == {"id": "0", "label": "car", "source": "semi-auto", "group_id": "2"}
    assert [(b.get("frame"), b.get("keyframe"), b.get("outside"), b.get("xtl")) for b in first] == [
        ("0", "1", "0", "0.00"), ("1", "0", "0", "1.00"), ("2", "0", "0", "2.00"), ("3", "1", "0", "3.00"),
        ("4", "0", "0", "3.00"), ("5", "1", "1", "3.00")]
    assert list(first[0].attrib) == ["frame", "keyframe", "outside", "occluded", "xtl", "ytl", "xbr", "ybr", "z_order"]
    car = import_from(IMPORT, root).tracks[0]
    # Interpolated frames do not come back as keyframes; attributes are on every keyframe.
    assert (car.label, car.group, car.source, _frames(car)) == ("car", 2, "semi-auto", [(0, False), (3, False), (5, True)])
    assert [s.points for s in car.shapes] == [[0, 0, 10, 10], [3, 3, 13, 13], [3, 3, 13, 13]]
    assert [s.occluded for s in car.shapes] == [False, True, False]
    assert [s.attributes for s in car.shapes] == [{"parked": "false", "color": "blue"}, {"parked": "true", "color": "blue"},
                                                  {"parked": "true", "color": "blue"}]
    assert all(s.keyframe for s in car.shapes)


def test_video_skeleton_tracks_keep_each_points_keyframes(tmp_path: Path) -> None:
    root = export_to_dir(VIDEO, _video_source(), tmp_path / "out")
    skeleton_track = _xml(root).findall("track")[1]
    frames = skeleton_track.findall("skeleton")
    assert [(s.get("frame"), s.get("keyframe")) for s in frames] == [("1", "1"), ("2", "0"), ("3", "0"), ("4", "1"), ("5", "0")]
    assert [(p.get("label"), p.get("keyframe"), p.get("outside")) for p in frames[1]] == [("head", "0", "0"), ("tail", "1", "1")]
    animal = import_from(IMPORT, root).tracks[1]
    assert animal.label == "animal" and _frames(animal) == [(1, False), (4, False)]
    head, tail = animal.elements
    assert (head.label, _frames(head), [s.points for s in head.shapes]) == ("head", [(1, False), (4, False)], [[10, 10], [16, 16]])
    assert (tail.label, _frames(tail)) == ("tail", [(1, False), (2, True)])


def test_video_shapes_become_tracks_closed_on_the_next_frame(tmp_path: Path) -> None:
    root = export_to_dir(VIDEO, _video_source(), tmp_path / "out")
    dataset = import_from(IMPORT, root)
    person, polygon = dataset.tracks[2:]
    assert (person.label, person.group, person.source, _frames(person)) == ("person", 3, "auto", [(1, False), (2, True)])
    assert person.shapes[0].attributes == {"age": "7"} == person.shapes[1].attributes
    # On the last frame there is no next frame to close it on.
    assert (polygon.id, _frames(polygon), polygon.shapes[0].z_order) == (3, [(5, False)], 2)
    assert [t.id for t in dataset.tracks] == [0, 1, 2, 3]
    # CVAT for video has no tags.
    assert list(dataset.items) == [] and not _xml(root).findall(".//tag")


def test_video_mask_and_skeleton_shapes(tmp_path: Path) -> None:
    mask = bitmap_to_cvat_mask(np.eye(48, 64, dtype=bool))
    skeleton = Shape("skeleton", "animal", [], elements=[Shape("points", "head", [1, 1]), Shape("points", "tail", [2, 2], outside=True)])
    source = MemorySource(meta(size=3, is_video=True), [
        frame(0, "frame_000000.PNG", [Shape("mask", "person", mask, occluded=True)]), frame(1, "frame_000001.PNG", [skeleton]),
        frame(2, "frame_000002.PNG")])
    dataset = import_from(IMPORT, export_to_dir(VIDEO, source, tmp_path / "out"))
    # A mask track comes back as the mask on its first frame, as CVAT imports it.
    (item,) = dataset.items
    assert item.frame == 0 and [(s.type, s.points, s.occluded) for s in item.shapes] == [("mask", mask, True)]
    (track,) = dataset.tracks
    assert _frames(track) == [(1, False), (2, True)]
    assert [(e.label, _frames(e)) for e in track.elements] == [("head", [(1, False), (2, True)]), ("tail", [(1, True), (2, True)])]


def test_video_skips_deleted_frames(tmp_path: Path) -> None:
    source = replace(_video_source(), deleted_frames=frozenset({2, 3}))
    root = export_to_dir(VIDEO, source, tmp_path / "out")
    tracks = _xml(root).findall("track")
    # The keyframe on deleted frame 3 is ignored, as CVAT does (the box moves on to the outside keyframe
    # instead); the shape on frame 1 closes on frame 4, the next frame there is.
    assert [(b.get("frame"), b.get("keyframe"), b.get("xtl")) for b in tracks[0]] == [
        ("0", "1", "0.00"), ("1", "0", "0.60"), ("4", "0", "2.40"), ("5", "1", "3.00")]
    assert [b.get("frame") for b in tracks[2]] == ["1", "4"]


def test_video_frame_numbers_follow_start_and_step(tmp_path: Path) -> None:
    root = export_to_dir(VIDEO, _video_source(start_frame=10, stop_frame=25, frame_filter="step=3"), tmp_path / "out")
    track = _xml(root).find("track")
    assert track is not None and [b.get("frame") for b in track] == ["10", "13", "16", "19", "22", "25"]
    assert _frames(import_from(IMPORT, root).tracks[0]) == [(0, False), (3, False), (5, True)]


def test_video_project_tracks_carry_their_task(tmp_path: Path) -> None:
    project = DatasetMeta("project", 1, "p", LABELS, is_video=True, tasks=((4, "a", 2, "train"), (5, "b", 2, "train")))
    track = Track("car", [TrackedShape("rectangle", 0, [1, 1, 4, 4])], id=1)
    frames = [replace(frame(i, f"frame_{i:06d}.PNG", subset="train"), task_id=task) for task in (4, 5) for i in range(2)]
    frames[2].shapes.append(box("car", 2, 2, 3, 3))

    class Source(MemorySource):
        """Shows the track on task 5's frames, as the server expands it."""

        def frames(self) -> Iterator[Frame]:
            for f in self.frame_list:
                yield replace(f, shapes=[*f.shapes, *([replace(box("car", 1, 1, 4, 4), track_id=1)] if f.task_id == 5 else [])])

    root = export_to_dir(VIDEO, Source(project, frames, [Track("person", [], id=0), track]), tmp_path / "out")
    tracks = _xml(root).findall("track")
    assert [(t.get("id"), t.get("task_id"), t.get("subset"), [b.get("frame") for b in t]) for t in tracks] == [
        ("1", "5", "train", ["2", "3"]), ("2", "5", "train", ["2", "3"])]


def test_video_export_is_streamed_after_the_tracks(tmp_path: Path) -> None:
    root = export_to_dir(VIDEO, _video_source(), tmp_path / "out")
    text = (root / "annotations.xml").read_text()
    assert text.index("</meta>") < text.index('<track id="0"') < text.index('<track id="2"') < text.rindex("</annotations>")
    assert text.endswith("</annotations>\n")


# --- Datumaro conformance -----------------------------------------------------------------------------------------

def _dm_annotations(path: Path) -> dict[str, list[tuple[str, str, Any]]]:
    dataset = dm.Dataset.import_from(str(path), "cvat")
    labels = dataset.categories()[dm.AnnotationType.label]
    return {item.id: [(a.type.name, labels[a.label].name, a) for a in item.annotations] for item in dataset}


# Datumaro decodes masks with pycocotools, which warns under NumPy 2.
@pytest.mark.filterwarnings("ignore:__array__ implementation doesn't accept a copy keyword:DeprecationWarning")
def test_images_export_loads_in_datumaro(tmp_path: Path) -> None:
    root = export_to_dir(IMAGES, _with_media(rich_source()), tmp_path / "out", save_images=True)
    found = _dm_annotations(root)
    assert set(found) == {"img0", "sub/img1", "img2"}
    first = {(kind, label, tuple(a.get_bbox()) if kind == "mask" else tuple(getattr(a, "points", ()))): a
             for kind, label, a in found["img0"]}
    car = first[("bbox", "car", (1.0, 2.0, 21.0, 22.0))]
    assert car.group == 1 and car.attributes == {"color": "blue", "parked": True, "occluded": False}
    polygon = first[("polygon", "person", (5.0, 5.0, 30.0, 5.0, 30.0, 30.0, 5.0, 30.0))]
    assert polygon.z_order == 1 and polygon.attributes["age"] == 40.0
    assert first[("polyline", "car", (1.0, 1.0, 10.0, 20.0, 30.0, 5.0))].attributes["occluded"] is True
    assert ("points", "person", (3.0, 4.0, 8.0, 9.0)) in first
    # Datumaro reads a skeleton's points as plain points of the point labels.
    assert ("points", "head", (12.0, 12.0)) in first and ("points", "tail", (28.0, 30.0)) in first
    (mask,) = [a for kind, _, a in found["img0"] if kind == "mask"]
    assert np.array_equal(mask.image.astype(bool), cvat_mask_to_frame(rich_source().frame_list[0].shapes[5].points, 64, 48))
    (rotated,) = [a for kind, _, a in found["sub/img1"] if kind == "rotated_bbox"]
    assert (rotated.cx, rotated.cy, rotated.w, rotated.h, rotated.r) == (20.0, 25.0, 20.0, 30.0, 30.0)
    assert [label for kind, label, _ in found["img0"] if kind == "label"] == ["sunny"]


def test_video_export_loads_in_datumaro(tmp_path: Path) -> None:
    # Datumaro reads neither skeleton nor mask tracks, so the source holds boxes and polygons only.
    source = _video_source()
    source.track_list = source.track_list[:1]
    found = _dm_annotations(export_to_dir(VIDEO, source, tmp_path / "out"))
    assert set(found) == {f"frame_{i:06d}" for i in range(6)}
    car = [(item, a.points, a.attributes["keyframe"], a.attributes["outside"])
           for item, annotations in sorted(found.items()) for kind, label, a in annotations if a.attributes["track_id"] == 0]
    assert [(item[-1], points[0], key, outside) for item, points, key, outside in car] == [
        ("0", 0.0, True, False), ("1", 1.0, False, False), ("2", 2.0, False, False), ("3", 3.0, True, False),
        ("4", 3.0, False, False), ("5", 3.0, True, True)]
    person = [(item, label, a.attributes["outside"]) for item, annotations in sorted(found.items())
              for kind, label, a in annotations if a.attributes["track_id"] == 1]
    assert person == [("frame_000001", "person", False), ("frame_000002", "person", True)]


def _datumaro_dataset() -> Any:
    image = dm.Image.from_numpy(np.zeros((10, 12, 3), dtype=np.uint8))
    mask = np.zeros((10, 12), dtype=np.uint8)
    mask[2:5, 3:7] = 1
    mask[7, 0] = 1
    return dm.Dataset.from_iterable([
        dm.DatasetItem("a/img1", subset="train", media=image, attributes={"frame": 3}, annotations=[
            dm.Bbox(1, 2, 3, 4, label=0, group=2, z_order=1, attributes={"occluded": True, "kind": "x"}),
            dm.Polygon([1, 1, 5, 1, 5, 5], label=1), dm.PolyLine([0, 0, 3, 3], label=1), dm.Points([2, 2, 4, 4], label=0),
            dm.Mask(mask, label=1), dm.Label(0, attributes={"kind": "y"})]),
        dm.DatasetItem("img2", subset="val", media=dm.Image.from_numpy(np.zeros((8, 8, 3), dtype=np.uint8))),
    ], categories={dm.AnnotationType.label: dm.LabelCategories.from_iterable([("car", "", ["kind"]), "person"])})


def test_datumaro_export_imports(tmp_path: Path) -> None:
    _datumaro_dataset().export(str(tmp_path), "cvat", save_media=True)
    dataset = import_from(IMPORT, tmp_path)
    assert [(label.name, [a.name for a in label.attributes]) for label in dataset.labels] == [("car", ["kind"]), ("person", [])]
    items = _items(dataset)
    assert [(n, i.frame, i.subset, i.width, i.height) for n, i in items.items()] == [
        ("a/img1.jpg", 3, "train", 12, 10), ("img2.jpg", 0, "val", 8, 8)]
    assert items["a/img1.jpg"].image == tmp_path / "images" / "a" / "img1.jpg"
    shapes = {s.type: s for s in items["a/img1.jpg"].shapes}
    car = shapes["rectangle"]
    assert (car.label, car.points, car.occluded, car.z_order, car.group, car.attributes) == (
        "car", [1.0, 2.0, 4.0, 6.0], True, 1, 2, {"kind": "x"})
    assert shapes["polygon"].points == [1, 1, 5, 1, 5, 5] and shapes["polyline"].points == [0, 0, 3, 3]
    assert shapes["points"].label == "car" and shapes["points"].points == [2, 2, 4, 4]
    expected = np.zeros((10, 12), dtype=bool)
    expected[2:5, 3:7] = True
    expected[7, 0] = True
    assert np.array_equal(cvat_mask_to_frame(shapes["mask"].points, 12, 10), expected)
    assert items["a/img1.jpg"].tags == [Tag("car", attributes={"kind": "y"})]


def test_datumaro_tracks_without_keyframe_flags(tmp_path: Path) -> None:
    image = dm.Image.from_numpy(np.zeros((10, 12, 3), dtype=np.uint8))
    dm.Dataset.from_iterable([
        dm.DatasetItem(f"frame_{i:06d}", media=image, attributes={"frame": i},
                       annotations=[dm.Bbox(i, 2, 3, 4, label=0, attributes={"track_id": 7})] if i != 2 else [])
        for i in range(5)
    ], categories=["car"]).export(str(tmp_path), "cvat", use_track=True)
    (track,) = import_from(IMPORT, tmp_path).tracks
    # Every listed frame is a keyframe; where the track is missing, and after its end, it is outside.
    assert _frames(track) == [(0, False), (1, False), (2, True), (3, False), (4, False), (5, True)]
    assert track.shapes[3].points == [3.0, 2.0, 6.0, 6.0]


# --- the sample datasets ------------------------------------------------------------------------------------------


def test_sample_for_images() -> None:
    dataset = import_from(IMPORT, SAMPLE / "for_images")
    assert [(label.name, len(label.attributes), [s.name for s in label.sublabels]) for label in dataset.labels] == [
        ("label1", 4, []), ("label2", 0, []), ("skeleton", 0, ["1", "2", "3", "4"])]
    assert [(a.name, a.input_type, a.values) for a in dataset.labels[0].attributes] == [
        ("a1", "checkbox", ("false", "true")), ("a2", "radio", ("v1", "v2", "v3")), ("a3", "text", ("0001 0002 0003",)),
        ("a4", "number", ("2.4", "1", "-5.6"))]
    assert "data-label-name" in dataset.labels[2].svg and dataset.labels[2].sublabels[0].color == "#d12345"
    items = _items(dataset)
    assert [(n, i.frame, i.subset, i.width, i.height) for n, i in items.items()] == [
        ("img0.jpg", 0, "train", 8, 8), ("img1.jpg", 1, "train", 10, 10)]
    assert all(i.image == SAMPLE / "for_images" / "images" / n for n, i in items.items())
    first, second = items["img0.jpg"].shapes, items["img1.jpg"].shapes
    assert [(s.type, s.label, s.z_order) for s in first] == [("rectangle", "label1", 1), ("polyline", "", 0), ("skeleton", "skeleton", 0)]
    assert first[0].occluded and first[0].points == [0, 2, 4, 4]
    assert first[0].attributes == {"a1": "true", "a2": "v3", "a3": "0003", "a4": "2.4"}
    assert [(p.label, p.points, p.outside) for p in first[2].elements] == [
        ("1", [1, 1], True), ("2", [2, 2], False), ("3", [3, 3], False), ("4", [4, 4], False)]
    assert [(s.type, s.label, s.z_order, len(s.points)) for s in second] == [
        ("polygon", "", 1, 6), ("points", "label2", 2, 6), ("skeleton", "skeleton", 0, 0)]
    assert [p.outside for p in second[2].elements] == [False, False, True, False]


def test_sample_for_video() -> None:
    dataset = import_from(IMPORT, SAMPLE / "for_video")
    assert [label.name for label in dataset.labels] == ["klhg", "z U k", "II", "skeleton"]
    assert dataset.labels[0].attributes[0] == dataset.labels[0].attribute("hgl")
    hgl = dataset.labels[0].attributes[0]
    assert (hgl.mutable, hgl.input_type, hgl.values, hgl.default_value) == (True, "select", ("jk", "hgkf"), "jk")
    # Frames 10, 13, 16 of a task starting at 10 with step 3 are its frames 0, 1, 2.
    items = list(dataset.items)
    assert [(i.name, i.frame, i.width, i.height, i.image and i.image.name) for i in items] == [
        ("frame_000010", 0, 25, 20, "frame_000010.png"), ("frame_000013", 1, 25, 20, "frame_000013.png")]
    assert [(t.id, t.label, t.shapes[0].type, _frames(t)) for t in dataset.tracks] == [
        (0, "II", "rectangle", [(0, False), (1, True), (2, True)]), (1, "klhg", "points", [(0, False), (1, True)]),
        (2, "II", "polyline", [(1, False), (2, True)]), (3, "skeleton", "skeleton", [(0, False)])]
    assert dataset.tracks[0].shapes[0].occluded and dataset.tracks[0].shapes[0].points == [3, 4, 10, 5]
    assert [s.attributes for s in dataset.tracks[1].shapes] == [{"hgl": "hgkf"}, {"hgl": "jk"}]
    skeleton = dataset.tracks[3]
    assert [(e.label, _frames(e)) for e in skeleton.elements] == [
        ("1", [(0, False)]), ("2", [(0, False)]), ("3", [(0, False), (1, True)]), ("4", [(0, False)])]
    assert skeleton.elements[0].shapes[0].points == [48.8, 111.77]


# --- input layouts ------------------------------------------------------------------------------------------------


def test_bare_file_and_deeper_root(tmp_path: Path) -> None:
    export_to_dir(IMAGES, rich_source(), tmp_path / "top" / "inner")
    bare = import_from(IMPORT, tmp_path / "top" / "inner" / "annotations.xml")
    deeper = import_from(IMPORT, tmp_path / "top")
    assert [i.name for i in bare.items] == [i.name for i in deeper.items] == ["img0.jpg", "sub/img1.jpg", "img2.jpg"]


def test_items_stream(tmp_path: Path) -> None:
    body = '<image id="0" name="a.png"><box label="car" xtl="1" ytl="1" xbr="2" ybr="2"/></image>\n' * 3
    path = _write(tmp_path / "annotations.xml", _document(body + '<image id="3" name="d.png"><box label="car"/></image>'))
    items = iter(import_from(IMPORT, path).items)
    assert [next(items).name for _ in range(3)] == ["a.png"] * 3
    with pytest.raises(DatasetError, match="no xtl attribute"):
        next(items)


def test_zip_of_an_export_round_trips(tmp_path: Path) -> None:
    archive = export_to_zip(VIDEO, _video_source(), tmp_path / "out.zip")
    zipfile.ZipFile(io.BytesIO(archive.read_bytes())).extractall(tmp_path / "extracted")
    assert len(import_from(IMPORT, tmp_path / "extracted").tracks) == 4


# --- bad input ----------------------------------------------------------------------------------------------------


def _error(tmp_path: Path, text: str) -> DatasetError:
    path = _write(tmp_path / "dataset" / "annotations.xml", text)
    with pytest.raises(DatasetError) as caught:
        dataset = import_from(IMPORT, path.parent)
        list(dataset.items)
    return caught.value


def test_malformed_xml_names_file_and_line(tmp_path: Path) -> None:
    error = _error(tmp_path, _document('<image id="0" name="a.png">\n<box label="car">\n</image>'))
    assert error.file == "annotations.xml" and error.line == 7 and "malformed XML" in str(error)


def test_entities_are_refused(tmp_path: Path) -> None:
    text = '<?xml version="1.0"?>\n<!DOCTYPE annotations [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]>\n<annotations>&b;</annotations>'
    error = _error(tmp_path, text)
    assert "entities are not allowed" in str(error) and error.file == "annotations.xml"


def test_other_xml_is_not_cvat(tmp_path: Path) -> None:
    error = _error(tmp_path, "<annotation><filename>a.jpg</filename><object/></annotation>")
    assert "not a CVAT XML file" in str(error) and "<annotation>" in str(error) and error.line == 1


def test_json_is_not_xml(tmp_path: Path) -> None:
    path = _write(tmp_path / "instances.xml", '{"images": []}')
    with pytest.raises(DatasetError, match="malformed XML") as caught:
        import_from(IMPORT, path)
    assert caught.value.file == "instances.xml"


def test_folder_without_xml(tmp_path: Path) -> None:
    _write(tmp_path / "labels" / "a.txt", "0 0.5 0.5 0.1 0.1")
    with pytest.raises(DatasetError, match="no annotations.xml"):
        import_from(IMPORT, tmp_path)


@pytest.mark.parametrize(("element", "message"), [
    ('<circle label="car" cx="1"/>', "unknown element <circle> in <image>"),
    ('<box label="car" xtl="1" ytl="1" xbr="2"/>', "<box> has no ybr attribute"),
    ('<box label="car" xtl="abc" ytl="1" xbr="2" ybr="2"/>', 'xtl="abc" of <box> is not a number'),
    ('<box label="car" xtl="1" ytl="1" xbr="2" ybr="2" z_order="up"/>', 'z_order="up" of <box> is not an integer'),
    ('<box xtl="1" ytl="1" xbr="2" ybr="2"/>', "<box> has no label attribute"),
    ('<box label="car" xtl="nan" ytl="1" xbr="2" ybr="2"/>', "not finite"),
    ('<polygon label="car" points="1,1;2,2"/>', "needs at least 3 x,y points"),
    ('<polyline label="car" points="1,1;2;3,3"/>', "at least 2 x,y points, got 2.5"),
    ('<points label="car" points="1,x"/>', "is not a list of x,y;x,y numbers"),
    ('<mask label="car" rle="1, 2" left="0" top="0" width="2" height="2"/>', "sum to 3, but its box holds 4"),
    ('<mask label="car" rle="1, a" left="0" top="0" width="2" height="2"/>', "is not a list of integers"),
    ('<box label="car" xtl="1" ytl="1" xbr="2" ybr="2"><circle/></box>', "unknown element <circle> in <box>"),
    ('<tag label="car"><attribute>x</attribute></tag>', "<attribute> has no name"),
])
def test_bad_shapes_name_the_line(tmp_path: Path, element: str, message: str) -> None:
    error = _error(tmp_path, _document(f'<image id="0" name="a.png" width="4" height="4">\n{element}\n</image>'))
    assert message in str(error) and (error.file, error.line) == ("annotations.xml", 6)


@pytest.mark.parametrize(("body", "message", "line"), [
    ('<track id="0" label="car">\n<box frame="x" keyframe="1" xtl="1" ytl="1" xbr="2" ybr="2"/>\n</track>',
     'frame="x" of <box> is not an integer', 6),
    ('<track id="0" label="car">\n<box frame="4" keyframe="1" xtl="1" ytl="1" xbr="2" ybr="2"/>\n</track>',
     "frame 4 is not a frame of the annotated task", 6),
    ('<track id="0" label="car">\n<circle frame="1"/>\n</track>', "unknown element <circle> in <track>", 6),
    ('<track id="0">\n</track>', "<track> has no label attribute", 5),
    ('<image id="0" name="a.png"/>\n<track id="0" label="car"/>', "a <track> after <image> elements", 6),
])
def test_bad_tracks_name_the_line(tmp_path: Path, body: str, message: str, line: int) -> None:
    meta_xml = "<meta><task><start_frame>1</start_frame><frame_filter>step=2</frame_filter></task></meta>"
    error = _error(tmp_path, _document(body, meta_xml))
    assert message in str(error) and error.line == line


@pytest.mark.parametrize(("meta_xml", "message"), [
    ("<meta><task><start_frame>soon</start_frame></task></meta>", "<start_frame> holds 'soon', not an integer"),
    ("<meta><task><labels><label><color>#fff</color></label></labels></task></meta>", "a <label> has no <name>"),
    ("<meta><task><labels><label><name>p</name><parent>q</parent></label></labels></task></meta>",
     'label "p" names an unknown parent "q"'),
])
def test_bad_meta(tmp_path: Path, meta_xml: str, message: str) -> None:
    assert message in str(_error(tmp_path, _document("", meta_xml)))


def test_empty_file(tmp_path: Path) -> None:
    error = _error(tmp_path, "")
    assert error.file == "annotations.xml" and "XML" in str(error)


def test_every_frame_shape_is_checked_in_the_unflagged_case(tmp_path: Path) -> None:
    body = '<track id="0" label="car">\n<box frame="0" xtl="1" ytl="1" xbr="2" ybr="2"/>\n<box frame="1" xtl="?" ytl="1" xbr="2" ybr="2"/>\n</track>'
    assert 'xtl="?"' in str(_error(tmp_path, _document(body)))
